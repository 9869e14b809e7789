"""``--format pdf``: cover page, table of contents with page numbers, "Sida N av M",
tagged, fonts embedded, no browser header, the same bytes twice.

The parts that need no browser are tested everywhere; the real print needs Chromium
(``.ci/run`` installs it) and is skipped without one locally, failing in CI.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from render_support import EXAMPLES, load
from typer.testing import CliRunner

from malstyrning.cli import app
from malstyrning.render import FormatUnavailable, RenderOptions, render_files
from malstyrning.render import pdf as pdfmod
from malstyrning.render.pdf import _DATES, TocEntry, destination_pages, headings, steady


def _minimal_pdf() -> bytes:
    return (b"%PDF-1.7\n1 0 obj\n<</Type /Catalog\n/Pages 2 0 R\n/Dests 9 0 R>>\nendobj\n"
            b"2 0 obj\n<</Type /Pages\n/Count 3\n/Kids [3 0 R 4 0 R]>>\nendobj\n"
            b"3 0 obj\n<</Type /Page\n/Parent 2 0 R>>\nendobj\n"
            b"4 0 obj\n<</Type /Pages\n/Kids [5 0 R 6 0 R]>>\nendobj\n"
            b"5 0 obj\n<</Type /Page>>\nendobj\n6 0 obj\n<</Type /Page>>\nendobj\n"
            b"9 0 obj\n<</vision [3 0 R /XYZ 0 800 0]\n/m-i1 [6 0 R /XYZ 0 500 0]\n"
            b"/s#C3#A5 [5 0 R /XYZ 0 1 0]>>\nendobj\n"
            b"7 0 obj\n<</CreationDate (D:20261203101010+00'00')\n"
            b"/URI (file:///tmp/abc/kommunens-plan.pdf#m-i1)>>\nendobj\n")


def test_destinations_are_read_with_their_pages_from_a_nested_page_tree() -> None:
    assert destination_pages(_minimal_pdf()) == {"vision": 1, "m-i1": 3, "så": 2}
    assert destination_pages(b"%PDF-1.7 nothing") == {}


def test_steady_drops_the_print_time_and_folder_keeping_every_offset() -> None:
    raw = _minimal_pdf()
    out = steady(raw, "file:///tmp/abc/")
    assert len(out) == len(raw)
    assert b"20261203" not in out and b"file://" not in out
    assert b"(D:20000101000000+00'00')" in out
    assert b"(././././././././kommunens-plan.pdf#m-i1)" in out


def test_headings_skip_hidden_parts_and_the_own_table_of_contents() -> None:
    html = ('<h2 id="innehall-rubrik">Innehåll</h2><h2 id="vision">Vision</h2>'
            '<h3 id="m-i1"><span class="id">I1</span> Livslångt <em>lärande</em>'
            '<span aria-hidden="true">✕<img src="x"></span></h3><h3>Utan id</h3>'
            '<svg><path d="M0"/><h2 id="i-svg">Nej</h2></svg><h2 id="sist">Sist</h2>')
    assert headings(html) == [TocEntry(2, "vision", "Vision"),
                              TocEntry(3, "m-i1", "I1 Livslångt lärande"),
                              TocEntry(2, "sist", "Sist")]


def test_the_browser_is_taken_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    fake = tmp_path / "msedge.exe"
    fake.write_bytes(b"")
    monkeypatch.setenv(pdfmod.ENV_BROWSER, str(fake))
    assert pdfmod.find_browser() == str(fake)
    monkeypatch.setenv(pdfmod.ENV_BROWSER, str(tmp_path / "saknas.exe"))
    assert pdfmod.find_browser() is None


def test_without_a_browser_the_render_says_so_in_swedish(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    monkeypatch.setattr(pdfmod, "find_browser", lambda: None)
    with pytest.raises(FormatUnavailable, match="Edge"):
        render_files(load(EXAMPLES), RenderOptions("pdf", tmp_path / "ut"))
    result = CliRunner().invoke(app, ["render", str(EXAMPLES), "--format", "pdf",
                                      "--out", str(tmp_path / "ut")])
    assert result.exit_code == 2, result.output
    assert "ingen hittades" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "ut").exists() or not any((tmp_path / "ut").iterdir())


def _browser() -> str:
    found = pdfmod.find_browser()
    if found is None or shutil.which("pdftotext") is None:
        reason = "Chromium eller pdftotext (poppler-utils) finns inte"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; i CI ska .ci/run ha installerat dem.")
        pytest.skip(f"{reason}; testet körs i CI.")
    return found


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    return [re.sub(r"[\u202f\u00a0]", " ", p) for p in out.split("\f")][:-1]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _browser()
    out = tmp_path_factory.mktemp("pdf") / "ut"
    result = CliRunner().invoke(app, ["render", str(EXAMPLES), "--format", "pdf",
                                      "--organisation", "KF", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_kf_plan_has_a_cover_and_a_toc_with_the_right_page_numbers(printed: Path
                                                                        ) -> None:
    pdf = printed / "kommunens-plan.pdf"
    pages = _pages(pdf)
    cover = " ".join(pages[0].split())
    for phrase in ("Heby kommun", "Mål och budget 2027–2029", "KS 2026/0412", "§ 112",
                   "Sammanträdesdatum 23 november 2026", "Bilaga 1"):
        assert phrase in cover
    toc = {m.group(1).strip(): int(m.group(2))
           for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", pages[1], re.M)}
    assert {"Vision", "Inriktningar", "Ekonomiska ramar", "Agenda 2030"} <= set(toc)
    for heading, page in toc.items():
        first = pages[page - 1].split("\n")
        assert any(line.strip().startswith(heading[:40]) for line in first), (
            f"{heading!r} is not on page {page}")
    for number, text in enumerate(pages, 1):
        assert f"Sida {number} av {len(pages)}" in text
    # no near-empty page after the cover (the same rule as the HTML print's)
    sizes = [len(" ".join(p.split())) for p in pages[1:]]
    assert all(size >= sum(sizes) / len(sizes) / 3 for size in sizes[:-1]), sizes
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2}|file:", "".join(pages)), "browser header"
    assert dt.date.today().isoformat() not in "".join(pages)


def test_the_pdf_is_tagged_swedish_with_embedded_fonts(printed: Path) -> None:
    data = (printed / "kommunens-plan.pdf").read_bytes()
    assert b"/StructTreeRoot" in data and b"/Marked true" in data and b"/Lang (sv)" in data
    fonts = subprocess.run(["pdffonts", str(printed / "kommunens-plan.pdf")],
                           capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert b"file://" not in data


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_RESOURCE = re.compile(rb"/(?:F|G|X|Im|P|Sh)\d+\b")
_URI = re.compile(rb"/URI\s*\((.*?)\)", re.S)


def _printed_pages(pdf: bytes) -> tuple[list[bytes], list[bytes], set[bytes]]:
    """What a reader sees of a PDF: every stream decompressed (the pages' drawing, the
    fonts, the XMP metadata) with the resource names that follow the objects' numbering
    made neutral, the print dates, and the links' targets."""
    import zlib

    streams = []
    for m in _STREAM.finditer(pdf):
        try:
            data = zlib.decompress(m.group(1))
        except zlib.error:
            data = m.group(1)
        streams.append(_RESOURCE.sub(b"/R", data))
    return streams, [m.group(0) for m in _DATES.finditer(pdf)], set(_URI.findall(pdf))


def test_the_followup_pdf_names_the_report_and_a_second_render_changes_nothing(
        printed: Path) -> None:
    """A second render of the same plan leaves the PDFs as they are. Chromium now and then
    (about one print in fifteen here, more often under load) splits a link's clickable
    area on one line into two rectangles instead of one, which renumbers the objects
    after it: then the file is rewritten, but every page, font, date and link target
    must still be the same."""
    before = (printed / "maluppfyllelse-2027-helar.pdf").read_bytes()
    cover = " ".join(_pages(printed / "maluppfyllelse-2027-helar.pdf")[0].split())
    assert "Årsredovisning 2027" in cover and "§ 41" in cover and "KS 2028/0087" in cover
    again = CliRunner().invoke(app, ["render", str(EXAMPLES), "--format", "pdf",
                                     "--organisation", "KF", "--out", str(printed)])
    assert again.exit_code == 0, again.output
    if "(0 nya eller ändrade" not in again.output:
        after = (printed / "maluppfyllelse-2027-helar.pdf").read_bytes()
        assert _printed_pages(after) == _printed_pages(before), again.output
