"""MS603–MS606: Kolada ids against the KPI metadata in ``kolada/nyckeltal.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from malstyrning.checks.kolada import organisation_type
from malstyrning.config import settings_from_data
from malstyrning.kolada.metadata import KOMMUN, REGION, matches, similarity
from tests.checks.test_followup import FOLLOWUP, FOLLOWUP_FILE
from tests.plans import NAMND_PLAN, Patch, PlanRepo, RuleCase, Write, check_rule_case

METADATA = "kolada/nyckeltal.json"
TITLE = "Elever i åk. 9 som uppnått kunskapskraven i alla ämnen, kommunala skolor, andel (%)"


def _metadata(**kpi: object) -> str:
    entry = {"titel": TITLE, "kommuntyp": "K", "kön": True, "borttaget": False, **kpi}
    return json.dumps({"format": 1, "hämtad": "2027-03-01", "källa": "test",
                       "nyckeltal": {"N15419": entry}, "finns_inte": ["N99999"]},
                      ensure_ascii=False)


GOOD = (Write(METADATA, _metadata()),)
GENDER_FOLLOWUP = FOLLOWUP.replace("        källa: Kolada\n",
                                   "        källa: Kolada\n        kön: {K: 78.0, M: 74.1}\n")

CASES = [
    RuleCase("MS603", "unknown-kpi", (Patch(NAMND_PLAN, "kolada: N15419", "kolada: N99999"),),
             NAMND_PLAN, "kolada: N99999", good=GOOD,
             message="Nyckeltalet `N99999` finns inte i Kolada (hämtat 2027-03-01)",
             chain="VISION > I1 > UBN-E1 > UBN-E1-I1"),
    RuleCase("MS603", "deleted-kpi", (Write(METADATA, _metadata(borttaget=True)),),
             NAMND_PLAN, "kolada: N15419", good=GOOD, message="är borttaget ur Kolada"),
    RuleCase("MS604", "region-kpi-in-a-kommun", (Write(METADATA, _metadata(kommuntyp="L")),),
             NAMND_PLAN, "kolada: N15419", good=GOOD,
             message="finns i Kolada bara för regioner, inte för kommuner"),
    RuleCase("MS605", "gender-split-kolada-lacks",
             (Write(FOLLOWUP_FILE, GENDER_FOLLOWUP), Write(METADATA, _metadata(kön=False))),
             NAMND_PLAN, "kolada: N15419", good=(Write(FOLLOWUP_FILE, FOLLOWUP), *GOOD),
             message=f"{FOLLOWUP_FILE} visar kvinnor och män för `UBN-E1-I1`"),
    RuleCase("MS606", "renamed-kpi",
             (Write(METADATA, _metadata(titel="Invånare 65+ i särskilt boende, andel (%)")),),
             NAMND_PLAN, "kolada: N15419", good=GOOD,
             message="Koladas nyckeltal `N15419` heter \"Invånare 65+ i särskilt boende"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_without_metadata_the_rules_say_nothing(plan_repo: PlanRepo) -> None:
    plan_repo.patch(NAMND_PLAN, "kolada: N15419", "kolada: N99999")
    assert [f for f in plan_repo.run().findings if f.code.startswith("MS60")] == []


def test_a_broken_metadata_file_is_ignored_by_validate(plan_repo: PlanRepo) -> None:
    plan_repo.write(METADATA, "{not json")
    assert plan_repo.run().findings == []


def test_the_organisation_type_comes_from_the_steering_model(tmp_path: Path) -> None:
    assert organisation_type(settings_from_data(tmp_path, {"kommun": "X"})) == KOMMUN
    region = settings_from_data(tmp_path, {"organisationsnivåer": "region"})
    assert organisation_type(region) == REGION


def test_a_kommun_kpi_in_a_region_is_reported(plan_repo: PlanRepo) -> None:
    from malstyrning.checks.kolada import wrong_municipality_type

    plan_repo.write(METADATA, _metadata())
    model = plan_repo.run().model
    region = settings_from_data(plan_repo.root, {"organisationsnivåer": "region"})
    found = list(wrong_municipality_type(model, region))
    assert [f.message for f in found] == [
        f"Nyckeltalet `N15419` ({TITLE}) finns i Kolada bara för kommuner, inte för regioner."]


@pytest.mark.parametrize(("name", "title"), [
    ("Elever i åk 9 som uppnått kunskapskraven, andel (%)", TITLE),
    ("Nöjd-Inflytande-Index", "Nöjd-Inflytande-Index - Helheten"),
    ("Gymnasieexamen inom 4 år, andel (%)",
     "Gymnasieelever med examen inom 4 år, kommunala skolor, andel (%)"),
    ("ANDEL SOM FÅR SVAR PÅ E-POST INOM EN DAG",
     "Andel som får svar på e-post inom en arbetsdag, (%)"),
])
def test_names_that_match_their_title(name: str, title: str) -> None:
    assert matches(name, title), similarity(name, title)


@pytest.mark.parametrize(("name", "title"), [
    ("Elever i åk 9 som uppnått kunskapskraven, andel (%)",
     "Invånare 65+ i särskilt boende, andel (%)"),
    ("Nöjd-Inflytande-Index", "Kostnad för grundskola, kr/elev"),
    ("", TITLE),
])
def test_names_that_do_not(name: str, title: str) -> None:
    assert not matches(name, title), similarity(name, title)
