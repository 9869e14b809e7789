"""The default format for people: grouped by file, the offending line, a marker, a hint."""

from __future__ import annotations

from itertools import groupby
from typing import IO

from malstyrning.findings import Finding, Severity
from malstyrning.output import Report, summary
from malstyrning.output._escape import printable, quote_path

DESCRIPTION = "för människor (standard): per fil, med raden, en markör och ett tips"

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _excerpt(report: Report, f: Finding) -> list[str]:
    lines = report.source(f.file)
    if not (0 < f.line <= len(lines)):
        return []
    raw = lines[f.line - 1].rstrip("\n").replace("\t", " ")
    text = printable(raw)
    width = len(str(f.line))
    # escapes before the column widen the line: the marker moves with them
    marker = " " * len(printable(raw[:max(f.column - 1, 0)])) + "^"
    return [f"    {f.line} | {text}", f"    {' ' * width} | {marker}"]


def _lines(report: Report) -> list[tuple[str, str]]:
    """(text, style) pairs; style is a rich style or ''."""
    out: list[tuple[str, str]] = []
    for file, group in groupby(report.findings, key=lambda f: f.file):
        out.append((quote_path(report.display_path(file)), "bold underline"))
        for f in group:
            out.append((f"  {f.line}:{f.column}  {f.severity.swedish}  [{f.code}]  "
                        f"{printable(f.message)}", _STYLE[f.severity]))
            out.extend((line, "dim") for line in _excerpt(report, f))
            if f.hint:
                first, *rest = (printable(line) for line in f.hint.split("\n"))
                out.append((f"    tips: {first}", "green"))
                out.extend((f"          {line}", "green") for line in rest)
            if f.chain:
                out.append((f"    kedja: {printable(f.chain)}", "dim"))
        out.append(("", ""))
    if report.quiet:
        return out[:-1]  # only the findings: no blank line, no summary
    style = "bold red" if any(f.severity == Severity.ERROR for f in report.findings) else (
        "bold yellow" if report.findings else "bold green")
    out.append((summary(report), style))
    return out


def render(report: Report, out: IO[str]) -> None:
    lines = _lines(report)
    if not report.color:
        out.write("".join(text + "\n" for text, _ in lines))
        return
    from rich.console import Console
    from rich.text import Text

    # Colour was decided by the command (--color, NO_COLOR, FORCE_COLOR): rich must
    # neither drop it for a pipe or a dumb terminal nor read those variables again.
    console = Console(file=out, highlight=False, soft_wrap=True, force_terminal=True,
                      color_system="standard", no_color=False, emoji=False, markup=False)
    for text, style in lines:
        console.print(Text(text, style=style or ""))
