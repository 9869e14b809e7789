"""Finding the plan files of a repository by walking it."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        pat = pattern.strip().strip("/")
        if fnmatch(rel, pat) or rel.startswith(pat + "/") or fnmatch(rel, pat + "/*"):
            return True
        if pat.endswith("/**") and (rel + "/").startswith(pat[:-2]):
            return True
    return False


def discover(root: Path, exclude: tuple[str, ...] = ()) -> list[str]:
    """Every YAML file under ``root`` as a sorted list of POSIX paths relative to it.

    Hidden folders and files (``.git``, ``.malstyrning_cache``) are skipped, and so is
    anything matching a pattern in ``exclude`` (``arkiv/**``, ``utkast/*.yaml``).
    """
    found: list[str] = []
    root_str = str(root)
    for folder, dirs, files in os.walk(root_str):
        rel_folder = os.path.relpath(folder, root_str).replace(os.sep, "/")
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and d not in ("node_modules", "__pycache__")
            and not _excluded(rel_folder + d, exclude)
        )
        for name in files:
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            rel = rel_folder + name
            if not _excluded(rel, exclude):
                found.append(rel)
    found.sort()
    return found


def read_bytes(root: Path, rel: str) -> bytes:
    """The raw bytes of one repository file."""
    with open(root / rel, "rb") as handle:
        return handle.read()
