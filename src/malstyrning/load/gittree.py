"""Plan files as git holds them: the index (what the next commit will contain) or a
revision (a commit, branch or tag), read with the git command line and never checked out.

``git ls-files --stage`` and ``git ls-tree`` list the entries, and one
``git cat-file --batch`` process reads their blobs. A :class:`Snapshot` holds the YAML
files below the plan root with their bytes, keyed by paths relative to that root, so
the pipeline can check it exactly as it checks a folder on disk.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from malstyrning.findings import Finding
from malstyrning.load.discover import YAML_SUFFIXES

SETTINGS_NAME = "malstyrning.yaml"
_LINK_MODE = "120000"
_SUBMODULE_MODE = "160000"


class GitError(Exception):
    """git cannot answer; the message is Swedish and says what to do."""


@dataclass(slots=True)
class Snapshot:
    """The YAML files of one version of a plan repository (paths relative to its root)."""

    label: str  # "indexet" or the revision as given
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)


def _git(top: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", "-C", str(top), *args], input=stdin,
                              capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitError("git finns inte på datorn; installera git.") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} misslyckades.")
    return done.stdout


def toplevel(path: Path) -> Path:
    """The top folder of the git work tree that holds ``path``."""
    folder = path if path.is_dir() else path.parent
    try:
        out = _git(folder, "rev-parse", "--show-toplevel")
    except GitError:
        raise GitError(f"{folder} ligger inte i ett git-repo.") from None
    return Path(out.decode("utf-8").strip())


def _entries_index(top: Path) -> list[tuple[str, str, str]]:
    """(mode, object, path) of every stage-0 entry of the index."""
    out = _git(top, "ls-files", "--stage", "-z")
    entries = []
    unmerged: set[str] = set()
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, obj, stage = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        if stage != "0":
            unmerged.add(path)
            continue
        entries.append((mode, obj, path))
    if unmerged:
        raise GitError("indexet har olösta konflikter i " + ", ".join(sorted(unmerged)[:5])
                       + "; lös dem och lägg till filerna med `git add` först.")
    return entries


def _entries_revision(top: Path, revision: str) -> list[tuple[str, str, str]]:
    try:
        _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options",
             revision + "^{commit}")
    except GitError:
        raise GitError(f"revisionen `{revision}` finns inte i git-repot (ange en commit, "
                       "en gren eller en tagg, t.ex. beslutad-2027).") from None
    out = _git(top, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", revision)
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, _kind, obj = meta.decode().split()
        entries.append((mode, obj, name.decode("utf-8", "surrogateescape")))
    return entries


def _read_blobs(top: Path, objects: Iterable[str]) -> dict[str, bytes]:
    wanted = list(dict.fromkeys(objects))
    if not wanted:
        return {}
    out = _git(top, "cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
    blobs: dict[str, bytes] = {}
    at = 0
    for obj in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<object> missing"
            continue
        size = int(header[2])
        blobs[obj] = out[at:at + size]
        at += size + 1
    return blobs


def _snapshot(top: Path, root: Path, label: str,
              entries: list[tuple[str, str, str]]) -> Snapshot:
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    snap = Snapshot(label)
    chosen: dict[str, str] = {}
    links: dict[str, str] = {}
    tree = {path for _mode, _obj, path in entries}
    for mode, obj, path in entries:
        if not path.startswith(prefix):
            continue
        rel = path[len(prefix):]
        if not rel.endswith(YAML_SUFFIXES) or mode == _SUBMODULE_MODE:
            continue
        if mode == _LINK_MODE:
            links[path] = obj
            continue
        chosen[rel] = obj
    blobs = _read_blobs(top, [*chosen.values(), *links.values()])
    snap.files = {rel: blobs[obj] for rel, obj in chosen.items() if obj in blobs}
    for path, obj in sorted(links.items()):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path),
                                                   blobs.get(obj, b"").decode("utf-8",
                                                                              "replace")))
        if target in tree and target.startswith(prefix):
            continue  # the file itself is read under its own name, as on disk
        rel = path[len(prefix):]
        snap.problems.append(Finding(
            "MS020", rel, f"`{rel}` är en symbolisk länk i git som inte leder till en "
            f"planfil i planrepot ({label} läses utan att checkas ut).",
            "Lägg planfilen själv i repot i stället för länken, eller undanta länken "
            "med `exkludera` i malstyrning.yaml.", line=1, column=1))
    return snap


def index_snapshot(root: Path) -> Snapshot:
    """The plan files below ``root`` as they stand in the index (the next commit)."""
    top = toplevel(root)
    return _snapshot(top, root, "indexet", _entries_index(top))


def revision_snapshot(root: Path, revision: str) -> Snapshot:
    """The plan files below ``root`` as they were in ``revision``."""
    top = toplevel(root)
    return _snapshot(top, root, revision, _entries_revision(top, revision))


def settings_folders_in_index(top: Path) -> list[str]:
    """Folders (relative to ``top``, "" for the top itself) whose ``malstyrning.yaml`` is
    in the index, outside hidden folders; sorted."""
    folders = []
    for _mode, _obj, path in _entries_index(top):
        parts = PurePosixPath(path).parts
        if parts[-1] == SETTINGS_NAME and not any(p.startswith(".") for p in parts[:-1]):
            folders.append("/".join(parts[:-1]))
    return sorted(folders)


def last_tag(top: Path) -> str | None:
    """The most recent tag reachable from HEAD, or None when there is none."""
    try:
        return _git(top, "describe", "--tags", "--abbrev=0").decode().strip() or None
    except GitError:
        return None
