"""A small line chart of one indicator: baseline and outcomes by year, targets marked.

Only geometry and the text alternative live here; the SVG (HTML) and the table
(Markdown) are drawn by templates from the :class:`Chart` this returns. Outcomes are
dots joined by a solid line; targets are hollow squares joined by a dashed line, so
the two differ in shape and line, not only in colour. The y axis gets 3–6 round
ticks with Swedish numbers; the x axis has one slot per year, gaps included.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from malstyrning.render.typography import number, with_unit

WIDTH = 340
HEIGHT = 196
LEFT = 52
RIGHT = 14
TOP = 40
BOTTOM = 44
MAX_TICKS = 6


@dataclass(frozen=True)
class ChartPoint:
    """One value at its place in the plot; ``label`` is the value the Swedish way."""

    year: int
    value: float
    x: float
    y: float
    label: str
    baseline: bool = False
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "middle"


@dataclass(frozen=True)
class Tick:
    """An axis label at ``position`` (x for years, y for values); ``note`` a second line."""

    label: str
    position: float
    note: str = ""


@dataclass(frozen=True)
class SeriesRow:
    """One year of the chart as a table row (the Markdown version of the chart)."""

    year: int
    outcome: float | None
    target: float | None
    baseline: bool


@dataclass(frozen=True)
class Chart:
    """The chart of one indicator: plot area, points, ticks and the text alternative."""

    key: str
    title: str
    unit: str
    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float
    outcomes: tuple[ChartPoint, ...]
    targets: tuple[ChartPoint, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    rows: tuple[SeriesRow, ...]
    description: str
    missing: Tick | None = None
    axis_note: str = ""

    @property
    def outcome_path(self) -> str:
        return _path(self.outcomes)

    @property
    def target_path(self) -> str:
        return _path(self.targets)


def _path(points: Sequence[ChartPoint]) -> str:
    if len(points) < 2:
        return ""
    return " ".join(f"{'M' if i == 0 else 'L'} {_fmt(p.x)} {_fmt(p.y)}"
                    for i, p in enumerate(points))


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _round(value: float) -> float:
    """Coordinates with one decimal (stable text, no float noise); never ``-0.0``."""
    return round(value, 1) + 0.0


def _labelled(point: ChartPoint, targets: Sequence[ChartPoint], bottom: float) -> ChartPoint:
    """The outcome's value label: above the dot, else below, else to the right of it,
    wherever a target marker of the same year does not cover it."""
    marks = [t.y for t in targets if t.year == point.year]
    above, below = point.y - 9, point.y + 17

    def clear(text_y: float) -> bool:
        # The label's box is about 10 px tall above its baseline; a marker is 8 px.
        return all(m + 5 < text_y - 10 or m - 5 > text_y + 1 for m in marks)

    if clear(above):
        return replace(point, label_x=point.x, label_y=_round(above))
    if clear(below) and below < bottom - 2:
        return replace(point, label_x=point.x, label_y=_round(below))
    return replace(point, label_x=_round(point.x + 8), label_y=_round(point.y + 3.5),
                   anchor="start")


def nice_ticks(low: float, high: float) -> list[float]:
    """Round tick values (steps of 1, 2, 2,5 or 5 × 10ⁿ) that cover ``low``–``high``."""
    if high < low:
        low, high = high, low
    if math.isclose(low, high):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    span = high - low
    raw = span / (MAX_TICKS - 2)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude)
    start = math.floor(low / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    count = round((end - start) / step)
    ticks = [round(start + i * step, 10) + 0.0 for i in range(count + 1)]
    if len(ticks) < 2 or not ticks[0] < ticks[-1]:
        # a span below the rounding (values like 1e-300) would give one tick, and a
        # chart scaled by zero; the plain bounds still draw
        return [low, high]
    return ticks


def describe(title: str, unit: str, direction_text: str,
             outcomes: Sequence[tuple[int, float]], baseline_year: int | None,
             targets: Sequence[tuple[int, float]], note: str = "") -> str:
    """The chart in words, for screen readers and as the SVG's description."""
    parts = [f"{title}."]
    base = [(y, v) for y, v in outcomes if y == baseline_year]
    later = [(y, v) for y, v in outcomes if y != baseline_year]
    if base:
        parts.append(f"Baslinje {base[0][0]}: {with_unit(base[0][1], unit)}.")
    if later:
        label = "Utfall" if len(later) == 1 else "Utfall per år"
        parts.append(f"{label}: " + ", ".join(f"{y}: {with_unit(v, unit)}" for y, v in later)
                     + ".")
    else:
        parts.append("Inget utfall ännu.")
    if targets:
        label = "Målvärde" if len(targets) == 1 else "Målvärden"
        parts.append(f"{label}: " + ", ".join(f"{y}: {with_unit(v, unit)}" for y, v in targets)
                     + ".")
    if note:
        parts.append(note.rstrip(".") + ".")
    if direction_text:
        parts.append(f"{direction_text}.")
    return " ".join(parts)


def line_chart(key: str, title: str, unit: str, direction_text: str,
               outcomes: Sequence[tuple[int, float]], baseline_year: int | None,
               targets: Sequence[tuple[int, float]], note: str = "",
               missing_year: int | None = None) -> Chart | None:
    """The chart for an indicator's series, or None when there is nothing to draw.

    ``outcomes`` are (year, value) by year, the baseline among them at ``baseline_year``;
    ``note`` is added to the description (e.g. why this year's outcome is missing), and
    ``missing_year`` gets a "saknas" mark on the axis.
    """
    outcomes = sorted(outcomes)
    targets = sorted(targets)
    years = [y for y, _ in outcomes] + [y for y, _ in targets]
    if missing_year is not None and years:
        years.append(missing_year)
    if not years:
        return None
    first, last = min(years), max(years)
    values = [v for _, v in outcomes] + [v for _, v in targets]
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    slots = last - first

    def x_of(year: int) -> float:
        if slots == 0:
            return _round((LEFT + right) / 2)
        inset = 18
        return _round(LEFT + inset + (year - first) * (right - LEFT - 2 * inset) / slots)

    def y_of(value: float) -> float:
        return _round(bottom - (value - low) * (bottom - TOP) / (high - low))

    target_points = tuple(ChartPoint(y, v, x_of(y), y_of(v), number(v)) for y, v in targets)
    outcome_points = tuple(_labelled(ChartPoint(y, v, x_of(y), y_of(v), number(v),
                                                y == baseline_year), target_points, bottom)
                           for y, v in outcomes)
    step = max(1, math.ceil((slots + 1) / 8))
    x_ticks = tuple(Tick(str(y), x_of(y), "baslinje" if y == baseline_year else "")
                    for y in range(first, last + 1)
                    if (y - first) % step == 0 or y in (last, baseline_year))
    y_ticks = tuple(Tick(number(t), y_of(t)) for t in ticks)
    by_year_outcome = dict(outcomes)
    by_year_target = dict(targets)
    rows = tuple(SeriesRow(y, by_year_outcome.get(y), by_year_target.get(y), y == baseline_year)
                 for y in sorted(set(years)))
    missing = None
    if missing_year is not None and missing_year not in by_year_outcome:
        missing = Tick("saknas", x_of(missing_year))
    return Chart(key, title, unit, WIDTH, HEIGHT, LEFT, TOP, right, bottom, outcome_points,
                 target_points, x_ticks, y_ticks, rows,
                 describe(title, unit, direction_text, outcomes, baseline_year, targets, note),
                 missing, axis_note(low, high))


def axis_note(low: float, high: float) -> str:
    """What a reader must know when the value axis does not include zero: the lines then
    make a small change look large (the axis is fitted to the values so the change shows,
    and the text says so instead of hiding it)."""
    if low > 0:
        return (f"Den lodräta axeln börjar vid {number(low)}, inte vid 0, så skillnaderna "
                "ser större ut än de är.")
    if high < 0:
        return (f"Den lodräta axeln slutar vid {number(high)}, inte vid 0, så skillnaderna "
                "ser större ut än de är.")
    return ""
