"""The Swedish summary of a Kolada update: one table per follow-up file, then totals.

Plain text, same input → same output, ending with the attribution Kolada asks for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from malstyrning.kolada import ATTRIBUTION
from malstyrning.kolada.writer import Action, Change, Target, UpdatePlan

HEADINGS = ("Indikator", "KPI", "År", "Värde", "Åtgärd")
# How the totals line counts each action: (one, several).
COUNTED: dict[Action, tuple[str, str]] = {
    Action.NEW: ("nytt värde", "nya värden"),
    Action.UPDATED: ("uppdaterat från Kolada", "uppdaterade från Kolada"),
    Action.UNCHANGED: ("oförändrat", "oförändrade"),
    Action.DIFFERS: ("skiljer sig från Kolada", "skiljer sig från Kolada"),
    Action.REPLACED: ("ersatt med Kolada", "ersatta med Kolada"),
    Action.MISSING: ("saknas i Kolada", "saknas i Kolada"),
    Action.REFUSED: ("orimligt värde från Kolada", "orimliga värden från Kolada"),
    Action.DUPLICATE: ("står flera gånger i filen", "står flera gånger i filen"),
}


def number(value: Any) -> str:
    """``73.4`` → ``73,4``; ``75.0`` → ``75,0``; None → ``–`` (never 0)."""
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int) and abs(value) >= 10 ** 18:
        return f"ett tal med omkring {int(value.bit_length() * 0.30103) + 1} siffror"
    if isinstance(value, float) and (value != value or abs(value) >= 1e18):
        return repr(value)
    text = repr(value) if isinstance(value, float) else str(value)
    if "e" in text or "E" in text:
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    return text.replace("-", "−").replace(".", ",")


def _value_cell(change: Change) -> str:
    shown = number(change.value.total)
    if change.action in (Action.DIFFERS, Action.MISSING) and change.current is not None:
        return f"{shown} (i filen: {number(change.current)})"
    if change.action in (Action.REPLACED, Action.UPDATED) and change.current is not None:
        return f"{shown} (var {number(change.current)})"
    return shown


def table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Left-aligned columns separated by two spaces (no trailing blanks)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [(indent + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))).rstrip()
            for r in rows]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary(plan: UpdatePlan, *, source: str, dry_run: bool,
            malformed: Sequence[Target] = (), written: Sequence[str] = ()) -> list[str]:
    """The lines ``kolada fetch`` and ``kolada import`` print."""
    lines = [source, ""]
    for update in plan.files:
        state = "ny fil" if update.created else (
            "ändras" if update.writes else "inga ändringar")
        if dry_run and update.writes:
            state = "skulle skapas" if update.created else "skulle ändras"
        lines.append(f"{update.rel} ({update.org}, {plan.period}) – {state}")
        rows = [HEADINGS] + [
            (c.target.indicator, c.target.kpi, str(c.value.year), _value_cell(c),
             c.action.value) for c in update.changes]
        lines.extend(table(rows))
        lines.append("")
    for target in malformed:
        lines.append(f"Hoppade över {target.indicator} ({target.file}): Kolada-id "
                     f"`{target.kpi}` har fel form (en versal och fem siffror, t.ex. N15419)"
                     if target.org else
                     f"Hoppade över {target.indicator} ({target.file}): planen saknar "
                     "`organisation`.")
    changes = plan.changes
    counts = {action: sum(1 for c in changes if c.action is action) for action in Action}
    parts = [f"{counts[a]} {COUNTED[a][0] if counts[a] == 1 else COUNTED[a][1]}"
             for a in Action if counts[a]]
    if parts:
        lines.append("Summa: " + ", ".join(parts) + ".")
    for update in plan.files:
        for change in update.changes:
            if change.action is Action.REFUSED:
                lines.append(
                    f"Obs: Kolada-svaret har ett värde för {change.target.kpi} "
                    f"({change.target.indicator}, {change.value.year}) som inte kan användas: "
                    f"{'; '.join(change.value.problems)}. Det har inte skrivits; kontrollera "
                    "svaret (eller adressen med --url).")
            elif change.action is Action.DUPLICATE:
                lines.append(
                    f"Obs: {update.rel} har flera utfall för {change.target.indicator} år "
                    f"{change.value.year}; inget av dem har ändrats. Ta bort dubbletterna så "
                    "att ett utfall per indikator och år finns kvar, och kör igen.")
    differs = counts[Action.DIFFERS]
    if differs:
        lines.append(f"{_plural(differs, 'värde', 'värden')} skiljer sig från Kolada och "
                     "behölls; kör igen med --overwrite för att ersätta dem med Koladas.")
    to_write = [f for f in plan.files if f.writes]
    created = [f.rel for f in to_write if f.created]
    changed = [f.rel for f in to_write if not f.created]
    if dry_run:
        if to_write:
            would = [f"{_plural(len(files), 'fil', 'filer')} {verb}"
                     for files, verb in ((created, "skapas"), (changed, "ändras")) if files]
            lines.append("Torrkörning: inget har skrivits. Utan --dry-run skulle "
                         f"{' och '.join(would)}.")
        else:
            lines.append("Torrkörning: inget att skriva.")
    else:
        done = set(written)
        for rel in created:
            if rel in done:
                lines.append(f"Skapade {rel}.")
        for rel in changed:
            if rel in done:
                lines.append(f"Uppdaterade {rel}.")
        if not to_write:
            lines.append("Inget att skriva: uppföljningsfilerna är redan aktuella.")
    lines.append(ATTRIBUTION)
    return lines
