"""``path:line:col: severity [CODE] message`` — one line per finding, for editors and grep."""

from __future__ import annotations

from typing import IO

from malstyrning.output import Report, summary


def render(report: Report, out: IO[str]) -> None:
    for f in report.findings:
        out.write(f"{report.display_path(f.file)}:{f.line}:{f.column}: "
                  f"{f.severity.swedish} [{f.code}] {f.message}\n")
    out.write(summary(report) + "\n")
