"""MS810–MS814: the economy in follow-ups (budget, outcome, prognos, deviation, sums).

The cases start from the minimal repository (KF frame for UBN 650 000 tkr) plus a valid
delårsrapport of UBN and of KF (:data:`GOOD`), then break one of them.
"""

from __future__ import annotations

import pytest

from malstyrning.config import settings_from_data
from malstyrning.model import BudgetChange, Economy
from tests.plans import KF_PLAN, SETTINGS, Patch, PlanRepo, RuleCase, Write, check_rule_case

UBN_DELAR = "uppfoljning/2027-delar/ubn.yaml"
KF_DELAR = "uppfoljning/2027-delar/kf.yaml"
KF_HELAR = "uppfoljning/2027-helar/kf.yaml"
ECONOMY = """
    ekonomi:
      budget:
        ram: 650000
        förändringar:
          - belopp: 2500
            beslut: KF 2027-03-22 § 41
            avser: Statsbidrag för fler lärare
      utfall: 431000
      prognos: 652000
    """
GOOD = tuple(Write(rel, f"""
    typ: uppföljning
    organisation: {org}
    period: 2027-delår
""" + ECONOMY.lstrip("\n")) for rel, org in ((UBN_DELAR, "UBN"), (KF_DELAR, "KF")))
WITH_INDICATOR = Patch(KF_PLAN, "    namn: Resultatet ska vara minst 2 % av skatteintäkterna\n",
                       "    namn: Resultatet ska vara minst 2 % av skatteintäkterna\n"
                       "    indikatorer:\n      - id: F1-I1\n        namn: Resultat i procent\n"
                       "        baslinje: {år: 2025, värde: 1.4}\n"
                       "        målvärden:\n          - {år: 2027, värde: 2.0}\n")
KF_YEAR_END = Write(KF_HELAR, """
    typ: uppföljning
    organisation: KF
    period: 2027-helår
    utfall:
      - indikator: F1-I1
        år: 2027
        värde: 2.3
    """)


def _case(code: str, name: str, file: str, *bad: Patch | Write, at: str, **kw: object) -> RuleCase:
    return RuleCase(code, name, bad, file, at, good=GOOD, **kw)  # type: ignore[arg-type]


CASES = [
    _case("MS810", "large-deviation-unexplained", UBN_DELAR,
          Patch(UBN_DELAR, "prognos: 652000", "prognos: 672000"),
          Patch(KF_DELAR, "prognos: 652000", "prognos: 672000\n  kommentar: Se nämnderna."),
          at="672000", message="Avvikelsen −19\u202f500 tkr (−3,0 %)"),
    _case("MS810", "tkr-threshold", UBN_DELAR,
          Patch(SETTINGS, "period: 2027–2029", "period: 2027–2029\nekonomi:\n"
                "  förklaring_från_tkr: 400"),
          Patch(KF_DELAR, "prognos: 652000", "prognos: 652000\n  kommentar: Se nämnderna."),
          at="652000", message="större än 400 tkr"),
    _case("MS811", "delar-without-prognos", UBN_DELAR,
          Patch(UBN_DELAR, "  prognos: 652000\n", ""),
          at="ekonomi", message="Delårsrapport 2027 ska ha en prognos"),
    _case("MS812", "frame-not-kf-frame", UBN_DELAR,
          Patch(UBN_DELAR, "ram: 650000", "ram: 655000"),
          at="655000", message="(+5\u202f000 tkr)", hint="Skriv `ram: 650000`"),
    _case("MS812", "sum-not-frame-plus-changes", UBN_DELAR,
          Patch(UBN_DELAR, "  utfall: 431000", "    summa: 652000\n  utfall: 431000"),
          at="652000", message="skillnad −500 tkr"),
    _case("MS812", "no-frame-for-org", UBN_DELAR,
          Patch(UBN_DELAR, "organisation: UBN", "organisation: UF"),
          at="650000", message="ingen ram för `UF`", count=1),
    _case("MS813", "kf-outcome-not-the-sum", KF_DELAR,
          Patch(KF_DELAR, "utfall: 431000", "utfall: 433000"),
          at="433000", message="Utfall 433\u202f000 tkr är inte summan"),
    _case("MS813", "namnd-without-economy", KF_DELAR,
          Write(UBN_DELAR, "typ: uppföljning\norganisation: UBN\nperiod: 2027-delår\n"),
          at="ekonomi", message="redovisar ingen ekonomi i 2027-delår"),
    RuleCase("MS814", "financial-goal-without-outcome", (
        Patch(KF_HELAR, "    värde: 2.3", "    värde: null\n    saknas: Bokslutet är inte klart."),
    ), KF_HELAR, "utfall", good=(WITH_INDICATOR, KF_YEAR_END),
        message="`F1` (Resultatet ska vara minst 2 % av skatteintäkterna) saknar utfall"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_year_end_deviation_is_against_the_outcome(plan_repo: PlanRepo) -> None:
    """At year end there is no prognos to miss, and the outcome is what deviates."""
    for edit in GOOD:
        edit.apply(plan_repo)
    for rel in (UBN_DELAR, KF_DELAR):
        plan_repo.patch(rel, "period: 2027-delår", "period: 2027-helår")
        plan_repo.patch(rel, "  prognos: 652000\n", "")
        plan_repo.patch(rel, "utfall: 431000", "utfall: 640000")
    codes = {f.code for f in plan_repo.run().findings}
    assert "MS811" not in codes
    finding = next(f for f in plan_repo.findings("MS810") if f.file == UBN_DELAR)
    assert "+12\u202f500 tkr" in finding.message and "utfallet" in finding.message


def test_explained_deviation_passes(plan_repo: PlanRepo) -> None:
    for edit in GOOD:
        edit.apply(plan_repo)
    for rel in (UBN_DELAR, KF_DELAR):
        plan_repo.patch(rel, "prognos: 652000", "prognos: 672000\n  kommentar: Fler elever.")
    assert plan_repo.run().findings == []


def test_economy_figures() -> None:
    economy = Economy(1000.0, (BudgetChange(50.0, "KF § 1", "", ()),), None, 400.0, 1100.0,
                      "", ())
    assert economy.budget == 1050.0
    assert economy.deviation(True) == -50.0
    assert economy.deviation_percent(True) == pytest.approx(-50 / 1050 * 100)
    assert economy.deviation(False) == 650.0
    assert Economy(None, (), None, 1.0, None, "", ()).deviation(True) is None


def test_economy_settings_defaults_and_overrides(tmp_path: object) -> None:
    from pathlib import Path

    default = settings_from_data(Path("."), {"kommun": "X"}).economy
    assert (default.explain_percent, default.explain_tkr) == (1.0, None)
    assert (default.financial_rule, default.activity_rule) == ("majoritet", "majoritet")
    own = settings_from_data(Path("."), {"ekonomi": {"förklaring_från_procent": 2.5},
                                         "god_ekonomisk_hushållning": {
                                             "finansiella_mål": "alla",
                                             "beskrivning": "Alla finansiella mål."}}).economy
    assert (own.explain_percent, own.financial_rule, own.own_text) == (
        2.5, "alla", "Alla finansiella mål.")
