"""Tolerant readers of plain YAML values, shared by the model builder and the reports.

They run on data that may have schema findings, so they never raise: a value of the
wrong type reads as empty (the schema check says what is wrong).
"""

from __future__ import annotations

from typing import Any


def text_of(value: Any) -> str:
    """A text value, trimmed; numbers as their text; None as ``""``."""
    if type(value) is str:  # the common case first: this runs for every field
        return value.strip()
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else str(value)


def number_of(value: Any) -> float | None:
    """A number (int or float, not a boolean), else None — never 0 for missing."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


def id_of(value: Any) -> str | None:
    """An id as text; numbers are accepted here (the schema check reports them)."""
    if type(value) is str:
        return value.strip() or None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
