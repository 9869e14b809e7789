"""MS401–MS404: goal periods, activity dates, target years and styrdokument validity."""

from __future__ import annotations

import pytest

from tests.plans import (
    ENHET_PLAN,
    KF_PLAN,
    MINIMAL_REPO,
    NAMND_PLAN,
    Append,
    Patch,
    PlanRepo,
    RuleCase,
    check_rule_case,
    where,
)

_POLICY = """
    styrdokument:
      - id: SD-MILJO
        namn: Miljö- och klimatpolicy
        typ: policy
        beslutad: 2023-05-16
        giltig_till: 2030-12-31
        ansvarig: Kommunstyrelsen
        bidrar_till: [VISION]
    """

CASES = [
    RuleCase("MS401", "period-too-long",
             (Patch(NAMND_PLAN, "period: 2027–2028", "period: 2027–2033"),),
             NAMND_PLAN, "2027–2033", message="7 år", chain="VISION > I1 > UBN-E1"),
    RuleCase("MS401", "period-missing",
             (Patch(NAMND_PLAN, "    period: 2027–2028\n", "    period: 2027\n"),
              Patch(NAMND_PLAN, "    period: 2027\n", "")),
             NAMND_PLAN, "id: UBN-E1", message="saknar period",
             good=(Patch(NAMND_PLAN, "          - {år: 2028, värde: 78}\n", ""),)),
    RuleCase("MS402", "ends-after-period",
             (Patch(ENHET_PLAN, "slut: 2027-06-30", "slut: 2028-03-31"),),
             ENHET_PLAN, "2028-03-31", message="utanför planens period 2027",
             chain="VISION > I1 > UBN-E1 > UF-VAS-A1"),
    RuleCase("MS402", "ends-before-start",
             (Patch(ENHET_PLAN, "slut: 2027-06-30", "slut: 2027-01-01"),),
             ENHET_PLAN, "2027-01-01", message="slutar (2027-01-01) före sin start"),
    RuleCase("MS403", "target-after-period",
             (Patch(NAMND_PLAN, "{år: 2028, värde: 78}", "{år: 2031, värde: 90}"),),
             NAMND_PLAN, "2031", message="målvärde för 2031, utanför målets period 2027–2028",
             chain="VISION > I1 > UBN-E1 > UBN-E1-I1"),
    RuleCase("MS403", "baseline-after-period",
             (Patch(NAMND_PLAN, "{år: 2025, värde: 72.1}", "{år: 2029, värde: 72.1}"),),
             NAMND_PLAN, "2029", message="baslinje 2029"),
    RuleCase("MS406", "two-targets-for-one-year",
             (Patch(NAMND_PLAN, "{år: 2028, värde: 78}", "{år: 2027, värde: 78}"),),
             NAMND_PLAN, "{år: 2027, värde: 78}",
             message="Indikatorn `UBN-E1-I1` har redan ett målvärde för 2027 på rad "
             f"{where(MINIMAL_REPO[NAMND_PLAN], '{år: 2027, värde: 75}')[0]}.",
             chain="VISION > I1 > UBN-E1 > UBN-E1-I1"),
    RuleCase("MS404", "policy-expires-during-period",
             (Patch(KF_PLAN, "giltig_till: 2030-12-31", "giltig_till: 2028-12-31"),),
             KF_PLAN, "2028-12-31", message="upphör under planperioden 2027–2029",
             good=(Append(KF_PLAN, _POLICY),), chain="VISION > SD-MILJO"),
    RuleCase("MS404", "policy-already-expired",
             (Patch(KF_PLAN, "giltig_till: 2030-12-31", "giltig_till: 2026-12-31"),),
             KF_PLAN, "2026-12-31", message="har redan upphört",
             good=(Append(KF_PLAN, _POLICY),)),
    RuleCase("MS405", "reversed-plan-period",
             (Patch(ENHET_PLAN, "period: 2027", "period: 2028–2027"),),
             ENHET_PLAN, "2028–2027", message="Perioden 2028–2027 slutar före den börjar",
             hint="Skriv 2027–2028."),
    RuleCase("MS405", "reversed-goal-period",
             (Patch(NAMND_PLAN, "period: 2027–2028", "period: 2028–2027"),),
             NAMND_PLAN, "2028–2027", chain="VISION > I1 > UBN-E1"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_policy_validity_uses_the_settings_period_when_the_plan_has_none(
        plan_repo: PlanRepo) -> None:
    """Compared with the plan period, never with today's date (same result every run)."""
    plan_repo.append(KF_PLAN, _POLICY.replace("2030-12-31", "2029-06-30"))
    (finding,) = plan_repo.findings("MS404")
    assert "2027–2029" in finding.message


def test_two_targets_for_one_year_in_block_style_and_nfd(plan_repo: PlanRepo) -> None:
    """Block mappings, a third entry and `år` typed as a + ring (NFD) are all the same year."""
    nfd = "a\u030ar"
    plan_repo.patch(NAMND_PLAN, "          - {år: 2028, värde: 78}\n",
                    "          - {år: 2028, värde: 78}\n"
                    f"          - {nfd}: 2028\n            värde: 79\n"
                    "          - {år: 2027, värde: 80}\n")
    found = plan_repo.findings("MS406")
    first_2028 = plan_repo.where(NAMND_PLAN, "{år: 2028")[0]
    first_2027 = plan_repo.where(NAMND_PLAN, "{år: 2027")[0]
    assert [(f.line, f.message) for f in found] == [
        (first_2028 + 1, f"Indikatorn `UBN-E1-I1` har redan ett målvärde för 2028 på rad "
         f"{first_2028}."),
        (first_2028 + 3, f"Indikatorn `UBN-E1-I1` har redan ett målvärde för 2027 på rad "
         f"{first_2027}."),
    ]
