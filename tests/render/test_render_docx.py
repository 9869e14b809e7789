"""``--format docx``: real Word files, read back with python-docx.

Word heading styles, a TOC field Word updates, tables with repeating header rows,
status as symbol and text, charts as tables with alternative text, Swedish on every
style, the kommun's own template; where LibreOffice is installed (``.ci/run`` tries
Debian's libreoffice-writer-nogui) one document is converted to PDF and read.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from render_support import EXAMPLES, load
from typer.testing import CliRunner

from malstyrning.cli import app
from malstyrning.pipeline import RunResult
from malstyrning.render import RenderOptions, render_files
from malstyrning.render.docx import DOCX_MAIN, DOTX_MAIN


@pytest.fixture(scope="module")
def word(example_result: RunResult) -> dict[str, bytes]:
    files = render_files(example_result, RenderOptions("docx", Path("unused")))
    assert all(isinstance(v, bytes) for v in files.values())
    return {k: v for k, v in files.items() if isinstance(v, bytes)}


def read(data: bytes):  # type: ignore[no-untyped-def]
    return open_docx(io.BytesIO(data))


def test_every_document_is_a_word_file(word: dict[str, bytes]) -> None:
    assert len(word) == 17 and "kommunens-plan.docx" in word and "index.docx" in word
    for name, data in word.items():
        assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None, name
        assert read(data).paragraphs, name


def test_headings_use_word_styles_and_the_toc_is_an_updatable_field(
        word: dict[str, bytes]) -> None:
    doc = read(word["kommunens-plan.docx"])
    headings = [(p.style.name, p.text) for p in doc.paragraphs
                if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Mål och budget 2027–2029") in headings
    assert ("Heading 2", "Ekonomiska ramar") in headings
    assert ("Heading 3", "Livslångt lärande (I1)") in headings
    body = doc.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any("TOC" in t and "\\o" in t for t in instructions)
    begins = len([f for f in body.iter(qn("w:fldChar"))
                  if f.get(qn("w:fldCharType")) == "begin"])
    ends = len([f for f in body.iter(qn("w:fldChar")) if f.get(qn("w:fldCharType")) == "end"])
    assert begins == ends == 1
    assert doc.settings.element.find(qn("w:updateFields")) is not None
    names = [(p.style.name, p.text) for p in doc.paragraphs]
    assert (names.index(("TOC Heading", "Innehåll"))
            < names.index(("Heading 1", "Mål och budget 2027–2029")))


def test_the_cover_page_carries_the_filing_data(word: dict[str, bytes]) -> None:
    doc = read(word["kommunens-plan.docx"])
    first = [p.text for p in doc.paragraphs[:12]]
    assert first[0] == "Heby kommun"
    assert "Mål och budget 2027–2029" in first and "Paragraf: § 112" in first
    assert "Diarienummer: KS 2026/0412" in first
    title = next(p for p in doc.paragraphs if p.text == "Mål och budget 2027–2029")
    assert title.style.name == "Title"
    followup = read(word["maluppfyllelse-2027-helar.docx"])
    assert followup.paragraphs[1].text == "Årsredovisning 2027"
    assert followup.core_properties.title == "Årsredovisning 2027"


def test_tables_repeat_their_header_row_and_status_has_symbol_and_text(
        word: dict[str, bytes]) -> None:
    doc = read(word["verksamhetsplan-ubn.docx"])
    assert doc.tables
    for table in doc.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        assert all(c.paragraphs[0].runs[0].bold for c in table.rows[0].cells)
    activities = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Status")
    statuses = {r.cells[-1].text for r in activities.rows[1:]}
    assert statuses and all(" " in s and not s[0].isalnum() for s in statuses), statuses


def test_charts_become_tables_with_alternative_text(word: dict[str, bytes]) -> None:
    doc = read(word["maluppfyllelse-2027-helar-ubn.docx"])
    charts = [t for t in doc.tables if [c.text for c in t.rows[0].cells]
              == ["År", "Utfall", "Målvärde"]]
    assert charts
    for table in charts:
        description = table._tbl.tblPr.find(qn("w:tblDescription"))
        assert description is not None and len(description.get(qn("w:val"))) > 20


def test_the_language_is_swedish_and_the_footer_numbers_pages(word: dict[str, bytes]) -> None:
    doc = read(word["verksamhetsplan-ubn.docx"])
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "sv-SE"
    assert doc.core_properties.language == "sv-SE"
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Heby kommun · Verksamhetsplan 2027–2029")
    assert "Sida" in footer.text and " av " in footer.text
    fields = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]


def test_the_same_plan_gives_the_same_bytes(example_result: RunResult,
                                            word: dict[str, bytes]) -> None:
    again = render_files(example_result, RenderOptions("docx", Path("unused"),
                                                       organisation="UBN"))
    assert again["verksamhetsplan-ubn.docx"] == word["verksamhetsplan-ubn.docx"]


def _kommun_template(path: Path) -> None:
    """A kommun's .dotx: its own Heading 1 font, a header with its name, body text."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Heading 1"].font.name = "Garamond"
    doc.styles["Heading 1"].font.size = Pt(21)
    doc.sections[0].header.paragraphs[0].text = "Heby kommun – kommunens sidhuvud"
    doc.add_paragraph("MALLENS EXEMPELTEXT")
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(DOCX_MAIN.encode(), DOTX_MAIN.encode())
            out.writestr(info.filename, data)


def _repo_with(tmp_path: Path, setting: str) -> Path:
    root = tmp_path / "plans"
    shutil.copytree(EXAMPLES, root)
    settings = root / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8").replace(
        'utseende:\n  färg: "#00583d"\n', f'utseende:\n  färg: "#00583d"\n  wordmall: {setting}\n'),
        "utf-8")
    return root


def test_the_kommuns_word_template_gives_styles_and_header(tmp_path: Path) -> None:
    root = _repo_with(tmp_path, "grafisk-profil/kommunmall.dotx")
    (root / "grafisk-profil").mkdir()
    _kommun_template(root / "grafisk-profil" / "kommunmall.dotx")
    result = load(root)
    assert not result.findings, result.findings
    out = tmp_path / "ut"
    cli = CliRunner().invoke(app, ["render", str(root), "--format", "docx",
                                   "--organisation", "UBN", "--out", str(out)])
    assert cli.exit_code == 0, cli.output
    assert "varning" not in cli.output
    doc = open_docx(str(out / "verksamhetsplan-ubn.docx"))
    assert doc.styles["Heading 1"].font.name == "Garamond"
    assert doc.sections[0].header.paragraphs[0].text == "Heby kommun – kommunens sidhuvud"
    assert "MALLENS EXEMPELTEXT" not in [p.text for p in doc.paragraphs]
    assert any(p.style.name == "Heading 1" for p in doc.paragraphs)


def test_a_broken_template_is_a_warning_and_the_standard_template_is_used(
        tmp_path: Path) -> None:
    root = _repo_with(tmp_path, "mall.dotx")
    (root / "mall.dotx").write_bytes(b"inte en zip")
    out = tmp_path / "ut"
    cli = CliRunner().invoke(app, ["render", str(root), "--format", "docx",
                                   "--organisation", "UBN", "--out", str(out)])
    assert cli.exit_code == 0, cli.output
    assert "utseende.wordmall" in cli.output and "standardmallen" in cli.output
    assert open_docx(str(out / "verksamhetsplan-ubn.docx")).paragraphs


def test_a_template_that_is_not_word_is_a_schema_finding(tmp_path: Path) -> None:
    from malstyrning.pipeline import ConfigError

    root = _repo_with(tmp_path, "mall.pdf")
    with pytest.raises(ConfigError) as err:
        load(root)
    assert any(f.file == "malstyrning.yaml" and f.line for f in err.value.findings)


def test_libreoffice_converts_a_word_file_to_a_pdf_with_the_text(word: dict[str, bytes],
                                                                 tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (libreoffice-writer-nogui) eller pdftotext finns inte; "
                    "Word-filerna är kontrollerade med python-docx ovan.")
    source = tmp_path / "kommunens-plan.docx"
    source.write_bytes(word["kommunens-plan.docx"])
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, timeout=180, check=False)
    pdf = tmp_path / "kommunens-plan.pdf"
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.replace("\u00a0", " ").split())
    for phrase in ("KS 2026/0412", "§ 112", "Innehåll", "Ekonomiska ramar", "Summa nämnder",
                   "Sida 1 av", "Heby kommun · Mål och budget 2027–2029"):
        assert phrase in flat, phrase


def test_big_goals_link_to_activity_documents_in_word(monkeypatch: pytest.MonkeyPatch,
                                                      example_result: RunResult) -> None:
    from malstyrning.render import views

    monkeypatch.setattr(views, "LIST_LIMIT", 1)
    files = render_files(example_result, RenderOptions("docx", Path("unused"),
                                                       organisation="UBN"))
    lists = [n for n, d in files.items() if n.startswith("aktiviteter")]
    assert lists, sorted(files)
    plan = read(files["verksamhetsplan-ubn.docx"])  # type: ignore[arg-type]
    assert "Fullständiga listor" in [p.text for p in plan.paragraphs]
    assert any(t.rows[0].cells[0].text == "Organisation" for t in plan.tables)
    listing = read(files[lists[0]])  # type: ignore[arg-type]
    assert listing.tables and listing.tables[0].rows[0].cells[-1].text == "Status"
    assert len(listing.tables[0].rows) > 1


def test_each_word_document_is_freed_before_the_next(example_result: RunResult) -> None:
    """python-docx's objects form reference cycles and the cyclic collector is paused
    while documents are built: unless each Word document is collected once written, a
    big city's documents all stay in memory (760 MB for storstad's 44)."""
    import gc

    from docx.document import Document as WordDocument

    gc.collect()
    files = render_files(example_result, RenderOptions("docx", Path("unused")))
    paused = gc.isenabled()
    gc.disable()
    try:
        alive = [o for o in gc.get_objects() if isinstance(o, WordDocument)]
    finally:
        if paused:
            gc.enable()
    assert len(files) > 5
    assert alive == []


def test_word_follow_ups_carry_the_economy(example_result: RunResult) -> None:
    """The delårsrapport in Word has what the HTML has: economy per nämnd with prognos
    and deviation, God ekonomisk hushållning, and each nämnd's own economy."""
    files = render_files(example_result, RenderOptions("docx", Path("unused"),
                                                       followup="2027-delår"))
    kommun = read(files["maluppfyllelse-2027-delar.docx"])
    headings = [p.text for p in kommun.paragraphs if p.style.name.startswith("Heading")]
    assert "Ekonomi" in headings and "God ekonomisk hushållning" in headings
    cells = [c.text for t in kommun.tables for row in t.rows for c in row.cells]
    assert "Prognos för helåret" in cells and "Avvikelse, %" in cells
    assert any(c.startswith("Summa ") for c in cells)
    assert "Samlad bedömning" in cells
    nämnd = read(files["maluppfyllelse-2027-delar-ubn.docx"])
    assert "Ekonomi" in [p.text for p in nämnd.paragraphs if p.style.name.startswith("Heading")]
    cells = [c.text for t in nämnd.tables for row in t.rows for c in row.cells]
    assert "Budget" in cells and "Prognos för helåret" in cells
