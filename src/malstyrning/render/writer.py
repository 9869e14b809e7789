"""Write rendered documents into ``--out``, and nowhere else, all or nothing.

A render writes in three steps:

1. **Check.** ``--out`` must be a real folder of its own: not a file, not a symbolic
   link, not the root of a file system, not the plan repository or a folder that
   contains it. Every target is looked at (without following links or opening
   special files) before anything changes: a folder where a document should go stops
   the render, and so does a file malstyrning did not write, unless ``force``.
2. **Stage.** Every document is written to a hidden temporary folder *inside*
   ``--out`` (so a read-only parent folder does not matter, and ``os.replace`` stays
   on one file system).
3. **Swap.** Each changed document is moved into place with ``os.replace`` (atomic:
   a reader never sees half a document). The old version is kept aside until every
   document is in place; if any step fails, every document already swapped is put
   back, so a failed render leaves the old documents exactly as they were.

What malstyrning wrote is listed with a checksum in :data:`MANIFEST`, a small file in
``--out``. A file there that is not in the list, or that was changed after
malstyrning wrote it (a user's own ``index.html``), is never overwritten without
``force``. Nothing in ``--out`` is ever deleted except the temporary folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The list of what malstyrning wrote into --out (name → SHA-256 of the bytes).
MANIFEST = ".malstyrning-dokument.json"
MANIFEST_FORMAT = 1
STAGING_PREFIX = ".malstyrning-tmp-"

# Names Windows reserves for devices, with or without an extension ("CON.html").
_WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{d}{n}" for d in ("com", "lpt") for n in (*"123456789", "¹", "²", "³")])
# Characters no Windows file name may hold, path separators and control characters.
_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Most file systems allow 255 bytes per name.
MAX_NAME_BYTES = 255
# How many foreign files a refusal names before it says "and N more".
_LISTED = 5


class OutputRefused(Exception):
    """``--out`` cannot be written as asked; the message (Swedish) says what to do.

    Raised before anything was changed.
    """


class WriteFailed(Exception):
    """Writing failed part-way. ``intact`` tells whether every old document was restored."""

    def __init__(self, message: str, intact: bool) -> None:
        super().__init__(message)
        self.intact = intact


@dataclass
class WriteResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def unsafe_name(name: str) -> str:
    """Why ``name`` cannot be a document's file name on every platform ('' if it can)."""
    if not name or name in (".", "..") or name.startswith("."):
        return "tomt namn eller namn som börjar med punkt"
    if _BAD_CHARS.search(name):
        return "tecken som inte får stå i ett filnamn (/ \\ : * ? \" < > | eller styrtecken)"
    if name.endswith((".", " ")):
        return "slutar med punkt eller mellanslag"
    if name.split(".", 1)[0].casefold() in _WINDOWS_DEVICES:
        return "namn som Windows reserverar för en enhet (t.ex. CON, NUL, COM1)"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"längre än {MAX_NAME_BYTES} byte"
    return ""


def check_out_folder(out: Path, protected: Iterable[Path] = ()) -> Path:
    """The folder ``out`` resolved, or :class:`OutputRefused` saying why it cannot be used.

    ``protected`` are folders that ``out`` may be neither equal to nor contain (the
    plan repository). ``out`` need not exist yet.
    """
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputRefused(f"--out {out} går inte att läsa ({_reason(err)}). "
                            "Ange en annan mapp.") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        target = out.resolve()
        raise OutputRefused(
            f"--out {out} är en symbolisk länk till {target}. malstyrning skriver "
            "inte genom länkar, så att dokumenten inte hamnar någon annanstans än du tror. "
            f"Ange mappen direkt: --out {target}")
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise OutputRefused(
            f"--out {out} finns redan och är en fil, inte en mapp. Ange en mapp "
            "för dokumenten, t.ex. --out dokument.")
    resolved = out.resolve()
    if resolved.parent == resolved or resolved == Path(resolved.anchor):
        raise OutputRefused(
            f"--out {out} är roten i ett filsystem. Dokumenten behöver en egen "
            "mapp: ange t.ex. --out dokument (mappen skapas om den inte finns).")
    for folder in protected:
        repo = folder.resolve()
        if resolved == repo:
            raise OutputRefused(
                f"--out {out} är planrepot. Dokumenten ska ligga i en egen mapp, "
                f"så att de inte blandas med planfilerna: ange t.ex. --out {repo / 'dokument'}.")
        if repo.is_relative_to(resolved):
            raise OutputRefused(
                f"--out {out} innehåller planrepot {repo}. Dokumenten ska ligga i "
                f"en egen mapp: ange t.ex. --out {repo / 'dokument'}.")
    if info is not None and not os.access(resolved, os.W_OK | os.X_OK):
        raise OutputRefused(
            f"Mappen {out} är skrivskyddad. Ge dig själv skrivrätt till mappen, "
            "eller ange en annan mapp med --out.")
    return resolved


def same_bytes(old: bytes, new: bytes) -> bool:
    """Whether a file on disk holds the new bytes (what ``same`` adds to, below)."""
    return old == new


def write_atomically(out: Path, files: Mapping[str, str | bytes], *, force: bool = False,
                     protected: Iterable[Path] = (),
                     same: Callable[[bytes, bytes], bool] | None = None) -> WriteResult:
    """Write ``files`` (name → text, written as UTF-8, or bytes for Word and PDF) into
    the folder ``out``, all or nothing. A file this writer wrote before is left as it
    is when its bytes are the new ones, or when ``same(old, new)`` says they show the
    same (a PDF printed again, see :func:`malstyrning.render.pdf.same_print`).

    Raises :class:`OutputRefused` (nothing changed) when ``out`` or a target cannot be
    used, and :class:`WriteFailed` when writing failed part-way.
    """
    _check_names(files)
    folder = check_out_folder(out, protected)
    encoded = {name: text if isinstance(text, bytes) else text.encode("utf-8")
               for name, text in files.items()}
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputRefused(f"Mappen {out} kunde inte skapas ({_reason(err)}). "
                            "Ange en mapp där du har skrivrätt.") from None
    check_out_folder(out, protected)  # it may have been replaced by a link meanwhile
    manifest, manifest_ok = _read_manifest(folder)
    result = WriteResult()
    changes, foreign = _plan(folder, encoded, manifest, result, same)
    if not manifest_ok:
        foreign.append(MANIFEST)
    if foreign and not force:
        raise OutputRefused(_foreign_message(out, foreign))
    entries = {name: digest for name, digest in manifest.items()
               if name not in encoded and _is_regular(folder / name)}
    entries.update({name: _digest(data) for name, data in encoded.items()})
    manifest_bytes = _manifest_bytes(entries)
    if manifest_ok and _read_bytes(folder / MANIFEST) == manifest_bytes and not changes:
        return result
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    except OSError as err:
        raise OutputRefused(f"Kunde inte skriva i {out} ({_reason(err)}). "
                            "Ge dig själv skrivrätt till mappen, eller ange en annan mapp "
                            "med --out.") from None
    try:
        new, old = staging / "ny", staging / "gammal"
        new.mkdir()
        old.mkdir()
        staged = {name: encoded[name] for name in changes}
        staged[MANIFEST] = manifest_bytes
        try:
            _write_files(new, staged)
        except OSError as err:
            raise WriteFailed(f"Kunde inte skriva dokumenten i {out} "
                              f"({_reason(err)}). Inga dokument ändrades.", True) from None
        _swap(folder, new, old, [*changes, MANIFEST], out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.written = [folder / name for name in changes]
    return result


def _check_names(files: Mapping[str, str | bytes]) -> None:
    seen: dict[str, str] = {}
    for name in files:
        problem = unsafe_name(name)
        if problem:
            raise ValueError(f"not a safe file name ({problem}): {name!r}")
        # "A.html" and "a.html" are one file on Windows and macOS.
        key = name.casefold()
        if key in seen:
            raise ValueError(f"two documents would share a file: {seen[key]!r}, {name!r}")
        seen[key] = name


def _plan(folder: Path, encoded: dict[str, bytes], manifest: Mapping[str, str],
          result: WriteResult, same: Callable[[bytes, bytes], bool] | None = None
          ) -> tuple[list[str], list[str]]:
    """Which documents change, and which targets are not malstyrning's to replace (a
    file kept because it shows the same takes the place of the new bytes in
    ``encoded``, so that the manifest records what is on disk)."""
    changes: list[str] = []
    foreign: list[str] = []
    for name in sorted(encoded):
        target = folder / name
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            changes.append(name)
            continue
        if stat.S_ISDIR(info.st_mode):
            raise OutputRefused(
                f"{target} är en mapp, så dokumentet {name} kan inte skrivas dit. Flytta "
                "eller byt namn på mappen och kör igen. Inga dokument ändrades.")
        if not stat.S_ISREG(info.st_mode):
            # A link, FIFO or device: never opened, replaced (the entry itself) only
            # with force.
            foreign.append(name)
            changes.append(name)
            continue
        current = _read_bytes(target)
        if current == encoded[name]:
            result.unchanged.append(target)
            continue
        if current is None or manifest.get(name) != _digest(current):
            foreign.append(name)
        elif same is not None and same(current, encoded[name]):  # ours, showing the same
            encoded[name] = current
            result.unchanged.append(target)
            continue
        changes.append(name)
    return changes, foreign


def _swap(folder: Path, new: Path, old: Path, names: list[str], out: Path) -> None:
    """Move each staged file into place; on failure, put every old file back."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for name in names:
            target = folder / name
            backup: Path | None = None
            if os.path.lexists(target):
                backup = old / name
                _keep_aside(target, backup)
            done.append((target, backup))
            os.replace(new / name, target)
    except OSError as err:
        intact = _roll_back(done)
        tail = ("Inga dokument ändrades." if intact else
                "Alla gamla dokument kunde inte återställas; kör kommandot igen.")
        raise WriteFailed(f"Kunde inte skriva dokumenten i {out} "
                          f"({_reason(err)}). {tail}", intact) from None


def _keep_aside(target: Path, backup: Path) -> None:
    """A second name for the old file (a hard link), or a copy where links fail."""
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:
        shutil.copy2(target, backup, follow_symlinks=False)


def _roll_back(done: list[tuple[Path, Path | None]]) -> bool:
    intact = True
    for target, backup in reversed(done):
        try:
            if backup is not None and _same_file(backup, target):
                continue  # the swap never happened: the old file is still in place
            if backup is not None:
                os.replace(backup, target)
            elif os.path.lexists(target):
                os.unlink(target)
        except OSError:
            intact = False
    return intact


def _same_file(a: Path, b: Path) -> bool:
    try:
        first, second = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


# Files written and synced at a time: fsyncs that run together share the file system's
# journal commits (the example's 15 files took 30 ms one after another on ext4, 7 ms
# together; os.fsync releases the GIL).
WRITERS = 8


def _write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write and fsync every file into ``folder``, :data:`WRITERS` at a time; the first
    error is raised once all writers have stopped."""
    import threading

    todo = list(files.items())
    failed: list[OSError] = []

    def work() -> None:
        while not failed:
            try:
                name, data = todo.pop()
            except IndexError:
                return
            try:
                _write_file(folder / name, data)
            except OSError as err:
                failed.append(err)

    writers = [threading.Thread(target=work) for _ in range(min(WRITERS, len(todo)))]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    if failed:
        raise failed[0]


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_bytes(path: Path) -> bytes | None:
    """A regular file's bytes, without following a link or opening anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> tuple[dict[str, str], bool]:
    """The names and checksums malstyrning wrote, and whether the list file is ours.

    No list file yet is fine (an empty list); a file of that name that is not such a
    list is someone else's and is not overwritten without ``force``.
    """
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return {}, True
    if path.is_dir() and not path.is_symlink():
        raise OutputRefused(
            f"{path} är en mapp; malstyrning behöver det namnet för listan över de filer "
            "det har skrivit. Flytta eller byt namn på mappen och kör igen.")
    raw = _read_bytes(path)
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError):
        data = None
    files = data.get("filer") if isinstance(data, dict) else None
    if (not isinstance(data, dict) or data.get("malstyrning") != MANIFEST_FORMAT
            or not isinstance(files, dict)):
        return {}, False
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)
            and not unsafe_name(k)}, True


def _manifest_bytes(entries: Mapping[str, str]) -> bytes:
    data = {"malstyrning": MANIFEST_FORMAT,
            "beskrivning": "Filer som malstyrning render har skrivit i den här mappen "
                           "(SHA-256). Andra filer skrivs inte över utan --force.",
            "filer": dict(sorted(entries.items()))}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _foreign_message(out: Path, names: list[str]) -> str:
    shown = ", ".join(names[:_LISTED])
    more = f" och {len(names) - _LISTED} till" if len(names) > _LISTED else ""
    return (f"I {out} finns filer som malstyrning inte har skrivit, eller som har "
            f"ändrats sedan malstyrning skrev dem: {shown}{more}. Inga dokument skrevs och "
            "inga filer ändrades. Flytta filerna, välj en annan mapp med --out, eller kör "
            "med --force för att skriva över dem.")


def _reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "saknar behörighet"
    if isinstance(err, FileNotFoundError):
        return "mappen finns inte"
    if getattr(err, "errno", None) == 28:  # ENOSPC
        return "disken är full"
    if getattr(err, "errno", None) == 30:  # EROFS
        return "filsystemet är skrivskyddat"
    return err.strerror or type(err).__name__
