"""The README's rule table and quick start agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

from malstyrning.checks import all_rules
from malstyrning.rules import markdown_table

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def test_rule_table_matches_registry() -> None:
    match = re.search(r"<!-- regeltabell.*?-->\n(.*?)\n<!-- /regeltabell -->", README, re.S)
    assert match, "README saknar regeltabellen mellan markörerna"
    assert match.group(1).strip() == markdown_table(all_rules()).strip(), (
        "Regeltabellen i README är inaktuell: ersätt den med `malstyrning rules --markdown`."
    )


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "pytest" in ci
    assert 'pip install -e ".[test]"' in README and "pytest" in README
    assert 'pip install --quiet -e ".[test]"' in ci
