"""The documents' data as immutable records: what each document shows, in order.

:mod:`malstyrning.render.views` computes them from the plan model; templates lay them
out. Plan text stays raw here — escaping is the templates' job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import field
from operator import attrgetter
from typing import Any, NamedTuple, overload

from malstyrning.config import Level, OrgLevel
from malstyrning.frozen import record
from malstyrning.render.chart import Chart
from malstyrning.render.diagram import Diagram
from malstyrning.words import genitive, listing


@record
class Link:
    """A goal (or activity) and where it is described.

    ``doc`` is the document's file stem, ``anchor`` the HTML id there, and ``heading``
    the text of the Markdown heading there (GitHub derives the anchor from it).
    """

    id: str
    name: str
    doc: str = ""
    anchor: str = ""
    org_name: str = ""
    heading: str = ""
    level_name: str = ""


@record
class Sdg:
    """An Agenda 2030 goal (``"4"``) and the targets (``"4.1"``) a plan names under it.

    ``direct`` is true when the goal itself is named, not only its targets.
    """

    goal: str
    goal_name: str
    targets: tuple[str, ...]
    direct: bool

    @property
    def codes(self) -> tuple[str, ...]:
        return ((self.goal,) if self.direct else ()) + self.targets


@record
class Measure:
    year: int
    value: float


@record
class IndicatorView:
    id: str
    name: str
    description: str
    unit: str
    direction: str
    direction_text: str
    baseline: Measure | None
    targets: tuple[Measure, ...]
    kolada: str
    source: str

    def target(self, year: int) -> float | None:
        """The target value for ``year``, or None when the plan sets none."""
        for m in self.targets:
            if m.year == year:
                return m.value
        return None


@record
class IndicatorTable:
    """A goal's indicators, with one target column per year any of them has a target for."""

    rows: tuple[IndicatorView, ...]
    years: tuple[int, ...]

    @property
    def kolada(self) -> bool:
        """Whether any indicator is a Kolada KPI (the table then says "Källa: Kolada")."""
        return any(r.kolada for r in self.rows)


@record
class Status:
    """An activity's status as text and symbol (never colour alone); ``css`` names a class."""

    key: str
    symbol: str
    text: str
    css: str


class ActivityView(NamedTuple):
    """An activity (a level with role ``aktivitet``): ansvarig, dates and status.

    ``anchor`` is set when the activity is described in a group of its own (it
    contributes straight to a level above the nämnd), not under a goal of the plan.
    A NamedTuple (immutable like the other records): a big city's documents hold
    50,000 of them, and a tuple is built several times faster than a frozen dataclass.
    """

    id: str
    name: str
    description: str
    org: str
    org_name: str
    responsible: str
    start: str
    end: str
    status: Status
    goals: tuple[Link, ...]
    level_name: str = ""


@record
class StatusTally:
    """How many activities have one status."""

    status: Status
    count: int


@record
class ActivityShare:
    """The activities of one förvaltning or enhet under a goal, and where they are listed."""

    org: str
    name: str
    count: int
    tallies: tuple[StatusTally, ...]
    doc: str
    anchor: str


@record
class ActivitySummary:
    """Too many activities to list under a goal: how many, by status and by organisation,
    with links to the documents that list them in full."""

    count: int
    tallies: tuple[StatusTally, ...]
    shares: tuple[ActivityShare, ...]


# What an activity table's row shows: id, name, the unit's name, ansvarig, start, slut
# and status, as in the activity's ActivityView (brief_of picks them from one).
ActivityBrief = tuple[str, str, str, str, str, str, Status]
brief_of: Callable[[ActivityView], ActivityBrief] = attrgetter(
    "id", "name", "org_name", "responsible", "start", "end", "status")


class Rows(Sequence[ActivityView]):
    """The activities of an activity document's section, made when first read.

    A big city's activity documents hold 50,000 rows: each is made when its document is
    written, and only for a format that writes it; the length is known without making
    them. Immutable, and equal to the tuple of its rows.
    """

    __slots__ = ("_brief", "_items", "_make", "_rows")

    def __init__(self, items: Sequence[Any], make: Callable[[Any], ActivityView],
                 brief: Callable[[Sequence[Any]], list[ActivityBrief]] | None = None
                 ) -> None:
        self._items: Sequence[Any] | None = items
        self._make: Callable[[Any], ActivityView] | None = make
        self._brief = brief
        self._rows: tuple[ActivityView, ...] | None = None

    def briefs(self) -> list[ActivityBrief]:
        """What a table row shows of each activity (:data:`ActivityBrief`), in order.

        Made straight from the items by ``brief`` while the rows are not made (an
        activity list's table reads nothing else: building 50,000 rows whole was half
        the time of writing the lists), else taken from the rows."""
        if self._rows is None and self._brief is not None:
            assert self._items is not None
            return self._brief(self._items)
        return list(map(brief_of, self.rows()))

    def rows(self) -> tuple[ActivityView, ...]:
        if self._rows is None:
            assert self._items is not None and self._make is not None
            self._rows = tuple(map(self._make, self._items))
            self._items = self._make = None
        return self._rows

    def __len__(self) -> int:
        if self._rows is not None:
            return len(self._rows)
        assert self._items is not None
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> ActivityView: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ActivityView, ...]: ...

    def __getitem__(self, index: int | slice) -> ActivityView | tuple[ActivityView, ...]:
        return self.rows()[index]

    def __iter__(self) -> Iterator[ActivityView]:
        return iter(self.rows())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows):
            other = other.rows()
        return self.rows() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.rows())

    def __repr__(self) -> str:
        return f"Rows({self.rows()!r})"


def briefs_of(activities: Iterable[ActivityView]) -> list[ActivityBrief]:
    """What the table rows of ``activities`` show: from a :class:`Rows` its briefs (made
    from the nodes while its views are not made), from anything else its views'."""
    if isinstance(activities, Rows):
        return activities.briefs()
    return list(map(brief_of, activities))


@record
class ActivityListSection:
    """One goal's activities in an activity document, linking back to the goal."""

    goal: Link
    anchor: str
    heading: str
    activities: Sequence[ActivityView]


@record
class ActivityListView:
    """A document with the full list of one organisation's activities, by goal."""

    namnd: str
    namnd_name: str
    namnd_doc: str
    org: str
    org_name: str
    sections: tuple[ActivityListSection, ...]

    @property
    def count(self) -> int:
        return sum(len(s.activities) for s in self.sections)


@record
class GoalView:
    """A goal below the fullmäktige level as the nämnd's plan shows it (Heby: an
    effektmål), with the goals (``subgoals``) and activities that build on it."""

    id: str
    name: str
    description: str
    anchor: str
    org: str
    org_name: str
    target_group: str
    period: str
    parents: tuple[Link, ...]
    sdgs: tuple[Sdg, ...]
    indicators: IndicatorTable
    activities: tuple[ActivityView, ...]
    level_name: str = ""
    measurable: bool = True
    subgoals: tuple[GoalView, ...] = ()
    depth: int = 0
    summary: ActivitySummary | None = None
    fields: tuple[str, ...] = ("målgrupp", "period", "agenda2030", "indikatorer")

    def all_goals(self) -> tuple[GoalView, ...]:
        """This goal and every goal below it, depth first."""
        return (self, *(g for sub in self.subgoals for g in sub.all_goals()))

    def all_activities(self) -> set[str]:
        """The ids of the activities listed on this goal and on every goal below it."""
        return {a.id for g in self.all_goals() for a in g.activities}

    @property
    def activity_total(self) -> int:
        """Activities on this goal and below, also those only summarised."""
        return len(self.all_activities()) + sum(
            g.summary.count for g in self.all_goals() if g.summary is not None)


@record
class ActivityGroup:
    """A nämnd's activities that contribute straight to a goal above the nämnd (a
    kommun with three levels: vision → mål → aktiviteter)."""

    parent: Link
    anchor: str
    heading: str
    activities: tuple[ActivityView, ...]


@record
class DirectionView:
    """A goal decided by fullmäktige (Heby: an inriktning), with the fullmäktige goals
    below it (``subgoals``) and the goals or activities of the nämnder that build on it
    (``goals``); ``below`` names the levels of those."""

    id: str
    name: str
    description: str
    anchor: str
    sdgs: tuple[Sdg, ...]
    goals: tuple[Link, ...]
    policies: tuple[Link, ...]
    level_name: str = ""
    indicators: IndicatorTable | None = None
    subgoals: tuple[DirectionView, ...] = ()
    below_title: str = ""
    below_column: str = ""
    missing: str = ""
    target_group: str = ""
    period: str = ""
    depth: int = 0


@record
class FinancialGoalView:
    id: str
    name: str
    description: str
    anchor: str
    indicators: IndicatorTable


@record
class FrameRow:
    org: str
    name: str
    amount: float
    doc: str


@record
class FrameTable:
    """KF's budget frames per nämnd; ``total`` is the decided total (None if not given)."""

    year: int | None
    rows: tuple[FrameRow, ...]
    total: float | None

    @property
    def sum(self) -> float:
        return sum(r.amount for r in self.rows)

    @property
    def differs(self) -> bool:
        return self.total is not None and abs(self.total - self.sum) > 1e-9


@record
class PolicyView:
    id: str
    name: str
    anchor: str
    kind: str
    decided: str
    valid_to: str
    responsible: str
    description: str
    contributes_to: tuple[Link, ...]


@record
class OrgColumn:
    org: str
    name: str
    doc: str


@record
class CoverageRow:
    org: OrgColumn
    counts: tuple[int, ...]
    total: int


@record
class CoverageMatrix:
    """How many goals (or activities) of each nämnd (row) build on each goal of the
    crossed fullmäktige level (column)."""

    columns: tuple[Link, ...]
    rows: tuple[CoverageRow, ...]
    column_totals: tuple[int, ...]
    total: int

    @property
    def gaps(self) -> int:
        """Empty cells: a fullmäktige goal a nämnd does not contribute to."""
        return sum(1 for r in self.rows for c in r.counts if c == 0)


@record
class SdgUse:
    """One goal that touches an SDG goal, and through which codes (``4.1``, ``4``)."""

    link: Link
    level_name: str
    codes: tuple[str, ...]


@record
class SdgRow:
    goal: str
    name: str
    targets: tuple[str, ...]
    uses: tuple[SdgUse, ...]


@record
class SdgCoverage:
    rows: tuple[SdgRow, ...]

    @property
    def touched(self) -> int:
        return sum(1 for r in self.rows if r.uses)


@record
class KommunplanView:
    """Document 1: the municipality's plan (Mål och budget)."""

    has_plan: bool
    period: str
    decided: str
    decided_by: str
    comment: str
    file: str
    vision: Link | None
    vision_description: str
    directions: tuple[DirectionView, ...]
    financial_goals: tuple[FinancialGoalView, ...]
    frames: FrameTable | None
    policies: tuple[PolicyView, ...]
    coverage: CoverageMatrix
    sdgs: SdgCoverage
    coverage_below: str = ""
    coverage_none: str = ""


@record
class NamndplanView:
    """Document 2: one nämnd's verksamhetsplan."""

    org: str
    name: str
    has_plan: bool
    period: str
    decided: str
    decided_by: str
    comment: str
    file: str
    frame: float | None
    kf_frame: float | None
    frame_year: int | None
    goals: tuple[GoalView, ...]
    open_findings: int
    groups: tuple[ActivityGroup, ...] = ()
    activities_total: int | None = None
    lists: tuple[Link, ...] = ()

    @property
    def goal_count(self) -> int:
        """The nämnd's goals, also those nested below its own goals."""
        return sum(len(g.all_goals()) for g in self.goals)

    @property
    def activity_count(self) -> int:
        """Distinct activities linked to the nämnd's goals or shown in its groups."""
        if self.activities_total is not None:
            return self.activities_total
        ids = {a for g in self.goals for a in g.all_activities()}
        summarised = sum(sub.summary.count for g in self.goals for sub in g.all_goals()
                         if sub.summary is not None)
        return len(ids | {a.id for grp in self.groups for a in grp.activities}) + summarised

    @property
    def frame_differs(self) -> bool:
        return (self.frame is not None and self.kf_frame is not None
                and abs(self.frame - self.kf_frame) > 1e-9)


@record
class OutlineItem:
    """One line of the nested outline; ``repeat`` marks a node already shown above."""

    level_name: str
    link: Link
    status: Status | None
    children: tuple[OutlineItem, ...] = ()
    repeat: bool = False
    more: str = ""


@record
class LooseItem:
    level_name: str
    link: Link
    reason: str


@record
class ChainView:
    """Document 3: målkedjan as an outline and as diagrams."""

    outline: tuple[OutlineItem, ...]
    loose: tuple[LooseItem, ...]
    diagrams: tuple[Diagram, ...]
    summary: str = ""


@record
class SeverityLabel:
    key: str
    symbol: str
    text: str
    plural: str
    css: str


@record
class FindingView:
    code: str
    severity: SeverityLabel
    message: tuple[tuple[str, bool], ...]
    hint: tuple[tuple[str, bool], ...]
    file: str
    line: int
    column: int
    chain: str


@record
class QualityGroup:
    """The findings that belong to one nämnd (or to KF, or to the repository as a whole)."""

    key: str
    title: str
    anchor: str
    findings: tuple[FindingView, ...]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity.key == severity)


@record
class QualityView:
    """Document 4: the open findings, grouped by nämnd."""

    groups: tuple[QualityGroup, ...]

    @property
    def total(self) -> int:
        return sum(len(g.findings) for g in self.groups)

    def count(self, severity: str) -> int:
        return sum(g.count(severity) for g in self.groups)


@record
class FollowUpPeriodView:
    """The follow-up period a måluppfyllelse document reports on.

    ``forecast`` is true for a tertial or delår: the assessments are then a prognos
    for the whole year, and the documents say so. ``title`` is the document's name as
    the kommun writes it (``Delårsrapport januari–augusti 2027``).
    """

    period: str
    year: int | None
    code: str
    name: str
    span: str
    forecast: bool
    stem: str
    title: str = ""


@record
class OutcomeView:
    """An indicator's outcome in the period; ``value`` None = missing (never shown as 0).

    ``reported`` is false when the follow-up has no row for the indicator at all.
    """

    year: int | None
    value: float | None
    reported: bool
    missing: str
    source: str
    kolada: bool
    women: float | None
    men: float | None
    comment: str

    @property
    def gender(self) -> bool:
        return self.women is not None or self.men is not None


@record
class PeerView:
    """A peer's value beside an indicator's outcome (``jämförelser``, from Kolada).

    ``members`` > 0: the unweighted mean of that many kommuner, computed by malstyrning
    from Kolada's values (not a figure Kolada publishes); 0: Kolada's own figure.
    """

    id: str
    name: str
    value: float | None
    members: int = 0


@record
class IndicatorResultView:
    """One indicator in a follow-up: baseline, target and outcome, status, trend, chart."""

    id: str
    name: str
    anchor: str
    unit: str
    direction: str
    direction_text: str
    kpi: str
    baseline: Measure | None
    year: int | None
    target: float | None
    outcome: OutcomeView
    status: Status
    trend: Status | None
    previous: Measure | None
    chart: Chart | None
    calculation: str = ""
    peers: tuple[PeerView, ...] = ()  # context beside the outcome, never fulfilment


@record
class IndicatorResultTable:
    """A goal's indicators in a follow-up; ``year`` is set when all rows share one year."""

    rows: tuple[IndicatorResultView, ...]
    year: int | None

    @property
    def gender(self) -> bool:
        """Whether any outcome is split by gender (the table then has K and M columns)."""
        return any(r.outcome.gender for r in self.rows)

    @property
    def kolada(self) -> bool:
        """Whether any outcome comes from Kolada (the table then says "Källa: Kolada")."""
        return any(r.outcome.kolada for r in self.rows)

    @property
    def peers(self) -> tuple[PeerView, ...]:
        """The peers' columns (the first row with peers names them), () without any."""
        return next((r.peers for r in self.rows if r.peers), ())

    @property
    def peer_names(self) -> str:
        """The peers' names as a Swedish list: ``Riket, Länet och Liknande kommuner``."""
        return listing([p.name for p in self.peers], "och")

    @property
    def peer_sources(self) -> tuple[str, bool]:
        """(the peers whose shown figures are Kolada's own, ``Riket och Länet``; whether
        any shown figure is a mean computed from Kolada's values)."""
        shown = [p for r in self.rows for p in r.peers if p.value is not None]
        own = list(dict.fromkeys(p.name for p in shown if not p.members))
        return listing(own, "och"), any(p.members for p in shown)

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(r.chart for r in self.rows if r.chart is not None)

    @property
    def calculations(self) -> tuple[IndicatorResultView, ...]:
        """The rows whose calculation the document shows."""
        return tuple(r for r in self.rows if r.calculation)


@record
class StatusCount:
    status: Status
    count: int
    phrase: str


@record
class StatusSummary:
    """How many goals have each status (``1 av 3 mål uppfyllda``) and the rest."""

    total: int
    counts: tuple[StatusCount, ...]
    headline: str
    sentence: str

    def count(self, key: str) -> int:
        return sum(c.count for c in self.counts if c.status.key == key)

    @property
    def clause(self) -> str:
        """The sentence without its full stop (for use inside parentheses)."""
        return self.sentence.removesuffix(".")


@record
class GoalResultView:
    """A goal below fullmäktige (or a financial goal) in a follow-up: the assessment beside the
    suggestion computed from its indicators, the written analysis, and the indicators.

    ``assessed`` is false when the follow-up has no assessment of the goal; the
    assessment then reads "Ej bedömt".
    """

    id: str
    name: str
    anchor: str
    org: str
    org_name: str
    link: Link
    parents: tuple[Link, ...]
    assessed: bool
    assessment: Status
    trend: Status | None
    suggestion: Status
    analysis: str
    conclusions: str
    improvements: tuple[str, ...]
    indicators: IndicatorResultTable

    @property
    def differs(self) -> bool:
        """The assessment and the suggestion are both judgements, and not the same."""
        judged = ("uppfyllt", "delvis uppfyllt", "ej uppfyllt")
        return (self.assessment.key in judged and self.suggestion.key in judged
                and self.assessment.key != self.suggestion.key)

    @property
    def rolled(self) -> str:
        """The status a roll-up counts: the assessment, or the suggestion when there is none."""
        return self.assessment.key if self.assessed else self.suggestion.key


@record
class DirectionResultView:
    """A goal decided by fullmäktige (Heby: an inriktning): fullmäktige's assessment,
    the suggestion from its own indicators (when its level is measured), the roll-up of
    the goals below it, and those goals (fullmäktige's own in ``subgoals``)."""

    id: str
    name: str
    anchor: str
    assessed: bool
    assessment: Status
    trend: Status | None
    rollup: Status
    analysis: str
    conclusions: str
    improvements: tuple[str, ...]
    goals: tuple[GoalResultView, ...]
    summary: StatusSummary
    level_name: str = ""
    measurable: bool = False
    suggestion: Status | None = None
    indicators: IndicatorResultTable | None = None
    subgoals: tuple[DirectionResultView, ...] = ()
    depth: int = 0
    activities: tuple[ActivityResultView, ...] = ()
    counted: str = ""
    missing: str = ""
    goals_title: str = ""

    @property
    def differs(self) -> bool:
        judged = ("uppfyllt", "delvis uppfyllt", "ej uppfyllt")
        return (self.suggestion is not None and self.assessment.key in judged
                and self.suggestion.key in judged
                and self.assessment.key != self.suggestion.key)

    @property
    def rolled(self) -> str:
        """What a roll-up above counts: the assessment, else the suggestion from the
        indicators, else the roll-up of the goals below."""
        if self.assessed:
            return self.assessment.key
        if self.suggestion is not None and self.suggestion.key != "ej bedömt":
            return self.suggestion.key
        return self.rollup.key

    def all_goals(self) -> tuple[GoalResultView, ...]:
        """The goals of the nämnder below this goal and below its subgoals."""
        return (*self.goals, *(g for sub in self.subgoals for g in sub.all_goals()))


@record
class NamndResultRow:
    """One nämnd in the kommun-wide summary, with its document and status counts."""

    org: str
    name: str
    doc: str
    summary: StatusSummary


@record
class ActivityResultView:
    """An activity's status in the follow-up; ``reported`` false = not in the follow-up."""

    id: str
    name: str
    org_name: str
    responsible: str
    end: str
    goals: tuple[Link, ...]
    status: Status
    reported: bool
    comment: str


@record
class ActivityCount:
    status: Status
    count: int


@record
class FollowUpHeader:
    """The follow-up file's own header: decision date, decided by, comment."""

    has_followup: bool
    file: str
    decided: str
    decided_by: str
    comment: str


@record
class BudgetChangeView:
    """A change of the budget decided during the year (tkr), with its decision."""

    amount: float
    decision: str
    what: str


@record
class EconomyRow:
    """One organisation's economy in the period, in tkr; ``reported`` false when its
    follow-up has no economy (the row then shows only the frame)."""

    org: str
    name: str
    doc: str
    reported: bool
    frame: float | None
    changes: tuple[BudgetChangeView, ...]
    budget: float | None
    outcome: float | None
    forecast: float | None
    deviation: float | None
    percent: float | None
    comment: str


@record
class EconomyTable:
    """The economy of the organisations with a frame, and their sum (``total``).

    ``forecast`` is true in a period with prognos: the deviation is then the budget
    minus the prognos, else minus the outcome. ``until`` is the period's last day in
    words (``31 augusti``); ``comment`` is the top's own comment on the economy.
    """

    rows: tuple[EconomyRow, ...]
    total: EconomyRow | None
    forecast: bool
    until: str
    comment: str = ""

    @property
    def missing(self) -> tuple[EconomyRow, ...]:
        return tuple(r for r in self.rows if not r.reported)


@record
class FinancialOutcome:
    """A finansiellt mål in the householding section: target, outcome and status."""

    id: str
    name: str
    anchor: str
    indicator: str
    unit: str
    target: float | None
    outcome: float | None
    status: Status


@record
class HouseholdingView:
    """"God ekonomisk hushållning": the finansiella mål and the top's goals for the
    verksamhet, each weighed by the kommun's rule, and the overall verdict."""

    financial: tuple[FinancialOutcome, ...]
    financial_status: Status
    financial_summary: StatusSummary
    activity: tuple[Link, ...]
    activity_statuses: tuple[Status, ...]
    activity_status: Status
    activity_summary: StatusSummary
    verdict: Status
    verdict_text: str
    rule: str
    own_rule: str


@record
class KommunResultView:
    """The kommun-wide "Måluppfyllelse" annex: every goal of every level."""

    period: FollowUpPeriodView
    header: FollowUpHeader
    rule: str
    scale: tuple[Status, ...]
    trends: tuple[Status, ...]
    summary: StatusSummary
    suggested: StatusSummary
    namnder: tuple[NamndResultRow, ...]
    directions: tuple[DirectionResultView, ...]
    financial_goals: tuple[GoalResultView, ...]
    loose_goals: tuple[GoalResultView, ...]
    noun: str = ""
    economy: EconomyTable | None = None
    householding: HouseholdingView | None = None
    # every indicator with a Kolada id and peers, kommun-wide: where the kommun stands
    peers: IndicatorResultTable | None = None


@record
class NamndResultView:
    """One nämnd's "Måluppfyllelse": its goals in full detail and its activities."""

    org: str
    name: str
    period: FollowUpPeriodView
    header: FollowUpHeader
    rule: str
    scale: tuple[Status, ...]
    trends: tuple[Status, ...]
    summary: StatusSummary
    suggested: StatusSummary
    goals: tuple[GoalResultView, ...]
    activities: tuple[ActivityResultView, ...]
    activity_counts: tuple[ActivityCount, ...]
    economy: EconomyRow | None = None
    economy_until: str = ""


@record
class Levels:
    """The steering model as the documents see it, with its configured names.

    ``top`` are the goal levels fullmäktige decides (Heby: inriktning), ``unit`` the
    goal levels decided below it (Heby: effektmål), ``activities`` the levels with
    role aktivitet. ``direction`` is the first of ``top``, ``cross`` the level the
    coverage matrix crosses the nämnder with (the last of ``top``), ``goal`` the first
    of ``unit`` (or the first activity level when the nämnder set no goals of their
    own). ``org_top`` is fullmäktige's level and ``org_units`` the levels below it
    that write a plan document each (nämnd; in a region also regionstyrelse).
    """

    root: Level
    direction: Level
    goal: Level
    activity: Level
    top: tuple[Level, ...] = ()
    unit: tuple[Level, ...] = ()
    activities: tuple[Level, ...] = ()
    cross: Level | None = None
    org_top: OrgLevel | None = None
    org_units: tuple[OrgLevel, ...] = ()
    org_below: tuple[OrgLevel, ...] = ()

    @property
    def has_activities(self) -> bool:
        """Whether the chain has activities below the nämnd goals (Heby: aktiviteter)."""
        return bool(self.activities) and self.activity.kind != self.goal.kind

    @property
    def has_goals(self) -> bool:
        """Whether the nämnder set goals of their own (not only activities)."""
        return bool(self.unit)

    @property
    def top_name(self) -> str:
        """Fullmäktige in a sentence: ``kommunfullmäktige``."""
        return self.org_top.lower if self.org_top else "kommunfullmäktige"

    @property
    def top_title(self) -> str:
        """Fullmäktige as a title: ``Kommunfullmäktige``."""
        return self.org_top.name if self.org_top else "Kommunfullmäktige"

    @property
    def top_genitive(self) -> str:
        """``kommunfullmäktiges``."""
        return self.org_top.genitive if self.org_top else "kommunfullmäktiges"

    @property
    def unit_title(self) -> str:
        """A column heading for the plan-writing units: ``Nämnd``, ``Regionstyrelse/nämnd``."""
        names = [o.name for o in self.org_units] or ["Nämnd"]
        return "/".join([names[0], *(n.lower() for n in names[1:])])

    @property
    def unit_name(self) -> str:
        """The units in a sentence, singular: ``nämnd``, ``regionstyrelse eller nämnd``."""
        return " eller ".join(o.lower for o in self.org_units) or "nämnd"

    @property
    def unit_definite(self) -> str:
        """``nämnden``, ``regionstyrelsen eller nämnden``."""
        return " eller ".join(o.definite for o in self.org_units) or "nämnden"

    @property
    def unit_genitive(self) -> str:
        """``nämndens``, ``regionstyrelsens eller nämndens``."""
        return " eller ".join(o.genitive for o in self.org_units) or "nämndens"

    @property
    def below_genitive(self) -> str:
        """The organisation levels below the units: ``förvaltningarnas och enheternas``."""
        return listing([genitive(o.definite_plural) for o in self.org_below], "och")

    @property
    def goals_plural(self) -> str:
        """Every goal level in a sentence: ``inriktningar och effektmål``."""
        return listing([lv.lower_plural for lv in (*self.top, *self.unit)], "och")

    @property
    def unit_plural(self) -> str:
        """The units in a sentence, plural: ``nämnder``, ``regionstyrelser och nämnder``."""
        return " och ".join(o.lower_plural for o in self.org_units) or "nämnder"

    @property
    def units_genitive(self) -> str:
        """``nämndernas``, ``regionstyrelsernas och nämndernas``."""
        return listing([genitive(o.definite_plural) for o in self.org_units], "och") or (
            "nämndernas")

    @property
    def unit_name_genitive(self) -> str:
        """``nämnds``, ``regionstyrelses eller nämnds`` (after "varje")."""
        return " eller ".join(genitive(o.lower) for o in self.org_units) or "nämnds"

    @property
    def cross_and_units(self) -> str:
        """The coverage heading: ``Inriktningar och nämnder``, ``Strategiska mål,
        regionstyrelser och nämnder``."""
        cross = self.cross or self.direction
        joiner = ", " if len(self.org_units) > 1 else " och "
        return f"{cross.plural}{joiner}{self.unit_plural}"

    @property
    def unit_definite_plural(self) -> str:
        """``nämnderna``, ``regionstyrelserna och nämnderna``."""
        return " och ".join(o.definite_plural for o in self.org_units) or "nämnderna"

    @property
    def goal_plural(self) -> str:
        """The nämnder's goal levels in a sentence: ``effektmål``, ``nämndmål och enhetsmål``."""
        return listing([lv.lower_plural for lv in self.unit], "och") or self.goal.lower_plural


@record
class Cover:
    """A document's cover page: the kommun, the document's real title (``Delårsrapport
    januari–augusti 2027``, not ``2027-delår``), who decides it, and the filing data from
    the plan or follow-up file as (label, text) pairs (``("Diarienummer", "KS 2026/0412")``).
    """

    kommun: str
    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()

    @property
    def filed(self) -> bool:
        """Whether the file gives any filing data (a diarienummer, §, meeting or annex)."""
        return bool(self.facts)


class Document:
    """One output document: which template (``kind``), file name stem, title, data,
    and its cover page (set by :mod:`malstyrning.render.cover`).

    ``data`` (and ``cover``) may be given as a function that makes them when they are
    first read: a big city's documents are rendered in two processes (see
    :mod:`malstyrning.render.split`), and each builds only the data of the documents it
    writes. Immutable from the outside, like the other records. ``size``: how many rows
    its data holds (an activity list's), when that is known without making it.
    """

    __slots__ = ("_cover", "_cover_of", "_data", "_make", "kind", "size", "stem", "summary",
                 "title")
    kind: str
    stem: str
    title: str
    summary: str
    _data: Any
    _make: Callable[[], Any] | None
    _cover: Cover | None
    _cover_of: Callable[[Document], Cover] | None
    size: int | None

    def __init__(self, kind: str, stem: str, title: str, summary: str, data: Any = None,
                 cover: Cover | None = None, *, make: Callable[[], Any] | None = None,
                 cover_of: Callable[[Document], Cover] | None = None,
                 size: int | None = None) -> None:
        set_ = object.__setattr__
        set_(self, "kind", kind)
        set_(self, "stem", stem)
        set_(self, "title", title)
        set_(self, "summary", summary)
        set_(self, "_data", data)
        set_(self, "_make", make)
        set_(self, "_cover", cover)
        set_(self, "_cover_of", cover_of)
        set_(self, "size", size)

    @property
    def data(self) -> Any:
        make = self._make
        if make is not None:
            object.__setattr__(self, "_data", make())
            object.__setattr__(self, "_make", None)
        return self._data

    @property
    def cover(self) -> Cover | None:
        cover_of = self._cover_of
        if cover_of is not None:
            object.__setattr__(self, "_cover", cover_of(self))
            object.__setattr__(self, "_cover_of", None)
        return self._cover

    def with_cover(self, cover_of: Callable[[Document], Cover]) -> Document:
        """This document with the cover page ``cover_of`` makes from it when first read
        (the data is made once, by whichever of the two is read first)."""
        return Document(self.kind, self.stem, self.title, self.summary,
                        make=lambda: self.data, cover_of=cover_of, size=self.size)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Document is immutable ({name})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return ((self.kind, self.stem, self.title, self.summary, self.data, self.cover)
                == (other.kind, other.stem, other.title, other.summary, other.data,
                    other.cover))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Document(kind={self.kind!r}, stem={self.stem!r}, title={self.title!r}, "
                f"summary={self.summary!r}, data={self.data!r}, cover={self.cover!r})")


@record
class Site:
    """Everything the renderers need: the documents and what every page shows."""

    kommun: str
    kommunkod: str
    period: str
    levels: Levels
    documents: tuple[Document, ...]
    blocking: tuple[FindingView, ...] = ()
    severities: tuple[SeverityLabel, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    followup: FollowUpPeriodView | None = None

    def document(self, kind: str) -> Document | None:
        for doc in self.documents:
            if doc.kind == kind:
                return doc
        return None

    def of_kind(self, kind: str) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if d.kind == kind)
