"""Peers beside the targets: ``kolada/jamforelser.json`` in the follow-up documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from render_support import load, texts, write_followup_repo

PEERS = {"format": 1, "hämtad": "2028-01-20", "källa": "test",
         "jämförelser": [{"id": "0000", "namn": "Riket"}, {"id": "0003", "namn": "Länet"},
                         {"id": "G1", "namn": "Liknande kommuner"}],
         "värden": {"N15419": {"2027": {"0000": {"totalt": 1280.5},
                                        "0003": {"totalt": None},
                                        "G1": {"totalt": 1299.25, "medel_av": 7}}}}}
COMPARISONS = ('jämförelser:\n  riket: true\n  län: true\n  grupper: [G1]\n'
               '  namn: {G1: Liknande kommuner}\n')


def _repo(tmp_path: Path, *, peers: bool = True, configured: bool = True) -> Path:
    root = write_followup_repo(tmp_path / "plan")
    if configured:
        settings = root / "malstyrning.yaml"
        settings.write_text(settings.read_text("utf-8") + COMPARISONS, "utf-8")
    if peers:
        (root / "kolada").mkdir()
        (root / "kolada" / "jamforelser.json").write_text(json.dumps(PEERS), "utf-8")
    return root


def test_peers_are_shown_apart_from_fulfilment(tmp_path: Path) -> None:
    result = load(_repo(tmp_path))
    for fmt in ("md", "html"):
        text = " ".join(texts(result, fmt)[f"maluppfyllelse-2027-helar-ubn.{fmt}"].split())
        assert "Jämförelse med andra (sammanhang, inte måluppfyllelse)" in text
        assert "1 280,5" in text and "1 299,25" in text
        assert "påverkar inte statusen ovan" in text
        assert "Koladas färger (röd, gul, grön) på kolada.se rangordnar kommunerna" in text
        # Kolada's own figure is attributed to Kolada; the län has no value, so it is
        # not named as a source; the group mean is said to be computed, not Kolada's
        assert "Källa: Kolada (Riket)." in text
        assert "Ovägt medelvärde av gruppens kommuner, beräknat av malstyrning" in text
        sbn = texts(result, fmt)[f"maluppfyllelse-2027-helar-sbn.{fmt}"]
        assert "Jämförelse med andra" not in sbn  # SBN's indicator has no Kolada id


def test_md_table_has_a_column_per_peer(tmp_path: Path) -> None:
    text = texts(load(_repo(tmp_path)), "md")["maluppfyllelse-2027-helar-ubn.md"]
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    header = next(line for line in lines if "Riket" in line)
    assert header == "| Indikator | Utfall 2027 | Riket | Länet | Liknande kommuner |"
    row = lines[lines.index(header) + 1]
    assert row.endswith("| 1\u202f310 | 1\u202f280,5 | – | 1\u202f299,25¹ |"), row


def test_no_peers_without_the_file_or_the_setting(tmp_path: Path) -> None:
    for peers, configured in ((False, True), (True, False)):
        root = _repo(tmp_path / f"{peers}{configured}", peers=peers, configured=configured)
        for fmt in ("md", "html"):
            text = texts(load(root), fmt)[f"maluppfyllelse-2027-helar-ubn.{fmt}"]
            assert "Jämförelse med andra" not in text


def test_word_documents_show_the_peers_too(tmp_path: Path) -> None:
    import io

    docx = pytest.importorskip("docx")
    from malstyrning.render import RenderOptions, render_files

    files = render_files(load(_repo(tmp_path)), RenderOptions("docx", Path("unused")))
    data = files["maluppfyllelse-2027-helar-ubn.docx"]
    assert isinstance(data, bytes)
    document = docx.Document(io.BytesIO(data))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    peers = next(t for t in tables if "Riket" in t[0])
    assert peers[0] == ["Indikator", "Utfall 2027", "Riket", "Länet", "Liknande kommuner"]
    # (Word gets the thousands separator as the document's own space character)
    assert [" ".join(c.split()) for c in peers[1][2:]] == ["1 280,5", "–", "1 299,25¹"]
    text = " ".join(p.text for p in document.paragraphs)
    assert "påverkar inte statusen ovan" in text and "Källa: Kolada (Riket)." in text


def _with(tmp_path: Path, peers_data: dict[str, object], comparisons: str = COMPARISONS) -> Path:
    root = write_followup_repo(tmp_path / "plan")
    settings = root / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8") + comparisons, "utf-8")
    (root / "kolada").mkdir()
    (root / "kolada" / "jamforelser.json").write_text(json.dumps(peers_data), "utf-8")
    return root


SERIES = {**PEERS, "värden": {"N15419": {
    "2025": {"0000": {"totalt": 1201.5}, "G1": {"totalt": 1188.0, "medel_av": 7}},
    "2027": PEERS["värden"]["N15419"]["2027"],  # type: ignore[index]
    # a year after the follow-up's: a helår 2027 document never shows it
    "2028": {"0000": {"totalt": 9999.0}}}}}


def test_the_chart_shows_the_peers_as_context(tmp_path: Path) -> None:
    from render_support import parse_html

    html = texts(load(_with(tmp_path, SERIES)), "html")["maluppfyllelse-2027-helar-ubn.html"]
    (figure,) = [f for f in parse_html(html).root.iter("figure")
                 if f.attrs.get("class") == "serie"]
    (svg,) = list(figure.iter("svg"))
    legend = [t.all_text() for t in svg.iter("text")]
    assert "Riket" in legend and "Liknande kommuner (medelvärde)" in legend
    assert "Länet" not in legend  # no value for the län: nothing to draw
    groups = [g for g in svg.iter("g") if g.attrs.get("class") == "jamforelse"]
    assert len(groups) == 2
    # riket: a dotted line between its two years, a triangle at each
    assert next(p.attrs.get("stroke-dasharray") for p in groups[0].iter("path")) == "1.5 2.5"
    assert len(list(groups[0].iter("path"))) == 3
    description = next(el for el in svg.iter("desc")).all_text()
    assert ("Jämförelser (sammanhang, inte måluppfyllelse): Riket 2025: 1\u202f201,5 %, "
            "2027: 1\u202f280,5 %; Liknande kommuner (ovägt medelvärde beräknat av "
            "malstyrning) 2025: 1\u202f188 %, 2027: 1\u202f299,25 %.") in description
    caption = " ".join(next(figure.iter("figcaption")).all_text().split())
    assert "Riket och Liknande kommuner visas som jämförelse: sammanhang, inte " \
        "måluppfyllelse." in caption
    assert "Den lodräta axeln börjar vid" in caption  # the axis rule still holds
    assert "9\u202f999" not in html


def test_the_markdown_series_table_has_a_column_per_peer(tmp_path: Path) -> None:
    md = texts(load(_with(tmp_path, SERIES)), "md")["maluppfyllelse-2027-helar-ubn.md"]
    assert "**Utfall, målvärden och jämförelser per år för UBN-E1-I1**" in md
    assert "| År | Utfall | Målvärde | Riket | Liknande kommuner |" in md
    assert "| 2025 | 1\u202f234,5 (baslinje) | – | 1\u202f201,5 | 1\u202f188 |" in md
    assert "| 2028 | – | 1\u202f400,25 | – | – |" in md
    assert ("Riket och Liknande kommuner visas som jämförelse: sammanhang, inte "
            "måluppfyllelse.") in md
    assert "9\u202f999" not in md


def test_without_peers_the_series_table_is_as_before(tmp_path: Path) -> None:
    md = texts(load(_repo(tmp_path, peers=False)), "md")["maluppfyllelse-2027-helar-ubn.md"]
    assert "**Utfall och målvärden per år för UBN-E1-I1**" in md
    assert "| År | Utfall | Målvärde |\n" in md


def test_kolada_names_the_peers_when_the_settings_do_not(tmp_path: Path) -> None:
    named = {**PEERS, "jämförelser": [
        {"id": "0000", "namn": "Riket", "kolada_namn": "Riket"},
        {"id": "0003", "namn": "Region Uppsala", "kolada_namn": "Region Uppsala"},
        {"id": "G1", "namn": "Liknande kommuner", "kolada_namn": "Liknande kommuner, Heby"}]}
    plain = 'jämförelser:\n  riket: true\n  län: true\n  grupper: [G1]\n'
    md = texts(load(_with(tmp_path / "a", named, plain)), "md")[
        "maluppfyllelse-2027-helar-ubn.md"]
    assert "| Indikator | Utfall 2027 | Riket | Region Uppsala | Liknande kommuner, Heby |" \
        in md
    # the settings' name wins, for the län too
    own = plain + '  namn: {G1: Våra jämförelsekommuner, "0003": Uppsala län}\n'
    md = texts(load(_with(tmp_path / "b", named, own)), "md")[
        "maluppfyllelse-2027-helar-ubn.md"]
    assert "| Indikator | Utfall 2027 | Riket | Uppsala län | Våra jämförelsekommuner |" in md


def test_a_file_from_before_the_names_still_works(tmp_path: Path) -> None:
    plain = 'jämförelser:\n  riket: true\n  län: true\n  grupper: [G1]\n'
    md = texts(load(_with(tmp_path, PEERS, plain)), "md")["maluppfyllelse-2027-helar-ubn.md"]
    assert "| Indikator | Utfall 2027 | Riket | Länet | Kommungrupp G1 |" in md


def test_word_charts_tables_have_the_peers_too(tmp_path: Path) -> None:
    import io

    docx = pytest.importorskip("docx")
    from malstyrning.render import RenderOptions, render_files

    files = render_files(load(_with(tmp_path, SERIES)), RenderOptions("docx", Path("unused")))
    data = files["maluppfyllelse-2027-helar-ubn.docx"]
    assert isinstance(data, bytes)
    document = docx.Document(io.BytesIO(data))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    series = next(t for t in tables if t[0][0] == "År")
    # (the län has no value in the chart's years: no column)
    assert series[0] == ["År", "Utfall", "Målvärde", "Riket", "Liknande kommuner"]
    assert [" ".join(c.split()) for c in series[1]] == [
        "2025", "1 234,5 (baslinje)", "–", "1 201,5", "1 188"]
    text = " ".join(p.text for p in document.paragraphs)
    assert "visas som jämförelse: sammanhang, inte måluppfyllelse" in text


def test_a_peer_name_cannot_spill_into_the_legend_or_tables(tmp_path: Path) -> None:
    """A name from the settings is plan text: escaped, and its text direction isolated,
    so an open RLO cannot turn "(medelvärde)" or a table's next cell around."""
    odd = 'jämförelser:\n  riket: true\n  grupper: [G1]\n  namn: {G1: "A | <b>B</b>\\u202e x"}\n'
    result = load(_with(tmp_path, SERIES, odd))
    html = texts(result, "html")["maluppfyllelse-2027-helar-ubn.html"]
    assert "\u2068A | &lt;b&gt;B&lt;/b&gt;\u202e x\u202c\u2069 (medelvärde)</text>" in html
    md = texts(result, "md")["maluppfyllelse-2027-helar-ubn.md"]
    assert "| År | Utfall | Målvärde | Riket | \u2068A \\| \\<b\\>B\\</b\\>\u202e x\u202c\u2069 |" \
        in md


def _heby_with_peers(tmp_path: Path) -> Path:
    """The example (Heby) with peers for every Kolada id its indicators name."""
    import re
    import shutil

    from render_support import EXAMPLES

    root = tmp_path / "heby"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    kpis = sorted({k for f in root.rglob("*.yaml")
                   for k in re.findall(r"kolada: ([A-Z]\d{5})", f.read_text("utf-8"))})
    assert len(kpis) > 5
    values = {k: {str(year): {"0000": {"totalt": 60.0 + i}, "0003": {"totalt": 61.5 + i},
                              "G1": {"totalt": 59.25 + i, "medel_av": 7}}
                  for year in (2025, 2026, 2027)} for i, k in enumerate(kpis)}
    (root / "kolada").mkdir()
    (root / "kolada" / "jamforelser.json").write_text(json.dumps(
        {**PEERS, "värden": values}), "utf-8")
    settings = root / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8") + COMPARISONS, "utf-8")
    return root


def test_the_kommuns_delarsrapport_holds_economy_goals_and_peers(tmp_path: Path) -> None:
    """Issue 11's "done": one document for the council — the kommun's delårsrapport —
    shows the economy per nämnd with prognos, the finansiella mål, goal fulfilment with
    how each status came about, and where the kommun stands among its peers (every
    indicator with a Kolada id, also the nämnder's)."""
    result = load(_heby_with_peers(tmp_path))
    assert not [f for f in result.findings if f.severity.name == "ERROR"]
    for fmt in ("html", "md"):
        docs = texts(result, fmt, followup="2027-delår")
        [name] = [n for n in docs if n.startswith("maluppfyllelse-2027-delar.")]
        doc = docs[name]
        for phrase in ("Ekonomi", "Prognos", "Finansiella mål", "Så har statusen tagits fram",
                       "God ekonomisk hushållning", "Jämförelse med andra",
                       "Liknande kommuner", "sammanhang, inte måluppfyllelse"):
            assert phrase in doc, (fmt, phrase)
        section = doc[doc.index("Var Heby kommun står bland"):]
        # the nämnder's Kolada indicators are there, each once
        for kpi_row in ("UBN-E1-I1", "KS-E1-I1"):
            assert section.count(kpi_row) == 1, (fmt, kpi_row)
        assert "Riket" in section and "Länet" in section, fmt


def test_no_kommun_wide_peers_without_peers(tmp_path: Path) -> None:
    from render_support import EXAMPLES

    docs = texts(load(EXAMPLES), "md", followup="2027-delår")
    assert "Jämförelse med andra" not in docs["maluppfyllelse-2027-delar.md"]


def test_word_kommun_document_has_the_peers_section(tmp_path: Path) -> None:
    import io

    from docx import Document as open_docx

    from malstyrning.render import RenderOptions, render_files

    result = load(_heby_with_peers(tmp_path))
    files = render_files(result, RenderOptions("docx", Path("unused"), followup="2027-delår"))
    word = open_docx(io.BytesIO(files["maluppfyllelse-2027-delar.docx"]))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Jämförelse med andra" in headings
