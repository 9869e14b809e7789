"""MS100–MS105: schema violations, each located and explained in Swedish."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from malstyrning.checks import schema
from malstyrning.load.positions import Locator
from malstyrning.load.reader import read
from malstyrning.pipeline import ConfigError
from tests.plans import (
    ENHET_PLAN,
    KF_PLAN,
    NAMND_PLAN,
    SETTINGS,
    Patch,
    PlanRepo,
    RuleCase,
    check_rule_case,
)


def _schema_with_unique_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """A keyword the translator has no Swedish text for (here maxItems) → MS100.

    The shipped schemas only use keywords with their own messages, so the fallback
    is reached by adding one to a copy of the schema.
    """
    import jsonschema_rs
    from jsonschema import Draft202012Validator

    changed = copy.deepcopy(schema.load_schema("verksamhetsplan"))
    assert changed is not None
    changed["$defs"]["idlista"]["maxItems"] = 1
    fast = jsonschema_rs.validator_for(changed, validate_formats=True)
    detail = Draft202012Validator(changed, format_checker=Draft202012Validator.FORMAT_CHECKER)
    fast_for, detail_for = schema._fast_validator, schema._detail_validator
    monkeypatch.setattr(schema, "_fast_validator",
                        lambda kind, model=None: fast if kind == "verksamhetsplan"
                        else fast_for(kind, model))
    monkeypatch.setattr(schema, "_detail_validator",
                        lambda kind, model=None: detail if kind == "verksamhetsplan"
                        else detail_for(kind, model))


_REMOVE_GOAL_NAME = Patch(NAMND_PLAN, "    namn: Fler elever når kunskapskraven i grundskolan\n",
                          "")

CASES = [
    RuleCase("MS100", "untranslated-keyword",
             (Patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_till: [I1, I1]"),),
             NAMND_PLAN, "[I1, I1]", message="maxItems", prepare=_schema_with_unique_ids),
    RuleCase("MS101", "misspelt-key",
             (Patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_tll: [I1]"),),
             NAMND_PLAN, "bidrar_tll", message="Okänd nyckel `bidrar_tll`",
             hint="Menade du `bidrar_till`?"),
    RuleCase("MS101", "unknown-key-top-level",
             (Patch(KF_PLAN, "beslutad: 2026-11-23", "beslutat: 2026-11-23"),),
             KF_PLAN, "beslutat", hint="Menade du `beslutad`?"),
    RuleCase("MS102", "missing-goal-name", (_REMOVE_GOAL_NAME,),
             NAMND_PLAN, "id: UBN-E1", message="Nyckeln `namn` saknas", hint="Lägg till `namn:`"),
    RuleCase("MS102", "missing-period",
             (Patch(ENHET_PLAN, "period: 2027\n", ""),),
             ENHET_PLAN, (1, 1), message="`period` saknas på filens översta nivå"),
    RuleCase("MS103", "mapping-for-list",
             (Patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_till: {I1: ja}"),),
             NAMND_PLAN, "{I1: ja}", message="ska vara en lista, men är en mappning"),
    RuleCase("MS103", "text-for-number",
             (Patch(NAMND_PLAN, "ram: 650000", "ram: 650 miljoner"),),
             NAMND_PLAN, "650 miljoner", message="ska vara ett tal"),
    RuleCase("MS104", "enum",
             (Patch(NAMND_PLAN, "riktning: högre", "riktning: uppåt"),),
             NAMND_PLAN, "uppåt", message="`uppåt` är inte ett tillåtet värde",
             hint="`högre`, `lägre`"),
    RuleCase("MS104", "impossible-date",
             (Patch(ENHET_PLAN, "start: 2027-01-15", "start: 2027-13-45"),),
             ENHET_PLAN, "2027-13-45", message="`2027-13-45` har fel form"),
    RuleCase("MS104", "period-form",
             (Patch(ENHET_PLAN, "period: 2027", "period: 2027/2028"),),
             ENHET_PLAN, "2027/2028"),
    RuleCase("MS104", "negative-frame",
             (Patch(NAMND_PLAN, "ram: 650000", "ram: -1"),),
             NAMND_PLAN, "-1", message="minst 0"),
    RuleCase("MS105", "unquoted-id",
             (Patch(NAMND_PLAN, 'id: "1.10"', "id: 1.10"),),
             NAMND_PLAN, "1.10", message="läses som ett tal (1.10)", hint='"1.10"',
             good=(Patch(NAMND_PLAN, "id: UBN-E1\n", 'id: "1.10"\n'),
                   Patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", 'bidrar_till: ["1.10"]'))),
    RuleCase("MS105", "unquoted-kolada",
             (Patch(NAMND_PLAN, "kolada: N15419", "kolada: 15419"),),
             NAMND_PLAN, "15419", hint='kolada: "15419"'),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_every_violation_in_a_file_is_reported(plan_repo: PlanRepo) -> None:
    _REMOVE_GOAL_NAME.apply(plan_repo)
    plan_repo.patch(NAMND_PLAN, "riktning: högre", "riktning: uppåt")
    plan_repo.patch(NAMND_PLAN, "kolada: N15419", "kolada: N15419\n        färg: blå")
    found = [f for f in plan_repo.run().findings if f.file == NAMND_PLAN]
    assert [(f.code, (f.line, f.column)) for f in found] == [
        ("MS102", plan_repo.where(NAMND_PLAN, "id: UBN-E1")),
        ("MS104", plan_repo.where(NAMND_PLAN, "uppåt")),
        ("MS101", plan_repo.where(NAMND_PLAN, "färg")),
    ]


def test_unknown_key_without_close_match_lists_allowed_keys(plan_repo: PlanRepo) -> None:
    plan_repo.patch(ENHET_PLAN, "    ansvarig: Rektor\n", "    budget: 100\n")
    (finding,) = plan_repo.findings("MS101")
    assert "Tillåtna nycklar här:" in finding.hint
    assert "`ansvarig`" in finding.hint


def test_unquoted_sdg_target_is_reported_as_a_number(plan_repo: PlanRepo) -> None:
    plan_repo.patch(NAMND_PLAN, 'agenda2030: ["4.1"]', "agenda2030: [4.10]")
    (finding,) = plan_repo.findings("MS105")
    assert (finding.line, finding.column) == plan_repo.where(NAMND_PLAN, "4.10")
    assert '"4.10"' in finding.hint


def test_settings_problems_stop_the_run(plan_repo: PlanRepo) -> None:
    plan_repo.patch(SETTINGS, 'kommunkod: "0331"', "kommunkod: 0331")
    with pytest.raises(ConfigError) as caught:
        plan_repo.run()
    (finding,) = caught.value.findings
    assert (finding.code, finding.file) == ("MS105", SETTINGS)
    assert (finding.line, finding.column) == plan_repo.where(SETTINGS, "0331")
    # YAML 1.2 reads 0331 as the number 331; the hint quotes the text as written
    assert 'kommunkod: "0331"' in finding.hint


def _check(text: str, kind: str = "verksamhetsplan") -> list[Any]:
    parsed = read("plan.yaml", text.encode("utf-8"))
    assert parsed.data is not None and parsed.text is not None
    return schema.check_document("plan.yaml", parsed.data, kind, Locator(parsed.text))


def test_valid_document_has_no_schema_findings() -> None:
    assert _check("typ: verksamhetsplan\norganisation: UBN\nnivå: nämnd\nperiod: 2027\n") == []


def test_messages_name_the_place_in_the_document() -> None:
    text = ("typ: verksamhetsplan\norganisation: UBN\nnivå: nämnd\nperiod: 2027\n"
            "effektmål:\n  - id: E1\n    namn: Mål\n    indikatorer:\n"
            "      - id: E1-I1\n        namn: Andel\n        riktning: upp\n")
    (finding,) = _check(text)
    assert finding.code == "MS104"
    assert finding.path == ("effektmål", 0, "indikatorer", 0, "riktning")
    assert (finding.line, finding.column) == (11, 19)


def test_check_kind_accepts_known_kinds() -> None:
    for kind in schema.known_kinds():
        assert schema.check_kind("x.yaml", {"typ": kind}, Locator(f"typ: {kind}\n")) is None


def test_a_backtick_in_a_wrong_value_does_not_garble_the_message(plan_repo: PlanRepo) -> None:
    """Found by the fuzz campaign: "`" as a value ended the message's code span early
    ("``` har fel form"), so every output format showed a broken message."""
    plan_repo.patch(NAMND_PLAN, "id: UBN-E1\n", 'id: "UBN`E1"\n')
    messages = [f.message for f in plan_repo.findings("MS104")]
    assert messages and all(m.count("`") % 2 == 0 for m in messages)
    assert any(m.startswith("`UBN'E1` har fel form") for m in messages)
