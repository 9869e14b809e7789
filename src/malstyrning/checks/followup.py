"""Follow-up: outcomes, assessments and activity status against the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from malstyrning.checks.base import rule
from malstyrning.config import Settings
from malstyrning.findings import Finding, Severity
from malstyrning.fulfilment import (
    NOT_MET,
    PARTLY,
    assessment_distance,
    goal_suggestion,
    indicator_results,
)
from malstyrning.model import INDICATOR, FileModel, FollowUpDoc, PlanModel
from malstyrning.text import year_span


def _measured_goals(model: PlanModel, settings: Settings, org: str) -> list[str]:
    kinds = {lv.kind for lv in settings.chain.levels if lv.measurable}
    return [n.id for n in model.nodes if n.kind in kinds and n.org == org]


@rule("MS801", "bedömning-saknas", Severity.WARNING,
      "Ett effektmål saknar bedömning i årsredovisningens uppföljning.", scope="repo",
      explanation="Årsredovisningen ska utvärdera måluppfyllelsen (LKBR 13 kap.): varje "
      "effektmål behöver en bedömning, även om den är `ej bedömt` med en förklaring.",
      good="bedömningar:\n  - mål: UBN-E1\n    måluppfyllelse: uppfyllt",
      bad="# 2027-helår utan bedömning av UBN-E1")
def missing_assessments(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    for followup in model.followups:
        period = settings.followup_period(followup.code)
        if period is None or not period.is_year_end:
            continue
        assessed = {a.goal for a in followup.assessments}
        for goal in _measured_goals(model, settings, followup.org):
            if goal not in assessed:
                yield Finding("MS801", followup.file,
                              f"Effektmål `{goal}` saknar bedömning i {followup.period}.",
                              "Lägg till under `bedömningar:`\n"
                              f"  - mål: {goal}\n    måluppfyllelse: …\n    analys: …",
                              path=("bedömningar",) if followup.assessments else (),
                              at_key=bool(followup.assessments), node=goal)


@rule("MS802", "utfall-saknas", Severity.WARNING,
      "En indikator saknar utfall, och ingen orsak är angiven.", scope="repo",
      explanation="I årsredovisningen ska varje indikator ha ett utfall. Saknas värdet "
      "skrivs `värde: null` med en orsak under `saknas:` — aldrig 0.",
      good="- indikator: UBN-E1-I1\n  år: 2027\n  värde: null\n  saknas: Publiceras i mars.",
      bad="- indikator: UBN-E1-I1\n  år: 2027\n  värde: null")
def missing_outcomes(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    for followup in model.followups:
        for outcome in followup.outcomes:
            if outcome.value is None and not outcome.missing:
                yield Finding("MS802", followup.file,
                              f"Utfallet för `{outcome.indicator}` saknar värde och orsak.",
                              "Skriv värdet, eller förklara under `saknas:` varför det inte "
                              "finns (till exempel att statistiken publiceras senare).",
                              path=outcome.path, node=outcome.indicator)
        period = settings.followup_period(followup.code)
        if period is None or not period.is_year_end:
            continue
        reported = {o.indicator for o in followup.outcomes}
        for node in model.nodes:
            if node.kind == INDICATOR and node.org == followup.org and node.id not in reported:
                yield Finding("MS802", followup.file,
                              f"Indikatorn `{node.id}` ({node.name}) saknar utfall i "
                              f"{followup.period}.",
                              f"Lägg till under `utfall:`\n  - indikator: {node.id}\n"
                              f"    år: {followup.year}\n    värde: …\n"
                              "eller `värde: null` med en orsak under `saknas:`.",
                              path=("utfall",) if followup.outcomes else (),
                              at_key=bool(followup.outcomes), node=node.id)


@rule("MS803", "okänt-i-uppföljning", Severity.ERROR,
      "Uppföljningen nämner en indikator, ett mål eller en aktivitet som inte finns i "
      "planen, eller ett utfall för ett år som inte går att följa upp.", scope="repo",
      good="- indikator: UBN-E1-I1\n  år: 2027", bad="- indikator: UBN-E1-I9\n  år: 2031")
def unknown_references(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    chain_kinds = {lv.kind for lv in settings.chain.levels}
    leaf = settings.chain.leaf.kind
    for followup in model.followups:
        for outcome in followup.outcomes:
            node = model.by_id.get(outcome.indicator)
            if node is None or node.kind != INDICATOR:
                what = "finns inte" if node is None else f"är inte en indikator ({node.kind})"
                yield Finding("MS803", followup.file,
                              f"Utfallet gäller `{outcome.indicator}`, som {what}.",
                              "Använd id:t för en indikator i planen, t.ex. `UBN-E1-I1`.",
                              path=(*outcome.path, "indikator"))
                continue
            if outcome.year is None or followup.year is None:
                continue
            first = node.facts[1] if node.facts and node.facts[1] is not None else None
            if outcome.year > followup.year or (first is not None and outcome.year < first):
                yield Finding("MS803", followup.file,
                              f"Utfallet för `{outcome.indicator}` gäller {outcome.year}, "
                              f"som inte kan följas upp i {followup.period}.",
                              "Året ska ligga mellan indikatorns baslinje och "
                              "uppföljningens år.", path=(*outcome.path, "år"),
                              node=outcome.indicator)
        for assessment in followup.assessments:
            node = model.by_id.get(assessment.goal)
            if node is None or node.kind not in chain_kinds or node.kind == leaf:
                what = "finns inte" if node is None else "är inget mål"
                yield Finding("MS803", followup.file,
                              f"Bedömningen gäller `{assessment.goal}`, som {what}.",
                              "Använd id:t för ett effektmål (eller en inriktning i "
                              "kommunfullmäktiges uppföljning).",
                              path=(*assessment.path, "mål"))
        for status in followup.activities:
            node = model.by_id.get(status.activity)
            if node is None or node.kind != leaf:
                yield Finding("MS803", followup.file,
                              f"Statusen gäller `{status.activity}`, som inte är en aktivitet "
                              "i planen.", "Kontrollera id:t.",
                              path=(*status.path, "aktivitet"))


@rule("MS804", "bedömning-motsäger-utfall", Severity.WARNING,
      "Bedömningen skiljer sig två steg från det som indikatorerna visar, och analys saknas.",
      scope="repo",
      explanation="Till exempel `uppfyllt` när indikatorerna visar `ej uppfyllt`. Det kan "
      "vara rätt, men då behöver analysen förklara varför.",
      good="måluppfyllelse: uppfyllt\nanalys: Målet nåddes i december; mätningen …",
      bad="måluppfyllelse: uppfyllt   # indikatorerna: ej uppfyllt, ingen analys")
def contradicting_assessments(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    for followup in model.followups:
        if not followup.assessments:
            continue
        results = indicator_results(model, followup, settings)
        for assessment in followup.assessments:
            suggested = goal_suggestion(model, assessment.goal, results, settings.goal_rule)
            if assessment_distance(assessment.status, suggested) < 2 or assessment.analysis:
                continue
            yield Finding("MS804", followup.file,
                          f"Bedömningen av `{assessment.goal}` är \"{assessment.status}\", men "
                          f"indikatorerna pekar på \"{suggested}\".",
                          "Skriv en analys som förklarar skillnaden, eller se över "
                          "bedömningen.", path=(*assessment.path, "måluppfyllelse"),
                          node=assessment.goal)


@rule("MS805", "analys-saknas", Severity.WARNING,
      "Ett mål bedöms som ej eller delvis uppfyllt utan analys eller förbättringar.",
      explanation="\"Utifrån resultaten drar vi sedan slutsatser och genomför förbättringar.\"",
      good="måluppfyllelse: delvis uppfyllt\nanalys: …\nförbättringar:\n  - …",
      bad="måluppfyllelse: delvis uppfyllt")
def missing_analysis(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    followup = fm.followup
    if followup is None:
        return
    for assessment in followup.assessments:
        if assessment.status not in (NOT_MET, PARTLY):
            continue
        missing = [name for name, value in (("analys", assessment.analysis),
                                            ("förbättringar", assessment.improvements))
                   if not value]
        if missing:
            yield Finding("MS805", fm.file,
                          f"`{assessment.goal}` bedöms som {assessment.status} men saknar "
                          f"{' och '.join(missing)}.",
                          "Beskriv vad resultatet beror på (analys) och vad som ska göras "
                          "annorlunda (förbättringar).", path=assessment.path,
                          node=assessment.goal)


def _period_end(followup: FollowUpDoc, settings: Settings) -> dt.date | None:
    period = settings.followup_period(followup.code)
    if period is None or followup.year is None:
        return None
    return dt.date(followup.year, *period.until)


@rule("MS806", "genomförd-i-förtid", Severity.WARNING,
      "En aktivitet är markerad genomförd men slutar först efter uppföljningsperioden.",
      scope="repo",
      good="# 2027-delår (t.o.m. 31 aug)\nstatus: genomförd   # slut: 2027-06-30",
      bad="# 2027-delår (t.o.m. 31 aug)\nstatus: genomförd   # slut: 2027-12-31")
def done_too_early(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    for followup in model.followups:
        end = _period_end(followup, settings)
        if end is None:
            continue
        for status in followup.activities:
            node = model.by_id.get(status.activity)
            if status.status != "genomförd" or node is None or not node.facts:
                continue
            try:
                planned = dt.date.fromisoformat(node.facts[1])
            except ValueError:
                continue
            if planned > end:
                yield Finding("MS806", followup.file,
                              f"Aktiviteten `{status.activity}` är markerad genomförd, men "
                              f"planens slutdatum {planned} ligger efter periodens slut {end}.",
                              "Stämmer det, uppdatera `slut:` i planen till det verkliga "
                              "datumet; annars ändra statusen till `pågående`.",
                              path=(*status.path, "status"), node=status.activity)


@rule("MS807", "uppföljningsperiod", Severity.ERROR,
      "Uppföljningens period är okänd eller ligger utanför planperioden.", scope="repo",
      good="period: 2027-delår   # planperiod 2027–2029",
      bad="period: 2031-delår   # planperiod 2027–2029")
def followup_period(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    codes = [p.code for p in settings.followup_periods]
    periods = {p.org: p.period for p in model.plans if p.period}
    for followup in model.followups:
        if settings.followup_period(followup.code) is None:
            yield Finding("MS807", followup.file,
                          f"Okänd uppföljningsperiod `{followup.period}`.",
                          f"Skriv år och kod, t.ex. `{followup.year or 2027}-{codes[-1]}`. "
                          f"Koderna är {', '.join(f'`{c}`' for c in codes)} (ändras under "
                          "`uppföljningsperioder` i malstyrning.yaml).", path=("period",))
            continue
        span = periods.get(followup.org) or settings.period
        if span and followup.year is not None and not span[0] <= followup.year <= span[1]:
            yield Finding("MS807", followup.file,
                          f"Uppföljningen gäller {followup.year}, utanför planperioden "
                          f"{year_span(span)}.",
                          "Kontrollera året, eller lägg uppföljningen i repot för rätt "
                          "planperiod.", path=("period",))
