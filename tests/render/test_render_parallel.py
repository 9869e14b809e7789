"""Documents rendered on two processes (render/parallel.py): the same bytes as one
process, errors raised in the parent as without the child, and a child that dies
leaves its documents to the parent."""

from __future__ import annotations

import os

import pytest
from render_support import texts

from malstyrning.pipeline import RunResult
from malstyrning.render import parallel
from malstyrning.render.records import ActivityListView, Document, Rows

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="needs fork and two cores")


def _docs(n: int) -> list[Document]:
    return [Document("index", f"dok-{i}", f"Dokument {i}", "", None) for i in range(n)]


def _name(doc: Document) -> str:
    return doc.stem + ".txt"


@needs_fork
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_two_processes_give_the_same_documents(fmt: str, example_result: RunResult,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    serial = texts(example_result, fmt)
    calls: list[bool] = []
    real = parallel.render_documents

    def spy(*args: object, **kwargs: object) -> dict[str, str]:
        calls.append(True)
        return real(*args, **kwargs, fork=True)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "render_documents", spy)
    split = texts(example_result, fmt)
    assert calls
    assert list(split) == list(serial)  # same documents in the same order
    assert split == serial


def test_small_sites_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    parent = os.getpid()
    got = parallel.render_documents(_docs(3), lambda d: f"{d.stem} {os.getpid() == parent}",
                                    _name)
    assert got == {f"dok-{i}.txt": f"dok-{i} True" for i in range(3)}


@needs_fork
def test_the_child_renders_a_share() -> None:
    parent = os.getpid()
    got = parallel.render_documents(_docs(6), lambda d: f"{d.stem} {os.getpid() == parent}",
                                    _name, fork=True)
    assert list(got) == [f"dok-{i}.txt" for i in range(6)]
    assert {text.split()[1] for text in got.values()} == {"True", "False"}


@needs_fork
def test_a_child_that_dies_leaves_its_documents_to_the_parent() -> None:
    parent = os.getpid()

    def render(doc: Document) -> str:
        if os.getpid() != parent:
            os._exit(3)  # as if killed; the parent renders the share itself
        return doc.stem

    got = parallel.render_documents(_docs(6), render, _name, fork=True)
    assert got == {f"dok-{i}.txt": f"dok-{i}" for i in range(6)}


@needs_fork
@pytest.mark.parametrize("failing", range(6))
def test_an_error_is_raised_in_the_parent_for_the_first_failing_document(
        failing: int) -> None:
    """Whichever process meets it, the error is the one the serial path raises: for
    the first failing document, with its own type."""
    def render(doc: Document) -> str:
        number = int(doc.stem.split("-")[1])
        if number >= failing:
            raise KeyError(f"mallen för {doc.stem}")
        return doc.stem

    with pytest.raises(KeyError, match=f"dok-{failing}"):
        parallel.render_documents(_docs(6), render, _name, fork=True)


def test_shares_are_balanced_by_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    costs = {"dok-0": 400, "dok-1": 5000, "dok-2": 400, "dok-3": 4000, "dok-4": 1200}
    monkeypatch.setattr(parallel, "weight", lambda d: costs[d.stem])
    # the largest first, each to the lighter share: 5000 + 400 | 4000 + 1200 + 400
    assert parallel.split(_docs(5)) == ([0, 1], [2, 3, 4])


def test_a_listing_weighs_its_rows() -> None:
    view = ActivityListView("N", "Nämnden", "", "F", "Förvaltningen", ())
    assert parallel.weight(Document("aktiviteter", "a", "a", "", view)) == (
        parallel.DOCUMENT_WEIGHT)


def test_an_activity_documents_rows_are_made_when_first_read() -> None:
    """Its length is known before (to share the documents out); the rows are made once,
    by the process that writes the document, and equal the tuple of them."""
    made: list[str] = []

    def make(item: str) -> str:
        made.append(item)
        return item.upper()

    rows = Rows(["a", "b"], make)  # type: ignore[arg-type]
    assert len(rows) == 2 and made == []
    assert list(rows) == ["A", "B"] and rows[1] == "B"
    assert rows == ("A", "B") and rows == Rows(["a", "b"], str.upper)  # type: ignore[arg-type]
    assert made == ["a", "b"]
