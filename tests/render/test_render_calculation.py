"""The calculation behind each indicator's status, written out in the follow-up
documents: always for the growth rule (Heby's SBN-E1-I1), for the default rule when
``måluppfyllelse.visa_beräkning`` asks for it."""

from __future__ import annotations

from dataclasses import replace

from render_support import texts

from malstyrning.pipeline import RunResult


def test_growth_rule_calculation_is_shown(example_md: dict[str, str],
                                          example_html: dict[str, str]) -> None:
    md = example_md["maluppfyllelse-2027-helar-sbn.md"]
    assert ("- SBN-E1-I1: Årlig förändring sedan baslinjen: (36 / 34)^(1/2) − 1 = 2,90 %. "
            "Takt som behövs för att nå 50 år 2029: (50 / 34)^(1/4) − 1 = 10,12 %. Kvot: "
            "0,29; minst 0,95 ger uppfyllt, minst 0,6 delvis uppfyllt. Status: ej uppfyllt."
            ) in md
    # only the indicator that asks for the growth rule shows a calculation by default
    assert md.count("Så har statusen räknats fram:") == 1
    assert "Kvot: 0,29" in example_html["maluppfyllelse-2027-helar-sbn.html"]


def test_share_calculation_on_request(example_result: RunResult) -> None:
    shown = replace(example_result, settings=replace(example_result.settings,
                                                     show_calculation=True))
    md = texts(shown, "md")["maluppfyllelse-2027-helar-ubn.md"]
    assert "Så har statusen räknats fram:" in md
    assert "Andel av vägen från baslinjen" in md or "når målvärdet" in md
