"""Follow-up: outcomes, assessments and activity status against the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from malstyrning.checks.base import Incremental, fixed_kinds, no_kinds, rule
from malstyrning.config import Level, Settings
from malstyrning.findings import SEE_LINE, Finding, Severity
from malstyrning.fulfilment import (
    NOT_MET,
    PARTLY,
    assessment_distance,
    goal_suggestion,
    indicator_results,
)
from malstyrning.model import (
    INDICATOR,
    ActivityStatus,
    FileModel,
    FollowUpDoc,
    Node,
    Outcome,
    PlanModel,
)
from malstyrning.text import year_span
from malstyrning.values import year_of
from malstyrning.words import listing, upper_first


def _in_force(model: PlanModel, node: Node, year: int | None) -> bool:
    """Whether ``node`` comes from a plan whose period covers ``year``."""
    period = model.plan_period_of(node.file)
    return year is None or period is None or period[0] <= year <= period[1]


def _measured_goals(model: PlanModel, settings: Settings, followup: FollowUpDoc) -> list[Node]:
    kinds = {lv.kind for lv in settings.chain.measurable_levels}
    return [n for n in model.nodes if n.kind in kinds and n.org == followup.org
            and _in_force(model, n, followup.year)]


def _activity_level(settings: Settings, node: Node | None) -> Level | None:
    """The activity level of ``node``, or None when it is no activity."""
    level = settings.chain.by_kind(node.kind) if node is not None else None
    return level if level is not None and level.is_activity else None


def _status_key(settings: Settings, status: ActivityStatus) -> str:
    """The key naming the activity in a status entry: its level's kind (``insats:``)."""
    level = settings.chain.by_key(str(status.path[0])) if status.path else None
    return level.kind if level is not None else settings.chain.leaf.kind


def measured_kinds(settings: Settings) -> list[str]:
    """The kinds MS801 asks an assessment for: the measurable levels."""
    return [lv.kind for lv in settings.chain.measurable_levels]


@rule("MS801", "bedömning-saknas", Severity.WARNING,
      "{measured.Indefinite} saknar bedömning i årsredovisningens uppföljning.",
      scope="repo",
      explanation="Årsredovisningen ska utvärdera måluppfyllelsen (LKBR 13 kap.): varje "
      "{measured.lower} behöver en bedömning, även om den är `ej bedömt` med en förklaring.",
      good="bedömningar:\n  - mål: UBN-E1\n    måluppfyllelse: uppfyllt",
      bad="# 2027-helår utan bedömning av UBN-E1",
      incremental=Incremental(followups=True, kinds=measured_kinds, links=False))
def missing_assessments(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    for followup in model.followups:
        period = settings.followup_period(followup.code)
        if period is None or not period.is_year_end:
            continue
        assessed = {a.goal for a in followup.assessments}
        for node in _measured_goals(model, settings, followup):
            goal = node.id
            if goal not in assessed:
                yield Finding("MS801", followup.file,
                              f"{settings.chain.name_of(node.kind)} `{goal}` saknar "
                              f"bedömning i {followup.period}.",
                              "Lägg till under `bedömningar:`\n"
                              f"  - mål: {goal}\n    måluppfyllelse: …\n    analys: …",
                              path=("bedömningar",) if followup.assessments else (),
                              at_key=bool(followup.assessments), node=goal)


@rule("MS802", "utfall-saknas", Severity.WARNING,
      "En indikator saknar utfall, och ingen orsak är angiven.", scope="repo",
      explanation="I årsredovisningen ska varje indikator ha ett utfall. Saknas värdet "
      "skrivs `värde: null` med en orsak under `saknas:` — aldrig 0.",
      good="- indikator: UBN-E1-I1\n  år: 2027\n  värde: null\n  saknas: Publiceras i mars.",
      bad="- indikator: UBN-E1-I1\n  år: 2027\n  värde: null", names=(INDICATOR,),
      incremental=Incremental(followups=True, kinds=fixed_kinds(INDICATOR)))
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
            if (node.kind == INDICATOR and node.org == followup.org
                    and node.id not in reported and _in_force(model, node, followup.year)):
                yield Finding("MS802", followup.file,
                              f"Indikatorn `{node.id}` ({node.name}) saknar utfall i "
                              f"{followup.period}.",
                              f"Lägg till under `utfall:`\n  - indikator: {node.id}\n"
                              f"    år: {followup.year}\n    värde: …\n"
                              "eller `värde: null` med en orsak under `saknas:`.",
                              path=("utfall",) if followup.outcomes else (),
                              at_key=bool(followup.outcomes), node=node.id)


@rule("MS808", "dubblerat-utfall", Severity.ERROR,
      "En indikator har två utfall för samma år i samma uppföljning.",
      explanation="Ett år har ett utfall: med två poster visar rapporten det ena värdet i "
      "tabellen och det andra i diagrammet. Det händer när utfall klistras in två gånger, "
      "eller när en post skrevs med å som a + ring (text från en PDF) och en annan med "
      "vanligt å; malstyrning läser båda som samma nyckel och samma id.",
      good="- {indikator: UBN-E1-I1, år: 2026, värde: 74}\n"
      "- {indikator: UBN-E1-I1, år: 2027, värde: 76}",
      bad="- {indikator: UBN-E1-I1, år: 2027, värde: 74}\n"
      "- {indikator: UBN-E1-I1, år: 2027, värde: 76}")
def duplicate_outcomes(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    followup = fm.followup
    if followup is None:
        return
    first: dict[tuple[str, int], Outcome] = {}
    for outcome in followup.outcomes:
        if outcome.year is None:
            continue  # no year to compare: the schema check says so
        earlier = first.setdefault((outcome.indicator, outcome.year), outcome)
        if earlier is outcome:
            continue
        yield Finding("MS808", fm.file,
                      f"`{outcome.indicator}` har redan ett utfall för {outcome.year} på rad "
                      f"{SEE_LINE}.",
                      "Behåll den post som gäller och ta bort den andra (eller rätta året "
                      "om den gäller ett annat år); annars visar rapporten olika värden i "
                      "tabell och diagram.",
                      path=outcome.path, see=earlier.path, node=outcome.indicator)


@rule("MS803", "okänt-i-uppföljning", Severity.ERROR,
      "Uppföljningen nämner en indikator, ett mål eller {activity.indefinite} som inte finns "
      "i planen, eller ett utfall för ett år som inte går att följa upp.", scope="repo",
      good="- indikator: UBN-E1-I1\n  år: 2027", bad="- indikator: UBN-E1-I9\n  år: 2031",
      incremental=Incremental(followups=True, named=True, links=False,
                              per_followup=True))
def unknown_references(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    chain = settings.chain
    activities = listing([lv.indefinite for lv in chain.activity_levels])
    for followup in model.followups:
        unit = model.units.get(followup.org)
        own_goals = ([lv for lv in chain.levels_decided_by(unit.level) if lv.is_goal]
                     if unit is not None else [])
        goals = listing([lv.indefinite for lv in own_goals or chain.goal_levels])
        own = model.units_under(followup.org) if followup.org in model.units else None

        def foreign(node: Node, followup: FollowUpDoc = followup,
                    own: set[str] | None = own) -> Finding | None:
            if own is None or node.org in own:
                return None
            return Finding("MS803", followup.file,
                           f"`{node.id}` hör till {model.unit_name(node.org)}, inte till "
                           f"{model.unit_name(followup.org)}.",
                           "Flytta uppgiften till den organisationens uppföljning.",
                           node=node.id)

        for outcome in followup.outcomes:
            node = model.by_id.get(outcome.indicator)
            if node is None or node.kind != INDICATOR:
                what = "inte finns" if node is None else f"inte är en indikator ({node.kind})"
                yield Finding("MS803", followup.file,
                              f"Utfallet gäller `{outcome.indicator}`, som {what}.",
                              "Använd id:t för en av indikatorerna i planen.",
                              path=(*outcome.path, "indikator"))
                continue
            problem = foreign(node)
            if problem is not None:
                yield problem.with_(path=(*outcome.path, "indikator"))
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
        financial = settings.parts["finansiella_mål"].kind
        for assessment in followup.assessments:
            node = model.by_id.get(assessment.goal)
            level = chain.by_kind(node.kind) if node is not None else None
            # a financial goal is assessed in the årsredovisning like any goal (KL 11 kap.)
            if node is not None and node.kind == financial:
                problem = foreign(node)
                if problem is not None:
                    yield problem.with_(path=(*assessment.path, "mål"))
                continue
            if level is None or level.is_activity:
                what = "inte finns" if node is None else "inte är ett mål"
                yield Finding("MS803", followup.file,
                              f"Bedömningen gäller `{assessment.goal}`, som {what}.",
                              f"Använd id:t för {goals}.", path=(*assessment.path, "mål"))
            elif node is not None and (problem := foreign(node)) is not None:
                yield problem.with_(path=(*assessment.path, "mål"))
        for status in followup.activities:
            node = model.by_id.get(status.activity)
            key = _status_key(settings, status)
            if _activity_level(settings, node) is None:
                yield Finding("MS803", followup.file,
                              f"Statusen gäller `{status.activity}`, som inte är {activities} "
                              "i planen.", "Kontrollera id:t.", path=(*status.path, key))
            elif node is not None and (problem := foreign(node)) is not None:
                yield problem.with_(path=(*status.path, key))


@rule("MS804", "bedömning-motsäger-utfall", Severity.WARNING,
      "Bedömningen skiljer sig två steg från det som indikatorerna visar, och analys saknas.",
      scope="repo",
      explanation="Till exempel `uppfyllt` när indikatorerna visar `ej uppfyllt`. Det kan "
      "vara rätt, men då behöver analysen förklara varför.",
      good="måluppfyllelse: uppfyllt\nanalys: Målet nåddes i december; mätningen …",
      bad="måluppfyllelse: uppfyllt   # indikatorerna: ej uppfyllt, ingen analys",
      incremental=Incremental(followups=True, kinds=fixed_kinds(INDICATOR)))
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
    if period is None or year_of(followup.year) is None:
        return None
    assert followup.year is not None
    try:
        return dt.date(followup.year, *period.until)
    except ValueError:  # 29 February in a year that has none
        return dt.date(followup.year, period.until[0], 28)


@rule("MS806", "genomförd-i-förtid", Severity.WARNING,
      "{activity.Indefinite} är markerad genomförd men slutar först efter "
      "uppföljningsperioden.",
      scope="repo",
      good="# 2027-delår (t.o.m. 31 aug)\nstatus: genomförd   # slut: 2027-06-30",
      bad="# 2027-delår (t.o.m. 31 aug)\nstatus: genomförd   # slut: 2027-12-31",
      incremental=Incremental(followups=True, named=True, links=False,
                              per_followup=True))
def done_too_early(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    for followup in model.followups:
        end = _period_end(followup, settings)
        if end is None:
            continue
        for status in followup.activities:
            node = model.by_id.get(status.activity)
            level = _activity_level(settings, node)
            # a status naming anything but an activity is MS803's finding
            if (status.status != "genomförd" or node is None or level is None
                    or len(node.facts) < 2 or not isinstance(node.facts[1], str)):
                continue
            try:
                planned = dt.date.fromisoformat(node.facts[1])
            except ValueError:
                continue
            if planned > end:
                yield Finding("MS806", followup.file,
                              f"{upper_first(level.definite)} `{status.activity}` är "
                              "markerad genomförd, men "
                              f"planens slutdatum {planned} ligger efter periodens slut {end}.",
                              "Stämmer det, uppdatera `slut:` i planen till det verkliga "
                              "datumet; annars ändra statusen till `pågående`.",
                              path=(*status.path, "status"), node=status.activity)


@rule("MS807", "uppföljningsperiod", Severity.ERROR,
      "Uppföljningens period är okänd eller ligger utanför planperioden.", scope="repo",
      good="period: 2027-delår   # planperiod 2027–2029",
      bad="period: 2031-delår   # planperiod 2027–2029",
      incremental=Incremental(kinds=no_kinds))
def followup_period(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    codes = [p.code for p in settings.followup_periods]
    periods: dict[str, list[tuple[int, int]]] = {}
    for plan in model.plans:
        if plan.period:
            periods.setdefault(plan.org, []).append(plan.period)
    for followup in model.followups:
        if followup.year is None or not followup.code:
            continue  # not `ÅÅÅÅ-kod` at all: the schema check says so
        if settings.followup_period(followup.code) is None:
            yield Finding("MS807", followup.file,
                          f"Okänd uppföljningsperiod `{followup.period}`.",
                          f"Skriv år och kod, t.ex. `{followup.year or 2027}-{codes[-1]}`. "
                          f"Koderna är {', '.join(f'`{c}`' for c in codes)} (ändras under "
                          "`uppföljningsperioder` i malstyrning.yaml).", path=("period",))
            continue
        spans = periods.get(followup.org) or ([settings.period] if settings.period else [])
        if spans and not any(a <= followup.year <= b for a, b in spans):
            shown = ", ".join(year_span(s) for s in sorted(spans))
            yield Finding("MS807", followup.file,
                          f"Uppföljningen gäller {followup.year}, utanför planperioden "
                          f"{shown}.",
                          "Kontrollera året, eller lägg uppföljningen i repot för rätt "
                          "planperiod.", path=("period",))
