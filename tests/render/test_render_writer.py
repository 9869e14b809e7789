"""``render --out`` writes into its folder and nowhere else, all or nothing.

Each test that runs the command keeps a *sentinel* folder beside ``--out`` (and the
plan repository) and compares a snapshot of everything in it before and after.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from render_support import EXAMPLES, write_small_repo
from typer.testing import CliRunner

from malstyrning.cli import app
from malstyrning.render import writer
from malstyrning.render.writer import (
    MANIFEST,
    OutputRefused,
    WriteFailed,
    check_out_folder,
    unsafe_name,
    write_atomically,
)

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["render", *args])


def snapshot(folder: Path) -> dict[str, tuple[object, ...]]:
    """Everything under ``folder`` (links not followed): type, bytes or target, mtime."""
    out: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            info = os.lstat(path)
            rel = path.relative_to(folder).as_posix()
            if stat.S_ISLNK(info.st_mode):
                out[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                out[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(),
                            info.st_mtime_ns, stat.S_IMODE(info.st_mode))
            elif stat.S_ISDIR(info.st_mode):
                out[rel] = ("dir", stat.S_IMODE(info.st_mode))
            else:
                out[rel] = ("other", stat.S_IFMT(info.st_mode))
    return out


@pytest.fixture
def sentinel(tmp_path: Path) -> Path:
    """A folder of someone else's files next to everything the tests write."""
    folder = tmp_path / "sentinel"
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text("sentinel index\n", "utf-8")
    (folder / "sub" / "kommunens-plan.html").write_text("sentinel plan\n", "utf-8")
    (folder / "verksamhetsplan-ubn.md").write_text("sentinel md\n", "utf-8")
    return folder


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_small_repo(tmp_path / "plan")


def _documents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


# -- --out itself

def test_out_that_is_a_file_is_refused(tmp_path: Path, plan: Path, sentinel: Path) -> None:
    target = sentinel / "index.html"
    before = snapshot(tmp_path)
    result = invoke(str(plan), "--out", str(target))
    assert result.exit_code == 2
    assert "är en fil, inte en mapp" in result.output
    assert snapshot(tmp_path) == before


def test_out_that_is_a_link_elsewhere_is_refused(tmp_path: Path, plan: Path,
                                                 sentinel: Path) -> None:
    link = tmp_path / "build"
    link.symlink_to(sentinel, target_is_directory=True)
    before = snapshot(tmp_path)
    result = invoke(str(plan), "--out", str(link))
    assert result.exit_code == 2
    assert "symbolisk länk" in result.output and str(sentinel) in result.output
    assert snapshot(tmp_path) == before


def test_out_at_the_filesystem_root_is_refused(plan: Path) -> None:
    root = Path(Path.cwd().anchor)
    before = sorted(os.listdir(root))
    result = invoke(str(plan), "--out", str(root))
    assert result.exit_code == 2
    assert "roten i ett filsystem" in result.output and "--out dokument" in result.output
    assert sorted(os.listdir(root)) == before


@pytest.mark.parametrize("where", [".", "..", "sub/.."])
def test_out_that_is_or_holds_the_plan_repository_is_refused(
        tmp_path: Path, plan: Path, sentinel: Path, where: str) -> None:
    (plan / "sub").mkdir()
    before = snapshot(tmp_path)
    result = invoke(str(plan), "--out", str(plan / where))
    assert result.exit_code == 2
    assert "planrepot" in result.output and "--out" in result.output
    assert snapshot(tmp_path) == before


def test_out_inside_the_plan_repository_is_fine(plan: Path) -> None:
    result = invoke(str(plan), "--out", str(plan / "dokument"))
    assert result.exit_code == 0, result.output
    assert (plan / "dokument" / "index.html").is_file()


def test_refusals_name_the_remedy(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    with pytest.raises(OutputRefused, match=r"ange t\.ex\. --out .*dokument"):
        check_out_folder(repo, (repo,))
    with pytest.raises(OutputRefused, match="innehåller planrepot"):
        check_out_folder(tmp_path, (repo,))
    assert check_out_folder(tmp_path / "ny" / "mapp", (repo,)) == (tmp_path / "ny" / "mapp")


@pytest.mark.skipif(AS_ROOT or os.name == "nt", reason="root may write to read-only folders")
def test_read_only_out_is_refused(tmp_path: Path, plan: Path, sentinel: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    out.chmod(0o555)
    try:
        before = snapshot(tmp_path)
        result = invoke(str(plan), "--out", str(out))
        assert result.exit_code == 2
        assert "skrivskyddad" in result.output
        assert snapshot(tmp_path) == before
    finally:
        out.chmod(0o755)


def test_read_only_out_is_refused_even_when_checks_are_skipped(
        tmp_path: Path, plan: Path, sentinel: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that turns out not to be writable (as root, only a write shows it)."""
    out = tmp_path / "build"
    out.mkdir()

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(writer.tempfile, "mkdtemp", refuse)
    before = snapshot(tmp_path)
    result = invoke(str(plan), "--out", str(out))
    assert result.exit_code == 2
    assert "saknar behörighet" in result.output and "internt fel" not in result.output
    assert snapshot(tmp_path) == before


def test_a_read_only_parent_does_not_block_a_writable_out(
        tmp_path: Path, plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = tmp_path / "delad"
    out = parent / "build"
    out.mkdir(parents=True)
    made: list[Path] = []
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*args: object, dir: str | os.PathLike[str], **kwargs: object) -> str:
        made.append(Path(dir))
        return real_mkdtemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(writer.tempfile, "mkdtemp", mkdtemp)
    parent.chmod(0o555)
    try:
        result = invoke(str(plan), "--out", str(out))
    finally:
        parent.chmod(0o755)
    assert result.exit_code == 0, result.output
    assert made and all(d.resolve() == out.resolve() for d in made), "staging outside --out"
    assert sorted(p.name for p in parent.iterdir()) == ["build"]
    assert (out / "index.html").is_file()


# -- what is in --out

def test_users_own_files_are_not_overwritten_without_force(
        tmp_path: Path, plan: Path, sentinel: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    (out / "index.html").write_text("<p>Vår egen startsida</p>\n", "utf-8")
    (out / "protokoll.docx").write_bytes(b"not ours")
    before = snapshot(tmp_path)
    result = invoke(str(plan), "--out", str(out))
    assert result.exit_code == 2
    assert "index.html" in result.output and "--force" in result.output
    assert "inga filer ändrades" in result.output
    assert snapshot(tmp_path) == before
    forced = invoke(str(plan), "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert "Vår egen startsida" not in (out / "index.html").read_text("utf-8")
    assert (out / "protokoll.docx").read_bytes() == b"not ours"


def test_a_document_changed_by_hand_is_not_overwritten_without_force(
        tmp_path: Path, plan: Path) -> None:
    out = tmp_path / "build"
    assert invoke(str(plan), "--out", str(out)).exit_code == 0
    again = invoke(str(plan), "--out", str(out))
    assert again.exit_code == 0 and "0 nya eller ändrade" in again.output
    page = out / "kommunens-plan.html"
    page.write_text(page.read_text("utf-8") + "<!-- en egen rad -->\n", "utf-8")
    settings = plan / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8").replace("Testby", "Nyby"), "utf-8")
    before = _documents(out)
    refused = invoke(str(plan), "--out", str(out))
    assert refused.exit_code == 2 and "kommunens-plan.html" in refused.output
    assert _documents(out) == before
    assert invoke(str(plan), "--out", str(out), "--force").exit_code == 0
    assert "Nyby" in page.read_text("utf-8") and "en egen rad" not in page.read_text("utf-8")


def test_documents_from_before_the_manifest_are_adopted_when_unchanged(
        tmp_path: Path) -> None:
    out = tmp_path / "build"
    write_atomically(out, {"a.html": "a\n", "b.html": "b\n"})
    (out / MANIFEST).unlink()
    result = write_atomically(out, {"a.html": "a\n", "b.html": "b\n"})
    assert result.written == [] and len(result.unchanged) == 2
    assert "a.html" in (out / MANIFEST).read_text("utf-8")
    assert write_atomically(out, {"a.html": "A\n", "b.html": "b\n"}).written == [out / "a.html"]


def test_writer_replaces_only_its_own_files(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    (out / "egen-fil.txt").write_text("rör inte", "utf-8")
    (out / "index.html").write_text("gammal", "utf-8")
    with pytest.raises(OutputRefused, match=r"index\.html"):
        write_atomically(out, {"index.html": "ny\n", "a.html": "a\n"})
    assert sorted(p.name for p in out.iterdir()) == ["egen-fil.txt", "index.html"]
    first = write_atomically(out, {"index.html": "ny\n", "a.html": "a\n"}, force=True)
    assert sorted(p.name for p in first.written) == ["a.html", "index.html"]
    assert (out / "egen-fil.txt").read_text("utf-8") == "rör inte"
    assert (out / "index.html").read_text("utf-8") == "ny\n"
    before = os.stat(out / "a.html").st_mtime_ns
    manifest = os.stat(out / MANIFEST).st_mtime_ns
    second = write_atomically(out, {"index.html": "ny\n", "a.html": "a\n"})
    assert second.written == [] and len(second.unchanged) == 2
    assert os.stat(out / "a.html").st_mtime_ns == before
    assert os.stat(out / MANIFEST).st_mtime_ns == manifest, "an unchanged render writes nothing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]
    assert not [p for p in out.iterdir() if p.name.startswith(writer.STAGING_PREFIX)]
    with pytest.raises(ValueError):
        write_atomically(out, {"../utanfor.html": "x"})


def test_a_link_in_out_is_replaced_not_followed(tmp_path: Path, sentinel: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    (out / "index.html").symlink_to(sentinel / "index.html")
    before = snapshot(sentinel)
    with pytest.raises(OutputRefused, match=r"index\.html"):
        write_atomically(out, {"index.html": "ny\n"})
    write_atomically(out, {"index.html": "ny\n"}, force=True)
    assert not (out / "index.html").is_symlink()
    assert (out / "index.html").read_text("utf-8") == "ny\n"
    assert snapshot(sentinel) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_out_is_never_opened(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    os.mkfifo(out / "index.html")
    with pytest.raises(OutputRefused, match=r"index\.html"):
        write_atomically(out, {"index.html": "ny\n"})
    write_atomically(out, {"index.html": "ny\n"}, force=True)
    assert (out / "index.html").read_text("utf-8") == "ny\n"


def test_a_foreign_manifest_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    (out / MANIFEST).write_text("mina anteckningar\n", "utf-8")
    with pytest.raises(OutputRefused, match=MANIFEST):
        write_atomically(out, {"a.html": "a\n"})
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST]
    write_atomically(out, {"a.html": "a\n"}, force=True)
    assert '"a.html"' in (out / MANIFEST).read_text("utf-8")


# -- all or nothing

def _render_twice(tmp_path: Path) -> tuple[Path, Path]:
    """The example rendered into ``build``, and a changed copy of it ready to render."""
    repo = tmp_path / "plans"
    shutil.copytree(EXAMPLES, repo, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    out = tmp_path / "build"
    assert invoke(str(repo), "--out", str(out)).exit_code == 0
    settings = repo / "malstyrning.yaml"
    text = settings.read_text("utf-8")
    assert "Heby kommun" in text
    settings.write_text(text.replace("Heby kommun", "Nyby kommun"), "utf-8")
    return repo, out


def test_a_folder_in_the_way_leaves_every_old_document(tmp_path: Path, sentinel: Path) -> None:
    repo, out = _render_twice(tmp_path)
    (out / "malkedjan.html").unlink()
    (out / "malkedjan.html").mkdir()
    before = snapshot(tmp_path)
    result = invoke(str(repo), "--out", str(out))
    assert result.exit_code == 2
    assert "malkedjan.html är en mapp" in result.output and "Inga dokument ändrades" in (
        result.output)
    assert snapshot(tmp_path) == before


def test_a_failure_during_the_swap_puts_every_old_document_back(
        tmp_path: Path, sentinel: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, out = _render_twice(tmp_path)
    before = snapshot(tmp_path)
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    result = invoke(str(repo), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "disken är full" in result.output and "Inga dokument ändrades" in result.output
    assert calls["n"] > 4, "the roll-back moved the old documents back"
    assert snapshot(tmp_path) == before


def test_write_failed_says_whether_the_old_documents_are_intact(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    write_atomically(out, {"a.html": "a\n", "b.html": "b\n"})

    def broken(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(writer.os, "replace", broken)
    with pytest.raises(WriteFailed) as failure:
        write_atomically(out, {"a.html": "A\n", "b.html": "B\n"})
    assert failure.value.intact
    assert (out / "a.html").read_text("utf-8") == "a\n"



def test_many_documents_are_written_and_synced_several_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    files = {f"d{i:02}.html": f"dokument {i}\n" for i in range(3 * writer.WRITERS + 1)}
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(writer.os, "fsync", fsync)
    result = write_atomically(out, files)
    assert sorted(p.name for p in result.written) == sorted(files)
    for name, text in files.items():
        assert (out / name).read_text("utf-8") == text
    assert len(synced) == len(files) + 1  # and the manifest
    assert not [p for p in out.iterdir() if p.name.startswith(writer.STAGING_PREFIX)]


def test_a_failed_write_among_many_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    old = {f"d{i:02}.html": f"gammal {i}\n" for i in range(3 * writer.WRITERS)}
    write_atomically(out, old)
    before = snapshot(tmp_path)
    real_write = writer._write_file

    def write(path: Path, data: bytes) -> None:
        if path.name == "d05.html":
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(writer, "_write_file", write)
    with pytest.raises(WriteFailed) as failure:
        write_atomically(out, {name: "ny\n" for name in old})
    assert failure.value.intact
    assert snapshot(tmp_path) == before

# -- names

def test_hostile_organisation_ids_and_names_stay_inside_out(
        tmp_path: Path, sentinel: Path) -> None:
    plan = write_small_repo(tmp_path / "plan")
    register = plan / "organisation.yaml"
    hostile = ["../../sentinel/index", "CON", "nul.txt", "a/b\\\\c", "..", "C:evil",
               "x" * 400, "<>:|?*", ".hidden", "AUX"]
    extra = "".join(
        f'  - id: "{org}"\n    namn: "{org} / nämnd \\\\ ../../sentinel"\n'
        f"    nivå: nämnd\n    överordnad: KF\n" for org in hostile)
    register.write_text(register.read_text("utf-8") + extra, "utf-8")
    plans = plan / "namnder"
    for n, org in enumerate(hostile):
        (plans / f"hostile-{n}.yaml").write_text(
            f'typ: verksamhetsplan\norganisation: "{org}"\nnivå: nämnd\nperiod: 2027\n'
            f"effektmål:\n  - id: H{n}-E1\n    namn: Mål\n    bidrar_till: [I1]\n", "utf-8")
    out = tmp_path / "build"
    outside = {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("build")}
    for fmt in ("html", "md"):
        result = invoke(str(plan), "--format", fmt, "--out", str(out), "--force")
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert all(not unsafe_name(n) for n in names if n != MANIFEST), names
    assert all(p.is_file() for p in out.iterdir())
    assert len([n for n in names if n.startswith("verksamhetsplan-")]) == 2 * (2 + len(hostile))
    assert {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("build")} == outside


@pytest.mark.parametrize("name", ["", ".", "..", ".dold.html", "a/b.html", "a\\b.html",
                                  "c:.html", "CON.html", "con", "Lpt1.md", "nul.tar.gz",
                                  "a\x00.html", "slut.", "slut ", "x" * 256 + ".html",
                                  "a?.html", "a*.html", 'a".html', "a|b.html"])
def test_unsafe_file_names(name: str) -> None:
    assert unsafe_name(name)


@pytest.mark.parametrize("name", ["index.html", "verksamhetsplan-con.html", "console.md",
                                  "maluppfyllelse-2027-helar-ubn.md", "com10.html"])
def test_safe_file_names(name: str) -> None:
    assert unsafe_name(name) == ""


def test_names_that_differ_only_in_case_are_one_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="share a file"):
        write_atomically(tmp_path / "build", {"A.html": "1", "a.html": "2"})
