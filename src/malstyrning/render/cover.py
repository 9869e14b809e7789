"""Cover pages: each document's real title and the filing data a council files it under.

The plan or follow-up file may give ``diarienummer``, ``paragraf``, ``sammanträdesdatum``
and ``bilaga`` (all optional). The cover page shows them with the kommun's name and the
document's title as a council reads it: ``Delårsrapport januari–augusti 2027``, not the
internal code ``2027-delår``. HTML, PDF and Word all take the cover from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from malstyrning.config import Settings
from malstyrning.render.records import (
    Cover,
    Document,
    FollowUpPeriodView,
    KommunplanView,
    KommunResultView,
    NamndplanView,
    NamndResultView,
    Site,
)
from malstyrning.render.typography import labels, swedish_date
from malstyrning.values import text_of

# (key in the file, label on the cover page), in the order the cover shows them.
FILING_KEYS = (("diarienummer", "Diarienummer"), ("paragraf", "Paragraf"),
               ("sammanträdesdatum", "Sammanträdesdatum"), ("bilaga", "Bilaga"))


def filing_facts(header: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The filing data of a file's header as (label, text): ``("Paragraf", "§ 112")``."""
    facts = []
    for key, label in FILING_KEYS:
        value = " ".join(text_of(header.get(key)).split())
        if not value:
            continue
        if key == "paragraf":
            value = "§ " + value.lstrip("§").strip()
        elif key == "sammanträdesdatum":
            value = swedish_date(value)
        facts.append((label, value))
    return tuple(facts)


def followup_title(period: FollowUpPeriodView, settings: Settings) -> str:
    """``Delårsrapport januari–augusti 2027``; ``Årsredovisning 2027`` for the full year."""
    setting = settings.followup_period(period.code)
    year = f" {period.year}" if period.year is not None else ""
    if setting is None or setting.is_year_end:
        return f"{period.name}{year}".strip()
    month = labels()["månader"][setting.until[0] - 1]
    return f"{period.name} januari–{month}{year}"


def _decision(decided: str, decided_by: str, verb: str = "Beslutad") -> str:
    if decided and decided_by:
        return f"{verb} {swedish_date(decided)} av {decided_by}"
    if decided:
        return f"{verb} {swedish_date(decided)}"
    return f"Beslutas av {decided_by}" if decided_by else ""


def cover_of(doc: Document, kommun: str, settings: Settings,
             headers: Mapping[str, Mapping[str, Any]]) -> Cover:
    data = doc.data
    if isinstance(data, KommunplanView | NamndplanView):
        return Cover(kommun, doc.title, _decision(data.decided, data.decided_by),
                     filing_facts(headers.get(data.file, {})) if data.file else ())
    if isinstance(data, KommunResultView | NamndResultView):
        title = followup_title(data.period, settings)
        if isinstance(data, NamndResultView):
            title = f"{title} – {data.name}"
        header = data.header
        return Cover(kommun, title, _decision(header.decided, header.decided_by),
                     filing_facts(headers.get(header.file, {})) if header.file else ())
    return Cover(kommun, doc.title)


def with_covers(site: Site, settings: Settings,
                headers: Mapping[str, Mapping[str, Any]]) -> Site:
    """The site with a cover page on every document (made when first read, like the
    document's data)."""
    kommun = site.kommun

    def make(doc: Document) -> Cover:
        return cover_of(doc, kommun, settings, headers)

    return replace(site, documents=tuple(d.with_cover(make) for d in site.documents))
