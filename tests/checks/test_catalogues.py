"""MS601–MS602: Agenda 2030 goals and targets, Kolada KPI ids."""

from __future__ import annotations

import pytest

from malstyrning.checks.catalogues import agenda2030, valid_sdg
from tests.plans import KF_PLAN, NAMND_PLAN, Patch, PlanRepo, RuleCase, check_rule_case

CASES = [
    RuleCase("MS601", "no-such-goal-or-target",
             (Patch(NAMND_PLAN, 'agenda2030: ["4.1"]', 'agenda2030: ["18", "3.10"]'),),
             NAMND_PLAN, '"18"', count=2, message="`18` är inte ett mål eller delmål",
             hint="målen 1–17", chain="VISION > I1 > UBN-E1"),
    RuleCase("MS601", "unknown-target-of-known-goal",
             (Patch(KF_PLAN, 'agenda2030: ["4", "4.1"]', 'agenda2030: ["4", "4.11"]'),),
             KF_PLAN, '"4.11"', hint="Mål 4 (God utbildning för alla) har delmålen 4.1,"),
    RuleCase("MS602", "lower-case-kolada-id",
             (Patch(NAMND_PLAN, "kolada: N15419", "kolada: n15419"),),
             NAMND_PLAN, "n15419", hint="Skriv `kolada: N15419`",
             chain="VISION > I1 > UBN-E1 > UBN-E1-I1"),
    RuleCase("MS602", "too-short",
             (Patch(NAMND_PLAN, "kolada: N15419", "kolada: N1541"),),
             NAMND_PLAN, "N1541", message="`N1541` är inte ett giltigt Kolada-id"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


@pytest.mark.parametrize("value", ["1", "17", "3.4", "4.a", "11.a", "17.19"])
def test_valid_sdg_ids(value: str) -> None:
    assert valid_sdg(value)


@pytest.mark.parametrize("value", ["0", "18", "3.10", "4.z", "", "4.", "x"])
def test_invalid_sdg_ids(value: str) -> None:
    assert not valid_sdg(value)


def test_catalogue_has_17_goals() -> None:
    assert sorted(agenda2030(), key=int) == [str(i) for i in range(1, 18)]
