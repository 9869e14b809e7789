"""MS026: at most ``max_fynd_per_fil`` findings per file, the rest counted in one finding.

The cap must not change what a run means (exit code, the counts every format prints) and
a large broken file must cost time in proportion to its size.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from malstyrning.checks import schema
from malstyrning.findings import Finding, Severity
from malstyrning.limits import RunLimits
from malstyrning.pipeline import cap_per_file
from tests.plans import NAMND_PLAN, SETTINGS, PlanRepo


def _finding(file: str, line: int, severity: Severity) -> Finding:
    return Finding("MS101", file, f"fynd {line}", line=line, column=1, severity=severity)


def test_the_cap_keeps_the_first_findings_of_each_file_and_counts_the_rest() -> None:
    findings = ([_finding("a.yaml", i, Severity.WARNING) for i in range(1, 5)]
                + [_finding("a.yaml", 5, Severity.ERROR)]
                + [_finding("b.yaml", i, Severity.INFO) for i in range(1, 3)])
    capped = cap_per_file(findings, 2)
    assert [(f.file, f.line, f.code) for f in capped] == [
        ("a.yaml", 1, "MS101"), ("a.yaml", 2, "MS101"), ("a.yaml", 3, "MS026"),
        ("b.yaml", 1, "MS101"), ("b.yaml", 2, "MS101")]
    summary = capped[2]
    # as severe as the worst finding left out, so the exit code does not change
    assert summary.severity is Severity.ERROR
    assert summary.message == ("3 fynd till i filen visas inte (1 fel och 2 varningar); "
                               "gränsen är 2 fynd per fil.")
    assert cap_per_file(findings, 5) == findings[:5] + findings[5:]


def test_the_cap_is_a_setting() -> None:
    assert RunLimits.from_data(None).max_findings_per_file == 200
    assert RunLimits.from_data({"max_fynd_per_fil": 7}).max_findings_per_file == 7


def _broken_plan(items: int) -> str:
    """A nämnd plan whose goals are flow mappings with wrong keys, and a goal whose
    `bidrar_till` is a long list of mappings (the case that was quadratic)."""
    lines = ["typ: verksamhetsplan", "organisation: UBN", "nivå: nämnd", "period: 2027",
             "ram: 650000", "effektmål: ["]
    lines += [f"  {{id: X-{n}, nmn: Mål {n}, bidrar_tll: [I1], priod: 2027}},"
              for n in range(items)]
    lines += ["  {id: UBN-E1, namn: Mål, period: 2027, bidrar_till: ["]
    lines += [f"    {{idd: Y-{n}, nmn: Mål {n}}}," for n in range(items)]
    lines += ["  ]}", "]"]
    return "\n".join(lines) + "\n"


def test_a_large_broken_file_gives_at_most_the_cap_and_a_true_count(
        plan_repo: PlanRepo) -> None:
    plan_repo.write(NAMND_PLAN, _broken_plan(400), dedent=False)
    plan_repo.append(SETTINGS, "gränser:\n  max_fynd_per_fil: 100000000\n")
    every = [f for f in plan_repo.run().findings if f.file == NAMND_PLAN]
    assert len(every) > 2000
    plan_repo.patch(SETTINGS, "max_fynd_per_fil: 100000000", "max_fynd_per_fil: 50")
    shown = [f for f in plan_repo.run().findings if f.file == NAMND_PLAN]
    assert shown[:50] == every[:50]
    assert [f.code for f in shown[50:]] == ["MS026"]
    assert shown[50].message.startswith(f"{len(every) - 50:,} fynd till".replace(",", "\u202f"))
    assert (shown[50].line, shown[50].column) == (every[50].line, every[50].column)


def test_unique_items_is_linear_and_agrees_with_json_schema() -> None:
    """jsonschema compares every pair of unsortable items; 50,000 mappings would take
    hours that way."""
    from jsonschema import Draft202012Validator

    validator = schema._detail_validator("verksamhetsplan")
    items = [{"id": f"X-{n}", "n": n} for n in range(50_000)]
    started = time.perf_counter()
    assert list(schema._unique_items(validator, True, items, {})) == []
    assert len(list(schema._unique_items(validator, True, [*items, {"n": 7, "id": "X-7"}],
                                         {}))) == 1
    assert time.perf_counter() - started < 10
    plain = Draft202012Validator({"uniqueItems": True})
    for case in ([1, 1.0], [1, True], [0, False], [[1, 2], [2, 1]], [{"a": 1}, {"a": 1.0}],
                 [{"a": [1]}, {"a": [True]}], ["1", 1], [None, None], [{"a": 1, "b": 2},
                 {"b": 2, "a": 1}], [[{"a": "x"}], [{"a": "x"}]]):
        ours = not list(schema._unique_items(validator, True, case, {}))
        assert ours == plain.is_valid(case), case


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "malstyrning", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", check=False)


@pytest.mark.parametrize("limit", [1, 3])
def test_every_format_shows_the_same_capped_findings(plan_repo: PlanRepo, limit: int) -> None:
    """Warnings come first in the file and the errors are left out: still exit 1, and the
    counts in JSON and SARIF are those of the findings they list."""
    plan_repo.append(SETTINGS, f"gränser:\n  max_fynd_per_fil: {limit}\n")
    plan_repo.patch(NAMND_PLAN, "    period: 2027–2028\n", "    period: 2027–2033\n")
    plan_repo.patch(NAMND_PLAN, "        kolada: N15419\n",
                    "        kolada: N15419\n        nyckel1: a\n        nyckel2: b\n"
                    "        nyckel3: c\n")
    data = json.loads(_cli("validate", "--no-cache", "-f", "json", ".",
                           cwd=plan_repo.root).stdout)
    mine = [f for f in data["fynd"] if f["fil"] == NAMND_PLAN]
    assert [f["kod"] for f in mine] == ["MS401"] * min(limit, 1) + ["MS101"] * (limit - 1) \
        + ["MS026"]
    assert mine[-1]["allvarlighet"] == "fel"
    counts = data["sammanfattning"]
    assert counts["fel"] == sum(f["allvarlighet"] == "fel" for f in data["fynd"])
    assert counts["varningar"] == sum(f["allvarlighet"] == "varning" for f in data["fynd"])
    done = _cli("validate", "--no-cache", "-f", "sarif", ".", cwd=plan_repo.root)
    assert done.returncode == 1
    results = json.loads(done.stdout)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [f["kod"] for f in data["fynd"]]


@pytest.mark.parametrize(("setting", "expected"), [("varning", ["varning"]), ("av", [])])
def test_the_summary_is_configured_like_any_rule(plan_repo: PlanRepo, setting: str,
                                                 expected: list[str]) -> None:
    plan_repo.append(SETTINGS, "gränser:\n  max_fynd_per_fil: 1\nregler:\n  allvarlighet:\n"
                     f"    MS026: {setting}\n")
    plan_repo.patch(NAMND_PLAN, "        kolada: N15419\n",
                    "        kolada: N15419\n        nyckel1: a\n        nyckel2: b\n")
    found = plan_repo.run().findings
    assert [f.severity.swedish for f in found if f.code == "MS026"] == expected
    assert [f.code for f in found] == ["MS101"] + ["MS026"] * len(expected)
