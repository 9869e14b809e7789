"""Declaring a rule next to its check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from malstyrning.findings import Finding, Severity
from malstyrning.rules import Rule, register

CheckFn = Callable[..., Iterator[Finding]]

# The names (``Node.name``) that repository-wide rules read, by rule code: node kinds
# (``"indikator"``), or DUPLICATES for the nodes whose id is used more than once. A
# warm run reuses the last run's repository-wide findings when a changed file changed
# no fact these rules read (see malstyrning.incremental); a name is such a fact only
# when a rule declares it here, so a repository-wide rule that reads names must say so.
DUPLICATES = "*dubblerade id*"
NAMES_READ: dict[str, tuple[str, ...]] = {}

def rule(code: str, name: str, severity: Severity, summary: str, *, scope: str = "fil",
         good: str = "", bad: str = "", explanation: str = "",
         names: tuple[str, ...] = ()) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the check behind rule ``code``.

    ``scope="fil"`` checks take ``(file_model, settings)`` and are cached per file;
    ``scope="repo"`` checks take ``(plan_model, settings)`` and see every file, and
    declare in ``names`` whose names they read (see NAMES_READ).
    """
    if names:
        NAMES_READ[code] = names

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
