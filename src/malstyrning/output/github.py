"""GitHub Actions: findings as annotations on the pull request, and a step summary.

GitHub shows at most 10 annotations of each level (error, warning, notice) per step and
drops the rest without a word. So the annotations come errors first, and when there
are more than fit, the last one that GitHub shows says how many more there are and
where to read them: every finding is also printed in the step's log, and when
``$GITHUB_STEP_SUMMARY`` is set, a Markdown table of every finding is appended to the
step summary.
"""

from __future__ import annotations

import os
from typing import IO

from malstyrning.findings import Finding, Severity
from malstyrning.output import Report, summary
from malstyrning.output._escape import encodable, markdown_cell, printable, quote_path

DESCRIPTION = ("annoteringar och stegsammanfattning för GitHub Actions (väljs automatiskt "
               "när GITHUB_ACTIONS=true)")

# GitHub's documented limits: annotations per level and step, bytes of a step summary.
PER_LEVEL = 10
SUMMARY_BYTES = 1024 * 1024

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """Escaping of a workflow command's message."""
    return encodable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """Escaping of a workflow command's property value (``file=``, ``title=``)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(report: Report, f: Finding) -> str:
    lines = [printable(f.message)]
    lines += [printable(line) for line in f.hint.split("\n")] if f.hint else []
    if f.chain:
        lines.append(f"Kedja: {printable(f.chain)}")
    return (f"::{_LEVEL[f.severity]} file={_prop(report.display_path(f.file))},"
            f"line={f.line},col={f.column},title={_prop(f.code)}::{_data(chr(10).join(lines))}")


def _log_line(report: Report, f: Finding) -> str:
    # Indented, so that no file name can start a workflow command (a line starting "::").
    path = quote_path(report.display_path(f.file), colon=True)
    return (f"  {path}:{f.line}:{f.column}: {f.severity.swedish} [{f.code}] "
            f"{printable(f.message)}")


def _plural(count: int, severity: Severity) -> str:
    if severity == Severity.WARNING:
        return f"{count} varning{'ar' if count != 1 else ''}"
    return f"{count} {severity.swedish}"


def render(report: Report, out: IO[str]) -> None:
    # errors first; within a level the report's order (file, line, column)
    ordered = sorted(report.findings, key=lambda f: -f.severity)
    counts = report.counts()
    overflowing = [s for s in Severity if counts[s] > PER_LEVEL]
    # The note about the rest takes the last slot of the most serious level that
    # overflows, so that GitHub shows it.
    note_level = max(overflowing) if overflowing else None
    room = {s: PER_LEVEL - (1 if s == note_level else 0) for s in Severity}
    shown: list[Finding] = []
    rest: list[Finding] = []
    for f in ordered:
        if room[f.severity] > 0:
            room[f.severity] -= 1
            shown.append(f)
        else:
            rest.append(f)
    for f in shown:
        out.write(_annotation(report, f) + "\n")
    if rest:
        for f in rest:
            out.write(_log_line(report, f) + "\n")
        missing = {s: 0 for s in Severity}
        for f in rest:
            missing[f.severity] += 1
        parts = [_plural(missing[s], s) for s in sorted(Severity, reverse=True) if missing[s]]
        where = ("i stegets sammanfattning (fliken Summary för körningen) och i loggen för "
                 "det här steget" if os.environ.get("GITHUB_STEP_SUMMARY")
                 else "i loggen för det här steget")
        assert note_level is not None
        out.write(f"::{_LEVEL[note_level]} title=malstyrning::"
                  + _data(f"{len(rest)} fynd till ({', '.join(parts)}) visas inte som "
                          f"annoteringar: GitHub visar högst {PER_LEVEL} per nivå och steg. "
                          f"Alla {len(report.findings)} fynd finns {where}.") + "\n")
    if not report.quiet:
        out.write(summary(report) + "\n")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8", newline="\n") as handle:
            handle.write(step_summary(report))


def step_summary(report: Report) -> str:
    """The step summary: the counts and a Markdown table of every finding (cut, with a
    line saying so, where it would pass GitHub's limit on a summary's size)."""
    head = [f"## malstyrning validate\n\n{summary(report)}\n"]
    if not report.findings:
        return head[0] + "\n"
    head.append("| allvarlighet | fil | rad | kolumn | kod | meddelande |")
    head.append("|---|---|---|---|---|---|")
    parts = ["\n".join(head) + "\n"]
    used = len(parts[0].encode("utf-8"))
    # room for the closing line, whatever its numbers
    budget = SUMMARY_BYTES - 512
    for index, f in enumerate(report.findings):
        message = f.message + (f"\n{f.hint}" if f.hint else "")
        row = (f"| {f.severity.swedish} | {markdown_cell(report.display_path(f.file), True)} "
               f"| {f.line} | {f.column} | {f.code} | {markdown_cell(message)} |\n")
        size = len(row.encode("utf-8"))
        if used + size > budget:
            left = len(report.findings) - index
            parts.append(f"\n… och {left} fynd till, som inte ryms i en stegsammanfattning. Alla "
                     "finns i loggen för steget; `malstyrning validate --format json` ger "
                     "dem som en fil.\n")
            break
        parts.append(row)
        used += size
    return "".join(parts) + "\n"
