"""Where a follow-up file may be written, and how: links, locks, atomic replacement.

- A symbolic link (to the file or to a folder on its way) is followed only when its
  target is a regular file inside the plan repository; the target is then written and
  the link stays a link. A link out of the repository, a dangling link, or anything
  that is not a regular file (FIFO, device) is refused — never opened in a way that
  can block, never replaced by a file.
- Writers take a lock file beside the target (``.ubn.yaml.lock``, created atomically
  with ``O_EXCL``, so it works on Windows too) and compare the file with what they
  planned from just before replacing it; the caller re-plans when it changed.
- The file is replaced in one step (temporary file, fsync, ``os.replace``) and keeps
  its permissions.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from malstyrning.load.files import Refused, is_inside, read_limited

MAX_BYTES = 10_000_000
LOCK_TIMEOUT = 30.0  # seconds to wait for another import to finish
LOCK_STALE = 600.0  # a lock file older than this is left from a crashed run
LOCK_POLL = 0.05


class EditError(Exception):
    """A file cannot be edited safely; the message is Swedish."""


class Changed(Exception):
    """The file changed between planning and replacing it (someone else wrote it)."""


def resolve_target(root: Path, rel: str) -> Path:
    """The real path to read and write for ``rel``: links followed, inside ``root``."""
    path = root / rel
    real = Path(os.path.realpath(path))
    if not is_inside(os.path.realpath(root), str(real)):
        raise EditError(
            f"{rel} är en symbolisk länk (eller ligger i en länkad mapp) som pekar ut ur "
            f"planrepot, till {real}. malstyrning skriver bara i planrepot: ersätt länken "
            "med filen, eller kör kommandot i det repo där filen ligger.")
    if os.path.lexists(path) and not os.path.exists(path):
        raise EditError(f"{rel} är en symbolisk länk till {real}, som inte finns. Ta bort "
                        "länken eller rätta den.")
    return real


def read_regular(real: Path, rel: str) -> bytes | None:
    """The bytes of a regular file, None when it does not exist; EditError otherwise."""
    try:
        raw = read_limited(real, rel, MAX_BYTES)
    except FileNotFoundError:
        return None
    except Refused:
        raise EditError(f"{rel} är inte en vanlig fil (till exempel en FIFO eller en "
                        "enhet) och läses eller skrivs inte. Ersätt den med en vanlig "
                        "YAML-fil.") from None
    except OSError as err:
        raise EditError(f"{rel} kunde inte läsas: {err.strerror}.") from None
    if len(raw) > MAX_BYTES:
        raise EditError(f"{rel} är större än {MAX_BYTES // 1_000_000} MB och ändras inte.")
    return raw


def _default_mode() -> int:
    """What a newly created file would get (0o666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, *, expect: bytes | bool | None = False) -> None:
    """Replace ``path`` with ``data`` in one step (temporary file, fsync, os.replace).

    With ``expect`` (the bytes planned from, or None for "does not exist yet") the file
    is compared just before the replacement and :class:`Changed` raised when it differs.
    An existing file keeps its permissions; a new one gets the usual ones.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if expect is not False and read_regular(path, path.name) != expect:
            raise Changed(str(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _stale(lock: Path) -> bool:
    """A lock left by a run that crashed: its process is gone, or it is very old."""
    try:
        text = lock.read_text("utf-8", "replace")
        age = time.time() - lock.stat().st_mtime
    except OSError:
        return False
    parts = text.split()
    if (len(parts) >= 2 and parts[0].isdigit() and parts[1] == socket.gethostname()
            and not _alive(int(parts[0]))):
        return True
    return age > LOCK_STALE


@contextlib.contextmanager
def locked(target: Path, rel: str, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock file beside ``target`` (waits for another writer to finish)."""
    lock = lock_path(target)
    lock.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if _stale(lock):
                lock.unlink(missing_ok=True)
                continue
            if time.monotonic() >= deadline:
                raise EditError(
                    f"{rel} är låst av en annan import (låsfilen {lock.name} i samma mapp). "
                    "Vänta tills den är klar och försök igen; ta bort låsfilen om ingen "
                    "annan import körs.") from None
            time.sleep(LOCK_POLL)
            continue
        except OSError as err:
            raise EditError(f"{rel} kunde inte låsas för skrivning ({lock.name}: "
                            f"{err.strerror}).") from None
        break
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {socket.gethostname()} malstyrning kolada\n")
        yield
    finally:
        lock.unlink(missing_ok=True)
