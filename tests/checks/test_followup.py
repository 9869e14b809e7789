"""MS801–MS808: follow-up documents (outcomes, assessments, activity status) against the plan.

Each case starts from the minimal repository plus a valid year-end follow-up of the
nämnd (:data:`FOLLOWUP`), then breaks that follow-up.
"""

from __future__ import annotations

import textwrap

import pytest

from tests.plans import NAMND_PLAN, Patch, PlanRepo, RuleCase, Write, check_rule_case, where

FOLLOWUP_FILE = "uppfoljning/2027-helar/ubn.yaml"
FOLLOWUP = """
    typ: uppföljning
    organisation: UBN
    period: 2027-helår
    beslutad: 2028-02-20
    utfall:
      - indikator: UBN-E1-I1
        år: 2027
        värde: 76.0
        källa: Kolada
    bedömningar:
      - mål: UBN-E1
        måluppfyllelse: uppfyllt
        analys: Läsinsatserna i de lägre årskurserna gav effekt.
    aktiviteter:
      - aktivitet: UF-VAS-A1
        status: genomförd
    """
_WITH_FOLLOWUP = (Write(FOLLOWUP_FILE, FOLLOWUP),)
_SECOND_OUTCOME = "  - indikator: UBN-E1-I1\n    år: 2027\n    värde: 74.0\n"
_FIRST_OUTCOME_LINE = where(textwrap.dedent(FOLLOWUP).lstrip("\n"), "indikator: UBN-E1-I1")[0]
_ASSESSMENT = ("bedömningar:\n  - mål: UBN-E1\n    måluppfyllelse: uppfyllt\n"
               "    analys: Läsinsatserna i de lägre årskurserna gav effekt.\n")


def _case(code: str, name: str, *bad: Patch, at: str | tuple[int, int], **kw: object) -> RuleCase:
    return RuleCase(code, name, bad, FOLLOWUP_FILE, at, good=_WITH_FOLLOWUP, **kw)  # type: ignore[arg-type]


CASES = [
    _case("MS801", "year-end-without-assessment",
          Patch(FOLLOWUP_FILE, _ASSESSMENT, ""), at=(1, 1),
          message="Effektmål `UBN-E1` saknar bedömning i 2027-helår",
          chain="VISION > I1 > UBN-E1"),
    _case("MS802", "null-without-reason",
          Patch(FOLLOWUP_FILE, "värde: 76.0", "värde: null"), at="indikator: UBN-E1-I1",
          message="saknar värde och orsak"),
    _case("MS802", "indicator-not-reported",
          Patch(NAMND_PLAN, "        kolada: N15419\n", "        kolada: N15419\n"
                "      - id: UBN-E1-I2\n        namn: Elever i åk 6 med godkänt i svenska\n"
                "        målvärden: [{år: 2027, värde: 90}]\n"),
          at="utfall:", message="Indikatorn `UBN-E1-I2` (Elever i åk 6 med godkänt i svenska) "
          "saknar utfall i 2027-helår", chain="VISION > I1 > UBN-E1 > UBN-E1-I2"),
    _case("MS803", "unknown-indicator",
          Patch(FOLLOWUP_FILE, "indikator: UBN-E1-I1", "indikator: UBN-E1-I9"),
          at="UBN-E1-I9", message="Utfallet gäller `UBN-E1-I9`, som inte finns"),
    _case("MS803", "outcome-after-follow-up-year",
          Patch(FOLLOWUP_FILE, "år: 2027", "år: 2029"), at="2029",
          message="gäller 2029, som inte kan följas upp i 2027-helår"),
    _case("MS803", "assessment-of-an-activity",
          Patch(FOLLOWUP_FILE, "mål: UBN-E1", "mål: UF-VAS-A1"), at="UF-VAS-A1",
          message="som inte är ett mål"),
    _case("MS803", "status-of-unknown-activity",
          Patch(FOLLOWUP_FILE, "aktivitet: UF-VAS-A1", "aktivitet: UF-VAS-A7"),
          at="UF-VAS-A7"),
    _case("MS804", "met-although-indicators-say-not-met",
          Patch(FOLLOWUP_FILE, "värde: 76.0", "värde: 60.0"),
          Patch(FOLLOWUP_FILE, "    analys: Läsinsatserna i de lägre årskurserna gav effekt.\n",
                ""),
          at="uppfyllt", message='pekar på "ej uppfyllt"', chain="VISION > I1 > UBN-E1"),
    _case("MS805", "partly-met-without-analysis",
          Patch(FOLLOWUP_FILE, "    måluppfyllelse: uppfyllt\n    analys: Läsinsatserna i de "
                "lägre årskurserna gav effekt.\n", "    måluppfyllelse: delvis uppfyllt\n"),
          at="mål: UBN-E1", message="saknar analys och förbättringar"),
    _case("MS806", "done-before-the-planned-end",
          Patch(FOLLOWUP_FILE, "period: 2027-helår", "period: 2027-T1"), at="genomförd",
          message="planens slutdatum 2027-06-30 ligger efter periodens slut 2027-04-30"),
    _case("MS807", "outside-plan-period",
          Patch(FOLLOWUP_FILE, "period: 2027-helår", "period: 2031-helår"), at="2031-helår",
          message="Uppföljningen gäller 2031, utanför planperioden 2027"),
    _case("MS807", "unknown-period-code",
          Patch(FOLLOWUP_FILE, "period: 2027-helår", "period: 2027-kvartal"), at="2027-kvartal",
          hint="`T1`, `delår`, `helår`"),
    _case("MS808", "two-outcomes-for-one-year",
          Patch(FOLLOWUP_FILE, "    källa: Kolada\n", "    källa: Kolada\n" + _SECOND_OUTCOME),
          at="indikator: UBN-E1-I1", occurrence=2,
          message=f"`UBN-E1-I1` har redan ett utfall för 2027 på rad {_FIRST_OUTCOME_LINE}.",
          hint="ta bort den andra", chain="VISION > I1 > UBN-E1 > UBN-E1-I1"),
    _case("MS214", "follow-up-for-unknown-unit",
          Patch(FOLLOWUP_FILE, "organisation: UBN", "organisation: UTBN"), at="UTBN"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_missing_value_with_reason_is_fine(plan_repo: PlanRepo) -> None:
    plan_repo.write(FOLLOWUP_FILE, FOLLOWUP.replace(
        "värde: 76.0", "värde: null\n        saknas: Statistiken publiceras i mars 2028."))
    assert plan_repo.findings("MS802") == []


def test_follow_up_findings_survive_the_cache(plan_repo: PlanRepo) -> None:
    """Repo-wide follow-up rules see the same facts whether a file came from the cache."""
    plan_repo.write(FOLLOWUP_FILE, FOLLOWUP.replace("period: 2027-helår", "period: 2027-T1"))
    cold = plan_repo.run(use_cache=True)
    warm = plan_repo.run(use_cache=True)
    assert warm.stats["från_cache"] == warm.stats["filer"]
    assert [f.code for f in warm.findings] == [f.code for f in cold.findings] == ["MS806"]


def test_duplicate_outcome_differing_only_by_unicode_normalisation(plan_repo: PlanRepo) -> None:
    """A second entry pasted from a PDF (`år` and the id's ö as NFD) is the same outcome."""
    plan_repo.patch(NAMND_PLAN, "id: UBN-E1-I1", "id: UBN-E1-Ö1")
    plan_repo.write(FOLLOWUP_FILE, FOLLOWUP.replace("UBN-E1-I1", "UBN-E1-Ö1"))
    plan_repo.patch(FOLLOWUP_FILE, "    källa: Kolada\n", "    källa: Kolada\n"
                    "  - indikator: UBN-E1-O\u03081\n    a\u030ar: 2027\n    värde: 74.0\n")
    assert "a\u030ar" in plan_repo.text(FOLLOWUP_FILE)
    (finding,) = plan_repo.findings("MS808")
    assert (finding.line, finding.column) == (_FIRST_OUTCOME_LINE + 4, 5)
    assert finding.message == ("`UBN-E1-Ö1` har redan ett utfall för 2027 på rad "
                               f"{_FIRST_OUTCOME_LINE}.")


def test_outcomes_for_different_years_or_indicators_are_fine(plan_repo: PlanRepo) -> None:
    plan_repo.write(FOLLOWUP_FILE, FOLLOWUP)
    plan_repo.patch(FOLLOWUP_FILE, "    källa: Kolada\n", "    källa: Kolada\n"
                    + _SECOND_OUTCOME.replace("2027", "2026"))
    assert plan_repo.findings("MS808") == []


def test_duplicate_outcome_names_its_line_from_the_cache_too(plan_repo: PlanRepo) -> None:
    plan_repo.write(FOLLOWUP_FILE, FOLLOWUP)
    plan_repo.patch(FOLLOWUP_FILE, "    källa: Kolada\n", "    källa: Kolada\n" + _SECOND_OUTCOME)
    cold = [f for f in plan_repo.run(use_cache=True).findings if f.code == "MS808"]
    warm = [f for f in plan_repo.run(use_cache=True).findings if f.code == "MS808"]
    assert cold == warm and len(cold) == 1 and "{rad}" not in cold[0].message


def test_fullmaktige_assesses_its_financial_goals(plan_repo: PlanRepo) -> None:
    """A financial goal is assessed in the årsredovisning like any goal; only by the
    organisation whose plan holds it."""
    kf_followup = """
        typ: uppföljning
        organisation: KF
        period: 2027-helår
        bedömningar:
          - mål: F1
            måluppfyllelse: uppfyllt
            analys: Resultatet blev 2,4 % av skatteintäkter och generella statsbidrag.
        """
    plan_repo.write("uppfoljning/2027-helar/kf.yaml", kf_followup)
    assert plan_repo.findings("MS803") == []
    plan_repo.write(FOLLOWUP_FILE, FOLLOWUP.replace("  - mål: UBN-E1", "  - mål: F1", 1))
    (finding,) = plan_repo.findings("MS803")
    assert finding.file == FOLLOWUP_FILE
    assert finding.message.startswith("`F1` hör till ")
