"""MS201–MS202: each plan holds what its level decides, and every goal is linked up."""

from __future__ import annotations

import pytest

from tests.plans import ENHET_PLAN, NAMND_PLAN, Patch, PlanRepo, RuleCase, check_rule_case

CASES = [
    RuleCase("MS201", "goal-in-unit-plan",
             (Patch(ENHET_PLAN, "aktiviteter:",
                    "effektmål:\n  - id: UF-VAS-E9\n    namn: Fler läser\n"
                    "    bidrar_till: [I1]\naktiviteter:"),),
             ENHET_PLAN, "effektmål:", message="Effektmål hör inte hemma i en plan på nivån "
             "enhet", hint="nämnd"),
    RuleCase("MS201", "frame-in-unit-plan",
             (Patch(ENHET_PLAN, "aktiviteter:", "ram: 1000\naktiviteter:"),),
             ENHET_PLAN, "ram:", message="`ram`"),
    RuleCase("MS202", "empty-link-list",
             (Patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", "bidrar_till: []"),),
             ENHET_PLAN, "[]", message="Aktivitet `UF-VAS-A1` bidrar inte till något",
             hint="id för effektmål", chain="UF-VAS-A1"),
    RuleCase("MS202", "no-link-key",
             (Patch(NAMND_PLAN, "    bidrar_till: [I1]\n", ""),),
             NAMND_PLAN, "id: UBN-E1", message="Effektmål `UBN-E1`", hint="inriktningar"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_level_follows_a_custom_chain(plan_repo: PlanRepo) -> None:
    """With `målkedja` in malstyrning.yaml, activities may also sit in nämnd plans."""
    plan_repo.append("malstyrning.yaml", """
        målkedja:
          - {typ: vision, nyckel: vision, namn: Vision, nivåer: [kommunfullmäktige]}
          - {typ: inriktning, nyckel: inriktningar, namn: Inriktning,
             nivåer: [kommunfullmäktige], bidrar_till: [vision]}
          - {typ: effektmål, nyckel: effektmål, namn: Effektmål, nivåer: [nämnd],
             bidrar_till: [inriktning]}
          - {typ: aktivitet, nyckel: aktiviteter, namn: Aktivitet,
             nivåer: [nämnd, förvaltning, enhet], bidrar_till: [effektmål]}
        """)
    plan_repo.append(NAMND_PLAN, """
        aktiviteter:
          - id: UBN-A1
            namn: Gemensam läsvecka
            bidrar_till: [UBN-E1]
        """)
    assert [f.code for f in plan_repo.run().findings] == []
