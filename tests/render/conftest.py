"""Fixtures for the render tests: the example repository rendered once per format."""

from __future__ import annotations

import pytest
from render_support import EXAMPLES, load, texts

from malstyrning.pipeline import RunResult


@pytest.fixture(scope="session")
def example_result() -> RunResult:
    """The example repository, read with every node's attributes (no cache is written)."""
    return load(EXAMPLES)


@pytest.fixture(scope="session")
def example_html(example_result: RunResult) -> dict[str, str]:
    return texts(example_result, "html")


@pytest.fixture(scope="session")
def example_md(example_result: RunResult) -> dict[str, str]:
    return texts(example_result, "md")
