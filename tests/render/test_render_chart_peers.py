"""Peers in an indicator's chart (``render/chart.py``): context beside the kommun's own
series, told apart by shape and dash as well as colour, and said in words."""

from __future__ import annotations

import pytest

from malstyrning.render.chart import PEER_STYLES, PeerInput, line_chart
from malstyrning.render.theme import contrast

OUTCOMES = [(2025, 74.0), (2027, 79.0)]
TARGETS = [(2027, 78.0), (2028, 80.0)]
RIKET = PeerInput("Riket", ((2025, 73.5), (2027, 74.2)))
LAN = PeerInput("Region Västerbotten", ((2025, 75.1), (2027, 76.0)))
GROUP = PeerInput("Liknande kommuner övergripande, Bjurholm", ((2025, 60.0), (2027, 61.5)),
                  computed=True)


def chart(*peers: PeerInput, outcomes: list[tuple[int, float]] = OUTCOMES):  # type: ignore[no-untyped-def]
    made = line_chart("k", "M2-I1 Elever", "%", "Högre är bättre", outcomes, 2025, TARGETS,
                      peers=peers)
    assert made is not None
    return made


def test_every_peer_has_its_own_shape_dash_and_a_dark_enough_colour() -> None:
    assert len({s[0] for s in PEER_STYLES}) == len({s[1] for s in PEER_STYLES}) \
        == len(PEER_STYLES)
    for _shape, _dash, colour in PEER_STYLES:
        assert contrast(colour, "#ffffff") >= 4.5, colour
    drawn = chart(RIKET, LAN, GROUP).peers
    assert [(p.marker, p.dash) for p in drawn] == [s[:2] for s in PEER_STYLES[:3]]


def test_peers_are_inside_the_plot_and_the_legend_above_it() -> None:
    c = chart(RIKET, LAN, GROUP)
    plain = chart()
    # one legend row per peer: the plot moves down, it does not shrink
    assert c.top == plain.top + 3 * 14 and c.height == plain.height + 3 * 14
    assert c.bottom - c.top == plain.bottom - plain.top
    for series in c.peers:
        assert series.legend_y < c.top - 10  # above the unit label and the plot
        for p in series.points:
            assert c.left <= p.x <= c.right and c.top <= p.y <= c.bottom
    assert [p.legend_y for p in c.peers] == [31, 45, 59]


def test_peers_count_for_the_axis_and_its_note() -> None:
    c = chart(GROUP)
    assert c.y_ticks[0].label == "60"  # the group's 60 is on the axis
    assert c.axis_note.startswith("Den lodräta axeln börjar vid 60, inte vid 0")
    assert c.peers[0].points[0].y == c.bottom


def test_the_text_says_they_are_comparisons_not_fulfilment() -> None:
    c = chart(RIKET, GROUP)
    assert ("Jämförelser (sammanhang, inte måluppfyllelse): Riket 2025: 73,5 %, 2027: "
            "74,2 %; Liknande kommuner övergripande, Bjurholm (ovägt medelvärde beräknat "
            "av malstyrning) 2025: 60 %, 2027: 61,5 %.") in c.description
    assert c.peer_note == (
        "Riket och Liknande kommuner övergripande, Bjurholm visas som jämförelse: "
        "sammanhang, inte måluppfyllelse. Liknande kommuner övergripande, Bjurholm är ett "
        "ovägt medelvärde beräknat av malstyrning ur Koladas värden.")
    assert c.peers[1].legend + c.peers[1].suffix == "Liknande kommuner… (medelvärde)"
    assert chart().peer_note == "" and "Jämförelse" not in chart().description


def test_a_peer_of_another_magnitude_is_left_out_of_the_plot_not_the_table() -> None:
    own = [(2025, 2430.0), (2027, 2441.0)]
    riket = PeerInput("Riket", ((2025, 10_592_000.0), (2027, 10_641_000.0)))
    group = PeerInput("Lika", ((2025, 2648.0), (2027, 2618.75)), computed=True)
    c = chart(riket, group, outcomes=own)
    assert [p.drawn for p in c.peers] == [False, True]
    assert c.drawn_peers == (c.peers[1],) and c.peers[0].points == ()
    assert c.y_ticks[-1].label == "3\u202f000"  # riket does not flatten the kommun's line
    assert c.top == chart(outcomes=own).top + 14  # one legend row: the drawn peer
    assert "Riket visas inte i diagrammet, eftersom värdena är av en annan storleksordning" \
        in c.peer_note
    assert "Riket visas inte i diagrammet" in c.description
    assert "Riket 2025: 10\u202f592\u202f000" in c.description
    # the chart's table (Markdown, Word) still has riket's values, and says nothing of a plot
    assert [r.peers for r in c.rows if r.year == 2025] == [(10_592_000.0, 2648.0)]
    assert "diagrammet" not in c.table_note


@pytest.mark.parametrize("years", [((2020, 70.0),), ((2031, 70.0),)])
def test_peer_years_outside_the_kommuns_series_are_left_out(
        years: tuple[tuple[int, float], ...]) -> None:
    c = chart(PeerInput("Riket", years))
    assert c.peers == () and c.peer_note == ""
    assert [r.year for r in c.rows] == [2025, 2027, 2028]


def test_a_peer_year_between_the_kommuns_years_gets_a_row() -> None:
    c = chart(PeerInput("Riket", ((2026, 74.0),)))
    assert [(r.year, r.outcome, r.peers) for r in c.rows] == [
        (2025, 74.0, (None,)), (2026, None, (74.0,)), (2027, 79.0, (None,)),
        (2028, None, (None,))]
