"""A layered layout for the goal-chain diagram: one column per level, boxes and lines.

Only geometry lives here; the SVG (HTML) and the Mermaid text (Markdown) are drawn by
templates from the :class:`Diagram` this returns. The layout is a tidy tree: leaves are
stacked top to bottom in outline order, and each parent sits level with the middle of
its children, so lines rarely cross. A node that also contributes to a second parent
in the same diagram is drawn once, with a line from each parent.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import replace

from malstyrning.frozen import record

BOX_WIDTH = 212
BOX_HEIGHT = 82
ROW = 94
GAP = 40
MARGIN = 8
HEADER = 26
NAME_CHARS = 33
DETAIL_CHARS = 38
NAME_LINES = 3


@record
class Box:
    """What a box shows: id, name, a detail line (owner, status), chain rank, link target."""

    id: str
    name: str
    detail: str
    rank: int
    doc: str = ""
    anchor: str = ""


@record
class Tree:
    """A box and the boxes below it; ``repeat`` = already drawn in this diagram."""

    box: Box
    children: tuple[Tree, ...] = ()
    repeat: bool = False


@record
class PlacedBox:
    key: str
    id: str
    name: str
    detail: str
    doc: str
    anchor: str
    column: int
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    detail_line: str


@record
class Edge:
    """A line from a parent's right edge to a child's left edge."""

    parent: str
    child: str
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def mid(self) -> float:
        return (self.x1 + self.x2) / 2


@record
class Column:
    x: float
    width: float
    label: str


@record
class Diagram:
    key: str
    title: str
    width: float
    height: float
    columns: tuple[Column, ...]
    boxes: tuple[PlacedBox, ...]
    edges: tuple[Edge, ...]


def wrap(text: str, width: int = NAME_CHARS, lines: int = NAME_LINES) -> tuple[str, ...]:
    """``text`` in at most ``lines`` lines of ``width`` characters, with … when cut."""
    flat = " ".join(text.split())
    wrapped = textwrap.wrap(flat, width=width, break_long_words=True) or [""]
    if len(wrapped) <= lines:
        return tuple(wrapped)
    head = wrapped[: lines - 1]
    rest = " ".join(wrapped[lines - 1:])
    return (*head, rest[: width - 1].rstrip() + "…")


def layout(title: str, trees: Sequence[Tree], column_names: Sequence[str], *,
           key: str) -> Diagram:
    """Place ``trees`` in columns by chain rank (the lowest rank is the first column)."""
    ranks = [t.box.rank for t in _walk(trees)]
    base = min(ranks) if ranks else 0
    boxes: dict[str, PlacedBox] = {}
    order: list[str] = []
    links: list[tuple[str, str]] = []
    slot = 0

    def centre_of(row: int) -> float:
        return HEADER + MARGIN + row * ROW + BOX_HEIGHT / 2

    def place(tree: Tree, trail: frozenset[str]) -> float | None:
        nonlocal slot
        box = tree.box
        if tree.repeat or box.id in boxes or box.id in trail:
            return None
        centres = []
        for child in tree.children:
            links.append((box.id, child.box.id))
            c = place(child, trail | {box.id})
            if c is not None:
                centres.append(c)
        if centres:
            centre = (min(centres) + max(centres)) / 2
        else:
            centre = centre_of(slot)
            slot += 1
        column = max(box.rank - base, 0)
        x = MARGIN + column * (BOX_WIDTH + GAP)
        detail = wrap(box.detail, DETAIL_CHARS, 1)[0] if box.detail else ""
        boxes[box.id] = PlacedBox("", box.id, box.name, box.detail, box.doc, box.anchor,
                                  column, x, centre - BOX_HEIGHT / 2, BOX_WIDTH, BOX_HEIGHT,
                                  wrap(box.name), detail)
        order.append(box.id)
        return centre

    for tree in trees:
        place(tree, frozenset())
    # Keys follow the outline (top to bottom, left to right) so Mermaid text is stable.
    ordered = sorted(order, key=lambda i: (boxes[i].column, boxes[i].y))
    placed = {i: _with_key(boxes[i], f"n{n}") for n, i in enumerate(ordered)}
    edges = []
    seen: set[tuple[str, str]] = set()
    for parent, child in links:
        if (parent, child) in seen or parent not in placed or child not in placed:
            continue
        seen.add((parent, child))
        p, c = placed[parent], placed[child]
        edges.append(Edge(p.key, c.key, p.x + p.width, p.y + p.height / 2, c.x,
                          c.y + c.height / 2))
    columns_used = max((b.column for b in placed.values()), default=0) + 1
    columns = tuple(Column(MARGIN + i * (BOX_WIDTH + GAP), BOX_WIDTH,
                           column_names[i] if i < len(column_names) else "")
                    for i in range(columns_used))
    width = 2 * MARGIN + columns_used * BOX_WIDTH + (columns_used - 1) * GAP
    height = HEADER + 2 * MARGIN + max(slot, 1) * ROW - (ROW - BOX_HEIGHT)
    return Diagram(key, title, width, height, columns,
                   tuple(placed[i] for i in ordered), tuple(edges))


def _with_key(box: PlacedBox, key: str) -> PlacedBox:
    return replace(box, key=key)


def _walk(trees: Sequence[Tree]) -> list[Tree]:
    out: list[Tree] = []
    todo = list(trees)
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(t.children)
    return out
