"""Finding the plan files of a repository by walking it.

The walk is iterative and bounded (folder depth, number of files, link loops), follows
symbolic links to files and folders alike as long as they stay inside the repository,
and reports instead of reading anything that is not a regular file inside it. What it
refuses becomes a finding, so nothing is skipped in silence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from malstyrning.findings import Finding
from malstyrning.load.files import (
    is_inside,
    os_reason,
    outside_refusal,
    special_refusal,
    unreadable,
)
from malstyrning.load.ignore import Excluder

YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = ("node_modules", "__pycache__")


@dataclass(frozen=True, slots=True)
class WalkLimits:
    """Bounds on one walk; exceeding one is a finding that says how to raise it."""

    max_files: int = 20_000
    max_depth: int = 32


@dataclass(slots=True)
class Discovery:
    """The plan files found (sorted POSIX paths relative to the root) and what was refused."""

    files: list[str] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    # what the walk saw of each file (the cache's index compares it, so nobody stats twice)
    stats: dict[str, os.stat_result] = field(default_factory=dict)
    truncated: bool = False


def walk(root: Path, exclude: tuple[str, ...] = (),
         limits: WalkLimits = WalkLimits()) -> Discovery:
    """Every YAML file under ``root``, and a finding for everything that was not read.

    Hidden folders and files (``.git``, ``.malstyrning_cache``) are skipped, and so is
    anything matching a pattern in ``exclude`` (.gitignore syntax: ``arkiv/``,
    ``utkast/*.yaml``, ``**/gammalt.yaml``, ``!behåll.yaml``). Links to files and
    folders inside the repository are followed alike, after the real tree, so what
    is reachable both ways is read once, under its own name; a link back up the tree
    is a loop (MS023).
    """
    out = Discovery()
    excluder = Excluder(exclude)
    root_real = os.path.realpath(root)
    root_key = _key(root_real)
    if root_key is None:
        return out
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    # (folder path, its path relative to the root with a trailing "/", depth, via a link)
    folders: list[tuple[str, str, int, bool]] = [(root_real, "", 0, False)]
    linked: list[tuple[str, str, int, os.stat_result]] = []  # (real, rel, depth, stat)

    def add_file(rel: str, st: os.stat_result | None) -> bool:
        if len(out.files) >= limits.max_files:
            out.truncated = True
            out.problems.append(run_limit_reached(rel, "max_filer", limits.max_files))
            return False
        out.files.append(rel)
        if st is not None:
            seen_files.add((st.st_dev, st.st_ino))
            out.stats[rel] = st
        return True

    def visit(folder: str, rel_folder: str, depth: int, via_link: bool) -> bool:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            out.problems.append(_unreadable_folder(rel_folder or ".", err))
            return True
        subfolders: list[tuple[str, str, int, bool]] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = rel_folder + name
            is_link = entry.is_symlink()
            try:
                st = os.stat(entry.path) if is_link else entry.stat(follow_symlinks=False)
            except OSError:
                if (name.endswith(YAML_SUFFIXES) and not excluder.excluded(rel, False)
                        and not add_file(rel, None)):
                    return False  # a broken link: reading it says so (MS011)
                continue
            mode = st.st_mode
            is_dir = stat.S_ISDIR(mode)
            if is_dir and name in SKIPPED_FOLDERS:
                continue
            if not is_dir and not name.endswith(YAML_SUFFIXES):
                continue
            if excluder.excluded(rel, is_dir):
                continue
            if is_link:
                real = os.path.realpath(entry.path)
                if not is_inside(root_real, real):
                    out.problems.append(unreadable(rel, outside_refusal(rel)))
                elif is_dir and is_inside(real, os.path.realpath(folder)):
                    out.problems.append(_loop(rel))
                else:
                    linked.append((real, rel, depth + 1, st))
                continue
            if is_dir:
                if depth + 1 > limits.max_depth:
                    out.problems.append(_too_deep(rel, limits.max_depth))
                    continue
                subfolders.append((entry.path, rel + "/", depth + 1, via_link))
            elif stat.S_ISREG(mode):
                key = (st.st_dev, st.st_ino)
                if via_link and key in seen_files:
                    continue  # reached through a link as well: read once
                if not add_file(rel, st):
                    return False
            else:
                out.problems.append(unreadable(rel, special_refusal(rel, mode)))
        folders.extend(reversed(subfolders))
        return True

    def drain() -> bool:
        while folders:
            folder, rel_folder, depth, via_link = folders.pop()
            key = _key(folder)
            if key is None or key in seen_dirs:
                continue
            seen_dirs.add(key)
            if not visit(folder, rel_folder, depth, via_link):
                return False
        return True

    going = drain()
    while going and linked:
        batch = sorted(linked, key=lambda item: item[1])
        linked.clear()
        for real, rel, depth, st in batch:
            if stat.S_ISDIR(st.st_mode):
                if (st.st_dev, st.st_ino) in seen_dirs:
                    continue  # read already under its own name
                if depth > limits.max_depth:
                    out.problems.append(_too_deep(rel, limits.max_depth))
                    continue
                folders.append((real, rel + "/", depth, True))
                going = drain()
            elif stat.S_ISREG(st.st_mode):
                if (st.st_dev, st.st_ino) not in seen_files:
                    going = add_file(rel, st)
            else:
                out.problems.append(unreadable(rel, special_refusal(rel, st.st_mode)))
            if not going:
                break
    return _sorted(out)


def select(paths: Iterable[str], exclude: tuple[str, ...] = (),
           limits: WalkLimits = WalkLimits()) -> Discovery:
    """The plan files among ``paths`` (POSIX, relative to the root) by :func:`walk`'s
    rules, for a tree that is not on disk (a git revision or the index): hidden and
    skipped folders, the YAML suffixes, ``exclude``, the folder depth and file limits."""
    out = Discovery()
    excluder = Excluder(exclude)
    too_deep: set[str] = set()
    for rel in sorted(paths):
        parts = rel.split("/")
        if any(part.startswith(".") for part in parts) or not parts[-1].endswith(
                YAML_SUFFIXES) or any(part in SKIPPED_FOLDERS for part in parts[:-1]):
            continue
        if any(excluder.excluded("/".join(parts[:i]), True) for i in range(1, len(parts))):
            continue
        if excluder.excluded(rel, False):
            continue
        if len(parts) - 1 > limits.max_depth:
            folder = "/".join(parts[:limits.max_depth + 1])
            if folder not in too_deep:
                too_deep.add(folder)
                out.problems.append(_too_deep(folder, limits.max_depth))
            continue
        if len(out.files) >= limits.max_files:
            out.truncated = True
            out.problems.append(run_limit_reached(rel, "max_filer", limits.max_files))
            break
        out.files.append(rel)
    return _sorted(out)


def discover(root: Path, exclude: tuple[str, ...] = ()) -> list[str]:
    """The YAML files of :func:`walk`, without its findings."""
    return walk(root, exclude).files


def _sorted(out: Discovery) -> Discovery:
    out.files.sort()
    out.problems.sort(key=Finding.sort_key)
    return out


def _key(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _unreadable_folder(rel: str, err: OSError) -> Finding:
    return Finding("MS022", rel.rstrip("/") or ".", f"Mappen kan inte läsas: {os_reason(err)}; "
                   "planfiler i den kontrolleras inte.",
                   "Ge läsbehörighet till mappen, eller undanta den med `exkludera` i "
                   "malstyrning.yaml om den inte hör till planen.", line=1, column=1)


def _loop(rel: str) -> Finding:
    return Finding("MS023", rel, f"`{rel}` leder till en mapp som redan har lästs (en "
                   "symbolisk länk i en slinga eller två vägar till samma mapp); den läses "
                   "inte en gång till.",
                   "Ta bort länken, eller undanta den med `exkludera` i malstyrning.yaml.",
                   line=1, column=1)


def _too_deep(rel: str, limit: int) -> Finding:
    return Finding("MS023", rel, f"Mappstrukturen är djupare än {limit} nivåer vid `{rel}`; "
                   "mappar längre ned läses inte.",
                   "Lägg planfilerna i färre mappnivåer, eller höj gränsen med "
                   "`gränser: {max_mappdjup: …}` i malstyrning.yaml.", line=1, column=1)


_REACHED = {
    "max_filer": "Planrepot har fler än {limit} YAML-filer",
    "max_byte_totalt": "Planfilerna är tillsammans större än {limit} byte",
}


def run_limit_reached(rel: str, setting: str, limit: int) -> Finding:
    """MS024: the run stopped at ``rel`` because the limit ``setting`` was reached."""
    from malstyrning.text import number

    return Finding("MS024", rel, _REACHED[setting].format(limit=number(limit))
                   + f"; läsningen slutade vid `{rel}` och resten kontrolleras inte.",
                   "Kontrollera att du kör malstyrning i rätt mapp, undanta det som inte hör "
                   "till planen med `exkludera`, eller höj gränsen med "
                   f"`gränser: {{{setting}: …}}` i malstyrning.yaml.", line=1, column=1)
