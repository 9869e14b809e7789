"""The example repositories (Heby and three other shapes, påhittade mål) are complete,
valid plans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malstyrning.cli import app
from malstyrning.load.discover import discover
from malstyrning.pipeline import load_settings, run
from malstyrning.tree import tree_lines
from tests.plans import EXAMPLES, REPO_ROOT, SHAPES
from tests.test_shapes import foreign_words, tool_words, written_texts

shapes = pytest.mark.parametrize("root", list(SHAPES.values()), ids=list(SHAPES))


def test_every_example_folder_is_a_tested_shape() -> None:
    folders = {p.parent for p in (REPO_ROOT / "examples").glob("*/malstyrning.yaml")}
    assert folders == set(SHAPES.values())


@shapes
def test_examples_have_no_findings(root: Path) -> None:
    result = run(root, use_cache=False, jobs=1)
    assert result.findings == []
    assert result.files == discover(root)
    assert result.stats["lästa"] == len(result.files)
    assert result.settings.found and result.settings.kommun
    assert len(result.settings.kommunkod) == 4


def test_heby_is_the_default_model() -> None:
    result = run(EXAMPLES, use_cache=False, jobs=1)
    assert result.settings.kommun == "Heby kommun"
    assert "målkedja" not in (EXAMPLES / "malstyrning.yaml").read_text("utf-8")


@shapes
def test_every_level_is_used_and_reaches_the_root(root: Path) -> None:
    result = run(root, use_cache=False, jobs=1)
    chain = result.settings.chain
    nodes = [n for n in result.model.nodes if n.kind in chain.kinds]
    assert {n.kind for n in nodes} == chain.kinds
    (vision,) = [n for n in nodes if n.kind == chain.root.kind]
    for node in nodes:
        assert result.model.chain_of(node.id).startswith(vision.id), node.id


@shapes
def test_every_organisation_level_has_a_unit_and_a_plan(root: Path) -> None:
    result = run(root, use_cache=False, jobs=1)
    levels = {u.level for u in result.model.units.values()}
    assert levels == set(result.settings.organisation.kinds)
    planned = {p.level for p in result.model.plans}
    assert planned == levels


@shapes
def test_every_example_has_a_followup_with_outcomes_and_assessments(root: Path) -> None:
    texts = [p.read_text("utf-8") for p in sorted(root.rglob("*.yaml"))
             if "typ: uppföljning" in p.read_text("utf-8")]
    assert any("utfall:" in t and "bedömningar:" in t for t in texts)


@shapes
def test_tree_has_no_loose_ends(root: Path) -> None:
    result = run(root, use_cache=False, jobs=1)
    lines = tree_lines(result.model, result.settings)
    assert lines[0].startswith(f"{result.settings.chain.root.name} ")
    assert not any("⚠" in line or "✗" in line for line in lines)


@shapes
def test_invented_texts_say_so(root: Path) -> None:
    for path in sorted(root.rglob("*.yaml")):
        head = path.read_text("utf-8").splitlines()[:3]
        assert any(line.startswith("# Exempel:") and "påhittade" in line
                   for line in head), path


@shapes
def test_example_files_are_utf8_with_unix_newlines(root: Path) -> None:
    for path in sorted(root.rglob("*.yaml")):
        raw = path.read_bytes()
        raw.decode("utf-8")
        assert b"\r\n" not in raw, path
        assert b"\t" not in raw, path
        assert raw.endswith(b"\n"), path


@shapes
def test_documents_show_every_item_in_the_models_words(root: Path, tmp_path: Path) -> None:
    """render succeeds on every shape; every goal, activity, indicator and styrdokument
    appears in some document, and no default-model word the model does not use."""
    repo = tmp_path / root.name
    shutil.copytree(root, repo, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    out = tmp_path / "dokument"
    done = CliRunner().invoke(app, ["render", str(repo), "--format", "md", "--out", str(out)])
    assert done.exit_code == 0, done.output
    text = "\n".join(p.read_text("utf-8") for p in sorted(out.glob("*.md")))
    result = run(repo, use_cache=False, jobs=1)
    assert [n.id for n in result.model.nodes if n.id not in text] == []
    model = load_settings(repo).steering
    assert foreign_words(tool_words(text, written_texts(repo)), model) == set()


def test_the_small_kommun_example_compares_with_peers(tmp_path: Path) -> None:
    """liten-kommun has `jämförelser` and a kolada/jamforelser.json (example data, said
    so): the follow-up shows the peers' table and their series in the charts."""
    import json

    root = SHAPES["liten-kommun"]
    stored = json.loads((root / "kolada" / "jamforelser.json").read_text("utf-8"))
    assert stored["källa"].startswith("Exempeldata, inte Koladas siffror")
    assert "EXEMPELDATA" in (root / "malstyrning.yaml").read_text("utf-8")
    out = tmp_path / "dokument"
    for fmt in ("md", "html"):
        done = CliRunner().invoke(app, ["render", str(root), "--format", fmt, "--out",
                                        str(out / fmt)])
        assert done.exit_code == 0, done.output
    md = (out / "md" / "maluppfyllelse-2027-helar.md").read_text("utf-8")
    assert ("| Indikator | Utfall 2027 | Riket | Region Västerbotten | Liknande kommuner "
            "övergripande, Bjurholm |") in md
    assert "**Utfall, målvärden och jämförelser per år för M2-I1**" in md
    html = (out / "html" / "maluppfyllelse-2027-helar.html").read_text("utf-8")
    assert html.count('<g class="jamforelse">') == 3 * 3 + 1  # riket and län not for M1-I1
    assert "Riket och Region Västerbotten visas inte i diagrammet" in html
    assert "Jämförelse med andra (sammanhang, inte måluppfyllelse)" in html
