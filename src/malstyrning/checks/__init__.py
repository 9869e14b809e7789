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
    time,
)
