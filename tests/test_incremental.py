"""Cached, incremental and cold runs give identical output over random edit sequences
(a longer campaign: ``python benchmarks/fuzz.py --edits``)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.edits import (
    Editor,
    Mismatch,
    counting_paths,
    run_sequence,
    trusted_stats,
    validate,
)
from tests.plans import SHAPES


@pytest.mark.parametrize(("shape", "seed"), [
    (shape, seed) for seed, shape in enumerate(sorted(SHAPES) * 2)])
def test_incremental_runs_match_cold_runs(tmp_path: Path, shape: str, seed: int) -> None:
    assert run_sequence(SHAPES[shape], tmp_path / "repo", seed, edits=10) == 30


def test_the_oracle_sees_a_stale_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache that wrongly trusts a changed file is caught: with the stat check made
    to trust every file, a changed reference goes unseen by the warm run."""
    from malstyrning.cache import Cache

    run_sequence(SHAPES["heby"], tmp_path / "repo", 0, edits=0)
    editor = Editor(tmp_path / "repo", __import__("random").Random(1))
    monkeypatch.setattr(Cache, "known_key", lambda self, rel, stat: self.stats[rel][4]
                        if rel in self.stats else None)
    with trusted_stats():
        editor.change_reference()
        assert validate(tmp_path / "repo") != validate(tmp_path / "repo", "--no-cache")
    with pytest.raises(Mismatch):
        run_sequence(SHAPES["heby"], tmp_path / "repo", 3, edits=3)


LINK_EDITS = ("rename_id", "add_or_remove_link", "change_reference", "change_title",
              "create_cycle", "restore_file")


@pytest.mark.parametrize(("shape", "seed"), [
    (shape, 100 + seed) for seed, shape in enumerate(sorted(SHAPES) * 2)])
def test_id_and_link_edits_are_rechecked_where_they_touch(tmp_path: Path, shape: str,
                                                          seed: int) -> None:
    """Renamed ids and added, removed, broken or repaired links take the scoped path
    (only what the change touches is re-checked) and still give the cold run's output."""
    paths: Counter[str] = Counter()
    assert run_sequence(SHAPES[shape], tmp_path / "repo", seed, edits=25, only=LINK_EDITS,
                        paths=paths) == 75
    assert paths["avgränsad"] >= 5, paths


def _heby_without_followups(root: Path) -> None:
    """Heby's example, cached, without its follow-ups."""
    run_sequence(SHAPES["heby"], root, 0, edits=0)
    shutil.rmtree(root / "uppfoljning")
    with trusted_stats():
        validate(root)


def _renamed_goal(root: Path) -> None:
    """Rename the inriktning I1 in KF's plan (the nämnder's links to it break)."""
    path = root / "kommunfullmaktige" / "verksamhetsplan-2027.yaml"
    text = path.read_text("utf-8")
    assert "  - id: I1\n" in text
    path.write_text(text.replace("  - id: I1\n", "  - id: I1X\n"), "utf-8")


def test_a_renamed_id_breaks_the_links_elsewhere_on_the_scoped_path(tmp_path: Path) -> None:
    """The files that name a renamed id are re-checked (their links broke) on the scoped
    path, and the output is the cold run's. (The follow-ups are removed first: they name
    I1, and the follow-up rules re-check the whole model when an id they name changes.)"""
    paths: Counter[str] = Counter()
    _heby_without_followups(tmp_path / "repo")
    with trusted_stats(), counting_paths(paths):
        _renamed_goal(tmp_path / "repo")
        warm = validate(tmp_path / "repo")
    assert paths == {"avgränsad": 1}
    assert warm == validate(tmp_path / "repo", "--no-cache")
    assert '"kod": "MS211"' in warm.out and "namnder/" in warm.out


def test_the_oracle_sees_a_wrong_scoping_declaration(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that wrongly declared its findings independent of what its links point at
    (MS211 without ``targets``) is caught: the broken links elsewhere go unseen."""
    from malstyrning.checks.base import INCREMENTAL, Incremental
    from malstyrning.rules import registry

    registry()
    monkeypatch.setitem(INCREMENTAL, "MS211", Incremental(per_file=True, findings=True))
    _heby_without_followups(tmp_path / "repo")
    with trusted_stats():
        _renamed_goal(tmp_path / "repo")
        assert validate(tmp_path / "repo") != validate(tmp_path / "repo", "--no-cache")


def test_a_damaged_link_index_runs_the_whole_model(tmp_path: Path) -> None:
    """A link index that is not the one the index was written with (damaged, another
    run's) is not trusted: the run checks the whole model and gives the cold output."""
    paths: Counter[str] = Counter()
    _heby_without_followups(tmp_path / "repo")
    for blob in (tmp_path / "repo" / ".malstyrning_cache").glob("lankar-*.bin"):
        blob.write_bytes(blob.read_bytes()[:-7])
    with trusted_stats(), counting_paths(paths):
        _renamed_goal(tmp_path / "repo")
        warm = validate(tmp_path / "repo")
    assert paths == {"hela modellen": 1}
    assert warm == validate(tmp_path / "repo", "--no-cache")
