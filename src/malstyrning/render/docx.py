"""Word documents (.docx) for agenda systems, built from the same records as HTML.

Each document gets a cover page (kommun, real title, filing data), a table of contents
*field* (Word fills in the page numbers: it asks to update the fields on opening, or
F9), Word's own heading styles (the navigation pane), tables whose header row repeats
on every page and whose rows do not split, status as symbol and text, and Swedish as
the language of every style. Charts become a table of the same numbers with the
chart's text alternative as the table's alternative text (python-docx cannot place
SVG, and a PNG would need a rasteriser dependency; see the README).

With ``utseende.wordmall`` in ``malstyrning.yaml`` (a ``.docx`` or ``.dotx`` in the
plan repository) the documents are built on the kommun's own template: its styles,
page setup, header and footer (and the logo in them) are kept, its body is replaced.

Plan text goes through :func:`~malstyrning.render.environment.plain_text` (no control
characters, bidirectional text isolated) before it reaches the document.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from malstyrning.render.base import RenderContext
from malstyrning.render.environment import paragraphs, plain_text
from malstyrning.render.records import (
    ActivityListView,
    ChainView,
    Document,
    GoalResultView,
    GoalView,
    IndicatorResultTable,
    IndicatorTable,
    KommunplanView,
    KommunResultView,
    Link,
    NamndplanView,
    NamndResultView,
    OutlineItem,
    QualityView,
    Site,
    Status,
)
from malstyrning.render.typography import amount, deviation, number, swedish_date, titled
from malstyrning.render.writer import same_bytes

LANGUAGE = "sv-SE"
TEMPLATE_KEY = "wordmall"
TEMPLATE_SUFFIXES = (".docx", ".dotx")
MAX_TEMPLATE_BYTES = 20_000_000
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
# Zip entries get one fixed time: the same plan gives the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def text(value: Any) -> str:
    """Plan text as Word may show it: one line, safe (see the module docstring)."""
    return plain_text(" ".join(str(value if value is not None else "").split()))


def link_text(link: Link, show_id: bool = True) -> str:
    label = titled(link.id, link.name) if show_id else link.name
    return text(label)


def status_text(status: Status | None) -> str:
    return f"{status.symbol} {status.text}" if status is not None else "–"


def links(items: Iterable[Link], empty: str = "–") -> str:
    return ", ".join(link_text(x) for x in items) or empty


@dataclass
class TocLine:
    level: int
    text: str


@dataclass
class Builder:
    """One Word document being written, with the headings seen so far (for the TOC)."""

    doc: Any
    headings: list[TocLine] = field(default_factory=list)
    _sect: Any = None
    _styles: dict[tuple[str, str | None], Any] = field(default_factory=dict)

    # -- appending (python-docx finds the section properties anew for every paragraph it
    # appends, which makes a document of n paragraphs take n² steps)

    def add_paragraph(self, style: Any = None) -> Any:
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        if style is not None:
            # the style's id straight into the XML: Paragraph.style looks up the styles
            # part anew each time (a millisecond a paragraph)
            p.append(_style_props(style.style_id))
        self._end().addprevious(p)
        return Paragraph(p, self.doc._body)

    def add_table(self, cols: int) -> Any:
        from docx.oxml.table import CT_Tbl
        from docx.table import Table

        tbl = CT_Tbl.new_tbl(1, cols, self.doc._block_width)
        self._end().addprevious(tbl)
        return Table(tbl, self.doc._body)

    def _end(self) -> Any:
        """The body's last element (its section properties), kept once found."""
        from docx.oxml.ns import qn

        if self._sect is None:
            body = self.doc.element.body
            sect = body.find(qn("w:sectPr"))
            if sect is None:
                sect = body.get_or_add_sectPr()
            self._sect = sect
        return self._sect

    # -- styles

    def style(self, name: str, fallback: str | None = None) -> Any:
        key = (name, fallback)
        if key not in self._styles:
            try:
                found = self.doc.styles[name]
            except KeyError:
                found = self.doc.styles[fallback] if fallback else None
            self._styles[key] = found
        return self._styles[key]

    # -- blocks

    def heading(self, value: str, level: int) -> Any:
        level = max(1, min(level, 9))
        self.headings.append(TocLine(level, text(value)))
        p = self.add_paragraph(self.style(f"Heading {level}"))
        p.add_run(text(value))
        return p

    def para(self, value: str = "", style: str | None = None, bold: bool = False) -> Any:
        p = self.add_paragraph(self.style(style) if style else None)
        if value:
            p.add_run(text(value)).bold = bold or None
        return p

    def fact(self, label: str, value: str) -> Any:
        p = self.add_paragraph()
        p.add_run(text(label) + ": ").bold = True
        p.add_run(text(value))
        return p

    def paragraphs(self, value: str) -> None:
        for part in paragraphs(value or ""):
            self.para(part)

    def bullets(self, items: Iterable[str], level: int = 0) -> None:
        name = "List Bullet" if level == 0 else f"List Bullet {min(level + 1, 3)}"
        style = self.style(name, "List Bullet") if self.style("List Bullet") else None
        for item in items:
            p = self.add_paragraph(style)
            if style is None:
                p.paragraph_format.left_indent = _cm(0.6 * (level + 1))
                p.add_run("• ")
            p.add_run(text(item))

    def note(self, value: str) -> Any:
        return self.para("⚠︎ " + value)

    def caption(self, value: str) -> Any:
        p = self.add_paragraph(self.style("Caption"))
        p.add_run(text(value)).bold = True
        p.paragraph_format.keep_with_next = True
        return p

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]],
              caption: str = "", alt: str = "", numeric: Iterable[int] = ()) -> Any:
        """A table whose header row repeats on every page; rows do not split."""
        if caption:
            self.caption(caption)
        right = set(numeric)
        table = self.add_table(len(headers))
        grid = self.style("Table Grid")
        if grid is not None:
            table.style = grid
        header = table.rows[0]
        _repeat_header(header)
        for i, title in enumerate(headers):
            cell = header.cells[i]
            cell.paragraphs[0].add_run(text(title)).bold = True
        _add_rows(table._tbl, rows, right)
        _table_alt(table, caption or (headers[0] if headers else ""), alt)
        self.add_paragraph()
        return table

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# -- low-level OOXML helpers


def _cm(value: float) -> Any:
    from docx.shared import Cm

    return Cm(value)


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(key.replace("_", ":", 1)), value)
    return el


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_el("w:tblHeader", w_val="true"))
    tr_pr.append(_el("w:cantSplit", w_val="true"))


def _style_props(style_id: str) -> Any:
    props = _el("w:pPr")
    props.append(_el("w:pStyle", w_val=style_id))
    return props


def _add_rows(tbl: Any, rows: Iterable[Sequence[str]], right: set[int]) -> None:
    """Body rows written as WordprocessingML directly: python-docx's Table.add_row and
    Row.cells take about a millisecond a row (a nämnd plan of a big city has 14,000)."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    space = "{http://www.w3.org/XML/1998/namespace}space"
    sub = etree.SubElement
    for values in rows:
        tr = sub(tbl, w + "tr")
        sub(sub(tr, w + "trPr"), w + "cantSplit", {w + "val": "true"})
        for i, value in enumerate(values):
            p = sub(sub(tr, w + "tc"), w + "p")
            if i in right:
                sub(sub(p, w + "pPr"), w + "jc", {w + "val": "right"})
            t = sub(sub(p, w + "r"), w + "t", {space: "preserve"})
            t.text = text(value)


def _table_alt(table: Any, caption: str, description: str) -> None:
    """Word's alternative text of a table (Table Properties → Alt Text)."""
    tbl_pr = table._tbl.tblPr
    # w:tblCaption and w:tblDescription come last in w:tblPr (after w:tblLook).
    tbl_pr.append(_el("w:tblCaption", w_val=text(caption)[:255]))
    if description:
        tbl_pr.append(_el("w:tblDescription", w_val=text(description)))


def _field(paragraph: Any, instruction: str, shown: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC) in ``paragraph``."""
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", w_fldCharType="begin"))
    instr = _el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_el("w:fldChar", w_fldCharType="separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(_el("w:fldChar", w_fldCharType="end"))


def set_language(doc: Any, language: str = LANGUAGE) -> None:
    """Swedish on the document defaults, on every style, and for the theme fonts."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _el("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = _el("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = _el("w:rPr")
        rpr_default.append(rpr)
    targets = [rpr, *styles.iter(qn("w:rPr"))]
    for target in targets:
        lang = target.find(qn("w:lang"))
        if lang is None:
            if target is not rpr:
                continue
            lang = _el("w:lang")
            target.append(lang)
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = _el("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), language)
    doc.core_properties.language = language


def ask_to_update_fields(doc: Any) -> None:
    """Word updates the TOC's page numbers when the document is opened."""
    from docx.oxml.ns import qn

    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(_el("w:updateFields", w_val="true"))


def open_template(path: Path) -> Any:
    """A .docx or .dotx as a python-docx Document with an empty body (section kept)."""
    from docx import Document as open_document
    from docx.oxml.ns import qn

    data = path.read_bytes()
    if path.suffix.lower() == ".dotx":
        data = _as_document(data)
    doc = open_document(io.BytesIO(data))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _as_document(data: bytes) -> bytes:
    """A Word template's package with the content type of a document."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(DOTX_MAIN.encode(), DOCX_MAIN.encode())
            target.writestr(info.filename, content)
    return out.getvalue()


def steady_zip(data: bytes) -> bytes:
    """The package again with fixed entry times (the same plan, the same bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


class DocxRenderer:
    """Every document of the site as a Word file (see the module's docstring)."""

    name = "docx"
    suffix = ".docx"
    text = False
    same_file = staticmethod(same_bytes)  # the same site gives the same bytes

    def __init__(self, site: Site, context: RenderContext) -> None:
        self.site = site
        self.context = context
        self.warnings: list[str] = []
        self.template = self._template_path()
        self.logo = self._logo_path()

    # -- settings

    def _inside(self, setting: str, what: str) -> Path | None:
        base = self.context.root.resolve()
        path = (base / setting).resolve()
        if not path.is_relative_to(base):
            self.warnings.append(f"utseende.{what} {setting!r} ligger utanför planrepot; "
                                 "den används inte i Word-dokumenten.")
            return None
        if not path.is_file():
            self.warnings.append(f"utseende.{what}: filen {setting} finns inte; den används "
                                 "inte i Word-dokumenten.")
            return None
        return path

    def _template_path(self) -> Path | None:
        setting = self.context.appearance.get(TEMPLATE_KEY)
        if not setting:
            return None
        path = self._inside(str(setting), TEMPLATE_KEY)
        if path is None:
            return None
        if path.suffix.lower() not in TEMPLATE_SUFFIXES:
            self.warnings.append(f"utseende.{TEMPLATE_KEY}: {setting} är ingen Word-mall "
                                 "(.docx eller .dotx); standardmallen används.")
            return None
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            self.warnings.append(f"utseende.{TEMPLATE_KEY}: {setting} är större än 20 MB; "
                                 "standardmallen används.")
            return None
        try:
            open_template(path)
        except Exception as err:  # a broken package: python-docx raises many kinds
            self.warnings.append(f"utseende.{TEMPLATE_KEY}: {setting} går inte att läsa som "
                                 f"Word-mall ({err.__class__.__name__}); standardmallen "
                                 "används. Spara mallen på nytt i Word.")
            return None
        return path

    def _logo_path(self) -> Path | None:
        setting = self.context.appearance.get("logotyp")
        if not setting or self.template is not None:
            return None  # the kommun's template carries its own logo
        path = self._inside(str(setting), "logotyp")
        if path is not None and path.suffix.lower() not in PICTURE_SUFFIXES:
            self.warnings.append(f"utseende.logotyp: {setting} kan inte läggas i "
                                 "Word-dokumenten (bara PNG, JPEG, GIF och BMP); ange en "
                                 "Word-mall med logotypen i utseende.wordmall.")
            return None
        return path

    # -- rendering

    def render_files(self) -> dict[str, str | bytes]:
        """Every document as Word bytes. python-docx's objects refer to each other in
        cycles, which only the cyclic collector frees — and it is paused while documents
        are built (see :func:`malstyrning.render.render_files`): without collecting after
        each document a big city's 44 Word files took 760 MB. The records built so far
        are frozen first, so each collection walks only that document's objects."""
        return self.files_of(self.site.documents)

    def filename(self, doc: Document) -> str:
        return doc.stem + self.suffix

    def files_of(self, documents: Iterable[Document]) -> dict[str, str | bytes]:
        """File name → Word bytes for ``documents`` (see :meth:`render_files`)."""
        import gc

        gc.freeze()
        try:
            files: dict[str, str | bytes] = {}
            for doc in documents:
                files[self.filename(doc)] = self.render(doc)
                gc.collect()
            return files
        finally:
            gc.unfreeze()

    def new_document(self) -> Any:
        from docx import Document as new_document

        return open_template(self.template) if self.template else new_document()

    def render(self, doc: Document) -> bytes:
        import datetime as dt

        word = self.new_document()
        b = Builder(word)
        self.cover(b, doc)
        marker = b.para()
        b.heading(doc.title, 1)
        self.blocking(b)
        CONTENT[doc.kind](self, b, doc)
        self.toc(b, marker)
        set_language(word)
        ask_to_update_fields(word)
        if self.template is None:
            self.footer(word, doc)
        props = word.core_properties
        props.title = text(doc.cover.title if doc.cover else doc.title)
        props.author = text(self.site.kommun)
        props.subject = text(doc.summary)
        props.last_modified_by = "malstyrning"
        props.revision = 1
        fixed = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        props.created = props.modified = fixed
        props.last_printed = fixed
        out = io.BytesIO()
        word.save(out)
        return steady_zip(out.getvalue())

    def cover(self, b: Builder, doc: Document) -> None:
        cover = doc.cover
        if self.logo is not None:
            try:
                b.doc.add_picture(str(self.logo), width=_cm(5))
                shapes = b.doc.inline_shapes
                shapes[len(shapes) - 1]._inline.docPr.set("descr",
                                                          f"Logotyp: {self.site.kommun}")
            except Exception as err:  # an image python-docx cannot read
                self.warnings.append(f"utseende.logotyp kunde inte läggas i Word-dokumenten "
                                     f"({err.__class__.__name__}).")
                self.logo = None
        b.para(self.site.kommun, "Subtitle" if b.style("Subtitle") else None)
        b.para(cover.title if cover else doc.title, "Title" if b.style("Title") else None)
        if cover and cover.subtitle:
            b.para(cover.subtitle)
        for label, value in cover.facts if cover else ():
            b.fact(label, value)
        b.page_break()

    def toc(self, b: Builder, marker: Any) -> None:
        """The TOC field before ``marker``, pre-filled with the headings (no pages yet)."""
        title = b.add_paragraph(b.style("TOC Heading"))
        title.add_run("Innehåll").bold = True
        lines = [h for h in b.headings if h.level <= 3]
        paragraphs_: list[Any] = [title]
        first = b.add_paragraph()
        _field_begin(first, 'TOC \\o "1-3" \\h \\z \\u')
        paragraphs_.append(first)
        for i, line in enumerate(lines):
            p = first if i == 0 else b.add_paragraph()
            style = b.style(f"toc {line.level}")
            if style is not None:
                p.style = style
            else:
                p.paragraph_format.left_indent = _cm(0.6 * (line.level - 1))
            p.add_run(line.text)
            if i:
                paragraphs_.append(p)
        last = paragraphs_[-1]
        last.add_run()._r.append(_el("w:fldChar", w_fldCharType="end"))
        breaker = b.add_paragraph()
        from docx.enum.text import WD_BREAK

        breaker.add_run().add_break(WD_BREAK.PAGE)
        paragraphs_.append(breaker)
        for p in paragraphs_:
            marker._p.addprevious(p._p)
        marker._p.getparent().remove(marker._p)

    def footer(self, word: Any, doc: Document) -> None:
        from docx.enum.text import WD_TAB_ALIGNMENT

        section = word.sections[0]
        p = section.footer.paragraphs[0]
        width = section.page_width - section.left_margin - section.right_margin
        p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        title = doc.cover.title if doc.cover else doc.title
        p.add_run(text(f"{self.site.kommun} · {title}") + "\tSida ")
        _field(p, "PAGE", "1")
        p.add_run(" av ")
        _field(p, "NUMPAGES", "1")

    def blocking(self, b: Builder) -> None:
        if not self.site.blocking:
            return
        b.heading("✕ Planen har fel som inte är rättade", 2)
        n = len(self.site.blocking)
        b.para(f"Dokumentet skapades trots att kontrollen hittade {n} fel. Innehållet kan "
               "vara ofullständigt eller felaktigt tills "
               + ("felet är rättat:" if n == 1 else "felen är rättade:"))
        b.bullets(f"{f.code} {''.join(t for t, _ in f.message)} ({f.file}"
                  + (f", rad {f.line})" if f.line else ")") for f in self.site.blocking)

    # -- shared pieces

    def indicator_table(self, b: Builder, table: IndicatorTable, caption: str) -> None:
        if not table.rows:
            b.note("Målet har ingen indikator och går inte att mäta ännu.")
            return
        arrows = {"högre": "↑ ", "lägre": "↓ "}
        headers = ["Indikator", "Enhet", "Riktning", "Baslinje",
                   *(f"Mål {y}" for y in table.years), "Källa"]
        rows = []
        for r in table.rows:
            targets = [number(t) if (t := r.target(y)) is not None else "–" for y in table.years]
            source = (f"Kolada, nyckeltal {r.kolada}" if r.kolada else r.source) or "–"
            rows.append([f"{r.name} ({r.id})", r.unit, arrows.get(r.direction, "")
                         + r.direction_text,
                         f"{number(r.baseline.value)} ({r.baseline.year})" if r.baseline
                         else "–", *targets, source])
        b.table(headers, rows, caption, numeric=range(3, 4 + len(table.years)))
        if table.kolada:
            b.para("Källa: Kolada (Rådet för främjande av kommunala analyser) för nyckeltal "
                   "med Kolada-id.")

    def peer_table(self, b: Builder, table: IndicatorResultTable, year: str) -> None:
        """The peers beside the outcomes (``jämförelser``): context, never fulfilment."""
        headers = ["Indikator", f"Utfall{year}", *(p.name for p in table.peers)]
        rows = []
        for r in table.rows:
            values = [(number(p.value) + ("¹" if p.members else "")) if p.value is not None
                      else "–" for p in r.peers] or ["–"] * len(table.peers)
            own = number(r.outcome.value) if r.outcome.value is not None else "–"
            rows.append([f"{r.name} ({r.id})", own, *values])
        b.table(headers, rows, "Jämförelse med andra (sammanhang, inte måluppfyllelse)",
                numeric=range(1, len(headers)))
        own_sources, computed = table.peer_sources
        text = ("Jämförelserna visar var vi står bland andra och påverkar inte statusen ovan. "
                "Koladas färger (röd, gul, grön) på kolada.se rangordnar kommunerna "
                "sinsemellan; de är inte en bedömning av om målet är nått.")
        if own_sources:
            text += f" Källa: Kolada ({own_sources})."
        if computed:
            text += (" ¹ Ovägt medelvärde av gruppens kommuner, beräknat av malstyrning ur "
                     "deras värden i Kolada (inte en siffra som Kolada redovisar).")
        b.para(text)

    def result_table(self, b: Builder, table: IndicatorResultTable, caption: str) -> None:
        if not table.rows:
            b.note("Målet har ingen indikator; förslaget kan inte beräknas.")
            return
        year = f" {table.year}" if table.year else ""
        headers = ["Indikator", "Baslinje", f"Målvärde{year}", f"Utfall{year}"]
        if table.gender:
            headers += ["Kvinnor", "Män"]
        headers += ["Jämfört med föregående", "Status", "Källa"]
        rows = []
        for r in table.rows:
            o = r.outcome
            if o.value is not None:
                outcome = number(o.value) + (f" ({r.year})" if not table.year and r.year
                                             else "")
            elif o.reported:
                outcome = "Saknas" + (f": {o.missing}" if o.missing
                                      else " (ingen orsak angiven)")
            else:
                outcome = "Saknas: inget utfall rapporterat"
            row = [f"{r.name} ({r.id})" + (f" – enhet {r.unit}" if r.unit else ""),
                   f"{number(r.baseline.value)} ({r.baseline.year})" if r.baseline else "–",
                   number(r.target) if r.target is not None else "–", outcome]
            if table.gender:
                row += [number(o.women) if o.women is not None else "–",
                        number(o.men) if o.men is not None else "–"]
            trend = status_text(r.trend) if r.trend else "–"
            if r.trend and r.previous:
                trend += f" (från {number(r.previous.value)} år {r.previous.year})"
            source = ("Kolada" + (f", nyckeltal {r.kpi}" if r.kpi else "") if o.kolada
                      else o.source or "–")
            rows.append([*row, trend, status_text(r.status), source])
        b.table(headers, rows, caption, numeric=range(1, 4))
        if table.kolada:
            b.para("Källa: Kolada (Rådet för främjande av kommunala analyser) för utfall "
                   "märkta Kolada.")
        if table.peers:
            self.peer_table(b, table, year)
        comments = [f"{r.id}: {r.outcome.comment}" for r in table.rows if r.outcome.comment]
        if comments:
            b.para("Kommentarer till utfallen:")
            b.bullets(comments)
        for r in table.rows:
            if r.chart is None:
                continue
            chart = r.chart
            rows = [[str(s.year),
                     (number(s.outcome) + (" (baslinje)" if s.baseline else ""))
                     if s.outcome is not None
                     else ("saknas" if s.year == r.year and r.outcome.value is None else "–"),
                     number(s.target) if s.target is not None else "–",
                     *(number(v) if v is not None else "–" for v in s.peers)]
                    for s in chart.rows]
            # the chart as a table: the same numbers, the chart's description as alt text
            caption = (f"Utfall, målvärden och jämförelser per år för {r.id}" if chart.peers
                       else f"Utfall och målvärden per år för {r.id}")
            b.table(["År", "Utfall", "Målvärde", *(p.name for p in chart.peers)], rows,
                    caption, chart.description, numeric=range(1, 3 + len(chart.peers)))
            if chart.table_note:
                b.para(chart.table_note)

    def assessment_text(self, b: Builder, g: Any) -> None:
        if g.analysis:
            b.para("Analys", bold=True)
            b.paragraphs(g.analysis)
        if g.conclusions:
            b.para("Slutsatser", bold=True)
            b.paragraphs(g.conclusions)
        if g.improvements:
            b.para("Förbättringar", bold=True)
            b.bullets(g.improvements)

    def legend(self, b: Builder, data: KommunResultView | NamndResultView) -> None:
        b.fact("Status", ", ".join(status_text(s) for s in data.scale))
        b.fact("Trend", ", ".join(status_text(t) for t in data.trends)
               + " (bedömningens trend, och indikatorns utfall jämfört med föregående värde)")

    def meta(self, b: Builder, *parts: str) -> None:
        b.para(" · ".join(p for p in parts if p))

    # -- documents

    def index(self, b: Builder, doc: Document) -> None:
        site, lv = self.site, self.site.levels
        self.meta(b, site.kommun, f"Planperiod {site.period}" if site.period else "")
        b.heading("Dokument", 2)
        b.bullets(f"{d.title} – {d.summary}" for d in site.documents
                  if d.kind in ("kommunplan", "malkedjan", "kvalitetsgranskning"))
        plans = site.of_kind("namndplan")
        if plans:
            b.heading(f"{_upper(lv.unit_definite_plural)}s verksamhetsplaner", 2)
            headers = [lv.unit_title, lv.goal.plural]
            if lv.has_activities:
                headers.append(lv.activity.plural)
            headers.append("Öppna fynd")
            rows = []
            for d in plans:
                row = [d.data.name, str(len(d.data.goals))]
                if lv.has_activities:
                    row.append(str(d.data.activity_count))
                rows.append([*row, str(d.data.open_findings)])
            b.table(headers, rows, numeric=range(1, len(headers)))
        results = [d for d in site.documents
                   if d.kind in ("maluppfyllelse", "maluppfyllelse_namnd")]
        if site.followup and results:
            b.heading(f"Måluppfyllelse {site.followup.period}", 2)
            b.bullets(f"{d.cover.title if d.cover else d.title} – {d.summary}" for d in results)

    def kommunplan(self, b: Builder, doc: Document) -> None:
        data: KommunplanView = doc.data
        lv = self.site.levels
        decided = (f"Beslutad {swedish_date(data.decided)}"
                   + (f" av {data.decided_by}" if data.decided_by else "")) if data.decided else ""
        self.meta(b, self.site.kommun, f"{_upper(lv.top_genitive)} plan", decided)
        b.paragraphs(data.comment)
        b.heading(lv.root.name, 2)
        if data.vision:
            b.para(data.vision.name, bold=True)
            b.paragraphs(data.vision_description)
        else:
            b.note(f"Planen har ingen {lv.root.name.lower()}.")
        b.heading(lv.direction.plural, 2)
        if not data.directions:
            b.para(f"Planen har inga {lv.direction.plural.lower()}.")

        def direction(d: Any) -> None:
            b.heading(titled(d.id, d.name), 3 + d.depth)
            if d.depth:
                b.para(d.level_name)
            b.paragraphs(d.description)
            if d.target_group:
                b.fact("Målgrupp", d.target_group)
            if d.period:
                b.fact("Period", d.period)
            b.fact("Agenda 2030", _sdgs(d.sdgs) or "Ingen koppling angiven")
            if d.policies:
                b.fact("Styrdokument", links(d.policies))
            if d.indicators is not None:
                self.indicator_table(b, d.indicators, f"Indikatorer för {d.id}")
            for s in d.subgoals:
                direction(s)
            if d.goals:
                b.table([d.below_column, lv.unit_title],
                        [[link_text(g), g.org_name] for g in d.goals],
                        f"{d.below_title} som bidrar till {d.id}")
            elif d.missing:
                b.note(d.missing)

        for d in data.directions:
            direction(d)
        b.heading("Finansiella mål", 2)
        b.para("Målen för god ekonomisk hushållning (kommunallagen 11 kap.).")
        for f in data.financial_goals:
            b.heading(titled(f.id, f.name), 3)
            b.paragraphs(f.description)
            if f.indicators.rows:
                self.indicator_table(b, f.indicators, f"Indikatorer för {f.id}")
        if not data.financial_goals:
            b.note("Planen har inga finansiella mål.")
        b.heading("Ekonomiska ramar", 2)
        fr = data.frames
        if fr:
            rows = [[r.name, amount(r.amount)] for r in fr.rows]
            rows.append([f"Summa {lv.unit_plural}", amount(fr.sum)])
            if fr.differs and fr.total is not None:
                rows.append(["Totalt enligt beslut (avviker från summan)", amount(fr.total)])
            b.table([lv.unit_title, "Ram (tkr)"], rows,
                    f"Ramar per {lv.unit_name}{f' {fr.year}' if fr.year else ''}, "
                    "tusental kronor (tkr)", numeric=(1,))
        else:
            b.note("Planen har inga ekonomiska ramar.")
        b.heading("Styrdokument", 2)
        if data.policies:
            b.table(["Styrdokument", "Typ", "Beslutad", "Giltig till", "Ansvarig",
                     "Kopplat till"],
                    [[f"{p.name} ({p.id})", p.kind, swedish_date(p.decided) or "–",
                      swedish_date(p.valid_to) or "Tills vidare", p.responsible,
                      links(p.contributes_to)] for p in data.policies])
        else:
            b.para("Planen listar inga styrdokument.")
        cov = data.coverage
        b.heading(f"{lv.cross.plural if lv.cross else lv.direction.plural} och "
                  f"{lv.unit_plural}", 2)
        b.table([lv.unit_title, *(link_text(c) for c in cov.columns), "Totalt"],
                [[r.org.name, *(str(n) if n else "–" for n in r.counts), str(r.total)]
                 for r in cov.rows]
                + [["Totalt", *(str(n) for n in cov.column_totals), str(cov.total)]],
                f"Antal {data.coverage_below} per {lv.unit_name}",
                numeric=range(1, len(cov.columns) + 2))
        b.heading("Agenda 2030", 2)
        b.para(f"Planen berör {data.sdgs.touched} av Agenda 2030:s {len(data.sdgs.rows)} "
               f"globala mål, genom {lv.goals_plural} som anger mål eller delmål.")
        b.table(["Globalt mål", "Delmål", "Genom"],
                [[f"{r.goal}. {r.name}", ", ".join(r.targets) or "–",
                  "; ".join(f"{u.level_name} {link_text(u.link)} ({', '.join(u.codes)})"
                            for u in r.uses) or "Berörs inte"] for r in data.sdgs.rows])

    def namndplan(self, b: Builder, doc: Document) -> None:
        data: NamndplanView = doc.data
        lv = self.site.levels
        decided = ((f"Beslutad {swedish_date(data.decided)}"
                    + (f" av {data.decided_by}" if data.decided_by else ""))
                   if data.decided else
                   (f"Beslutas av {data.decided_by}" if data.decided_by else ""))
        self.meta(b, self.site.kommun, data.name, decided)
        b.paragraphs(data.comment)
        if not data.has_plan:
            b.note(f"{data.name} har ingen verksamhetsplan i planrepot för perioden.")
        b.heading("Sammanfattning", 2)
        year = f" {data.frame_year}" if data.frame_year else ""
        if data.frame is not None:
            frame = f"{amount(data.frame)} tkr"
        elif data.kf_frame is not None:
            frame = f"{amount(data.kf_frame)} tkr (enligt {lv.top_genitive} beslut)"
        else:
            frame = "Ingen ram angiven"
        b.fact(f"Ekonomisk ram{year}", frame)
        if data.frame_differs and data.kf_frame is not None:
            b.fact(f"{_upper(lv.top_genitive)} ram", f"⚠︎ {amount(data.kf_frame)} tkr – "
                   f"avviker från {lv.unit_genitive} ram")
        b.fact("Period", data.period)
        if lv.has_goals:
            b.fact(_upper(lv.goal_plural), str(data.goal_count))
        if lv.activities:
            b.fact(lv.activity.plural, str(data.activity_count))
        b.fact("Öppna fynd", f"{data.open_findings} – se bilagan Kvalitetsgranskning"
               if data.open_findings else "Inga")
        if data.goals:
            headers = [lv.goal.name, "Bidrar till", "Indikatorer"]
            if lv.has_activities:
                headers.append(lv.activity.plural)
            rows = []
            for g in data.goals:
                row = [titled(g.id, g.name), links(g.parents), str(len(g.indicators.rows))]
                if lv.has_activities:
                    row.append(str(len(g.all_activities())))
                rows.append(row)
            b.table(headers, rows, f"{_upper(lv.unit_genitive)} {lv.goal_plural} i korthet",
                    numeric=range(2, len(headers)))

        def activity_table(items: Sequence[Any], caption: str) -> None:
            b.table([lv.activity.name, "Ansvarig", "Start", "Slut", "Status"],
                    [[f"{a.name} ({a.id})",
                      a.org_name + (f", {a.responsible}" if a.responsible else ""),
                      swedish_date(a.start) or "–", swedish_date(a.end) or "–",
                      status_text(a.status)] for a in items], caption)

        def goal(g: GoalView) -> None:
            b.heading(titled(g.id, g.name), 3 + g.depth)
            if g.depth:
                b.para(f"{g.level_name}, {g.org_name or 'ansvarig inte angiven'}")
            b.paragraphs(g.description)
            if "målgrupp" in g.fields or g.target_group:
                b.fact("Målgrupp", g.target_group or "Inte angiven")
            if "period" in g.fields or g.period:
                b.fact("Period", g.period or "Inte angiven")
            b.fact("Bidrar till", ", ".join(f"{p.level_name} {link_text(p)}"
                                            for p in g.parents) or "Ingen koppling")
            if "agenda2030" in g.fields or g.sdgs:
                b.fact("Agenda 2030", _sdgs(g.sdgs) or "Ingen koppling angiven")
            if g.measurable or g.indicators.rows:
                self.indicator_table(b, g.indicators, f"Indikatorer för {g.id}")
            for s in g.subgoals:
                goal(s)
            if g.summary:
                tallies = ", ".join(f"{status_text(t.status)} {t.count}"
                                    for t in g.summary.tallies)
                b.para(f"{lv.activity.plural} som bidrar till {g.id}: {g.summary.count} st "
                       f"({tallies}). De listas per organisation i egna dokument:", bold=True)
                b.table(["Organisation", lv.activity.plural, "Status"],
                        [[r.name, str(r.count), ", ".join(f"{status_text(t.status)} {t.count}"
                                                          for t in r.tallies)]
                         for r in g.summary.shares], numeric=(1,))
            elif g.activities:
                activity_table(g.activities, f"{lv.activity.plural} som bidrar till {g.id}")
            elif lv.has_activities and not g.subgoals:
                b.note(f"Inga {lv.activity.plural.lower()} är kopplade till målet ännu.")

        b.heading(lv.goal.plural if lv.has_goals else lv.activity.plural, 2)
        for g in data.goals:
            goal(g)
        for grp in data.groups:
            b.heading(grp.heading, 3)
            b.para(f"{grp.parent.level_name} {link_text(grp.parent)}.")
            activity_table(grp.activities, "")
        if data.lists:
            b.heading("Fullständiga listor", 2)
            b.bullets(f"{lv.activity.plural} – {x.name} (dokumentet {x.doc}{self.suffix})"
                      for x in data.lists)
        if not data.goals and not data.groups:
            b.para(f"{_upper(lv.unit_definite)} har inga "
                   f"{lv.goal_plural if lv.has_goals else lv.activity.lower_plural} "
                   "för perioden.")

    def aktiviteter(self, b: Builder, doc: Document) -> None:
        data: ActivityListView = doc.data
        lv = self.site.levels
        self.meta(b, self.site.kommun, data.namnd_name, data.org_name)
        b.para(f"{lv.activity.plural} som {data.org_name} genomför, per mål i "
               f"{data.namnd_name}s verksamhetsplan. Planen visar målen och en "
               f"sammanställning; här finns hela listan ({data.count} st).")
        for sec in data.sections:
            b.heading(sec.heading, 2)
            b.para(f"{sec.goal.level_name} {link_text(sec.goal)} · {len(sec.activities)} st")
            b.table([lv.activity.name, "Ansvarig", "Start", "Slut", "Status"],
                    [[f"{a.name} ({a.id})",
                      a.org_name + (f", {a.responsible}" if a.responsible else ""),
                      swedish_date(a.start) or "–", swedish_date(a.end) or "–",
                      status_text(a.status)] for a in sec.activities])

    def andringar(self, b: Builder, doc: Document) -> None:
        data = doc.data
        self.meta(b, self.site.kommun, f"Från {data.before} till {data.after}")
        b.para(f"{data.compared}. {data.summary}")
        if data.empty:
            b.para(data.nothing)
        for sec in data.sections:
            b.heading(sec.heading, 2)
            b.table(["Nivå", "Id", "Namn", "Var"],
                    [[_upper(r.level), r.id, r.name, r.where] for r in sec.rows])
        if data.changed:
            b.heading("Ändrat", 2)
            for item in data.changed:
                b.heading(f"{_upper(item.level)} {titled(item.id, item.name)}", 3)
                b.para(f"Fil: {item.file}")
                b.table(["Fält", "Före", "Efter", "Skillnad"],
                        [[f.field, f.before, f.after, f.difference] for f in item.fields],
                        numeric=(3,))
        if data.frames:
            b.heading("Ramar (tkr)", 2)
            b.table(["Organisation", "Ram", "Före", "Efter", "Skillnad"],
                    [[f.org, f.source, f.before, f.after, f.difference] for f in data.frames],
                    numeric=(2, 3, 4))
        if data.review:
            b.heading("Att granska", 2)
            b.para("Poster som bygger på ett mål som har ändrats eller tagits bort, och som "
                   "därför kan behöva ses över.")
            b.table(["Nivå", "Id", "Namn", "Fil", "Bygger på"],
                    [[_upper(r.level), r.id, r.name, r.file, r.because] for r in data.review])

    def malkedjan(self, b: Builder, doc: Document) -> None:
        data: ChainView = doc.data
        lv = self.site.levels
        self.meta(b, self.site.kommun,
                  f"Planperiod {self.site.period}" if self.site.period else "")
        b.para(f"Målkedjan visar hur {data.summary}.")
        b.heading("Målkedjan som lista", 2)
        if not data.outline:
            b.para(f"Planrepot har ingen {lv.root.name.lower()} att utgå från.")

        def item(it: OutlineItem, depth: int) -> None:
            line = f"{it.level_name} {link_text(it.link)}"
            if it.repeat:
                line += " (se ovan)"
            else:
                line += f" – {it.link.org_name}" if it.link.org_name else ""
                line += f" · {status_text(it.status)}" if it.status else ""
            b.bullets([line], min(depth, 2))
            for child in it.children:
                item(child, depth + 1)

        for it in data.outline:
            item(it, 0)
        b.para("Diagrammen över målkedjan finns i HTML- och Markdown-versionerna; listan "
               "ovan visar samma kopplingar.")
        if data.loose:
            b.heading("Utanför kedjan", 2)
            b.table(["Nivå", "Mål", "Ansvarig", "Orsak"],
                    [[i.level_name, link_text(i.link), i.link.org_name, f"✕ {i.reason}"]
                     for i in data.loose])

    def kvalitetsgranskning(self, b: Builder, doc: Document) -> None:
        data: QualityView = doc.data
        site = self.site
        self.meta(b, site.kommun, f"Planperiod {site.period}" if site.period else "")
        b.heading("Översikt", 2)
        if data.total:
            b.para(f"{data.total} {'öppet fynd' if data.total == 1 else 'öppna fynd'}: "
                   f"{data.count('fel')} fel, {data.count('varning')} "
                   f"{'varning' if data.count('varning') == 1 else 'varningar'} och "
                   f"{data.count('info')} info.")
        else:
            b.para("✓ Inga öppna fynd.")
        b.table([site.levels.unit_title, *(f"{s.symbol} {s.plural}" for s in site.severities)],
                [[g.title, *(str(g.count(s.key)) for s in site.severities)]
                 for g in data.groups], numeric=range(1, len(site.severities) + 1))
        for g in data.groups:
            if not g.findings:
                continue
            b.heading(g.title, 2)
            b.table(["Allvarlighet", "Kod", "Fynd och åtgärd", "Fil"],
                    [[f"{f.severity.symbol} {f.severity.text}", f.code,
                      "".join(t for t, _ in f.message)
                      + (" Åtgärd: " + "".join(t for t, _ in f.hint) if f.hint else "")
                      + (f" Kedja: {f.chain}" if f.chain else ""),
                      f.file + (f", rad {f.line}" if f.line else "")] for f in g.findings])

    def goal_results(self, b: Builder, goals: Sequence[GoalResultView], p: Any, who: str,
                     level: int) -> None:
        label = f"{who} {'prognos' if p.forecast else 'bedömning'}"
        for g in goals:
            b.heading(titled(g.id, g.name), level)
            b.fact("Bidrar till", ", ".join(f"{x.level_name} {link_text(x)}"
                                            for x in g.parents) or "Ingen koppling")
            b.fact(label, status_text(g.assessment)
                   + ("" if g.assessed else " (inte bedömt i uppföljningen)"))
            if g.trend:
                b.fact("Trend", status_text(g.trend))
            b.fact("Beräknat förslag", status_text(g.suggestion)
                   + (" (skiljer sig från bedömningen)" if g.differs else ""))
            self.result_table(b, g.indicators, f"Indikatorer för {g.id}, {p.period}")
            self.assessment_text(b, g)

    def maluppfyllelse(self, b: Builder, doc: Document) -> None:
        data: KommunResultView = doc.data
        lv, p, h = self.site.levels, data.period, data.header
        self._result_meta(b, p, h, "")
        b.heading("Sammanfattning", 2)
        b.para(("Prognos för helåret: " if p.forecast else "") + data.summary.sentence,
               bold=True)
        b.para(f"Beräknat ur indikatorerna: {data.suggested.sentence}")
        if data.namnder:
            scale = data.scale
            b.table([lv.unit_title, lv.goal.plural, *(status_text(s) for s in scale)],
                    [[n.name, str(n.summary.total), *(str(n.summary.count(s.key))
                                                      for s in scale)]
                     for n in data.namnder], numeric=range(1, len(scale) + 2))
        b.heading("Så har statusen tagits fram", 2)
        b.para(data.rule)
        self.legend(b, data)
        b.heading(lv.direction.plural, 2)
        who = _upper(lv.top_genitive)
        label = f"{who} {'prognos' if p.forecast else 'bedömning'}"

        def direction(d: Any) -> None:
            b.heading(titled(d.id, d.name), 3 + d.depth)
            b.fact(label, status_text(d.assessment))
            if d.trend:
                b.fact("Trend", status_text(d.trend))
            if d.suggestion is not None:
                b.fact("Beräknat förslag", status_text(d.suggestion))
            b.fact("Sammanvägt underifrån", status_text(d.rollup))
            if d.indicators is not None:
                self.result_table(b, d.indicators, f"Indikatorer för {d.id}, {p.period}")
            self.assessment_text(b, d)
            if d.goals:
                b.table([lv.goal.name, lv.unit_title, "Bedömning", "Beräknat förslag"],
                        [[titled(g.id, g.name), g.org_name, status_text(g.assessment),
                          status_text(g.suggestion)] for g in d.goals],
                        d.goals_title or f"{lv.goal.plural} som bidrar till {d.id}")
            for s in d.subgoals:
                direction(s)

        for d in data.directions:
            direction(d)
        if data.financial_goals:
            b.heading("Finansiella mål", 2)
            self.goal_results(b, data.financial_goals, p, who, 3)
        if data.economy is not None:
            b.heading("Ekonomi", 2)
            self.economy_table(b, data.economy, p)
        if data.householding is not None:
            self.householding(b, data.householding, p)
        if data.peers is not None:
            b.heading("Jämförelse med andra", 2)
            b.para(f"Var {self.site.kommun} står bland {data.peers.peer_names}: utfallet "
                   "för varje indikator i uppföljningen som har ett Kolada-id, bredvid samma "
                   "nyckeltal för jämförelserna i malstyrning.yaml. Indikatorerna står också "
                   "i sina mål ovan och i nämndernas dokument.")
            self.peer_table(b, data.peers, f" {data.peers.year}" if data.peers.year else "")
        if data.loose_goals:
            b.heading(f"{lv.goal.plural} utan koppling", 2)
            self.goal_results(b, data.loose_goals, p, _upper(lv.unit_genitive), 3)

    def maluppfyllelse_namnd(self, b: Builder, doc: Document) -> None:
        data: NamndResultView = doc.data
        lv, p, h = self.site.levels, data.period, data.header
        self._result_meta(b, p, h, data.name)
        if not h.has_followup:
            b.note(f"{data.name} har ingen uppföljning för {p.period} i planrepot. Målen "
                   "visas som ej bedömda, med det som går att beräkna.")
        b.heading("Sammanfattning", 2)
        if lv.has_goals:
            b.para(("Prognos för helåret: " if p.forecast else "") + data.summary.sentence,
                   bold=True)
            b.para(f"Beräknat ur indikatorerna: {data.suggested.sentence}")
        who = _upper(lv.unit_genitive)
        if data.goals:
            b.table([lv.goal.name, "Bidrar till",
                     f"{who} {'prognos' if p.forecast else 'bedömning'}",
                     "Beräknat förslag", "Trend"],
                    [[titled(g.id, g.name), links(g.parents), status_text(g.assessment),
                      status_text(g.suggestion), status_text(g.trend)] for g in data.goals],
                    f"{who} {lv.goal_plural}, {p.period}")
        if data.activity_counts:
            b.para(f"{lv.activity.plural}: " + ", ".join(
                f"{status_text(c.status)} {c.count}" for c in data.activity_counts) + ".")
        b.heading("Så har statusen tagits fram", 2)
        b.para(data.rule)
        self.legend(b, data)
        if lv.has_goals:
            b.heading(lv.goal.plural, 2)
            self.goal_results(b, data.goals, p, who, 3)
            if not data.goals:
                b.para(f"{_upper(lv.unit_definite)} har inga {lv.goal_plural} att följa upp.")
        if data.economy is not None:
            b.heading("Ekonomi", 2)
            self.economy_unit(b, data.economy, p, data.economy_until)
        if lv.activities:
            b.heading(f"Status för {lv.activity.plural.lower()}", 2)
            if data.activities:
                b.table([lv.activity.name, "Bidrar till", "Ansvarig", "Planerat slut",
                         "Status", "Kommentar"],
                        [[f"{a.name} ({a.id})", links(a.goals),
                          a.org_name + (f", {a.responsible}" if a.responsible else ""),
                          swedish_date(a.end) or "–", status_text(a.status),
                          a.comment or ("Inte med i uppföljningen." if not a.reported
                                        else "–")] for a in data.activities])
            else:
                b.para(f"Inga {lv.activity.plural.lower()} är kopplade till "
                       f"{lv.unit_genitive} {lv.goal_plural}.")

    # -- economy (the same tables as macros.html.j2's economy_table, economy_unit and
    #    the God ekonomisk hushållning section)

    @staticmethod
    def _tkr(value: float | None, missing: str = "–") -> str:
        return amount(value) if value is not None else missing

    @staticmethod
    def _signed(value: float | None, suffix: str = "") -> str:
        return deviation(value) + suffix if value is not None else "–"

    def economy_note(self, b: Builder, forecast: bool) -> None:
        b.para("Belopp i tusental kronor (tkr), nettokostnad. Avvikelsen är budgeten minus "
               + ("prognosen för helåret" if forecast else "utfallet")
               + ": ett positivt belopp är ett överskott, ett negativt ett underskott.")

    def economy_table(self, b: Builder, t: Any, p: Any) -> None:
        lv = self.site.levels
        headers = [lv.unit_title, "Budget", f"Utfall till och med {t.until}",
                   *(["Prognos för helåret"] if t.forecast else []), "Avvikelse",
                   "Avvikelse, %"]

        def cells(name: str, r: Any) -> list[str]:
            row = [name, self._tkr(r.budget),
                   self._tkr(r.outcome, "–" if r.reported else "Inte redovisat")]
            if t.forecast:
                row.append(self._tkr(r.forecast))
            return [*row, self._signed(r.deviation), self._signed(r.percent)]

        rows = [cells(r.name, r) for r in t.rows]
        if t.total is not None:
            rows.append(cells(f"Summa {lv.unit_plural}", t.total))
        b.table(headers, rows, f"Ekonomi per {lv.unit_name}, {p.period}, tusental kronor (tkr)",
                numeric=range(1, len(headers)))
        self.economy_note(b, t.forecast)
        b.paragraphs(t.comment)

    def economy_unit(self, b: Builder, e: Any, p: Any, until: str) -> None:
        lv = self.site.levels
        rows = [[f"Ram enligt {lv.top_genitive} budget", self._tkr(e.frame)]]
        rows += [[f"Förändring{': ' + c.what if c.what else ''} ({c.decision})",
                  self._signed(c.amount)] for c in e.changes]
        rows.append(["Budget", self._tkr(e.budget)])
        rows.append([f"Utfall till och med {until}", self._tkr(e.outcome)])
        if p.forecast:
            rows.append(["Prognos för helåret", self._tkr(e.forecast, "Saknas")])
        rows.append(["Avvikelse", self._signed(e.deviation)])
        rows.append(["Avvikelse i procent av budgeten", self._signed(e.percent, " %")])
        b.table(["Post", "tkr"], rows, f"Ekonomi, {p.period}, tusental kronor (tkr)",
                numeric=[1])
        self.economy_note(b, p.forecast)
        if e.comment:
            b.heading("Kommentar till ekonomin", 3)
            b.paragraphs(e.comment)

    def householding(self, b: Builder, g: Any, p: Any) -> None:
        lv = self.site.levels
        b.heading("God ekonomisk hushållning", 2)
        b.para(g.verdict_text, bold=True)
        b.para(g.rule)
        if g.own_rule:
            b.para(f"{_upper(lv.top_genitive)} egen formulering: {g.own_rule}")
        outcome = "Utfall (prognos)" if p.forecast else "Utfall"
        b.table(["Finansiellt mål", "Indikator", "Målvärde", outcome, "Status"],
                [[titled(f.id, f.name), f.indicator or "–",
                  (number(f.target) + (f" {f.unit}" if f.unit else ""))
                  if f.target is not None else "–",
                  (number(f.outcome) + (f" {f.unit}" if f.unit else ""))
                  if f.outcome is not None else "Saknas",
                  status_text(f.status)] for f in g.financial],
                f"Finansiella mål, {p.period}", numeric=[2, 3])
        tops = " och ".join(level.lower_plural for level in lv.top)
        b.table([lv.direction.name, "Status"],
                [[titled(link.id, link.name), status_text(status)]
                 for link, status in zip(g.activity, g.activity_statuses, strict=True)],
                f"{_upper(lv.top_genitive)} {tops}, {p.period}")
        b.table(["Del", "Status"],
                [[f"Finansiella mål ({g.financial_summary.clause})",
                  status_text(g.financial_status)],
                 [f"{' och '.join(level.plural for level in lv.top)} "
                  f"({g.activity_summary.clause})", status_text(g.activity_status)],
                 ["Samlad bedömning", status_text(g.verdict)]],
                f"Samlad bedömning av god ekonomisk hushållning, {p.period}")

    def _result_meta(self, b: Builder, p: Any, h: Any, name: str) -> None:
        decided = ((f"Beslutad {swedish_date(h.decided)}"
                    + (f" av {h.decided_by}" if h.decided_by else "")) if h.decided else "")
        self.meta(b, self.site.kommun, name, f"{p.name} {p.year}", p.span,
                  "Prognos för helåret" if p.forecast else "Slutlig bedömning", decided)
        b.paragraphs(h.comment)
        if p.forecast:
            b.para(f"Bedömningarna är en prognos. {p.name} {p.year} omfattar {p.span}. "
                   "Bedömningarna gäller hur målen väntas vara uppfyllda vid årets slut.")


def _field_begin(paragraph: Any, instruction: str) -> None:
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", w_fldCharType="begin"))
    instr = _el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_el("w:fldChar", w_fldCharType="separate"))


def _sdgs(items: Iterable[Any]) -> str:
    return "; ".join(f"{s.goal}{' ' + s.goal_name if s.goal_name else ''}"
                     + (f" (delmål {', '.join(s.targets)})" if s.targets else "")
                     for s in items)


def _upper(value: str) -> str:
    return value[:1].upper() + value[1:]


CONTENT = {
    "index": DocxRenderer.index,
    "aktiviteter": DocxRenderer.aktiviteter,
    "andringar": DocxRenderer.andringar,
    "kommunplan": DocxRenderer.kommunplan,
    "namndplan": DocxRenderer.namndplan,
    "malkedjan": DocxRenderer.malkedjan,
    "kvalitetsgranskning": DocxRenderer.kvalitetsgranskning,
    "maluppfyllelse": DocxRenderer.maluppfyllelse,
    "maluppfyllelse_namnd": DocxRenderer.maluppfyllelse_namnd,
}
