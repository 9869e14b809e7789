"""One module per check module; each has a ``CASES`` table of failing rule cases."""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.plans import RuleCase


def all_rule_cases() -> list[RuleCase]:
    """Every ``CASES`` entry of every module in this package."""
    cases: list[RuleCase] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        cases.extend(getattr(module, "CASES", []))
    return cases
