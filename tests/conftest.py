"""Fixtures shared by every test: plan repositories in ``tmp_path``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.plans import EXAMPLES, SHAPES, PlanRepo, write_repo


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


def _examples_cache_exists() -> bool:
    return any((root / ".malstyrning_cache").exists() for root in SHAPES.values())


@pytest.fixture(scope="session", autouse=True)
def _examples_stay_untouched() -> Iterator[None]:
    """No test writes a cache into the checked-in examples (runs use copies or --no-cache).

    The cache lives next to ``malstyrning.yaml``. In this process any attempt to save
    one under ``examples/`` fails the test that makes it; for the command run as a
    subprocess, a cache folder that was not there before the session must not be
    there after it. (A folder left by someone running the command by hand is not
    compared: other processes may legitimately rewrite it meanwhile.)
    """
    from malstyrning.cache import Cache

    save = Cache.save

    def guarded_save(self: Cache, *args: object, **kwargs: object) -> None:
        folder = self.folder.resolve()
        assert not any(root.resolve() in folder.parents for root in SHAPES.values()), (
            "a test wrote a cache into examples/; copy the examples to tmp_path")
        save(self, *args, **kwargs)  # type: ignore[arg-type]

    existed = _examples_cache_exists()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Cache, "save", guarded_save)
        yield
    if not existed:
        assert not _examples_cache_exists(), "a test wrote a .malstyrning_cache in examples/"
