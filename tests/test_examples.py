"""The example repository (Heby, påhittade mål) is a complete, valid plan."""

from __future__ import annotations

from malstyrning.load.discover import discover
from malstyrning.pipeline import run
from malstyrning.tree import tree_lines
from tests.plans import EXAMPLES


def test_examples_have_no_findings() -> None:
    result = run(EXAMPLES, use_cache=False, jobs=1)
    assert result.findings == []
    assert result.files == discover(EXAMPLES)
    assert result.stats["lästa"] == len(result.files)
    assert result.settings.found and result.settings.kommun == "Heby kommun"


def test_every_goal_is_part_of_the_chain() -> None:
    result = run(EXAMPLES, use_cache=False, jobs=1)
    chain_kinds = {level.kind for level in result.settings.chain.levels}
    nodes = [n for n in result.model.nodes if n.kind in chain_kinds]
    assert {n.kind for n in nodes} == chain_kinds
    for node in nodes:
        assert result.model.chain_of(node.id).startswith("VISION"), node.id


def test_tree_has_no_loose_ends() -> None:
    result = run(EXAMPLES, use_cache=False, jobs=1)
    lines = tree_lines(result.model, result.settings)
    assert lines[0].startswith("Vision VISION:")
    assert not any("⚠" in line or "✗" in line for line in lines)


def test_example_files_are_utf8_with_unix_newlines() -> None:
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        raw = path.read_bytes()
        raw.decode("utf-8")
        assert b"\r\n" not in raw, path
        assert b"\t" not in raw, path
        assert raw.endswith(b"\n"), path

