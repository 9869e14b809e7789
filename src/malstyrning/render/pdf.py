"""Council-ready PDF: the print HTML, printed by a headless Chromium-family browser.

Each document is rendered as HTML in print mode (a cover page with the filing data, a
table of contents), printed with ``--print-to-pdf`` and no browser header or footer.
Chromium writes a tagged PDF (structure tree, ``/Lang``), embeds its fonts, and prints
the CSS ``@page`` footer "Sida N av M". It cannot print page numbers into a table of
contents itself, so a document is printed twice: the first print's named destinations
(every ``id`` of the HTML) tell the page of each heading, and the second print carries
them in the table of contents. When the numbers move (they rarely do: the table has the
same lines in both prints) a third print settles them.

The browser: ``MALSTYRNING_WEBBLASARE`` if set, else Chromium, Chrome or Edge from
``PATH`` or their usual install folders (Edge comes with every Windows 10 and 11).
Nothing is installed and nothing needs admin rights; the browser gets a fresh profile
in a temporary folder and may load nothing but the document itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import groupby
from pathlib import Path
from typing import Any

from malstyrning.render.html import HtmlRenderer
from malstyrning.render.views import Document

ENV_BROWSER = "MALSTYRNING_WEBBLASARE"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
         "microsoft-edge", "microsoft-edge-stable", "msedge", "chrome")
TIMEOUT = 180
MAX_PASSES = 3
# Headings of the document's own table of contents and the cover are not listed.
SKIP_IDS = {"innehall-rubrik", "pdf-innehall-rubrik", "ej-godkand"}


def _install_paths() -> list[Path]:
    """Where Edge, Chrome and Chromium are installed when they are not on ``PATH``."""
    paths: list[Path] = []
    if sys.platform == "win32":
        for var in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
            base = os.environ.get(var)
            if base:
                paths += [Path(base) / "Microsoft" / "Edge" / "Application" / "msedge.exe",
                          Path(base) / "Google" / "Chrome" / "Application" / "chrome.exe",
                          Path(base) / "Chromium" / "Application" / "chrome.exe"]
    elif sys.platform == "darwin":
        for app in ("Google Chrome", "Microsoft Edge", "Chromium"):
            for base in (Path("/Applications"), Path.home() / "Applications"):
                paths.append(base / f"{app}.app" / "Contents" / "MacOS" / app)
    return paths


def find_browser() -> str | None:
    """The browser that prints the PDFs, or None when the machine has none."""
    configured = os.environ.get(ENV_BROWSER, "").strip()
    if configured:
        found = shutil.which(configured)
        return found or (configured if Path(configured).is_file() else None)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in _install_paths() if p.is_file()), None)


def missing_browser_message() -> str:
    return ("--format pdf behöver en webbläsare av Chromium-typ (Microsoft Edge, Google "
            "Chrome eller Chromium) som skriver ut PDF:en utan att öppnas, men ingen hittades. "
            "Windows har Edge; på Linux: installera paketet chromium. Ange en webbläsare som "
            f"inte hittas med miljövariabeln {ENV_BROWSER} (sökväg till programfilen), "
            "eller skapa HTML med --format html och skriv ut den.")


@dataclass(frozen=True)
class TocEntry:
    """A heading in the PDF's table of contents: level (2 or 3), anchor, text, page."""

    level: int
    anchor: str
    text: str
    page: str = ""


class _Headings(HTMLParser):
    """The h2 and h3 headings with an id, in document order (outside the cover)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[TocEntry] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in VOID:
            return
        if self._hidden:
            self._hidden += 1
            return
        if "aria-hidden" in values or tag in ("svg", "style", "script"):
            self._hidden = 1
            return
        if tag in ("h2", "h3") and values.get("id") and values["id"] not in SKIP_IDS:
            self._open, self._text = (int(tag[1]), values["id"] or ""), []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <path/>, <br/>: nothing to open or close

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self._hidden:
            self._hidden -= 1
            return
        if self._open and tag == f"h{self._open[0]}":
            text = " ".join("".join(self._text).split())
            if text:
                self.entries.append(TocEntry(self._open[0], self._open[1], text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and not self._hidden:
            self._text.append(data)


VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr", "col", "path", "rect",
        "circle", "line", "polyline"}


def headings(html: str) -> list[TocEntry]:
    parser = _Headings()
    parser.feed(html)
    return parser.entries


_OBJ = re.compile(rb"(\d+) 0 obj\s*<<")


def _objects(pdf: bytes) -> dict[int, bytes]:
    """Object number → its dictionary text (up to ``endobj`` or ``stream``)."""
    out: dict[int, bytes] = {}
    for m in _OBJ.finditer(pdf):
        end = pdf.find(b"endobj", m.end())
        stream = pdf.find(b"stream", m.end(), end)
        out[int(m.group(1))] = pdf[m.end() - 2:stream if stream != -1 else end]
    return out


def _ref(obj: bytes, key: bytes) -> int | None:
    m = re.search(rb"/" + key + rb"\s+(\d+) 0 R", obj)
    return int(m.group(1)) if m else None


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Named destination (an HTML ``id``) → its page number (1-based) in a Chromium PDF.

    Reads the catalogue's page tree and ``/Dests`` dictionary; returns {} for a PDF
    laid out differently (e.g. compressed object streams)."""
    objects = _objects(pdf)
    catalog = next((o for o in objects.values() if re.search(rb"/Type\s*/Catalog", o)), None)
    if catalog is None:
        return {}
    pages: dict[int, int] = {}

    def walk(number: int, depth: int = 0) -> None:
        node = objects.get(number, b"")
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", node)
        if kids and depth < 50:
            for kid in re.findall(rb"(\d+) 0 R", kids.group(1)):
                walk(int(kid), depth + 1)
        elif re.search(rb"/Type\s*/Page\b", node):
            pages[number] = len(pages) + 1

    root = _ref(catalog, b"Pages")
    if root is not None:
        walk(root)
    dests_ref = _ref(catalog, b"Dests")
    dests = objects.get(dests_ref, b"") if dests_ref is not None else b""
    out: dict[str, int] = {}
    for name, page in re.findall(rb"/([^\s/\[\]<>()]+)\s*\[\s*(\d+) 0 R", dests):
        decoded = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
        if int(page) in pages:
            out[decoded.decode("utf-8", "replace")] = pages[int(page)]
    return out


_DATES = re.compile(rb"/(CreationDate|ModDate)\s*\(D:[0-9+\-Z']*\)")


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
# Resource names (fonts, graphics states, images, patterns, shadings) follow the
# objects' numbering: one object more before them renames them all.
_RESOURCE = re.compile(rb"/(?:F|G|X|Im|P|Sh)\d+\b")
_STRING = rb"(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)"  # a literal or hex string
_URI = re.compile(rb"/URI\s*" + _STRING, re.S)
# an internal link's target: /Dest /name (as Chromium writes it) or a string
_TARGET = re.compile(rb"/(?:D|Dest)\s*(?:" + _STRING + rb"|/([^\s/\[\]<>()]+))", re.S)
# what a reader sees outside the streams: the title, alternative texts, the language
_TEXTS = re.compile(rb"/(Title|Alt|Lang|ActualText|E)\s*" + _STRING, re.S)


def _neutral(data: bytes) -> bytes:
    """A stream with its resource names numbered by first appearance."""
    seen: dict[bytes, int] = {}
    return _RESOURCE.sub(lambda m: b"/R%d" % seen.setdefault(m.group(0), len(seen)), data)


def _runs(values: list[Any]) -> list[Any]:
    """``values`` with each run of equal neighbours made one."""
    return [value for value, _ in groupby(values)]


def _print_of(pdf: bytes) -> tuple[Any, ...]:
    streams = []
    for m in _STREAM.finditer(pdf):
        try:
            data = zlib.decompress(m.group(1))
        except zlib.error:
            data = m.group(1)
        streams.append(_neutral(data))
    return (streams, [m.group(0) for m in _DATES.finditer(pdf)], _runs(_URI.findall(pdf)),
            _runs(_TARGET.findall(pdf)), _TEXTS.findall(pdf), destination_pages(pdf))


def same_print(old: bytes, new: bytes) -> bool:
    """Whether two prints of a document show the same: every stream (the pages'
    drawing, the fonts, the XMP metadata) alike but for the resource names' numbers,
    and the same print dates, titles, alternative texts and language, link targets and
    internal link targets (in order), and named destinations on the same pages.

    Chromium now and then (about one print in fifteen, more often under load) splits a
    link's clickable area on one line into two rectangles instead of one, which
    renumbers every object after it: the two halves are neighbours with one target.
    The writer then keeps the file it has, so the same plan still gives the same
    bytes."""
    if old == new:
        return True
    if not (old.startswith(b"%PDF-") and new.startswith(b"%PDF-")):
        return False
    before = _print_of(old)
    return bool(before[0]) and before == _print_of(new)


def steady(pdf: bytes, folder: str = "") -> bytes:
    """The PDF without its print time and print folder, so the same plan gives the
    same bytes, and links to the other documents work where the PDFs are put.

    Chromium turns a link to ``kommunens-plan.pdf`` into an absolute URI in the
    temporary ``folder`` (``file:///tmp/…/kommunens-plan.pdf``): that prefix becomes
    ``././…/``, a relative link to the same folder. Every replacement keeps the length
    (the folder's URI has an even length, see :meth:`Printer.print`), so the
    cross-reference table's byte offsets stay right."""
    def fixed(m: re.Match[bytes]) -> bytes:
        text = m.group(0)
        start = text.index(b"(D:") + 3
        body = text[start:-1]
        fixed_date = b"20000101000000+00'00'"
        if len(body) > len(fixed_date):
            return text
        return text[:start] + fixed_date[:len(body)] + b")"
    out = _DATES.sub(fixed, pdf)
    if folder:
        prefix = folder.encode("utf-8")
        out = out.replace(b"(" + prefix, b"(" + b"./" * (len(prefix) // 2))
    return out


def _without_memory_cap(args: list[str]) -> list[str]:
    """The command run with the address-space cap lifted again.

    The CLI caps its own address space (``gränser.max_minne_mb``, see
    :mod:`malstyrning.limits`); a browser reserves far more address space than it uses
    and dies at start-up under that cap. A shell lifts the soft cap for the browser
    alone (thread-safe, unlike ``preexec_fn``)."""
    try:
        import resource
    except ImportError:
        return args  # Windows: no such cap
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == hard or not Path("/bin/sh").is_file():
        return args
    return ["/bin/sh", "-c", 'ulimit -S -v "$(ulimit -H -v)" 2>/dev/null; exec "$@"', "sh",
            *args]


class PrintFailed(Exception):
    pass


class Printer:
    """Prints HTML files with one browser, each in a fresh temporary profile."""

    def __init__(self, browser: str, folder: Path) -> None:
        self.browser = browser
        self.folder = folder
        self._count = 0

    def command(self, html: Path, pdf: Path, profile: Path) -> list[str]:
        args = [self.browser, "--headless", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--no-pdf-header-footer",
                "--print-to-pdf-no-header", "--generate-pdf-document-outline",
                f"--print-to-pdf={pdf}", html.resolve().as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            # Chromium refuses to run as root with its sandbox (containers, CI).
            args.insert(1, "--no-sandbox")
        return _without_memory_cap(args)

    def print(self, name: str, html: str) -> bytes:
        self._count += 1
        work = Path(tempfile.mkdtemp(prefix="utskrift-", dir=self.folder))
        if len(self.folder_uri(work)) % 2:
            work = work / "xy"  # three more characters: an even length (see steady)
            work.mkdir()
        source, target = work / f"{name}.html", work / f"{name}.pdf"
        source.write_text(html, "utf-8")
        try:
            done = subprocess.run(self.command(source, target, work / "profil"),
                                  capture_output=True, text=True, timeout=TIMEOUT,
                                  check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise PrintFailed(f"webbläsaren {self.browser} kunde inte skriva ut {name} "
                              f"({err.__class__.__name__}: {err})") from None
        if not target.is_file() or not target.read_bytes().startswith(b"%PDF"):
            detail = " ".join(done.stderr.split()[-30:])
            raise PrintFailed(f"webbläsaren {self.browser} skrev ingen PDF för {name} "
                              f"(felkod {done.returncode}; {detail})")
        data = steady(target.read_bytes(), self.folder_uri(work))
        shutil.rmtree(work, ignore_errors=True)
        return data

    @staticmethod
    def folder_uri(folder: Path) -> str:
        """The folder as the start of the URIs Chromium writes: ``file:///tmp/…/``."""
        return folder.resolve().as_uri() + "/"


class PdfRenderer(HtmlRenderer):
    """The HTML documents in print mode, printed to PDF (see the module's docstring)."""

    suffix = ".pdf"
    splittable = False  # printed by browser threads, each document in one go
    text = False
    same_file = staticmethod(same_print)  # a print of the same plan keeps its file

    def variables(self) -> dict[str, Any]:
        return {**super().variables(), "utskrift": True}

    def render_all(self) -> dict[str, str]:
        """The print HTML of every document (the PDFs' source), with an empty TOC."""
        return {doc.stem + ".html": self.html(doc, ()) for doc in self.site.documents}

    def html(self, doc: Document, entries: Iterable[TocEntry]) -> str:
        template = self.env.get_template(f"{doc.kind}.html.j2")
        text = template.render(site=self.site, doc=doc, data=doc.data, suffix=self.suffix,
                               **{**self.variables(), "pdf_innehall": tuple(entries)})
        return self.finish(text)

    def render_files(self) -> dict[str, str | bytes]:
        from malstyrning.render import FormatUnavailable

        browser = find_browser()
        if browser is None:
            raise FormatUnavailable(missing_browser_message())
        for doc in self.site.documents:
            _ = doc.data, doc.cover  # made here, once, not by the printing threads
        with tempfile.TemporaryDirectory(prefix="malstyrning-pdf-") as tmp:
            printer = Printer(browser, Path(tmp))
            workers = max(1, min(4, os.cpu_count() or 1))
            try:
                with ThreadPoolExecutor(workers) as pool:
                    pdfs = list(pool.map(lambda d: self.print_document(printer, d),
                                         self.site.documents))
            except PrintFailed as err:
                raise FormatUnavailable(f"PDF:en kunde inte skapas: {err}. Kontrollera att "
                                        "webbläsaren startar, eller ange en annan med "
                                        f"{ENV_BROWSER}.") from None
        return {doc.stem + self.suffix: pdf
                for doc, pdf in zip(self.site.documents, pdfs, strict=True)}

    def print_document(self, printer: Printer, doc: Document) -> bytes:
        entries = headings(self.html(doc, ()))
        pdf = printer.print(doc.stem, self.html(doc, entries))
        for _ in range(MAX_PASSES - 1):
            pages = destination_pages(pdf)
            numbered = [TocEntry(e.level, e.anchor, e.text, str(pages.get(e.anchor, "")))
                        for e in entries]
            if numbered == entries or not pages:
                break
            entries = numbered
            pdf = printer.print(doc.stem, self.html(doc, entries))
        if entries and not any(e.page for e in entries):
            self.warnings.append(f"{doc.stem}{self.suffix}: sidnumren i innehållsförteckningen "
                                 "kunde inte läsas ur webbläsarens PDF; förteckningen saknar "
                                 "sidnummer.")
        return pdf



def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))
