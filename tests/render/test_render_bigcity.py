"""Documents a big city can read (issue 9): summaries instead of endless lists, activity
documents of bounded size, diagrams within Mermaid's limits, every activity at most two
links from its nämnd's plan. Checked on a generated city (benchmarks/generate.py, 120
enhet plans) with the limits lowered, so the same code paths run as for storstad."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from malstyrning.render import views
from tests.render.render_support import load, texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    out = tmp_path_factory.mktemp("stad") / "stad"
    generate.generate(out, "120", 1.0, 3)
    return out


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "LIST_LIMIT", 5)
    monkeypatch.setattr(views, "DOC_ROWS", 60)
    monkeypatch.setattr(views, "DIAGRAM_ACTIVITIES", 3)
    monkeypatch.setattr(views, "DIAGRAM_LIMIT", 12)


def _links(text: str) -> set[str]:
    return {m.split("#")[0] for m in re.findall(r"\]\(([^)]+)\)", text)}


def test_big_city_documents_stay_readable(city: Path, small_limits: None) -> None:
    result = load(city)
    assert not [f for f in result.findings if f.severity.name == "ERROR"]
    md = texts(result, "md")
    activities = [n for n in result.model.nodes if n.kind == "aktivitet"]
    assert len(activities) > 1000
    lists = {name: text for name, text in md.items() if name.startswith("aktiviteter-")}
    assert lists, "goals with more activities than LIST_LIMIT get activity documents"
    # an activity document holds at most DOC_ROWS rows (split by enhet, never cut)
    for name, text in lists.items():
        rows = [line for line in text.splitlines() if re.match(r"^\| .+ \([^)]+\) \|", line)]
        assert 0 < len(rows) <= 60, name
    # every activity is listed somewhere, within two links of its nämnd's plan
    plans = {name: text for name, text in md.items() if name.startswith("verksamhetsplan-")}
    reachable: dict[str, set[str]] = {}
    for name, text in plans.items():
        first = _links(text) & set(md)
        reachable[name] = {name, *first, *(d for f in first for d in _links(md[f]) & set(md))}
    for act in activities:
        row = f"({act.id}) |"
        holders = {name for name, text in md.items() if row in text}
        assert holders, act.id
        assert any(holders & docs for docs in reachable.values()), act.id
    # målkedjan: no diagram over the box limit, and no list of every activity
    chain = md["malkedjan.md"]
    for block in re.findall(r"```mermaid\n(.*?)```", chain, re.S):
        boxes = [line for line in block.splitlines() if re.match(r"^\s+n\d+\[", line)]
        assert len(boxes) <= 12
    assert "de listas i verksamhetsplanen" in chain
    assert max(len(t) for t in md.values()) < 200_000
