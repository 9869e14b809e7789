"""The build's inlined fast paths (``build.build_file``) give what the plain helpers
(``id_of``, ``text_of``) give, for every kind of value a plan item can hold.

The build inlines them for text, the common case, because it runs for every goal and
activity; the reference below is the build as written before, helper by helper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from malstyrning.build import build_file
from malstyrning.config import Settings
from malstyrning.model import EMPTY, FINANCIAL_GOAL, INDICATOR, POLICY_DOCUMENT, FileModel, Node
from malstyrning.values import id_of, text_of

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([1.5, float("nan"), 10**40]),
    st.text(alphabet=" \t\nA-1ab", max_size=6), st.lists(st.text(" a1", max_size=3), max_size=3),
    st.dictionaries(st.sampled_from(["a", "id"]), st.text("a ", max_size=2), max_size=2))
_KEYS = ["id", "namn", "start", "slut", "status", "bidrar_till"]
_ITEMS = st.dictionaries(st.sampled_from(_KEYS), _VALUES, max_size=6)


def _ids(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    out = []
    for v in value if isinstance(value, list) else [value]:
        i = id_of(v)
        if i:
            out.append(i)
    return tuple(out)


def _expected(rel: str, data: dict[str, Any], config: Settings) -> list[tuple[Any, ...]]:
    org = id_of(data.get("organisation")) or ""
    activities = {lv.kind for lv in config.chain.activity_levels}
    out = []
    sections = [(lv.kind, lv.key, True) for lv in config.chain.levels]
    sections += [(FINANCIAL_GOAL, "finansiella_mål", False),
                 (POLICY_DOCUMENT, "styrdokument", True)]
    for kind, key, linked in sections:
        value = data.get(key)
        items = ([(None, value)] if isinstance(value, dict) else
                 [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]
                 if isinstance(value, list) else [])
        for index, item in items:
            node_id = id_of(item.get("id"))
            if not node_id:
                continue
            facts = (tuple(text_of(item.get(k)) for k in ("start", "slut", "status"))
                     if kind in activities else ())
            out.append((kind, node_id, text_of(item.get("namn")),
                        _ids(item.get("bidrar_till")) if linked else (), org, rel,
                        (key,) if index is None else (key, index), "", facts, item))
    return out


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(["effektmål", "aktiviteter", "styrdokument", "finansiella_mål", "vision",
                        "inriktningar"]),
       st.one_of(_ITEMS, st.lists(st.one_of(_ITEMS, _VALUES), max_size=4)), _VALUES)
def test_nodes_are_built_as_by_the_helpers(key: str, section: Any, org: Any) -> None:
    config = Settings(Path("."))
    data = {"typ": "verksamhetsplan", "organisation": org, key: section}
    fm = build_file("plan.yaml", data, config)
    nodes = [tuple(n) for n in fm.nodes if n.kind != INDICATOR]
    assert nodes == _expected("plan.yaml", data, config)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ITEMS, max_size=6), st.booleans())
def test_nodes_read_back_from_a_record_lose_only_their_attributes(items: list[Any],
                                                                   as_lists: bool) -> None:
    """``FileModel.from_record`` (every file of a cold run, in the parent) gives each
    node back with ``EMPTY`` attributes, also from records that are lists."""
    config = Settings(Path("."))
    fm = build_file("plan.yaml", {"typ": "verksamhetsplan", "aktiviteter": items}, config)
    rec = list(fm.to_record())
    if as_lists:
        rec[4] = [list(r) for r in rec[4]]
    back = FileModel.from_record(rec)
    assert [type(n) for n in back.nodes] == [Node] * len(fm.nodes)
    assert back.nodes == tuple(n._replace(attrs=EMPTY) for n in fm.nodes)
