"""Kolada's KPI metadata, kept in the plan repository (``kolada/nyckeltal.json``).

``malstyrning kolada check`` asks Kolada's ``/kpi`` route for every KPI id the plans
use and writes what it learnt here, with the date it was fetched. The next check asks
only for what changed since that date (``from_date``), plus the ids it has not seen
and the ones Kolada did not know last time. ``malstyrning validate`` reads the file
(offline) and reports ids that do not exist, KPIs that do not apply to the
organisation, a gender split Kolada does not have, and indicator names that no longer
match the KPI's title (:mod:`malstyrning.checks.kolada`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from malstyrning.kolada import METADATA_FILE
from malstyrning.kolada.values import is_deleted

FORMAT = 1
# Kolada's municipality_type: K kommun, L landsting (region), A all.
KOMMUN, REGION, ALL = "K", "L", "A"
TITLE_SIMILARITY = 0.6  # below this, an indicator's name and the KPI's title differ


@dataclass(frozen=True, slots=True)
class KpiMeta:
    """What the checks need of one KPI."""

    id: str
    title: str
    municipality_type: str = ""
    gendered: bool = False
    deleted: bool = False

    def to_data(self) -> dict[str, Any]:
        return {"titel": self.title, "kommuntyp": self.municipality_type,
                "kön": self.gendered, "borttaget": self.deleted}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> KpiMeta | None:
        """From a row of Kolada's ``/kpi`` answer (v2 and v3 spellings); None without id."""
        kpi = row.get("id")
        if not isinstance(kpi, str) or not kpi.strip():
            return None
        flag = row.get("is_divided_by_gender")
        gendered = flag is True or (type(flag) is int and flag == 1) or (
            isinstance(flag, str) and flag.strip().casefold() in ("1", "true"))
        deleted = is_deleted(row) or is_deleted({"isdeleted": row.get("is_deleted")})
        return cls(kpi.strip(), str(row.get("title") or "").strip(),
                   str(row.get("municipality_type") or "").strip().upper(), gendered,
                   deleted)


@dataclass
class Catalogue:
    """The metadata file: KPIs by id, the ids Kolada did not know, the date fetched."""

    fetched: str = ""  # ÅÅÅÅ-MM-DD
    source: str = ""
    kpis: dict[str, KpiMeta] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)

    def knows(self, kpi: str) -> bool:
        return kpi in self.kpis or kpi in self.unknown

    def to_text(self) -> str:
        data = {"format": FORMAT, "hämtad": self.fetched, "källa": self.source,
                "nyckeltal": {k: self.kpis[k].to_data() for k in sorted(self.kpis)},
                "finns_inte": sorted(self.unknown)}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class MetadataError(ValueError):
    """The metadata file cannot be read; the message is Swedish."""


def parse(text: str) -> Catalogue:
    """A catalogue from the file's text; MetadataError when it is not the file's form."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise MetadataError(f"{METADATA_FILE} är inte giltig JSON ({err.msg}, rad "
                            f"{err.lineno}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("nyckeltal"), dict):
        raise MetadataError(f"{METADATA_FILE} saknar `nyckeltal`; filen skrivs av "
                            "`malstyrning kolada check`.")
    kpis: dict[str, KpiMeta] = {}
    for kpi, item in data["nyckeltal"].items():
        if not isinstance(item, dict):
            continue
        kpis[str(kpi)] = KpiMeta(str(kpi), str(item.get("titel") or ""),
                                 str(item.get("kommuntyp") or ""), item.get("kön") is True,
                                 item.get("borttaget") is True)
    unknown = data.get("finns_inte")
    fetched = data.get("hämtad")
    return Catalogue(fetched if isinstance(fetched, str) and _is_date(fetched) else "",
                     str(data.get("källa") or ""), kpis,
                     {str(k) for k in unknown} if isinstance(unknown, list) else set())


def load(root: Path) -> Catalogue | None:
    """The repository's catalogue, None when there is none (or it cannot be read)."""
    try:
        text = (root / METADATA_FILE).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        return parse(text)
    except MetadataError:
        return None


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass
class Update:
    """What :func:`update` did: ids asked in full, ids asked since a date, changes."""

    catalogue: Catalogue
    asked_full: list[str]
    asked_since: list[str]
    changed: list[str]


def update(old: Catalogue | None, ids: Iterable[str],
           fetch: Callable[[list[str], str | None], list[dict[str, Any]]],
           today: dt.date, source: str) -> Update:
    """The catalogue brought up to date for ``ids``.

    Ids the catalogue knows are asked with ``from_date`` = the date it was fetched (only
    what changed comes back); new ids, and ids Kolada did not know last time, are asked
    in full, and those Kolada still does not return are recorded as unknown. Ids no
    longer in the plans are dropped.
    """
    wanted = sorted(set(ids))
    base = old or Catalogue()
    known = [k for k in wanted if k in base.kpis] if base.fetched else []
    fresh = [k for k in wanted if k not in known]
    kpis = {k: base.kpis[k] for k in known}
    changed: list[str] = []
    for row in fetch(known, base.fetched) if known else []:
        meta = KpiMeta.from_row(row)
        if meta is not None and meta.id in kpis and kpis[meta.id] != meta:
            kpis[meta.id] = meta
            changed.append(meta.id)
    returned: set[str] = set()
    for row in fetch(fresh, None) if fresh else []:
        meta = KpiMeta.from_row(row)
        if meta is not None and meta.id in fresh:
            if meta.id in base.kpis and base.kpis[meta.id] != meta:
                changed.append(meta.id)
            kpis[meta.id] = meta
            returned.add(meta.id)
    unknown = {k for k in fresh if k not in returned}
    catalogue = Catalogue(today.isoformat(), source, kpis, unknown)
    return Update(catalogue, fresh, known, sorted(changed))


# --- comparing an indicator's name with the KPI's title --------------------------------

_WORD = re.compile(r"[0-9a-zåäöéü%]+")
_STOP = frozenset({"och", "i", "av", "som", "med", "för", "på", "till", "en", "ett", "de",
                   "den", "det", "inom", "om", "är", "har"})


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).casefold()
    return [w for w in _WORD.findall(text) if w not in _STOP]


def similarity(name: str, title: str) -> float:
    """How alike an indicator's name and a KPI's title are, 0–1.

    The better of the character similarity of the two (words only, in order) and the
    share of the name's words found in the title — an indicator often shortens the
    KPI's title ("…, andel (%)"), which should not count as a difference.
    """
    a, b = _words(name), _words(title)
    if not a or not b:
        return 0.0
    ratio = SequenceMatcher(None, " ".join(a), " ".join(b), autojunk=False).ratio()
    title_words = set(b)
    covered = sum(1 for w in a if w in title_words or any(
        t.startswith(w) or w.startswith(t) for t in title_words if min(len(t), len(w)) >= 4))
    return max(ratio, covered / len(a))


def matches(name: str, title: str) -> bool:
    return similarity(name, title) >= TITLE_SIMILARITY
