"""``malstyrning diff`` written as text, JSON or Markdown (one :class:`ModelDiff`, three
writers; the same input gives byte-identical output)."""

from __future__ import annotations

import json
from typing import Any

from malstyrning.diff import ADDED, CHANGED, MOVED, REMOVED, ItemChange, ModelDiff
from malstyrning.text import number

FORMATS = ("text", "json", "md")
JSON_FORMAT = 1

_HEADINGS = {ADDED: "Tillagt", REMOVED: "Borttaget", MOVED: "Flyttat", CHANGED: "Ändrat"}
_SIGNS = {ADDED: "+", REMOVED: "-", MOVED: "→", CHANGED: "~"}


def value_text(value: Any) -> str:
    """A field value for people: numbers the Swedish way, lists comma separated."""
    if value is None:
        return "(saknas)"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {value_text(v)}" for k, v in value.items()) + "}"
    text = " ".join(str(value).split())
    return f"”{text}”" if len(text) <= 120 else f"”{text[:117]}…”"


def signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + number(abs(value))


def no_changes(diff: ModelDiff) -> str:
    """The sentence for a comparison that found nothing, in the model's words."""
    return (f"Inga ändringar i målen, {diff.activity_words[1]}, indikatorerna, "
            "styrdokumenten eller ramarna.")


def what_is_compared(diff: ModelDiff) -> str:
    """What a comparison looks at (for the head of the document of changes)."""
    return (f"Dokumentet jämför planernas innehåll (mål, {diff.activity_words[0]}, "
            f"indikatorer, styrdokument och ramar) i den beslutade versionen {diff.before} "
            f"med {diff.after}, post för post och fält för fält")


def counts_line(diff: ModelDiff) -> str:
    parts = [f"{len(diff.of_status(ADDED))} tillagda", f"{len(diff.of_status(REMOVED))} "
             "borttagna", f"{len(diff.of_status(MOVED))} flyttade",
             f"{len(diff.of_status(CHANGED))} ändrade", f"{len(diff.frames)} ändrade ramar"]
    return ", ".join(parts) + f"; {len(diff.review)} att granska."


def _item_title(diff: ModelDiff, item: ItemChange) -> str:
    name = f" ”{item.name}”" if item.name else ""
    return f"{diff.name_of(item.kind)} {item.id}{name}"


def where(item: ItemChange, status: str) -> str:
    """Where an added, removed or moved item is (file, organisation)."""
    if status == ADDED:
        return f"{item.file_after}, {item.org_after}" if item.org_after else item.file_after
    if status == REMOVED:
        return f"{item.file_before}, {item.org_before}" if item.org_before else item.file_before
    moves = []
    if item.file_before != item.file_after:
        moves.append(f"{item.file_before} → {item.file_after}")
    if item.org_before != item.org_after:
        moves.append(f"organisation {item.org_before or '(ingen)'} → "
                     f"{item.org_after or '(ingen)'}")
    return "; ".join(moves) if status == MOVED else item.file_after


def _frame_text(before: float | None, after: float | None, difference: float | None) -> str:
    old = "(ingen)" if before is None else f"{number(before)} tkr"
    new = "(ingen)" if after is None else f"{number(after)} tkr"
    return f"{old} → {new}" + (f" ({signed(difference)} tkr)" if difference is not None else "")


def _frame_source(source: str) -> str:
    return {"ram": "ram i planen", "total": "ramarna totalt"}.get(source, "beslutad ram")


def text(diff: ModelDiff) -> str:
    """Plain text for the terminal."""
    lines = [f"Ändringar från {diff.before} till {diff.after}: {counts_line(diff)}"]
    if diff.empty:
        lines.append(no_changes(diff))
    for status in (ADDED, REMOVED, MOVED, CHANGED):
        chosen = diff.of_status(status)
        if not chosen:
            continue
        lines += ["", f"{_HEADINGS[status]}:"]
        for item in chosen:
            lines.append(f"  {_SIGNS[status]} {_item_title(diff, item)} ({where(item, status)})")
            if status == CHANGED:
                for change in item.fields:
                    extra = (f" ({signed(change.difference)})"
                             if change.difference is not None else "")
                    lines.append(f"      {change.field}: {value_text(change.before)} → "
                                 f"{value_text(change.after)}{extra}")
    if diff.frames:
        lines += ["", "Ramar (tkr):"]
        for frame in diff.frames:
            lines.append(f"  {frame.org} ({_frame_source(frame.source)}): "
                         f"{_frame_text(frame.before, frame.after, frame.difference)}")
    if diff.review:
        lines += ["", "Att granska (bygger på ett mål som har ändrats eller tagits bort):"]
        for review in diff.review:
            name = f" ”{review.name}”" if review.name else ""
            lines.append(f"  ! {diff.name_of(review.kind)} {review.id}{name} ({review.file}) "
                         f"bygger på {', '.join(review.because)}")
    return "\n".join(lines) + "\n"


def as_json(diff: ModelDiff) -> dict[str, Any]:
    """The stable JSON form (format 1)."""
    def item(i: ItemChange) -> dict[str, Any]:
        return {"status": i.status, "flyttad": i.moved, "typ": i.kind,
                "nivå": diff.name_of(i.kind), "id": i.id, "namn": i.name,
                "fil_före": i.file_before or None, "fil_efter": i.file_after or None,
                "organisation_före": i.org_before or None,
                "organisation_efter": i.org_after or None,
                "fält": [{"fält": c.field, "före": c.before, "efter": c.after,
                          "skillnad": c.difference} for c in i.fields]}

    return {
        "format": JSON_FORMAT, "från": diff.before, "till": diff.after,
        "sammanfattning": {"tillagda": len(diff.of_status(ADDED)),
                           "borttagna": len(diff.of_status(REMOVED)),
                           "flyttade": len(diff.of_status(MOVED)),
                           "ändrade": len(diff.of_status(CHANGED)),
                           "ramar": len(diff.frames), "att_granska": len(diff.review)},
        "poster": [item(i) for i in diff.items],
        "ramar": [{"organisation": f.org, "källa": f.source, "före_tkr": f.before,
                   "efter_tkr": f.after, "skillnad_tkr": f.difference} for f in diff.frames],
        "att_granska": [{"typ": r.kind, "nivå": diff.name_of(r.kind), "id": r.id,
                         "namn": r.name, "fil": r.file, "bygger_på": list(r.because)}
                        for r in diff.review],
    }


def json_text(diff: ModelDiff) -> str:
    return json.dumps(as_json(diff), ensure_ascii=False, indent=2) + "\n"


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(diff: ModelDiff) -> str:
    """Markdown for a pull request, an issue or a document for the council."""
    out = [f"# Ändringar från {_cell(diff.before)} till {_cell(diff.after)}", "",
           counts_line(diff)]
    if diff.empty:
        out += ["", no_changes(diff)]
    for status in (ADDED, REMOVED, MOVED):
        chosen = diff.of_status(status)
        if not chosen:
            continue
        out += ["", f"## {_HEADINGS[status]}", "", "| nivå | id | namn | var |",
                "|---|---|---|---|"]
        out += [f"| {_cell(diff.name_of(i.kind))} | `{_cell(i.id)}` | {_cell(i.name)} | "
                f"{_cell(where(i, status))} |" for i in chosen]
    changed = diff.of_status(CHANGED)
    if changed:
        out += ["", f"## {_HEADINGS[CHANGED]}"]
        for i in changed:
            out += ["", f"### {_cell(diff.name_of(i.kind))} `{_cell(i.id)}` {_cell(i.name)}",
                    "", f"Fil: {_cell(i.file_after)}", "", "| fält | före | efter | skillnad |",
                    "|---|---|---|---|"]
            out += [f"| {_cell(c.field)} | {_cell(value_text(c.before))} | "
                    f"{_cell(value_text(c.after))} | "
                    f"{signed(c.difference) if c.difference is not None else ''} |"
                    for c in i.fields]
    if diff.frames:
        out += ["", "## Ramar (tkr)", "", "| organisation | ram | före | efter | skillnad |",
                "|---|---|---|---|---|"]
        out += [f"| {_cell(f.org)} | {_frame_source(f.source)} | "
                f"{'' if f.before is None else number(f.before)} | "
                f"{'' if f.after is None else number(f.after)} | "
                f"{'' if f.difference is None else signed(f.difference)} |" for f in diff.frames]
    if diff.review:
        out += ["", "## Att granska", "",
                "Poster som bygger på ett mål som har ändrats eller tagits bort.", "",
                "| nivå | id | namn | fil | bygger på |", "|---|---|---|---|---|"]
        out += [f"| {_cell(diff.name_of(r.kind))} | `{_cell(r.id)}` | {_cell(r.name)} | "
                f"{_cell(r.file)} | {', '.join(f'`{b}`' for b in r.because)} |"
                for r in diff.review]
    return "\n".join(out) + "\n"


def render(diff: ModelDiff, fmt: str) -> str:
    return {"text": text, "json": json_text, "md": markdown}[fmt](diff)
