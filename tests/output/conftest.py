"""A report over hand-made findings, with the working directory at the repository root."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from malstyrning.findings import Finding, Severity
from malstyrning.output import Report, formats

SOURCE = {
    "enheter/vretaskolan-2027.yaml": (
        "typ: verksamhetsplan\norganisation: UF-VAS\nnivå: enhet\nperiod: 2027\n"
        "aktiviteter:\n  - id: UF-VAS-A1\n    namn: Läsa\n    bidrar_till: [UBN-E9]\n"
        "    slut: 2028-06-30\n"),
    "namnder/ubn, 50 %.yaml": "typ: verksamhetsplan\nram:\t655000\n",
}

FINDINGS = [
    Finding("MS211", "enheter/vretaskolan-2027.yaml",
            "Aktivitet `UF-VAS-A1` bidrar till `UBN-E9`, men inget mål med det id:t finns.",
            "Menade du `UBN-E1`?\nKontrollera stavningen.",
            path=("aktiviteter", 0, "bidrar_till", 0), line=8, column=19, node="UF-VAS-A1",
            chain="UF-VAS-A1", severity=Severity.ERROR),
    Finding("MS402", "enheter/vretaskolan-2027.yaml",
            "Aktiviteten `UF-VAS-A1` har slut 2028-06-30, utanför planens period 2027.",
            "Flytta datumet.", path=("aktiviteter", 0, "slut"), line=9, column=11,
            node="UF-VAS-A1", chain="VISION > I1 > UBN-E1 > UF-VAS-A1",
            severity=Severity.WARNING),
    Finding("MS501", "namnder/ubn, 50 %.yaml", "Ramen skiljer sig med 5 %: 655 000 tkr.",
            "", path=("ram",), line=2, column=6, severity=Severity.INFO),
]

Render = Callable[..., str]


@pytest.fixture
def render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Render:
    """``render(fmt, findings=FINDINGS, files=5, color=False, **report_fields)`` → the
    formatter's output (``report_fields``: ``files_checked``, ``fail_level``, ``quiet``)."""
    for rel, text in SOURCE.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_WORKSPACE", "GITHUB_STEP_SUMMARY", "CI_PROJECT_DIR"):
        monkeypatch.delenv(name, raising=False)

    def source(file: str) -> list[str]:
        return SOURCE.get(file, "").splitlines()

    def run(fmt: str, findings: list[Finding] | None = None, files: int = 5,
            color: bool = False, files_checked: tuple[str, ...] = (),
            **fields: Any) -> str:
        report = Report(FINDINGS if findings is None else findings, tmp_path, files, source,
                        color, files_checked, **fields)
        out = io.StringIO()
        formats()[fmt](report, out)
        return out.getvalue()

    return run
