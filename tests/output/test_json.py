"""The JSON format: a documented, stable structure (README, "JSON-format")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from malstyrning import __version__
from tests.output.conftest import FINDINGS, Render


def test_structure(render: Render) -> None:
    out = render("json")
    report = json.loads(out)
    assert report == {
        "format": 1,
        "verktyg": f"malstyrning {__version__}",
        "sammanfattning": {"filer": 5, "fel": 1, "varningar": 1, "info": 1},
        "fynd": [f.to_json() for f in FINDINGS],
    }
    assert report["fynd"][0] == {
        "kod": "MS211", "allvarlighet": "fel", "fil": "enheter/vretaskolan-2027.yaml",
        "rad": 8, "kolumn": 19, "sökväg": "$.aktiviteter[0].bidrar_till[0]",
        "kedja": "UF-VAS-A1", "id": "UF-VAS-A1",
        "meddelande": FINDINGS[0].message, "tips": FINDINGS[0].hint,
    }
    assert [f["allvarlighet"] for f in report["fynd"]] == ["fel", "varning", "info"]


def test_file_paths_are_repository_relative(
        render: Render, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path / "enheter")
    assert json.loads(render("json"))["fynd"][0]["fil"] == "enheter/vretaskolan-2027.yaml"


def test_readable_unicode_and_one_trailing_newline(render: Render) -> None:
    out = render("json")
    assert "utanför" in out and "\\u00e5" not in out
    assert out.endswith("}\n") and not out.endswith("\n\n")


def test_empty_report(render: Render) -> None:
    assert json.loads(render("json", findings=[]))["fynd"] == []
