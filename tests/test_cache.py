"""The per-file cache: warm runs give the cold run's findings and read only what changed."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from malstyrning.cache import CACHE_DIR
from malstyrning.pipeline import RunResult
from tests.plans import ENHET_PLAN, KF_PLAN, NAMND_PLAN, SETTINGS, PlanRepo


def _broken(repo: PlanRepo) -> PlanRepo:
    """Findings of every kind: per file (MS402), cross-file (MS211, MS501), schema."""
    repo.patch(ENHET_PLAN, "slut: 2027-06-30", "slut: 2028-06-30")
    repo.patch(ENHET_PLAN, "bidrar_till: [UBN-E1]", "bidrar_till: [UBN-E9]")
    repo.patch(NAMND_PLAN, "ram: 650000", "ram: 655000")
    repo.patch(KF_PLAN, "beslutad: 2026-11-23", "beslutad: 2026-13-23")
    return repo


def _cached(repo: PlanRepo) -> RunResult:
    return repo.run(use_cache=True)


def _cache_files(repo: PlanRepo) -> list[Path]:
    return sorted((repo.root / CACHE_DIR).glob("index-*.bin"))


def test_second_run_reads_everything_from_the_cache(plan_repo: PlanRepo) -> None:
    _broken(plan_repo)
    cold = _cached(plan_repo)
    assert cold.stats["från_cache"] == 0
    assert {f.code for f in cold.findings} >= {"MS104", "MS211", "MS402", "MS501"}
    warm = _cached(plan_repo)
    assert warm.stats["från_cache"] == warm.stats["filer"] == len(warm.files) == 5
    assert warm.stats["lästa"] == 0
    assert warm.findings == cold.findings
    assert warm.findings == plan_repo.run(use_cache=False).findings


def test_cache_lives_next_to_the_settings_and_is_ignored_by_git(plan_repo: PlanRepo) -> None:
    _cached(plan_repo)
    folder = plan_repo.root / CACHE_DIR
    assert folder.is_dir()
    assert "*" in (folder / ".gitignore").read_text("utf-8").splitlines()
    assert len(_cache_files(plan_repo)) == 1


def test_without_cache_nothing_is_written(plan_repo: PlanRepo) -> None:
    plan_repo.run(use_cache=False)
    plan_repo.run(full=True)
    assert not (plan_repo.root / CACHE_DIR).exists()


def test_changing_one_file_reads_only_that_file(plan_repo: PlanRepo) -> None:
    _broken(plan_repo)
    _cached(plan_repo)
    plan_repo.patch(NAMND_PLAN, "ram: 655000", "ram: 650000")  # same size, new content
    after = _cached(plan_repo)
    assert after.stats == {"filer": 5, "från_cache": 4, "lästa": 1}
    assert after.findings == plan_repo.run(use_cache=False).findings
    assert "MS501" not in {f.code for f in after.findings}


def test_cross_file_findings_follow_a_change_elsewhere(plan_repo: PlanRepo) -> None:
    """MS211 in the enhet plan appears when the goal it points at is renamed."""
    _cached(plan_repo)
    plan_repo.patch(NAMND_PLAN, "id: UBN-E1\n", "id: UBN-E7\n")
    after = _cached(plan_repo)
    assert after.stats["lästa"] == 1
    broken = [f for f in after.findings if f.code == "MS211"]
    assert [(f.file, f.line, f.column) for f in broken] == [
        (ENHET_PLAN, *plan_repo.where(ENHET_PLAN, "UBN-E1"))]


def test_new_and_removed_files(plan_repo: PlanRepo) -> None:
    _cached(plan_repo)
    plan_repo.write("enheter/ny-2027.yaml", "typ: okänd\n")
    added = _cached(plan_repo)
    assert added.stats == {"filer": 6, "från_cache": 5, "lästa": 1}
    assert [f.code for f in added.findings] == ["MS010"]
    plan_repo.remove("enheter/ny-2027.yaml")
    removed = _cached(plan_repo)
    assert removed.stats == {"filer": 5, "från_cache": 5, "lästa": 0}
    assert removed.findings == []


def test_changed_settings_start_a_new_cache(plan_repo: PlanRepo) -> None:
    _cached(plan_repo)
    plan_repo.append(SETTINGS, "regler:\n  max_effektmål_per_nämnd: 3\n")
    after = _cached(plan_repo)
    assert after.stats["från_cache"] == 0
    assert len(_cache_files(plan_repo)) == 1, "the old cache file is removed"


@pytest.mark.parametrize("garbage", [
    b"", b"garbage", b"\x00" * 64, bytes(range(256)) * 4, marshal.dumps(42),
    marshal.dumps((1, 2)), marshal.dumps(("a", "b", "c", "d")),
    marshal.dumps((4, {}, {"x": 1}, {}, ("trasig",), 0)),
])
def test_damaged_cache_is_ignored(plan_repo: PlanRepo, garbage: bytes) -> None:
    _broken(plan_repo)
    cold = _cached(plan_repo)
    (cache_file,) = _cache_files(plan_repo)
    cache_file.write_bytes(garbage)
    again = _cached(plan_repo)
    assert again.stats["lästa"] == 0, "the per-file records are still good"
    assert again.findings == cold.findings
    for record in cache_file.parent.glob("poster-*/*.bin"):
        record.write_bytes(garbage)
    cache_file.write_bytes(garbage)
    assert _cached(plan_repo).findings == cold.findings
    assert _cached(plan_repo).stats["från_cache"] == 5, "the cache is rewritten"


def test_truncated_cache_is_ignored(plan_repo: PlanRepo) -> None:
    _broken(plan_repo)
    cold = _cached(plan_repo)
    (cache_file,) = _cache_files(plan_repo)
    blob = cache_file.read_bytes()
    for size in (1, len(blob) // 3, len(blob) // 2, len(blob) - 1):
        cache_file.write_bytes(blob[:size])
        assert _cached(plan_repo).findings == cold.findings
        cache_file.write_bytes(blob)


def test_cache_with_damaged_entries_is_ignored(plan_repo: PlanRepo) -> None:
    """A cache that unmarshals but whose records and summaries are not what this version
    wrote (a flipped bit, an edit by hand) must not crash the run or change its findings."""
    _broken(plan_repo)
    cold = _cached(plan_repo)
    (cache_file,) = _cache_files(plan_repo)
    fmt, stats, files, positions, repo, written = marshal.loads(cache_file.read_bytes())
    for record in (cache_file.parent).glob("poster-*/*.bin"):
        record.write_bytes(marshal.dumps(("trasig",)))
    damaged = {rel: ("trasig",) for rel in files}
    cache_file.write_bytes(marshal.dumps((fmt, stats, damaged, positions, repo, written)))
    assert _cached(plan_repo).findings == cold.findings
    cache_file.write_bytes(marshal.dumps((fmt, stats, files, positions, ("trasig",), written)))
    assert _cached(plan_repo).findings == cold.findings


def test_cache_with_damaged_positions_is_ignored(plan_repo: PlanRepo) -> None:
    _broken(plan_repo)
    cold = _cached(plan_repo)
    (cache_file,) = _cache_files(plan_repo)
    fmt, stats, files, positions, repo, written = marshal.loads(cache_file.read_bytes())
    damaged = {key: {path: "x" for path in where} for key, where in positions.items()}
    assert damaged, "cross-file findings store their positions"
    cache_file.write_bytes(marshal.dumps((fmt, stats, files, damaged, repo, written)))
    assert _cached(plan_repo).findings == cold.findings


def test_unwritable_cache_folder_is_not_an_error(plan_repo: PlanRepo) -> None:
    (plan_repo.root / CACHE_DIR).write_text("en fil, inte en mapp", encoding="utf-8")
    assert _cached(plan_repo).findings == []


def test_concurrent_runs_share_the_cache_safely(tmp_path: Path) -> None:
    """Several processes validating the same repository at once all succeed, give the
    same output, and leave a cache that the next run can use."""
    import shutil
    import subprocess
    import sys

    from tests.plans import EXAMPLES

    repo = tmp_path / "plans"
    shutil.copytree(EXAMPLES, repo, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    command = [sys.executable, "-m", "malstyrning", "validate", "--format", "concise",
               str(repo)]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs
    assert len({out for out, _ in outputs}) == 1
    assert all("Traceback" not in err for _, err in outputs)
    leftovers = list((repo / ".malstyrning_cache").glob(".tmp-*"))
    assert leftovers == []
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stdout == outputs[0][0]


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
        plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Like git's index, the stat shortcut also compares change time and inode, so a
    same-size edit with the old modification time restored is not missed."""
    import os

    from malstyrning import cache as cache_module

    monkeypatch.setattr(cache_module, "_RACY_NS", 0)  # trust every stat at once
    _cached(plan_repo)
    path = plan_repo.root / ENHET_PLAN
    before = path.stat()
    _cached(plan_repo)
    text = path.read_text("utf-8").replace("[UBN-E1]", "[UBN-E9]")
    path.write_text(text, "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    codes = [f.code for f in _cached(plan_repo).findings]
    assert "MS211" in codes


def test_an_edit_no_repository_rule_reads_reuses_the_last_findings(
        plan_repo: PlanRepo) -> None:
    """A changed activity title or description changes no fact the repository-wide rules
    read: the run reuses their findings (and still gives the cold run's output); a changed
    reference, a new file or a renamed id runs them over the whole model again."""
    _broken(plan_repo)
    first = _cached(plan_repo)
    assert not first.reused
    assert _cached(plan_repo).reused, "nothing changed"
    text = (plan_repo.root / ENHET_PLAN).read_text("utf-8")
    title = next(line for line in text.splitlines() if line.strip().startswith("namn:"))
    plan_repo.patch(ENHET_PLAN, title, title + " och mer")
    after = _cached(plan_repo)
    assert after.reused and after.stats["lästa"] == 1
    assert after.findings == plan_repo.run(use_cache=False).findings
    plan_repo.patch(NAMND_PLAN, "ram: 655000", "ram: 650000")
    assert not _cached(plan_repo).reused, "a frame is a fact MS501 reads"
    plan_repo.patch(ENHET_PLAN, "bidrar_till: [UBN-E9]", "bidrar_till: [UBN-E1]")
    fixed = _cached(plan_repo)
    assert not fixed.reused
    assert fixed.findings == plan_repo.run(use_cache=False).findings
    assert "MS211" not in {f.code for f in fixed.findings}


def test_a_warm_run_that_finds_nothing_changed_imports_no_rule_module(tmp_path: Path) -> None:
    """Start-up is most of a warm run: with nothing changed the findings are the last
    run's, so the rule modules are never imported (and still are when a file changed)."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.plans import EXAMPLES

    repo = tmp_path / "plans"
    shutil.copytree(EXAMPLES, repo, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    for path in repo.rglob("*.yaml"):
        os.utime(path, (1_700_000_000, 1_700_000_000))  # not just written: not re-read
    probe = ("import sys\nfrom malstyrning.cli import main\nsys.argv = ['malstyrning', "
             f"'validate', {str(repo)!r}]\ntry:\n    main()\nexcept SystemExit as e:\n"
             "    code = e.code\nprint(sorted(m for m in sys.modules\n"
             "             if m.startswith('malstyrning.checks.') and m not in\n"
             "             ('malstyrning.checks.base', 'malstyrning.checks.inputs',\n"
             "              'malstyrning.checks.schema')), code, file=sys.stderr)\n")

    def rule_modules() -> str:
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              timeout=120)
        assert "Inga problem hittades" in done.stdout, done.stderr
        return done.stderr.strip().splitlines()[-1]

    assert "malstyrning.checks.links" in rule_modules()  # cold: every rule runs
    assert rule_modules() == "[] 0"  # warm, nothing changed
    enhet = next(repo.glob("enheter/*.yaml"))
    enhet.write_text(enhet.read_text("utf-8").replace("namn:", "namn: Ny", 1), "utf-8")
    assert "malstyrning.checks.time" in rule_modules()  # a changed file is checked


def test_every_rule_module_is_loaded() -> None:
    """checks.load imports the modules it names: a new rule module must be among them,
    or its rules would never run (the package no longer imports them at import)."""
    from malstyrning import checks

    folder = Path(checks.__file__).parent
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__", "base", "inputs"}
    assert set(checks.MODULES) == modules
