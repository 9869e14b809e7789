"""The view model: each document's data computed from the plan model, without templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_support import load, write_small_repo

from malstyrning.pipeline import RunResult
from malstyrning.render.records import Document, Site
from malstyrning.render.site import build_site
from malstyrning.render.views import select_period


@pytest.fixture(scope="module")
def example_site(example_result: RunResult) -> Site:
    return build_site(example_result.model, example_result.settings, example_result.findings)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return load(write_small_repo(tmp_path_factory.mktemp("small")))


def doc(site: Site, kind: str) -> Document:
    found = site.document(kind)
    assert found is not None, kind
    return found


def _site(result: RunResult, **kwargs: object) -> Site:
    return build_site(result.model, result.settings, result.findings, **kwargs)  # type: ignore[arg-type]


def test_documents_and_their_order(example_site: Site) -> None:
    assert [d.stem for d in example_site.documents] == [
        "index", "kommunens-plan", "verksamhetsplan-ks", "verksamhetsplan-ubn",
        "verksamhetsplan-von", "verksamhetsplan-sbn", "verksamhetsplan-bmn",
        "verksamhetsplan-kfn", "maluppfyllelse-2027-helar", "maluppfyllelse-2027-helar-ks",
        "maluppfyllelse-2027-helar-ubn", "maluppfyllelse-2027-helar-von",
        "maluppfyllelse-2027-helar-sbn", "maluppfyllelse-2027-helar-bmn",
        "maluppfyllelse-2027-helar-kfn", "malkedjan", "kvalitetsgranskning"]
    assert doc(example_site, "kommunplan").title == "Mål och budget 2027–2029"
    assert doc(example_site, "maluppfyllelse").title == "Årsredovisning 2027"


def test_coverage_matrix_counts_goals_per_namnd_and_inriktning(example_site: Site) -> None:
    cov = doc(example_site, "kommunplan").data.coverage
    assert [c.id for c in cov.columns] == ["I1", "I2", "I3", "I4", "I5"]
    rows = {r.org.org: r.counts for r in cov.rows}
    assert rows["UBN"] == (3, 0, 0, 0, 1)
    assert rows["SBN"] == (0, 0, 1, 2, 1)
    assert cov.column_totals == (4, 3, 5, 3, 5)
    assert cov.total == 20
    assert cov.gaps == sum(1 for r in cov.rows for c in r.counts if c == 0) == 18


def test_inriktning_lists_goals_from_all_namnder(example_site: Site) -> None:
    i1 = doc(example_site, "kommunplan").data.directions[0]
    assert [(g.id, g.org_name) for g in i1.goals] == [
        ("KFN-E2", "Kultur- och fritidsnämnden"), ("UBN-E1", "Utbildningsnämnden"),
        ("UBN-E2", "Utbildningsnämnden"), ("UBN-E3", "Utbildningsnämnden")]
    assert i1.goals[1].doc == "verksamhetsplan-ubn" and i1.goals[1].anchor == "m-ubn-e1"
    assert [(s.goal, s.targets, s.direct) for s in i1.sdgs] == [("4", ("4.1", "4.2"), True)]


def test_namnd_plan_groups_activities_under_goals(example_site: Site) -> None:
    ubn = next(d.data for d in example_site.of_kind("namndplan") if d.data.org == "UBN")
    assert ubn.frame == 548900 and ubn.kf_frame == 548900 and not ubn.frame_differs
    e1 = ubn.goals[0]
    assert e1.id == "UBN-E1" and e1.target_group == "Elever i grundskolan"
    assert e1.period == "2027–2028"
    assert [a.id for a in e1.activities] == ["UF-A1", "UF-VAS-A1"]
    assert e1.activities[1].org_name == "Vretaskolan"
    assert e1.activities[1].status.text == "Pågående" and e1.activities[1].status.symbol
    ind = e1.indicators
    assert ind.years == (2027, 2028) and ind.kolada
    assert ind.rows[0].target(2028) == 78 and ind.rows[0].target(2029) is None
    assert ubn.activity_count == 7


def test_activity_linked_to_two_goals_is_listed_under_both(example_site: Site) -> None:
    von = next(d.data for d in example_site.of_kind("namndplan") if d.data.org == "VON")
    under = {g.id: [a.id for a in g.activities] for g in von.goals}
    assert "VOF-A2" in under["VON-E1"] and "VOF-A2" in under["VON-E2"]
    assert von.activity_count == 6


def test_frames_table_in_register_order_with_sum(example_site: Site) -> None:
    frames = doc(example_site, "kommunplan").data.frames
    assert [r.org for r in frames.rows] == ["KS", "UBN", "VON", "SBN", "BMN", "KFN"]
    assert frames.sum == frames.total == 1289200 and not frames.differs


def test_policies_with_dates_and_links(example_site: Site) -> None:
    policies = doc(example_site, "kommunplan").data.policies
    op = next(p for p in policies if p.id == "SD-OP")
    assert op.kind == "Plan" and op.decided == "2024-06-18" and op.valid_to == "2035-12-31"
    assert [c.id for c in op.contributes_to] == ["I3", "I4"]


def test_agenda2030_coverage_lists_all_17_goals(example_site: Site) -> None:
    sdgs = doc(example_site, "kommunplan").data.sdgs
    assert [r.goal for r in sdgs.rows] == [str(i) for i in range(1, 18)]
    assert sdgs.touched == 10
    goal4 = sdgs.rows[3]
    assert goal4.targets == ("4.1", "4.2", "4.6", "4.a")
    assert [u.link.id for u in goal4.uses][:2] == ["I1", "KFN-E2"]
    assert not sdgs.rows[0].uses


def test_chain_outline_marks_repeats_and_diagrams_cover_every_inriktning(
        example_site: Site) -> None:
    chain = doc(example_site, "malkedjan").data
    (vision,) = chain.outline
    assert vision.link.id == "VISION" and len(vision.children) == 5
    i2 = vision.children[1]
    von_e2 = next(c for c in i2.children if c.link.id == "VON-E2")
    assert [c.repeat for c in von_e2.children if c.link.id == "VOF-A2"] == [True]
    assert chain.loose == ()
    assert [d.key for d in chain.diagrams] == ["oversikt", "i1", "i2", "i3", "i4", "i5"]
    i2_diagram = chain.diagrams[2]
    boxes = {b.id: b for b in i2_diagram.boxes}
    # VOF-A2 contributes to two goals in the same diagram: one box, two lines.
    assert sum(1 for b in i2_diagram.boxes if b.id == "VOF-A2") == 1
    key = boxes["VOF-A2"].key
    assert len([e for e in i2_diagram.edges if e.child == key]) == 2
    assert {b.column for b in i2_diagram.boxes} == {0, 1, 2}


def test_quality_groups_findings_by_namnd(small: RunResult) -> None:
    site = _site(small)
    quality = doc(site, "kvalitetsgranskning").data
    assert [g.key for g in quality.groups] == ["kommunfullmäktige", "UBN", "SBN"]
    sbn = quality.groups[2]
    assert [f.code for f in sbn.findings] == ["MS302"]
    assert sbn.count("varning") == 1 and quality.total == 1
    assert ("SBN-E1", True) in sbn.findings[0].message
    namnd = next(d.data for d in site.of_kind("namndplan") if d.data.org == "SBN")
    assert namnd.open_findings == 1


def test_findings_from_a_forvaltning_belong_to_its_namnd(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path)
    plan = root / "enheter" / "vas.yaml"
    text = plan.read_text("utf-8")
    needle = "bidrar_till: [UBN-E1]\n    ansvarig: Rektor\n    start: 2027-08-15"
    assert text.count(needle) == 1
    plan.write_text(text.replace(needle, needle.replace("UBN-E1", "UBN-E9")), "utf-8")
    result = load(root)
    quality = doc(_site(result), "kvalitetsgranskning").data
    ubn = next(g for g in quality.groups if g.key == "UBN")
    assert "MS211" in {f.code for f in ubn.findings}
    chain = doc(_site(result), "malkedjan").data
    assert [(i.link.id, i.reason) for i in chain.loose] == [
        ("UF-VAS-A2", "bidrar till id som inte finns: UBN-E9")]


def test_frames_that_do_not_add_up_are_shown(small: RunResult) -> None:
    frames = doc(_site(small), "kommunplan").data.frames
    assert frames.sum == 1250000.5 and not frames.differs


def test_organisation_option_renders_one_plan(small: RunResult) -> None:
    site = _site(small, organisation="UBN")
    assert [d.stem for d in site.documents] == ["verksamhetsplan-ubn"]
    assert [d.stem for d in _site(small, organisation="KF").documents] == ["kommunens-plan"]


def test_period_leaves_out_plans_outside_it(small: RunResult) -> None:
    assert len(select_period(small.model, (2030, 2031)).plans) == 0
    site = _site(small, period=(2030, 2031))
    ubn = next(d.data for d in site.of_kind("namndplan") if d.data.org == "UBN")
    assert not ubn.has_plan and ubn.goals == () and ubn.period == "2030–2031"
    assert site.period == "2030–2031"
    assert doc(site, "kvalitetsgranskning").data.total == 0


def test_blocking_findings_are_carried_for_the_warning_box(small: RunResult) -> None:
    site = _site(small, blocking=small.findings)
    assert [f.code for f in site.blocking] == ["MS302"]


def test_headers_give_decision_date_and_body(small: RunResult) -> None:
    site = _site(small, headers={"kf/plan.yaml": {"beslutad": "2026-11-23",
                                                  "beslutsinstans": "Kommunfullmäktige"}})
    kp = doc(site, "kommunplan").data
    assert kp.decided == "2026-11-23" and kp.decided_by == "Kommunfullmäktige"


def test_a_chain_without_activities(tmp_path: Path) -> None:
    """Another municipality's chain from malstyrning.yaml: vision → strategiska mål → nämndmål."""
    files = {
        "malstyrning.yaml": "typ: inställningar\nkommun: Annanby kommun\nkommunkod: \"0998\"\n"
                            "period: 2027\nmålkedja:\n"
                            "  - {typ: vision, nyckel: vision, namn: Vision, "
                            "nivåer: [kommunfullmäktige]}\n"
                            "  - {typ: inriktning, nyckel: inriktningar, namn: Strategiskt mål, "
                            "nivåer: [kommunfullmäktige], bidrar_till: [vision]}\n"
                            "  - {typ: effektmål, nyckel: effektmål, namn: Nämndmål, "
                            "slag: mål, nivåer: [nämnd], bidrar_till: [inriktning]}\n",
        "org.yaml": "typ: organisation\norganisationer:\n"
                    "  - {id: KF, namn: Kommunfullmäktige, nivå: kommunfullmäktige}\n"
                    "  - {id: BN, namn: Barnnämnden, nivå: nämnd, överordnad: KF}\n",
        "kf.yaml": "typ: verksamhetsplan\norganisation: KF\nnivå: kommunfullmäktige\n"
                   "period: 2027\nvision: {id: V, namn: Annanby växer}\n"
                   "inriktningar:\n  - {id: S1, namn: Skola, bidrar_till: [V]}\n",
        "bn.yaml": "typ: verksamhetsplan\norganisation: BN\nnivå: nämnd\nperiod: 2027\n"
                   "effektmål:\n  - {id: BN-1, namn: Bättre skola, period: 2027, "
                   "bidrar_till: [S1]}\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).write_text(text, "utf-8")
    site = _site(load(tmp_path))
    assert not site.levels.has_activities
    assert site.levels.direction.name == "Strategiskt mål"
    chain = doc(site, "malkedjan").data
    goal = chain.outline[0].children[0].children[0]
    assert goal.link.id == "BN-1" and goal.status is None
    assert [d.key for d in chain.diagrams] == ["oversikt", "s1"]


def test_example_followups_count_every_effektmal_once(example_site: Site) -> None:
    """The kommun-wide counts are the nämnder's counts added up, and every effektmål
    of the plan is counted (20 in the example)."""
    kommun = doc(example_site, "maluppfyllelse").data
    namnder = [d.data for d in example_site.of_kind("maluppfyllelse_namnd")]
    assert kommun.summary.total == 20 == sum(n.summary.total for n in namnder)
    for status in ("uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt"):
        assert kommun.summary.count(status) == sum(n.summary.count(status) for n in namnder)
    assert kommun.summary.headline == "6 av 20 effektmål uppfyllda"
    assert [d.id for d in kommun.directions] == ["I1", "I2", "I3", "I4", "I5"]
    assert sum(len(d.goals) for d in kommun.directions) == 20
    assert [f.id for f in kommun.financial_goals] == ["F1", "F2", "F3"]


def test_example_delar_leaves_out_what_only_the_year_end_knew(example_result: RunResult) -> None:
    """UBN-E2-I1 is missing in the delår (published in December) and 66,8 in the helår."""
    site = build_site(example_result.model, example_result.settings, example_result.findings,
                      followup="2027-delår")
    ubn = next(d.data for d in site.of_kind("maluppfyllelse_namnd") if d.data.org == "UBN")
    row = next(r for g in ubn.goals for r in g.indicators.rows if r.id == "UBN-E2-I1")
    assert row.outcome.value is None and "december" in row.outcome.missing
    assert row.chart is not None and [p.year for p in row.chart.outcomes] == [2025]
    assert row.status.key == "ej bedömt"
