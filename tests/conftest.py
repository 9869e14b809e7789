"""Fixtures shared by every test: plan repositories in ``tmp_path``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.plans import EXAMPLES, PlanRepo, write_repo


@pytest.fixture
def plan_repo(tmp_path: Path) -> PlanRepo:
    """A minimal valid plan repository (KF, one nämnd, one enhet) in ``tmp_path``."""
    return write_repo(tmp_path / "plan")


@pytest.fixture
def examples_copy(tmp_path: Path) -> Path:
    """A copy of ``examples/plans`` (without any cache) that a test may break."""
    target = tmp_path / "plans"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    return target


def _cache_state() -> dict[str, bytes] | None:
    folder = EXAMPLES / ".malstyrning_cache"
    if not folder.exists():
        return None
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def _examples_stay_untouched() -> Iterator[None]:
    """No test writes a cache into the checked-in examples (runs use copies or --no-cache).

    The cache lives next to ``malstyrning.yaml``; a folder that was not there before
    the session must not be there after it, and one that was must be unchanged.
    """
    before = _cache_state()
    yield
    after = _cache_state()
    assert after == before, "a test wrote into examples/plans/.malstyrning_cache"
