"""Checks: pure functions of the model that yield findings, one rule each.

Importing this package registers every rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from malstyrning.checks import (  # noqa: F401
    catalogues,
    economy,
    editor,
    followup,
    kolada,
    links,
    money,
    orphans,
    parsing,
    priorities,
    schema,
    structure,
    texts,
    time,
)
from malstyrning.rules import REGISTRY, Rule

if TYPE_CHECKING:
    from malstyrning.config import SteeringModel


def all_rules(model: SteeringModel | None = None) -> list[Rule]:
    """Every rule, sorted by code, with its texts in ``model``'s words (default: Heby's)."""
    return [REGISTRY[code].worded(model) for code in sorted(REGISTRY)]
