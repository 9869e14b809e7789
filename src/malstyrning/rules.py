"""The rule registry: every check's code, default severity and documentation.

A rule is declared next to the check that yields it (``checks/*.py``) and shows up
in ``malstyrning rules``, in the README table and in the JSON output. Importing
:mod:`malstyrning.checks` fills the registry; ``checks.all_rules()`` lists it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from malstyrning.findings import Severity

# scope: "fil" = depends on one file only (cached per file), "repo" = cross-file.
SCOPES = ("inläsning", "schema", "fil", "repo")


@dataclass(frozen=True)
class Rule:
    """One rule: stable code, default severity, and a passing and a failing example."""

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str = ""
    good: str = ""
    bad: str = ""
    scope: str = "fil"
    check: Callable[..., Iterator[Any]] | None = field(default=None, compare=False)


REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in REGISTRY:
        raise RuntimeError(f"rule {rule.code} registered twice")
    REGISTRY[rule.code] = rule
    return rule


def markdown_table(rules: list[Rule]) -> str:
    """The rule table of the README (a test keeps the two in agreement)."""
    lines = ["| kod | namn | allvarlighet | gäller | beskrivning |",
             "|---|---|---|---|---|"]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| {r.code} | {r.name} | {r.severity.swedish} | {r.scope} | {summary} |")
    return "\n".join(lines)
