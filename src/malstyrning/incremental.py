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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from malstyrning.checks.base import name_kinds
from malstyrning.checks.inputs import REPO_INPUTS
from malstyrning.findings import Finding
from malstyrning.model import FileModel, PlanModel

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


class Summary(NamedTuple):
    """The last full run's repository-wide results, as the index keeps them."""

    inputs: str
    findings: list[Any]  # (record, see) of each repository-wide finding, not yet located
    duplicates: frozenset[str]
    links: dict[str, Link]
    chains: dict[str, str]  # node id → chain, for every finding of the last run

    def to_record(self) -> tuple[Any, ...]:
        return (self.inputs, self.findings, tuple(sorted(self.duplicates)), self.links,
                self.chains)

    @classmethod
    def from_record(cls, record: Any) -> Summary | None:
        try:
            inputs, findings, duplicates, links, chains = record
            if not (isinstance(inputs, str) and isinstance(findings, list)
                    and isinstance(links, dict) and isinstance(chains, dict)
                    and all(isinstance(d, str) for d in duplicates)
                    and all(isinstance(v, tuple) and len(v) == 2
                            and all(isinstance(x, str) for x in v) for v in links.values())
                    and all(isinstance(v, str) for v in chains.values())):
                return None
            for finding, see in findings:
                Finding.from_record(finding)
                if see is not None:
                    tuple(see)
            return cls(inputs, findings, frozenset(duplicates), links, chains)
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
