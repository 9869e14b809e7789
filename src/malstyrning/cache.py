"""A cache of per-file results and of the last run's repository-wide findings.

It lives in ``.malstyrning_cache/`` at the repository root (ignored by git through its
own ``.gitignore``) and has two parts:

- the **index**, one small file read once per run: each file's size, modification
  time and content key (like git's index, so an unchanged file need not even be
  read; a file modified less than two seconds before the index was written is always
  read again, "racily clean"), each file's own findings and a digest of the facts the
  repository-wide rules read from it, and the last run's repository-wide findings with
  what it takes to reuse them (see :mod:`malstyrning.incremental`);
- the **records**, one small file per file content (``poster-…/<key>.bin``) with that
  file's part of the model, read only when a run needs it and written only for files
  that changed;
- the **link index** (``lankar-….bin``): every file's ids, kinds and ``bidrar_till``
  links in compact form, read only by a warm run whose changed files changed ids or
  links, so that it re-checks only what they touch (:mod:`malstyrning.incremental`).

Entries are keyed by a hash of the file's path and bytes. Every file is replaced
atomically, so concurrent runs never see half a cache — the last writer of the index
wins, a record another run removed is a miss, and a damaged file is treated as empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

from malstyrning import __version__

CACHE_DIR = ".malstyrning_cache"
_FORMAT = 6  # 6: the link index keeps the ids each follow-up names, the registers
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


def _write_atomically(folder: Path, target: Path, blob: bytes) -> None:
    import tempfile  # only when writing (a warm run with nothing changed writes nothing)

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Cache:
    """The index, loaded once and saved once per run, and the records, on demand."""

    def __init__(self, root: Path, salt: str) -> None:
        tag = hashlib.blake2b(
            f"{__version__}|{_FORMAT}|{sys.version_info[:2]}|{salt}".encode(),
            digest_size=8).hexdigest()
        self.folder = root / CACHE_DIR
        self.path = self.folder / f"index-{tag}.bin"
        self.records = self.folder / f"poster-{tag}"
        self.links_path = self.folder / f"lankar-{tag}.bin"
        self.links: tuple[str, Any] | None = None  # (token, record) to write
        # rel → (mtime, size, ctime, inode, key)
        self.stats: dict[str, tuple[int, int, int, int, str]] = {}
        # rel → (key, the file's own findings as records, digest of its repository facts)
        self.files: dict[str, tuple[str, list[Any], bytes]] = {}
        self.positions: dict[str, dict[tuple[Any, ...], tuple[int, int]]] = {}
        self.repo: Any = None  # the last run's repository-wide results (incremental.py)
        self.written_ns = 0
        self.fresh: dict[str, Any] = {}  # key → record computed in this run
        self.dirty = False
        self._load()
        self._known = {rel: entry[0] for rel, entry in self.files.items()
                       if _good_file(entry)}

    def _load(self) -> None:
        try:
            blob = self.path.read_bytes()
        except OSError:
            return
        try:
            fmt, stats, files, positions, repo, written_ns = marshal.loads(blob)
            if fmt == _FORMAT and all(isinstance(x, dict) for x in (stats, files, positions)):
                # a damaged entry is a miss (a flipped bit, an edit by hand): entries are
                # checked where they are used
                self.stats, self.files, self.positions = stats, files, positions
                self.repo, self.written_ns = repo, int(written_ns)
        except (EOFError, ValueError, TypeError):
            self.stats, self.files, self.positions, self.repo = {}, {}, {}, None

    def known_key(self, rel: str, stat: os.stat_result) -> str | None:
        """The content key of an unchanged file, judged as git does by modification and
        change time, size and inode, else None."""
        seen = self.stats.get(rel)
        if type(seen) is not tuple or len(seen) != 5 or seen[:4] != _stat_tuple(stat):
            return None
        if max(stat.st_mtime_ns, stat.st_ctime_ns) >= self.written_ns - _RACY_NS:
            return None
        return seen[4] if isinstance(seen[4], str) else None

    def remember(self, rel: str, stat: os.stat_result, key: str) -> None:
        entry = (*_stat_tuple(stat), key)
        if self.stats.get(rel) != entry:
            self.stats[rel] = entry
            self.dirty = True

    def summary(self, rel: str, key: str) -> tuple[list[Any], bytes] | None:
        """The file's own findings (records) and facts digest, when ``key`` is the
        content the index knows for ``rel``."""
        entry = self.files.get(rel)
        if entry is not None and _good_file(entry) and entry[0] == key:
            return entry[1], entry[2]
        return None

    def digest_of(self, rel: str) -> bytes | None:
        """The facts digest the index has for ``rel`` (whatever its content)."""
        entry = self.files.get(rel)
        return entry[2] if entry is not None and _good_file(entry) else None

    def set_summary(self, rel: str, key: str, findings: list[Any], digest: bytes) -> None:
        entry = (key, findings, digest)
        if self.files.get(rel) != entry:
            self.files[rel] = entry
            self.dirty = True

    def get(self, key: str) -> Any:
        """The record of the file content ``key``, or None."""
        if key in self.fresh:
            return self.fresh[key]
        try:
            return marshal.loads((self.records / f"{key}.bin").read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def put(self, key: str, record: Any) -> None:
        self.fresh[key] = record
        self.dirty = True

    def set_repo(self, repo: Any) -> None:
        if repo != self.repo:
            self.repo = repo
            self.dirty = True

    def link_index(self, token: str) -> Any:
        """The link index written with ``token`` (incremental.LinkIndex's record), or
        None (none, another run's, damaged)."""
        if not token:
            return None
        try:
            found, record = marshal.loads(self.links_path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return record if found == token else None

    def set_link_index(self, record: Any) -> str:
        """Write ``record`` as the link index at :meth:`save`; returns its token."""
        token = os.urandom(8).hex()
        self.links = (token, record)
        self.dirty = True
        return token

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
        """Write the index for the files that still exist (``live``: path → key), the
        records computed in this run, and remove records no file has any more."""
        live_keys = set(live.values())
        gone = {key for rel, key in self._known.items() if live.get(rel) != key} - live_keys
        try:
            racy = any(max(s[0], s[2]) >= self.written_ns - _RACY_NS
                       for s in self.stats.values())
        except (TypeError, IndexError):
            racy = True  # a damaged entry: write a good index
        if set(self.files) - set(live) or set(self.stats) - set(live):
            self.dirty = True
        if not self.dirty and not racy:
            return
        stats = {rel: s for rel, s in self.stats.items()
                 if _good_stat(s) and live.get(rel) == s[4]}
        files = {rel: e for rel, e in self.files.items()
                 if _good_file(e) and live.get(rel) == e[0]}
        positions = {k: v for k, v in self.positions.items() if k in live_keys}
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Skapad av malstyrning: cachen ska inte in i git.\n*\n",
                                  encoding="utf-8")
            if self.fresh:
                self.records.mkdir(exist_ok=True)
                for key, record in self.fresh.items():
                    if key in live_keys:
                        _write_atomically(self.records, self.records / f"{key}.bin",
                                          marshal.dumps(record))
            if self.links is not None:
                _write_atomically(self.folder, self.links_path, marshal.dumps(self.links))
            _write_atomically(self.folder, self.path, marshal.dumps(
                (_FORMAT, stats, files, positions, self.repo, time.time_ns())))
        except (OSError, ValueError):
            # A read-only checkout or a file locked by another run: the cache is only
            # an optimisation, so carry on without it.
            return
        for key in gone:
            with contextlib.suppress(OSError):
                (self.records / f"{key}.bin").unlink()
        if not self._known:  # a new index: remove those of other versions and settings
            for other in self.folder.iterdir():
                if other in (self.path, self.records, self.links_path) or not other.name.startswith(
                        ("filer-", "index-", "poster-", "lankar-")):
                    continue
                with contextlib.suppress(OSError):
                    if other.is_dir():
                        shutil.rmtree(other)
                    else:
                        other.unlink()


def _good_stat(entry: Any) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 5 and isinstance(entry[4], str)
            and all(type(x) is int for x in entry[:4]))


def _good_file(entry: Any) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], str)
            and isinstance(entry[1], list) and isinstance(entry[2], bytes))


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
        _write_atomically(folder, target, marshal.dumps(data))
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
            if item.is_dir() and not item.is_symlink():
                removed += sum(1 for _ in item.iterdir())
                shutil.rmtree(item)
            else:
                item.unlink()
                removed += 1
    return removed
