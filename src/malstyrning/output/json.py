"""A documented, stable JSON structure (see README, "JSON-format")."""

from __future__ import annotations

import json
from typing import IO

from malstyrning import __version__
from malstyrning.findings import Severity
from malstyrning.output import Report

FORMAT_VERSION = 1


def render(report: Report, out: IO[str]) -> None:
    counts = report.counts()
    document = {
        "format": FORMAT_VERSION,
        "verktyg": f"malstyrning {__version__}",
        "sammanfattning": {
            "filer": report.file_count,
            "fel": counts[Severity.ERROR],
            "varningar": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
        },
        "fynd": [f.to_json() for f in report.findings],
    }
    json.dump(document, out, ensure_ascii=False, indent=2, sort_keys=False)
    out.write("\n")
