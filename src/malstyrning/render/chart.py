"""A small line chart of one indicator: baseline and outcomes by year, targets marked.

Only geometry and the text alternative live here; the SVG (HTML) and the table
(Markdown) are drawn by templates from the :class:`Chart` this returns. Outcomes are
dots joined by a solid line; targets are hollow squares joined by a dashed line, so
the two differ in shape and line, not only in colour. The y axis gets 3–6 round
ticks with Swedish numbers; the x axis has one slot per year, gaps included.

Peers (``jämförelser``: riket, the län, kommun groups) can be drawn beside the
kommun's own series as context: each its own filled marker shape (triangle, diamond,
…), its own dash pattern and a dark colour with at least 4.5:1 contrast on white, a
legend row with its name, and a sentence in the text alternative that names them as
comparisons, not goal fulfilment. They stay inside the years of the kommun's series
and count for the axis (so the axis note still tells when it does not start at 0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from malstyrning.frozen import record
from malstyrning.render.typography import number, with_unit
from malstyrning.words import listing, upper_first

WIDTH = 340
HEIGHT = 196
LEFT = 52
RIGHT = 14
TOP = 40
BOTTOM = 44
MAX_TICKS = 6
LEGEND_ROW = 14  # px per legend row of a peer
LEGEND_CHARS = 40  # a longer legend text is shortened (never the name in the text): 40
# characters of 10.5 px text fit in the 262 px right of the legend symbol, wide letters too
COMPUTED = " (medelvärde)"  # after a group's name in the legend
SCALE = 10  # a peer this many times larger (or smaller) than the kommun is not drawn
# Marker shape, dash pattern and colour per peer, in order; shapes and dashes differ so
# that no peer is told apart by colour alone (all colours >= 4.5:1 on white).
PEER_STYLES = (("triangel", "1.5 2.5", "#7b3294"), ("romb", "6 2 1.5 2", "#9a4a00"),
               ("triangel-ned", "3 2", "#1f5f7a"), ("kryss", "8 3", "#5c5c00"))


@record
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


@record
class Tick:
    """An axis label at ``position`` (x for years, y for values); ``note`` a second line."""

    label: str
    position: float
    note: str = ""


@record
class PeerSeries:
    """A peer's values drawn beside the kommun's (context, not fulfilment).

    ``marker`` names the shape (``triangel``, ``romb``, ``triangel-ned``, ``kryss``);
    ``legend`` is the name as the legend shows it (a group's followed by ``COMPUTED``),
    ``legend_y`` that row's baseline.
    """

    name: str
    points: tuple[ChartPoint, ...]
    marker: str
    dash: str
    colour: str
    legend: str
    legend_y: float
    computed: bool = False  # a group's mean computed by malstyrning, not Kolada's figure
    drawn: bool = True  # False: another order of magnitude than the kommun (table only)

    @property
    def path(self) -> str:
        return _path(self.points)

    @property
    def suffix(self) -> str:
        return COMPUTED if self.computed else ""

    def marker_path(self, x: float, y: float) -> str:
        """The marker's outline at (x, y), about 9 px across."""
        return _marker(self.marker, x, y)


def _marker(shape: str, x: float, y: float) -> str:
    f = _fmt
    if shape == "romb":
        return f"M {f(x)} {f(y - 5)} L {f(x + 5)} {f(y)} L {f(x)} {f(y + 5)} L {f(x - 5)} {f(y)} Z"
    if shape == "triangel-ned":
        return f"M {f(x - 5)} {f(y - 4)} L {f(x + 5)} {f(y - 4)} L {f(x)} {f(y + 4.5)} Z"
    if shape == "kryss":
        return (f"M {f(x - 4)} {f(y - 4)} L {f(x + 4)} {f(y + 4)} "
                f"M {f(x + 4)} {f(y - 4)} L {f(x - 4)} {f(y + 4)}")
    return f"M {f(x)} {f(y - 5)} L {f(x + 5)} {f(y + 4)} L {f(x - 5)} {f(y + 4)} Z"


@record
class PeerInput:
    """One peer's series for :func:`line_chart`: its name, (year, value) pairs, and
    whether the values are a mean computed from Kolada's (a kommun group)."""

    name: str
    values: tuple[tuple[int, float], ...]
    computed: bool = False


@record
class SeriesRow:
    """One year of the chart as a table row (the Markdown and Word version of the
    chart); ``peers`` holds each peer's value of the year, in the chart's peer order."""

    year: int
    outcome: float | None
    target: float | None
    baseline: bool
    peers: tuple[float | None, ...] = ()


@record
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
    peers: tuple[PeerSeries, ...] = ()  # every peer of the table; ``drawn`` in the plot

    @property
    def drawn_peers(self) -> tuple[PeerSeries, ...]:
        return tuple(p for p in self.peers if p.drawn)

    @property
    def peer_note(self) -> str:
        """The caption's sentences on the peers: context, not goal fulfilment, which
        are computed means, and which are left out of the plot (and why)."""
        return peer_note(self.peers)

    @property
    def table_note(self) -> str:
        """The same for the chart as a table (Markdown, Word), where every peer shows."""
        return peer_note(self.peers, plot=False)

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


def peer_note(peers: Sequence[PeerSeries], *, plot: bool = True) -> str:
    """The sentences the caption (and the text alternative) say about the peers;
    ``plot`` False: for the table of the chart, which shows every peer."""
    if not peers:
        return ""
    drawn = [p.name for p in peers if p.drawn or not plot]
    left = [p.name for p in peers if not p.drawn and plot]
    computed = [p.name for p in peers if p.computed]
    parts = []
    if drawn:
        parts.append(f"{upper_first(listing(drawn, 'och'))} visas som jämförelse: "
                     "sammanhang, inte måluppfyllelse.")
    if left:
        parts.append(_left_out(left))
    if computed:
        parts.append(f"{upper_first(listing(computed, 'och'))} är ett ovägt medelvärde "
                     "beräknat av malstyrning ur Koladas värden.")
    return " ".join(parts)


def _left_out(names: Sequence[str]) -> str:
    return (f"{upper_first(listing(list(names), 'och'))} visas inte i diagrammet, eftersom "
            "värdena är av en annan storleksordning än kommunens; värdena står i "
            "jämförelsetabellen.")


def _in_scale(own: Sequence[float], peer: Sequence[float]) -> bool:
    """Whether a peer's values are of the kommun's order of magnitude (riket's
    population beside a small kommun's would flatten the kommun's line to nothing)."""
    mine = max((abs(v) for v in own), default=0.0)
    theirs = max((abs(v) for v in peer), default=0.0)
    if mine == 0 or theirs == 0:
        return True
    return theirs <= SCALE * mine and mine <= SCALE * theirs


def describe(title: str, unit: str, direction_text: str,
             outcomes: Sequence[tuple[int, float]], baseline_year: int | None,
             targets: Sequence[tuple[int, float]], note: str = "",
             peers: Sequence[PeerInput] = ()) -> str:
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
    shown = [p for p in peers if p.values]
    if shown:
        parts.append("Jämförelser (sammanhang, inte måluppfyllelse): " + "; ".join(
            f"{p.name}{' (ovägt medelvärde beräknat av malstyrning)' if p.computed else ''} "
            + ", ".join(f"{y}: {with_unit(v, unit)}" for y, v in p.values)
            for p in shown) + ".")
    if direction_text:
        parts.append(f"{direction_text}.")
    return " ".join(parts)


def line_chart(key: str, title: str, unit: str, direction_text: str,
               outcomes: Sequence[tuple[int, float]], baseline_year: int | None,
               targets: Sequence[tuple[int, float]], note: str = "",
               missing_year: int | None = None,
               peers: Sequence[PeerInput] = ()) -> Chart | None:
    """The chart for an indicator's series, or None when there is nothing to draw.

    ``outcomes`` are (year, value) by year, the baseline among them at ``baseline_year``;
    ``note`` is added to the description (e.g. why this year's outcome is missing), and
    ``missing_year`` gets a "saknas" mark on the axis. ``peers`` are drawn as context
    within the years of the kommun's own series (other years are left out).
    """
    outcomes = sorted(outcomes)
    targets = sorted(targets)
    years = [y for y, _ in outcomes] + [y for y, _ in targets]
    if missing_year is not None and years:
        years.append(missing_year)
    if not years:
        return None
    first, last = min(years), max(years)
    peers = [replace(p, values=tuple(sorted((y, v) for y, v in p.values
                                            if first <= y <= last))) for p in peers]
    peers = [p for p in peers if p.values]
    own = [v for _, v in outcomes] + [v for _, v in targets]
    drawn = [_in_scale(own, [v for _, v in p.values]) for p in peers]
    values = own + [v for p, d in zip(peers, drawn, strict=True) if d for _, v in p.values]
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    rows_needed = sum(drawn)
    top = TOP + LEGEND_ROW * rows_needed
    height = HEIGHT + LEGEND_ROW * rows_needed
    right, bottom = WIDTH - RIGHT, height - BOTTOM
    slots = last - first

    def x_of(year: int) -> float:
        if slots == 0:
            return _round((LEFT + right) / 2)
        inset = 18
        return _round(LEFT + inset + (year - first) * (right - LEFT - 2 * inset) / slots)

    def y_of(value: float) -> float:
        return _round(bottom - (value - low) * (bottom - top) / (high - low))

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
    by_year_peer = [dict(p.values) for p in peers]
    row_years = sorted(set(years) | {y for p in peers for y, _ in p.values})
    rows = tuple(SeriesRow(y, by_year_outcome.get(y), by_year_target.get(y), y == baseline_year,
                           tuple(d.get(y) for d in by_year_peer))
                 for y in row_years)
    missing = None
    if missing_year is not None and missing_year not in by_year_outcome:
        missing = Tick("saknas", x_of(missing_year))
    series = []
    for i, (p, d) in enumerate(zip(peers, drawn, strict=True)):
        row = sum(drawn[:i])  # the legend row among the drawn peers
        points = tuple(ChartPoint(y, v, x_of(y), y_of(v), number(v)) for y, v in p.values) \
            if d else ()
        series.append(PeerSeries(p.name, points, *PEER_STYLES[i % len(PEER_STYLES)],
                                 _legend(p), 17 + LEGEND_ROW * (row + 1), p.computed, d))
    peer_series = tuple(series)
    return Chart(key, title, unit, WIDTH, height, LEFT, top, right, bottom, outcome_points,
                 target_points, x_ticks, y_ticks, rows,
                 describe(title, unit, direction_text, outcomes, baseline_year, targets, " ".join(
                     t for t in (note, _left_out([p.name for p in peer_series if not p.drawn])
                                 if not all(drawn) else "") if t), peers),
                 missing, axis_note(low, high), peer_series)


def _legend(peer: PeerInput) -> str:
    """The name as the legend shows it, shortened to leave room for the chart's width
    and, for a group, the suffix " (medelvärde)" (which the template adds after the name,
    so that the name's own text direction cannot run into it)."""
    suffix = COMPUTED if peer.computed else ""
    room = LEGEND_CHARS - len(suffix)
    name = peer.name
    if len(name) > room:  # whole words while they fit (else cut mid-word), then "…"
        kept = ""
        for word in name.split():
            if len(kept) + len(word) + bool(kept) > room - 1:
                break
            kept = f"{kept} {word}" if kept else word
        name = (kept if len(kept) > room // 2 else name[:room - 1]).rstrip(" ,;:–-") + "…"
    return name


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
