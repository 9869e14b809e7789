"""Declaring a rule next to its check."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from malstyrning.findings import Finding, Severity
from malstyrning.rules import Rule, register

if TYPE_CHECKING:
    from malstyrning.config import Settings

CheckFn = Callable[..., Iterator[Finding]]

# The names (``Node.name``) that repository-wide rules read, by rule code: node kinds
# (``"indikator"``), or DUPLICATES for the nodes whose id is used more than once. A
# warm run reuses the last run's repository-wide findings when a changed file changed
# no fact these rules read (see malstyrning.incremental); a name is such a fact only
# when a rule declares it here, so a repository-wide rule that reads names must say so.
DUPLICATES = "*dubblerade id*"
NAMES_READ: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True)
class Incremental:
    """How the findings of a repository-wide rule follow a change of the plan's nodes
    (ids, kinds, ``bidrar_till`` …) in a few files, so that a warm run can re-check only
    what changed (see malstyrning.incremental). A rule that declares nothing is run over
    the whole model again whenever a node changed.

    - ``kinds``: the node kinds whose facts the rule reads (a function of the settings);
      when no changed node is of these kinds, the last run's findings stand. None: every
      kind (a changed node always reruns the whole model).
    - ``followups``: the rule reads nodes only through follow-up documents, so without any
      it finds nothing whatever the nodes are.
    - ``named``: of the nodes, the rule reads only those whose ids the follow-ups name (an
      outcome's indicator, an assessed goal, an activity's status): a changed node with
      another id leaves its findings as they were.
    - ``links``: whether the rule reads the nodes' ``bidrar_till`` (with ``kinds`` and
      ``named``); a change of links alone leaves the findings of a rule that does not.
    - ``per_file``: the rule's findings in a file are those of the file's nodes, given what
      they link to (``targets``: the first node of each ``bidrar_till`` id, its kind),
      what links to them (``children``: the kinds of the nodes whose ``bidrar_till`` names
      them, asked through ``PlanModel.has_child_of_kind``), and, with ``findings``, more
      than the node (a hint that weighs every id, a budget shared by all findings): the
      files where the rule found something last time are re-checked too. The rule is run
      on a model of the files affected (and the files their links lead to) and its
      findings in the affected files replace the last run's there.
    - ``per_followup``: the rule's findings are in the follow-up documents, each
      document's from its own entries, the register, the settings and the first node of
      each id it names (with ``named``; ``links``: whether that includes the node's
      ``bidrar_till``): the follow-ups naming a changed id are re-checked, on a model of
      them, the register files and the files with the nodes they name, and their findings
      replace the last run's there (the link index keeps which ids each follow-up names).
    - ``namesakes``: the rule reads the other nodes with a changed node's id; the scoped
      path is taken only when no changed id is used twice, so its findings stand.
    - ``upward``: the rule's findings start from the links that do not point strictly up
      the chain and follow links up from there (cycles): its whole output is found again
      on a model of the files with such links and those their links lead to.
    """

    kinds: Callable[[Settings], Iterable[str]] | None = None
    followups: bool = False
    named: bool = False
    links: bool = True
    per_file: bool = False
    per_followup: bool = False
    targets: bool = False
    children: bool = False
    findings: bool = False
    namesakes: bool = False
    upward: bool = False


def no_kinds(_settings: Settings) -> tuple[str, ...]:
    """``Incremental(kinds=no_kinds)``: the rule reads no node at all."""
    return ()


def fixed_kinds(*kinds: str) -> Callable[[Settings], tuple[str, ...]]:
    """``Incremental(kinds=fixed_kinds("indikator"))``: the rule reads these kinds."""
    return lambda _settings: kinds


INCREMENTAL: dict[str, Incremental] = {}


def rule(code: str, name: str, severity: Severity, summary: str, *, scope: str = "fil",
         good: str = "", bad: str = "", explanation: str = "",
         names: tuple[str, ...] = (),
         incremental: Incremental | None = None) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the check behind rule ``code``.

    ``scope="fil"`` checks take ``(file_model, settings)`` and are cached per file;
    ``scope="repo"`` checks take ``(plan_model, settings)`` and see every file, and
    declare in ``names`` whose names they read (see NAMES_READ) and in ``incremental``
    how their findings follow a change of a few files' nodes (see Incremental).
    """
    if names:
        NAMES_READ[code] = names
    if incremental is not None:
        INCREMENTAL[code] = incremental

    def decorate(fn: CheckFn) -> CheckFn:
        register(Rule(code, name, severity, summary, explanation.strip(), good.strip(),
                      bad.strip(), scope, fn))
        return fn

    return decorate


def declare(code: str, name: str, severity: Severity, summary: str, *, scope: str,
            good: str = "", bad: str = "", explanation: str = "") -> None:
    """Register a rule whose findings come from a stage rather than a check function."""
    register(Rule(code, name, severity, summary, explanation.strip(), good.strip(),
                  bad.strip(), scope, None))


def name_kinds() -> tuple[frozenset[str], bool]:
    """(node kinds whose names some repository-wide rule reads, whether the names of
    duplicated ids are read)."""
    from malstyrning.checks import load

    load()
    kinds = {kind for names in NAMES_READ.values() for kind in names}
    return frozenset(kinds - {DUPLICATES}), DUPLICATES in kinds


def checks_for(scope: str) -> list[tuple[str, Any]]:
    from malstyrning.rules import registry

    return [(c, r.check) for c, r in sorted(registry().items())
            if r.scope == scope and r.check is not None]
