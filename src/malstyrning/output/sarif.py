"""SARIF 2.1.0: the OASIS format for static analysis results (GitHub code scanning,
Azure DevOps, many editors).

One run with the tool's rules (id, name, short and full description, help text with a
right and a wrong example, default level, all from the rule registry) and one result
per finding: level, message with the hint, and a physical location — the file as a
relative URI reference and a region with ``startLine`` and ``startColumn`` (columns
count Unicode code points, as the run's ``columnKind`` says). Results carry a
``partialFingerprints`` entry that stays the same when lines move.
"""

from __future__ import annotations

import json
from typing import IO, Any
from urllib.parse import quote

from malstyrning import __version__
from malstyrning.findings import Finding, Severity
from malstyrning.output import Report
from malstyrning.output._escape import json_text
from malstyrning.output._identity import fingerprints

DESCRIPTION = "SARIF 2.1.0 för GitHub code scanning, Azure DevOps och editorer"

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a POSIX path: every byte outside the unreserved
    set is percent-encoded (a colon in the first segment would read as a scheme, a
    newline or ``%`` would break the reference); non-UTF-8 bytes keep their value."""
    raw = path.encode("utf-8", "surrogateescape")
    return quote(raw, safe="/")


def _rule(rule: Any) -> dict[str, Any]:
    text = [rule.summary]
    markdown = [rule.summary]
    if rule.explanation:
        text.append(rule.explanation)
        markdown.append(rule.explanation)
    for title, example in (("Rätt", rule.good), ("Fel", rule.bad)):
        if example:
            text.append(f"{title}:\n" + "\n".join("    " + line for line in example.splitlines()))
            markdown.append(f"**{title}:**\n\n```yaml\n{example.rstrip()}\n```")
    setting = (f"Stäng av eller ändra i malstyrning.yaml:\n  regler:\n    allvarlighet:\n"
               f"      {rule.code}: av   # eller fel, varning, info")
    text.append(setting)
    markdown.append(f"Stäng av eller ändra i `malstyrning.yaml`:\n\n```yaml\nregler:\n"
                    f"  allvarlighet:\n    {rule.code}: av   # eller fel, varning, info\n```")
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation or rule.summary},
        "help": {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"gäller": rule.scope},
    }
    return descriptor


def _result(report: Report, f: Finding, index: dict[str, int], fingerprint: str,
            ) -> dict[str, Any]:
    text = f.message + (f"\n\nTips: {f.hint}" if f.hint else "")
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(report.display_path(
            f.file))}},
    }
    if f.line > 0:
        region = {"startLine": f.line}
        if f.column > 0:
            region["startColumn"] = f.column
        location["physicalLocation"]["region"] = region
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"malstyrning/v1": fingerprint},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    properties = {k: v for k, v in (("kedja", f.chain), ("id", f.node)) if v}
    if properties:
        result["properties"] = properties
    return result


def render(report: Report, out: IO[str]) -> None:
    from malstyrning.checks import all_rules

    rules = sorted(all_rules(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = [_result(report, f, index, fp)
               for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)]
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "malstyrning",
                "version": __version__,
                "semanticVersion": __version__,
                "language": "sv-SE",
                "rules": [_rule(r) for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    out.write(json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")
