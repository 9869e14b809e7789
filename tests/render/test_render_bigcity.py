"""Documents a big city can read (issue 9): summaries instead of endless lists, activity
documents of bounded size, diagrams within Mermaid's limits, every activity at most two
links from its nämnd's plan. Checked on a generated city (benchmarks/generate.py, 120
enhet plans) with the limits lowered, so the same code paths run as for storstad."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from malstyrning import pipeline
from malstyrning.model import ACTIVITY_HELD
from malstyrning.pipeline import run
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


def test_activity_rows_made_from_the_nodes_are_the_rows_of_the_views(
        city: Path, small_limits: None, tmp_path: Path) -> None:
    """An activity list's table rows are made straight from the model's nodes
    (Rows.briefs), not from whole ActivityViews: the same id, name, unit, ansvarig,
    dates and status as the views give, for values of every kind (a number as
    ansvarig, spaces around a date or a status, an unknown status, no dates)."""
    import shutil

    from malstyrning.render.site import build_site
    from malstyrning.values import text_of

    copy = tmp_path / "stad"
    shutil.copytree(city, copy)
    plans = sorted((copy / "enheter").rglob("*.yaml"))[:6]
    edits = [("ansvarig: ", "ansvarig: 4711 #"), ("status: ej påbörjad", "status: ' pausad '"),
             ("start: ", "start: '  2027-01-02  ' #"), ("slut: ", "slut: ~ #"),
             ("status: pågående", "status:"), ("ansvarig: ", "ansvarig: '  Rektor  ' #")]
    for plan, (old, new) in zip(plans, edits, strict=True):
        text = plan.read_text(encoding="utf-8")
        assert old in text
        plan.write_text(text.replace(old, new), encoding="utf-8")
    result = run(copy, full=True)  # every attribute, to compare the facts with
    # the facts the rows and the status counts read are the attributes' text
    activities = [n for n in result.model.nodes if n.kind == "aktivitet"]
    assert all(n.facts == tuple(text_of(n.attrs.get(k)) for k in ("start", "slut", "status"))
               for n in activities)
    site = build_site(result.model, result.settings, result.findings)
    sections = [s for d in site.documents if d.kind == "aktiviteter" for s in d.data.sections]
    assert len(sections) > 20
    seen = set()
    for section in sections:
        rows = section.activities
        fast = rows.briefs()  # before the views are made: from the nodes
        slow = [(a.id, a.name, a.org_name, a.responsible, a.start, a.end, a.status)
                for a in rows]
        assert fast == slow
        assert rows.briefs() == slow  # and, once made, from the views
        seen.update((b[3], b[4], b[5], b[6].text) for b in fast)
    responsible = {s[0] for s in seen}
    assert "4711" in responsible and "Rektor" in responsible
    assert "2027-01-02" in {s[1] for s in seen} and "" in {s[2] for s in seen}
    assert "pausad" in {s[3] for s in seen}


@pytest.mark.parametrize("jobs", [1, 2])
def test_compact_activities_give_the_same_documents(
        city: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """``render`` checks with ``compact``: the activities' attributes leave out what their
    nodes hold (id, name, links, dates, status), in worker processes and in one. The
    documents are the same, byte for byte, as from every attribute: for the example
    (activities listed in full, followed up) and for the city, with the lists' limits
    as they are and lowered."""
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # workers for jobs=2
    for root in (ROOT / "examples" / "plans", city):
        whole = run(root, full=True, jobs=jobs)
        compact = run(root, full=True, compact=True, jobs=jobs)
        pairs = list(zip(whole.model.nodes, compact.model.nodes, strict=True))
        activities = [(a, b) for a, b in pairs if a.kind == "aktivitet"]
        assert len(activities) > (1000 if root == city else 20)
        for a, b in pairs:
            assert a[:-1] == b[:-1]
            if a.kind == "aktivitet":
                assert dict(b.attrs) == {k: v for k, v in a.attrs.items()
                                         if k not in ACTIVITY_HELD}
                assert "status" not in b.attrs
            else:
                assert b.attrs == a.attrs
        assert sum("beskrivning" in b.attrs for _a, b in activities) > 10
        assert compact.findings == whole.findings
        for limits in ((), (("LIST_LIMIT", 5), ("DOC_ROWS", 60), ("DIAGRAM_ACTIVITIES", 3),
                            ("DIAGRAM_LIMIT", 12))):
            with monkeypatch.context() as m:
                for name, value in limits:
                    m.setattr(views, name, value)
                for fmt in ("md", "html"):
                    assert texts(compact, fmt) == texts(whole, fmt), (root, limits, fmt)
