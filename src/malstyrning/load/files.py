"""Opening repository files safely: only regular files inside the plan repository.

A plan repository is often someone else's pull request, and CI prints what it reads.
So a path is read only when it resolves (through any symbolic links) to a regular file
inside the repository: a link to ``/proc/self/environ`` or ``/etc/passwd`` is refused
before anything is opened, and a FIFO, device or socket is never opened in a way that
can block or stream without end. Reads stop one byte past the size limit, so a file
that grows (or a link swapped for ``/dev/zero`` between the check and the read) cannot
exhaust memory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from malstyrning.findings import Finding

# Read at most this many bytes of one file unless the caller asks for another limit.
DEFAULT_LIMIT = 10_000_000

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0))


class Refused(OSError):
    """A path that malstyrning will not read, with the rule code and a Swedish reason."""

    def __init__(self, code: str, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.hint = hint


def special_kind(mode: int) -> str:
    """The Swedish name of a file type that is not a regular file or a folder."""
    if stat.S_ISFIFO(mode):
        return "en namngiven pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    if stat.S_ISSOCK(mode):
        return "en socket"
    if stat.S_ISDIR(mode):
        return "en mapp"
    return "ingen vanlig fil"


def is_inside(root_real: str, real: str) -> bool:
    """True when the resolved path ``real`` lies in (or is) the resolved ``root_real``."""
    if real == root_real:
        return True
    prefix = root_real if root_real.endswith(os.sep) else root_real + os.sep
    return real.startswith(prefix)


def outside_refusal(rel: str) -> Refused:
    return Refused(
        "MS020",
        f"`{rel}` är en symbolisk länk som leder utanför planrepot; den läses inte.",
        "Lägg filen i planrepot i stället för att länka till den, eller ta bort länken. "
        "malstyrning läser aldrig filer utanför planrepot, så att inget från datorn "
        "(till exempel miljövariabler eller lösenordsfiler) kan hamna i en logg.")


def special_refusal(rel: str, mode: int) -> Refused:
    return Refused(
        "MS021",
        f"`{rel}` är {special_kind(mode)}, inte en vanlig fil; den läses inte.",
        "Ta bort den ur planrepot eller undanta den med `exkludera` i malstyrning.yaml. "
        "Planfiler ska vara vanliga textfiler.")


def resolve_inside(root: Path, rel: str) -> str:
    """The resolved path of ``rel`` (must be a regular file inside ``root``), else Refused.

    FileNotFoundError and PermissionError pass through unchanged.
    """
    root_real = os.path.realpath(root)
    real = os.path.realpath(os.path.join(root_real, rel))
    if not is_inside(root_real, real):
        raise outside_refusal(rel)
    mode = os.stat(real).st_mode
    if not stat.S_ISREG(mode):
        raise special_refusal(rel, mode)
    return real


def read_limited(real: str | os.PathLike[str], rel: str, limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of the regular file at ``real`` (at most ``limit`` + 1 of them).

    Opened without following a final link and without blocking, then checked with
    ``fstat``: a FIFO or device (also one swapped in after an earlier check) is
    :class:`Refused` before a byte is read. Other OSErrors pass through.
    """
    fd = os.open(real, _OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise special_refusal(rel, mode)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_bytes(root: Path, rel: str, limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of one repository file (at most ``limit`` + 1 of them).

    Raises :class:`Refused` for links out of the repository and for files that are not
    regular; other OSErrors (missing, no permission) pass through.
    """
    return read_limited(resolve_inside(root, rel), rel, limit)


class RepoReader:
    """:func:`read_bytes` for many files of one repository in one run.

    The resolved path of each folder is remembered, so a file costs one ``lstat``
    instead of resolving every component of its path again (``realpath`` of a file
    that is no link is its resolved folder joined with its name). Anything unusual (a
    link, a vanished file) takes :func:`read_bytes` itself, with its exact errors.
    Keep one only for the length of a run: a folder swapped for a link later is not
    seen.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root_real = os.path.realpath(root)
        self._folders: dict[str, str] = {}

    def read(self, rel: str, limit: int = DEFAULT_LIMIT) -> bytes:
        """The bytes of ``rel``, as :func:`read_bytes` gives them (or raises)."""
        folder, _, name = rel.rpartition("/")
        if name in ("", ".", ".."):
            return read_bytes(self.root, rel, limit)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = os.path.realpath(os.path.join(self.root_real, folder))
            self._folders[folder] = real_folder
        real = os.path.join(real_folder, name)
        try:
            mode = os.lstat(real).st_mode
        except OSError:
            return read_bytes(self.root, rel, limit)
        if not stat.S_ISREG(mode) or not is_inside(self.root_real, real):
            return read_bytes(self.root, rel, limit)
        return read_limited(real, rel, limit)


def os_reason(err: OSError) -> str:
    """Why the operating system refused, in Swedish, for a finding's message."""
    if isinstance(err, PermissionError):
        return "malstyrning saknar behörighet att läsa den"
    return f"operativsystemet svarade: {err.strerror or err}"


def unreadable(rel: str, err: OSError) -> Finding:
    """The finding for a file that could not be read (refused, vanished, no permission)."""
    if isinstance(err, Refused):
        return Finding(err.code, rel, err.reason, err.hint, line=1, column=1)
    why = ("filen finns inte (en trasig genväg/symbolisk länk, eller så togs den bort "
           "medan malstyrning körde)" if isinstance(err, FileNotFoundError)
           else os_reason(err))
    return Finding("MS011", rel, f"Filen kan inte läsas: {why}.",
                   "Kontrollera filen och dess behörigheter, eller ta bort den.", line=1,
                   column=1)


def source_lines(root: Path, files: dict[str, bytes] | None = None
                 ) -> Callable[[str], list[str]]:
    """A reader of a repository file's lines for the text output formats: from ``files``
    (a git snapshot) when given, else from disk through :func:`read_bytes` (the same
    limits and refusals as the run). Each file is read once; an unreadable one has no
    lines."""
    cache: dict[str, list[str]] = {}

    def source(file: str) -> list[str]:
        if file not in cache:
            try:
                raw = files.get(file, b"") if files is not None else read_bytes(root, file)
                # line numbers count "\n" only, so split on nothing else (not U+2028)
                cache[file] = raw.decode("utf-8", "replace").split("\n")
            except OSError:
                cache[file] = []
        return cache[file]

    return source
