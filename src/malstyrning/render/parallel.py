"""A site's documents written on two processes: once the documents' data is built, a
forked child renders about half of them (by estimated size) while the parent renders
the rest.

The documents are independent once the site's data exists, and a child made with
``fork`` inherits that data without copying it. Only where ``fork`` is the usual way
to start a process (Linux and the other POSIX systems, not macOS or Windows), with a
second core to run on, and with enough rows to be worth a process; otherwise, and
whenever the child does not answer with its documents, the documents are rendered in
this process one after the other, so every error is raised here, as without the child.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from malstyrning.render.records import ActivityListView, Document

# Below this many estimated rows, a second process costs more than it saves (a fork
# and the answer's transfer take a few milliseconds; a row about 10 µs).
SPLIT_MIN_WEIGHT = 8_000
# A document's estimated cost in activity rows, besides its rows (a nämnd plan, the
# chain, the index: a few milliseconds each).
DOCUMENT_WEIGHT = 400


def weight(doc: Document) -> int:
    """A document's estimated rendering cost, in activity rows."""
    data = doc.data
    if isinstance(data, ActivityListView):
        return DOCUMENT_WEIGHT + data.count
    return DOCUMENT_WEIGHT


def can_fork() -> bool:
    """Whether a child may be forked here: POSIX with fork as the usual start method
    (not macOS, where system libraries are not safe across fork) and two cores."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores >= 2


def split(docs: Sequence[Document]) -> tuple[list[int], list[int]]:
    """The documents' indexes in two shares of about equal estimated cost (the largest
    first, each to the lighter share), each share in document order."""
    shares: tuple[list[int], list[int]] = ([], [])
    loads = [0, 0]
    for i in sorted(range(len(docs)), key=lambda i: -weight(docs[i])):
        lighter = 0 if loads[0] <= loads[1] else 1
        shares[lighter].append(i)
        loads[lighter] += weight(docs[i])
    return sorted(shares[0]), sorted(shares[1])


def render_documents(docs: Sequence[Document], render: Callable[[Document], str],
                     name: Callable[[Document], str],
                     fork: bool | None = None) -> dict[str, str]:
    """File name → text of every document in ``docs``, in their order, as
    ``{name(d): render(d) for d in docs}`` gives it; on two processes when the
    documents are many rows and ``fork`` (by default :func:`can_fork`) allows."""
    if fork is None:
        fork = can_fork() and sum(map(weight, docs)) >= SPLIT_MIN_WEIGHT
    if not fork or len(docs) < 2:
        return {name(d): render(d) for d in docs}
    own, theirs = split(docs)
    texts: dict[int, str] = {}
    child = _start(docs, theirs, render)
    if child is None:
        return {name(d): render(d) for d in docs}
    pid, pipe = child
    try:
        try:
            for i in own:
                texts[i] = render(docs[i])
        except Exception:
            # The serial path's error, for the first failing document in order.
            _stop(pid, pipe)
            pid = 0
            return {name(d): render(d) for d in docs}
        answer = _answer(pid, pipe)
        pid = 0
    finally:
        if pid:
            _stop(pid, pipe)
    if answer is None or sorted(answer) != theirs:
        answer = {i: render(docs[i]) for i in theirs}  # raises what the child met
    texts.update(answer)
    return {name(docs[i]): texts[i] for i in range(len(docs))}


def _start(docs: Sequence[Document], share: list[int],
           render: Callable[[Document], str]) -> tuple[int, int] | None:
    """Fork a child that renders ``share`` and writes its answer into a pipe: the
    child's pid and the pipe's reading end, or None when no child could be started."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid:
        os.close(write)
        return pid, read
    # The child: never returns, never runs the parent's clean-up (atexit, buffers).
    code = 1
    try:
        os.close(read)
        answer = marshal.dumps([(i, render(docs[i])) for i in share])
        view = memoryview(answer)
        while view:
            view = view[os.write(write, view):]
        code = 0
    except BaseException:  # the parent renders the share itself
        pass
    finally:
        os._exit(code)


def _answer(pid: int, pipe: int) -> dict[int, str] | None:
    """The child's documents (index → text), or None when it failed or died."""
    chunks = []
    try:
        while chunk := os.read(pipe, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(pipe)
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        found: Any = marshal.loads(b"".join(chunks))
    except (EOFError, ValueError, TypeError):
        return None
    return {i: text for i, text in found}


def _stop(pid: int, pipe: int) -> None:
    """End the child and collect it (its answer is not needed)."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.close(pipe)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
