"""MS701–MS702: few goals per nämnd, financial goals in KF's plan."""

from __future__ import annotations

import pytest

from tests.plans import (
    KF_PLAN,
    NAMND_PLAN,
    SETTINGS,
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
    RuleCase("MS701", "more-goals-than-the-limit",
             (Append(NAMND_PLAN, _SECOND_GOAL, indent=2),),
             NAMND_PLAN, "effektmål:", message="Utbildningsnämnden har 2 effektmål; gränsen "
             "är 1", good=(Append(SETTINGS, "regler:\n  max_effektmål_per_nämnd: 1\n"),)),
    RuleCase("MS702", "kf-plan-without-financial-goals",
             (Patch(KF_PLAN, "finansiella_mål:\n  - id: F1\n    namn: Resultatet ska vara "
                    "minst 2 % av skatteintäkterna\n", ""),),
             KF_PLAN, (1, 1), message="saknar finansiella mål", hint="11 kap."),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_default_limit_is_five(plan_repo: PlanRepo) -> None:
    for i in range(2, 7):
        plan_repo.append(NAMND_PLAN, _SECOND_GOAL.replace("E2", f"E{i}"), indent=2)
    plan_repo.append("enheter/vretaskolan-2027.yaml", "".join(
        f"- id: UF-VAS-A{i}\n  namn: Insats {i}\n  bidrar_till: [UBN-E{i}]\n"
        for i in range(2, 7)), indent=2)
    assert [f.message for f in plan_repo.run().findings] == [
        "Utbildningsnämnden har 6 effektmål; gränsen är 5."]
