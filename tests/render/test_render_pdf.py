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
from malstyrning.render.pdf import TocEntry, destination_pages, headings, same_print, steady


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


def test_the_followup_pdf_names_the_report_and_a_second_render_changes_nothing(
        printed: Path) -> None:
    cover = " ".join(_pages(printed / "maluppfyllelse-2027-helar.pdf")[0].split())
    assert "Årsredovisning 2027" in cover and "§ 41" in cover and "KS 2028/0087" in cover
    again = CliRunner().invoke(app, ["render", str(EXAMPLES), "--format", "pdf",
                                     "--organisation", "KF", "--out", str(printed)])
    assert again.exit_code == 0 and "(0 nya eller ändrade" in again.output, again.output


def _print(*, split: bool = False, text: bytes = b"(Plan) Tj", date: bytes = b"20000101000000",
           uris: tuple[bytes, bytes] = (b"plan.pdf#m-e1", b"plan.pdf#m-e2"),
           dest: bytes = b"m-e1", title: bytes = b"Plan", fonts: tuple[int, int] = (1, 2)
           ) -> bytes:
    """A small print as Chromium makes one: a page that draws with two fonts and a
    graphics state, two links (the first split in two rectangles, with every object
    after it one number higher, as Chromium now and then does), an internal link
    (``/Dest /name``), a named destination, a title and a print date."""
    import zlib

    def link(rect: bytes, uri: bytes) -> bytes:
        return (b"<</Type /Annot /Subtype /Link /Rect [" + rect + b"] /A <</S /URI /URI ("
                + uri + b")>>>>")

    first = [link(b"50 150 90 160", uris[0]), link(b"90 150 117 160", uris[0])] if split \
        else [link(b"50 150 117 160", uris[0])]
    objects = [*first, link(b"50 130 117 140", uris[1]),
               b"<</Type /Annot /Subtype /Link /Rect [50 100 90 110] /Dest /" + dest + b">>"]
    n = 5 + len(objects)  # the numbers after the annotations (1-4: catalogue, pages, info)
    draw = zlib.compress(b"q /G%d gs BT /F%d 10 Tf %s /F%d 10 Tf (Mer) Tj ET Q" % (
        n, n + fonts[0], text, n + fonts[1]))
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (5 + i, o) for i, o in enumerate(objects))
    return (b"%PDF-1.7\n1 0 obj\n<</Type /Catalog\n/Pages 2 0 R\n/Dests 4 0 R>>\nendobj\n"
            + b"2 0 obj\n<</Type /Pages\n/Kids [%d 0 R]>>\nendobj\n" % (n + 4)
            + b"%d 0 obj\n<</Type /Page\n/Contents %d 0 R>>\nendobj\n" % (n + 4, n + 3)
            + b"4 0 obj\n<</m-e1 [%d 0 R /XYZ 0 500 0]>>\nendobj\n" % (n + 4) + body
            + b"%d 0 obj\n<</Filter /FlateDecode>>\nstream\n" % (n + 3) + draw
            + b"\nendstream\nendobj\n"
            + b"3 0 obj\n<</Title (" + title + b")\n/CreationDate (D:" + date
            + b"+00'00')>>\nendobj\n")


def test_a_print_that_shows_the_same_is_the_same_print() -> None:
    """Two prints of one document whose only difference is a link's clickable area split
    in two, which renumbers the objects and resources after it, show the same; a change
    to what a page draws (or one font where there were two), the print date, the title,
    a link's target, the links' order or an internal link's target does not."""
    plain = _print()
    assert destination_pages(plain) == {"m-e1": 1}
    assert same_print(plain, plain)
    assert _print(split=True) != plain
    assert same_print(plain, _print(split=True))
    changes = [_print(text=b"(Mal) Tj"), _print(fonts=(1, 1)), _print(date=b"20270101000000"),
               _print(title=b"Annan plan"), _print(uris=(b"plan.pdf#m-e1", b"plan.pdf#m-e3")),
               _print(uris=(b"plan.pdf#m-e2", b"plan.pdf#m-e1")),
               _print(uris=(rb"p(1\)/a", b"x")), _print(dest=b"m-e2"),
               _print(split=True, text=b"(Mal) Tj")]
    for changed in changes:
        assert not same_print(plain, changed)
    assert same_print(_print(uris=(rb"p(1\)/a", b"x")), _print(uris=(rb"p(1\)/a", b"x"),
                                                               split=True))
    assert not same_print(_print(uris=(rb"p(1\)/a", b"x")), _print(uris=(rb"p(1\)/b", b"x")))
    assert not same_print(b"abc", b"xyz")


def test_the_writer_keeps_its_pdf_when_the_new_print_shows_the_same(tmp_path: Path) -> None:
    from malstyrning.render.writer import MANIFEST, OutputRefused, write_atomically

    out = tmp_path / "ut"
    write_atomically(out, {"plan.pdf": _print()}, same=same_print)
    result = write_atomically(out, {"plan.pdf": _print(split=True)}, same=same_print)
    assert result.written == [] and result.unchanged == [out / "plan.pdf"]
    assert (out / "plan.pdf").read_bytes() == _print()
    # the manifest still names the kept file: the next render finds it is its own
    result = write_atomically(out, {"plan.pdf": _print(text=b"(Ny) Tj")}, same=same_print)
    assert result.written == [out / "plan.pdf"]
    assert (out / "plan.pdf").read_bytes() == _print(text=b"(Ny) Tj")
    assert (out / MANIFEST).is_file()
    # a file the writer did not write is never taken for its own print
    (out / "annan.pdf").write_bytes(_print())
    with pytest.raises(OutputRefused, match=r"annan\.pdf"):
        write_atomically(out, {"annan.pdf": _print(split=True)}, same=same_print)
    assert (out / "annan.pdf").read_bytes() == _print()


def test_chromium_prints_that_differ_only_in_a_link_target_are_not_the_same(
        tmp_path: Path) -> None:
    """On real prints: the same page printed twice shows the same, and a page whose
    internal link, or web link, points elsewhere with the same text does not (in print,
    links look like the text around them)."""
    printer = pdfmod.Printer(_browser(), tmp_path)

    def page(body: str) -> str:
        return ('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Plan'
                f'</title></head><body>{body}</body></html>')

    body = ('<h2 id="a">Alfa</h2><p><a href="#a">till alfa</a> '
            '<a href="https://example.se/plan(1)/a">webben</a></p><h2 id="b">Beta</h2>')
    first = printer.print("plan", page(body))
    assert same_print(first, printer.print("plan", page(body)))
    for changed in (body.replace('href="#a"', 'href="#b"'),
                    body.replace("plan(1)/a", "plan(1)/b")):
        assert not same_print(first, printer.print("plan", page(changed))), changed
