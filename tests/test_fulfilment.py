"""Progress rules for an indicator: share of the way (default) and Open SDG's growth
rate (Statistics Canada), each worked out by hand, and the choice per kommun and per
indicator."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from malstyrning.config import settings_from_data
from malstyrning.fulfilment import (
    GROWTH,
    MET,
    NOT_ASSESSED,
    NOT_MET,
    PARTLY,
    SHARE,
    calculate,
    describe_rule,
    growth_calculation,
    progress_rule,
)
from malstyrning.model import INDICATOR, Node

SETTINGS = settings_from_data(Path("."), {"kommun": "Testby kommun"})


def _indicator(direction: str = "högre", base: tuple[int, float] | None = (2025, 34.0),
               targets: tuple[tuple[int, float], ...] = ((2027, 40.0), (2029, 50.0)),
               rule: str = "") -> Node:
    facts = (direction, base[0] if base else None, base[1] if base else None, targets, 1.0,
             rule)
    return Node(INDICATOR, "X-I1", "Bostäder", (), "SBN", "p.yaml", (), "X", facts)


def test_growth_rate_against_the_rate_needed() -> None:
    # observed (36/34)^(1/2) − 1 = 2,899 %; needed (50/34)^(1/4) − 1 = 10,122 %
    calc = growth_calculation(_indicator(), 2027, 36.0)
    assert calc.observed_rate == pytest.approx(0.028992, abs=1e-6)
    assert calc.needed_rate == pytest.approx(0.101217, abs=1e-6)
    assert calc.progress == pytest.approx(0.2864, abs=1e-4)
    assert calc.status == NOT_MET
    assert "(36 / 34)^(1/2) − 1 = 2,90 %" in calc.text
    assert "(50 / 34)^(1/4) − 1 = 10,12 %" in calc.text and "Kvot: 0,29" in calc.text


@pytest.mark.parametrize(("value", "status"), [
    (41.0, MET),      # (41/34)^½ − 1 = 9,81 %: ratio 0,97 ≥ 0,95
    (39.0, PARTLY),   # 7,10 %: ratio 0,70
    (35.0, NOT_MET),  # 1,46 %: ratio 0,14
    (33.0, NOT_MET),  # falling: ratio < 0 (deterioration)
    (50.0, MET),      # the target is reached already
])
def test_growth_thresholds(value: float, status: str) -> None:
    assert growth_calculation(_indicator(), 2027, value).status == status


def test_growth_for_a_lower_is_better_indicator() -> None:
    # 4,1 → 3,9 in two years: −2,47 % a year; needed to reach 3,6 by 2029: −3,20 % a year
    ind = _indicator("lägre", (2025, 4.1), ((2029, 3.6),))
    calc = growth_calculation(ind, 2027, 3.9)
    assert calc.progress == pytest.approx(0.7719, abs=1e-3)
    assert calc.status == PARTLY and "riktning lägre" in calc.text


def test_growth_without_target_uses_fixed_rates() -> None:
    ind = _indicator(targets=())
    assert growth_calculation(ind, 2027, 36.0).status == MET       # 2,90 % ≥ 1,5 %
    assert growth_calculation(ind, 2027, 34.5).status == PARTLY    # 0,73 %
    assert growth_calculation(ind, 2027, 34.0).status == NOT_MET   # 0 %


@pytest.mark.parametrize(("ind", "year", "value", "why"), [
    (_indicator(base=None), 2027, 36.0, "Ingen baslinje"),
    (_indicator(), 2025, 36.0, "inte ett år efter baslinjen"),
    (_indicator(base=(2025, 0.0)), 2027, 3.0, "värden över 0"),
    (_indicator(), 2027, None, "Inget utfall"),
])
def test_growth_cannot_always_be_computed(ind: Node, year: int, value: float | None,
                                          why: str) -> None:
    calc = growth_calculation(ind, year, value)
    assert calc.status == NOT_ASSESSED and why in calc.text


def test_share_calculation_is_written_out() -> None:
    calc = calculate(_indicator(), 2027, 39.0, SETTINGS)
    assert calc.rule == SHARE and calc.status == PARTLY  # (39 − 34) / (40 − 34) = 83 %
    assert "(39 − 34) / (40 − 34) = 83 %" in calc.text


def test_rule_per_kommun_and_per_indicator() -> None:
    growth = settings_from_data(Path("."), {"måluppfyllelse": {"beräkning": "tillväxttakt"}})
    assert progress_rule(_indicator(), SETTINGS) == SHARE
    assert progress_rule(_indicator(rule=GROWTH), SETTINGS) == GROWTH
    assert progress_rule(_indicator(), growth) == GROWTH
    assert progress_rule(_indicator(rule=SHARE), growth) == SHARE
    # the same outcome, two rules: 39 is 83 % of the way to 2027's 40, but the pace
    # toward 2029's 50 is only 0,70 of what is needed
    assert calculate(_indicator(), 2027, 39.0, SETTINGS).status == PARTLY
    assert calculate(_indicator(), 2027, 38.0, growth).status == NOT_MET
    assert "Open SDG" in describe_rule(growth) and "Open SDG" not in describe_rule(SETTINGS)
    assert replace(SETTINGS, show_calculation=True).show_calculation
