"""The "Ändringar sedan beslut" document (``render --jämför FRÅN``): the semantic diff
of :mod:`malstyrning.diff` laid out for the council, with texts prepared here so that
both formats say the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from malstyrning.diff import ADDED, CHANGED, MOVED, REMOVED, ModelDiff
from malstyrning.diffout import (
    counts_line,
    no_changes,
    signed,
    value_text,
    what_is_compared,
    where,
)
from malstyrning.text import number

STEM = "andringar-sedan-beslut"
HEADINGS = {ADDED: "Tillagt", REMOVED: "Borttaget", MOVED: "Flyttat", CHANGED: "Ändrat"}


@dataclass(frozen=True)
class ChangeRow:
    level: str
    id: str
    name: str
    where: str


@dataclass(frozen=True)
class FieldRow:
    field: str
    before: str
    after: str
    difference: str


@dataclass(frozen=True)
class ChangedItem:
    level: str
    id: str
    name: str
    file: str
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class FrameRow:
    org: str
    source: str
    before: str
    after: str
    difference: str


@dataclass(frozen=True)
class ReviewRow:
    level: str
    id: str
    name: str
    file: str
    because: str


@dataclass(frozen=True)
class ChangeSection:
    heading: str
    anchor: str
    rows: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class ChangesView:
    """What changed between the decided version and the one rendered."""

    before: str
    after: str
    summary: str
    empty: bool
    sections: tuple[ChangeSection, ...]
    changed: tuple[ChangedItem, ...]
    frames: tuple[FrameRow, ...]
    review: tuple[ReviewRow, ...]
    compared: str = ""  # what the document compares, one sentence without its full stop
    nothing: str = ""  # the sentence when nothing changed


def _source(source: str) -> str:
    return {"ram": "ram i planen", "total": "ramarna totalt"}.get(source, "beslutad ram")


def changes_view(diff: ModelDiff) -> ChangesView:
    sections = []
    for status, anchor in ((ADDED, "tillagt"), (REMOVED, "borttaget"), (MOVED, "flyttat")):
        rows = tuple(ChangeRow(diff.name_of(i.kind), i.id, i.name, where(i, status))
                     for i in diff.of_status(status))
        if rows:
            sections.append(ChangeSection(HEADINGS[status], anchor, rows))
    changed = tuple(
        ChangedItem(diff.name_of(i.kind), i.id, i.name, i.file_after, tuple(
            FieldRow(c.field, value_text(c.before), value_text(c.after),
                     signed(c.difference) if c.difference is not None else "")
            for c in i.fields))
        for i in diff.of_status(CHANGED))
    frames = tuple(
        FrameRow(f.org, _source(f.source), "" if f.before is None else number(f.before),
                 "" if f.after is None else number(f.after),
                 "" if f.difference is None else signed(f.difference))
        for f in diff.frames)
    review = tuple(ReviewRow(diff.name_of(r.kind), r.id, r.name, r.file, ", ".join(r.because))
                   for r in diff.review)
    return ChangesView(diff.before, diff.after, counts_line(diff), diff.empty,
                       tuple(sections), changed, frames, review, what_is_compared(diff),
                       no_changes(diff))
