"""A big city's documents written by two processes at once.

After the check, writing the documents is work for one core while the other waits: a
storstad's 50,000 activities fill some forty activity documents. Where the operating
system can fork (Linux), :func:`render` forks one helper process once the documents'
shared indexes are built. Each document's data is made when it is written
(:class:`~malstyrning.render.records.Document`), so each process builds only what it
writes:

* the main process writes the index and the documents whose data it reads (the nämnd
  plans, the quality review, the follow-ups), then takes documents from the queue;
* the helper takes documents from the queue — the kommun's plan, målkedjan, then the
  activity lists, biggest first — and adds each one, as its UTF-8 bytes, to a file in
  memory that the main process reads when the helper has ended (so nothing is left to
  send at the end, and the main process never decodes or encodes the helper's text).

The queue is a pipe holding one two-byte number per activity list; a read of two bytes
from a pipe is atomic, so each list is taken by exactly one process, and whichever is
free takes the next.

The helper can also be started earlier, as soon as the check has built the model
(:func:`start`, from ``run(..., on_model=…)``): it then builds the documents' data itself
while this process runs the repository-wide checks and builds its own, and waits only
for the findings (:meth:`Helper.go`) before it writes. That gives it a head start, and
what it builds is its own memory, not pages it shares with this process (each such page
written after a fork is copied first: a quarter of the documents' time). Both make the
same documents from the same model and findings, so the queue's numbers mean the same
documents in both (it then holds :data:`_MAX_QUEUE` numbers; those past the end of the
queue are skipped). The output is the same whichever process writes a document, and
the same as one process writes (a text the helper wrote arrives as its UTF-8 bytes,
which the writer writes as it is): a test compares them. If the helper fails in any
way, the main process writes what it did not send back, so an error is reported as in
one process. Elsewhere (Windows, macOS, one core, ``--jobs 1``, small repositories)
one process writes everything.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Protocol

from malstyrning.render.records import Document

# The document kind of the long activity lists (the template ``aktiviteter``).
LIST_KIND = "aktiviteter"
# Documents whose data no other document reads (the index reads the nämnd plans', the
# quality review's and the follow-ups'): either process may write them. Any other kind
# is written by the main process, where the index is. (A repository's own index
# template that reads more still works: the main process then makes that data too.)
MOVABLE = frozenset({LIST_KIND, "kommunplan", "malkedjan", "andringar"})
# Below this many rows in the activity lists, forking costs more than it saves.
SPLIT_MIN_ROWS = 5_000
_INDEX = 2  # bytes per queue entry
# The queue is written whole before the helper starts: it must fit in a pipe's buffer
# (64 KiB on Linux, at least 4 KiB anywhere).
_MAX_QUEUE = 2_000
_PICKLE = 5


class PartRenderer(Protocol):
    warnings: list[str]

    def files_of(self, documents: Sequence[Document]) -> dict[str, str | bytes]: ...

    def filename(self, doc: Document) -> str: ...

    def render_files(self) -> dict[str, str | bytes]: ...


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_split() -> bool:
    """Whether this platform and process can fork a helper safely: Linux (fork is the
    platform's own way there), more than one core, and no other thread running (a
    forked process gets only the calling thread, and locks held by others would stay
    locked)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and cores() >= 2
            and threading.active_count() == 1)


class Helper:
    """A helper process started by :func:`start`: it prepares, then waits for
    :meth:`go`, then takes documents from the queue like the helper of :func:`render`.
    :meth:`stop` ends it if :func:`render` has not taken it over."""

    def __init__(self, pid: int, tasks: int, results: int, go: int, message: int,
                 shared: tuple[int, int]) -> None:
        self.pid: int | None = pid
        self.tasks, self.results, self._go, self._message = tasks, results, go, message
        self._shared, self._shared_file = shared
        self._got: bytes | None = None
        self._asked = False

    def shared(self) -> bytes | None:
        """What the helper's ``prepare`` gave its ``share`` (waiting for it while the
        helper works towards it); None if it ended first or is not running."""
        if not self._asked and self.pid is not None:
            self._asked = True
            with contextlib.suppress(OSError):
                if os.read(self._shared, 1) == b"s":
                    os.lseek(self._shared_file, 0, os.SEEK_SET)
                    with os.fdopen(self._shared_file, "rb", closefd=False) as fh:
                        self._got = fh.read()
        return self._got

    def go(self, message: Any) -> None:
        """Let the helper finish with ``message`` (pickled: the findings and what else
        it needs); if it cannot be sent, the helper is stopped."""
        try:
            with os.fdopen(self._message, "wb", closefd=False) as out:
                pickle.dump(message, out, protocol=_PICKLE)
            os.write(self._go, b"g")
        except Exception:
            self.stop()

    def take(self) -> tuple[int, int, int] | None:
        """(pid, queue, results) for :func:`_render_two`, which then owns them."""
        if self.pid is None:
            return None
        taken = (self.pid, self.tasks, self.results)
        self.pid = None
        self._close(self._go, self._message, self._shared, self._shared_file)
        return taken

    def stop(self) -> None:
        """End the helper (if it still runs here) and close what it was given."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        self._close(self._go, self._message, self.tasks, self.results, self._shared,
                    self._shared_file)
        _stop(pid)

    @staticmethod
    def _close(*fds: int) -> None:
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)


def start(prepare: Callable[[Callable[[bytes], None]], Any],
          finish: Callable[[Any, Any], tuple[Any, Sequence[Document]]]) -> Helper | None:
    """Fork the helper now, before the documents' data exists (see the module
    docstring): it runs ``prepare(share)``, waits for :meth:`Helper.go`'s message, and
    ``finish(prepared, message)`` gives its renderer and all documents, from which it
    takes those of :func:`queue_of` as :func:`render` numbers them. What ``prepare``
    gives ``share`` (once, early: something this process would compute too) this
    process reads with :meth:`Helper.shared`. None where :func:`can_split` says no."""
    if not can_split():
        return None
    opened: list[int] = []
    try:
        tasks_r, tasks_w = os.pipe()
        opened += (tasks_r, tasks_w)
        os.write(tasks_w, _numbers(_MAX_QUEUE))
        go_r, go_w = os.pipe()
        opened += (go_r, go_w)
        shared_r, shared_w = os.pipe()
        opened += (shared_r, shared_w)
        for _ in range(3):
            opened.append(_scratch())
        results, message, shared = opened[-3:]
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
    except OSError:  # no pipes, memory files or processes left: one process writes
        Helper._close(*opened)
        return None
    if pid == 0:  # the helper: never returns
        try:
            Helper._close(tasks_w, go_w, shared_r)

            def share(data: bytes) -> None:
                with os.fdopen(shared, "wb", closefd=False) as out:
                    out.write(data)
                os.write(shared_w, b"s")
                os.close(shared_w)

            _early_helper(partial(prepare, share), finish, tasks_r, results, go_r, message)
        finally:
            os._exit(1)
    Helper._close(tasks_w, go_r, shared_w)
    return Helper(pid, tasks_r, results, go_w, message, (shared_r, shared))


def _early_helper(prepare: Callable[[], Any],
                  finish: Callable[[Any, Any], tuple[Any, Sequence[Document]]],
                  tasks: int, results: int, go: int, message: int) -> None:
    try:
        prepared = prepare()
        if os.read(go, 1) != b"g":
            os._exit(0)  # stopped: the render ended, or went another way
        os.lseek(message, 0, os.SEEK_SET)
        with os.fdopen(message, "rb", closefd=False) as fh:
            got = pickle.load(fh)
        renderer, documents = finish(prepared, got)
        if not worth_two(documents):
            os._exit(0)  # render writes them in one process, as it decides the same
        queue = queue_of(documents)
    except BaseException:
        os._exit(1)
    _helper(renderer, queue, tasks, results, len(renderer.warnings))


def rows_of(doc: Document) -> int:
    """How many rows an activity list holds (its share of the work), without making
    its data where the document knows its size."""
    if doc.size is not None:
        return doc.size
    count = getattr(doc.data, "count", 0)
    return count if isinstance(count, int) else 0


def splits(renderer: Any) -> bool:
    """Whether a renderer (or its class) writes documents in parts at all."""
    return hasattr(renderer, "files_of") and getattr(renderer, "splittable", True)


def queue_of(documents: Sequence[Document]) -> list[Document]:
    """The documents either process may write, in the order they are taken: those of
    one of a kind first, then the lists biggest first (the last documents taken are
    small, so both processes finish together)."""
    queue = [d for d in documents if d.kind in MOVABLE and d.kind != LIST_KIND]
    queue += sorted((d for d in documents if d.kind == LIST_KIND), key=rows_of, reverse=True)
    return queue


def worth_two(documents: Sequence[Document]) -> bool:
    """Whether the documents are many enough for two processes (and the queue can
    number them)."""
    return (sum(rows_of(d) for d in documents if d.kind == LIST_KIND) >= SPLIT_MIN_ROWS
            and len(documents) <= _MAX_QUEUE)


def render(renderer: Any, documents: Sequence[Document], jobs: int | None = None,
           helper: Helper | None = None) -> dict[str, str | bytes]:
    """File name → content for ``documents``, in their order, written by one process
    or two (see the module docstring). ``jobs`` 1 asks for one process. ``helper``, one
    that :func:`start` started, is used for the second (and stopped if there is none)."""
    if helper is not None and helper.pid is None:
        helper = None  # it has ended: fork another only where that is safe
    whole = not splits(renderer)
    if whole or (jobs is not None and jobs < 2) or not worth_two(documents) \
            or (helper is None and not can_split()):
        if helper is not None:
            helper.stop()
        files: dict[str, str | bytes] = (renderer.render_files() if whole
                                         else renderer.files_of(documents))
        return files
    own = [d for d in documents if d.kind not in MOVABLE]
    try:
        files = _render_two(renderer, own, queue_of(documents),
                            helper.take() if helper is not None else None)
    finally:
        if helper is not None:
            helper.stop()  # nothing left to do once taken
    ordered = {name: files.pop(name) for name in map(renderer.filename, documents)
               if name in files}
    ordered.update(files)
    return ordered


def _render_two(renderer: Any, own: list[Document], queue: list[Document],
                started: tuple[int, int, int] | None = None) -> dict[str, str | bytes]:
    """The documents on two processes: a helper forked here, or the one ``started``
    (its pid, queue and results, from :meth:`Helper.take`)."""
    if started is not None:
        pid, tasks_r, results = started
    else:
        tasks_r, tasks_w = os.pipe()
        os.write(tasks_w, _numbers(len(queue)))
        os.close(tasks_w)  # drained: a read returns b"" and both processes stop taking
        results = _scratch()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the helper: never returns
            _helper(renderer, queue, tasks_r, results, len(renderer.warnings))
    reaped = False
    try:
        files = renderer.files_of(own)
        mine: set[int] = set()
        for index in _take(tasks_r):
            if index >= len(queue):
                continue  # a started helper's queue holds more numbers than documents
            mine.add(index)
            files.update(renderer.files_of([queue[index]]))
        _, status = os.waitpid(pid, 0)
        reaped = True
        sent = _receive(results) if os.waitstatus_to_exitcode(status) == 0 else None
        if sent is not None:
            theirs, warnings = sent
            files.update(theirs)
            renderer.warnings.extend(w for w in warnings if w not in renderer.warnings)
        missing = [d for i, d in enumerate(queue) if i not in mine
                   and not _written(renderer, d, files)]
        if missing:  # the helper failed: write its part here, errors and all
            files.update(renderer.files_of(missing))
        return files
    finally:
        os.close(tasks_r)
        os.close(results)
        if not reaped:
            _stop(pid)


def _numbers(count: int) -> bytes:
    """The queue's contents: the numbers 0 … ``count`` - 1, each in :data:`_INDEX` bytes."""
    return b"".join(i.to_bytes(_INDEX, "little") for i in range(count))


def _scratch() -> int:
    """A file in memory (or an unnamed temporary file) for what the helper writes: it
    adds each document as it is done, so nothing is left to send when it ends."""
    if hasattr(os, "memfd_create"):
        try:
            return os.memfd_create("malstyrning-dokument", getattr(os, "MFD_CLOEXEC", 0))
        except OSError:
            pass
    import tempfile

    with tempfile.TemporaryFile() as handle:
        return os.dup(handle.fileno())


def _take(fd: int) -> Any:
    while True:
        raw = os.read(fd, _INDEX)
        if len(raw) < _INDEX:
            return
        yield int.from_bytes(raw, "little")


def _helper(renderer: Any, queue: list[Document], tasks: int, results: int,
            warned: int) -> None:
    """Write the documents taken from the queue, each as its name and bytes (a text as
    UTF-8: the writer takes either, and the main process need not encode it), then
    the warnings; exit 0 only when all of it was written."""
    code = 1
    try:
        with os.fdopen(results, "wb", closefd=False) as out:
            for index in _take(tasks):
                if index >= len(queue):
                    continue
                for name, data in renderer.files_of([queue[index]]).items():
                    pickle.dump((name, data.encode("utf-8") if isinstance(data, str)
                                 else data), out, protocol=_PICKLE)
            pickle.dump((None, renderer.warnings[warned:]), out, protocol=_PICKLE)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _receive(fd: int) -> tuple[dict[str, str | bytes], list[str]] | None:
    """What the helper wrote, or None if any of it is missing."""
    files: dict[str, str | bytes] = {}
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            while True:
                name, data = pickle.load(fh)
                if name is None:
                    return files, data
                files[name] = data
    except Exception:
        return None


def _written(renderer: Any, doc: Document, files: dict[str, str | bytes]) -> bool:
    return renderer.filename(doc) in files


def _stop(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
