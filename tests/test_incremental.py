"""Cached, incremental and cold runs give identical output over random edit sequences
(a longer campaign: ``python benchmarks/fuzz.py --edits``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.edits import Editor, Mismatch, run_sequence, trusted_stats, validate
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
