"""MS501–MS504: each nämnd's frame matches KF's, and the frames add up."""

from __future__ import annotations

import pytest

from tests.plans import (
    KF_PLAN,
    NAMND_PLAN,
    ORGANISATION,
    Append,
    Patch,
    PlanRepo,
    RuleCase,
    check_rule_case,
)

CASES = [
    RuleCase("MS501", "frame-differs",
             (Patch(NAMND_PLAN, "ram: 650000", "ram: 655000"),),
             NAMND_PLAN, "655000", message="(+5\u202f000 tkr)", hint="Skriv `ram: 650000`"),
    RuleCase("MS501", "no-frame-in-kf-plan",
             (Patch(KF_PLAN, "- organisation: UBN", "- organisation: KF"),),
             NAMND_PLAN, "650000", message="ingen ram för `UBN`", count=1),
    RuleCase("MS502", "frames-do-not-add-up",
             (Patch(KF_PLAN, "total: 650000", "total: 700000"),),
             KF_PLAN, "700000", message="summerar till 650\u202f000 tkr, men totalen är "
             "700\u202f000 tkr"),
    RuleCase("MS503", "namnd-without-frame",
             (Patch(ORGANISATION, "  - id: UF\n",
                    "  - id: KFN\n    namn: Kultur- och fritidsnämnden\n    nivå: nämnd\n"
                    "    överordnad: KF\n  - id: UF\n"),),
             KF_PLAN, "nämnder:", message="Kultur- och fritidsnämnden (`KFN`) har ingen ram"),
    RuleCase("MS504", "same-nämnd-twice",
             (Patch(KF_PLAN, "total: 650000", "total: 700000"),
              Append(KF_PLAN, """
                  - organisation: UBN
                    belopp: 50000
                  """, indent=4)),
             KF_PLAN, "UBN", occurrence=2, message="`UBN` har redan en ram"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_decimal_frames_add_up(plan_repo: PlanRepo) -> None:
    plan_repo.patch(KF_PLAN, "total: 650000", "total: 650000.3")
    plan_repo.patch(KF_PLAN, "belopp: 650000", "belopp: 650000.3")
    plan_repo.patch(NAMND_PLAN, "ram: 650000", "ram: 650000.3")
    assert plan_repo.run().findings == []
