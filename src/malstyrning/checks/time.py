"""Time: goal periods, activity dates, target years, styrdokument validity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from malstyrning.checks.base import rule
from malstyrning.config import Level, Settings, period_bounds
from malstyrning.findings import SEE_LINE, Finding, Severity
from malstyrning.model import INDICATOR, POLICY_DOCUMENT, FileModel, Node
from malstyrning.text import year_span
from malstyrning.values import period_of, year_of
from malstyrning.words import upper_first

# Dates already read: the same few recur in thousands of activities.
_DATES: dict[str, dt.date | None] = {}
_UNSEEN: Any = object()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        if value in _DATES:
            return _DATES[value]
        try:
            day: dt.date | None = dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if len(_DATES) < 10_000:
            _DATES[value] = day
        return day
    return None


def _measured_levels(settings: Settings) -> dict[str, Level]:
    """``chain.by_kind`` for the measurable levels only, as one dict for a loop over
    every node."""
    levels = {level.kind: level for level in settings.chain.levels}
    return {kind: level for kind, level in levels.items() if level.measurable}


@rule("MS401", "målperiod", Severity.WARNING,
      "{measured.Indefinite} saknar period eller har en period utanför 1–4 år.",
      explanation="{measured.Names} ska vara tidsatta, 1–4 år.",
      good="period: 2027–2028", bad="period: 2027–2033")
def goal_period(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    measured = _measured_levels(settings)
    for node in fm.nodes:
        level = measured.get(node.kind)
        if level is None:
            continue
        raw = node.attrs.get("period")
        period = period_of(raw)
        if raw is None:
            yield Finding("MS401", fm.file, f"{level.name} `{node.id}` saknar period.",
                          f"{level.plural} ska vara tidsatta: lägg till till exempel "
                          "`period: 2027–2028` (1–4 år).", path=node.path, node=node.id)
        elif period is not None:
            years = period[1] - period[0] + 1
            if years < 1 or years > 4:
                yield Finding("MS401", fm.file,
                              f"{level.name} `{node.id}` har perioden {raw}, som är "
                              f"{years} år; {level.lower_plural} ska gälla 1–4 år.",
                              "Korta perioden, eller dela upp målet i ett närmare "
                              "delmål.", path=(*node.path, "period"), node=node.id)


@rule("MS402", "aktivitetsdatum", Severity.WARNING,
      "{activity.Indefinite_genitive} datum ligger utanför planperioden, eller slutar före "
      "start.",
      good="# period: 2027\nstart: 2027-02-01\nslut: 2027-06-30",
      bad="# period: 2027\nstart: 2027-02-01\nslut: 2028-03-31")
def activity_dates(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    plan = fm.plan
    if plan is None:
        return
    period = plan.period
    activities = {level.kind: level for level in settings.chain.activity_levels}
    # _date inlined for dates already read (this runs for every activity)
    known, unseen = _DATES.get, _UNSEEN
    for node in fm.nodes:
        level = activities.get(node.kind)
        if level is None:
            continue
        attrs = node.attrs
        raw = attrs.get("start")
        start = known(raw, unseen) if type(raw) is str else unseen
        if start is unseen:
            start = _date(raw)
        raw = attrs.get("slut")
        end = known(raw, unseen) if type(raw) is str else unseen
        if end is unseen:
            end = _date(raw)
        if start and end and end < start:
            yield Finding("MS402", fm.file,
                          f"{upper_first(level.definite)} `{node.id}` slutar ({end}) före sin "
                          f"start ({start}).",
                          "Byt plats på datumen eller rätta det som är fel.",
                          path=(*node.path, "slut"), node=node.id)
        if period is None:
            continue
        if start is not None and not (period[0] <= start.year <= period[1]):
            yield _outside_period(fm, node, level, "start", start, period)
        if end is not None and not (period[0] <= end.year <= period[1]):
            yield _outside_period(fm, node, level, "slut", end, period)


def _outside_period(fm: FileModel, node: Node, level: Level, key: str, day: dt.date,
                    period: tuple[int, int]) -> Finding:
    return Finding("MS402", fm.file,
                   f"{upper_first(level.definite)} `{node.id}` har {key} {day}, utanför "
                   f"planens period {year_span(period)}.",
                   f"Flytta datumet in i perioden, eller lägg {level.definite} i planen för "
                   "rätt år.", path=(*node.path, key), node=node.id)


@rule("MS403", "målvärde-år", Severity.WARNING,
      "Ett målvärde gäller ett år utanför målets period.",
      good="# period: 2027–2028\nmålvärden:\n  - {år: 2028, värde: 78}",
      bad="# period: 2027–2028\nmålvärden:\n  - {år: 2031, värde: 90}")
def target_years(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    owners: dict[str, Node] | None = None  # made at the first indicator (most files have none)
    plan_period = fm.plan.period if fm.plan else None
    for node in fm.nodes:
        if node.kind != INDICATOR:
            continue
        if owners is None:
            owners = {n.id: n for n in fm.nodes}
        owner = owners.get(node.owner)
        period = period_of(owner.attrs.get("period")) if owner else None
        period = period or plan_period
        if period is None:
            continue
        targets = node.attrs.get("målvärden")
        if not isinstance(targets, list):
            continue
        for i, target in enumerate(targets):
            year = year_of(target.get("år")) if isinstance(target, dict) else None
            if year is not None and not (period[0] <= year <= period[1]):
                yield Finding("MS403", fm.file,
                              f"Indikatorn `{node.id}` har ett målvärde för {year}, utanför "
                              f"målets period {year_span(period)}.",
                              "Ta bort målvärdet, eller förläng målets period (högst 4 år).",
                              path=(*node.path, "målvärden", i, "år"), node=node.id)
        base = node.attrs.get("baslinje")
        year = year_of(base.get("år")) if isinstance(base, dict) else None
        if year is not None and year > period[1]:
            yield Finding("MS403", fm.file,
                          f"Indikatorn `{node.id}` har baslinje {year}, efter målets period.",
                          "Baslinjen är utgångsläget: ett år före eller i början av perioden.",
                          path=(*node.path, "baslinje", "år"), node=node.id)


@rule("MS406", "dubblerat-målvärde", Severity.ERROR,
      "En indikator har två målvärden för samma år.",
      explanation="Ett år har ett målvärde; med två vet ingen vilket som gäller, och "
      "måluppfyllelsen räknas mot det ena medan rapporten kan visa det andra.",
      good="målvärden:\n  - {år: 2027, värde: 75}\n  - {år: 2028, värde: 78}",
      bad="målvärden:\n  - {år: 2027, värde: 75}\n  - {år: 2027, värde: 78}")
def duplicate_targets(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    for node in fm.nodes:
        targets = node.attrs.get("målvärden") if node.kind == INDICATOR else None
        if not isinstance(targets, list):
            continue
        first: dict[int, int] = {}
        for i, target in enumerate(targets):
            year = year_of(target.get("år")) if isinstance(target, dict) else None
            if year is None:
                continue
            earlier = first.setdefault(year, i)
            if earlier != i:
                yield Finding("MS406", fm.file,
                              f"Indikatorn `{node.id}` har redan ett målvärde för {year} på "
                              f"rad {SEE_LINE}.",
                              "Behåll det målvärde som gäller och ta bort det andra, eller "
                              "rätta året.", path=(*node.path, "målvärden", i),
                              see=(*node.path, "målvärden", earlier), node=node.id)


@rule("MS404", "styrdokument-giltighet", Severity.WARNING,
      "Ett styrdokument upphör att gälla före planperiodens slut.",
      explanation="Jämförs med planens period, inte med dagens datum, så att resultatet "
      "är detsamma varje gång planen kontrolleras.",
      good="# period: 2027–2029\ngiltig_till: 2030-12-31",
      bad="# period: 2027–2029\ngiltig_till: 2026-12-31")
def policy_validity(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    period = (fm.plan.period if fm.plan else None) or settings.period
    if period is None or year_of(period[0]) is None or year_of(period[1]) is None:
        return
    for node in fm.nodes:
        if node.kind != POLICY_DOCUMENT:
            continue
        until = _date(node.attrs.get("giltig_till"))
        if until is None or until >= dt.date(period[1], 12, 31):
            continue
        when = ("har redan upphört när perioden börjar" if until < dt.date(period[0], 1, 1)
                else "upphör under planperioden")
        yield Finding("MS404", fm.file,
                      f"Styrdokumentet `{node.id}` ({node.name}) gäller till {until} och "
                      f"{when} {year_span(period)}.",
                      "Planera en revidering och uppdatera `giltig_till` när det nya beslutet "
                      "är fattat.", path=(*node.path, "giltig_till"), node=node.id)


@rule("MS405", "omvänd-period", Severity.ERROR,
      "En period slutar före den börjar.",
      good="period: 2027–2029", bad="period: 2029–2027")
def reversed_period(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    places: list[tuple[tuple[str | int, ...], object, str]] = []
    if fm.plan is not None:
        places.append((("period",), None, ""))
    for node in fm.nodes:
        if "period" in node.attrs:
            places.append(((*node.path, "period"), node.attrs.get("period"), node.id))
    for path, value, node_id in places:
        raw = value if node_id else _plan_period_raw(fm)
        bounds = period_bounds(raw)
        if bounds and bounds[1] < bounds[0]:
            yield Finding("MS405", fm.file, f"Perioden {raw} slutar före den börjar.",
                          f"Skriv {bounds[1]}–{bounds[0]}.", path=path, node=node_id)


def _plan_period_raw(fm: FileModel) -> object:
    plan = fm.plan
    return plan.period_text if plan is not None else None
