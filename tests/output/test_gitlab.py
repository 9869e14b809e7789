"""GitLab Code Quality: the fields GitLab reads, and fingerprints stable across runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.output.conftest import FINDINGS, Render


def test_issues(render: Render) -> None:
    issues = json.loads(render("gitlab"))
    assert len(issues) == 3
    first = issues[0]
    assert set(first) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert first["check_name"] == "MS211"
    assert first["description"] == (FINDINGS[0].message + " Tips: Menade du `UBN-E1`? "
                                    "Kontrollera stavningen.")
    assert first["location"] == {"path": "enheter/vretaskolan-2027.yaml",
                                 "lines": {"begin": 8}}
    assert [i["severity"] for i in issues] == ["major", "minor", "info"]
    assert issues[2]["location"]["path"] == "namnder/ubn, 50 %.yaml"


def test_fingerprints_are_stable_and_distinct(render: Render) -> None:
    first = [i["fingerprint"] for i in json.loads(render("gitlab"))]
    assert first == [i["fingerprint"] for i in json.loads(render("gitlab"))]
    assert len(set(first)) == 3
    # lines inserted above: the same findings, the same fingerprints
    moved = [f.with_(line=f.line + 5, column=1) for f in FINDINGS]
    assert first == [i["fingerprint"] for i in json.loads(render("gitlab", findings=moved))]
    # the same finding twice in one file (say two broken links in one list) is two issues
    twice = [FINDINGS[0], FINDINGS[0].with_(line=20)]
    assert len({i["fingerprint"] for i in json.loads(render("gitlab", findings=twice))}) == 2
    # another message, another fingerprint
    other = [FINDINGS[0].with_(message="Något annat.")]
    assert json.loads(render("gitlab", findings=other))[0]["fingerprint"] != first[0]


def test_paths_relative_to_the_gitlab_project(render: Render, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path / "enheter")
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path.parent))
    path = json.loads(render("gitlab"))[0]["location"]["path"]
    assert path == f"{tmp_path.name}/enheter/vretaskolan-2027.yaml"


def test_no_findings_is_an_empty_array(render: Render) -> None:
    assert json.loads(render("gitlab", findings=[])) == []
