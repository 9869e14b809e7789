"""A cache of per-file results, keyed by file content, tool version and settings.

It lives in ``.malstyrning_cache/`` at the repository root (ignored by git through its
own ``.gitignore``). Entries are keyed by a hash of the file's path and bytes. Like
git's index, the cache also remembers each file's size and modification time with
the hash it had, so an unchanged file need not even be read; a file modified less
than two seconds before the cache was written is always read again ("racily clean").
One file holds every entry; it is replaced atomically, so concurrent runs never see
half a cache — the last writer wins, and a damaged file is treated as empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

from malstyrning import __version__

CACHE_DIR = ".malstyrning_cache"
_FORMAT = 3
_RACY_NS = 2_000_000_000


def content_key(rel: str, raw: bytes) -> str:
    """The cache key of one file: its path and its exact bytes (kept apart)."""
    name = rel.encode("utf-8")
    digest = hashlib.blake2b(len(name).to_bytes(4, "little") + name, digest_size=16)
    digest.update(raw)
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """Size and mtime of the package's own code and data, so an edited or upgraded
    installation never trusts results computed by other code (same version number)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
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
        self.stats: dict[str, tuple[int, int, int, int, str]] = {}
        self.written_ns = 0
        self.dirty = False
        self._load()

    def _load(self) -> None:
        try:
            blob = self.path.read_bytes()
        except OSError:
            return
        try:
            entries, positions, stats, written_ns = marshal.loads(blob)
            if isinstance(entries, dict) and isinstance(positions, dict) and isinstance(
                    stats, dict):
                self.entries, self.positions = entries, positions
                self.stats, self.written_ns = stats, int(written_ns)
        except (EOFError, ValueError, TypeError):
            self.entries, self.positions, self.stats = {}, {}, {}

    def known_key(self, rel: str, stat: os.stat_result) -> str | None:
        """The content key of an unchanged file, judged as git does by modification and
        change time, size and inode, else None."""
        seen = self.stats.get(rel)
        if seen is None or seen[:4] != _stat_tuple(stat):
            return None
        if max(stat.st_mtime_ns, stat.st_ctime_ns) >= self.written_ns - _RACY_NS:
            return None
        return seen[4] if seen[4] in self.entries else None

    def remember(self, rel: str, stat: os.stat_result, key: str) -> None:
        entry = (*_stat_tuple(stat), key)
        if self.stats.get(rel) != entry:
            self.stats[rel] = entry
            self.dirty = True

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, record: Any) -> None:
        self.entries[key] = record
        self.dirty = True

    def position(self, key: str, path: tuple[Any, ...]) -> tuple[int, int] | None:
        known = self.positions.get(key)
        where = known.get(path) if isinstance(known, dict) else None
        if (isinstance(where, tuple) and len(where) == 2
                and all(type(x) is int and x > 0 for x in where)):
            return where
        return None

    def put_position(self, key: str, path: tuple[Any, ...], where: tuple[int, int]) -> None:
        known = self.positions.get(key)
        if not isinstance(known, dict):
            known = self.positions[key] = {}
        known[path] = where
        self.dirty = True

    def save(self, live: dict[str, str]) -> None:
        """Write the entries of files that still exist (``live``: path → key)."""
        live_keys = set(live.values())
        stale = set(self.entries) - live_keys
        racy = any(max(s[0], s[2]) >= self.written_ns - _RACY_NS
                   for s in self.stats.values())
        if not self.dirty and not stale and not racy:
            return
        entries = {k: v for k, v in self.entries.items() if k in live_keys}
        positions = {k: v for k, v in self.positions.items() if k in live_keys}
        stats = {rel: s for rel, s in self.stats.items() if live.get(rel) == s[4]}
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Skapad av malstyrning: cachen ska inte in i git.\n*\n",
                                  encoding="utf-8")
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps((entries, positions, stats, time.time_ns())))
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


def _stat_tuple(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns, stat.st_ino)


def load_settings_data(root: Path, key: str) -> Any:
    """The checked data of ``malstyrning.yaml`` with content ``key``, if cached."""
    try:
        blob = (root / CACHE_DIR / f"installningar-{key}.bin").read_bytes()
        return marshal.loads(blob)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def save_settings_data(root: Path, key: str, data: Any) -> None:
    """Remember checked settings data (replacing older versions); errors are ignored."""
    folder = root / CACHE_DIR
    target = folder / f"installningar-{key}.bin"
    try:
        folder.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(data))
        os.replace(tmp, target)
    except (OSError, ValueError):
        return
    for other in folder.glob("installningar-*.bin"):
        if other != target:
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
