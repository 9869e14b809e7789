"""Checks: pure functions of the model that yield findings, one rule each.

Importing this package registers every rule.
"""

from malstyrning.checks import (  # noqa: F401
    catalogues,
    followup,
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


def all_rules() -> list[Rule]:
    """Every rule, sorted by code."""
    return [REGISTRY[code] for code in sorted(REGISTRY)]
