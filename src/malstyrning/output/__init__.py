"""Output formats: each turns the same list of findings into one kind of text.

A format is a module in this package named after the format (``sarif.py`` is
``--format sarif``) with a ``render(report, stream)`` function and a one-line Swedish
``DESCRIPTION`` for ``--help``. The formats are found by listing the package, so a new
format is a new file — nothing else changes. Modules whose names start with ``_`` are
shared helpers, not formats.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

from malstyrning.findings import Finding, Severity


@dataclass(frozen=True)
class Report:
    """What a formatter gets: the findings, where they are, and how to show paths.

    ``files`` are the files checked (repository-relative; formats that list every file,
    such as JUnit, use them), ``fail_level`` is the lowest severity that fails the run
    (``--fail-level``), and ``quiet`` leaves out everything but the findings.
    """

    findings: list[Finding]
    root: Path
    file_count: int
    source: Callable[[str], list[str]]
    color: bool = False
    files: tuple[str, ...] = ()
    fail_level: Severity = Severity.ERROR
    quiet: bool = False

    def display_path(self, file: str, base: str | None = None) -> str:
        """The file's path relative to ``base`` (default: the CI workspace or the
        working directory) when inside it."""
        full = self.root / file
        base = base or os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
        try:
            return Path(os.path.relpath(full, base)).as_posix()
        except ValueError:  # another drive on Windows
            return full.as_posix()

    def counts(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    def failing(self, finding: Finding) -> bool:
        """Whether the finding is at or above ``--fail-level`` (makes the run fail)."""
        return finding.severity >= self.fail_level


def summary(report: Report) -> str:
    """``2 fel, 1 varning och 0 info i 3 av 61 filer.`` — or that all is well."""
    counts = report.counts()
    if not report.findings:
        return f"Inga problem hittades i {report.file_count} {_files(report.file_count)}."
    files = len({f.file for f in report.findings})
    parts = [
        f"{counts[Severity.ERROR]} fel",
        f"{counts[Severity.WARNING]} varning{'ar' if counts[Severity.WARNING] != 1 else ''}",
        f"{counts[Severity.INFO]} info",
    ]
    return (f"{parts[0]}, {parts[1]} och {parts[2]} i {files} av {report.file_count} "
            f"{_files(report.file_count)}.")


def _files(count: int) -> str:
    return "fil" if count == 1 else "filer"


Renderer = Callable[[Report, IO[str]], None]


@cache
def names() -> tuple[str, ...]:
    """Every format's name, sorted, without importing any of them."""
    found = (m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(sorted(found))


def description(name: str) -> str:
    """The format's one-line Swedish description (its ``DESCRIPTION``)."""
    module = importlib.import_module(f"{__name__}.{name}")
    return str(getattr(module, "DESCRIPTION", ""))


class _Formats(Mapping[str, Renderer]):
    """Format name → renderer; a format's module is imported only when it is used."""

    def __getitem__(self, name: str) -> Renderer:
        if name not in names():
            raise KeyError(name)
        render: Renderer = importlib.import_module(f"{__name__}.{name}").render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(names())

    def __len__(self) -> int:
        return len(names())


def formats() -> Mapping[str, Renderer]:
    """The registry of output formats (see the module docstring)."""
    return _Formats()
