"""Måluppfyllelse: the follow-up documents' data, checked against hand-worked numbers.

The tiny fixture (``render_support.write_followup_repo``), worked out by hand with the
default rule (majoritet, delvis from 80 %):

- UBN-E1 (→ I1): UBN-E1-I1 1 310 against the target 1 300 → uppfyllt; assessed uppfyllt.
- SBN-E1 (→ I2): SBN-E1-I1 74,5 against 75 from the baseline 70: 90 % of the way →
  delvis uppfyllt; assessed ej uppfyllt.
- SBN-E2 (→ I2): SBN-E2-I1 missing ("saknas") → ej bedömt; no assessment.

So the nämnder assessed 1 of 3 effektmål as uppfyllt, none delvis, 1 ej uppfyllt and
1 ej bedömt; the suggestions are 1 uppfyllt, 1 delvis, 0 ej, 1 ej bedömt. I1 rolls up
to uppfyllt. I2 rolls up from SBN-E1's assessment (ej uppfyllt) and SBN-E2's
suggestion (ej bedömt, not counted) to ej uppfyllt.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from render_support import load, parse_html, texts, write_followup_repo

from malstyrning.pipeline import RunResult
from malstyrning.render.chart import line_chart, nice_ticks
from malstyrning.render.records import Document, Site
from malstyrning.render.results import (
    UnknownFollowUp,
    available_followups,
    choose_followup,
    summarise,
)
from malstyrning.render.site import build_site
from malstyrning.render.theme import DEFAULT_COLOUR, contrast, readable_on_white


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return load(write_followup_repo(tmp_path_factory.mktemp("tiny")))


def _site(result: RunResult, **kwargs: object) -> Site:
    return build_site(result.model, result.settings, result.findings, **kwargs)  # type: ignore[arg-type]


def _doc(site: Site, stem: str) -> Document:
    found = [d for d in site.documents if d.stem == stem]
    assert found, f"{stem} not among {[d.stem for d in site.documents]}"
    return found[0]


def test_summary_counts_match_hand_computed_counts(tiny: RunResult) -> None:
    kommun = _doc(_site(tiny), "maluppfyllelse-2027-helar").data
    summary = kommun.summary
    assert summary.total == 3
    assert [(c.status.key, c.count) for c in summary.counts] == [
        ("uppfyllt", 1), ("delvis uppfyllt", 0), ("ej uppfyllt", 1), ("ej bedömt", 1)]
    assert summary.headline == "1 av 3 effektmål uppfyllt"
    assert summary.sentence == ("1 av 3 effektmål uppfyllt, 0 delvis uppfyllda, "
                                "1 ej uppfyllt och 1 ej bedömt.")
    assert [(c.status.key, c.count) for c in kommun.suggested.counts] == [
        ("uppfyllt", 1), ("delvis uppfyllt", 1), ("ej uppfyllt", 0), ("ej bedömt", 1)]
    rows = {r.org: r.summary for r in kommun.namnder}
    assert rows["UBN"].headline == "1 av 1 effektmål uppfyllt"
    assert rows["SBN"].headline == "0 av 2 effektmål uppfyllda"
    assert rows["SBN"].count("ej uppfyllt") == 1 and rows["SBN"].count("ej bedömt") == 1


def test_summary_words_agree_with_the_numbers() -> None:
    keys = ["uppfyllt"] * 8 + ["delvis uppfyllt"] * 12 + ["ej uppfyllt"] * 10
    many = summarise(keys, "effektmål")
    assert many.headline == "8 av 30 effektmål uppfyllda"
    assert many.sentence == ("8 av 30 effektmål uppfyllda, 12 delvis uppfyllda, 10 ej uppfyllda "
                             "och 0 ej bedömda.")
    assert summarise([], "nämndmål").headline == "Inga nämndmål att följa upp"
    odd = summarise(["uppfyllt", "nästan"], "effektmål")
    assert odd.total == 2 and odd.count("") == 1 and "okänd bedömning" in odd.sentence


def test_inriktningar_roll_up_assessments_falling_back_to_suggestions(tiny: RunResult) -> None:
    kommun = _doc(_site(tiny), "maluppfyllelse-2027-helar").data
    i1, i2 = kommun.directions
    assert (i1.id, i1.assessed, i1.assessment.key, i1.rollup.key) == (
        "I1", True, "uppfyllt", "uppfyllt")
    assert (i2.id, i2.assessed, i2.assessment.key, i2.rollup.key) == (
        "I2", False, "ej bedömt", "ej uppfyllt")
    assert [(g.id, g.assessment.key, g.suggestion.key, g.rolled) for g in i2.goals] == [
        ("SBN-E1", "ej uppfyllt", "delvis uppfyllt", "ej uppfyllt"),
        ("SBN-E2", "ej bedömt", "ej bedömt", "ej bedömt")]
    assert i2.goals[0].differs and not i2.goals[1].differs
    assert i2.goals[0].link.doc == "maluppfyllelse-2027-helar-sbn"
    assert kommun.loose_goals == ()
    assert "majoritet" not in kommun.rule and "mer än hälften" in kommun.rule


def test_namnd_document_has_indicators_outcomes_and_activities(tiny: RunResult) -> None:
    site = _site(tiny)
    ubn = _doc(site, "maluppfyllelse-2027-helar-ubn").data
    assert ubn.header.decided == "2028-02-20" and ubn.header.decided_by == "Utbildningsnämnden"
    (goal,) = ubn.goals
    assert goal.analysis and goal.conclusions and goal.improvements
    assert goal.trend is not None and goal.trend.text == "Förbättrad"
    assert [p.doc for p in goal.parents] == ["maluppfyllelse-2027-helar"]
    (row,) = goal.indicators.rows
    assert (row.year, row.target, row.outcome.value) == (2027, 1300, 1310)
    assert (row.outcome.women, row.outcome.men) == (1320, 1300)
    assert row.outcome.kolada and goal.indicators.kolada and goal.indicators.gender
    assert row.status.key == "uppfyllt" and row.status.symbol == "✔"
    assert row.previous is not None and (row.previous.year, row.previous.value) == (2025, 1234.5)
    assert row.trend is not None and row.trend.key == "förbättrad"
    assert [(a.id, a.status.key, a.reported) for a in ubn.activities] == [
        ("UF-VAS-A1", "genomförd", True), ("UF-VAS-A2", "", False)]
    assert ubn.activities[0].comment == "Klart i juni."


def test_missing_outcome_keeps_its_reason_and_is_never_zero(tiny: RunResult) -> None:
    sbn = _doc(_site(tiny), "maluppfyllelse-2027-helar-sbn").data
    row = sbn.goals[1].indicators.rows[0]
    assert row.id == "SBN-E2-I1"
    assert row.outcome.value is None and row.outcome.reported
    assert row.outcome.missing == "Statistiken publiceras i mars 2028."
    assert row.outcome.source == "" and not row.outcome.kolada
    assert row.status.key == "ej bedömt"
    assert row.chart is not None and row.chart.missing is not None
    assert "Utfallet för 2027 saknas: Statistiken publiceras i mars 2028." in row.chart.description
    assert all(p.value != 0 for p in row.chart.outcomes)
    html = texts(tiny, "html")["maluppfyllelse-2027-helar-sbn.html"]
    cell = [td for td in parse_html(html).root.iter("td") if "saknas" in td.attrs.get("class", "")]
    assert [c.all_text() for c in cell] == ["Saknas: Statistiken publiceras i mars 2028."]
    md = texts(tiny, "md")["maluppfyllelse-2027-helar-sbn.md"]
    assert "*Saknas: Statistiken publiceras i mars 2028.*" in md
    assert "| 2027 | saknas | 10 |" in md


def test_latest_period_is_the_default_and_others_can_be_chosen(tiny: RunResult) -> None:
    model, settings = tiny.model, tiny.settings
    assert available_followups(model, settings) == ["2027-delår", "2027-helår"]
    assert choose_followup(model, settings, None) == "2027-helår"
    assert choose_followup(model, settings, "2027-delar") == "2027-delår"
    assert choose_followup(model, settings, " 2027-DELÅR ") == "2027-delår"
    assert choose_followup(model, settings, "ingen") is None
    with pytest.raises(UnknownFollowUp, match="2027-delår, 2027-helår"):
        choose_followup(model, settings, "2027-T1")
    assert choose_followup(model, settings, None, (2028, 2029)) is None
    assert choose_followup(model, settings, "2027-helår", (2028, 2029)) == "2027-helår"
    later = _site(tiny, period=(2028, 2029))
    assert later.followup is None
    none = _site(tiny, followup="ingen")
    assert not [d for d in none.documents if d.stem.startswith("maluppfyllelse")]
    assert none.followup is None


def test_delar_is_a_forecast_and_knows_nothing_of_the_year_end(tiny: RunResult) -> None:
    site = _site(tiny, followup="2027-delår")
    assert site.followup is not None and site.followup.forecast
    assert site.followup.span == "1 januari – 31 augusti 2027"
    ubn = _doc(site, "maluppfyllelse-2027-delar-ubn").data
    (goal,) = ubn.goals
    row = goal.indicators.rows[0]
    assert row.outcome.value == 1250 and row.outcome.source == "Skolornas statistik"
    # The helår's 1 310 came later: not in the series, the chart or its description.
    assert row.chart is not None
    assert [(p.year, p.value) for p in row.chart.outcomes] == [(2025, 1234.5), (2027, 1250)]
    assert "1 310" not in row.chart.description
    assert (goal.assessment.key, goal.suggestion.key) == ("delvis uppfyllt", "ej uppfyllt")
    assert ubn.activities[0].status.key == "pågående"
    kommun = _doc(site, "maluppfyllelse-2027-delar").data
    assert not kommun.header.has_followup
    html = texts(tiny, "html", followup="2027-delår")
    text = _main_text(html["maluppfyllelse-2027-delar-ubn.html"])
    assert "Bedömningarna är en prognos." in text and "Nämndens prognos" in text
    assert "Prognos för helåret: 0 av 1 effektmål uppfyllda" in text
    helar = _main_text(texts(tiny, "html")["maluppfyllelse-2027-helar-ubn.html"])
    assert "prognos" not in helar.lower() and "Slutlig bedömning" in helar


def _main_text(html: str) -> str:
    (main,) = list(parse_html(html).root.iter("main"))
    return main.all_text()


def test_documents_state_the_rule_and_the_source(tiny: RunResult) -> None:
    rule = _doc(_site(tiny), "maluppfyllelse-2027-helar").data.rule
    for fmt in ("html", "md"):
        rendered = texts(tiny, fmt)
        for name in (f"maluppfyllelse-2027-helar.{fmt}", f"maluppfyllelse-2027-helar-ubn.{fmt}"):
            text = rendered[name]
            assert "Så har statusen tagits fram" in text, name
            assert rule.split(".")[0] in text, name
        assert "Källa: Kolada" in rendered[f"maluppfyllelse-2027-helar-ubn.{fmt}"]
        assert "Källa: Kolada" not in rendered[f"maluppfyllelse-2027-helar-sbn.{fmt}"]


def test_organisation_limits_the_followup_documents(tiny: RunResult) -> None:
    assert [d.stem for d in _site(tiny, organisation="SBN").documents] == [
        "verksamhetsplan-sbn", "maluppfyllelse-2027-helar-sbn"]
    assert [d.stem for d in _site(tiny, organisation="KF").documents] == [
        "kommunens-plan", "maluppfyllelse-2027-helar"]


def test_repository_without_followups_gets_no_followup_documents(tmp_path: Path) -> None:
    from render_support import write_small_repo

    result = load(write_small_repo(tmp_path))
    site = _site(result)
    assert site.followup is None
    assert not [d for d in site.documents if d.stem.startswith("maluppfyllelse")]
    with pytest.raises(UnknownFollowUp, match="inga uppföljningsfiler"):
        _site(result, followup="2027-helår")


def test_chart_svg_has_a_text_alternative_with_the_values(tiny: RunResult) -> None:
    html = texts(tiny, "html")["maluppfyllelse-2027-helar-ubn.html"]
    doc = parse_html(html)
    (svg,) = list(doc.root.iter("svg"))
    assert svg.attrs["role"] == "img"
    ids = svg.attrs["aria-labelledby"].split()
    parts = {el.attrs.get("id"): el.all_text() for el in svg.iter() if el.attrs.get("id")}
    assert [el.tag for el in svg.children[:2]] == ["title", "desc"]
    assert parts[ids[0]] == "Diagram: Elever som når målen, andel (UBN-E1-I1)"
    assert parts[ids[1]] == (
        "Elever som når målen, andel (UBN-E1-I1). Baslinje 2025: 1\u202f234,5 %. "
        "Utfall: 2027: 1\u202f310 %. Målvärden: 2027: 1\u202f300 %, 2028: 1\u202f400,25 %. "
        "Högre är bättre.")
    labels = [t.all_text() for t in svg.iter("text")]
    assert "1\u202f300" in labels or "1\u202f310" in labels  # Swedish numbers on the axis


def test_markdown_gives_the_series_as_a_table_not_svg(tiny: RunResult) -> None:
    md = texts(tiny, "md")["maluppfyllelse-2027-helar-ubn.md"]
    assert "<svg" not in md
    assert "**Utfall och målvärden per år för UBN-E1-I1**" in md
    assert "| 2025 | 1\u202f234,5 (baslinje) | – |" in md
    assert "| 2027 | 1\u202f310 | 1\u202f300 |" in md
    assert "| 2028 | – | 1\u202f400,25 |" in md


@pytest.mark.parametrize(("low", "high", "expected"), [
    (72.1, 78, [72, 74, 76, 78]),
    (1.4, 2.1, [1.4, 1.6, 1.8, 2.0, 2.2]),
    (0, 100, [0, 25, 50, 75, 100]),
    (5, 5, [4.5, 4.75, 5, 5.25, 5.5]),
    (-3, 2, [-4, -2, 0, 2]),
])
def test_axis_ticks_are_round_numbers(low: float, high: float, expected: list[float]) -> None:
    ticks = nice_ticks(low, high)
    assert ticks == pytest.approx(expected)
    assert ticks[0] <= low and ticks[-1] >= high and len(ticks) <= 7


def test_chart_geometry_is_inside_the_plot_and_labels_avoid_targets() -> None:
    chart = line_chart("k", "T", "%", "Högre är bättre", [(2025, 72.1), (2027, 74.6)], 2025,
                       [(2027, 75), (2028, 78)])
    assert chart is not None
    for p in (*chart.outcomes, *chart.targets):
        assert chart.left <= p.x <= chart.right and chart.top <= p.y <= chart.bottom
    assert [t.label for t in chart.x_ticks] == ["2025", "2026", "2027", "2028"]
    assert chart.x_ticks[0].note == "baslinje"
    at_2027 = chart.outcomes[1]
    target = chart.targets[0]
    assert not (at_2027.label_y - 10 <= target.y <= at_2027.label_y + 1)
    assert line_chart("k", "T", "", "", [], None, []) is None
    single = line_chart("k", "T", "antal", "", [(2027, 5)], None, [])
    assert single is not None and single.outcome_path == ""
    assert "Utfall: 2027: 5." in single.description  # "antal" is not written after a count


def test_chart_colours_have_enough_contrast() -> None:
    """Lines and markers need 3:1 against white (WCAG 1.4.11), text 4.5:1."""
    assert contrast(readable_on_white(DEFAULT_COLOUR), "#ffffff") >= 4.5
    for colour in ("#1b1b1b", "#4f4f4f"):
        assert contrast(colour, "#ffffff") >= 4.5
    assert contrast("#6b6b6b", "#ffffff") >= 3


def test_a_chart_says_when_its_axis_does_not_start_at_zero() -> None:
    """Issue 9: never exaggerate a small change without saying so."""
    from malstyrning.render.chart import line_chart

    fitted = line_chart("k", "Andel", "%", "högre", [(2025, 72.1), (2027, 74.6)], 2025,
                        [(2027, 75.0)])
    assert fitted is not None and fitted.y_ticks[0].label != "0"
    assert fitted.axis_note.startswith("Den lodräta axeln börjar vid ")
    from_zero = line_chart("k", "Antal", "st", "högre", [(2025, 0.0), (2027, 40.0)], 2025, [])
    assert from_zero is not None and from_zero.axis_note == ""
    below = line_chart("k", "Resultat", "mnkr", "högre", [(2025, -40.0), (2027, -35.0)], 2025,
                       [])
    assert below is not None and below.axis_note.startswith("Den lodräta axeln slutar vid ")
