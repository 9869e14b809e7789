"""MS106: names far too long to be a title, or with HTML in them."""

from __future__ import annotations

import pytest

from malstyrning.checks.texts import MAX_NAME_LENGTH
from tests.plans import (
    ENHET_PLAN,
    KF_PLAN,
    NAMND_PLAN,
    ORGANISATION,
    Patch,
    PlanRepo,
    RuleCase,
    check_rule_case,
)

_GOAL = "namn: Fler elever når kunskapskraven i grundskolan"
_LONG = "Fler elever når kunskapskraven i grundskolan och " * 60

CASES = [
    RuleCase("MS106", "goal-name-of-thousands-of-characters",
             (Patch(NAMND_PLAN, _GOAL, f"namn: {_LONG.strip()}"),),
             NAMND_PLAN, "Fler elever", message=f"Effektmål `UBN-E1` har ett namn på "
             f"{len(_LONG.strip())} tecken", hint="`beskrivning:`", chain="VISION > I1 > UBN-E1"),
    RuleCase("MS106", "activity-name-with-a-tag",
             (Patch(ENHET_PLAN, "namn: Läsfrämjande insatser i åk 1–3",
                    'namn: "<b>Läsfrämjande</b> insatser i åk 1–3"'),),
             ENHET_PLAN, '"<b>', message="Aktivitet `UF-VAS-A1` har HTML i namnet (<b>)",
             hint="utan taggar"),
    RuleCase("MS106", "indicator-name-with-an-entity",
             (Patch(NAMND_PLAN, "namn: Elever i åk 9 som uppnått kunskapskraven, andel (%)",
                    "namn: Elever i åk 9 som uppnått kunskapskraven &amp; betyg"),),
             NAMND_PLAN, "Elever i åk 9", message="Indikator `UBN-E1-I1` har HTML i namnet "
             "(&amp;)"),
    RuleCase("MS106", "unit-name-with-a-line-break-tag",
             (Patch(ORGANISATION, "namn: Utbildningsnämnden", "namn: Utbildnings<br/>nämnden"),),
             ORGANISATION, "Utbildnings<br/>", message="Organisationen `UBN` har HTML",
             chain=""),
    RuleCase("MS106", "financial-goal-with-a-comment",
             (Patch(KF_PLAN, "namn: Resultatet ska vara minst 2 % av skatteintäkterna",
                    'namn: "Resultatet ska vara minst 2 % <!-- av skatteintäkterna -->"'),),
             KF_PLAN, '"Resultatet', message="Finansiellt mål `F1` har HTML i namnet (<!--)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


@pytest.mark.parametrize("name", [
    "Barn < 3 år och elever > 15 år", "Kultur & fritid", "A&O-projektet", "Mål <= 5 %",
    "Elever i åk 9 som uppnått kunskapskraven i alla ämnen, kommunala skolor, andel (%)",
    "x" * MAX_NAME_LENGTH,
])
def test_ordinary_names_pass(plan_repo: PlanRepo, name: str) -> None:
    plan_repo.patch(NAMND_PLAN, _GOAL, f'namn: "{name}"')
    assert plan_repo.findings("MS106") == []


def test_a_name_just_over_the_limit_warns(plan_repo: PlanRepo) -> None:
    plan_repo.patch(NAMND_PLAN, _GOAL, f'namn: "{"x" * (MAX_NAME_LENGTH + 1)}"')
    [finding] = plan_repo.findings("MS106")
    assert finding.severity.swedish == "varning"
