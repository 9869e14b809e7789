"""The plan model: typed, immutable records and one index over the whole repository.

It knows goals, not YAML. Every check and report reads this, never raw dicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from operator import add
from types import MappingProxyType
from typing import Any, NamedTuple

from malstyrning.findings import JsonPath

EMPTY: Mapping[str, Any] = MappingProxyType({})
_NO_ATTRS = repeat((EMPTY,))  # the tail of every node record read back without attributes
_ABSENT = object()
_PLAIN_TYPES = frozenset({str, type(_ABSENT)})  # what attrs_kept shares

INDICATOR = "indikator"
# By node kind, the only attribute fields its nodes keep (see FileModel.attrs_kept).
Kept = Mapping[str, frozenset[str]]
# The fields of an activity's item that its node's facts hold as text, in this order.
ACTIVITY_FACTS = ("start", "slut", "status")
# What the documents read of an activity's own attributes besides its full view: its
# row's ansvarig, and its Agenda 2030 codes where its level carries them (the kommun's
# coverage table). A render's check on worker processes sends only these; the rest, the
# description above all (shown only where a goal has few activities), is read again
# when a document asks for it (PlanModel.attrs_of).
ACTIVITY_LISTED = frozenset({"ansvarig", "agenda2030"})
# Top-level texts of plans and follow-ups that documents show (not checked by rules).
# The filing data (diarienummer, paragraf, sammanträdesdatum, bilaga) goes on the cover page.
HEADER_KEYS = ("beslutad", "beslutsinstans", "kommentar", "diarienummer", "paragraf",
               "sammanträdesdatum", "bilaga")
FINANCIAL_GOAL = "finansiellt mål"
POLICY_DOCUMENT = "styrdokument"


class Node(NamedTuple):
    """A goal, activity, indicator or styrdokument — anything with an id.

    ``parents`` are the ids in ``bidrar_till``; ``owner`` is the goal an indicator
    measures. ``facts`` holds the few values cross-file checks need (an indicator's
    direction, baseline and targets; an activity's dates and status). ``attrs`` is
    the item's full mapping; it is empty when the node comes from the cache
    (cross-file checks never need it), and after a render's check on worker processes
    an activity's holds only ``ACTIVITY_LISTED`` (``run(..., compact=True)``): documents
    read the rest through :meth:`PlanModel.attrs_of`.
    A NamedTuple rather than a dataclass: a large repository has 50,000 of them, rebuilt
    from the cache on every run, and tuples are built several times faster.
    """

    kind: str
    id: str
    name: str
    parents: tuple[str, ...]
    org: str
    file: str
    path: JsonPath
    owner: str = ""
    facts: tuple[Any, ...] = ()
    attrs: Mapping[str, Any] = EMPTY

    def to_record(self) -> tuple[Any, ...]:
        return tuple(self[:9])

    @classmethod
    def from_record(cls, rec: Sequence[Any]) -> Node:
        return cls._make((*rec, EMPTY))


@dataclass(frozen=True, slots=True)
class OrgUnit:
    """One unit of the organisation register (KF, a nämnd, a förvaltning, an enhet)."""

    id: str
    name: str
    level: str
    parent: str
    file: str
    path: JsonPath


@dataclass(frozen=True, slots=True)
class Frame:
    """A budget frame in tkr, as KF decides it for one nämnd."""

    org: str
    amount: float
    path: JsonPath


@dataclass(frozen=True, slots=True)
class PlanDoc:
    """The header of one verksamhetsplan and the facts cross-file checks need."""

    file: str
    org: str
    level: str
    period: tuple[int, int] | None
    ram: float | None = None
    frames: tuple[Frame, ...] = ()
    frames_total: float | None = None
    frames_year: int | None = None
    sections: tuple[str, ...] = ()
    period_text: str = ""


class Outcome(NamedTuple):
    """One indicator outcome in a follow-up; ``value`` None means missing (never 0)."""

    indicator: str
    year: int | None
    value: float | None
    missing: str
    source: str
    women: float | None
    men: float | None
    comment: str
    path: JsonPath


class Assessment(NamedTuple):
    """The people's assessment of one goal in a follow-up."""

    goal: str
    status: str
    trend: str
    analysis: str
    conclusions: str
    improvements: tuple[str, ...]
    path: JsonPath


class ActivityStatus(NamedTuple):
    """An activity's status as reported in a follow-up."""

    activity: str
    status: str
    comment: str
    path: JsonPath


class BudgetChange(NamedTuple):
    """A change of the budget decided during the year, in tkr, with its decision."""

    amount: float
    decision: str
    what: str
    path: JsonPath


class Economy(NamedTuple):
    """An organisation's economy in one follow-up, in tkr (net costs).

    ``frame`` is the frame fullmäktige decided, ``changes`` the changes decided since,
    ``total`` the budget as written (None when left out), ``outcome`` the outcome to the
    end of the period and ``forecast`` the prognos for the whole year. The deviation is
    the budget minus the prognos (minus the outcome at year end): positive is a surplus.
    """

    frame: float | None
    changes: tuple[BudgetChange, ...]
    total: float | None
    outcome: float | None
    forecast: float | None
    comment: str
    path: JsonPath

    @property
    def budget(self) -> float | None:
        """The frame plus the decided changes, or the budget written when no frame is."""
        if self.frame is None:
            return self.total
        return self.frame + sum(c.amount for c in self.changes)

    def year_end(self, forecast_period: bool) -> float | None:
        """What the year is expected to end with: the prognos in a forecast period,
        the outcome at year end; None when that figure is missing."""
        if forecast_period and self.forecast is not None:
            return self.forecast
        return None if forecast_period else self.outcome

    def deviation(self, forecast_period: bool) -> float | None:
        """Budget minus the year's expected end, in tkr (positive: a surplus)."""
        budget, end = self.budget, self.year_end(forecast_period)
        return None if budget is None or end is None else budget - end

    def deviation_percent(self, forecast_period: bool) -> float | None:
        """The deviation as a share of the budget, in per cent."""
        deviation, budget = self.deviation(forecast_period), self.budget
        return None if deviation is None or not budget else deviation / budget * 100

    def to_record(self) -> tuple[Any, ...]:
        return (self.frame, tuple(tuple(c) for c in self.changes), self.total,
                self.outcome, self.forecast, self.comment, self.path)

    @classmethod
    def from_record(cls, rec: Sequence[Any]) -> Economy:
        frame, changes, total, outcome, forecast, comment, path = rec
        return cls(frame, tuple(BudgetChange._make(c) for c in changes), total, outcome,
                   forecast, comment, tuple(path))


@dataclass(frozen=True, slots=True)
class FollowUpDoc:
    """One follow-up document: outcomes, assessments, activity statuses and economy."""

    file: str
    org: str
    period: str
    year: int | None
    code: str
    outcomes: tuple[Outcome, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    activities: tuple[ActivityStatus, ...] = ()
    economy: Economy | None = None

    def to_record(self) -> tuple[Any, ...]:
        return (self.file, self.org, self.period, self.year, self.code,
                tuple(tuple(o) for o in self.outcomes),
                tuple(tuple(a) for a in self.assessments),
                tuple(tuple(a) for a in self.activities),
                self.economy.to_record() if self.economy else None)

    @classmethod
    def from_record(cls, rec: Sequence[Any]) -> FollowUpDoc:
        file, org, period, year, code, outcomes, assessments, activities, economy = rec
        return cls(file, org, period, year, code,
                   tuple(Outcome._make(o) for o in outcomes),
                   tuple(Assessment._make(a) for a in assessments),
                   tuple(ActivityStatus._make(a) for a in activities),
                   Economy.from_record(economy) if economy else None)


@dataclass(frozen=True, slots=True)
class FileModel:
    """What one file contributes to the model."""

    file: str
    kind: str
    plan: PlanDoc | None = None
    units: tuple[OrgUnit, ...] = ()
    nodes: tuple[Node, ...] = ()
    followup: FollowUpDoc | None = None
    header: tuple[tuple[str, Any], ...] = ()
    # Whether some of its nodes hold only part of their attributes (attrs_kept).
    partial: bool = False

    def attrs_kept(self, kept: Kept, shared: dict[Any, Mapping[str, Any]] | None = None
                   ) -> tuple[tuple[Mapping[str, Any], ...], bool]:
        """The nodes' attributes in order, each node of a kind that ``kept`` names with
        only the fields named for it (as a worker sends them), and whether any node
        lost a field by that. Equal kept mappings of plain texts are one object, shared
        through ``shared`` (fifty activities of one enhet with the same ``ansvarig``:
        marshal then writes one mapping and refers to it, and one is read back)."""
        memo: dict[Any, Mapping[str, Any]] = {} if shared is None else shared
        # the same order anywhere
        order = {kind: tuple(sorted(fields)) for kind, fields in kept.items()}
        out: list[Mapping[str, Any]] = []
        append = out.append
        plain = _PLAIN_TYPES.__contains__
        lost = False
        for n in self.nodes:
            fields = order.get(n.kind)
            if fields is None:
                append(n.attrs)
                continue
            attrs = n.attrs
            get = attrs.get
            if len(fields) == 2:  # ACTIVITY_LISTED, the common case, spelled out
                got: tuple[Any, ...] = (get(fields[0], _ABSENT), get(fields[1], _ABSENT))
            else:
                got = tuple([get(k, _ABSENT) for k in fields])
            key = (fields, got)
            if all(map(plain, map(type, got))):  # texts only: shared (see above)
                part = memo.get(key)
                if part is None:
                    part = memo[key] = {k: v for k, v in zip(fields, got, strict=True)
                                        if v is not _ABSENT}
            else:
                part = {k: v for k, v in zip(fields, got, strict=True) if v is not _ABSENT}
            lost = lost or len(part) != len(attrs)
            append(part)
        return tuple(out), lost

    def to_record(self) -> tuple[Any, ...]:
        """A compact, marshal-able form for the cache (node attributes dropped)."""
        plan = None
        if self.plan is not None:
            p = self.plan
            plan = (p.file, p.org, p.level, p.period, p.ram,
                    tuple((f.org, f.amount, f.path) for f in p.frames),
                    p.frames_total, p.frames_year, p.sections, p.period_text)
        units = tuple((u.id, u.name, u.level, u.parent, u.file, u.path) for u in self.units)
        followup = self.followup.to_record() if self.followup else None
        return (self.file, self.kind, plan, units, tuple(n.to_record() for n in self.nodes),
                followup, self.header)

    @classmethod
    def from_record(cls, rec: Sequence[Any], attrs: Sequence[Mapping[str, Any]] = (),
                    partial: bool = False) -> FileModel:
        """The model from :meth:`to_record`; ``attrs`` gives the nodes their
        attributes back (one mapping per node, in order), for documents, ``partial``
        when some lack fields (:meth:`attrs_kept`)."""
        file, kind, plan_rec, units_rec, nodes_rec, followup_rec, header = rec
        plan = None
        if plan_rec is not None:
            pf, org, level, period, ram, frames, total, year, sections, text = plan_rec
            plan = PlanDoc(pf, org, level, tuple(period) if period else None, ram,
                           tuple(Frame(o, a, tuple(p)) for o, a, p in frames),
                           total, year, tuple(sections), text)
        units = tuple(OrgUnit(i, n, lv, par, f, tuple(p)) for i, n, lv, par, f, p in units_rec)
        new, node_class = tuple.__new__, Node  # Node._make, without its Python frame
        if attrs:
            if len(attrs) != len(nodes_rec):
                raise ValueError("one mapping of attributes per node")
            try:  # each record + (its attributes,) in C, as below
                nodes = tuple(map(new, repeat(node_class), map(add, nodes_rec, zip(attrs))))
            except TypeError:  # a record that is not a tuple
                nodes = tuple(new(node_class, (*r, a))
                              for r, a in zip(nodes_rec, attrs, strict=True))
        else:
            try:  # each record + (EMPTY,) in C: a third of the time of a generator
                nodes = tuple(map(new, repeat(node_class), map(add, nodes_rec, _NO_ATTRS)))
            except TypeError:  # a record that is not a tuple
                nodes = tuple(new(node_class, (*r, EMPTY)) for r in nodes_rec)
        followup = FollowUpDoc.from_record(followup_rec) if followup_rec else None
        return cls(file, kind, plan, units, nodes, followup, tuple(map(tuple, header)),
                   partial)


class PlanModel:
    """The whole repository as a graph: id → node, parent → children, org → unit."""

    def __init__(self, files: Iterable[FileModel],
                 reread: Callable[[FileModel], FileModel] | None = None) -> None:
        """``reread`` reads a file's part of the model again, with every attribute, for
        :meth:`attrs_of` (needed when some files are partial)."""
        self.files: list[FileModel] = sorted(files, key=lambda f: f.file)
        self._partial = {f.file: f for f in self.files if f.partial}
        self._reread = reread
        self._whole: dict[str, dict[JsonPath, Mapping[str, Any]]] = {}
        nodes: list[Node] = [n for f in self.files for n in f.nodes]
        self.nodes = nodes
        self.plans: list[PlanDoc] = [f.plan for f in self.files if f.plan is not None]
        # One C-speed pass; ids keep the order of their first node, and only a repository
        # with duplicate ids takes the second pass that gives each id its first node.
        by_id: dict[str, Node] = {node.id: node for node in nodes}
        duplicates: dict[str, list[Node]] = defaultdict(list)
        if len(by_id) != len(nodes):
            first: dict[str, Node] = {}
            for node in nodes:
                if node.id in first:
                    duplicates[node.id].append(node)
                else:
                    first[node.id] = node
            for node_id in duplicates:
                by_id[node_id] = first[node_id]
        self.by_id = by_id
        self.duplicates = duplicates
        children: dict[str, list[Node]] = defaultdict(list)
        indicators: dict[str, list[Node]] = defaultdict(list)
        for node in nodes:
            for parent in node.parents:
                children[parent].append(node)
            if node.owner:
                indicators[node.owner].append(node)
        self.children = children
        self.indicators = indicators
        self.units: dict[str, OrgUnit] = {}
        self.duplicate_units: list[OrgUnit] = []
        for f in self.files:
            for unit in f.units:
                if unit.id in self.units:
                    self.duplicate_units.append(unit)
                else:
                    self.units[unit.id] = unit
        self.has_register = any(f.kind == "organisation" for f in self.files)
        self.followups: list[FollowUpDoc] = [f.followup for f in self.files
                                             if f.followup is not None]
        self.headers: dict[str, dict[str, Any]] = {
            f.file: dict(f.header) for f in self.files if f.header}

    def of_kind(self, kind: str) -> list[Node]:
        return [n for n in self.nodes if n.kind == kind]

    def only(self, files: Iterable[FileModel]) -> PlanModel:
        """The model of some of its files, reading attributes again as this one does."""
        return PlanModel(files, self._reread)

    def attrs_of(self, node: Node) -> Mapping[str, Any]:
        """Every attribute of ``node``: its own, or when its file is partial (a render's
        check on worker processes), the file's read again (once per file). ``reread``
        raises when the file is no longer what was checked."""
        if node.file not in self._partial or self._reread is None:
            return node.attrs
        whole = self._whole.get(node.file)
        if whole is None:
            again = self._reread(self._partial[node.file])
            whole = self._whole[node.file] = {n.path: n.attrs for n in again.nodes}
        return whole.get(node.path, node.attrs)

    def has_child_of_kind(self, node_id: str, kinds: set[str] | frozenset[str]) -> bool:
        """Whether a node of one of ``kinds`` names ``node_id`` in its ``bidrar_till``."""
        return any(c.kind in kinds for c in self.children.get(node_id, ()))

    def ids_of_kinds(self, kinds: tuple[str, ...]) -> list[str]:
        """Every id whose (first) node is of one of ``kinds`` (every id if none)."""
        by_id = self.by_id
        return [n for n in by_id if not kinds or by_id[n].kind in kinds]

    def chain_of(self, node_id: str) -> str:
        """``VISION > I2 > UBN-E1``: the first-parent path from the root to ``node_id``."""
        node = self.by_id.get(node_id)
        if node is None:
            return ""
        parts = [node.id]
        seen = {node.id}
        current = node
        if current.owner:
            owner = self.by_id.get(current.owner)
            if owner is not None:
                parts.append(owner.id)
                seen.add(owner.id)
                current = owner
        while current.parents:
            parent = self.by_id.get(current.parents[0])
            if parent is None or parent.id in seen:
                break
            parts.append(parent.id)
            seen.add(parent.id)
            current = parent
        return " > ".join(reversed(parts))

    def units_under(self, org: str) -> set[str]:
        """``org`` and every unit below it in the register (safe against cycles)."""
        below: dict[str, list[str]] = {}
        for unit in self.units.values():
            below.setdefault(unit.parent, []).append(unit.id)
        out: set[str] = set()
        todo = [org]
        while todo:
            current = todo.pop()
            if current not in out:
                out.add(current)
                todo.extend(below.get(current, []))
        return out

    @cached_property
    def _plan_periods(self) -> dict[str, tuple[int, int] | None]:
        return {p.file: p.period for p in self.plans}

    def plan_period_of(self, file: str) -> tuple[int, int] | None:
        """The period of the plan a node was read from."""
        return self._plan_periods.get(file)

    def unit_name(self, org: str) -> str:
        unit = self.units.get(org)
        return unit.name if unit else org


def frames_for(model: PlanModel, year: int | None) -> tuple[dict[str, Frame], float | None,
                                                             str]:
    """(org → frame, the frames' total, the plan file) decided for ``year``: the plan
    whose ``ramar.år`` is the year, else the first plan with frames."""
    plans = [p for p in model.plans if p.frames]
    plan = next((p for p in plans if p.frames_year == year), None) or next(
        (p for p in plans if p.frames_year is None), None)
    if plan is None:
        return {}, None, ""
    frames: dict[str, Frame] = {}
    for frame in plan.frames:
        frames.setdefault(frame.org, frame)
    return frames, plan.frames_total, plan.file
