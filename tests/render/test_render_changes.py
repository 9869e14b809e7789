"""``render --jämför FRÅN``: the document "Ändringar sedan beslut" in both formats."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malstyrning.cli import app
from tests.plans import EXAMPLES

UBN = "namnder/utbildningsnamnden-2027.yaml"
KF = "kommunfullmaktige/verksamhetsplan-2027.yaml"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Planerare", "-c", "user.email=p@example.se",
                    *args], cwd=cwd, check=True, capture_output=True)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    """The example, committed and tagged beslutad-2027, then changed in the working tree."""
    plans = tmp_path / "planer"
    shutil.copytree(EXAMPLES, plans, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    _git(plans, "init", "-q")
    _git(plans, "add", "-A")
    _git(plans, "commit", "-qm", "Beslutad plan")
    _git(plans, "tag", "beslutad-2027")
    _edit(plans / UBN, "namn: Eleverna känner sig trygga i skolan",
          "namn: Eleverna känner sig trygga i skolan och på fritids")
    return plans


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_adds_the_changes_since_the_decision(decided: Path, tmp_path: Path,
                                                    fmt: str) -> None:
    out = tmp_path / "dokument"
    done = CliRunner().invoke(app, ["render", str(decided), "--format", fmt, "--out", str(out),
                                    "--jämför", "beslutad-2027"])
    assert done.exit_code == 0, done.output
    text = (out / f"andringar-sedan-beslut.{fmt}").read_text("utf-8")
    assert "Ändringar sedan beslutad-2027" in text
    assert "UBN-E4" in text and "och på fritids" in text
    assert "Att granska" in text and "UF-A3" in text  # what builds on the changed goal
    index = (out / f"index.{fmt}").read_text("utf-8")
    assert "andringar-sedan-beslut" in index
    # without the option there is no such document
    plain = tmp_path / "utan"
    assert CliRunner().invoke(app, ["render", str(decided), "--format", fmt,
                                    "--out", str(plain)]).exit_code == 0
    assert not (plain / f"andringar-sedan-beslut.{fmt}").exists()


def test_an_unknown_version_is_a_clear_usage_error(decided: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["render", str(decided), "--out", str(tmp_path / "d"),
                                    "--jamfor", "finns-inte"])
    assert done.exit_code == 2
    assert "--jämför finns-inte" in done.output
    assert not (tmp_path / "d").exists() or not any((tmp_path / "d").iterdir())


def test_the_changes_are_a_word_document_too(decided: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "dokument"
    done = CliRunner().invoke(app, ["render", str(decided), "--format", "docx", "--out",
                                    str(out), "--jämför", "beslutad-2027"])
    assert done.exit_code == 0, done.output
    doc = Document(str(out / "andringar-sedan-beslut.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "Ändringar sedan beslutad-2027" in texts and "Att granska" in texts
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert "UBN-E4" in cells and "UF-A3" in cells
    assert any("och på fritids" in c for c in cells)
