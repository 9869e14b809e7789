"""Declaring a rule next to its check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from malstyrning.findings import Finding, Severity
from malstyrning.rules import Rule, register

CheckFn = Callable[..., Iterator[Finding]]


def rule(code: str, name: str, severity: Severity, summary: str, *, scope: str = "fil",
         good: str = "", bad: str = "", explanation: str = "") -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the check behind rule ``code``.

    ``scope="fil"`` checks take ``(file_model, settings)`` and are cached per file;
    ``scope="repo"`` checks take ``(plan_model, settings)`` and see every file.
    """

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


def checks_for(scope: str) -> list[tuple[str, Any]]:
    from malstyrning.rules import REGISTRY

    return [(c, r.check) for c, r in sorted(REGISTRY.items())
            if r.scope == scope and r.check is not None]
