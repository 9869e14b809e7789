"""Releases work as the README says: one version, a CHANGELOG entry and tag for it, and
CI snippets that parse and whose malstyrning commands run as written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib.metadata import version
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from malstyrning import __version__
from malstyrning.output import names

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text("utf-8")
TAG = f"v{__version__}"


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end]


CI = _section("I CI och editorn")


def _yaml_blocks(text: str) -> list[Any]:
    return [YAML(typ="safe").load(StringIO(block))
            for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def test_one_version() -> None:
    assert version("malstyrning") == __version__
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert not re.search(r'(?m)^version\s*=', pyproject), "the version lives in __init__.py"


def test_the_changelog_has_the_version_and_its_tag() -> None:
    releases = re.findall(r"(?m)^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", CHANGELOG)
    assert releases[0][0] == __version__, "the newest CHANGELOG section is this version"
    assert f"Tagg: `{TAG}`." in CHANGELOG
    assert "## [Ej utgivet]" in CHANGELOG


def test_the_readme_names_the_tag_everywhere() -> None:
    installs = re.findall(r'pip install "git\+REPO-URL@(v[\d.]+)"', README)
    assert installs and set(installs) == {TAG}
    revs = re.findall(r"rev: (\S+)", README)
    assert revs and set(revs) == {TAG}
    # one placeholder, the same everywhere
    placeholders = set(re.findall(r"<[^>\s]*(?:adress|url)[^>]*>|REPO-URL", README, re.I))
    assert placeholders == {"REPO-URL"}


def test_the_pre_commit_snippet_names_the_hook() -> None:
    hooks = YAML(typ="safe").load(ROOT / ".pre-commit-hooks.yaml")
    config = next(b for b in _yaml_blocks(CI) if isinstance(b, dict) and "repos" in b)
    assert config["repos"][0]["rev"] == TAG
    assert {h["id"] for h in config["repos"][0]["hooks"]} <= {h["id"] for h in hooks}


def test_every_ci_format_is_documented_and_every_snippet_parses() -> None:
    for name in names():
        assert f"`{name}`" in README, name
    blocks = _yaml_blocks(CI)
    assert len(blocks) >= 4
    workflow = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
    runs = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    assert "malstyrning validate" in runs
    assert any("--format sarif" in run for run in runs)
    gitlab = next(b for b in blocks if isinstance(b, dict) and "malstyrning" in b)
    assert gitlab["malstyrning"]["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json", "junit": "malstyrning-junit.xml"}
    azure = next(b for b in blocks if isinstance(b, dict) and "steps" in b and "pool" in b)
    assert any(s.get("task") == "PublishTestResults@2" for s in azure["steps"])


def _gitlab_script() -> list[str]:
    gitlab = next(b for b in _yaml_blocks(CI) if isinstance(b, dict) and "malstyrning" in b)
    return [line for line in gitlab["malstyrning"]["script"] if not line.startswith("pip ")]


def _command() -> str:
    beside = Path(sys.executable).with_name("malstyrning")
    return str(beside) if beside.is_file() else "malstyrning"


@pytest.mark.skipif(sys.platform == "win32", reason="the snippets are POSIX shell")
def test_the_gitlab_script_runs_as_written(examples_copy: Path) -> None:
    """The snippet's commands, run in a plan repository with an error in it: the
    reports are written and valid, and the job fails at the last line."""
    vreta = examples_copy / "enheter" / "vretaskolan-2027.yaml"
    vreta.write_text(vreta.read_text("utf-8").replace("bidrar_till: [UBN-E4]",
                                                      "bidrar_till: [UBN-E9]", 1), "utf-8")
    script = "set -e\n" + "\n".join(line.replace("malstyrning ", _command() + " ", 1)
                                    for line in _gitlab_script())
    done = subprocess.run(["sh", "-c", script], cwd=examples_copy, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    issues = json.loads((examples_copy / "gl-code-quality-report.json").read_text("utf-8"))
    assert [i["check_name"] for i in issues] == ["MS211"]
    root = ET.parse(examples_copy / "malstyrning-junit.xml").getroot()
    assert root.find("testsuite") is not None
    assert "[MS211]" in done.stdout
