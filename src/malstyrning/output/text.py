"""The default format for people: grouped by file, the offending line, a marker, a hint."""

from __future__ import annotations

from itertools import groupby
from typing import IO

from malstyrning.findings import Finding, Severity
from malstyrning.output import Report, summary

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _excerpt(report: Report, f: Finding) -> list[str]:
    lines = report.source(f.file)
    if not (0 < f.line <= len(lines)):
        return []
    text = lines[f.line - 1].rstrip("\n").replace("\t", " ")
    width = len(str(f.line))
    marker = " " * max(f.column - 1, 0) + "^"
    return [f"    {f.line} | {text}", f"    {' ' * width} | {marker}"]


def _lines(report: Report) -> list[tuple[str, str]]:
    """(text, style) pairs; style is a rich style or ''."""
    out: list[tuple[str, str]] = []
    for file, group in groupby(report.findings, key=lambda f: f.file):
        out.append((report.display_path(file), "bold underline"))
        for f in group:
            out.append((f"  {f.line}:{f.column}  {f.severity.swedish}  [{f.code}]  {f.message}",
                        _STYLE[f.severity]))
            out.extend((line, "dim") for line in _excerpt(report, f))
            if f.hint:
                first, *rest = f.hint.splitlines()
                out.append((f"    tips: {first}", "green"))
                out.extend((f"          {line}", "green") for line in rest)
            if f.chain:
                out.append((f"    kedja: {f.chain}", "dim"))
        out.append(("", ""))
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

    console = Console(file=out, highlight=False, soft_wrap=True)
    for text, style in lines:
        console.print(Text(text, style=style or ""))
