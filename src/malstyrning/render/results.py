"""The follow-up documents' data: måluppfyllelse for the whole kommun and per nämnd.

    model + one follow-up period ──▶ indicator results (fulfilment) ──▶ goal views
        ──▶ KommunResultView (every fullmäktige goal, roll-up) · NamndResultView (in detail)

The statuses come from :mod:`malstyrning.fulfilment`; this module picks the period,
gathers the assessments, outcomes and activity statuses reported for it, and lays
them out for the templates. Only follow-ups up to and including the chosen period
count, so a delårsrapport never shows a value that only the årsredovisning knew.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import replace

from malstyrning import householding
from malstyrning.checks.kolada import organisation_type
from malstyrning.config import Settings
from malstyrning.fulfilment import (
    GROWTH,
    STATUSES,
    SYMBOL,
    IndicatorResult,
    describe_rule,
    goal_suggestion,
    indicator_results,
    rollup,
    series,
)
from malstyrning.kolada.metadata import REGION
from malstyrning.model import (
    FINANCIAL_GOAL,
    ActivityStatus,
    Assessment,
    Economy,
    FollowUpDoc,
    Node,
    Outcome,
    PlanModel,
    frames_for,
)
from malstyrning.render.chart import PeerInput, line_chart
from malstyrning.render.records import (
    ActivityCount,
    ActivityResultView,
    BudgetChangeView,
    DirectionResultView,
    EconomyRow,
    EconomyTable,
    FinancialOutcome,
    FollowUpHeader,
    FollowUpPeriodView,
    GoalResultView,
    HouseholdingView,
    IndicatorResultTable,
    IndicatorResultView,
    KommunResultView,
    Link,
    Measure,
    NamndResultRow,
    NamndResultView,
    OutcomeView,
    PeerView,
    Status,
    StatusCount,
    StatusSummary,
)
from malstyrning.render.typography import labels, slug, titled
from malstyrning.render.views import SiteBuilder, status_of
from malstyrning.values import text_of
from malstyrning.words import listing, upper_first

NO_FOLLOWUP = "ingen"
PREFIX = "maluppfyllelse-"
KOLADA = "kolada"


class UnknownFollowUp(ValueError):
    """``--uppfoljning`` names a period the repository has no follow-up for."""


def _order(settings: Settings) -> dict[str, int]:
    return {p.code: i for i, p in enumerate(settings.followup_periods)}


def period_key(settings: Settings) -> Callable[[FollowUpDoc], tuple[int, int]]:
    """Sort key for follow-ups: year, then the period's place in the year (T1 < delår)."""
    order = _order(settings)
    return lambda f: (f.year or 0, order.get(f.code, len(order)))


def available_followups(model: PlanModel, settings: Settings,
                        within: tuple[int, int] | None = None) -> list[str]:
    """The follow-up periods the repository has files for, oldest first (``2027-delår``);
    with ``within``, only those of the years in that range."""
    order = _order(settings)
    found = {(f.year, f.code) for f in model.followups
             if f.year is not None and f.code in order
             and (within is None or within[0] <= f.year <= within[1])}
    return [f"{year}-{code}" for year, code in sorted(found, key=lambda p: (p[0], order[p[1]]))]


def choose_followup(model: PlanModel, settings: Settings, wanted: str | None,
                    within: tuple[int, int] | None = None) -> str | None:
    """The period to report on.

    ``wanted`` None: the latest period present (by year, then the order of the
    periods in the settings) among the years ``within`` (the plan period rendered), or
    None when there is none. ``"ingen"``: none. Otherwise the period named, written as
    in the files (``2027-helår``) or without å, ä, ö (``2027-helar``).
    """
    if wanted is None:
        latest = available_followups(model, settings, within)
        return latest[-1] if latest else None
    periods = available_followups(model, settings)
    text = wanted.strip()
    if text.casefold() == NO_FOLLOWUP:
        return None
    for period in periods:
        if period.casefold() == text.casefold() or slug(period) == slug(text):
            return period
    if periods:
        known = ", ".join(periods)
        raise UnknownFollowUp(f"planrepot har ingen uppföljning för {text}. Uppföljningar som "
                              f"finns: {known} (eller --uppfoljning {NO_FOLLOWUP}).")
    raise UnknownFollowUp(f"planrepot har ingen uppföljning för {text}; det finns inga "
                          "uppföljningsfiler (typ: uppföljning).")


def fulfilment_status(key: str) -> Status:
    """A goal's status as symbol and text (✔ Uppfyllt …); unknown words shown as written."""
    data = labels()["måluppfyllelse"].get(key)
    if data is None or key not in SYMBOL:
        unknown = labels()["okänd_måluppfyllelse"]
        return Status(key, unknown["symbol"], key or unknown["text"], unknown["klass"])
    return Status(key, SYMBOL[key], data["text"], data["klass"])


def trend_status(key: str) -> Status | None:
    """A trend as arrow and text (↗ Förbättrad …), or None when there is none."""
    if not key:
        return None
    data = labels()["trend"].get(key)
    if data is None:
        return Status(key, "", key, "")
    return Status(key, data["symbol"], data["text"], data["klass"])


def summarise(keys: Sequence[str], noun: str) -> StatusSummary:
    """Counts per status (``8 av 30 {noun} uppfyllda``), then the other statuses."""
    total = len(keys)
    counts = []
    forms = []
    for key in STATUSES:
        n = sum(1 for k in keys if k == key)
        form = key if n == 1 else labels()["måluppfyllelse"][key]["plural"]
        counts.append(StatusCount(fulfilment_status(key), n, f"{n} av {total} {noun} {form}"))
        forms.append(f"{n} {form}")
    unknown = total - sum(c.count for c in counts)
    if unknown:
        label = labels()["okänd_måluppfyllelse"]
        counts.append(StatusCount(Status("", label["symbol"], label["text"], label["klass"]),
                                  unknown, f"{unknown} av {total} {noun} med okänd bedömning"))
        forms.append(f"{unknown} med okänd bedömning")
    if total == 0:
        headline = f"Inga {noun} att följa upp"
        return StatusSummary(0, tuple(counts), headline, headline + ".")
    headline = counts[0].phrase
    rest = forms[1:]
    sentence = f"{headline}, {', '.join(rest[:-1])} och {rest[-1]}."
    return StatusSummary(total, tuple(counts), headline, sentence)


def _span(year: int | None, until: tuple[int, int] | None) -> str:
    if year is None or until is None:
        return ""
    month, day = until
    return f"1 januari – {day} {labels()['månader'][month - 1]} {year}"


class ResultsBuilder:
    """Computes the måluppfyllelse documents of one follow-up period."""

    def __init__(self, site: SiteBuilder, period: str) -> None:
        self.site = site
        self.settings = site.settings
        self.levels = site.levels
        year_text, _, code = period.partition("-")
        self.year = (int(year_text) if year_text.isascii() and year_text.isdigit()
                     and len(year_text) <= 4 else None)
        self.code = code
        self.setting = self.settings.followup_period(code)
        key = period_key(self.settings)
        this = FollowUpDoc("", "", period, self.year, code)
        # The model as it was known at this period: later follow-ups left out, so the
        # series, the previous value and the trend come only from what was reported.
        self.model: PlanModel = copy.copy(site.model)
        self.model.followups = [f for f in site.model.followups if key(f) <= key(this)]
        self.current = [f for f in self.model.followups
                        if (f.year, f.code) == (self.year, self.code)]
        self.outcomes: dict[str, Outcome] = {}
        # Only måluppfyllelse documents read the peers: a plan-only render never
        # imports them.
        from malstyrning.kolada.peers import configured as configured_peers
        from malstyrning.kolada.peers import load as load_peers

        self.peer_file = load_peers(self.settings.root)
        self.peer_list = configured_peers(
            self.settings.comparisons, self.settings.kommunkod,
            region=organisation_type(self.settings) == REGION,
            titles=self.peer_file.titles if self.peer_file else None)
        self.assessments: dict[str, Assessment] = {}
        self.statuses: dict[str, ActivityStatus] = {}
        for f in self.current:
            for o in f.outcomes:
                self.outcomes.setdefault(o.indicator, o)
            for a in f.assessments:
                self.assessments.setdefault(a.goal, a)
            for s in f.activities:
                self.statuses.setdefault(s.activity, s)
        self.merged = FollowUpDoc("", "", period, self.year, code,
                                  tuple(self.outcomes.values()))
        self._results: dict[str, dict[str, IndicatorResult]] = {}
        self._goals: dict[str, GoalResultView] = {}
        self.view = FollowUpPeriodView(
            period, self.year, code, self.setting.name if self.setting else code,
            _span(self.year, self.setting.until if self.setting else None),
            bool(self.setting and self.setting.forecast), PREFIX + slug(period),
            self.setting.title(self.year) if self.setting else f"Måluppfyllelse {period}")
        self.rule = describe_rule(self.settings)
        self.scale = tuple(fulfilment_status(k) for k in STATUSES)
        self.trends = tuple(t for k in labels()["trend"] if (t := trend_status(k)) is not None)
        self.noun = self.levels.goal_plural
        units = self.model.units.values()
        kf_plan = site.kf_plan
        self.kf_org = next((u.id for u in units if u.level == site.top_org_kind),
                           kf_plan.org if kf_plan else "")
        self.unit_goal_kinds = {lv.kind for lv in self.levels.unit}
        self._by_namnd: dict[str, list[Node]] = {}
        for node in site.sorted_nodes(n for n in self.model.nodes
                                      if n.kind in self.unit_goal_kinds):
            self._by_namnd.setdefault(site.unit_of(node) or node.org, []).append(node)

    # -- lookups

    def stem(self, org: str = "") -> str:
        """The document of the kommun (``org`` '') or of a nämnd."""
        if not org:
            return self.view.stem
        return f"{self.view.stem}-{self.site.namnd_docs[org].removeprefix('verksamhetsplan-')}"

    def results(self, org: str) -> dict[str, IndicatorResult]:
        if org not in self._results:
            self._results[org] = indicator_results(self.model, replace(self.merged, org=org),
                                                   self.settings)
        return self._results[org]

    def header(self, org: str) -> FollowUpHeader:
        followup = next((f for f in self.current if f.org == org), None)
        if followup is None:
            return FollowUpHeader(False, "", "", "", "")
        data = self.site.headers.get(followup.file, {})
        return FollowUpHeader(True, followup.file, text_of(data.get("beslutad")),
                              text_of(data.get("beslutsinstans")), text_of(data.get("kommentar")))

    def namnd_goals(self, org: str) -> list[Node]:
        """The nämnd's goals of every level below fullmäktige (also those of its
        förvaltningar and enheter), in id order."""
        return self._by_namnd.get(org, [])

    def namnd_activities(self, org: str) -> list[Node]:
        """The activities a nämnd's follow-up reports: those on its goals (at any depth)
        and its own that contribute straight to fullmäktige's goals."""
        site = self.site
        seen = site.activities_below(self.namnd_goals(org))
        for node in site.nodes_of_unit(org):  # indexed once, not a scan per nämnd
            if node.kind in site.activity_kinds and site.host_goal(node) is None:
                seen.setdefault(node.id, node)
        return [seen[k] for k in sorted(seen, key=self.site.id_key)]

    def _reaches_top(self, node_id: str) -> bool:
        """Whether a goal's links lead up to a goal fullmäktige decides."""
        memo: dict[str, bool] = self.__dict__.setdefault("_reach", {})
        stack, seen = [node_id], set()
        while stack:
            current = stack.pop()
            if memo.get(current):
                memo[node_id] = True
                return True
            if current in seen:
                continue
            seen.add(current)
            node = self.model.by_id.get(current)
            if node is None:
                continue
            if node.id != node_id and self.site.is_top(node):
                memo[node_id] = True
                return True
            stack.extend(node.parents)
        memo[node_id] = False
        return False

    def result_doc(self, node: Node) -> str:
        """The follow-up document that shows ``node``: the kommun's, or its nämnd's."""
        if self.site.is_top(node) or node.kind == FINANCIAL_GOAL:
            return self.stem()
        namnd = self.site.unit_of(node)
        return self.stem(namnd) if namnd in self.site.namnd_docs else ""

    # -- pieces

    def indicator(self, ind: Node, result: IndicatorResult | None) -> IndicatorResultView:
        a = ind.attrs
        facts = ind.facts
        unit = text_of(a.get("enhet"))
        direction = facts[0] if facts else text_of(a.get("riktning"))
        direction_text = labels()["riktning"].get(direction, direction)
        baseline = (Measure(facts[1], facts[2])
                    if facts and facts[1] is not None and facts[2] is not None else None)
        outcome = result.outcome if result else self.outcomes.get(ind.id)
        year = result.year if result else self.year
        value = outcome.value if outcome else None
        # A value without its own source comes from where the plan says the indicator
        # is measured; a missing value has no source to name.
        source = (outcome.source if outcome and outcome.source
                  else text_of(a.get("källa")) if value is not None else "")
        view = OutcomeView(
            year, value, outcome is not None, outcome.missing if outcome else "", source,
            value is not None and source.casefold() == KOLADA,
            outcome.women if outcome else None, outcome.men if outcome else None,
            outcome.comment if outcome else "")
        points = series(self.model, ind, self.settings)
        earlier = [(y, v) for y, v in points if year is not None and y < year]
        previous = Measure(*earlier[-1]) if earlier else None
        anchor = self.site.anchors.get(ind.id, "m-" + slug(ind.id))
        note = ""
        if value is None and year is not None:
            why = outcome.missing if outcome and outcome.missing else (
                "ingen orsak angiven" if outcome else "inget utfall rapporterat")
            note = f"Utfallet för {year} saknas: {why}"
        chart = line_chart(f"diagram-{anchor}", titled(ind.id, ind.name), unit, direction_text,
                           points, facts[1] if baseline else None,
                           facts[3] if facts else (), note,
                           year if value is None else None,
                           self.peer_series(text_of(a.get("kolada")),
                                            text_of(a.get("kolada_enhet"))))
        return IndicatorResultView(
            ind.id, ind.name, anchor, unit, direction, direction_text, text_of(a.get("kolada")),
            baseline, year, result.target if result else None, view,
            fulfilment_status(result.status if result else STATUSES[-1]),
            trend_status(result.trend) if result else None, previous, chart,
            self.calculation_text(ind, result),
            peers=self.peers(text_of(a.get("kolada")), text_of(a.get("kolada_enhet")), year))

    def calculation_text(self, ind: Node, result: IndicatorResult | None) -> str:
        """The indicator's calculation, when the document shows it: always for the
        growth rule, for the default rule when ``visa_beräkning`` asks for it."""
        calculation = result.calculation if result else None
        if calculation is None:
            return ""
        if calculation.rule == GROWTH or self.settings.show_calculation:
            return calculation.text
        return ""

    def peers(self, kpi: str, unit: str, year: int | None) -> tuple[PeerView, ...]:
        """The configured peers' values of ``kpi`` in ``year`` (kolada/jamforelser.json)."""
        if not kpi or unit or year is None or self.peer_file is None:
            return ()  # an enhet's figure is not compared with whole kommuner
        views = []
        for peer in self.peer_list:
            value = self.peer_file.value(kpi, year, peer.id)
            if value is not None:
                views.append(PeerView(peer.id, peer.name, value.total, value.members))
        return tuple(views) if any(v.value is not None for v in views) else ()

    def peer_series(self, kpi: str, unit: str) -> tuple[PeerInput, ...]:
        """The configured peers' values of ``kpi`` for the chart: every stored year up to
        this period's (kolada/jamforelser.json), none for an enhet's indicator."""
        if not kpi or unit or self.peer_file is None or self.year is None:
            return ()
        found = []
        for peer in self.peer_list:
            stored = [(y, v) for y, v in self.peer_file.years(kpi, peer.id) if y <= self.year]
            values = tuple((y, float(v.total)) for y, v in stored if v.total is not None)
            if values:
                found.append(PeerInput(peer.name, values, any(v.members for _, v in stored)))
        return tuple(found)

    def indicators(self, goal: Node) -> IndicatorResultTable:
        rows = []
        for ind in self.site.sorted_nodes(self.model.indicators.get(goal.id, [])):
            rows.append(self.indicator(ind, self.results(ind.org).get(ind.id)))
        years = {r.year for r in rows}
        return IndicatorResultTable(tuple(rows), years.pop() if len(years) == 1 else None)

    def goal(self, node: Node) -> GoalResultView:
        """A goal or financial goal with its assessment and suggestion (built once)."""
        if node.id in self._goals:
            return self._goals[node.id]
        site = self.site
        assessment = self.assessments.get(node.id)
        suggestion = goal_suggestion(self.model, node.id, self.results(node.org),
                                     self.settings.goal_rule)
        doc = self.result_doc(node)
        link = replace(site.link(node), doc=doc, heading=titled(node.id, node.name),
                       anchor=site.anchors[node.id])
        uppers = [n for p in sorted(node.parents, key=self.site.id_key)
                  if (n := self.model.by_id.get(p)) is not None and n.kind in site.goal_kinds]
        parents = tuple(replace(site.link(n), doc=self.result_doc(n),
                                heading=titled(n.id, n.name), anchor=site.anchors[n.id])
                        for n in uppers)
        view = GoalResultView(
            node.id, node.name, site.anchors[node.id], node.org,
            self.model.unit_name(node.org) if node.org else "", link, parents,
            assessment is not None,
            fulfilment_status(assessment.status if assessment else STATUSES[-1]),
            trend_status(assessment.trend) if assessment else None,
            fulfilment_status(suggestion),
            assessment.analysis if assessment else "",
            assessment.conclusions if assessment else "",
            assessment.improvements if assessment else (),
            self.indicators(node))
        self._goals[node.id] = view
        return view

    def direction(self, node: Node, order: dict[str, int],
                  trail: frozenset[str] = frozenset(), depth: int = 0) -> DirectionResultView:
        """A fullmäktige goal: its assessment, its own indicators (when measured), the
        roll-up of the goals below it, fullmäktige's goals below it and the nämnder's."""
        site = self.site
        kids = [c for c in site.children(node) if c.id not in trail]
        subgoals = tuple(self.direction(c, order, trail | {node.id}, depth + 1)
                         for c in kids if site.is_top(c) and c.kind in site.goal_kinds)
        goals = [self.goal(g) for g in kids if g.kind in self.unit_goal_kinds]
        goals.sort(key=lambda g: (order.get(site.namnd_of(g.org) or g.org, len(order)),
                                  self.site.id_key(g.id)))
        activities = tuple(self.activity(a, self.result_doc(a)) for a in kids
                           if a.kind in site.activity_kinds)
        assessment = self.assessments.get(node.id)
        level = self.site.chain.by_kind(node.kind)
        measured = bool(level and level.measurable) or bool(self.model.indicators.get(node.id))
        suggestion = (fulfilment_status(goal_suggestion(
            self.model, node.id, self.results(node.org), self.settings.goal_rule))
            if measured else None)
        rolled = [s.rolled for s in subgoals] + [g.rolled for g in goals]
        below = [g for sub in subgoals for g in sub.all_goals()] + goals
        missing = ("" if subgoals or goals or activities
                   else site.nothing_below(node.kind, yet=False))
        counted = [lv.lower_plural for lv in site.chain.children_of(node.kind)
                   if lv.kind in site.goal_kinds]
        return DirectionResultView(
            node.id, node.name, site.anchors[node.id], assessment is not None,
            fulfilment_status(assessment.status if assessment else STATUSES[-1]),
            trend_status(assessment.trend) if assessment else None,
            fulfilment_status(rollup(rolled, self.settings.goal_rule)),
            assessment.analysis if assessment else "",
            assessment.conclusions if assessment else "",
            assessment.improvements if assessment else (),
            tuple(goals),
            summarise([sub.rolled for sub in subgoals], listing(counted, "och")) if subgoals
            else summarise([g.assessment.key for g in below], self.noun),
            level.name if level else "", measured, suggestion,
            self.indicators(node) if measured else None, subgoals, depth,
            activities, listing(counted, "och"), missing,
            upper_first(listing(sorted({site.chain.name_of(g.kind).lower()
                                        for g in kids if g.kind in self.unit_goal_kinds}),
                                "och")))

    def activity(self, node: Node, doc: str) -> ActivityResultView:
        site = self.site
        reported = self.statuses.get(node.id)
        goals = []
        for p in sorted(node.parents, key=self.site.id_key):
            parent = self.model.by_id.get(p)
            if parent is not None and parent.kind in site.goal_kinds:
                goals.append(replace(site.link(parent), doc=self.result_doc(parent),
                                     heading=titled(parent.id, parent.name),
                                     anchor=site.anchors[parent.id]))
        return ActivityResultView(
            node.id, node.name, self.model.unit_name(node.org) if node.org else "",
            text_of(node.attrs.get("ansvarig")), site.dates_and_status(node)[1], tuple(goals),
            status_of(reported.status if reported else ""), reported is not None,
            reported.comment if reported else "")

    # -- economy

    def until(self) -> str:
        """The period's last day in words: ``31 augusti``."""
        if self.setting is None:
            return ""
        month, day = self.setting.until
        return f"{day} {labels()['månader'][month - 1]}"

    def economy_of(self, org: str) -> Economy | None:
        return next((f.economy for f in self.current
                     if f.org == org and f.economy is not None), None)

    def economy_row(self, org: str, doc: str = "") -> EconomyRow | None:
        """One organisation's economy, or None when it has neither frame nor economy."""
        economy = self.economy_of(org)
        frames, _total, _file = frames_for(self.model, self.year)
        frame = frames.get(org)
        if economy is None:
            if frame is None:
                return None
            return EconomyRow(org, self.model.unit_name(org), doc, False, frame.amount, (),
                              frame.amount, None, None, None, None, "")
        forecast = self.view.forecast
        deviation = economy.deviation(forecast)
        percent = economy.deviation_percent(forecast)
        return EconomyRow(
            org, self.model.unit_name(org), doc, True, economy.frame,
            tuple(BudgetChangeView(c.amount, c.decision, c.what) for c in economy.changes),
            economy.budget, economy.outcome, economy.forecast,
            round(deviation, 3) if deviation is not None else None,
            round(percent, 1) if percent is not None else None, economy.comment)

    def economy_table(self) -> EconomyTable | None:
        """Every organisation with a frame or an economy, and the sum; None when no
        follow-up of the period reports an economy."""
        if not any(f.economy is not None for f in self.current):
            return None
        rows = [r for org in self.site.namnder
                if (r := self.economy_row(org, self.stem(org))) is not None]
        reported = [r for r in rows if r.reported]

        def total(values: list[float | None]) -> float | None:
            return (None if not values or any(v is None for v in values)
                    else round(sum(v for v in values if v is not None), 3))

        budget = total([r.budget for r in rows])
        outcome = total([r.outcome for r in rows])
        forecast = total([r.forecast for r in rows]) if self.view.forecast else None
        end = forecast if self.view.forecast else outcome
        deviation = (round(budget - end, 3) if budget is not None and end is not None
                     else None)
        percent = round(deviation / budget * 100, 1) if deviation is not None and budget \
            else None
        summa = EconomyRow("", "", "", len(reported) == len(rows), None, (), budget, outcome,
                           forecast, deviation, percent, "")
        top = self.economy_of(self.kf_org)
        return EconomyTable(tuple(rows), summa if rows else None, self.view.forecast,
                            self.until(), top.comment if top else "")

    def householding(self, directions: Sequence[DirectionResultView],
                     financial: Sequence[GoalResultView]) -> HouseholdingView | None:
        """The verdict on god ekonomisk hushållning; None without finansiella mål."""
        if not financial:
            return None
        economy = self.settings.economy
        outcomes = []
        for goal in financial:
            status = fulfilment_status(goal.rolled)
            rows = goal.indicators.rows
            if not rows:
                outcomes.append(FinancialOutcome(goal.id, goal.name, goal.anchor, "", "",
                                                 None, None, status))
            for r in rows:
                outcomes.append(FinancialOutcome(goal.id, goal.name, goal.anchor, r.id, r.unit,
                                                 r.target, r.outcome.value, status))
        fin_keys = [g.rolled for g in financial]
        act_keys = [d.rolled for d in directions]
        fin = householding.side(fin_keys, economy.financial_rule)
        act = householding.side(act_keys, economy.activity_rule)
        overall = householding.verdict(fin, act)
        links = tuple(Link(d.id, d.name, self.stem(), d.anchor, heading=titled(d.id, d.name))
                      for d in directions)
        return HouseholdingView(
            tuple(outcomes), fulfilment_status(fin), summarise(fin_keys, "finansiella mål"),
            links, tuple(fulfilment_status(k) for k in act_keys), fulfilment_status(act),
            summarise(act_keys, listing([lv.lower_plural for lv in self.levels.top], "och")),
            fulfilment_status(overall),
            householding.verdict_sentence(overall, self.view.forecast),
            householding.describe(self.settings), economy.own_text)

    # -- documents

    def kommun(self) -> KommunResultView:
        site = self.site
        order = {org: i for i, org in enumerate(site.namnder)}
        directions = tuple(self.direction(d, order)
                           for d in site.of_kind(self.levels.direction.kind))
        rows = []
        all_goals: list[GoalResultView] = []
        for org in site.namnder:
            goals = [self.goal(g) for g in self.namnd_goals(org)]
            all_goals.extend(goals)
            rows.append(NamndResultRow(org, self.model.unit_name(org), self.stem(org),
                                       summarise([g.assessment.key for g in goals], self.noun)))
        loose = tuple(g for g in all_goals if not self._reaches_top(g.id))
        financial = tuple(self.goal(n) for n in site.of_kind(FINANCIAL_GOAL))
        if self.levels.has_goals:
            assessed = [g.assessment.key for g in all_goals]
            suggested = [g.suggestion.key for g in all_goals]
            noun = self.noun
        else:
            # the nämnder set no goals: the summary counts fullmäktige's measured goals
            cross = self.levels.cross or self.levels.direction
            kf_goals = [d for top in directions for d in _walk(top) if d.level_name == cross.name]
            assessed = [d.assessment.key for d in kf_goals]
            suggested = [(d.suggestion or d.rollup).key for d in kf_goals]
            noun = cross.lower_plural
        return KommunResultView(
            self.view, self.header(self.kf_org), self.rule, self.scale, self.trends,
            summarise(assessed, noun), summarise(suggested, noun),
            tuple(rows) if self.levels.has_goals else (), directions, financial, loose,
            noun, self.economy_table(), self.householding(directions, financial),
            self.peer_overview(directions, all_goals))

    def peer_overview(self, directions: Sequence[DirectionResultView],
                      goals: Sequence[GoalResultView]) -> IndicatorResultTable | None:
        """Every indicator of the follow-up that has peers (fullmäktige's, then each
        nämnd's in order), once each: the kommun's own document shows where it stands
        among the configured peers, not only the nämnd documents."""
        seen: set[str] = set()
        rows = []
        tables = [d.indicators for top in directions for d in _walk(top)
                  if d.indicators is not None]
        tables += [g.indicators for g in goals]
        for table in tables:
            for row in table.rows:
                if row.peers and row.id not in seen:
                    seen.add(row.id)
                    rows.append(row)
        if not rows:
            return None
        years = {r.year for r in rows}
        return IndicatorResultTable(tuple(rows), years.pop() if len(years) == 1 else None)

    def namnd(self, org: str) -> NamndResultView:
        goals = [self.goal(g) for g in self.namnd_goals(org)]
        doc = self.stem(org)
        activities = tuple(self.activity(a, doc) for a in self.namnd_activities(org))
        counts = []
        for key in labels()["status"]:
            n = sum(1 for a in activities if a.status.key == key)
            if n:
                counts.append(ActivityCount(status_of(key), n))
        unknown = sum(1 for a in activities if a.status.key not in labels()["status"])
        if unknown:
            counts.append(ActivityCount(status_of(""), unknown))
        return NamndResultView(
            org, self.model.unit_name(org), self.view, self.header(org), self.rule,
            self.scale, self.trends,
            summarise([g.assessment.key for g in goals], self.noun),
            summarise([g.suggestion.key for g in goals], self.noun),
            tuple(goals), activities, tuple(counts),
            self.economy_row(org) if self.economy_of(org) is not None else None,
            self.until())


def _walk(view: DirectionResultView) -> list[DirectionResultView]:
    """A fullmäktige goal and every fullmäktige goal below it, depth first."""
    return [view, *(d for sub in view.subgoals for d in _walk(sub))]
