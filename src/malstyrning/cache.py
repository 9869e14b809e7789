"""A cache of per-file results, keyed by file content, tool version and settings.

It lives in ``.malstyrning_cache/`` at the repository root (ignored by git through its
own ``.gitignore``). One file holds every entry; it is replaced atomically, so
concurrent runs never see half a cache — the last writer wins, and a damaged file is
treated as empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from malstyrning import __version__

CACHE_DIR = ".malstyrning_cache"
_FORMAT = 1


def content_key(rel: str, raw: bytes) -> str:
    """The cache key of one file: its path and its exact bytes."""
    digest = hashlib.blake2b(raw, digest_size=16)
    digest.update(rel.encode("utf-8"))
    return digest.hexdigest()


class Cache:
    """Entries and known positions, loaded once and saved once per run."""

    def __init__(self, root: Path, salt: str) -> None:
        tag = hashlib.blake2b(
            f"{__version__}|{_FORMAT}|{sys.version_info[:2]}|{salt}".encode(),
            digest_size=8).hexdigest()
        self.folder = root / CACHE_DIR
        self.path = self.folder / f"filer-{tag}.bin"
        self.entries: dict[str, Any] = {}
        self.positions: dict[str, dict[tuple[Any, ...], tuple[int, int]]] = {}
        self.dirty = False
        self._load()

    def _load(self) -> None:
        try:
            blob = self.path.read_bytes()
        except OSError:
            return
        try:
            entries, positions = marshal.loads(blob)
            if isinstance(entries, dict) and isinstance(positions, dict):
                self.entries, self.positions = entries, positions
        except (EOFError, ValueError, TypeError):
            self.entries, self.positions = {}, {}

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, record: Any) -> None:
        self.entries[key] = record
        self.dirty = True

    def position(self, key: str, path: tuple[Any, ...]) -> tuple[int, int] | None:
        return self.positions.get(key, {}).get(path)

    def put_position(self, key: str, path: tuple[Any, ...], where: tuple[int, int]) -> None:
        self.positions.setdefault(key, {})[path] = where
        self.dirty = True

    def save(self, live_keys: set[str]) -> None:
        """Write the entries of files that still exist (others are dropped)."""
        stale = set(self.entries) - live_keys
        if not self.dirty and not stale:
            return
        entries = {k: v for k, v in self.entries.items() if k in live_keys}
        positions = {k: v for k, v in self.positions.items() if k in live_keys}
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Skapad av malstyrning: cachen ska inte in i git.\n*\n",
                                  encoding="utf-8")
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps((entries, positions)))
            os.replace(tmp, self.path)
        except OSError:
            # A read-only checkout or a file locked by another run: the cache is only
            # an optimisation, so carry on without it.
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)
            return
        for other in self.folder.glob("filer-*.bin"):
            if other != self.path:
                with contextlib.suppress(OSError):
                    other.unlink()


def clear(root: Path) -> int:
    """Remove the cache folder's files; returns how many were removed."""
    folder = root / CACHE_DIR
    removed = 0
    for item in folder.glob("*"):
        with contextlib.suppress(OSError):
            item.unlink()
            removed += 1
    return removed
