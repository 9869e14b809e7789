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
