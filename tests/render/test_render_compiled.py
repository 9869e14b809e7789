"""The package's compiled templates are kept like .pyc files, reused only when the
source, the versions and the configuration are the same, and never for a plan
repository's own templates."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from jinja2 import Environment

from malstyrning.pipeline import RunResult
from malstyrning.render import environment as environment_module
from malstyrning.render.environment import environment, package_bytecode_cache
from tests.render.render_support import texts


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package's template folder, so the test owns its __pycache__
    (with bytecode writing allowed, whatever PYTHONDONTWRITEBYTECODE says here)."""
    copy = tmp_path / "templates"
    shutil.copytree(environment_module.TEMPLATES, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(environment_module, "TEMPLATES", copy)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    return copy


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of every template Jinja2 compiles from source."""
    seen: list[str] = []
    real = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False,  # type: ignore[no-untyped-def]
                 defer_init=False):
        seen.append(str(name))
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    return seen


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_compiled_once_then_loaded(fmt: str, templates: Path, example_result: RunResult,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = _compiles(monkeypatch)
    first = texts(example_result, fmt)
    assert compiled, "the first render compiles the templates"
    kept = sorted((templates / "__pycache__").glob("*.jinja"))
    assert kept, "and keeps them"
    compiled.clear()
    assert texts(example_result, fmt) == first
    assert compiled == [], "a second render loads every template compiled"
    assert sorted((templates / "__pycache__").glob("*.jinja")) == kept


def test_changed_source_is_compiled_again(templates: Path, example_result: RunResult,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    texts(example_result, "md")
    index = templates / "md" / "index.md.j2"
    index.write_text(index.read_text(encoding="utf-8") + "\nÄNDRAD MALL\n", encoding="utf-8")
    compiled = _compiles(monkeypatch)
    assert "ÄNDRAD MALL" in texts(example_result, "md")["index.md"]
    assert compiled == ["index.md.j2"]


def test_torn_or_foreign_files_are_compiled_again(templates: Path,
                                                  example_result: RunResult) -> None:
    first = texts(example_result, "md")
    files = sorted((templates / "__pycache__").glob("*.jinja"))
    for i, path in enumerate(files):
        data = path.read_bytes()
        path.write_bytes(data[:40] if i % 2 else b"not jinja bytecode at all")
    assert texts(example_result, "md") == first


def test_unwritable_folder_renders_in_memory(templates: Path,
                                            example_result: RunResult) -> None:
    # (tests may run as root, where a read-only mode does not stop writes: a file
    # where the folder should be does)
    (templates / "__pycache__").write_bytes(b"")
    first = texts(example_result, "html")
    assert (templates / "__pycache__").read_bytes() == b""
    assert texts(example_result, "html") == first


def test_no_files_when_python_writes_no_bytecode(templates: Path, example_result: RunResult,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE=1
    first = texts(example_result, "md")
    assert not (templates / "__pycache__").exists()
    assert texts(example_result, "md") == first


def test_pycache_prefix_is_followed(templates: Path, example_result: RunResult,
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = tmp_path / "pycache"
    monkeypatch.setattr(sys, "pycache_prefix", str(prefix))  # PYTHONPYCACHEPREFIX
    texts(example_result, "html")
    assert not (templates / "__pycache__").exists()
    assert list((prefix / templates.relative_to(templates.anchor)).glob("*.jinja"))


def test_configuration_is_part_of_the_key() -> None:
    def key(fmt: str, env: Environment) -> str:
        return package_bytecode_cache(fmt, env).get_cache_key("x.j2", "/t/x.j2")

    md = environment("md")
    first = key("md", md)
    assert key("html", environment("html")) != first
    md.filters["extra"] = str
    assert key("md", md) != first, "a template compiled with other filters is not reused"
    assert key("md", environment("md")) == first, "the same key in every process"


def test_repository_templates_are_never_cached(tmp_path: Path) -> None:
    own = tmp_path / "mallar"
    (own / "md").mkdir(parents=True)
    (own / "md" / "index.md.j2").write_text("egen\n", encoding="utf-8")
    assert environment("md", own).bytecode_cache is None
    assert environment("md").bytecode_cache is not None
