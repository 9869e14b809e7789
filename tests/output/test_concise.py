"""The concise format: ``path:line:col: severity [CODE] message``, one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.output.conftest import Render


def test_one_line_per_finding(render: Render) -> None:
    assert render("concise").splitlines() == [
        "enheter/vretaskolan-2027.yaml:8:19: fel [MS211] Aktivitet `UF-VAS-A1` bidrar till "
        "`UBN-E9`, men inget mål med det id:t finns.",
        "enheter/vretaskolan-2027.yaml:9:11: varning [MS402] Aktiviteten `UF-VAS-A1` har slut "
        "2028-06-30, utanför planens period 2027.",
        "namnder/ubn, 50 %.yaml:2:6: info [MS501] Ramen skiljer sig med 5 %: 655 000 tkr.",
        "1 fel, 1 varning och 1 info i 2 av 5 filer.",
    ]


def test_paths_are_relative_to_the_working_directory(
        render: Render, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path / "enheter")
    assert render("concise").startswith("vretaskolan-2027.yaml:8:19: fel [MS211]")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path.parent))
    assert render("concise").startswith(f"{tmp_path.name}/enheter/vretaskolan-2027.yaml:8:19:")
