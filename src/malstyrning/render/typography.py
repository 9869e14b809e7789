"""Swedish typography for documents: dates, periods, numbers, and stable names and keys.

Numbers come from :mod:`malstyrning.text` (``1 234,5``); this module adds what only
documents need. Labels (months, status scale) are data in ``etiketter.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from malstyrning import text

LABELS_FILE = Path(__file__).resolve().parent / "etiketter.json"


@cache
def labels() -> dict[str, Any]:
    """The document labels (months, status scale, severities) from ``etiketter.json``."""
    data: dict[str, Any] = json.loads(LABELS_FILE.read_text("utf-8"))
    return data


def swedish_date(value: Any) -> str:
    """``"2026-11-23"`` → ``23 november 2026``; anything that is not an ISO date as text."""
    if value is None:
        return ""
    raw = str(value).strip()
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return raw
    return f"{day.day} {labels()['månader'][day.month - 1]} {day.year}"


def period_text(period: tuple[int, int] | None) -> str:
    """(2027, 2029) → ``2027–2029``; (2027, 2027) → ``2027``; None → ``""``."""
    return text.year_span(period) if period else ""


def number(value: Any) -> str:
    """A plan value the Swedish way, with the decimals it was written with: ``1 400,25``.

    Text is returned as it is, None as ''.
    """
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return text.number(value)
    return str(value)


def with_unit(value: Any, unit: str = "") -> str:
    """A value and its unit: ``74,6 %``, ``12 dagar``; counts and indexes without a unit.

    The units that read badly after a number ("5 antal") are listed in ``etiketter.json``.
    """
    text = number(value)
    unit = " ".join(str(unit or "").split())
    if not text or not unit or unit.casefold() in labels()["enheter_utan_suffix"]:
        return text
    return f"{text} {unit}"


def amount(value: Any) -> str:
    """An amount in tkr without the unit (the table header says tkr): ``548 900``."""
    return number(value)


_NATURAL = re.compile(r"(\d+)")


def natural_key(value: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``UBN-E2`` before ``UBN-E10``."""
    parts = _NATURAL.split(value)
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in parts if p)


def slug(value: str) -> str:
    """A file- and URL-safe name: ``UF-VAS`` → ``uf-vas``, ``Östervåla`` → ``ostervala``."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def segments(message: str) -> tuple[tuple[str, bool], ...]:
    """Split a finding's message at backticks: ``(text, is_code)`` pairs.

    Messages write ids as `UBN-E9`; templates show those parts as code.
    """
    if message.count("`") % 2:
        return ((message, False),) if message else ()
    out = []
    for i, part in enumerate(message.split("`")):
        if part:
            out.append((part, i % 2 == 1))
    return tuple(out)
