"""The view model: computes each document's data (:mod:`records`) from the plan model.

Coverage matrix, each goal with what builds on it (at any depth of the chain), the
outline and diagrams of the chain, findings grouped by nämnd. Everything is sorted (ids
in natural order, nämnder in register order), so the same plan always gives the same
documents, and every piece can be tested without a template.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache, partial
from itertools import compress, groupby, repeat
from operator import add, attrgetter, is_, itemgetter, methodcaller, not_
from typing import Any

from malstyrning.config import Level, Settings, parse_period
from malstyrning.findings import Finding, Severity
from malstyrning.model import (
    ACTIVITY_FACTS,
    FINANCIAL_GOAL,
    POLICY_DOCUMENT,
    Node,
    PlanDoc,
    PlanModel,
)
from malstyrning.render import diagram
from malstyrning.render.records import (
    ActivityBrief,
    ActivityGroup,
    ActivityListSection,
    ActivityListView,
    ActivityShare,
    ActivitySummary,
    ActivityView,
    ChainView,
    CoverageMatrix,
    CoverageRow,
    DirectionView,
    Document,
    FinancialGoalView,
    FindingView,
    FollowUpPeriodView,
    FrameRow,
    FrameTable,
    GoalView,
    IndicatorTable,
    IndicatorView,
    KommunplanView,
    Levels,
    Link,
    LooseItem,
    Measure,
    NamndplanView,
    OrgColumn,
    OutlineItem,
    PolicyView,
    QualityGroup,
    QualityView,
    Rows,
    Sdg,
    SdgCoverage,
    SdgRow,
    SdgUse,
    SeverityLabel,
    Site,
    Status,
    StatusTally,
)
from malstyrning.render.typography import (
    labels,
    natural_key,
    natural_sorted,
    period_text,
    segments,
    slug,
    slugs,
    titled,
)
from malstyrning.values import number_of, text_of
from malstyrning.words import genitive, listing, upper_first

INDEX = "index"
KOMMUNPLAN = "kommunens-plan"
MALKEDJAN = "malkedjan"
KVALITET = "kvalitetsgranskning"
NAMND_PREFIX = "verksamhetsplan-"

# Limits that keep every document readable whatever the repository's size (README,
# "Stora kommuner"): a goal lists at most LIST_LIMIT activities itself, more are
# summarised per förvaltning or enhet with links to documents that list them (at most
# DOC_ROWS rows each, else split one organisation level further down); a diagram draws
# a goal's activities as one box when it has more than DIAGRAM_ACTIVITIES, and a
# diagram of more than DIAGRAM_LIMIT boxes is split into one diagram per part (Mermaid
# refuses more than 500 edges).
LIST_LIMIT = 25
DOC_ROWS = 4000
DIAGRAM_ACTIVITIES = 8
DIAGRAM_LIMIT = 120

# The group key of fullmäktige's own findings and of its documents' --organisation.
KF_LEVEL = "kommunfullmäktige"

_ID = attrgetter("id")
_ORG = attrgetter("org")
_KIND = attrgetter("kind")
_FACTS = attrgetter("facts")
_STATUS_FACT = itemgetter(2)  # an activity's status among its facts (ACTIVITY_FACTS)
_PARENTS = attrgetter("parents")
_ATTRS = attrgetter("attrs")




def _measure(value: Any) -> Measure | None:
    if not isinstance(value, Mapping):
        return None
    year, number = value.get("år"), number_of(value.get("värde"))
    if isinstance(year, int) and not isinstance(year, bool) and number is not None:
        return Measure(year, number)
    return None


def severity_label(severity: Severity) -> SeverityLabel:
    data = labels()["allvarlighet"][severity.swedish]
    return SeverityLabel(severity.swedish, data["symbol"], data["text"], data["plural"],
                         data["klass"])


def status_of(value: Any) -> Status:
    """The status scale entry for an activity's ``status`` (unknown → "Status saknas")."""
    key = text_of(value)
    return _status(key)


@lru_cache(maxsize=1024)
def _status(key: str) -> Status:
    data = labels()["status"].get(key) or labels()["okänd_status"]
    text = data["text"] if key in labels()["status"] or not key else key
    return Status(key, data["symbol"], text, data["klass"])


def finding_view(f: Finding) -> FindingView:
    return FindingView(f.code, severity_label(f.severity), segments(f.message), segments(f.hint),
                       f.file, f.line, f.column, f.chain)


# (file stem, organisation, "del 1 av 2" or '', [(goal, its activities listed there)])
ActivityDoc = tuple[str, str, str, list[tuple[Node, list[Node]]]]


def levels_of(settings: Settings) -> Levels:
    """The levels the documents are built around, derived from the steering model."""
    chain, organisation = settings.chain, settings.organisation
    top_org = organisation.top
    org_units = organisation.units
    root = chain.root
    top = tuple(lv for lv in chain.goal_levels if top_org.kind in lv.decided_by)
    unit = tuple(lv for lv in chain.goal_levels if lv not in top)
    activities = chain.activity_levels
    rest = [lv for lv in chain.levels if not lv.is_root]
    direction = top[0] if top else (rest[0] if rest else root)
    activity = activities[0] if activities else chain.leaf
    goal = unit[0] if unit else activity
    below = tuple(o for o in organisation.levels if o.rank > top_org.rank + 1)
    return Levels(root, direction, goal, activity, top, unit, activities,
                  top[-1] if top else direction, top_org, org_units, below)


def kommunplan_stem(settings: Settings) -> str:
    """The file of fullmäktige's plan: ``kommunens-plan`` for a kommun's model (as it
    has always been called), else named after fullmäktige (``regionfullmaktiges-plan``)."""
    from malstyrning.config import _default_model

    top = settings.organisation.top
    if top.kind == _default_model().organisation.top.kind:
        return KOMMUNPLAN
    return slug(f"{top.genitive} plan")


def chain_summary(settings: Settings) -> str:
    """How the chain builds up, leaf first, with who decides each level: ``aktiviteter
    bidrar till nämndernas effektmål, som bidrar till kommunfullmäktiges inriktningar
    och vision``."""
    chain, organisation = settings.chain, settings.organisation
    top = organisation.top

    def owned(level: Level) -> str:
        owners = [o for o in (organisation.by_kind(k) for k in level.decided_by) if o]
        whose = listing([o.genitive if o.kind == top.kind else genitive(o.definite_plural)
                         for o in owners], "och")
        return f"{whose} {level.lower_plural}".strip()

    rest = [lv for lv in reversed(chain.levels) if not lv.is_root]
    if not rest:
        return f"allt utgår från {chain.root.lower}"
    text = f"{rest[0].lower_plural} bidrar till "
    uppers = [owned(lv) for lv in rest[1:]]
    if uppers:
        text += uppers[0] + "".join(f", som bidrar till {u}" for u in uppers[1:])
        return f"{text} och {chain.root.lower}"
    return text + chain.root.lower


def select_period(model: PlanModel, period: tuple[int, int]) -> PlanModel:
    """The model with only the plans whose period overlaps ``period``."""
    def keep(fm: Any) -> bool:
        p = fm.plan.period if fm.plan is not None else None
        return p is None or (p[0] <= period[1] and p[1] >= period[0])

    return model.only(fm for fm in model.files if keep(fm))


class SiteBuilder:
    """Computes every document's data from one model; one instance per render."""

    def __init__(self, model: PlanModel, settings: Settings, findings: Sequence[Finding],
                 period: tuple[int, int] | None = None,
                 headers: Mapping[str, Mapping[str, Any]] | None = None,
                 ids: Sequence[str] | None = None) -> None:
        """``ids``: the model's ids in natural order, if known already (a render's
        helper process sorts them, see render.EarlyDocuments)."""
        self.model = model
        self.headers = headers or {}
        self.settings = settings
        self.findings = list(findings)
        self.period = period or settings.period
        self.levels = levels_of(settings)
        self.chain = settings.chain
        self.chain_kinds = {lv.kind for lv in self.chain.levels}
        levels = self.levels
        self.top_kinds = {levels.root.kind} | {lv.kind for lv in levels.top}
        self.goal_kinds = {lv.kind for lv in self.chain.goal_levels}
        self.activity_kinds = {lv.kind for lv in levels.activities}
        self.unit_kinds = {o.kind for o in levels.org_units}
        self.top_org_kind = levels.org_top.kind if levels.org_top else KF_LEVEL
        # the chain levels the plan-writing units decide (their goals, or their
        # activities when they set no goals of their own)
        self.unit_decided = {lv.kind for lv in self.chain.levels
                             if set(lv.decided_by) & self.unit_kinds}
        self._catalogue = _sdg_catalogue()
        # every id's place in natural order (UBN-E2 before UBN-E10), sorted once
        self._ids = list(ids) if ids is not None else natural_sorted(self.model.by_id)
        self.order = dict(zip(self._ids, range(len(self._ids)), strict=True))
        self._unit_memo: dict[str, str] = {}
        self._org_units: dict[str, str] = {}
        self._hosts: dict[tuple[str, ...], Node | None] = {}
        # activity documents are named after the model's activity level (aktiviteter-…)
        self.activity_prefix = slug(levels.activity.plural) + "-"
        self.kommunplan_stem = kommunplan_stem(settings)
        self._by_kind: dict[str, list[Node]] = {}
        self._by_unit: dict[str, list[Node]] = {}
        self._links: dict[str, Link] = {}
        self._children: dict[str, list[Node]] = {}
        self._named_by: dict[str, list[Node]] | None = None
        self._splits: dict[str, tuple[list[Node], list[Node]]] = {}
        self._child_tallies: dict[str, tuple[StatusTally, ...]] = {}
        self._groups: list[str] | None = None
        # lists of activities known to be in id order, each its id's node, once each
        # (by the list: the sections _activity_docs makes, never changed after)
        self._in_order: dict[int, list[Node]] = {}
        self._parent_links: dict[tuple[str, ...], tuple[Link, ...]] = {}
        self._ranks = {lv.kind: self.chain.rank(lv.kind) for lv in self.chain.levels}
        self._level_names = {lv.kind: lv.name for lv in self.chain.levels}
        self._shares: dict[tuple[str, int], str] = {}
        self._org_chains: dict[str, list[str]] = {}
        self._all_sorted: list[Node] | None = None
        self._unit_plans: dict[str, PlanDoc] | None = None
        self._activities: dict[int, ActivityView] = {}
        self._unit_names: dict[str, str] = {}  # the rows' units: org → name
        self._statuses: dict[str, Status] = {}  # the rows' statuses: key → scale entry
        self.namnder = self._namnder()
        self.namnd_docs = self._namnd_docs()
        self.anchors = self._anchors()
        self.kf_plan = self._kf_plan()
        self.unit_rank = (levels.org_top.rank + 1) if levels.org_top else 1
        self._summarised: set[str] = set()
        self._pending: dict[str, dict[str, list[Node]]] = {}
        # goal id → (document, anchor, activities) where a summarised goal's activities
        # are listed, in the order the documents are made
        self.listed: dict[str, list[tuple[str, str, list[Node]]]] = {}
        self.activity_docs: dict[str, list[ActivityDoc]] = self._activity_docs()
        self._doc_org = {d[0]: (d[1], d[2]) for docs in self.activity_docs.values()
                         for d in docs}

    # -- lookups

    def _namnder(self) -> list[str]:
        """Nämnder in register order, then nämnder known only from plans (sorted)."""
        out = [u.id for u in self.model.units.values() if u.level in self.unit_kinds]
        extra = {p.org for p in self.model.plans if p.level in self.unit_kinds and p.org}
        extra |= {n.org for n in self.model.nodes if n.kind in self.unit_decided
                  and n.kind not in self.top_kinds and self.namnd_of(n.org) == ""
                  and n.org not in self.model.units}
        return out + sorted(extra - set(out) - {""}, key=natural_key)

    def _namnd_docs(self) -> dict[str, str]:
        docs: dict[str, str] = {}
        used: set[str] = set()
        for org in self.namnder:
            stem = NAMND_PREFIX + slug(org)
            candidate, n = stem, 2
            while candidate in used:
                candidate, n = f"{stem}-{n}", n + 1
            used.add(candidate)
            docs[org] = candidate
        return docs

    def _anchors(self) -> dict[str, str]:
        ids = list(self.order)
        bases = list(map(add, repeat("m-"), slugs(ids)))
        if len(set(bases)) == len(bases):  # no two alike: each id keeps its own
            return dict(zip(ids, bases, strict=True))
        anchors: dict[str, str] = {}
        used: set[str] = set()
        for node_id in self.order:
            base = "m-" + slug(node_id)
            candidate, n = base, 2
            while candidate in used:
                candidate, n = f"{base}-{n}", n + 1
            used.add(candidate)
            anchors[node_id] = candidate
        return anchors

    def _kf_plan(self) -> PlanDoc | None:
        plans = [p for p in self.model.plans if p.level == self.top_org_kind]
        return plans[0] if plans else None

    def namnd_of(self, org: str) -> str:
        """The nämnd at or above ``org`` in the register ('' for KF and unknown units)."""
        seen: set[str] = set()
        current = self.model.units.get(org)
        while current is not None and current.id not in seen:
            if current.level in self.unit_kinds:
                return current.id
            seen.add(current.id)
            current = self.model.units.get(current.parent)
        return ""

    def is_top(self, node: Node) -> bool:
        """Whether fullmäktige decides ``node`` (the root and the levels KF decides)."""
        return node.kind in self.top_kinds

    def unit_of(self, node: Node, seen: frozenset[str] = frozenset()) -> str:
        """The nämnd whose plan document describes ``node`` ('' for fullmäktige's)."""
        if not seen:
            memo = self._unit_memo
            if node.id not in memo or self.model.by_id.get(node.id) is not node:
                found = self._unit_of(node, seen)
                if self.model.by_id.get(node.id) is node:
                    memo[node.id] = found
                return found
            return memo[node.id]
        return self._unit_of(node, seen)

    def _unit_of(self, node: Node, seen: frozenset[str]) -> str:
        if self.is_top(node) or node.kind not in self.chain_kinds:
            return ""
        namnd = self._org_unit(node.org)
        if namnd:
            return namnd
        for parent_id in node.parents:
            parent = self.model.by_id.get(parent_id)
            if parent is not None and parent.id not in seen and not self.is_top(parent):
                found = self.unit_of(parent, seen | {node.id})
                if found:
                    return found
        return ""

    def _org_unit(self, org: str) -> str:
        """The nämnd an item of ``org`` belongs to by its organisation alone ('' when
        only its links can tell; computed once per organisation)."""
        memo = self._org_units
        found = memo.get(org)
        if found is None:
            found = memo[org] = self.namnd_of(org) or (org if org in self.namnd_docs else "")
        return found

    def doc_of(self, node: Node) -> str:
        """The document that describes ``node`` ('' when none does)."""
        if self.is_top(node) or node.kind in (FINANCIAL_GOAL, POLICY_DOCUMENT):
            return self.kommunplan_stem
        return self.namnd_docs.get(self.unit_of(node), "")

    def host_goal(self, node: Node) -> Node | None:
        """The goal of a nämnd plan under which an activity is shown, or None when it
        contributes straight to fullmäktige's goals (it is then shown in a group);
        memoised by the parents, the only thing it depends on."""
        hosts = self._hosts
        parents = node.parents
        if parents in hosts:
            return hosts[parents]
        found = hosts[parents] = self._host_goal(parents)
        return found

    def _host_goal(self, parents: tuple[str, ...]) -> Node | None:
        for parent_id in parents:
            parent = self.model.by_id.get(parent_id)
            if (parent is not None and parent.kind in self.chain_kinds
                    and parent.kind not in self.activity_kinds and not self.is_top(parent)):
                return parent
        return None

    def group_of_activity(self, node: Node) -> Node | None:
        """The fullmäktige goal whose group shows an activity without a host goal."""
        for parent_id in sorted(node.parents, key=self.id_key):
            parent = self.model.by_id.get(parent_id)
            if parent is not None and self.is_top(parent):
                return parent
        return None

    def group_anchor(self, parent: Node) -> str:
        return "bidrar-" + self.anchors.get(parent.id, slug(parent.id))

    def group_heading(self, parent: Node) -> str:
        return (f"{self.levels.activity.plural} som bidrar till {parent.id} "
                f"{parent.name}").strip()

    def link(self, node: Node) -> Link:
        """Where ``node`` is described (memoised per item: activities link to the same
        few goals tens of thousands of times)."""
        if self.model.by_id.get(node.id) is node:
            cached = self._links.get(node.id)
            if cached is None:
                cached = self._links[node.id] = self._link(node)
            return cached
        return self._link(node)

    def _link(self, node: Node) -> Link:
        target = node
        anchor, heading = "", ""
        if node.kind in self.activity_kinds:
            # Activities are shown in the tables of their goals: link to the first goal,
            # or to the group of the fullmäktige goal they contribute to.
            host = self.host_goal(node)
            if host is not None:
                target = host
            else:
                group = self.group_of_activity(node)
                if group is not None:
                    anchor, heading = self.group_anchor(group), self.group_heading(group)
        if heading:
            pass
        elif target.kind == self.levels.root.kind:
            heading = self.levels.root.name
        elif target.kind == POLICY_DOCUMENT:
            heading = "Styrdokument"
        else:
            heading = titled(target.id, target.name)
        return Link(node.id, node.name, self.doc_of(node),
                    anchor or self.anchors.get(target.id, ""),
                    self.model.unit_name(node.org) if node.org else "", heading,
                    self.chain.name_of(node.kind) if node.kind in self.chain_kinds else "")

    def status(self, node: Node) -> Status | None:
        """An activity's status; None for goals (which have no status in a plan)."""
        if node.kind in self.activity_kinds:
            return _status(self.dates_and_status(node)[2])
        return None

    def link_to(self, node_id: str) -> Link:
        node = self.model.by_id.get(node_id)
        return self.link(node) if node is not None else Link(node_id, "")

    def sorted_nodes(self, nodes: Iterable[Node]) -> list[Node]:
        """``nodes`` once each, in id order; of two items with one id only the model's."""
        if nodes is self.model.nodes:
            if self._all_sorted is None:
                # _sorted(nodes) without sorting again: by_id holds each id's node
                # (the first), all of them from model.nodes
                self._all_sorted = list(map(self.model.by_id.__getitem__, self._ids))
            return list(self._all_sorted)
        return self._sorted(nodes)

    def _sorted(self, nodes: Iterable[Node]) -> list[Node]:
        by_id = self.model.by_id
        unique = {n.id: n for n in nodes if by_id.get(n.id) is n}
        return [unique[k] for k in sorted(unique, key=self.order.__getitem__)]

    def id_key(self, node_id: str) -> tuple[int, Any]:
        """Sort key for an id: its place in natural order, computed once per site."""
        place = self.order.get(node_id)
        return (0, place) if place is not None else (1, natural_key(node_id))

    def activities_below(self, goals: Iterable[Node]) -> dict[str, Node]:
        """The activities on ``goals`` and on every goal below them (any depth, each
        once, safe against cycles), by id in the order met."""
        found: dict[str, Node] = {}
        stack = list(goals)
        visited: set[str] = set()
        while stack:
            current = stack.pop()
            if current.id in visited:
                continue
            visited.add(current.id)
            acts, others = self._split(current)
            # a goal's activities at once: each its id's node, so an id met again is
            # the same node and keeps the place where it was first met
            found.update(zip(map(_ID, acts), acts, strict=True))
            stack.extend(others)
        return found

    def nodes_of_unit(self, org: str) -> list[Node]:
        """The chain items a nämnd's documents describe, in id order (indexed once)."""
        if not self._by_unit:
            grouped: dict[str, list[Node]] = defaultdict(list)
            kinds = self.chain_kinds - self.top_kinds
            # unit_of, its common case for a whole run of one organisation at a time
            # (ids in order come in such runs; each node here is its id's)
            for owner, group in groupby(self.sorted_nodes(self.model.nodes), key=_ORG):
                every = list(group)
                run = list(compress(every, map(kinds.__contains__, map(_KIND, every))))
                if not run:
                    continue
                unit = self._org_unit(owner)
                if unit:
                    grouped[unit].extend(run)
                else:
                    for n in run:
                        grouped[self.unit_of(n)].append(n)
            self._by_unit.update(grouped)
            self._by_unit.setdefault("", [])
        return list(self._by_unit.get(org, ()))

    def _below(self) -> dict[str, list[Node]]:
        """Each id → the items that name it among their parents, each its id's node,
        once, in id order: model.children sorted, all in one pass (built once)."""
        if self._named_by is None:
            below: dict[str, list[Node]] = defaultdict(list)
            for n in self.sorted_nodes(self.model.nodes):
                for parent in n.parents:
                    listed = below[parent]
                    if not listed or listed[-1] is not n:  # a parent named twice
                        listed.append(n)
            self._named_by = below
        return self._named_by

    def of_kind(self, kind: str) -> list[Node]:
        if not self._by_kind:
            # the sorted list grouped: each kind's nodes stay in id order
            grouped: dict[str, list[Node]] = defaultdict(list)
            for n in self.sorted_nodes(self.model.nodes):
                grouped[n.kind].append(n)
            self._by_kind.update(grouped)
        return list(self._by_kind.get(kind, ()))

    def children(self, node: Node, kinds: set[str] | None = None) -> list[Node]:
        """The chain items below ``node`` that build on it, in id order (memoised: the
        outline, the diagrams, the plans and the summaries all ask)."""
        key = node.id if self.model.by_id.get(node.id) is node else None
        every = self._children.get(key) if key is not None else None
        if every is None:
            rank = self.chain.rank(node.kind)
            ranks = self._ranks
            every = [c for c in self._below().get(node.id, ())
                     if c.kind in ranks and ranks[c.kind] > rank]
            if key is not None:
                self._children[key] = every
        if kinds is None:
            return list(every)
        return [c for c in every if c.kind in kinds]


    def _split(self, node: Node) -> tuple[list[Node], list[Node]]:
        """:meth:`children` as (the activities, the rest), each in id order (memoised
        like children; the lists are shared, not to be changed)."""
        key = node.id if self.model.by_id.get(node.id) is node else None
        found = self._splits.get(key) if key is not None else None
        if found is None:
            kinds = self.activity_kinds
            every = self.children(node)
            found = ([c for c in every if c.kind in kinds],
                     [c for c in every if c.kind not in kinds])
            if key is not None:
                self._splits[key] = found
        return found

    # -- big lists

    def activity_children(self, node: Node) -> list[Node]:
        return list(self._split(node)[0])

    def share_of(self, activity: Node, depth: int = 1) -> str:
        """The organisation an activity's row is listed under: its ancestor ``depth``
        levels below the nämnd (förvaltning, then enhet), else its own unit."""
        key = (activity.org, depth)
        found = self._shares.get(key)
        if found is None:
            found = self._shares[key] = self._share_of(activity, depth)
        return found

    def _share_of(self, activity: Node, depth: int) -> str:
        chain_ = self._org_chains.get(activity.org)
        if chain_ is None:  # the same for every depth: walked once per organisation
            chain_ = self._org_chains[activity.org] = []
            seen: set[str] = set()
            current = self.model.units.get(activity.org)
            while current is not None and current.id not in seen:
                chain_.append(current.id)
                seen.add(current.id)
                level = self.settings.organisation.by_kind(current.level)
                if level is not None and level.rank <= self.unit_rank:
                    break
                current = self.model.units.get(current.parent)
        # chain_: own unit … up to the nämnd; pick the one ``depth`` below the nämnd
        if len(chain_) >= 2:
            return chain_[max(len(chain_) - 1 - depth, 0)]
        return activity.org

    def _activity_docs(self) -> dict[str, list[ActivityDoc]]:
        """Per nämnd: (stem, organisation, [(goal, activities)]) for every goal with more
        than LIST_LIMIT activities, one document per förvaltning (or per enhet when a
        förvaltning has more than DOC_ROWS rows)."""
        out: dict[str, list[ActivityDoc]] = {}
        used: set[str] = set(self.namnd_docs.values())
        every = self.sorted_nodes(self.model.nodes)
        goal_kinds = self.chain_kinds - self.activity_kinds
        for node in compress(every, map(goal_kinds.__contains__, map(_KIND, every))):
            acts = self._split(node)[0]
            if len(acts) <= LIST_LIMIT:
                continue
            namnd = self.unit_of(node)
            if not namnd:
                continue
            out.setdefault(namnd, [])
            self._summarised.add(node.id)
            self._pending.setdefault(namnd, {}).setdefault(node.id, []).extend(acts)
        for namnd, goals in self._pending.items():
            by_share: dict[str, dict[str, list[Node]]] = {}
            for goal_id, acts in goals.items():
                # an activity's share follows from its organisation alone, and a goal's
                # activities come in runs of one organisation (their ids in order)
                per_share: dict[str, list[Node]] = {}
                for _org, group in groupby(acts, key=_ORG):
                    run = list(group)
                    per_share.setdefault(self.share_of(run[0]), []).extend(run)
                for share, listed in per_share.items():
                    by_share.setdefault(share, {})[goal_id] = listed
            for share in sorted(by_share, key=natural_key):
                goal_map = by_share[share]
                rows = sum(len(v) for v in goal_map.values())
                parts: list[dict[str, list[Node]]] = [goal_map]
                if rows > DOC_ROWS:
                    parts = self._pack(goal_map)
                for i, part in enumerate(parts, start=1):
                    stem = self.activity_prefix + slug(namnd) + "-" + slug(share)
                    if len(parts) > 1:
                        stem += f"-del-{i}"
                    candidate, n = stem, 2
                    while candidate in used:
                        candidate, n = f"{stem}-{n}", n + 1
                    used.add(candidate)
                    sections = [(self.model.by_id[g], part[g])
                                for g in sorted(part, key=self.id_key)]
                    label = f"del {i} av {len(parts)}" if len(parts) > 1 else ""
                    out[namnd].append((candidate, share, label, sections))
                    for goal, listed in sections:
                        self.listed.setdefault(goal.id, []).append(
                            (candidate, "lista-" + self.anchors[goal.id], listed))
                        if len(parts) == 1:  # a share's activities of a goal, in order
                            self._in_order[id(listed)] = listed  # (_pack marks its own)
        return out

    def _pack(self, goal_map: dict[str, list[Node]]) -> list[dict[str, list[Node]]]:
        """One organisation's rows split into documents of at most DOC_ROWS rows, by the
        organisation level below it (enhet) in order, never splitting an enhet unless it
        alone has more than DOC_ROWS."""
        # per enhet its rows, as (goal, activities) in the order of goal_map
        by_unit: dict[str, list[tuple[str, list[Node]]]] = {}
        for goal_id, acts in goal_map.items():
            for _org, group in groupby(acts, key=_ORG):
                run = list(group)
                rows = by_unit.setdefault(self.share_of(run[0], 2), [])
                if rows and rows[-1][0] == goal_id:
                    rows[-1][1].extend(run)
                else:
                    rows.append((goal_id, run))
        parts: list[dict[str, list[Node]]] = []
        current: dict[str, list[Node]] = {}
        size = 0
        # a part's list of a goal's activities: pieces each in id order, so in order
        # as a whole when each piece starts after the one before it ends
        order, mixed = self.order, set()
        for unit in sorted(by_unit, key=natural_key):
            for chunk in _chunks(by_unit[unit], DOC_ROWS):
                count = sum(len(acts) for _goal, acts in chunk)
                if size and size + count > DOC_ROWS:
                    parts.append(current)
                    current, size = {}, 0
                for goal_id, acts in chunk:
                    listed = current.setdefault(goal_id, [])
                    if listed and order[listed[-1].id] >= order[acts[0].id]:
                        mixed.add(id(listed))
                    listed.extend(acts)
                size += count
        if current:
            parts.append(current)
        for part in parts:
            for listed in part.values():
                if id(listed) not in mixed:
                    self._in_order[id(listed)] = listed
        return parts

    def summary(self, node: Node) -> ActivitySummary | None:
        """The summary of a goal's activities, when there are too many to list."""
        if node.id not in self._summarised:
            return None
        acts = self._split(node)[0]
        sections = self.listed.get(node.id, [])
        rows = [self._share_row(doc, anchor, items) for doc, anchor, items in sections]
        keys = [natural_key(r.name) for r in rows]
        if (self.model.by_id.get(node.id) is node and len(set(keys)) == len(keys)
                and sum(len(items) for _doc, _anchor, items in sections) == len(acts)):
            # each activity in one row: the goal's tallies are the rows' added up
            total: Counter[str] = Counter()
            for row in rows:
                total.update({t.status.key: t.count for t in row.tallies})
            self._child_tallies.setdefault(node.id, tuple(
                StatusTally(status_of(k), total[k]) for k in [*labels()["status"], ""]
                if total.get(k)))
        else:
            # rows in the order their first activity comes (it decides between rows
            # of one name), and those listed nowhere in a row of their own
            where: dict[str, tuple[str, str]] = {}
            for doc, anchor, items in sections:
                where.update(dict.fromkeys(map(_ID, items), (doc, anchor)))
            shares: dict[tuple[str, str], list[Node]] = {}
            for act in acts:
                shares.setdefault(where.get(act.id, ("", "")), []).append(act)
            rows = [self._share_row(doc, anchor, items)
                    for (doc, anchor), items in shares.items()]
        rows.sort(key=lambda r: natural_key(r.name))
        return ActivitySummary(len(acts), self._tallies_below(node), tuple(rows))

    def _share_row(self, doc: str, anchor: str, items: list[Node]) -> ActivityShare:
        org, label = self._doc_org.get(doc, ("", ""))
        name = self.model.unit_name(org) if org else ""
        return ActivityShare(org, f"{name}, {label}" if label else name, len(items),
                             self.tallies(items), doc, anchor)

    def _tallies_below(self, node: Node) -> tuple[StatusTally, ...]:
        """:meth:`tallies` of ``node``'s activities (memoised: the outline, the diagrams
        and the summaries all count them)."""
        key = node.id if self.model.by_id.get(node.id) is node else None
        found = self._child_tallies.get(key) if key is not None else None
        if found is None:
            found = self.tallies(self._split(node)[0])
            if key is not None:
                self._child_tallies[key] = found
        return found

    def tallies(self, acts: Iterable[Node]) -> tuple[StatusTally, ...]:
        """How many of ``acts`` have each status, in the scale's order (the outline,
        the diagrams and the summaries count the same big lists: activities' statuses
        are read from their facts, a list at a time, in C)."""
        acts = list(acts)
        facts = list(map(_FACTS, acts))
        counts: Counter[str]
        if set(map(len, facts)) <= {3} and self.activity_kinds.issuperset(map(_KIND, acts)):
            counts = Counter(map(_STATUS_FACT, facts))
        else:
            counts = Counter(self.dates_and_status(a)[2] for a in acts)
        known = labels()["status"]
        for key in [k for k in counts if k and k not in known]:
            counts[""] += counts.pop(key)  # an unknown status counts as "Status saknas"
        order = [*labels()["status"], ""]
        return tuple(StatusTally(status_of(k), counts[k]) for k in order if counts.get(k))

    def activity_list(self, namnd: str, stem: str, org: str, label: str,
                      sections: list[tuple[Node, list[Node]]]) -> ActivityListView:
        parts = tuple(
            ActivityListSection(self.link(goal), "lista-" + self.anchors[goal.id],
                                titled(goal.id, goal.name),
                                Rows(list(acts) if self._in_order.get(id(acts)) is acts
                                     else self.sorted_nodes(acts), self.activity,
                                     self.activity_briefs))
            for goal, acts in sections)
        return ActivityListView(namnd, self.model.unit_name(namnd),
                                self.namnd_docs.get(namnd, ""), org, self.list_name(org, label),
                                parts)

    def list_name(self, org: str, label: str) -> str:
        """An activity document's organisation as its title names it (``…, del 1 av 2``)."""
        name = self.model.unit_name(org)
        return f"{name}, {label}" if label else name

    # -- pieces

    def sdgs(self, node: Node) -> tuple[Sdg, ...]:
        """The node's ``agenda2030`` codes, grouped by goal (1–17 in order)."""
        values = node.attrs.get("agenda2030")
        if not isinstance(values, list):
            return ()
        codes = {text_of(v) for v in values if text_of(v)}
        goals = sorted({c.split(".", 1)[0] for c in codes}, key=natural_key)
        return tuple(
            Sdg(goal, self._catalogue.get(goal, ""),
                tuple(sorted((c for c in codes if c.startswith(goal + ".")), key=natural_key)),
                goal in codes)
            for goal in goals)

    def indicators(self, node: Node) -> IndicatorTable:
        rows = []
        years: set[int] = set()
        for ind in self.sorted_nodes(self.model.indicators.get(node.id, [])):
            a = ind.attrs
            targets = sorted((m for m in map(_measure, a.get("målvärden") or []
                                             if isinstance(a.get("målvärden"), list) else [])
                              if m is not None), key=lambda m: m.year)
            years.update(m.year for m in targets)
            direction = text_of(a.get("riktning"))
            rows.append(IndicatorView(
                ind.id, ind.name, text_of(a.get("beskrivning")), text_of(a.get("enhet")),
                direction, labels()["riktning"].get(direction, direction),
                _measure(a.get("baslinje")), tuple(targets), text_of(a.get("kolada")),
                text_of(a.get("källa"))))
        return IndicatorTable(tuple(rows), tuple(sorted(years)))

    def activity(self, node: Node) -> ActivityView:
        """An activity's row (memoised: the same activity is listed under each goal it
        builds on, and in the follow-up)."""
        memo = self._activities.get(id(node))  # by the node object, as in tallies
        if memo is None:
            memo = self._activities[id(node)] = self._activity(node)
        return memo

    def dates_and_status(self, node: Node) -> tuple[str, str, str]:
        """An activity's start, slut and status as text, as the model read them once per
        file (its facts; a test holds them equal to its attributes' text); for any
        other node, from its attributes."""
        if node.kind in self.activity_kinds and len(node.facts) == 3:
            start, end, status = node.facts
            return start, end, status
        start, end, status = (text_of(node.attrs.get(key)) for key in ACTIVITY_FACTS)
        return start, end, status

    def activity_briefs(self, nodes: Sequence[Node]) -> list[ActivityBrief]:
        """What an activity table's row shows of each of ``nodes``: the fields of
        :meth:`activity` that a row reads, without building the rest (the goals'
        links, the description). A test compares the two. (A big city's lists are
        50,000 rows: each node is unpacked once, and the unit's name and the status
        are looked up in this site's tables.)"""
        kinds, names, statuses = self.activity_kinds, self._unit_names, self._statuses
        out: list[ActivityBrief] = []
        append = out.append
        for node in nodes:
            kind, id_, name, _parents, org, _file, _path, _owner, facts, attrs = node
            if kind in kinds and len(facts) == 3:
                start, end, key = facts
            else:
                start, end, key = self.dates_and_status(node)
            unit = names.get(org)
            if unit is None:
                unit = names[org] = self.model.unit_name(org) if org else ""
            who = attrs.get("ansvarig")
            status = statuses.get(key)
            if status is None:
                status = statuses[key] = _status(key)
            append((id_, name, unit, who.strip() if type(who) is str else text_of(who),
                    start, end, status))
        return out

    def _activity(self, node: Node) -> ActivityView:
        a = self.model.attrs_of(node)  # its description may need reading again
        goals = self._parent_links.get(node.parents)
        if goals is None:
            goals = self._parent_links[node.parents] = tuple(
                self.link_to(p) for p in sorted(node.parents, key=self.id_key))
        start, end, status = self.dates_and_status(node)
        return ActivityView(
            node.id, node.name, text_of(a.get("beskrivning")),
            node.org, self.model.unit_name(node.org) if node.org else "",
            text_of(a.get("ansvarig")), start, end, _status(status), goals,
            self._level_names.get(node.kind, node.kind))

    def goal(self, node: Node, trail: frozenset[str] = frozenset(), depth: int = 0) -> GoalView:
        """A goal with everything below it: goals as goals, activities as activities."""
        a = node.attrs
        raw_period = a.get("period")
        parsed = parse_period(raw_period)
        level = self.chain.by_kind(node.kind)
        below = [c for c in self.children(node) if c.id not in trail and c.id != node.id]
        inner = trail | {node.id}
        summary = self.summary(node)
        return GoalView(
            node.id, node.name, text_of(a.get("beskrivning")), self.anchors[node.id], node.org,
            self.model.unit_name(node.org), text_of(a.get("målgrupp")),
            period_text(parsed) if parsed else text_of(raw_period),
            tuple(self.link_to(p) for p in sorted(node.parents, key=self.id_key)),
            self.sdgs(node), self.indicators(node),
            () if summary else tuple(self.activity(c) for c in below
                                     if c.kind in self.activity_kinds),
            level.name if level else "", bool(level and level.measurable),
            tuple(self.goal(c, inner, depth + 1) for c in below
                  if c.kind not in self.activity_kinds), depth, summary,
            level.carries if level else ())

    def direction(self, node: Node, trail: frozenset[str] = frozenset(),
                  depth: int = 0) -> DirectionView:
        """A fullmäktige goal with fullmäktige's goals below it and what the nämnder
        build on it."""
        kids = [c for c in self.model.children.get(node.id, []) if c.id not in trail]
        top_below = [c for c in self.sorted_nodes(kids)
                     if self.is_top(c) and c.kind in self.chain_kinds
                     and self.chain.rank(c.kind) > self.chain.rank(node.kind)]
        goals = [c for c in kids if c.kind in self.chain_kinds and not self.is_top(c)]
        policies = [c for c in kids if c.kind == POLICY_DOCUMENT]
        level = self.chain.by_kind(node.kind)
        below_levels = self.levels_below(node.kind)
        a = node.attrs
        parsed = parse_period(a.get("period"))
        measured = bool(level and level.measurable) or bool(self.model.indicators.get(node.id))
        inner = trail | {node.id}
        missing = "" if top_below or goals else self.nothing_below(node.kind, yet=True)
        names = [lv.name for lv in below_levels]
        return DirectionView(
            node.id, node.name, text_of(a.get("beskrivning")), self.anchors[node.id],
            self.sdgs(node), tuple(self.link(g) for g in self.sorted_nodes(goals)),
            tuple(self.link(p) for p in self.sorted_nodes(policies)),
            level.name if level else "",
            self.indicators(node) if measured else None,
            tuple(self.direction(c, inner, depth + 1) for c in top_below),
            upper_first(listing([lv.lower_plural for lv in below_levels], "och")),
            "/".join([names[0], *(n.lower() for n in names[1:])]) if names else "",
            missing, text_of(a.get("målgrupp")),
            period_text(parsed) if parsed else text_of(a.get("period")), depth)

    def frames(self) -> FrameTable | None:
        plan = self.kf_plan
        if plan is None or (not plan.frames and plan.frames_total is None):
            return None
        order = {org: i for i, org in enumerate(self.namnder)}
        frames = sorted(plan.frames, key=lambda f: (order.get(f.org, len(order)),
                                                    natural_key(f.org)))
        rows = tuple(FrameRow(f.org, self.model.unit_name(f.org), f.amount,
                              self.namnd_docs.get(f.org, "")) for f in frames)
        return FrameTable(plan.frames_year, rows, plan.frames_total)

    def policy(self, node: Node) -> PolicyView:
        a = node.attrs
        kind = text_of(a.get("typ"))
        return PolicyView(
            node.id, node.name, self.anchors[node.id], labels()["styrdokumenttyp"].get(kind, kind),
            text_of(a.get("beslutad")), text_of(a.get("giltig_till")), text_of(a.get("ansvarig")),
            text_of(a.get("beskrivning")),
            tuple(self.link_to(p) for p in sorted(node.parents, key=self.id_key)))

    def coverage(self) -> CoverageMatrix:
        """How many of each nämnd's goals (or activities) build on each goal of the
        crossed fullmäktige level (Heby: effektmål per inriktning)."""
        cross = self.levels.cross or self.levels.direction
        directions = self.of_kind(cross.kind)
        column = {d.id: i for i, d in enumerate(directions)}
        # (nämnd, column) → the ids of the goals (or activities) below that build on it
        cells: dict[tuple[str, int], set[str]] = defaultdict(set)
        by_id = self.model.by_id
        for goal_id, i in column.items():
            # the items that name the goal among their parents, from the model's index
            for n in self.model.children.get(goal_id, ()):
                if (n.kind in self.chain_kinds and not self.is_top(n)
                        and by_id.get(n.id) is n):
                    cells[(self.unit_of(n), i)].add(n.id)
        rows = []
        per_direction: list[set[str]] = [set() for _ in directions]
        for org in self.namnder:
            counts = []
            linked: set[str] = set()
            for i, _d in enumerate(directions):
                ids = cells.get((org, i), set())
                counts.append(len(ids))
                linked |= ids
                per_direction[i] |= ids
            rows.append(CoverageRow(
                OrgColumn(org, self.model.unit_name(org), self.namnd_docs.get(org, "")),
                tuple(counts), len(linked)))
        total = set().union(*per_direction) if per_direction else set()
        return CoverageMatrix(tuple(self.link(d) for d in directions), tuple(rows),
                              tuple(len(ids) for ids in per_direction), len(total))

    def levels_below(self, kind: str) -> list[Level]:
        """The levels decided below fullmäktige that build on level ``kind``."""
        return [lv for lv in self.chain.children_of(kind) if lv.kind not in self.top_kinds]

    def nothing_below(self, kind: str, *, yet: bool) -> str:
        """The notice for a fullmäktige goal nothing builds on (Heby: "Ingen nämnd har
        ännu något effektmål som bidrar hit."); '' when no level is meant to."""
        below = self.levels_below(kind)
        if not below:
            return ""
        return (f"Ingen {self.levels.unit_name} har {'ännu ' if yet else ''}{below[0].some} "
                f"{listing([lv.lower for lv in below])} som bidrar hit.")

    def coverage_none(self) -> str:
        """"… has no goal of its own that contributes there", in the model's words."""
        cross = self.levels.cross or self.levels.direction
        below = self.levels_below(cross.kind) or [self.levels.goal]
        return f"{below[0].some_own} {below[0].lower}"

    def coverage_below(self) -> str:
        """What the coverage matrix counts, in the plural (Heby: effektmål)."""
        cross = self.levels.cross or self.levels.direction
        names = [lv.lower_plural for lv in self.levels_below(cross.kind)]
        return listing(names, "och") or self.levels.goal.lower_plural

    def sdg_coverage(self) -> SdgCoverage:
        uses: dict[str, list[SdgUse]] = defaultdict(list)
        targets: dict[str, set[str]] = defaultdict(set)
        level_names = {lv.kind: lv.name for lv in self.chain.levels}
        # only the items that name goals (sdgs() of the others is empty)
        nodes = self.model.nodes
        named = compress(nodes, map(isinstance, map(methodcaller("get", "agenda2030"),
                                                    map(_ATTRS, nodes)), repeat(list)))
        for node in self.sorted_nodes(named):
            for sdg in self.sdgs(node):
                targets[sdg.goal].update(sdg.targets)
                uses[sdg.goal].append(SdgUse(self.link(node),
                                             level_names.get(node.kind, node.kind), sdg.codes))
        rows = []
        for goal in sorted(self._catalogue, key=natural_key):
            rows.append(SdgRow(goal, self._catalogue[goal],
                               tuple(sorted(targets[goal], key=natural_key)),
                               tuple(uses[goal])))
        return SdgCoverage(tuple(rows))

    # -- documents

    def kommunplan(self) -> KommunplanView:
        plan = self.kf_plan
        data = self._plan_data(plan)
        roots = self.of_kind(self.levels.root.kind)
        vision = roots[0] if roots else None
        financial = [FinancialGoalView(n.id, n.name, text_of(n.attrs.get("beskrivning")),
                                       self.anchors[n.id], self.indicators(n))
                     for n in self.of_kind(FINANCIAL_GOAL)]
        return KommunplanView(
            has_plan=plan is not None,
            period=self.plan_period(plan),
            decided=text_of(data.get("beslutad")), decided_by=text_of(data.get("beslutsinstans")),
            comment=text_of(data.get("kommentar")), file=plan.file if plan else "",
            vision=self.link(vision) if vision else None,
            vision_description=text_of(vision.attrs.get("beskrivning")) if vision else "",
            directions=tuple(self.direction(n) for n in self.of_kind(self.levels.direction.kind)),
            coverage_below=self.coverage_below(),
            coverage_none=self.coverage_none(),
            financial_goals=tuple(financial),
            frames=self.frames(),
            policies=tuple(self.policy(n) for n in self.of_kind(POLICY_DOCUMENT)),
            coverage=self.coverage(),
            sdgs=self.sdg_coverage())

    def unit_plan(self, org: str) -> PlanDoc | None:
        """The plan file of the nämnd ``org`` (the first, if there are more)."""
        if self._unit_plans is None:  # a big city has 2,000 plans: looked through once
            self._unit_plans = {}
            for p in self.model.plans:
                if p.level in self.unit_kinds:
                    self._unit_plans.setdefault(p.org, p)
        return self._unit_plans.get(org)

    def plan_period(self, plan: PlanDoc | None) -> str:
        """The period a plan document covers: its own, else the plan period."""
        return period_text(plan.period if plan and plan.period else self.period)

    def namndplan(self, org: str) -> NamndplanView:
        plan = self.unit_plan(org)
        data = self._plan_data(plan)
        kf = self.kf_plan
        kf_frame = next((f.amount for f in kf.frames if f.org == org), None) if kf else None
        mine = self.nodes_of_unit(org)
        is_act = list(map(self.activity_kinds.__contains__, map(_KIND, mine)))
        acts = list(compress(mine, is_act))
        others = list(compress(mine, map(not_, is_act)))
        # the nämnd's own goals that build on no other goal of the nämnd; the goals and
        # activities below them are shown inside them (mine are each their id's node,
        # so a parent among mine that is no activity is one of the others)
        other_ids = set(map(_ID, others))
        goals = [n for n in others
                 if not any(p in other_ids and p != n.id for p in n.parents)]
        grouped: dict[str, list[Node]] = defaultdict(list)
        # the activities without a host goal (host_goal by the parents, in C)
        hosts = self._hosts
        for parents in set(map(_PARENTS, acts)) - hosts.keys():
            hosts[parents] = self._host_goal(parents)
        for n in compress(acts, map(is_, map(hosts.__getitem__, map(_PARENTS, acts)),
                                    repeat(None))):
            group = self.group_of_activity(n)
            if group is not None:
                grouped[group.id].append(n)
        groups = tuple(
            ActivityGroup(self.link(self.model.by_id[gid]),
                          self.group_anchor(self.model.by_id[gid]),
                          self.group_heading(self.model.by_id[gid]),
                          tuple(self.activity(n) for n in grouped[gid]))
            for gid in sorted(grouped, key=natural_key))
        open_findings = self._finding_groups().count(org)
        distinct = set(self.activities_below(goals))
        distinct |= {n.id for ns in grouped.values() for n in ns}
        lists = tuple(Link(stem, self.model.unit_name(share) + (f", {label}" if label else ""),
                           stem, "", self.model.unit_name(share), "")
                      for stem, share, label, _sections in self.activity_docs.get(org, []))
        return NamndplanView(
            org=org, name=self.model.unit_name(org), has_plan=plan is not None,
            period=self.plan_period(plan),
            decided=text_of(data.get("beslutad")), decided_by=text_of(data.get("beslutsinstans")),
            comment=text_of(data.get("kommentar")), file=plan.file if plan else "",
            frame=plan.ram if plan else None, kf_frame=kf_frame,
            frame_year=kf.frames_year if kf else None,
            goals=tuple(self.goal(n) for n in goals), open_findings=open_findings,
            groups=groups, activities_total=len(distinct), lists=lists)

    def _plan_data(self, plan: PlanDoc | None) -> Mapping[str, Any]:
        """The header keys of a plan file (beslutad, beslutsinstans, kommentar)."""
        if plan is None:
            return {}
        return self.headers.get(plan.file, {})

    def chain_view(self) -> ChainView:
        placed: set[str] = set()
        level_names = {lv.kind: lv.name for lv in self.chain.levels}

        def item(node: Node, trail: frozenset[str]) -> OutlineItem:
            status = self.status(node)
            name = level_names.get(node.kind, node.kind)
            if node.id in placed or node.id in trail:
                return OutlineItem(name, self.link(node), status, repeat=True)
            placed.add(node.id)
            children = self.children(node)
            acts, others = self._split(node)
            more = ""
            if len(acts) > LIST_LIMIT:
                # too many to list here: counted, and listed in the nämnd's documents
                placed.update(map(_ID, acts))
                children = list(others)
                tally = ", ".join(f"{t.status.text.lower()} {t.count}"
                                  for t in self._tallies_below(node))
                more = (f"{len(acts)} {self.levels.activity.lower_plural} ({tally}); "
                        "de listas i verksamhetsplanen")
            kids = tuple(item(c, trail | {node.id}) for c in children)
            return OutlineItem(name, self.link(node), status, kids, more=more)

        outline = tuple(item(r, frozenset()) for r in self.of_kind(self.levels.root.kind))
        loose = []
        # placed holds only the model's ids: all of them placed (most often), none left
        rest = (self.model.by_id.keys() - placed if len(placed) < len(self.model.by_id)
                else set())
        for node in sorted((n for n in (self.model.nodes if rest else ()) if n.id in rest
                            and n.kind in self.chain_kinds and self.model.by_id.get(n.id) is n),
                           key=lambda n: (self.chain.rank(n.kind), self.id_key(n.id))):
            broken = [p for p in node.parents if p not in self.model.by_id]
            if broken:
                reason = f"bidrar till id som inte finns: {', '.join(broken)}"
            elif not node.parents:
                reason = "bidrar inte till något"
            else:
                reason = "kedjan bryts längre upp"
            loose.append(LooseItem(level_names.get(node.kind, node.kind), self.link(node),
                                   reason))
        return ChainView(outline, tuple(loose), self.diagrams(), chain_summary(self.settings))

    def diagrams(self) -> tuple[diagram.Diagram, ...]:
        """An overview (root → KF's first level), then one diagram per goal of KF's first
        level; a goal's many activities are one box, and a diagram too large to read
        (or for Mermaid to draw) is split into one diagram per part, never cut."""
        names = [lv.name for lv in self.chain.levels]
        out = []
        roots = self.of_kind(self.levels.root.kind)
        directions = self.of_kind(self.levels.direction.kind)
        if roots:
            direction_kind = {self.levels.direction.kind}
            tree = [diagram.Tree(self._box(r), tuple(
                diagram.Tree(self._box(c)) for c in self.children(r, direction_kind)))
                for r in roots]
            out.append(diagram.layout(f"Översikt: {names[0].lower()} och "
                                      f"{self.levels.direction.plural.lower()}",
                                      tree, names[:2], key="oversikt"))
        for d in directions:
            title = f"{self.levels.direction.name} {d.id}: {d.name}"
            for part_title, key, part in self._parts(d, title, slug(d.id)):
                out.append(diagram.layout(part_title, [part], names[part.box.rank:],
                                          key=key))
        return tuple(out)

    def _parts(self, node: Node, title: str, key: str
               ) -> list[tuple[str, str, diagram.Tree]]:
        """(title, key, tree) for ``node``'s diagram, split while it is too large."""
        tree = self._subtree(node, set())
        if _size(tree) <= DIAGRAM_LIMIT:
            return [(title, key, tree)]
        kids = list(tree.children)
        # each child alone (with the node on the left), or in bundles when many are small
        bundles: list[list[diagram.Tree]] = []
        size = 0
        for kid in kids:
            kid_size = _size(kid)
            if bundles and size + kid_size <= DIAGRAM_LIMIT - 1:
                bundles[-1].append(kid)
                size += kid_size
            else:
                bundles.append([kid])
                size = kid_size
        out = []
        for i, bundle in enumerate(bundles, start=1):
            part = diagram.Tree(tree.box, tuple(bundle))
            label = f"{title} (del {i} av {len(bundles)})"
            if _size(part) > DIAGRAM_LIMIT and len(bundle) == 1:
                child = self.model.by_id.get(bundle[0].box.id)
                if child is not None and not bundle[0].repeat:
                    level = self.chain.name_of(child.kind)
                    out.extend(self._parts(child, f"{label}: {level} {child.id}",
                                           f"{key}-{i}"))
                    continue
                # one box with more children than a diagram holds: in chunks
                grand = list(bundle[0].children)
                step = DIAGRAM_LIMIT - 2
                chunks = [grand[j:j + step] for j in range(0, len(grand), step)] or [[]]
                for j, chunk in enumerate(chunks, start=1):
                    out.append((f"{label}, {j} av {len(chunks)}", f"{key}-{i}-{j}",
                                diagram.Tree(tree.box, (diagram.Tree(bundle[0].box,
                                                                     tuple(chunk)),))))
                continue
            out.append((label, f"{key}-{i}", part))
        return out

    def _subtree(self, node: Node, seen: set[str]) -> diagram.Tree:
        """``node`` and everything below it; a node met again is marked as a repeat, and
        more than DIAGRAM_ACTIVITIES activities under one goal are drawn as one box."""
        seen.add(node.id)
        children = self.children(node)
        acts, others = self._split(node)
        collapsed: tuple[diagram.Tree, ...] = ()
        if len(acts) > DIAGRAM_ACTIVITIES:
            children = list(others)
            tally = ", ".join(f"{t.status.symbol} {t.count}"
                              for t in self._tallies_below(node))
            link = self.link(node)
            collapsed = (diagram.Tree(diagram.Box(
                f"{node.id} · {self.levels.activity.lower_plural}",
                f"{len(acts)} {self.levels.activity.lower_plural}", tally,
                self.chain.rank(acts[0].kind), link.doc, link.anchor)),)
        kids = tuple(self._subtree(c, seen) if c.id not in seen
                     else diagram.Tree(self._box(c), repeat=True)
                     for c in children)
        return diagram.Tree(self._box(node), kids + collapsed)

    def _box(self, node: Node) -> diagram.Box:
        status = self.status(node)
        detail = self.model.unit_name(node.org) if node.org else ""
        if status is not None:
            detail = f"{status.symbol} {status.text} · {detail}" if detail else status.text
        link = self.link(node)
        return diagram.Box(node.id, node.name, detail, self.chain.rank(node.kind),
                           link.doc, link.anchor)

    # -- quality

    def group_of(self, finding: Finding) -> str:
        """The group a finding belongs to: a nämnd id, ``KF`` or '' (the repository)."""
        plan = next((p for p in self.model.plans if p.file == finding.file), None)
        org = plan.org if plan is not None else ""
        if not org and finding.node in self.model.by_id:
            org = self.model.by_id[finding.node].org
        if not org:
            return ""
        namnd = self.namnd_of(org)
        if namnd:
            return namnd
        unit = self.model.units.get(org)
        if (unit is not None and unit.level == self.top_org_kind) or (
                plan and plan.level == self.top_org_kind):
            return KF_LEVEL
        return org if org in self.namnd_docs else ""

    def _finding_groups(self) -> list[str]:
        """:meth:`group_of` of each finding, in order (computed once: every nämnd plan
        counts its own)."""
        if self._groups is None:
            self._groups = [self.group_of(f) for f in self.findings]
        return self._groups

    def quality(self) -> QualityView:
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for f, group in zip(self.findings, self._finding_groups(), strict=True):
            grouped[group].append(f)
        keys = [KF_LEVEL, *self.namnder, ""]
        kf_name = next((u.name for u in self.model.units.values()
                        if u.level == self.top_org_kind), self.levels.top_title)
        groups = []
        for key in keys:
            items = sorted(grouped.get(key, []),
                           key=lambda f: (-int(f.severity), *f.sort_key()))
            if key == KF_LEVEL:
                title = kf_name
            elif key:
                title = self.model.unit_name(key)
            else:
                title = "Gemensamt (inställningar, organisationsregister och övrigt)"
            if key == "" and not items:
                continue
            groups.append(QualityGroup(key, title, "grupp-" + (slug(key) if key else "ovrigt"),
                                       tuple(finding_view(f) for f in items)))
        return QualityView(tuple(groups))

    # -- the whole site

    def site(self, *, organisation: str | None = None, blocking: Sequence[Finding] = (),
             extra: Mapping[str, Any] | None = None,
             results: tuple[FollowUpPeriodView | None, Sequence[Document]] = (None, ()),
             ) -> Site:
        """All documents (or only ``organisation``'s) with their data.

        ``results`` are the måluppfyllelse documents (and their period), made by
        :mod:`results` and placed after the nämnd plans.
        """
        kommun = self.settings.kommun or "Kommunen"
        period = period_text(self.period)
        docs: list[Document] = []
        want = organisation
        if want is None or want in (KF_LEVEL, self.top_org_kind) or (
                want in self.model.units
                and self.model.units[want].level == self.top_org_kind):
            docs.append(Document("kommunplan", self.kommunplan_stem,
                                 f"Mål och budget {self.plan_period(self.kf_plan)}".strip(),
                                 f"{self.levels.root.name}, "
                                 f"{listing([lv.lower_plural for lv in self.levels.top], 'och')}"
                                 f", finansiella mål, ramar per {self.levels.unit_name}, "
                                 "styrdokument, täckning och Agenda 2030.",
                                 make=self.kommunplan))
        lv = self.levels
        if lv.has_goals:
            contents = upper_first(lv.goal_plural) + (
                f", indikatorer och {lv.activity.lower_plural}" if lv.has_activities
                else " och indikatorer")
        else:
            contents = lv.activity.plural
        # The documents' data is made when a document is written (see Document): the
        # titles here need only the plan's period and the nämnd's name.
        for org in self.namnder:
            if want is not None and org != want:
                continue
            name = self.model.unit_name(org)
            period_of = self.plan_period(self.unit_plan(org))
            docs.append(Document("namndplan", self.namnd_docs[org],
                                 f"Verksamhetsplan {period_of} – {name}",
                                 f"{contents} för {name}.",
                                 make=partial(self.namndplan, org)))
            for stem, share, label, sections in self.activity_docs.get(org, []):
                # the list's rows are made by the process that writes it (see split)
                org_name = self.list_name(share, label)
                count = sum(len(acts) for _goal, acts in sections)
                docs.append(Document(
                    "aktiviteter", stem, f"{lv.activity.plural} {period_of} – {org_name}",
                    f"Alla {lv.activity.lower_plural} för {org_name} "
                    f"({count}), per mål i {name}s plan.", size=count,
                    make=partial(self.activity_list, org, stem, share, label, sections)))
        results_period, found = results
        docs.extend(found)
        if want is None:
            docs.append(Document("malkedjan", MALKEDJAN, "Målkedjan",
                                 f"Hela kedjan från {self.levels.root.name.lower()} till "
                                 f"{self.levels.activity.name.lower()}, som lista och "
                                 "diagram.", make=self.chain_view))
            docs.append(Document("kvalitetsgranskning", KVALITET,
                                 "Bilaga: Kvalitetsgranskning",
                                 "Öppna fynd från kontrollen, grupperade per "
                                 f"{self.levels.unit_name}.", make=self.quality))
            docs.insert(0, Document("index", INDEX, f"Plandokument {period}".strip(),
                                    "", None))
        return Site(kommun, self.settings.kommunkod, period, self.levels, tuple(docs),
                    tuple(finding_view(f) for f in blocking),
                    tuple(severity_label(s) for s in sorted(Severity, reverse=True)),
                    dict(extra or {}), results_period)


def _chunks(rows: list[tuple[str, list[Node]]], step: int
            ) -> list[list[tuple[str, list[Node]]]]:
    """``rows`` (a goal and its activities, each) cut into pieces of ``step`` activities
    (the last one shorter), each piece a list like ``rows``."""
    out: list[list[tuple[str, list[Node]]]] = []
    chunk: list[tuple[str, list[Node]]] = []
    room = step
    for goal_id, acts in rows:
        start = 0
        while start < len(acts):
            take = acts[start:start + room]
            chunk.append((goal_id, take))
            start += len(take)
            room -= len(take)
            if not room:
                out.append(chunk)
                chunk, room = [], step
    if chunk:
        out.append(chunk)
    return out


def _size(tree: diagram.Tree) -> int:
    """The boxes a diagram of ``tree`` draws."""
    count, todo = 0, [tree]
    while todo:
        current = todo.pop()
        count += 1
        todo.extend(current.children)
    return count


def _sdg_catalogue() -> dict[str, str]:
    from malstyrning.checks.catalogues import agenda2030

    return {goal: str(data.get("namn", "")) for goal, data in agenda2030().items()}
