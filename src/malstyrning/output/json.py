"""A documented, stable JSON structure (see README, "JSON-format")."""

from __future__ import annotations

import json
from typing import IO

from malstyrning import __version__
from malstyrning.findings import Severity
from malstyrning.output import Report
from malstyrning.output._escape import json_text

DESCRIPTION = "malstyrnings eget, dokumenterade JSON-format (se README, JSON-format)"

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
    out.write(json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")
