"""MS301–MS304: goals nothing builds on, goals and indicators that cannot be followed up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.plans import (
    ENHET_PLAN,
    KF_PLAN,
    NAMND_PLAN,
    SHAPES,
    Append,
    Patch,
    PlanRepo,
    RuleCase,
    check_rule_case,
)

_SECOND_GOAL = """
    - id: UBN-E2
      namn: Eleverna känner sig trygga i skolan
      period: 2027
      bidrar_till: [I1]
      indikatorer:
        - id: UBN-E2-I1
          namn: Elever i åk 5 som känner sig trygga, andel (%)
          målvärden: [{år: 2027, värde: 92}]
    """

CASES = [
    RuleCase("MS301", "inriktning-without-goals",
             (Patch(KF_PLAN, "finansiella_mål:",
                    "  - id: I2\n    namn: Trygg vård och omsorg\n    bidrar_till: [VISION]\n"
                    "finansiella_mål:"),),
             KF_PLAN, "id: I2", message="Inriktning `I2` har inga effektmål",
             hint="lägg till `I2` i `bidrar_till`", chain="VISION > I2"),
    RuleCase("MS302", "goal-without-activity",
             (Append(NAMND_PLAN, _SECOND_GOAL, indent=2),),
             NAMND_PLAN, "id: UBN-E2", message="Effektmål `UBN-E2` har inga aktiviteter",
             chain="VISION > I1 > UBN-E2"),
    RuleCase("MS303", "goal-without-indicator",
             (Append(NAMND_PLAN, "- id: UBN-E2\n  namn: Trygga elever\n  period: 2027\n"
                     "  bidrar_till: [I1]\n", indent=2),
              Patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", "bidrar_till: [UBN-E1, UBN-E2]")),
             NAMND_PLAN, "id: UBN-E2", message="har ingen indikator",
             chain="VISION > I1 > UBN-E2"),
    RuleCase("MS304", "indicator-without-targets",
             (Patch(NAMND_PLAN, "        målvärden:\n          - {år: 2027, värde: 75}\n"
                    "          - {år: 2028, värde: 78}\n", ""),),
             NAMND_PLAN, "id: UBN-E1-I1", message="Indikatorn `UBN-E1-I1` har inga målvärden",
             chain="VISION > I1 > UBN-E1 > UBN-E1-I1"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_vision_without_inriktningar(plan_repo: PlanRepo) -> None:
    plan_repo.patch(KF_PLAN, "bidrar_till: [VISION]", "bidrar_till: []")
    (finding,) = plan_repo.findings("MS301")
    assert finding.node == "VISION"
    assert finding.chain == "VISION"


def test_orphan_hint_names_the_plans_in_the_models_words(tmp_path: Path) -> None:
    """Stockholm's model: a verksamhetsområdesmål nobody builds on is to be taken up
    in a nämndmål of the organisation levels that decide them."""
    target = tmp_path / "storstad"
    shutil.copytree(SHAPES["storstad"], target,
                    ignore=shutil.ignore_patterns(".malstyrning_cache"))
    repo = PlanRepo(target)
    repo.patch("namnder/kommunstyrelsen-2027.yaml", "bidrar_till: [VM2.1]",
               "bidrar_till: [VM3.1]")
    (finding,) = repo.findings("MS301")
    assert finding.message == "Verksamhetsområdesmål `VM2.1` har inga nämndmål som bidrar till det."
    assert finding.hint == (
        "Beslutat men inte omsatt: lägg till `VM2.1` i `bidrar_till` för minst ett nämndmål "
        "i en kommunstyrelses, en facknämnds eller en stadsdelsnämnds plan, eller stryk "
        "`VM2.1` om det inte längre gäller.")
