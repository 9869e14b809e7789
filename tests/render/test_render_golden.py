"""Golden files: the example repository rendered as Markdown and HTML.

The expected documents live in ``tests/render/golden/{md,html}/`` (the default render:
all plan documents and the måluppfyllelse of the latest follow-up, 2027-helår) and
``tests/render/golden/delar/{md,html}/`` (``--uppfoljning 2027-delår``: the index and
the måluppfyllelse documents; the plan documents must be the same as in the default
render). After an intended change to the templates, the view model or the examples,
regenerate them with

    MALSTYRNING_GOLDEN=update pytest tests/render/test_render_golden.py

and review the diff like any other change to the documents.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from render_support import EXAMPLES, GOLDEN, texts

from malstyrning.pipeline import RunResult

UPDATE = os.environ.get("MALSTYRNING_GOLDEN") == "update"


def _compare(rendered: dict[str, str], folder: Path) -> None:
    if UPDATE:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, text in rendered.items():
            (folder / name).write_bytes(text.encode("utf-8"))
    expected = {p.name: p.read_bytes().decode("utf-8") for p in sorted(folder.iterdir())}
    assert sorted(rendered) == sorted(expected), (
        "other documents than the golden files; regenerate with MALSTYRNING_GOLDEN=update")
    for name, text in rendered.items():
        assert text == expected[name], (
            f"{folder.relative_to(GOLDEN)}/{name} differs from the golden file; if the "
            "change is intended, regenerate with MALSTYRNING_GOLDEN=update and review the diff")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_examples_match_golden_files(fmt: str, example_result: RunResult) -> None:
    _compare(texts(example_result, fmt), GOLDEN / fmt)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_examples_delar_match_golden_files(fmt: str, example_result: RunResult) -> None:
    """The delårsrapport's måluppfyllelse; the plan documents do not depend on it."""
    rendered = texts(example_result, fmt, followup="2027-delår")
    default = texts(example_result, fmt)
    followup = {name: text for name, text in rendered.items()
                if name.startswith(("index.", "maluppfyllelse-"))}
    for name, text in rendered.items():
        if name not in followup:
            assert text == default[name], f"{name} depends on the follow-up period"
    assert len(followup) == 8
    _compare(followup, GOLDEN / "delar" / fmt)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_same_input_gives_byte_identical_output(fmt: str, tmp_path: Path) -> None:
    """Two renders of two copies in different folders: identical bytes, no timestamps."""
    first, second = tmp_path / "a" / "plans", tmp_path / "b" / "repo"
    shutil.copytree(EXAMPLES, first, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    shutil.copytree(EXAMPLES, second, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    assert texts(first, fmt) == texts(second, fmt)


def test_golden_files_have_one_per_document() -> None:
    names = {p.name for p in (GOLDEN / "html").iterdir()}
    assert {"index.html", "kommunens-plan.html", "malkedjan.html",
            "kvalitetsgranskning.html", "verksamhetsplan-ubn.html"} <= names
    assert {p.stem for p in (GOLDEN / "md").iterdir()} == {Path(n).stem for n in names}
