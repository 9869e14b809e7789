"""A big city's documents written by two processes (render/split.py): the same files,
in the same order, as one process writes; the helper really writes a share; a helper
that fails leaves its share to the main process; an error is reported as in one
process. Checked on a generated city with the limits lowered (as test_render_bigcity)."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from malstyrning.pipeline import RunResult
from malstyrning.render import split, views
from malstyrning.render.base import RenderContext
from malstyrning.render.docx import DocxRenderer
from malstyrning.render.html import HtmlRenderer
from malstyrning.render.markdown import MarkdownRenderer
from malstyrning.render.records import Cover, Document
from malstyrning.render.site import build_site
from tests.render.render_support import load

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not split.can_split(),
                                reason="two processes only where the system forks (Linux)")


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    out = tmp_path_factory.mktemp("stad") / "stad"
    generate.generate(out, "40", 1.0, 3)
    return load(out)


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "LIST_LIMIT", 5)
    monkeypatch.setattr(views, "DOC_ROWS", 40)
    monkeypatch.setattr(split, "SPLIT_MIN_ROWS", 1)


def renderer(result: RunResult, cls: type) -> object:
    site = build_site(result.model, result.settings, result.findings)
    return cls(site, RenderContext(result.settings.root))


@pytest.mark.parametrize("cls", [MarkdownRenderer, HtmlRenderer, DocxRenderer])
def test_two_processes_write_what_one_writes(city: RunResult, cls: type) -> None:
    one = renderer(city, cls)
    alone = split.render(one, one.site.documents, jobs=1)  # type: ignore[attr-defined]
    two = renderer(city, cls)
    together = split.render(two, two.site.documents)  # type: ignore[attr-defined]
    assert list(together) == list(alone)  # same names, same order
    assert as_bytes(together) == as_bytes(alone)
    if cls is not DocxRenderer:  # the helper's texts arrive as their UTF-8 bytes
        assert {type(v) for v in together.values()} == {str, bytes}
    assert sum(1 for name in alone if name.startswith("aktiviteter-")) > 4


def as_bytes(files: dict[str, str | bytes]) -> dict[str, bytes]:
    """The files as the writer writes them (a text as UTF-8)."""
    return {name: data.encode("utf-8") if isinstance(data, str) else data
            for name, data in files.items()}


def as_text(files: dict[str, str | bytes]) -> dict[str, str]:
    return {name: data if isinstance(data, str) else data.decode("utf-8")
            for name, data in files.items()}


class Marked(MarkdownRenderer):
    """Says in each document which process wrote it."""

    def render(self, doc: Document) -> str:
        return f"{os.getpid()}\n{super().render(doc)}"


class SlowIndex(Marked):
    """Takes its time over the index (the main process's own document), so that the
    helper, whose first documents are the kommun's plan and målkedjan, surely comes to
    the lists while the main process is still busy."""

    def render(self, doc: Document) -> str:
        if doc.stem == "index":
            import time

            time.sleep(0.5)
        return super().render(doc)


def test_the_helper_writes_a_share_of_the_lists(city: RunResult) -> None:
    r = renderer(city, SlowIndex)
    files = as_text(split.render(r, r.site.documents))  # type: ignore[attr-defined]
    writers = {name: text.split("\n", 1)[0] for name, text in files.items()}
    main = str(os.getpid())
    lists = {w for n, w in writers.items() if n.startswith("aktiviteter-")}
    assert lists - {main}, "the helper wrote some activity lists"
    kept = {w for n, w in writers.items() if n.startswith(("index", "verksamhetsplan-"))}
    assert kept == {main}, "the index and the plans it reads are written together"


class FailsInHelper(MarkdownRenderer):
    """Fails in any process but the one that made it."""

    parent = 0

    def render(self, doc: Document) -> str:
        if os.getpid() != self.parent:
            raise RuntimeError("the helper fails")
        return super().render(doc)


def test_a_failing_helper_leaves_its_share_to_the_main_process(city: RunResult) -> None:
    plain = renderer(city, MarkdownRenderer)
    expected = split.render(plain, plain.site.documents, jobs=1)  # type: ignore[attr-defined]
    r = renderer(city, FailsInHelper)
    r.parent = os.getpid()  # type: ignore[attr-defined]
    assert split.render(r, r.site.documents) == expected  # type: ignore[attr-defined]
    # all of it written here: as text


class AlwaysFails(MarkdownRenderer):
    def render(self, doc: Document) -> str:
        if doc.kind == split.LIST_KIND:
            raise ValueError(f"cannot write {doc.stem}")
        return super().render(doc)


def test_an_error_in_a_document_is_raised_as_in_one_process(city: RunResult) -> None:
    r = renderer(city, AlwaysFails)
    with pytest.raises(ValueError, match="cannot write aktiviteter-"):
        split.render(r, r.site.documents)  # type: ignore[attr-defined]


def test_one_process_when_asked_or_when_small(city: RunResult,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for jobs, least in ((1, 1), (None, 10**9)):
        monkeypatch.setattr(split, "SPLIT_MIN_ROWS", least)
        r = renderer(city, Marked)
        files = split.render(r, r.site.documents, jobs=jobs)  # type: ignore[attr-defined]
        assert {t.split("\n", 1)[0] for t in files.values()} == {str(os.getpid())}


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not split.can_split()
    finally:
        stop.set()
        other.join()
    assert split.can_split()


def test_a_document_makes_its_data_and_cover_once_when_first_read() -> None:
    made: list[str] = []

    def make() -> str:
        made.append("data")
        return "DATA"

    def cover_of(doc: Document) -> Cover:
        made.append("cover")
        return Cover("Kommunen", doc.title)

    doc = Document("namndplan", "verksamhetsplan-ubn", "Verksamhetsplan", "", make=make)
    covered = doc.with_cover(cover_of)
    assert made == []
    assert covered.cover == Cover("Kommunen", "Verksamhetsplan")
    assert covered.data == "DATA" and doc.data == "DATA" and covered.data == "DATA"
    assert made == ["cover", "data"]
    with pytest.raises(AttributeError):
        covered.title = "x"  # type: ignore[misc]


def test_without_a_memory_file_the_helper_writes_to_a_temporary_file(
        city: RunResult, monkeypatch: pytest.MonkeyPatch) -> None:
    one = renderer(city, MarkdownRenderer)
    alone = split.render(one, one.site.documents, jobs=1)  # type: ignore[attr-defined]
    monkeypatch.delattr(os, "memfd_create", raising=False)
    two = renderer(city, Marked)
    together = as_text(split.render(two, two.site.documents))  # type: ignore[attr-defined]
    assert {t.split("\n", 1)[0] for t in together.values()} - {str(os.getpid())}
    assert {n: t.split("\n", 1)[1] for n, t in together.items()} == alone


# -- the helper started as soon as the check has the model (render.EarlyDocuments)


def early_run(root: Path, options: object) -> tuple[RunResult, object]:
    from malstyrning.pipeline import run
    from malstyrning.render import EarlyDocuments

    early = EarlyDocuments(options)  # type: ignore[arg-type]
    return run(root, full=True, compact=True, on_model=early), early


def marked_formats(monkeypatch: pytest.MonkeyPatch, cls: str) -> type:
    """``--format md`` written by one of this module's renderers (in both processes:
    the helper is forked after this); the class as the render finds it."""
    from importlib import import_module

    from malstyrning import render

    module = "tests.render.test_render_split"
    monkeypatch.setitem(render.FORMATS, "md", f"{module}:{cls}")
    found: type = getattr(import_module(module), cls)
    return found


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_helper_started_with_the_model_writes_what_one_process_writes(
        city: RunResult, fmt: str, tmp_path: Path) -> None:
    from malstyrning.render import RenderOptions, render_files

    options = RenderOptions(fmt, tmp_path / "ut")
    result, early = early_run(city.settings.root, options)
    assert early.helper is not None  # type: ignore[attr-defined]
    together = render_files(result, options, early=early)  # type: ignore[arg-type]
    assert early.helper is None  # type: ignore[attr-defined]
    alone = render_files(result, RenderOptions(fmt, tmp_path / "ut", jobs=1))
    assert list(together) == list(alone)
    assert as_bytes(together) == as_bytes(alone)


def test_the_started_helper_writes_a_share_with_the_findings_it_was_sent(
        city: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``--force`` and an error, each document's warning box lists it: the helper
    built its data before the check had found it, and was sent it afterwards."""
    import shutil

    from malstyrning.render import RenderOptions, render_files

    root = tmp_path / "stad"
    shutil.copytree(city.settings.root, root)
    plan = next(p for p in sorted(root.rglob("*.yaml"))
                if "bidrar_till: [" in p.read_text("utf-8") and "enhet" in str(p))
    text = plan.read_text("utf-8")
    plan.write_text(text.replace("bidrar_till: [", "bidrar_till: [FINNS-INTE, ", 1), "utf-8")
    marked_formats(monkeypatch, "SlowIndex")
    options = RenderOptions("md", tmp_path / "ut", force=True)
    result, early = early_run(root, options)
    assert any(f.severity.name == "ERROR" for f in result.findings)
    files = as_text(render_files(result, options, early=early))  # type: ignore[arg-type]
    writers = {name: t.split("\n", 1)[0] for name, t in files.items()}
    lists = {w for n, w in writers.items() if n.startswith("aktiviteter-")}
    assert lists - {str(os.getpid())}, "the started helper wrote some activity lists"
    assert all("FINNS-INTE" in t for n, t in files.items() if n.startswith("aktiviteter-"))
    alone = as_text(render_files(result, RenderOptions("md", tmp_path / "ut", force=True,
                                                       jobs=1)))
    assert {n: t.split("\n", 1)[1] for n, t in files.items()} == {
        n: t.split("\n", 1)[1] for n, t in alone.items()}


def test_a_started_helper_that_fails_leaves_everything_to_the_main_process(
        city: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from malstyrning.render import RenderOptions, render_files

    monkeypatch.setattr(marked_formats(monkeypatch, "FailsInHelper"), "parent", os.getpid())
    options = RenderOptions("md", tmp_path / "ut")
    result, early = early_run(city.settings.root, options)
    assert early.helper is not None  # type: ignore[attr-defined]
    got = render_files(result, options, early=early)  # type: ignore[arg-type]
    assert got == render_files(result, RenderOptions("md", tmp_path / "ut", jobs=1))
    assert all(isinstance(t, str) for t in got.values())  # all of it written here


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_started_helper_ends_however_the_render_ends(
        city: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped without a word, told other options than it prepared for, or never used
    because the command stopped: the helper is ended and reaped each time."""
    from typer.testing import CliRunner

    from malstyrning.cli import app
    from malstyrning.render import RenderOptions, render_files

    options = RenderOptions("md", tmp_path / "ut")
    _, early = early_run(city.settings.root, options)
    pid = early.helper.pid  # type: ignore[attr-defined]
    early.stop()  # type: ignore[attr-defined]
    assert _gone(pid)
    result, early = early_run(city.settings.root, options)
    pid = early.helper.pid  # type: ignore[attr-defined]
    other = RenderOptions("md", tmp_path / "ut", organisation="UBN")
    got = render_files(result, other, early=early)  # type: ignore[arg-type]
    assert _gone(pid)
    assert as_bytes(got) == as_bytes(render_files(result, RenderOptions(
        "md", tmp_path / "ut", organisation="UBN", jobs=1)))
    started: list[int] = []
    start = split.start

    def recorded(*args: object) -> object:
        helper = start(*args)  # type: ignore[arg-type]
        if helper is not None and helper.pid is not None:
            started.append(helper.pid)
        return helper

    monkeypatch.setattr(split, "start", recorded)
    got_cli = CliRunner().invoke(app, ["render", str(city.settings.root), "--out",
                                       str(tmp_path / "ut2"), "--organisation", "NOPE"])
    assert got_cli.exit_code == 2, got_cli.output
    assert started and all(map(_gone, started))


def test_the_started_helper_sorts_the_ids_for_both_processes(
        city: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper sorts the ids first and shares the order: this process does not sort
    them itself (here it could not), and the documents are those of one process."""
    from malstyrning.render import RenderOptions, render_files

    options = RenderOptions("md", tmp_path / "ut")
    result, early = early_run(city.settings.root, options)
    alone = render_files(result, RenderOptions("md", tmp_path / "ut", jobs=1))
    parent = os.getpid()
    sort = views.natural_sorted

    def not_here(values: object) -> list[str]:
        if os.getpid() == parent and values is result.model.by_id:
            raise AssertionError("sorted again in the main process")
        return sort(values)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "natural_sorted", not_here)
    together = render_files(result, options, early=early)  # type: ignore[arg-type]
    assert as_bytes(together) == as_bytes(alone)


def test_a_helper_that_fails_before_it_shares_leaves_the_sorting_here(
        city: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from malstyrning.render import RenderOptions, render_files, typography

    parent = os.getpid()
    order = typography.natural_order

    def fails_in_helper(items: object) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the helper fails before it shares")
        return order(items)  # type: ignore[arg-type]

    monkeypatch.setattr(typography, "natural_order", fails_in_helper)
    options = RenderOptions("md", tmp_path / "ut")
    result, early = early_run(city.settings.root, options)
    helper = early.helper  # type: ignore[attr-defined]
    assert helper is not None
    got = render_files(result, options, early=early)  # type: ignore[arg-type]
    assert helper.shared() is None
    alone = render_files(result, RenderOptions("md", tmp_path / "ut", jobs=1))
    assert as_bytes(got) == as_bytes(alone)


def test_an_activity_list_is_weighed_and_titled_before_its_rows_are_made(
        city: RunResult, monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue is ordered by the lists' sizes, and their titles name the unit, before
    any list's data exists (each process makes only the lists it writes)."""
    made: list[str] = []
    original = views.SiteBuilder.activity_list

    def counting(self: views.SiteBuilder, *args: object) -> object:
        made.append(str(args[1]))
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(views.SiteBuilder, "activity_list", counting)
    site = build_site(city.model, city.settings, city.findings)
    lists = [d for d in site.documents if d.kind == split.LIST_KIND]
    assert len(lists) > 4
    order = split.queue_of(site.documents)
    assert split.worth_two(site.documents)
    assert made == []
    assert [split.rows_of(d) for d in order if d.kind == split.LIST_KIND] == sorted(
        (d.size for d in lists if d.size is not None), reverse=True)
    for doc in lists:
        data = doc.data
        assert data.count == doc.size and data.org_name in doc.title
        assert f"({doc.size})" in doc.summary
    assert sorted(made) == sorted(d.stem for d in lists)


def test_a_started_helper_ends_when_the_render_fails_after_it_was_sent_the_findings(
        city: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from malstyrning.render import RenderOptions, render_files, site

    options = RenderOptions("md", tmp_path / "ut")
    result, early = early_run(city.settings.root, options)
    pid = early.helper.pid  # type: ignore[attr-defined]

    def fails(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the documents' data cannot be built")

    monkeypatch.setattr(site, "build_site", fails)
    with pytest.raises(RuntimeError, match="cannot be built"):
        render_files(result, options, early=early)  # type: ignore[arg-type]
    assert _gone(pid)


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def test_no_helper_and_nothing_left_open_when_a_process_cannot_be_started(
        city: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Out of processes (or pipes): the render writes in one process, as it would have."""
    from malstyrning.render import RenderOptions, render_files

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    options = RenderOptions("md", tmp_path / "ut")
    before = _open_fds()
    monkeypatch.setattr(os, "fork", no_fork)
    result, early = early_run(city.settings.root, options)
    assert early.helper is None  # type: ignore[attr-defined]
    assert _open_fds() <= before
    monkeypatch.undo()
    got = render_files(result, options, early=early)  # type: ignore[arg-type]
    alone = render_files(result, RenderOptions("md", tmp_path / "ut", jobs=1))
    assert as_bytes(got) == as_bytes(alone)
