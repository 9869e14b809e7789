"""The bounded fuzz run of the normal test suite (a long campaign: benchmarks/fuzz.py).

Generated repositories, valid and broken in every way the strategies know, must keep
every property in :mod:`tests.fuzz.properties`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.fuzz.properties import check_repository
from tests.fuzz.strategies import repositories

_FUZZ = {"deadline": None, "database": None, "derandomize": True,
         "suppress_health_check": list(HealthCheck)}


@settings(max_examples=100, **_FUZZ)  # type: ignore[arg-type]
@given(repositories())
def test_broken_repositories_keep_every_property(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check_repository(files, Path(tmp) / "repo", render=True, cli=True)


@settings(max_examples=20, **_FUZZ)  # type: ignore[arg-type]
@given(repositories(broken=False))
def test_valid_repositories_validate_and_render(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        outcome = check_repository(files, Path(tmp) / "repo", render=True, cli=True)
    assert outcome["validate"] == 0
