"""MS210–MS215: ids, references, levels, cycles and organisation units across files."""

from __future__ import annotations

import pytest

from tests.plans import (
    ENHET_PLAN,
    KF_PLAN,
    NAMND_PLAN,
    ORGANISATION,
    Append,
    Patch,
    PlanRepo,
    RuleCase,
    check_rule_case,
)

_SECOND_ACTIVITY = """
    - id: UF-VAS-A1
      namn: Läsa mer på fritids
      bidrar_till: [UBN-E1]
    """

CASES = [
    RuleCase("MS210", "same-id-twice-in-a-file",
             (Append(ENHET_PLAN, _SECOND_ACTIVITY, indent=2),),
             ENHET_PLAN, "UF-VAS-A1", occurrence=2,
             message="Id `UF-VAS-A1` används redan i enheter/vretaskolan-2027.yaml",
             hint="`UF-VAS-…`"),
    RuleCase("MS210", "same-id-in-two-files",
             (Patch(NAMND_PLAN, "id: UBN-E1-I1", "id: F1"),),
             NAMND_PLAN, "F1", message="används redan i " + KF_PLAN),
    RuleCase("MS211", "unknown-reference",
             (Patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", "bidrar_till: [UBN-E9]"),),
             ENHET_PLAN, "UBN-E9", message="bidrar till `UBN-E9`, men inget mål",
             hint="Menade du `UBN-E1`?", chain="UF-VAS-A1"),
    RuleCase("MS211", "second-reference",
             (Patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_till: [I1, I7]"),),
             NAMND_PLAN, "I7", chain="VISION > I1 > UBN-E1"),
    RuleCase("MS212", "skips-a-level",
             (Patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", "bidrar_till: [I1]"),),
             ENHET_PLAN, "I1", message="hoppar över en nivå",
             hint="Under `I1` finns: `UBN-E1`.", chain="VISION > I1 > UF-VAS-A1"),
    RuleCase("MS212", "points-down",
             (Patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_till: [UF-VAS-A1]"),),
             NAMND_PLAN, "UF-VAS-A1", message="går åt fel håll", count=1),
    RuleCase("MS213", "cycle",
             (Patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_till: [I1, UF-VAS-A1]"),),
             NAMND_PLAN, "[I1, UF-VAS-A1]", message="UBN-E1 → UF-VAS-A1 → UBN-E1",
             chain="VISION > I1 > UBN-E1"),
    RuleCase("MS214", "plan-for-unknown-unit",
             (Patch(NAMND_PLAN, "organisation: UBN", "organisation: UTBN"),),
             NAMND_PLAN, "UTBN", message="`UTBN` finns inte", hint="Menade du `UBN`?"),
    RuleCase("MS214", "frame-for-unknown-unit",
             (Patch(KF_PLAN, "- organisation: UBN", "- organisation: UTBN"),),
             KF_PLAN, "UTBN", message="Ramen gäller `UTBN`"),
    RuleCase("MS214", "unknown-parent-unit",
             (Patch(ORGANISATION, "överordnad: UBN", "överordnad: UBNN"),),
             ORGANISATION, "UBNN", message="överordnad `UBNN`"),
    RuleCase("MS214", "unit-twice-in-register",
             (Append(ORGANISATION, """
                 - id: UF
                   namn: Utbildningsförvaltningen (dubblett)
                   nivå: förvaltning
                   överordnad: UBN
                 """, indent=2),),
             ORGANISATION, "UF\n", occurrence=3, message="står två gånger"),
    RuleCase("MS215", "plan-level-differs-from-register",
             (Patch(NAMND_PLAN, "nivå: nämnd", "nivå: förvaltning"),),
             NAMND_PLAN, "förvaltning", hint="Skriv `nivå: nämnd`"),
    RuleCase("MS216", "nämnd-under-förvaltning",
             (Append(ORGANISATION, """
                 - id: SN
                   namn: Socialnämnden
                   nivå: nämnd
                   överordnad: UF
                 """, indent=2),),
             ORGANISATION, (21, 17), message="Socialnämnden (nämnd) ligger under "
             "Utbildningsförvaltningen"),
    RuleCase("MS216", "register-cycle",
             (Patch(ORGANISATION, "nivå: kommunfullmäktige", "nivå: kommunfullmäktige\n"
                    "    överordnad: UF-VAS"),),
             ORGANISATION, "UF-VAS", occurrence=1, count=2,
             message="Kommunfullmäktige (kommunfullmäktige) ligger under Vretaskolan"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_without_register_units_are_not_checked(plan_repo: PlanRepo) -> None:
    plan_repo.remove(ORGANISATION)
    assert plan_repo.findings("MS214") == []
    assert plan_repo.findings("MS215") == []


def test_a_cycle_is_reported_once(plan_repo: PlanRepo) -> None:
    plan_repo.patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_till: [UF-VAS-A1]")
    plan_repo.patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", "bidrar_till: [UBN-E1, UBN-E1]")
    assert len(plan_repo.findings("MS213")) == 1
