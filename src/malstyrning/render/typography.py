"""Swedish typography for documents: dates, periods, numbers, and stable names and keys.

Numbers come from :mod:`malstyrning.text` (``1 234,5``); this module adds what only
documents need. Labels (months, status scale) are data in ``etiketter.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import repeat
from operator import add
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
    return _swedish_date(str(value))


@lru_cache(maxsize=4096)
def _swedish_date(text: str) -> str:
    """:func:`swedish_date` of one text (memoised: dates repeat on every row)."""
    raw = text.strip()
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


def deviation(value: Any) -> str:
    """A deviation with its sign: ``+2 500``, ``−2 500``, ``0``."""
    return ("+" if value > 0 else "") + number(value)


def titled(item_id: str, name: str) -> str:
    """A goal's title as the documents show it: the title first, the id after it
    (``Fler elever når målen (UBN-E1)``); the id alone when there is no title."""
    name, item_id = name.strip(), item_id.strip()
    if name and item_id:
        return f"{name} ({item_id})"
    return name or item_id


def title_of(item: Any) -> str:
    """:func:`titled` of anything with ``id`` and ``name`` (the template filter
    ``rubrik``)."""
    return titled(str(getattr(item, "id", "") or ""), str(getattr(item, "name", "") or ""))


_NATURAL = re.compile(r"(\d+)")


def natural_key(value: str) -> tuple[tuple[int, int, str] | tuple[int, str], ...]:
    """Sort key that puts ``UBN-E2`` before ``UBN-E10``.

    A run of digits compares by its length without leading zeros, then by its digits,
    so it never goes through ``int`` (which refuses ``²`` and numbers of more than
    4,300 digits); the other parts compare case-insensitively.
    """
    parts = _NATURAL.split(value)
    key: list[tuple[int, int, str] | tuple[int, str]] = []
    for p in parts:
        if not p:
            continue
        if p.isdecimal():
            digits = p.lstrip("0")
            key.append((0, len(digits), digits))
        else:
            key.append((1, p.casefold()))
    return tuple(key)


# natural_sorted: the widest run of digits it pads (wider ones sort by natural_key)
_PAD_LIMIT = 64
_ASCII_RUNS = re.compile(rb"([0-9]+)")
# natural_sorted of ASCII ids: digits stay, every other byte moves above them (the
# same order among themselves), so a run's padding "0" sorts before any text
_ABOVE_DIGITS = bytes(b if 0x30 <= b <= 0x39 else (b + 0x80) % 256 for b in range(256))


def natural_sorted(values: Iterable[str]) -> list[str]:
    """``sorted(values, key=natural_key)``, the same order and ties, several times faster
    for many values (a big city's 50,000 ids are one sort): see :func:`natural_order`."""
    items = list(values)
    return list(map(items.__getitem__, natural_order(items)))


def natural_order(items: Sequence[str]) -> list[int]:
    """The places of ``items`` in :func:`natural_sorted` order (``items[i]`` for each
    ``i`` is ``natural_sorted(items)``).

    All values are folded in one text and split at runs of digits in one pass, so each
    becomes a single text that compares as its :func:`natural_key` does: casefolded,
    each run of digits padded with zeros on the left to one more than the widest run
    (a shorter number then sorts first, and ``007`` ties with ``7``), behind a marker
    that sorts before any text (a number comes before text in the key). For ASCII the
    marker is the first "0" and the text bytes are moved above the digits; otherwise
    the marker is ``\x01``, which then may not occur. That holds because casefolding
    maps each character alone, keeps digits and makes no new ones (a test checks every
    character). Values with ``\x00`` (or ``\x01`` outside ASCII) or a run of more than
    64 digits take the plain sort.
    """
    def plain() -> list[int]:
        return sorted(range(len(items)), key=lambda i: natural_key(items[i]))

    joined = "\x00".join(items)
    if joined.count("\x00") != len(items) - 1:
        return plain()
    if joined.isascii():
        raw = joined.lower().encode("ascii").translate(_ABOVE_DIGITS)
        parts: list[Any] = _ASCII_RUNS.split(raw)
        width = max(map(len, parts[1::2]), default=0)
        if width > _PAD_LIMIT:
            return plain()
        parts[1::2] = map(bytes.rjust, parts[1::2], repeat(width + 1), repeat(b"0"))
        keys: list[Any] = b"".join(parts).split(b"\x80")
    else:
        folded = joined.casefold()
        if folded.count("\x00") != len(items) - 1 or "\x01" in folded:
            return plain()
        parts = _NATURAL.split(folded)
        width = max(map(len, parts[1::2]), default=0)
        if width > _PAD_LIMIT:
            return plain()
        parts[1::2] = map(add, repeat("\x01"),
                          map(str.rjust, parts[1::2], repeat(width), repeat("0")))
        keys = "".join(parts).split("\x00")
    return sorted(range(len(items)), key=keys.__getitem__)


# A slug is part of a file name and an anchor. Ids and names in a plan have no length
# limit, file names do (255 bytes on most file systems): keep a slug short, and add a
# checksum of the whole value when it is cut so different long values stay apart.
MAX_SLUG = 64
# Names Windows reserves for devices: a slug alone must never be one.
_WINDOWS_DEVICES = frozenset(["con", "prn", "aux", "nul"]
                             + [f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)])


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(value: str) -> str:
    """A file- and URL-safe name: ``UF-VAS`` → ``uf-vas``, ``Östervåla`` → ``ostervala``.

    Only ``a–z``, ``0–9`` and ``-`` (no path separators, dots or characters Windows
    forbids), at most :data:`MAX_SLUG` characters, never a Windows device name.
    """
    folded = value if value.isascii() else unicodedata.normalize("NFKD", value).encode(
        "ascii", "ignore").decode("ascii")
    out = _NOT_SLUG.sub("-", folded.lower()).strip("-") or "x"
    if len(out) > MAX_SLUG:
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        out = f"{out[:MAX_SLUG - 9].rstrip('-')}-{digest}"
    if out in _WINDOWS_DEVICES:
        out += "-x"
    return out


# slugs: every byte but a-z, 0-9 and the line break (between values) becomes "-"
_SLUG_BYTES = bytes(b if chr(b) in "abcdefghijklmnopqrstuvwxyz0123456789\n" else ord("-")
                    for b in range(256))


def slugs(values: Sequence[str]) -> list[str]:
    """``[slug(v) for v in values]``, faster for many: the plain ASCII values are slugged
    together, one per line (each other character a ``-``, then each run of them one
    ``-``, as :func:`slug` does); the others, and every slug that comes out empty, too
    long or a device name, one by one."""
    text = "\n".join(values)
    if not text.isascii():  # the others are slugged below, as the empty value
        text = "\n".join([v if v.isascii() else "" for v in values])
    joined = text.lower().encode("ascii")
    if joined.count(b"\n") != len(values) - 1:
        return [slug(v) for v in values]
    joined = joined.translate(_SLUG_BYTES)
    while b"--" in joined:
        joined = joined.replace(b"--", b"-")
    out = list(map(str.strip, joined.decode("ascii").split("\n"), repeat("-")))
    lengths = list(map(len, out))
    if ((lengths and (min(lengths) == 0 or max(lengths) > MAX_SLUG))
            or not _WINDOWS_DEVICES.isdisjoint(out)):
        for i, s in enumerate(out):
            if not s or len(s) > MAX_SLUG or s in _WINDOWS_DEVICES:
                out[i] = slug(values[i])
    return out


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
