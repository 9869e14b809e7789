"""Plain data of one file → its part of the plan model.

Tolerant by design: it runs on files that may have schema findings, and takes what
it can (a numeric id becomes its text so links to it still resolve).
"""

from __future__ import annotations

from sys import intern
from typing import Any

from malstyrning.config import Settings
from malstyrning.model import (
    ACTIVITY_FACTS,
    FINANCIAL_GOAL,
    HEADER_KEYS,
    INDICATOR,
    POLICY_DOCUMENT,
    ActivityStatus,
    Assessment,
    BudgetChange,
    Economy,
    FileModel,
    FollowUpDoc,
    Frame,
    Node,
    OrgUnit,
    Outcome,
    PlanDoc,
)
from malstyrning.values import id_of, number_of, period_of, text_of, year_of

START, END, STATUS = ACTIVITY_FACTS


def _ids(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if len(items) == 1:  # nearly every bidrar_till: no list to build
        v = items[0]
        i = v.strip() if type(v) is str else id_of(v)
        return (i,) if i else ()
    out = []
    for v in items:
        i = v.strip() if type(v) is str else id_of(v)  # id_of, inlined for text
        if i:
            out.append(i)
    return tuple(out)


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
    if kind == "uppföljning":
        return FileModel(rel, kind, followup=_followup(rel, data, settings),
                         header=_header(data))
    if kind != "verksamhetsplan":
        return FileModel(rel, kind)
    org = id_of(data.get("organisation")) or ""
    nodes: list[Node] = []
    chain = settings.chain
    activity_kinds = {lv.kind for lv in chain.activity_levels}
    # Node(...) without the keyword-taking __new__ (50,000 activities in storstad)
    new, node_class, append = tuple.__new__, Node, nodes.append

    def add(kind_: str, key: str, item: dict[str, Any], index: int | None,
            parents: tuple[str, ...], activity: bool) -> None:
        # id_of and text_of inlined for the common case of text: this
        # runs for every goal and activity (50,000 in storstad)
        get = item.get
        raw = get("id")
        node_id = (raw.strip() or None) if type(raw) is str else id_of(raw)
        path: tuple[str | int, ...] = (key,) if index is None else (key, index)
        if node_id:
            if activity:
                # ACTIVITY_FACTS (start, slut, status) as written; interned: the same
                # few dates and statuses recur in thousands of activities, and the cache
                # stores a shared string once (marshal writes references to repeated
                # objects)
                start, end, status = get(START), get(END), get(STATUS)
                facts: tuple[Any, ...] = (
                    intern(start.strip() if type(start) is str else text_of(start)),
                    intern(end.strip() if type(end) is str else text_of(end)),
                    intern(status.strip() if type(status) is str else text_of(status)))
            else:
                facts = ()
            name = get("namn")
            append(new(node_class, (kind_, node_id,
                                    name.strip() if type(name) is str else text_of(name),
                                    parents, org, rel, path, "", facts, item)))
        indicators = get("indikatorer")
        if not indicators:
            return
        for j, ind in _items(indicators):
            ind_id = id_of(ind.get("id"))
            if ind_id and j is not None:
                append(new(node_class, (INDICATOR, ind_id, text_of(ind.get("namn")), (), org,
                                        rel, (*path, "indikatorer", j), node_id or "",
                                        _indicator_facts(ind), ind)))

    for level in chain.levels:
        level_kind, level_key = level.kind, level.key
        activity = level_kind in activity_kinds
        for index, item in _items(data.get(level_key)):
            add(level_kind, level_key, item, index, _ids(item.get("bidrar_till")), activity)
    for index, item in _items(data.get("finansiella_mål")):
        add(FINANCIAL_GOAL, "finansiella_mål", item, index, (),
            FINANCIAL_GOAL in activity_kinds)
    for index, item in _items(data.get("styrdokument")):
        add(POLICY_DOCUMENT, "styrdokument", item, index, _ids(item.get("bidrar_till")),
            POLICY_DOCUMENT in activity_kinds)

    frames: list[Frame] = []
    raw_frames = data.get("ramar")
    ramar: dict[str, Any] = raw_frames if isinstance(raw_frames, dict) else {}
    list_key = settings.parts["ramar"].list_key or "nämnder"
    for index, item in _items(ramar.get(list_key)):
        frame_org = id_of(item.get("organisation"))
        amount = number_of(item.get("belopp"))
        if frame_org and amount is not None:
            frames.append(Frame(frame_org, amount, ("ramar", list_key, index or 0)))
    known = {lv.key for lv in chain.levels} | set(settings.parts)
    plan = PlanDoc(
        file=rel,
        org=org,
        level=text_of(data.get("nivå")),
        period=period_of(data.get("period")),
        ram=number_of(data.get("ram")),
        frames=tuple(frames),
        frames_total=number_of(ramar.get("total")),
        frames_year=year_of(ramar.get("år")),
        sections=tuple(k for k in data if k in known and data.get(k) not in (None, [], {})),
        period_text=text_of(data.get("period")),
    )
    return FileModel(rel, kind, plan=plan, nodes=tuple(nodes), header=_header(data))


def _header(data: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The texts documents show in a plan's or follow-up's heading."""
    return tuple((key, data[key]) for key in HEADER_KEYS
                 if isinstance(data.get(key), str | int | float))


def _year_value(item: Any) -> tuple[int | None, float | None]:
    if not isinstance(item, dict):
        return (None, None)
    return (year_of(item.get("år")), number_of(item.get("värde")))


def _indicator_facts(ind: dict[str, Any]) -> tuple[Any, ...]:
    """(direction, baseline year, baseline value, ((year, target), …), weight, rule,
    Kolada id, Kolada unit (``ou``)) — the last two as written, ``""`` when absent."""
    base_year, base_value = _year_value(ind.get("baslinje"))
    raw_targets = ind.get("målvärden")
    listed = raw_targets if isinstance(raw_targets, list) else []
    targets = tuple(sorted(
        (y, v) for y, v in (_year_value(t) for t in listed)
        if y is not None and v is not None))
    weight = number_of(ind.get("vikt"))
    kolada, unit = ind.get("kolada"), ind.get("kolada_enhet")
    return (text_of(ind.get("riktning")) or "högre", base_year, base_value, targets,
            weight if weight is not None and weight > 0 else 1.0,
            intern(text_of(ind.get("beräkning"))),
            kolada if isinstance(kolada, str) else "", unit if isinstance(unit, str) else "")


def _units(rel: str, data: dict[str, Any]) -> tuple[OrgUnit, ...]:
    units = []
    for index, item in _items(data.get("organisationer")):
        unit_id = id_of(item.get("id"))
        if unit_id and index is not None:
            units.append(OrgUnit(unit_id, text_of(item.get("namn")), text_of(item.get("nivå")),
                                 id_of(item.get("överordnad")) or "", rel,
                                 ("organisationer", index)))
    return tuple(units)


def _followup(rel: str, data: dict[str, Any], settings: Settings) -> FollowUpDoc:
    period = text_of(data.get("period"))
    year_text, _, code = period.partition("-")
    year = (year_of(int(year_text)) if year_text.isascii() and year_text.isdigit()
            and len(year_text) == 4 else None)
    outcomes = []
    for i, item in _items(data.get("utfall")):
        indicator = id_of(item.get("indikator"))
        if not indicator or i is None:
            continue
        raw_split = item.get("kön")
        split: dict[str, Any] = raw_split if isinstance(raw_split, dict) else {}
        when = year_of(item.get("år"))
        datum = item.get("datum")
        if when is None and not isinstance(item.get("år"), int) and isinstance(datum, str):
            head = datum[:4]
            when = year_of(int(head)) if head.isdigit() and head.isascii() else None
        outcomes.append(Outcome(
            indicator, when, number_of(item.get("värde")),
            text_of(item.get("saknas")), text_of(item.get("källa")), number_of(split.get("K")),
            number_of(split.get("M")), text_of(item.get("kommentar")), ("utfall", i)))
    assessments = []
    for i, item in _items(data.get("bedömningar")):
        goal = id_of(item.get("mål"))
        if not goal or i is None:
            continue
        improvements = item.get("förbättringar")
        assessments.append(Assessment(
            goal, text_of(item.get("måluppfyllelse")), text_of(item.get("trend")),
            text_of(item.get("analys")), text_of(item.get("slutsatser")),
            tuple(text_of(x) for x in improvements if text_of(x))
            if isinstance(improvements, list) else (),
            ("bedömningar", i)))
    activities = []
    for level in settings.chain.activity_levels:
        for i, item in _items(data.get(level.key)):
            activity = id_of(item.get(level.kind))
            if activity and i is not None:
                activities.append(ActivityStatus(activity, text_of(item.get("status")),
                                                 text_of(item.get("kommentar")), (level.key, i)))
    return FollowUpDoc(rel, id_of(data.get("organisation")) or "", period, year, code,
                       tuple(outcomes), tuple(assessments), tuple(activities),
                       _economy(data.get("ekonomi")))


def _economy(value: Any) -> Economy | None:
    """The ``ekonomi`` section: budget (frame and decided changes), outcome, prognos."""
    if not isinstance(value, dict):
        return None
    raw_budget = value.get("budget")
    budget: dict[str, Any] = raw_budget if isinstance(raw_budget, dict) else {}
    changes = []
    for i, item in _items(budget.get("förändringar")):
        amount = number_of(item.get("belopp"))
        if amount is not None and i is not None:
            changes.append(BudgetChange(amount, text_of(item.get("beslut")),
                                        text_of(item.get("avser")),
                                        ("ekonomi", "budget", "förändringar", i)))
    total = number_of(budget.get("summa"))
    return Economy(number_of(budget.get("ram")), tuple(changes), total,
                   number_of(value.get("utfall")), number_of(value.get("prognos")),
                   text_of(value.get("kommentar")), ("ekonomi",))
