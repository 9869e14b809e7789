"""Plain data of one file → its part of the plan model.

Tolerant by design: it runs on files that may have schema findings, and takes what
it can (a numeric id becomes its text so links to it still resolve).
"""

from __future__ import annotations

from typing import Any

from malstyrning.config import Settings, defaults, parse_period
from malstyrning.model import (
    FINANCIAL_GOAL,
    INDICATOR,
    POLICY_DOCUMENT,
    FileModel,
    Frame,
    Node,
    OrgUnit,
    PlanDoc,
)


def as_id(value: Any) -> str | None:
    """An id as text; numbers are accepted here (the schema check reports them)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _ids(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(i for i in (as_id(v) for v in items) if i)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


def _items(value: Any) -> list[tuple[int | None, dict[str, Any]]]:
    """A section holds one mapping (``vision``) or a list of them."""
    if isinstance(value, dict):
        return [(None, value)]
    if isinstance(value, list):
        return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]
    return []


def build_file(rel: str, data: dict[str, Any], settings: Settings) -> FileModel:
    """Turn one file's data into a :class:`FileModel` (``kind`` is its ``typ``)."""
    kind = data.get("typ")
    kind = kind if isinstance(kind, str) else ""
    if kind == "organisation":
        return FileModel(rel, kind, units=_units(rel, data))
    if kind != "verksamhetsplan":
        return FileModel(rel, kind)
    org = as_id(data.get("organisation")) or ""
    nodes: list[Node] = []
    chain = settings.chain

    def add(kind_: str, key: str, item: dict[str, Any], index: int | None,
            parents: tuple[str, ...]) -> None:
        node_id = as_id(item.get("id"))
        path: tuple[str | int, ...] = (key,) if index is None else (key, index)
        if node_id:
            nodes.append(Node(kind_, node_id, _text(item.get("namn")), parents, org, rel,
                              path, attrs=item))
        for j, ind in _items(item.get("indikatorer")):
            ind_id = as_id(ind.get("id"))
            if ind_id and j is not None:
                nodes.append(Node(INDICATOR, ind_id, _text(ind.get("namn")), (), org, rel,
                                  (*path, "indikatorer", j), owner=node_id or "", attrs=ind))

    for level in chain.levels:
        for index, item in _items(data.get(level.key)):
            add(level.kind, level.key, item, index, _ids(item.get("bidrar_till")))
    for index, item in _items(data.get("finansiella_mål")):
        add(FINANCIAL_GOAL, "finansiella_mål", item, index, ())
    for index, item in _items(data.get("styrdokument")):
        add(POLICY_DOCUMENT, "styrdokument", item, index, _ids(item.get("bidrar_till")))

    frames: list[Frame] = []
    ramar = data.get("ramar") if isinstance(data.get("ramar"), dict) else {}
    for index, item in _items(ramar.get("nämnder")):
        frame_org = as_id(item.get("organisation"))
        amount = _number(item.get("belopp"))
        if frame_org and amount is not None:
            frames.append(Frame(frame_org, amount, ("ramar", "nämnder", index or 0)))
    known = {lv.key for lv in chain.levels} | set(defaults()["övriga_delar"])
    plan = PlanDoc(
        file=rel,
        org=org,
        level=_text(data.get("nivå")),
        period=parse_period(data.get("period")),
        ram=_number(data.get("ram")),
        frames=tuple(frames),
        frames_total=_number(ramar.get("total")),
        frames_year=ramar.get("år") if isinstance(ramar.get("år"), int) else None,
        sections=tuple(k for k in data if k in known and data.get(k) not in (None, [], {})),
    )
    return FileModel(rel, kind, plan=plan, nodes=tuple(nodes))


def _units(rel: str, data: dict[str, Any]) -> tuple[OrgUnit, ...]:
    units = []
    for index, item in _items(data.get("organisationer")):
        unit_id = as_id(item.get("id"))
        if unit_id and index is not None:
            units.append(OrgUnit(unit_id, _text(item.get("namn")), _text(item.get("nivå")),
                                 as_id(item.get("överordnad")) or "", rel,
                                 ("organisationer", index)))
    return tuple(units)
