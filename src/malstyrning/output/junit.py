"""JUnit XML: one test case per checked file, one ``<failure>`` per finding in it.

Test report viewers (GitLab's test report, Azure Pipelines' Tests tab, Jenkins) then
list every plan file, passed or failed. Only findings at or above ``--fail-level``
fail a file's test case, as they fail the run; findings below it are listed in the
test case's ``<system-out>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import IO

from malstyrning.findings import Finding
from malstyrning.output import Report
from malstyrning.output._escape import xml_text

DESCRIPTION = "JUnit XML, ett testfall per fil (GitLab, Azure Pipelines, Jenkins)"

SUITE = "malstyrning validate"


def _describe(f: Finding) -> str:
    lines = [f"{f.line}:{f.column} {f.severity.swedish} [{f.code}] {f.message}"]
    if f.hint:
        lines.append(f"tips: {f.hint}")
    if f.chain:
        lines.append(f"kedja: {f.chain}")
    return "\n".join(lines)


def render(report: Report, out: IO[str]) -> None:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_file[f.file].append(f)
    files = sorted(set(report.files) | set(by_file))
    failed_cases = sum(1 for file in files if any(report.failing(f) for f in by_file[file]))
    counts = {"tests": str(len(files)), "failures": str(failed_cases), "errors": "0",
              "skipped": "0"}
    root = ET.Element("testsuites", {"name": "malstyrning", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    for file in files:
        name = xml_text(report.display_path(file))
        case = ET.SubElement(suite, "testcase",
                             {"classname": SUITE, "name": name, "file": name})
        below = []
        for f in by_file[file]:
            if report.failing(f):
                failure = ET.SubElement(case, "failure", {
                    "type": f.code,
                    "message": xml_text(f"{f.line}:{f.column} [{f.code}] {f.message}"),
                })
                failure.text = xml_text(_describe(f))
            else:
                below.append(_describe(f))
        if below:
            ET.SubElement(case, "system-out").text = xml_text("\n\n".join(below))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
