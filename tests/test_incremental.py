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


# one sequence per repository shape keeps the suite short; `benchmarks/fuzz.py --edits`
# runs the long campaign
@pytest.mark.parametrize(("shape", "seed"), [
    (shape, 100 + seed) for seed, shape in enumerate(sorted(SHAPES))])
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


def _renamed_goal(root: Path, references: bool = False) -> None:
    """Rename the inriktning I1 in KF's plan (the nämnder's links to it break, or with
    ``references`` follow it); the follow-ups' assessments of I1 are left as they are."""
    path = root / "kommunfullmaktige" / "verksamhetsplan-2027.yaml"
    text = path.read_text("utf-8")
    assert "  - id: I1\n" in text
    path.write_text(text.replace("  - id: I1\n", "  - id: I1X\n"), "utf-8")
    if references:
        linked = [p for p in root.rglob("*.yaml") if "bidrar_till: [I1]" in p.read_text("utf-8")]
        assert linked
        for other in linked:
            other.write_text(other.read_text("utf-8").replace(
                "bidrar_till: [I1]", "bidrar_till: [I1X]"), "utf-8")


def test_a_renamed_id_breaks_the_links_elsewhere_on_the_scoped_path(tmp_path: Path) -> None:
    """The files that name a renamed id are re-checked (their links broke) on the scoped
    path, and the output is the cold run's (without follow-ups: only the links matter)."""
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


def _heby_cached(root: Path) -> None:
    """Heby's example, follow-ups and all (they name every goal), cached."""
    run_sequence(SHAPES["heby"], root, 0, edits=0)
    with trusted_stats():
        validate(root)


@pytest.mark.parametrize("references", [False, True])
def test_a_renamed_goal_that_follow_ups_name_takes_the_scoped_path(
        tmp_path: Path, references: bool) -> None:
    """The follow-ups assess I1: renaming it (with or without the links to it)
    re-checks only the follow-ups naming it (MS803, MS806: ``per_followup``) and the
    files the change reaches, and gives the cold run's output."""
    paths: Counter[str] = Counter()
    _heby_cached(tmp_path / "repo")
    with trusted_stats(), counting_paths(paths):
        _renamed_goal(tmp_path / "repo", references)
        warm = validate(tmp_path / "repo")
    assert paths == {"avgränsad": 1}
    assert warm == validate(tmp_path / "repo", "--no-cache")
    assert '"kod": "MS803"' in warm.out and "`I1`" in warm.out


def test_the_oracle_sees_a_wrong_follow_up_declaration(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MS803 wrongly declared to read only indicators keeps its last findings after a
    goal rename: the assessment of the vanished I1 goes unseen by the warm run."""
    from malstyrning.checks.base import INCREMENTAL, Incremental, fixed_kinds
    from malstyrning.rules import registry

    registry()
    monkeypatch.setitem(INCREMENTAL, "MS803",
                        Incremental(followups=True, kinds=fixed_kinds("indikator")))
    _heby_cached(tmp_path / "repo")
    with trusted_stats():
        _renamed_goal(tmp_path / "repo")
        assert validate(tmp_path / "repo") != validate(tmp_path / "repo", "--no-cache")
