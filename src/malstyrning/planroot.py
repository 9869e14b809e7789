"""Which folder is the plan repository, and whether a folder is clearly not one.

With ``malstyrning.yaml`` the answer is the nearest folder holding it. Without one,
validate uses the default steering model with the given folder as the root, but first
makes sure it is not walking a home folder or a disk full of unrelated YAML: a folder
is *clearly not a plan repository* when it is the filesystem root or the user's home
folder (or a folder above it), or when none of the first :data:`PROBE_FILES` YAML files
(in walk order, hidden folders skipped, at most :data:`PROBE_FOLDERS` folders looked
into) declares one of malstyrning's document types at its top level (``typ:
verksamhetsplan`` and so on).

For the git index (pre-commit), the root is the folder of the staged
``malstyrning.yaml`` that holds the starting folder, or the only one in the index.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from malstyrning.load.discover import SKIPPED_FOLDERS, YAML_SUFFIXES

PROBE_FILES = 50
PROBE_FOLDERS = 500
_HEAD_BYTES = 65_536


@cache
def _kind_pattern() -> re.Pattern[bytes]:
    from malstyrning.config import defaults

    kinds = b"|".join(re.escape(k.encode()) for k in sorted(defaults()["dokumenttyper"]))
    return re.compile(rb"^typ:[ \t]*([\"']?)(" + kinds + rb")\1[ \t]*(#.*)?\r?$", re.M)


def is_plan_document(raw: bytes) -> bool:
    """True when the YAML text declares one of malstyrning's document types."""
    return _kind_pattern().search(raw[:_HEAD_BYTES]) is not None


def _walk_yaml(folder: Path) -> Iterable[Path]:
    """YAML files below ``folder`` breadth first, as far as the probe's bounds allow."""
    queue = [folder]
    looked = 0
    while queue and looked < PROBE_FOLDERS:
        current = queue.pop(0)
        looked += 1
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIPPED_FOLDERS:
                        queue.append(Path(entry.path))
                elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file():
                    yield Path(entry.path)
            except OSError:
                continue


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(_HEAD_BYTES)
    except OSError:
        return b""


def _is_home_or_above(folder: Path) -> bool:
    home = Path.home().resolve()
    return folder == home or folder in home.parents


def not_a_plan_repository(folder: Path) -> str | None:
    """Why ``folder`` (without a malstyrning.yaml) is clearly not a plan repository, in
    Swedish; None when it may be one, or holds no YAML at all (validate then says so)."""
    folder = folder.resolve()
    if folder.parent == folder:
        return f"{folder} är roten i filsystemet"
    if _is_home_or_above(folder):
        return f"{folder} är din hemmapp" if folder == Path.home().resolve() else (
            f"{folder} ligger ovanför din hemmapp")
    return _judge(_head(p) for p in _walk_yaml(folder))


def snapshot_not_a_plan_repository(files: dict[str, bytes]) -> str | None:
    """:func:`not_a_plan_repository` for files from git (relative paths → bytes)."""
    names = sorted((rel for rel in files
                    if not any(part.startswith(".") for part in rel.split("/"))),
                   key=lambda rel: (rel.count("/"), rel))
    return _judge(files[rel] for rel in names)


def _judge(heads: Iterable[bytes]) -> str | None:
    seen = 0
    for raw in heads:
        if is_plan_document(raw):
            return None
        seen += 1
        if seen >= PROBE_FILES:
            break
    if seen == 0:
        return None
    from malstyrning.config import defaults
    from malstyrning.words import listing

    kinds = listing([f"`typ: {kind}`" for kind in sorted(defaults()["dokumenttyper"])])
    if seen == 1:
        which = f"den enda YAML-filen har inte {kinds}"
    else:
        first = f"de första {seen}" if seen >= PROBE_FILES else f"de {seen}"
        which = f"ingen av {first} YAML-filerna har {kinds}"
    return f"ingen malstyrning.yaml finns här eller ovanför, och {which}"


def default_model_note(root: Path) -> str:
    """The info line for a run without malstyrning.yaml: which model, which folder."""
    from malstyrning.config import settings_from_data

    chain = " → ".join(level.lower for level in settings_from_data(root, None).chain.levels)
    return (f"malstyrning: info: ingen malstyrning.yaml i {root} eller mapparna ovanför; "
            f"kontrollerar {root} med standardmodellen ({chain}). Skapa malstyrning.yaml "
            "(`typ: inställningar`) i planrepots rot för en egen modell.")


def refusal_message(reason: str, root: Path) -> str:
    """The usage error for a folder that is clearly not a plan repository."""
    return (f"malstyrning: {root} ser inte ut som ett planrepo: {reason}. Kör kommandot i "
            "planrepot (mappen med malstyrning.yaml) eller ange den, t.ex. `malstyrning "
            "validate planer/`; kör med --force för att ändå kontrollera alla YAML-filer "
            "här med standardmodellen.")


def index_root(start: Path, explicit: bool) -> Path:
    """The plan root for checking the git index from ``start`` (the working folder, or
    the folder the user named when ``explicit``).

    The nearest folder at or above ``start`` whose ``malstyrning.yaml`` is staged; else,
    when ``start`` was not named, the only such folder below it; else ``start`` itself.
    Raises GitError when several plan repositories below ``start`` could be meant.
    """
    from malstyrning.load.gittree import GitError, settings_folders_in_index, toplevel

    start = start.resolve()
    top = toplevel(start).resolve()
    folder = start if start.is_dir() else start.parent
    rel = folder.relative_to(top).as_posix()
    rel = "" if rel == "." else rel
    folders = settings_folders_in_index(top)
    holding = [f for f in folders if f == "" or rel == f or rel.startswith(f + "/")]
    if holding:
        return top / max(holding, key=len)
    if explicit:
        return folder
    below = [f for f in folders if rel == "" or f.startswith(rel + "/")]
    if len(below) == 1:
        return top / below[0]
    if len(below) > 1:
        raise GitError("git-repot har flera planrepon (" + ", ".join(
            f"{f}/malstyrning.yaml" for f in below[:5]) + "); ange vilket som ska "
            "kontrolleras, t.ex. `malstyrning validate --staged " + below[0] + "` (i "
            ".pre-commit-config.yaml: `args: [" + below[0] + "]`).")
    return folder
