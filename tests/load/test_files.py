"""Only regular files inside the plan repository are ever read (issue: symlink leak).

Every case builds a small repository in a temporary folder and runs the real pipeline
or the real command line; nothing from outside the repository may reach any output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from malstyrning.load.discover import WalkLimits, walk
from malstyrning.load.files import Refused, RepoReader, read_bytes
from malstyrning.pipeline import ConfigError, run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plans"
SECRET = "HEMLIG_TOKEN_ghp_0123456789abcdef"
posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks/FIFOs need POSIX")


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo)
    return repo


def _secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "utanfor" / "env.yaml"
    outside.parent.mkdir()
    outside.write_text(f"typ: verksamhetsplan\nTOKEN: {SECRET}\nannat: [\n", "utf-8")
    return outside


def _cli(repo: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "malstyrning", *args, str(repo)],
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""})


def _codes(repo: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in run(repo, use_cache=False).findings:
        out.setdefault(f.code, []).append(f.file)
    return out


@posix_only
@pytest.mark.parametrize("fmt", ["text", "concise", "json", "github"])
def test_link_out_of_the_repository_is_refused_and_never_printed(tmp_path: Path,
                                                                  fmt: str) -> None:
    repo = _repo(tmp_path)
    (repo / "env.yaml").symlink_to(_secret_file(tmp_path))
    done = _cli(repo, "validate", "--format", fmt)
    assert done.returncode == 1, done.stderr
    assert SECRET not in done.stdout + done.stderr
    assert "MS020" in done.stdout
    assert "internt fel" not in done.stderr


@posix_only
@pytest.mark.parametrize("target", ["/proc/self/environ", "/etc/passwd", "/dev/zero",
                                    "/dev/urandom", "/dev/full"])
def test_links_to_system_files_are_refused_without_reading(tmp_path: Path,
                                                           target: str) -> None:
    if not os.path.exists(target):
        pytest.skip(f"{target} does not exist here")
    repo = _repo(tmp_path)
    (repo / "y.yaml").symlink_to(target)
    os.environ[SECRET] = SECRET  # would show up in /proc/self/environ
    try:
        done = _cli(repo, "validate", timeout=60)
    finally:
        del os.environ[SECRET]
    assert done.returncode == 1, done.stderr
    assert "MS020" in done.stdout
    assert SECRET not in done.stdout + done.stderr
    assert "root:" not in done.stdout  # no line of /etc/passwd


@posix_only
def test_fifo_is_reported_and_never_blocks(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    os.mkfifo(repo / "x.yaml")
    for command in ("validate", "tree"):
        done = _cli(repo, command, timeout=60)
        assert "internt fel" not in done.stderr
    done = _cli(repo, "validate", "--format", "json", timeout=60)
    findings = json.loads(done.stdout)["fynd"]
    assert [f["kod"] for f in findings if f["fil"] == "x.yaml"] == ["MS021"]


@posix_only
def test_link_to_a_fifo_inside_the_repository_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    os.mkfifo(repo / "rör")
    (repo / "x.yaml").symlink_to(repo / "rör")
    assert _codes(repo).get("MS021") == ["x.yaml"]


@posix_only
def test_read_bytes_refuses_special_and_outside_files(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "ut.yaml").symlink_to(_secret_file(tmp_path))
    os.mkfifo(repo / "f.yaml")
    with pytest.raises(Refused) as outside:
        read_bytes(repo, "ut.yaml")
    assert outside.value.code == "MS020"
    with pytest.raises(Refused) as fifo:
        read_bytes(repo, "f.yaml")
    assert fifo.value.code == "MS021"
    with pytest.raises(Refused):
        read_bytes(repo, "../utanfor/env.yaml")


def _outcome(read: object, rel: str) -> object:
    try:
        return read(rel)  # type: ignore[operator]
    except OSError as err:
        return (type(err).__name__, getattr(err, "code", ""), str(err))


@posix_only
def test_repo_reader_reads_and_refuses_as_read_bytes(tmp_path: Path) -> None:
    """The folder-remembering reader of a run gives the same bytes and errors."""
    repo = tmp_path / "r"
    (repo / "riktig").mkdir(parents=True)
    (repo / "riktig" / "a.yaml").write_text("typ: organisation\n", "utf-8")
    (repo / "länkad").symlink_to(repo / "riktig", target_is_directory=True)
    (repo / "b.yaml").symlink_to(repo / "riktig" / "a.yaml")
    (repo / "ut.yaml").symlink_to(_secret_file(tmp_path))
    (repo / "ute").symlink_to(tmp_path / "utanfor", target_is_directory=True)
    (repo / "trasig.yaml").symlink_to(repo / "finns-inte.yaml")
    (repo / "mapp.yaml").mkdir()
    os.mkfifo(repo / "f.yaml")
    files = RepoReader(repo)
    rels = ["riktig/a.yaml", "länkad/a.yaml", "b.yaml", "ut.yaml", "ute/env.yaml",
            "trasig.yaml", "borta.yaml", "mapp.yaml", "f.yaml", "../utanfor/env.yaml",
            "riktig/../riktig/a.yaml", "riktig/.."]
    for rel in rels * 2:  # the second time from what the reader remembers
        assert _outcome(files.read, rel) == _outcome(lambda r: read_bytes(repo, r), rel), rel
    assert files.read("riktig/a.yaml") == b"typ: organisation\n"


def test_read_stops_one_byte_past_the_limit(tmp_path: Path) -> None:
    (tmp_path / "stor.yaml").write_bytes(b"a" * 5000)
    assert len(read_bytes(tmp_path, "stor.yaml", limit=100)) == 101


@posix_only
def test_symlinked_folders_and_files_inside_are_treated_alike(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    (repo / "riktig").mkdir(parents=True)
    (repo / "riktig" / "a.yaml").write_text("typ: organisation\n", "utf-8")
    (repo / "länkad").symlink_to(repo / "riktig", target_is_directory=True)
    (repo / "b.yaml").symlink_to(repo / "riktig" / "a.yaml")
    found = walk(repo)
    assert found.files == ["riktig/a.yaml"]  # read once, under its own name
    assert found.problems == []
    # Links to what the walk does not reach on its own are followed, files and folders alike.
    (repo / ".delat").mkdir()
    (repo / ".delat" / "c.yaml").write_text("typ: organisation\n", "utf-8")
    (repo / ".delat" / "d.yaml").write_text("typ: organisation\n", "utf-8")
    (repo / "delat").symlink_to(repo / ".delat", target_is_directory=True)
    (repo / "d.yaml").symlink_to(repo / ".delat" / "d.yaml")
    found = walk(repo)
    assert found.files == ["d.yaml", "delat/c.yaml", "riktig/a.yaml"]
    assert found.problems == []


@posix_only
def test_symlinked_folder_outside_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    _secret_file(tmp_path)
    (repo / "ute").symlink_to(tmp_path / "utanfor", target_is_directory=True)
    found = walk(repo)
    assert found.files == []
    assert [(p.code, p.file) for p in found.problems] == [("MS020", "ute")]


@posix_only
def test_link_loops_are_bounded(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    (repo / "a").mkdir(parents=True)
    (repo / "a" / "plan.yaml").write_text("typ: organisation\n", "utf-8")
    (repo / "a" / "igen").symlink_to(repo, target_is_directory=True)
    found = walk(repo)
    assert found.files == ["a/plan.yaml"]
    assert [(p.code, p.file) for p in found.problems] == [("MS023", "a/igen")]


def test_a_tree_a_thousand_folders_deep_is_cut_with_a_finding(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    deep = repo
    for _ in range(40):  # deep enough to pass the limit; 1,000 is below
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "plan.yaml").write_text("typ: organisation\n", "utf-8")
    found = walk(repo, limits=WalkLimits(max_depth=32))
    assert found.files == []
    assert [p.code for p in found.problems] == ["MS023"]
    assert "gränser" in found.problems[0].hint


@posix_only
def test_a_thousand_levels_do_not_recurse(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    # Build 1,000 levels with relative mkdir calls (absolute paths would pass PATH_MAX).
    here = os.getcwd()
    try:
        os.chdir(repo)
        for _ in range(1000):
            os.mkdir("d")
            os.chdir("d")
    finally:
        os.chdir(here)
    try:
        found = walk(repo, limits=WalkLimits(max_depth=2000))
        assert found.files == []  # walked to the bottom without RecursionError
    finally:
        _remove_deep(repo)


def _remove_deep(repo: Path) -> None:
    """Remove a very deep tree without recursion (shutil.rmtree recurses per level)."""
    here = os.getcwd()
    try:
        os.chdir(repo)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_unreadable_folder_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "r"
    (repo / "hemligt").mkdir(parents=True)
    (repo / "plan.yaml").write_text("typ: organisation\n", "utf-8")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("hemligt"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = walk(repo)
    assert found.files == ["plan.yaml"]
    assert [(p.code, p.file) for p in found.problems] == [("MS022", "hemligt")]
    assert "behörighet" in found.problems[0].message


def test_run_limits_on_files_and_bytes(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    settings = repo / "malstyrning.yaml"
    text = settings.read_text("utf-8")
    settings.write_text(text + "gränser:\n  max_filer: 5\n", "utf-8")
    assert "MS024" in _codes(repo)
    settings.write_text(text + "gränser:\n  max_byte_totalt: 20000\n", "utf-8")
    findings = [f for f in run(repo, use_cache=False).findings if f.code == "MS024"]
    assert len(findings) == 1 and "max_byte_totalt" in findings[0].hint
    settings.write_text(text + "gränser:\n  max_filstorlek_byte: 500\n", "utf-8")
    assert "MS006" in _codes(repo)


def test_unknown_limit_is_a_settings_error(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    settings = repo / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8") + "gränser:\n  max_filr: 5\n", "utf-8")
    with pytest.raises(ConfigError):
        run(repo, use_cache=False)


@posix_only
def test_settings_file_linked_outside_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "malstyrning.yaml").unlink()
    (repo / "malstyrning.yaml").symlink_to(_secret_file(tmp_path))
    with pytest.raises(ConfigError) as err:
        run(repo, use_cache=False)
    assert [f.code for f in err.value.findings] == ["MS020"]
    done = _cli(repo, "validate")
    assert done.returncode == 2
    assert SECRET not in done.stdout + done.stderr


def test_file_vanishing_mid_run_is_a_finding(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from malstyrning import pipeline

    repo = _repo(tmp_path)
    real = pipeline.read_bytes

    def vanishing(root: Path, rel: str, limit: int = 10_000_000) -> bytes:
        if rel.endswith("ubn-2027.yaml") or rel.endswith("utbildningsnamnden-2027.yaml"):
            raise FileNotFoundError(2, "No such file or directory")
        return real(root, rel, limit)

    monkeypatch.setattr(pipeline, "read_bytes", vanishing)
    for use_cache in (False, True):
        result = run(repo, use_cache=use_cache)
        gone = [f for f in result.findings if f.code == "MS011"]
        assert gone and "togs den bort" in gone[0].message


def test_positions_of_a_vanished_file_do_not_crash(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from malstyrning import pipeline
    from malstyrning.findings import Finding

    calls: list[str] = []

    def gone(root: Path, rel: str, limit: int = 10_000_000) -> bytes:
        calls.append(rel)
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(pipeline, "read_bytes", gone)
    located = pipeline._locate(tmp_path, [Finding("MS210", "borta.yaml", "x", "y",
                                                  path=("effektmål", 0))], None, {})
    assert calls == ["borta.yaml"]
    assert located[0].line == 1


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_memory_limit_gives_a_clear_message(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    settings = repo / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8") + "gränser:\n  max_minne_mb: 64\n",
                        "utf-8")
    done = _cli(repo, "validate", "--no-cache")
    assert done.returncode == 2
    assert "minnesgränsen" in done.stderr
    assert "Traceback" not in done.stderr
