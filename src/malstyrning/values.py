"""Tolerant readers of plain YAML values, shared by the model builder and the reports.

They run on data that may have schema findings, so they never raise: a value of the
wrong type, or a number or year outside the range a plan can mean, reads as empty
(the schema check says what is wrong). In particular they never convert an unbounded
integer to float (OverflowError) or to text (Python refuses more than 4,300 digits).
"""

from __future__ import annotations

import math
from typing import Any

# The ranges a plan value may have; the JSON Schemas say the same with minimum/maximum
# (tests/test_schemas.py keeps the two in agreement).
YEAR_MIN, YEAR_MAX = 1900, 2200
# Any measured value (målvärde, baslinje, utfall): beyond 10^15 a float no longer holds
# every integer exactly, and no indicator a municipality reports comes near it.
VALUE_LIMIT = 10**15
# Amounts in tkr (ram, belopp, total): 10^9 tkr is a million million kronor.
TKR_MAX = 10**9
# A weight is relative to the others; 1,000 times another is already absurd.
WEIGHT_MAX = 1000

# Integers this long are written with a few digits and their length, never in full.
_SHORT_DIGITS = 30


def int_text(value: int) -> str:
    """An integer as text, shortened when long (``123…789 (80 siffror)``).

    Safe for integers of any size: past 4,300 digits ``str()`` raises, and long before
    that the digits help nobody.
    """
    if -(10**_SHORT_DIGITS) < value < 10**_SHORT_DIGITS:
        return str(value)
    sign = "−" if value < 0 else ""
    magnitude = -value if value < 0 else value
    digits = _digit_count(magnitude)
    head = magnitude // 10 ** (digits - 3)
    return f"{sign}{head}… ({digits} siffror)"


def _digit_count(magnitude: int) -> int:
    """Decimal digits of a positive integer, without converting it to text."""
    estimate = max(1, int(magnitude.bit_length() * math.log10(2)))
    while 10**estimate <= magnitude:
        estimate += 1
    while estimate > 1 and 10 ** (estimate - 1) > magnitude:
        estimate -= 1
    return estimate


def text_of(value: Any) -> str:
    """A text value, trimmed; numbers as their text; None as ``""``."""
    if type(value) is str:  # the common case first: this runs for every field
        return value.strip()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return int_text(value)
    if value is None or isinstance(value, list | dict):
        return ""  # a list or mapping is no text; the schema check says so
    return str(value)


def number_of(value: Any, limit: float = VALUE_LIMIT) -> float | None:
    """A finite number (int or float, not a boolean) within ±``limit``, else None —
    never 0 for missing."""
    if (isinstance(value, int | float) and not isinstance(value, bool)
            and -limit <= value <= limit):  # also False for NaN
        return value
    return None


def year_of(value: Any) -> int | None:
    """A year (an integer from 1900 to 2200), else None."""
    if isinstance(value, int) and not isinstance(value, bool) and YEAR_MIN <= value <= YEAR_MAX:
        return value
    return None


def period_of(value: Any) -> tuple[int, int] | None:
    """A plan period (``2027`` or ``"2027–2029"``) with both years from 1900 to 2200."""
    from malstyrning.config import parse_period

    period = parse_period(value)
    if period is None or not (period[0] >= YEAR_MIN and period[1] <= YEAR_MAX):
        return None
    return period


def id_of(value: Any) -> str | None:
    """An id as text; numbers are accepted here (the schema check reports them)."""
    if type(value) is str:
        return value.strip() or None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return int_text(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(value)
    return None
