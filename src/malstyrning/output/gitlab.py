"""GitLab Code Quality report: the merge request widget shows new and fixed findings.

A JSON array with, per finding, ``description``, ``check_name``, ``fingerprint``
(stable across runs, see ``_identity``), ``severity`` and ``location.path`` with
``location.lines.begin``. Paths are relative to ``$CI_PROJECT_DIR`` (the repository
root in a GitLab job), or to the working directory outside GitLab.
"""

from __future__ import annotations

import json
import os
from typing import IO

from malstyrning.findings import Severity
from malstyrning.output import Report
from malstyrning.output._escape import json_text
from malstyrning.output._identity import fingerprints

DESCRIPTION = "Code Quality-rapport för GitLab (artifacts: reports: codequality)"

# Code Quality's scale: info, minor, major, critical, blocker. A plan error is what
# stops the pipeline ("major", as ruff maps its errors); a warning is "minor".
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, out: IO[str]) -> None:
    base = os.environ.get("CI_PROJECT_DIR") or os.getcwd()
    issues = []
    for f, fingerprint in zip(report.findings, fingerprints(report.findings), strict=True):
        hint = " ".join(f.hint.split())
        description = f.message + (f" Tips: {hint}" if hint else "")
        issues.append({
            "description": description,
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": SEVERITY[f.severity],
            "location": {
                "path": report.display_path(f.file, base),
                "lines": {"begin": max(f.line, 1)},
            },
        })
    out.write(json_text(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n")
