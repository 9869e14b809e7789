"""The text format: grouped by file, the offending line with a marker, hint and chain."""

from __future__ import annotations

import re
from pathlib import Path

from malstyrning.output import Report, summary
from tests.output.conftest import FINDINGS, Render


def test_report(render: Render) -> None:
    assert render("text") == (
        "enheter/vretaskolan-2027.yaml\n"
        "  8:19  fel  [MS211]  Aktivitet `UF-VAS-A1` bidrar till `UBN-E9`, men inget mål med "
        "det id:t finns.\n"
        "    8 |     bidrar_till: [UBN-E9]\n"
        "      |                   ^\n"
        "    tips: Menade du `UBN-E1`?\n"
        "          Kontrollera stavningen.\n"
        "    kedja: UF-VAS-A1\n"
        "  9:11  varning  [MS402]  Aktiviteten `UF-VAS-A1` har slut 2028-06-30, utanför "
        "planens period 2027.\n"
        "    9 |     slut: 2028-06-30\n"
        "      |           ^\n"
        "    tips: Flytta datumet.\n"
        "    kedja: VISION > I1 > UBN-E1 > UF-VAS-A1\n"
        "\n"
        "namnder/ubn, 50 %.yaml\n"
        "  2:6  info  [MS501]  Ramen skiljer sig med 5 %: 655 000 tkr.\n"
        "    2 | ram: 655000\n"
        "      |      ^\n"
        "\n"
        "1 fel, 1 varning och 1 info i 2 av 5 filer.\n"
    )


def test_no_findings(render: Render) -> None:
    assert render("text", findings=[], files=7) == "Inga problem hittades i 7 filer.\n"
    assert render("text", findings=[], files=1) == "Inga problem hittades i 1 fil.\n"


def test_one_file_is_singular(render: Render) -> None:
    out = render("text", findings=[FINDINGS[0]], files=1)
    assert out.endswith(" i 1 av 1 fil.\n")


def test_finding_outside_the_file_has_no_excerpt(render: Render) -> None:
    out = render("text", findings=[FINDINGS[2].with_(line=40, column=1)])
    assert " | " not in out
    assert "  40:1  info  [MS501]" in out


def test_colour_keeps_the_same_text(render: Render) -> None:
    plain = render("text")
    coloured = render("text", color=True)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_summary_wording() -> None:
    def count(*severities: int) -> str:
        findings = [FINDINGS[s] for s in severities]
        return summary(Report(findings, Path("."), 9, lambda file: []))

    assert count(0) == "1 fel, 0 varningar och 0 info i 1 av 9 filer."
    assert count(1) == "0 fel, 1 varning och 0 info i 1 av 9 filer."
    assert count(1, 1, 0, 2) == "1 fel, 2 varningar och 1 info i 2 av 9 filer."
