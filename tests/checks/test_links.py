"""MS210–MS217: ids, references, levels, cycles and organisation units across files."""

from __future__ import annotations

import pytest

from tests.plans import (
    ENHET_PLAN,
    KF_PLAN,
    MINIMAL_REPO,
    NAMND_PLAN,
    ORGANISATION,
    SETTINGS,
    Append,
    Patch,
    PlanRepo,
    Remove,
    RuleCase,
    Write,
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
    RuleCase("MS217", "no-register",
             (Remove(ORGANISATION),), ENHET_PLAN, "UF-VAS",
             message="Planen gäller organisationen `UF-VAS`, men planrepot har inget "
             "organisationsregister (en fil med `typ: organisation`)",
             hint="typ: organisation\norganisationer:\n  - id: …\n    namn: "
             "Kommunfullmäktige\n    nivå: kommunfullmäktige"),
    RuleCase("MS217", "two-registers",
             (Write("arkiv/organisation.yaml", MINIMAL_REPO[ORGANISATION]),),
             ORGANISATION, "organisation\n",
             message="Planrepot har redan ett organisationsregister, arkiv/organisation.yaml; "
             "det här är ett till.", hint="`exkludera`"),
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


def test_without_register_units_are_not_checked_and_one_finding_says_so(
        plan_repo: PlanRepo) -> None:
    plan_repo.remove(ORGANISATION)
    findings = plan_repo.run().findings
    assert [(f.code, f.file) for f in findings] == [("MS217", ENHET_PLAN)]


@pytest.mark.parametrize("how", ["unreadable", "excluded", "wrong-kind"])
def test_a_register_that_is_not_read_counts_as_missing(plan_repo: PlanRepo, how: str) -> None:
    if how == "unreadable":
        plan_repo.write(ORGANISATION, b"typ: organisation\norganisationer: [\n")
    elif how == "excluded":
        plan_repo.append(SETTINGS, "exkludera: [organisation.yaml]\n")
    else:
        plan_repo.patch(ORGANISATION, "typ: organisation", "typ: organisationer")
    found = plan_repo.findings("MS217")
    assert [(f.file, f.path) for f in found] == [(ENHET_PLAN, ("organisation",))]


def test_no_finding_when_no_plan_names_an_organisation(plan_repo: PlanRepo) -> None:
    plan_repo.remove(ORGANISATION)
    for rel in (KF_PLAN, NAMND_PLAN, ENHET_PLAN):
        plan_repo.remove(rel)
    assert plan_repo.findings("MS217") == []


def test_a_follow_up_alone_names_its_organisation(plan_repo: PlanRepo) -> None:
    plan_repo.remove(ORGANISATION)
    for rel in (KF_PLAN, NAMND_PLAN, ENHET_PLAN):
        plan_repo.remove(rel)
    plan_repo.write("uppfoljning/ubn.yaml", "typ: uppföljning\norganisation: UBN\n"
                    "period: 2027-T1\n")
    (finding,) = plan_repo.findings("MS217")
    assert finding.file == "uppfoljning/ubn.yaml"
    assert finding.message.startswith("Uppföljningen gäller organisationen `UBN`")


def test_a_unit_in_two_registers_names_the_other_file(plan_repo: PlanRepo) -> None:
    plan_repo.write("arkiv/organisation.yaml", MINIMAL_REPO[ORGANISATION])
    messages = {f.message for f in plan_repo.findings("MS214")}
    assert "Organisationen `UBN` står två gånger i registret (också i " \
           "arkiv/organisation.yaml)." in messages


def test_a_cycle_is_reported_once(plan_repo: PlanRepo) -> None:
    plan_repo.patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_till: [UF-VAS-A1]")
    plan_repo.patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", "bidrar_till: [UBN-E1, UBN-E1]")
    assert len(plan_repo.findings("MS213")) == 1


def test_suggestions_for_broken_links_stop_at_a_budget(
        plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each suggestion compares with every id; thousands of broken links must not cost
    time growing with their square, so past the budget the hint has no suggestion."""
    from malstyrning.checks import links

    plan_repo.patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", "bidrar_till: [UBN-E2, UBN-E3]")
    hints = [f.hint for f in plan_repo.findings("MS211")]
    assert all(h.startswith("Menade du `UBN-E1`?") for h in hints) and len(hints) == 2
    monkeypatch.setattr(links, "SUGGESTION_BUDGET", 1)
    hints = [f.hint for f in plan_repo.findings("MS211")]
    assert [h.startswith("Menade du") for h in hints] == [True, False]
