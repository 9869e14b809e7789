"""Kolada's rows → typed values, and saved API responses (for ``kolada import``) → rows.

A row is ``{"kpi": "N00945", "municipality": "0331", "period": 2023, "values":
[{"gender": "T", "value": 12.3, …}, …]}``. A ``null`` value stays ``None`` — a
missing value is never 0. ``isdeleted`` is honoured on a row and on a value. A number
no KPI can have (beyond ±10^15, not finite, hundreds of digits) is never converted or
written: the KPI gets a problem text and the writer skips it with a note.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Number = int | float

GENDER_FIELDS = {"T": "total", "K": "women", "M": "men"}
FIELD_NAMES = {"total": "totalt", "women": "kvinnor", "men": "män"}
MAX_ABS = 10**15  # larger than any KPI value: a bigger number is a broken answer
_MAX_JSON_DIGITS = 30  # longer integer literals are never turned into int


class BadNumber(str):
    """A JSON number that is not used: the text says what was wrong (Swedish)."""


def _parse_int(text: str) -> int | BadNumber:
    digits = len(text.lstrip("-"))
    if digits > _MAX_JSON_DIGITS:
        return BadNumber(f"ett orimligt stort tal ({digits} siffror)")
    return int(text)


def _parse_constant(text: str) -> BadNumber:
    return BadNumber(f"{text}, som inte är ett tal")


def loads_json(text: str) -> Any:
    """``json.loads`` that never builds a huge int and keeps NaN/Infinity out."""
    return json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)


def is_deleted(item: Mapping[str, Any]) -> bool:
    """Whether Kolada marks a row or a value as deleted (``isdeleted``)."""
    flag = item.get("isdeleted")
    if isinstance(flag, bool):
        return flag
    if type(flag) is int:
        return flag == 1
    return isinstance(flag, str) and flag.strip().casefold() in ("true", "1")


@dataclass(frozen=True, slots=True)
class KoladaValue:
    """One KPI's value for one municipality and year: total, women, men (None = missing)."""

    kpi: str
    municipality: str
    year: int
    total: Number | None = None
    women: Number | None = None
    men: Number | None = None
    problems: tuple[str, ...] = ()  # numbers in the answer that cannot be used

    @property
    def by_gender(self) -> dict[str, Number]:
        """``{"K": …, "M": …}`` with only the values that exist."""
        split = {"K": self.women, "M": self.men}
        return {k: v for k, v in split.items() if v is not None}


class SavedResponseError(ValueError):
    """A saved response that is not Kolada's data format; the message is Swedish."""


def _digits(value: int) -> str:
    if value.bit_length() < 10_000:
        return str(len(str(abs(value))))
    return f"omkring {int(value.bit_length() * 0.30103) + 1}"


def _number(value: Any) -> tuple[Number | None, str | None]:
    """The value, or None and why it cannot be used (None, None for a missing value)."""
    if isinstance(value, BadNumber):
        return None, str(value)
    if isinstance(value, bool) or value is None:
        return None, None
    if isinstance(value, int):
        if abs(value) > MAX_ABS:
            return None, f"ett orimligt stort tal ({_digits(value)} siffror)"
        return value, None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None, "ett tal som inte är ändligt"
        if abs(value) > MAX_ABS:
            return None, "ett orimligt stort tal"
        return value, None
    return None, f"{type(value).__name__} i stället för ett tal"


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def parse_rows(rows: Iterable[Mapping[str, Any]]) -> list[KoladaValue]:
    """Typed values from rows; rows without kpi, municipality or period are skipped.

    Rows and values marked ``isdeleted`` are ignored. Two rows for the same KPI,
    municipality and year are merged (a later non-null value wins). A number that
    cannot be used becomes a problem text on the value, never a number.
    """
    merged: dict[tuple[str, str, int], dict[str, Number | None]] = {}
    problems: dict[tuple[str, str, int], list[str]] = {}
    for row in rows:
        kpi, municipality = row.get("kpi"), row.get("municipality")
        year = _year(row.get("period"))
        if not isinstance(kpi, str) or not isinstance(municipality, str) or year is None:
            continue
        if is_deleted(row):
            continue
        key = (kpi, municipality, year)
        fields = merged.setdefault(key, {"total": None, "women": None, "men": None})
        entries = row.get("values")
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, Mapping) or is_deleted(entry):
                continue
            field = GENDER_FIELDS.get(str(entry.get("gender", "")).upper())
            if not field:
                continue
            value, problem = _number(entry.get("value"))
            if problem is not None:
                problems.setdefault(key, []).append(f"{FIELD_NAMES[field]}: {problem}")
            elif value is not None or fields[field] is None:
                fields[field] = value
    return [KoladaValue(kpi, municipality, year, **fields,
                        problems=tuple(problems.get((kpi, municipality, year), ())))
            for (kpi, municipality, year), fields in sorted(merged.items())]


def values_for(rows: Iterable[Mapping[str, Any]], municipality: str,
               year: int) -> dict[str, KoladaValue]:
    """KPI id → value for one municipality and year (other rows are ignored)."""
    return {v.kpi: v for v in parse_rows(rows)
            if v.municipality == municipality and v.year == year}


def rows_from_saved(data: Any) -> list[dict[str, Any]]:
    """The rows of a saved response: one page (``{"values": [...]}``) or a list of pages.

    A bare list of rows (what ``values`` holds) is accepted too.
    """
    pages: list[Any]
    if isinstance(data, dict):
        pages = [data]
    elif isinstance(data, list) and all(isinstance(p, dict) for p in data):
        if all("kpi" in p and "period" in p for p in data):
            return list(data)
        pages = data
    else:
        raise SavedResponseError(
            "Filen ska innehålla ett svar från Koladas API: ett JSON-objekt med "
            "`values`, eller en lista med sådana sidor.")
    rows: list[dict[str, Any]] = []
    for number, page in enumerate(pages, start=1):
        values = page.get("values")
        if not isinstance(values, list):
            where = "" if len(pages) == 1 else f" (sidan {number})"
            raise SavedResponseError(
                f"Svaret saknar listan `values`{where}; det ser inte ut som Koladas "
                "dataformat (/v3/data/kpi/…/municipality/…/year/…).")
        rows.extend(row for row in values if isinstance(row, dict))
    return rows


def load_saved(path: Path) -> list[dict[str, Any]]:
    """Read a saved response file; SavedResponseError (Swedish) when it cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SavedResponseError(f"Filen {path} finns inte.") from None
    except OSError as err:
        raise SavedResponseError(f"Filen {path} kunde inte läsas: {err.strerror}.") from None
    try:
        data = loads_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SavedResponseError(f"Filen {path} är inte sparad som UTF-8.") from None
    except json.JSONDecodeError as err:
        raise SavedResponseError(
            f"Filen {path} är inte giltig JSON (rad {err.lineno}, kolumn {err.colno}: "
            f"{err.msg}).") from None
    except RecursionError:
        raise SavedResponseError(f"Filen {path} är för djupt nästlad för att vara ett svar "
                                 "från Kolada.") from None
    return rows_from_saved(data)
