"""What lets a warm run reuse the last run's repository-wide findings.

The repository-wide rules (unique ids, references, levels, cycles, orphans, frames,
follow-ups …) are functions of the plan model and the settings. The model is the union
of what each file contributes (:class:`~malstyrning.model.FileModel`), and the rules
read from it everything but the nodes' names — except the names the rules declare
(``names=`` in :func:`malstyrning.checks.base.rule`). So each file gets a **digest** of
its contribution with every undeclared name left out; when every file that changed
since the last run has the digest it had, and no file was added or removed, and the
other inputs of the rules (settings, the Kolada catalogue) are the same, the rules
would find exactly what they found last time: the run reuses those findings (giving
them fresh positions in the changed files) instead of building the whole model and
running every rule. An edit of a description, a date outside what rules read, an
activity's title, a comment or the layout of a file is such a change; a changed id or
reference, an added file or a removed one runs the rules over the whole model again.

The id chains the findings carry (``VISION > I2 > UBN-E1``) need the model too; the
summary keeps, for every id some node points at (and every duplicated id), the owner
and first parent a chain walks through, so chains are found without the model.
"""

from __future__ import annotations

import hashlib
import marshal
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from malstyrning.checks.base import name_kinds
from malstyrning.checks.inputs import REPO_INPUTS
from malstyrning.findings import Finding
from malstyrning.model import FileModel, Node, PlanModel

# A chain walks from a node to its owner (an indicator's goal), then first parents.
Link = tuple[str, str]  # (owner, first parent), "" when none


def inputs_key(root: Path) -> str:
    """A key of what the repository-wide rules read besides the plan files."""
    return "|".join(fn(root) for fn in REPO_INPUTS)


def digest(model: FileModel | None, duplicates: frozenset[str] | set[str]) -> bytes:
    """A digest of what the repository-wide rules can read of one file's contribution
    (``duplicates``: the ids used more than once in the run the digest is kept for)."""
    if model is None:
        return b"-"
    kinds, dup_names = name_kinds()
    record = model.to_record()
    nodes = tuple(
        n if n[0] in kinds or (dup_names and n[1] in duplicates) else (*n[:2], "", *n[3:])
        for n in record[4])
    blob = marshal.dumps((*record[:4], nodes, *record[5:]), 0)
    return hashlib.blake2b(blob, digest_size=16).digest()


def _text_pairs(mapping: dict[Any, Any]) -> bool:
    """Whether every value of a record's mapping is a pair of texts."""
    return all(isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v)
               for v in mapping.values())


class Summary(NamedTuple):
    """The last full run's repository-wide results, as the index keeps them."""

    inputs: str
    findings: list[Any]  # (record, see) of each repository-wide finding, not yet located
    duplicates: frozenset[str]
    links: dict[str, Link]
    chains: dict[str, str]  # node id → chain, for every finding of the last run
    token: str = ""  # the token of the link index written with it ("" none)

    def to_record(self) -> tuple[Any, ...]:
        return (self.inputs, self.findings, tuple(sorted(self.duplicates)), self.links,
                self.chains, self.token)

    @classmethod
    def from_record(cls, record: Any) -> Summary | None:
        try:
            inputs, findings, duplicates, links, chains, index = record
            if not (isinstance(inputs, str) and isinstance(findings, list)
                    and isinstance(index, str)
                    and isinstance(links, dict) and isinstance(chains, dict)
                    and all(isinstance(d, str) for d in duplicates)
                    and _text_pairs(links)
                    and all(isinstance(v, str) for v in chains.values())):
                return None
            for finding, see in findings:
                Finding.from_record(finding)
                if see is not None:
                    tuple(see)
            return cls(inputs, findings, frozenset(duplicates), links, chains, index)
        except (TypeError, ValueError, IndexError, KeyError):
            return None


def links_of(model: PlanModel) -> dict[str, Link]:
    """Owner and first parent of every id a chain can walk through."""
    wanted = set(model.children) | set(model.indicators) | set(model.duplicates)
    out: dict[str, Link] = {}
    for node_id in wanted:
        node = model.by_id.get(node_id)
        if node is not None:
            out[node_id] = (node.owner, node.parents[0] if node.parents else "")
    return out


class Chains:
    """``chain_of`` as :meth:`PlanModel.chain_of` gives it, without the model: from the
    chains of the last run's findings, the summary's links and the nodes of the files
    analysed in this run (whose ids, the graph being unchanged, are unique unless the
    links have them). An id none of these knows (a finding in a changed file about a
    node elsewhere) is asked of the whole model, which ``model()`` builds."""

    def __init__(self, summary: Summary, fresh: Iterable[FileModel],
                 model: Callable[[], PlanModel]) -> None:
        self.known = summary.chains
        self.links = summary.links
        self.model = model
        self.fresh: dict[str, Link] = {}
        for part in fresh:
            for n in part.nodes:
                self.fresh.setdefault(n.id, (n.owner, n.parents[0] if n.parents else ""))

    def _up(self, node_id: str) -> Link | None:
        return self.links.get(node_id) or self.fresh.get(node_id)

    def chain_of(self, node_id: str) -> str:
        known = self.known.get(node_id)
        if known is not None:
            return known
        current = self._up(node_id)
        if current is None:
            return self.model().chain_of(node_id)
        parts = [node_id]
        seen = {node_id}
        owner = current[0]
        if owner:
            up = self.links.get(owner)
            if up is not None:
                parts.append(owner)
                seen.add(owner)
                current = up
        while current[1]:
            parent_id = current[1]
            up = self.links.get(parent_id)
            if up is None or parent_id in seen:
                break
            parts.append(parent_id)
            seen.add(parent_id)
            current = up
        return " > ".join(reversed(parts))


class Recording:
    """Wraps ``chain_of`` and remembers every chain it gave, for the next run."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seen: dict[str, str] = {}

    def chain_of(self, node_id: str) -> str:
        chain = self.seen.get(node_id)
        if chain is None:
            chain = self.seen[node_id] = self.inner.chain_of(node_id)
        return chain


# -- the scoped path: a change of ids or links re-checks only what it touches ----------
#
# The link index keeps, per file, its nodes' ids and kinds and its links (``bidrar_till``
# id and the kind of the node that names it) as two strings, which joined in the model's
# file order answer "where is the first node with this id", "every node with this id" and
# "who names this id" with a substring search (C speed, no 50,000-entry dict to load);
# for every id some node names, the kind of its first node; and which ids each follow-up
# names and which files hold the register (for the rules declared ``per_followup``).

SEP, UNIT = "\x1e", "\x1f"  # control characters never reach an id (MS012, MS013)


class LinkIndex(NamedTuple):
    files: dict[str, tuple[str, str]]  # rel → (nodes, links), in the model's file order
    targets: dict[str, str]  # id some node names → kind of its first node ("" none)
    followups: bool  # the repository has follow-up documents
    named: frozenset[str]  # the ids the follow-ups name
    followup_files: dict[str, tuple[str, ...]]  # follow-up rel → the ids it names
    registers: tuple[str, ...]  # the files with units of the organisation register

    def to_record(self) -> tuple[Any, ...]:
        return (self.files, self.targets, self.followups, tuple(sorted(self.named)),
                self.followup_files, self.registers)

    @classmethod
    def from_record(cls, record: Any) -> LinkIndex | None:
        try:
            files, targets, followups, named, followup_files, registers = record
            if not (isinstance(files, dict) and isinstance(targets, dict)
                    and isinstance(followup_files, dict)
                    and _text_pairs(files)
                    and all(isinstance(v, str) for v in targets.values())
                    and all(isinstance(v, str) for v in named)
                    and all(isinstance(v, tuple) and all(isinstance(x, str) for x in v)
                            for v in followup_files.values())
                    and all(isinstance(v, str) for v in registers)):
                return None
            return cls(files, targets, bool(followups), frozenset(named), followup_files,
                       tuple(registers))
        except (TypeError, ValueError):
            return None


def file_strings(part: FileModel) -> tuple[str, str] | None:
    """One file's nodes and links as the index keeps them (None: an id the index cannot
    hold, which keeps every structural change on the whole model)."""
    nodes = "".join(f"{SEP}{n.id}{UNIT}{n.kind}" for n in part.nodes)
    links = "".join(sorted({f"{SEP}{p}{UNIT}{n.kind}" for n in part.nodes for p in n.parents}))
    if nodes.count(SEP) != len(part.nodes) or nodes.count(UNIT) != len(part.nodes) or (
            links.count(SEP) != links.count(UNIT)):
        return None
    return nodes, links


def index_of(model: PlanModel) -> LinkIndex | None:
    files: dict[str, tuple[str, str]] = {}
    for part in model.files:
        strings = file_strings(part)
        if strings is None:
            return None
        files[part.file] = strings
    by_id = model.by_id
    targets = {p: by_id[p].kind if p in by_id else "" for p in model.children}
    followup_files = {f.file: tuple(sorted({x for x in (
        *(o.indicator for o in f.outcomes), *(a.goal for a in f.assessments),
        *(s.activity for s in f.activities))})) for f in model.followups}
    named = {x for ids in followup_files.values() for x in ids}
    registers = tuple(part.file for part in model.files if part.units)
    return LinkIndex(files, targets, bool(model.followups), frozenset(named), followup_files,
                     registers)


class Lookup:
    """The questions the scoped path asks of the whole repository, from the index."""

    def __init__(self, files: dict[str, tuple[str, str]]) -> None:
        self.names = list(files)
        self.nodes, self.node_starts = self._join([v[0] for v in files.values()])
        self.links, self.link_starts = self._join([v[1] for v in files.values()])

    @staticmethod
    def _join(parts: list[str]) -> tuple[str, list[int]]:
        starts, at = [], 0
        for part in parts:
            starts.append(at)
            at += len(part)
        return "".join(parts) + SEP, starts

    def _iter(self, text: str, starts: list[int], node_id: str) -> Iterator[tuple[str, str]]:
        """(file, kind) of every entry for ``node_id``, in file order."""
        key = f"{SEP}{node_id}{UNIT}"
        at = text.find(key)
        while at >= 0:
            end = text.index(SEP, at + 1)
            yield self.names[bisect_right(starts, at) - 1], text[at + len(key):end]
            at = text.find(key, end)

    def _all(self, text: str, starts: list[int], node_id: str,
             limit: int = 0) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for found in self._iter(text, starts, node_id):
            out.append(found)
            if limit and len(out) >= limit:
                break
        return out

    def occurrences(self, node_id: str, limit: int = 0) -> list[tuple[str, str]]:
        """(file, kind) of every node with ``node_id``."""
        return self._all(self.nodes, self.node_starts, node_id, limit)

    def first(self, node_id: str) -> tuple[str, str] | None:
        found = self._all(self.nodes, self.node_starts, node_id, 1)
        return found[0] if found else None

    def kind_of(self, node_id: str) -> str:
        first = self.first(node_id)
        return first[1] if first is not None else ""

    def referrers(self, node_id: str) -> list[tuple[str, str]]:
        """(file, kind of the node) of every file whose nodes name ``node_id``."""
        return self._all(self.links, self.link_starts, node_id)

    def child_kinds(self, node_id: str) -> Iterator[str]:
        """The kinds of the nodes naming ``node_id`` (one per file and kind), lazily."""
        return (kind for _file, kind in self._iter(self.links, self.link_starts, node_id))

    def ids_of_kinds(self, kinds: tuple[str, ...],
                     duplicates: frozenset[str] = frozenset()) -> list[str]:
        """Every id whose first node is of one of ``kinds`` (every id if none), in no
        particular order (``duplicates``: the ids used more than once, whose first node
        is asked for)."""
        kind = "|".join(re.escape(k) for k in kinds) if kinds else f"[^{SEP}]*"
        found = dict.fromkeys(re.findall(f"{SEP}([^{UNIT}]*){UNIT}(?:{kind})(?={SEP})",
                                         self.nodes))
        return [n for n in found if n not in duplicates or not kinds
                or self.kind_of(n) in kinds]

    def pairs(self) -> set[tuple[str, str]]:
        """Every distinct (named id, kind of the node naming it)."""
        out = set()
        for entry in set(self.links[1:-1].split(SEP)) if len(self.links) > 1 else ():
            parent, _, kind = entry.partition(UNIT)
            out.add((parent, kind))
        return out


class NeedsWholeModel(Exception):
    """A scoped rule asked what only the whole model knows: run the rules on it."""


class ScopedModel(PlanModel):
    """The model of a few files whose answers about the rest of the repository (which
    ids exist, who names an id) come from the link index."""

    def __init__(self, files: Iterable[FileModel], lookup: Lookup,
                 load: Callable[[str], FileModel | None],
                 duplicates: frozenset[str]) -> None:
        super().__init__(files)
        self.lookup = lookup
        self.load = load
        self.all_duplicates = duplicates
        self.children = _Children(self)  # type: ignore[assignment]

    def has_child_of_kind(self, node_id: str, kinds: set[str] | frozenset[str]) -> bool:
        return any(kind in kinds for kind in self.lookup.child_kinds(node_id))

    def ids_of_kinds(self, kinds: tuple[str, ...]) -> list[str]:
        return self.lookup.ids_of_kinds(kinds, self.all_duplicates)


class _Children(dict):  # type: ignore[type-arg]
    """``PlanModel.children`` of a scoped model: the nodes naming an id, read from the
    files the index says name it (asked only for the hints of a wrong link)."""

    def __init__(self, model: ScopedModel) -> None:
        super().__init__()
        self.model = model

    def get(self, node_id: str, default: Any = None) -> Any:
        if node_id not in self:
            out: list[Node] = []
            # each file once, in file order (a file is listed once per kind), and a node
            # as often as it names the id (as PlanModel has it)
            for rel in dict.fromkeys(rel for rel, _kind in self.model.lookup.referrers(node_id)):
                part = self.model.load(rel)
                if part is None:
                    raise NeedsWholeModel(rel)
                out.extend(n for n in part.nodes for p in n.parents if p == node_id)
            self[node_id] = out
        return self[node_id]

    def __getitem__(self, node_id: str) -> Any:
        if not dict.__contains__(self, node_id):
            return self.get(node_id)
        return dict.__getitem__(self, node_id)


class Scoped(NamedTuple):
    """What the scoped path found: the repository-wide findings, the summary's links and
    the link index after the change, the files it read, and the last run's chains that
    still hold."""

    findings: list[Finding]
    links: dict[str, Link]
    link_index: LinkIndex
    models: dict[str, FileModel]
    chains: dict[str, str]


def _blanked(part: FileModel, duplicates: frozenset[str]) -> list[tuple[Any, ...]]:
    """The node records as the digest sees them (undeclared names left out)."""
    kinds, dup_names = name_kinds()
    return [r if r[0] in kinds or (dup_names and r[1] in duplicates) else (*r[:2], "", *r[3:])
            for r in (n.to_record() for n in part.nodes)]


def scoped(previous: Summary, index: LinkIndex,
           changed: list[tuple[str, FileModel | None, FileModel | None]],
           load: Callable[[str], FileModel | None], settings: Any,
           checks: list[tuple[str, Any]]) -> Scoped | None:
    """The repository-wide findings after ``changed`` files (rel, last run's part, this
    run's part) changed nodes and nothing else, from the last run's findings, re-checking
    only what the change touches (rules declare how: ``Incremental``); None when the
    whole model must be checked (another fact changed, an id used twice, a rule that
    cannot be scoped reads the change)."""
    from malstyrning.checks.base import INCREMENTAL

    changed_old: Counter[tuple[Any, ...]] = Counter()
    changed_new: Counter[tuple[Any, ...]] = Counter()
    unlinked: Counter[tuple[Any, ...]] = Counter()  # what changed besides the links
    files = dict(index.files)
    for rel, old, new in changed:
        if old is None or new is None or rel not in files:
            return None
        old_rec, new_rec = old.to_record(), new.to_record()
        if old_rec[:4] != new_rec[:4] or old_rec[5:] != new_rec[5:]:
            return None  # a plan's, a register's or a follow-up's facts
        strings = file_strings(new)
        if strings is None:
            return None
        files[rel] = strings
        before = Counter(_blanked(old, previous.duplicates))
        after = Counter(_blanked(new, previous.duplicates))
        changed_old += before - after
        changed_new += after - before
        before = Counter((*n[:3], (), *n[4:]) for n in before.elements())
        after = Counter((*n[:3], (), *n[4:]) for n in after.elements())
        unlinked += (before - after) + (after - before)
    nodes = [*changed_old, *changed_new]
    kinds = {n[0] for n in nodes}
    ids = {n[1] for n in nodes}
    facts_kinds, facts_ids = {n[0] for n in unlinked}, {n[1] for n in unlinked}
    named = {p for n in nodes for p in n[3]}
    was, now = Lookup(index.files), Lookup(files)
    if any(len(was.occurrences(i, 2)) > 1 or len(now.occurrences(i, 2)) > 1 for i in ids):
        return None  # a changed id used twice, before or after: MS210, first nodes …
    retyped = {i for i in ids if was.kind_of(i) != now.kind_of(i)}
    targets = dict(index.targets)
    for node_id in ids | named:
        if node_id in targets or now.referrers(node_id):
            targets[node_id] = now.kind_of(node_id)
    base = {rel for rel, _old, _new in changed}
    by_code: dict[str, list[Finding]] = {}
    for finding, see in previous.findings:
        located = Finding.from_record(finding).with_(see=None if see is None else tuple(see))
        by_code.setdefault(located.code, []).append(located)
    affected: dict[str, set[str]] = {}
    whole: dict[str, set[str]] = {}  # rule → the files its whole output needs
    support: set[str] = set()  # files modelled for what they hold, not re-checked
    for code, _check in checks:
        rule = INCREMENTAL.get(code)
        if rule is None:
            return None
        if rule.per_file:
            files_of = set(base)
            if rule.targets:
                files_of.update(rel for i in retyped for rel, _k in now.referrers(i))
            if rule.children:
                files_of.update(rel for i in named for rel, _k in now.occurrences(i))
            if rule.findings:
                files_of.update(f.file for f in by_code.get(code, ()))
            affected[code] = files_of
        elif rule.per_followup:
            touched = ids if rule.links else facts_ids
            affected[code] = {rel for rel, names in index.followup_files.items()
                              if touched.intersection(names)}
            if affected[code]:
                support.update(index.registers)
                support.update(first[0] for rel in affected[code]
                               for i in index.followup_files[rel]
                               if (first := now.first(i)) is not None)
        elif rule.upward:
            whole[code] = _upward_exceptions(now, targets, settings)
        elif rule.namesakes or (rule.followups and not index.followups) or (
                rule.named and not (ids if rule.links else facts_ids) & index.named):
            continue
        elif rule.kinds is None or (kinds if rule.links else facts_kinds) & set(
                rule.kinds(settings)):
            return None
    # the files to model: the affected ones and, up the chain, those their links lead to
    models: dict[str, FileModel] = {}
    todo = sorted(set().union(*affected.values(), *whole.values(), support))
    # the nodes naming a retyped id: their chains may now go on (or stop) there
    todo.extend(rel for i in sorted(retyped) for rel, _k in now.referrers(i))
    seen_targets: set[str] = set()
    while todo:
        rel = todo.pop()
        if rel in models:
            continue
        part = load(rel)
        if part is None:
            return None
        models[rel] = part
        for node in part.nodes:
            for parent in node.parents:
                if parent not in seen_targets:
                    seen_targets.add(parent)
                    first = now.first(parent)
                    if first is not None and first[0] not in models:
                        todo.append(first[0])
    findings: list[Finding] = []
    order = {rel: i for i, rel in enumerate(files)}  # the whole model's file order
    parts = sorted(models.values(), key=lambda part: order.get(part.file, len(order)))
    model = ScopedModel(parts, now, lambda rel: models.get(rel) or load(rel),
                        previous.duplicates)
    try:
        for code, check in checks:
            if code in affected:
                where = affected[code]
                findings.extend(f for f in by_code.get(code, ()) if f.file not in where)
                if where:
                    findings.extend(f for f in check(model, settings) if f.file in where)
            elif code in whole:
                findings.extend(check(model, settings) if whole[code] else ())
            else:
                findings.extend(by_code.get(code, ()))
    except NeedsWholeModel:
        return None
    known_codes = {code for code, _check in checks}
    findings.extend(f for code, fs in by_code.items() if code not in known_codes for f in fs)
    links = _updated_links(previous.links, ids, changed, now, models, load)
    if links is None:
        return None
    first_parents: dict[str, str] = {}
    for part in models.values():
        for node in part.nodes:
            first_parents.setdefault(node.id, node.parents[0] if node.parents else "")
    chains = {node_id: chain for node_id, chain in previous.chains.items()
              if _chain_holds(node_id, chain, ids, previous.links, first_parents)}
    return Scoped(findings, links, index._replace(files=files, targets=targets), models,
                  chains)


def _upward_exceptions(lookup: Lookup, targets: dict[str, str], settings: Any) -> set[str]:
    """The files with a link that does not point strictly up the chain (where a cycle
    can start: MS213 searches from those links only)."""
    rank = {lv.kind: i for i, lv in enumerate(settings.chain.levels)}
    out: set[str] = set()
    for parent, kind in lookup.pairs():
        parent_kind = targets.get(parent)
        if parent_kind is None:
            parent_kind = lookup.kind_of(parent)
        if parent_kind and not (0 <= rank.get(parent_kind, -1) < rank.get(kind, -1)):
            out.update(rel for rel, k in lookup.referrers(parent) if k == kind)
    return out


def _updated_links(links: dict[str, Link], ids: set[str],
                   changed: list[tuple[str, FileModel | None, FileModel | None]],
                   lookup: Lookup, models: dict[str, FileModel],
                   load: Callable[[str], FileModel | None]) -> dict[str, Link] | None:
    """The summary's links after the change: the changed ids' from their new nodes, and
    the ids the changed files now name or own that had none."""
    out = {k: v for k, v in links.items() if k not in ids}
    wanted: set[str] = set()
    for _rel, _old, new in changed:
        assert new is not None
        for node in new.nodes:
            wanted.update(node.parents)
            if node.owner:
                wanted.add(node.owner)
            if node.id in ids and lookup.referrers(node.id):
                wanted.add(node.id)
    for node_id in sorted(wanted - set(out)):
        first = lookup.first(node_id)
        if first is None:
            continue
        part = models.get(first[0]) or load(first[0])
        found = next((n for n in part.nodes if n.id == node_id), None) if part else None
        if found is None:
            return None
        out[node_id] = (found.owner, found.parents[0] if found.parents else "")
    return out


def _chain_holds(node_id: str, chain: str, ids: set[str], links: dict[str, Link],
                 first_parents: dict[str, str]) -> bool:
    """Whether the last run's chain of ``node_id`` is still its chain: no id on it
    changed, nor the first parent where it stopped (of a node without links, as the
    files read in this run have it: a node naming a changed id is in one of them)."""
    parts = chain.split(" > ")
    if node_id in ids or any(p in ids for p in parts):
        return False
    top = links.get(parts[0])
    if top is not None:
        return top[1] not in ids
    return first_parents.get(parts[0], "") not in ids
