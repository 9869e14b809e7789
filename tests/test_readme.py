"""The README's rule table and quick start agree with the code."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from malstyrning.checks import all_rules
from malstyrning.config import SteeringModel, settings_problems, steering_model
from malstyrning.load.reader import read
from malstyrning.pipeline import load_settings
from malstyrning.rules import markdown_table
from tests.plans import SHAPES

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


_SNIPPET = re.compile(r"```yaml\n# (examples/[\w-]+)/malstyrning\.yaml\n(.*?)```", re.S)


def _comparable(model: SteeringModel) -> tuple[object, ...]:
    """The model without the texts the schema shows (descriptions and examples)."""
    levels = tuple(replace(lv, description="", example_id="", example_name="")
                   for lv in model.chain.levels)
    return levels, model.organisation, sorted(model.parts.items()), model.synonyms


def test_every_example_shape_is_shown_in_the_readme() -> None:
    shown = {folder for folder, _ in _SNIPPET.findall(README)}
    assert shown == {str(root.relative_to(ROOT)) for root in SHAPES.values()}


@pytest.mark.parametrize("folder,text", _SNIPPET.findall(README),
                         ids=[f for f, _ in _SNIPPET.findall(README)])
def test_readme_model_is_the_examples_model(folder: str, text: str) -> None:
    """The short `målkedja:` the README shows for a shape is that example's model."""
    parsed = read("malstyrning.yaml", text.encode("utf-8"))
    assert parsed.findings == []
    data = parsed.data
    assert data is not None
    assert not settings_problems(data)
    assert _comparable(steering_model(data)) == _comparable(load_settings(ROOT / folder).steering)
