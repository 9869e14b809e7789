"""``path:line:col: severity [CODE] message`` — one line per finding, for editors and grep."""

from __future__ import annotations

from typing import IO

from malstyrning.output import Report, summary
from malstyrning.output._escape import printable, quote_path

DESCRIPTION = "en rad per fynd: sökväg:rad:kolumn: allvarlighet [KOD] meddelande"


def render(report: Report, out: IO[str]) -> None:
    for f in report.findings:
        # a colon in the name would read as the separator before the line number
        path = quote_path(report.display_path(f.file), colon=True)
        out.write(f"{path}:{f.line}:{f.column}: {f.severity.swedish} [{f.code}] "
                  f"{printable(f.message)}\n")
    if not report.quiet:
        out.write(summary(report) + "\n")
