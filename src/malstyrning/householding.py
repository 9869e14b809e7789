"""God ekonomisk hushållning: the finansiella mål and the goals for the verksamhet
weighed together (KL 11 kap.), by the kommun's own rule, with the rule in words.

Each side is combined into one status by its rule (``alla``, ``majoritet``, ``viktad``,
as for goals); both met gives god ekonomisk hushållning, either not met gives none, and
anything else gives it in part. Without judged goals on a side, no verdict is given.
"""

from __future__ import annotations

from collections.abc import Sequence

from malstyrning.config import EconomySettings, Settings
from malstyrning.fulfilment import MET, NOT_ASSESSED, NOT_MET, PARTLY, combine
from malstyrning.words import listing, upper_first

DEFAULT_RULE = "majoritet"

RULE_TEXT = {
    "alla": "uppfyllda när alla är uppfyllda, ej uppfyllda när alla är ej uppfyllda och "
            "annars delvis uppfyllda",
    "majoritet": "uppfyllda när mer än hälften är uppfyllda, ej uppfyllda när mer än hälften "
                 "är ej uppfyllda och annars delvis uppfyllda",
    "viktad": "ett medelvärde där uppfyllt räknas som 1, delvis uppfyllt som ½ och ej "
              "uppfyllt som 0: minst ⅔ ger uppfyllda, minst ⅓ delvis uppfyllda, annars ej "
              "uppfyllda",
}


def side(statuses: Sequence[str], rule: str) -> str:
    """One side (finansiella mål, or the goals for the verksamhet) as one status."""
    return combine([(s, 1.0) for s in statuses], rule)


def verdict(financial: str, activity: str) -> str:
    """The overall status from the two sides' statuses."""
    if NOT_ASSESSED in (financial, activity):
        return NOT_ASSESSED
    if financial == MET and activity == MET:
        return MET
    if NOT_MET in (financial, activity):
        return NOT_MET
    return PARTLY


def verdict_sentence(key: str, forecast: bool) -> str:
    """The verdict as a sentence: ``God ekonomisk hushållning uppnås delvis.``"""
    verb = "bedöms uppnås" if forecast else "uppnås"
    return {
        MET: f"God ekonomisk hushållning {verb}.",
        PARTLY: f"God ekonomisk hushållning {verb} delvis.",
        NOT_MET: "God ekonomisk hushållning " + ("bedöms inte uppnås." if forecast
                                                 else "uppnås inte."),
    }.get(key, "God ekonomisk hushållning kan inte bedömas: det finns inga bedömda mål att "
               "väga in på båda sidor.")


def describe(settings: Settings) -> str:
    """The rule in Swedish, naming the top's goal levels in the model's words, with
    what the default is and why."""
    economy: EconomySettings = settings.economy
    top = settings.organisation.top
    levels = [lv for lv in settings.chain.goal_levels if top.kind in lv.decided_by]
    goals = listing([lv.lower_plural for lv in levels]) or "mål för verksamheten"
    definite = listing([lv.definite_plural for lv in levels]) or "målen för verksamheten"
    financial = RULE_TEXT.get(economy.financial_rule, RULE_TEXT[DEFAULT_RULE])
    activity = RULE_TEXT.get(economy.activity_rule, RULE_TEXT[DEFAULT_RULE])
    default = (economy.financial_rule, economy.activity_rule) == (DEFAULT_RULE, DEFAULT_RULE)
    why = ("majoritet för båda sidor, eftersom lagen kräver att de finansiella målen och "
           "verksamhetsmålen vägs in tillsammans och ett enskilt mål som missas inte ska "
           "avgöra helheten, medan en övervägande del missade mål gör det")
    return (
        "Bedömningen av god ekonomisk hushållning väger ihop de finansiella målen och "
        f"{top.genitive} {goals} (kommunallagen 11 kap.). De finansiella målen är "
        f"{financial}. {upper_first(definite)} räknas på samma sätt: de är "
        f"{activity}. Varje mål räknas med {top.genitive} bedömning, och utan bedömning "
        "med det beräknade förslaget. Är båda sidor uppfyllda uppnås god ekonomisk "
        "hushållning; är någon sida ej uppfylld uppnås den inte; annars uppnås den delvis. "
        + ("Det är standardregeln: " if default else "Standardregeln är ")
        + f"{why}."
    )
