"""``discover``: every YAML file of a repository, sorted, without hidden or excluded ones."""

from __future__ import annotations

from pathlib import Path

from malstyrning.load.discover import discover


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("typ: verksamhetsplan\n", encoding="utf-8")


def test_finds_yaml_and_yml_sorted(tmp_path: Path) -> None:
    _touch(tmp_path, "b.yaml", "a.yml", "namnder/ubn.yaml", "enheter/x/y.yaml", "läs.txt",
           "data.json")
    assert discover(tmp_path) == ["a.yml", "b.yaml", "enheter/x/y.yaml", "namnder/ubn.yaml"]


def test_skips_hidden_folders_and_files(tmp_path: Path) -> None:
    _touch(tmp_path, "plan.yaml", ".git/config.yaml", ".malstyrning_cache/x.yaml",
           ".github/workflows/ci.yml", ".dold.yaml", "node_modules/p/a.yaml")
    assert discover(tmp_path) == ["plan.yaml"]


def test_exclude_patterns(tmp_path: Path) -> None:
    _touch(tmp_path, "plan.yaml", "arkiv/2025/plan.yaml", "utkast/a.yaml", "utkast/b.yml",
           "namnder/ubn.yaml", "namnder/ubn-utkast.yaml")
    found = discover(tmp_path, ("arkiv/**", "utkast/*.yaml", "namnder/*-utkast.yaml"))
    assert found == ["namnder/ubn.yaml", "plan.yaml", "utkast/b.yml"]


def test_exclude_a_folder_by_name(tmp_path: Path) -> None:
    _touch(tmp_path, "plan.yaml", "mallar/a.yaml", "mallar/djup/b.yaml")
    assert discover(tmp_path, ("mallar",)) == ["plan.yaml"]
    assert discover(tmp_path, ("mallar/",)) == ["plan.yaml"]
