"""Documents for other steering models than Heby's: every level appears as what it is.

The repositories are in :mod:`tests.render.shapes`: a big city's five levels (KF decides
two goal levels, the lower measured; enhetsmål below the nämndmål) and a small kommun's
three (KF's measured goals, the nämnd's activities straight below them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from malstyrning.render.records import Site
from tests.render.render_support import load, texts
from tests.render.shapes import FIVE_LEVELS, THREE_LEVELS, write
from tests.render.test_render_views import _site, doc

# Heby's own words: they must not appear where the model does not use them.
HEBY_WORDS = re.compile(r"\b(effektmål\w*|inriktning(ar|en|arna)?)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("fem"), FIVE_LEVELS)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("tre"), THREE_LEVELS)


@pytest.mark.parametrize("shape", ["five", "three"])
def test_the_shapes_validate_without_findings(shape: str, request: pytest.FixtureRequest
                                              ) -> None:
    result = load(request.getfixturevalue(shape))
    assert [f"{f.code} {f.file}: {f.message}" for f in result.findings] == []


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("shape", ["five", "three"])
def test_no_heby_word_in_documents_of_another_model(shape: str, fmt: str,
                                                    request: pytest.FixtureRequest) -> None:
    rendered = texts(request.getfixturevalue(shape), fmt)
    for name, text in rendered.items():
        found = HEBY_WORDS.findall(text)
        assert not found, f"{name}: {found[:3]}"
        if not name.startswith("maluppfyllelse"):  # there: "not in the follow-up"
            assert "Status saknas" not in text, name
        assert "Inte angiven" not in text, name


def _five(five: Path) -> Site:
    return _site(load(five))


def test_kf_levels_nest_with_their_indicators(five: Path) -> None:
    site = _five(five)
    kp = doc(site, "kommunplan").data
    [im1] = kp.directions
    assert im1.id == "IM1" and not im1.goals and not im1.missing
    [vo1] = im1.subgoals
    assert (vo1.id, vo1.level_name, vo1.depth) == ("VO1", "Verksamhetsområdesmål", 1)
    assert vo1.indicators is not None and [r.id for r in vo1.indicators.rows] == ["VO1-I1"]
    assert [(g.id, g.level_name) for g in vo1.goals] == [("UN-M1", "Nämndmål")]
    # the coverage matrix crosses the nämnder with KF's lowest level
    assert [c.id for c in kp.coverage.columns] == ["VO1"]
    assert [r.counts for r in kp.coverage.rows] == [(1,)]


def test_namnd_plan_shows_every_level_below_its_goal(five: Path) -> None:
    site = _five(five)
    plan = doc(site, "namndplan").data
    [goal] = plan.goals
    assert goal.id == "UN-M1" and [p.level_name for p in goal.parents] == [
        "Verksamhetsområdesmål"]
    [sub] = goal.subgoals
    assert (sub.id, sub.level_name, sub.org_name) == ("S1-M1", "Enhetsmål", "Bergsskolan")
    assert [(a.id, a.status.key, a.responsible) for a in sub.activities] == [
        ("S1-A1", "pågående", "Rektor")]
    assert [(a.id, a.status.key) for a in goal.activities] == [("S1-A2", "ej påbörjad")]
    assert plan.goal_count == 2 and plan.activity_count == 2


def test_followup_reports_kf_assessments_and_kf_indicators(five: Path) -> None:
    site = _five(five)
    kommun = doc(site, "maluppfyllelse").data
    [im1] = kommun.directions
    [vo1] = im1.subgoals
    assert vo1.assessed and vo1.assessment.key == "uppfyllt"
    assert vo1.indicators is not None
    [row] = vo1.indicators.rows
    assert (row.id, row.outcome.value, row.status.key) == ("VO1-I1", 81, "uppfyllt")
    assert vo1.suggestion is not None and vo1.suggestion.key == "uppfyllt"
    # IM1 rolls up from VO1 (KF's assessment), not from the nämndmål two levels down
    assert im1.rollup.key == "uppfyllt" and im1.summary.total == 1
    # the enhetsmål builds on a nämndmål that reaches KF: it is not "without" a link
    assert kommun.loose_goals == ()
    namnd = doc(site, "maluppfyllelse_namnd").data
    assert [g.id for g in namnd.goals] == ["S1-M1", "UN-M1"]
    assert {a.id: (a.status.key, a.reported) for a in namnd.activities} == {
        "S1-A1": ("genomförd", True), "S1-A2": ("", False)}


def test_three_levels_activities_under_kf_goals(three: Path) -> None:
    site = _site(load(three))
    kp = doc(site, "kommunplan").data
    [m1] = kp.directions
    assert m1.indicators is not None and [r.id for r in m1.indicators.rows] == ["M1-I1"]
    assert [(g.id, g.level_name) for g in m1.goals] == [("KS-A1", "Aktivitet")]
    plan = doc(site, "namndplan").data
    assert plan.goals == () and plan.activity_count == 1
    [group] = plan.groups
    assert group.parent.id == "M1" and [a.id for a in group.activities] == ["KS-A1"]
    # a link to the activity leads to its group in the nämnd's plan
    link = site_link = group.activities[0].goals[0]
    assert link.id == "M1" and site_link.doc == "kommunens-plan"
    kommun = doc(site, "maluppfyllelse").data
    # the summary counts KF's measured goals, never activities as goals
    assert kommun.noun == "mål" and kommun.summary.total == 1
    assert kommun.summary.count("delvis uppfyllt") == 1
    [m1r] = kommun.directions
    assert m1r.suggestion is not None and m1r.suggestion.key == "ej uppfyllt"  # 79 of 80
    assert [(a.id, a.status.key) for a in m1r.activities] == [("KS-A1", "genomförd")]
    namnd = doc(site, "maluppfyllelse_namnd").data
    assert namnd.goals == () and [a.id for a in namnd.activities] == ["KS-A1"]


def test_three_levels_documents_in_words(three: Path) -> None:
    md = texts(three, "md")
    plan = md["verksamhetsplan-ks.md"]
    assert "### Aktiviteter som bidrar till M1 Fler invånare har arbete" in plan
    assert "| Företagslotsen träffar alla nya företag (KS-A1) |" in plan
    assert "◐ Pågående" in plan
    kommun = md["maluppfyllelse-2027-helar.md"]
    assert "aktiviteter uppfyllda" not in kommun
    assert "**0 av 1 mål uppfyllda, 1 delvis uppfyllt" in kommun
    kp = md["kommunens-plan.md"]
    assert "Ingen nämnd har" not in kp
    assert "**Indikatorer för M1**" in kp
