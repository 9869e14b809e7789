"""Checks: pure functions of the model that yield findings, one rule each.

The rule modules register their rules when imported; :func:`load` imports them all,
once. Nothing imports them before a file is analysed or a rule is looked up, so a warm
run that finds nothing changed never pays for them (``rules.registry()`` and
``base.checks_for`` load them first).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from malstyrning.rules import REGISTRY, Rule

if TYPE_CHECKING:
    from malstyrning.config import SteeringModel

MODULES = ("catalogues", "economy", "editor", "followup", "kolada", "links", "money",
           "orphans", "parsing", "priorities", "schema", "structure", "texts", "time")
_loaded = False


def load() -> None:
    """Import every rule module (registering every rule), once."""
    global _loaded
    if not _loaded:
        for name in MODULES:
            importlib.import_module(f"malstyrning.checks.{name}")
        _loaded = True


def all_rules(model: SteeringModel | None = None) -> list[Rule]:
    """Every rule, sorted by code, with its texts in ``model``'s words (default: Heby's)."""
    load()
    return [REGISTRY[code].worded(model) for code in sorted(REGISTRY)]
