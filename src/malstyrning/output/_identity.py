"""Fingerprints: the same finding gets the same identity in every run.

Code review tools (GitLab's Code Quality widget, GitHub code scanning) compare the
findings of a merge request with those of its target branch by fingerprint. A
fingerprint therefore leaves out what moves when someone edits lines above (line,
column, the index in ``$.nämndmål[2]``) and keeps what the finding is about: rule,
file, node id and message. Identical findings in one file are told apart by their
order.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from malstyrning.findings import Finding


def fingerprints(findings: list[Finding]) -> list[str]:
    """One stable hex fingerprint per finding, in the same order."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    out = []
    for f in findings:
        key = (f.code, f.file, f.node, f.message)
        seen[key] += 1
        text = "\x1f".join((*key, str(seen[key])))
        out.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return out
