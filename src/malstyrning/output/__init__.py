"""Output formats: each turns the same list of findings into one kind of text.

A new format is a new module with a ``render(report, stream)`` function, registered
in ``FORMATS`` — no branch elsewhere changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from malstyrning.findings import Finding, Severity


@dataclass(frozen=True)
class Report:
    """What a formatter gets: the findings, where they are, and how to show paths."""

    findings: list[Finding]
    root: Path
    file_count: int
    source: Callable[[str], list[str]]
    color: bool = False

    def display_path(self, file: str) -> str:
        """The file's path relative to the working directory when inside it."""
        full = self.root / file
        base = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
        try:
            return Path(os.path.relpath(full, base)).as_posix()
        except ValueError:  # another drive on Windows
            return full.as_posix()

    def counts(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out


def summary(report: Report) -> str:
    """``2 fel, 1 varning och 0 info i 3 av 61 filer.`` — or that all is well."""
    counts = report.counts()
    if not report.findings:
        return f"Inga problem hittades i {report.file_count} filer."
    files = len({f.file for f in report.findings})
    parts = [
        f"{counts[Severity.ERROR]} fel",
        f"{counts[Severity.WARNING]} varning{'ar' if counts[Severity.WARNING] != 1 else ''}",
        f"{counts[Severity.INFO]} info",
    ]
    return (f"{parts[0]}, {parts[1]} och {parts[2]} i {files} av {report.file_count} "
            f"filer.")


Renderer = Callable[[Report, IO[str]], None]


def formats() -> dict[str, Renderer]:
    from malstyrning.output import concise, github, json, text

    return {"text": text.render, "concise": concise.render, "json": json.render,
            "github": github.render}
