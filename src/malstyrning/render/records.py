"""The documents' data as immutable records: what each document shows, in order.

:mod:`malstyrning.render.views` computes them from the plan model; templates lay them
out. Plan text stays raw here — escaping is the templates' job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from malstyrning.config import Level
from malstyrning.render.diagram import Diagram


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Measure:
    year: int
    value: float


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class IndicatorTable:
    """A goal's indicators, with one target column per year any of them has a target for."""

    rows: tuple[IndicatorView, ...]
    years: tuple[int, ...]

    @property
    def kolada(self) -> bool:
        """Whether any indicator is a Kolada KPI (the table then says "Källa: Kolada")."""
        return any(r.kolada for r in self.rows)


@dataclass(frozen=True)
class Status:
    """An activity's status as text and symbol (never colour alone); ``css`` names a class."""

    key: str
    symbol: str
    text: str
    css: str


@dataclass(frozen=True)
class ActivityView:
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


@dataclass(frozen=True)
class GoalView:
    """An effektmål as the nämnd's plan shows it."""

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


@dataclass(frozen=True)
class DirectionView:
    """An inriktning with the effektmål all nämnder link to it."""

    id: str
    name: str
    description: str
    anchor: str
    sdgs: tuple[Sdg, ...]
    goals: tuple[Link, ...]
    policies: tuple[Link, ...]


@dataclass(frozen=True)
class FinancialGoalView:
    id: str
    name: str
    description: str
    anchor: str
    indicators: IndicatorTable


@dataclass(frozen=True)
class FrameRow:
    org: str
    name: str
    amount: float
    doc: str


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class OrgColumn:
    org: str
    name: str
    doc: str


@dataclass(frozen=True)
class CoverageRow:
    org: OrgColumn
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class CoverageMatrix:
    """How many effektmål each nämnd (row) links to each inriktning (column)."""

    columns: tuple[Link, ...]
    rows: tuple[CoverageRow, ...]
    column_totals: tuple[int, ...]
    total: int

    @property
    def gaps(self) -> int:
        """Empty cells: an inriktning a nämnd does not contribute to."""
        return sum(1 for r in self.rows for c in r.counts if c == 0)


@dataclass(frozen=True)
class SdgUse:
    """One goal that touches an SDG goal, and through which codes (``4.1``, ``4``)."""

    link: Link
    level_name: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class SdgRow:
    goal: str
    name: str
    targets: tuple[str, ...]
    uses: tuple[SdgUse, ...]


@dataclass(frozen=True)
class SdgCoverage:
    rows: tuple[SdgRow, ...]

    @property
    def touched(self) -> int:
        return sum(1 for r in self.rows if r.uses)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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

    @property
    def activity_count(self) -> int:
        """Distinct activities linked to the nämnd's goals."""
        return len({a.id for g in self.goals for a in g.activities})

    @property
    def frame_differs(self) -> bool:
        return (self.frame is not None and self.kf_frame is not None
                and abs(self.frame - self.kf_frame) > 1e-9)


@dataclass(frozen=True)
class OutlineItem:
    """One line of the nested outline; ``repeat`` marks a node already shown above."""

    level_name: str
    link: Link
    status: Status | None
    children: tuple[OutlineItem, ...] = ()
    repeat: bool = False


@dataclass(frozen=True)
class LooseItem:
    level_name: str
    link: Link
    reason: str


@dataclass(frozen=True)
class ChainView:
    """Document 3: målkedjan as an outline and as diagrams."""

    outline: tuple[OutlineItem, ...]
    loose: tuple[LooseItem, ...]
    diagrams: tuple[Diagram, ...]


@dataclass(frozen=True)
class SeverityLabel:
    key: str
    symbol: str
    text: str
    plural: str
    css: str


@dataclass(frozen=True)
class FindingView:
    code: str
    severity: SeverityLabel
    message: tuple[tuple[str, bool], ...]
    hint: tuple[tuple[str, bool], ...]
    file: str
    line: int
    column: int
    chain: str


@dataclass(frozen=True)
class QualityGroup:
    """The findings that belong to one nämnd (or to KF, or to the repository as a whole)."""

    key: str
    title: str
    anchor: str
    findings: tuple[FindingView, ...]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity.key == severity)


@dataclass(frozen=True)
class QualityView:
    """Document 4: the open findings, grouped by nämnd."""

    groups: tuple[QualityGroup, ...]

    @property
    def total(self) -> int:
        return sum(len(g.findings) for g in self.groups)

    def count(self, severity: str) -> int:
        return sum(g.count(severity) for g in self.groups)


@dataclass(frozen=True)
class Levels:
    """The chain levels the documents are built around, with their configured names."""

    root: Level
    direction: Level
    goal: Level
    activity: Level

    @property
    def has_activities(self) -> bool:
        """Whether the chain has a level below the nämnd goals (Heby: aktiviteter)."""
        return self.activity.kind != self.goal.kind


@dataclass(frozen=True)
class Document:
    """One output document: which template (``kind``), file name stem, title, data."""

    kind: str
    stem: str
    title: str
    summary: str
    data: Any


@dataclass(frozen=True)
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

    def document(self, kind: str) -> Document | None:
        for doc in self.documents:
            if doc.kind == kind:
                return doc
        return None

    def of_kind(self, kind: str) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if d.kind == kind)
