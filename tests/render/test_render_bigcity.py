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
from malstyrning.model import ACTIVITY_LISTED
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
    """``render`` checks with ``compact``: worker processes send back of an activity's
    attributes only what its row in a list shows (the node holds its id, name, links,
    dates and status), and the model reads a file again for the rest; in one process
    nothing is left out. The documents are the same, byte for byte, as from every
    attribute: for the example (activities listed in full, followed up) and for the
    city, with the lists' limits as they are and lowered."""
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # workers for jobs=2
    for root in (ROOT / "examples" / "plans", city):
        whole = run(root, full=True, jobs=jobs)
        compact = run(root, full=True, compact=True, jobs=jobs)
        pairs = list(zip(whole.model.nodes, compact.model.nodes, strict=True))
        activities = [(a, b) for a, b in pairs if a.kind == "aktivitet"]
        assert len(activities) > (1000 if root == city else 20)
        partial = {f.file for f in compact.model.files if f.partial}
        for a, b in pairs:
            assert a[:-1] == b[:-1]
            if a.kind == "aktivitet" and jobs == 2:
                assert dict(b.attrs) == {k: v for k, v in a.attrs.items()
                                         if k in ACTIVITY_LISTED}
                assert b.file in partial
            else:
                assert b.attrs == a.attrs
        if jobs == 1:
            assert not partial
        assert sum("beskrivning" in a.attrs for a, _b in activities) > 10
        assert compact.findings == whole.findings
        for limits in ((), (("LIST_LIMIT", 5), ("DOC_ROWS", 60), ("DIAGRAM_ACTIVITIES", 3),
                            ("DIAGRAM_LIMIT", 12))):
            with monkeypatch.context() as m:
                for name, value in limits:
                    m.setattr(views, name, value)
                for fmt in ("md", "html"):
                    assert texts(compact, fmt) == texts(whole, fmt), (root, limits, fmt)
        # one period's plans (a model of some of the files) read their attributes too
        for fmt in ("md", "html"):  # (HTML shows the activities' descriptions)
            one_year = texts(compact, fmt, period=(2027, 2027))
            assert one_year == texts(whole, fmt, period=(2027, 2027)), (root, fmt)
        # and what the documents did not ask for, the model reads again too
        assert all(compact.model.attrs_of(b) == a.attrs for a, b in pairs)


def _checked_then_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                          ) -> tuple[pipeline.RunResult, Path]:
    """The example checked as a render checks a big repository (worker processes, the
    activities' descriptions left in the files), and one of its partial files."""
    import shutil

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    copy = tmp_path / "plans"
    shutil.copytree(ROOT / "examples" / "plans", copy)
    result = run(copy, full=True, compact=True, jobs=2)
    partial = sorted(f.file for f in result.model.files if f.partial)
    assert partial
    assert "beskrivning" in (copy / partial[0]).read_text("utf-8")
    return result, copy / partial[0]


def test_a_file_edited_after_the_check_stops_the_documents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A partial file is read again for its descriptions only if it is still the file
    that was checked: edited since (another size or modification time), the documents
    stop with a message naming it, never a mix of two versions."""
    result, plan = _checked_then_changed(tmp_path, monkeypatch)
    text = plan.read_text("utf-8")
    plan.write_text(text.replace("beskrivning: ", "beskrivning: Ny text. ", 1), "utf-8")
    with pytest.raises(pipeline.ChangedDuringRun) as err:
        texts(result, "md")
    rel = plan.relative_to(tmp_path / "plans").as_posix()
    assert str(err.value).startswith(f"{rel} ändrades medan dokumenten skapades.")
    assert "Kör kommandot igen" in str(err.value)


def test_a_file_with_the_same_size_and_time_but_other_ids_stops_the_documents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even with its size and modification time put back, a file read again must give
    the nodes that were checked (here one activity's id changed, letter for letter)."""
    import os

    result, plan = _checked_then_changed(tmp_path, monkeypatch)
    before = plan.stat()
    text = plan.read_text("utf-8")
    ids = re.findall(r"id: (\S+-A)(\d)\b", text)
    assert ids
    prefix, digit = ids[0]
    other = "9" if digit != "9" else "8"
    plan.write_text(text.replace(f"id: {prefix}{digit}", f"id: {prefix}{other}", 1), "utf-8")
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert plan.stat().st_size == before.st_size
    with pytest.raises(pipeline.ChangedDuringRun):
        texts(result, "md")
    # put back as it was, the same check reads it again without complaint
    plan.write_text(text, "utf-8")
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert texts(result, "md") == texts(run(tmp_path / "plans", full=True), "md")


def test_render_says_what_to_do_when_a_file_changed_during_the_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command stops with exit code 2 and the message, no traceback, no documents."""
    from typer.testing import CliRunner

    from malstyrning.cli import app

    def changed(self: pipeline.Rereader, checked: object) -> object:
        raise pipeline.ChangedDuringRun("enheter/x.yaml ändrades medan dokumenten skapades.")

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pipeline.Rereader, "__call__", changed)
    out = tmp_path / "ut"
    got = CliRunner().invoke(app, ["render", str(ROOT / "examples" / "plans"), "--out",
                                   str(out), "--jobs", "2"])
    assert got.exit_code == 2, got.output
    assert "malstyrning: enheter/x.yaml ändrades medan dokumenten skapades." in got.output
    assert "Traceback" not in got.output
    assert not out.exists() or not any(out.iterdir())


def test_compact_activities_keep_what_their_level_carries_into_the_documents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An activity level may carry Agenda 2030 codes (``bär``), which the kommun's plan
    lists in its coverage table: a render's check on worker processes keeps them with
    the activity, and the documents are those of one process."""
    import shutil

    root = tmp_path / "kommun"
    shutil.copytree(ROOT / "examples" / "liten-kommun", root)
    settings = root / "malstyrning.yaml"
    text = settings.read_text("utf-8")
    assert "    slag: aktivitet\n" in text
    settings.write_text(text.replace(
        "    slag: aktivitet\n",
        "    slag: aktivitet\n    bär: [ansvarig, start, slut, status, agenda2030]\n", 1),
        "utf-8")
    plan = root / "namnder" / "socialnamnden-2027.yaml"
    text = plan.read_text("utf-8")
    plan.write_text(text.replace("    bidrar_till: [M3]\n",
                                 '    bidrar_till: [M3]\n    agenda2030: ["3", "3.8"]\n', 1),
                    "utf-8")
    whole = run(root, full=True, jobs=1)
    assert not [f for f in whole.findings if f.severity.name == "ERROR"], whole.findings
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    compact = run(root, full=True, compact=True, jobs=2)
    assert any(f.partial for f in compact.model.files)
    for fmt in ("md", "html"):
        documents = texts(compact, fmt)
        assert documents == texts(whole, fmt), fmt
        assert "SN-A1" in next(t for name, t in documents.items()
                               if name.startswith("kommunens-plan"))
