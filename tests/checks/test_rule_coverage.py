"""Every registered rule has a failing case in a ``CASES`` table under ``tests/checks``.

A new rule without a test fails here, and so does a case for a rule that no longer
exists. The tables are found by importing every module in this package.
"""

from __future__ import annotations

from malstyrning.checks import all_rules
from tests.checks import all_rule_cases as _all_cases


def test_every_rule_has_a_failing_case() -> None:
    covered = {case.code for case in _all_cases()}
    registered = {rule.code for rule in all_rules()}
    assert sorted(registered - covered) == [], "rules without a test case"
    assert sorted(covered - registered) == [], "test cases for rules that do not exist"


def test_case_ids_are_unique() -> None:
    keys = [(case.code, case.id) for case in _all_cases()]
    assert len(keys) == len(set(keys))


def test_every_rule_is_documented() -> None:
    """`malstyrning rules CODE` shows a summary and a right and a wrong example."""
    names = set()
    for rule in all_rules():
        assert rule.code.startswith("MS") and len(rule.code) == 5, rule.code
        assert rule.summary and rule.good and rule.bad, rule.code
        assert rule.scope in ("inläsning", "schema", "fil", "repo"), rule.code
        names.add(rule.name)
    assert len(names) == len(all_rules()), "rule names must be unique"
