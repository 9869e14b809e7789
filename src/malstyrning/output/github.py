"""GitHub Actions workflow commands: each finding becomes an annotation on the PR."""

from __future__ import annotations

from typing import IO

from malstyrning.findings import Severity
from malstyrning.output import Report, summary

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, out: IO[str]) -> None:
    for f in report.findings:
        message = f.message + (f"\n{f.hint}" if f.hint else "")
        if f.chain:
            message += f"\nKedja: {f.chain}"
        out.write(f"::{_LEVEL[f.severity]} file={_prop(report.display_path(f.file))},"
                  f"line={f.line},col={f.column},title={_prop(f.code)}::{_data(message)}\n")
    out.write(summary(report) + "\n")
