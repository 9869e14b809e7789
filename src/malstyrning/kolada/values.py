"""Kolada's rows → typed values, and saved API responses (for ``kolada import``) → rows.

A row is ``{"kpi": "N00945", "municipality": "0331", "period": 2023, "values":
[{"gender": "T", "value": 12.3, …}, …]}``. A ``null`` value stays ``None`` — a
missing value is never 0.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Number = int | float

GENDER_FIELDS = {"T": "total", "K": "women", "M": "men"}


@dataclass(frozen=True, slots=True)
class KoladaValue:
    """One KPI's value for one municipality and year: total, women, men (None = missing)."""

    kpi: str
    municipality: str
    year: int
    total: Number | None = None
    women: Number | None = None
    men: Number | None = None

    @property
    def by_gender(self) -> dict[str, Number]:
        """``{"K": …, "M": …}`` with only the values that exist."""
        split = {"K": self.women, "M": self.men}
        return {k: v for k, v in split.items() if v is not None}


class SavedResponseError(ValueError):
    """A saved response that is not Kolada's data format; the message is Swedish."""


def _number(value: Any) -> Number | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value
    return None


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

    Values marked ``isdeleted`` are ignored. Two rows for the same KPI, municipality
    and year are merged (a later non-null value wins).
    """
    merged: dict[tuple[str, str, int], dict[str, Number | None]] = {}
    for row in rows:
        kpi, municipality = row.get("kpi"), row.get("municipality")
        year = _year(row.get("period"))
        if not isinstance(kpi, str) or not isinstance(municipality, str) or year is None:
            continue
        fields = merged.setdefault((kpi, municipality, year),
                                   {"total": None, "women": None, "men": None})
        entries = row.get("values")
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, Mapping) or entry.get("isdeleted") is True:
                continue
            field = GENDER_FIELDS.get(str(entry.get("gender", "")).upper())
            value = _number(entry.get("value"))
            if field and (value is not None or fields[field] is None):
                fields[field] = value
    return [KoladaValue(kpi, municipality, year, **fields)
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
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SavedResponseError(f"Filen {path} är inte sparad som UTF-8.") from None
    except json.JSONDecodeError as err:
        raise SavedResponseError(
            f"Filen {path} är inte giltig JSON (rad {err.lineno}, kolumn {err.colno}: "
            f"{err.msg}).") from None
    return rows_from_saved(data)
