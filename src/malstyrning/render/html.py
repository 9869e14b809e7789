"""Self-contained HTML: inline CSS, inline SVG diagrams, logo as a data URI.

Each file works offline and from a file share, loads nothing (a Content-Security-Policy
forbids it, too) and prints to A4 with page numbers. Jinja2 autoescape escapes all
plan text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from malstyrning.render.base import RenderContext, TemplateRenderer
from malstyrning.render.environment import html_all_plain, html_text, plain_text
from malstyrning.render.theme import theme_from
from malstyrning.render.views import Link, Site

if TYPE_CHECKING:
    from markupsafe import Markup

# The macro empty("inte angivet") of macros.html.j2: a dash for the eye, words for a
# screen reader.
NONE_GIVEN = '<span aria-hidden="true">–</span><span class="visuellt-dold">inte angivet</span>'


def css_string(value: Any) -> Any:
    """Text as a quoted CSS string (for ``content:`` in the print footer), fully escaped.

    A CSS escape ``\\26`` ends at the first non-hex character, and one space after it
    is part of the escape (CSS Syntax 4.3.7): so every escape ends with a space of
    its own, and a real space after ``&`` or ``:`` survives.
    """
    from markupsafe import Markup

    text = plain_text(" ".join(str(value or "").split()))
    escaped = "".join(ch if ch.isalnum() or ch in " ,.–-" else f"\\{ord(ch):x} "
                      for ch in text)
    return Markup(f'"{escaped}"')


_TABLE = re.compile(r"<table[^>]*>\s*(?:<caption>(?P<caption>.*?)</caption>)?.*?</table>",
                    re.S)
_TAG = re.compile(r"<[^>]+>")


def framed_tables(html: str) -> str:
    """Every table in a frame of its own that scrolls sideways when the table is wider
    than the screen: a region named by the table's caption, reachable with the keyboard
    (WCAG 2.1, 1.4.10 reflow and 2.1.1 keyboard). Tables are never nested here."""
    def frame(match: re.Match[str]) -> str:
        caption = match.group("caption") or "Tabell"
        label = " ".join(_TAG.sub("", caption).split()).replace('"', "&quot;")
        return (f'<div class="tabellram" role="region" tabindex="0" aria-label="{label}">'
                f"{match.group(0)}</div>")

    return _TABLE.sub(frame, html)


class HtmlRenderer(TemplateRenderer):
    name = "html"
    suffix = ".html"

    polish = staticmethod(framed_tables)

    def __init__(self, site: Site, context: RenderContext) -> None:
        super().__init__(site, context)
        self.theme, problems = theme_from(context.appearance, context.root)
        self.warnings.extend(problems)

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"href": self.href, "dokument": self.doc_href, "css_text": css_string}

    no_date = NONE_GIVEN
    row_lines = 6

    def who_cell(self, organisation: str, responsible: str) -> str:
        who = self.escaped(organisation)
        if responsible:
            who = f'{who}<br><span class="plats">{self.escaped(responsible)}</span>'
        return who

    def status_cell(self, status: Any) -> str:
        esc = self.escaped
        return (f'<span class="status status-{esc(status.css)}"><span class="symbol" '
                f'aria-hidden="true">{esc(status.symbol)}</span> {esc(status.text)}</span>')

    def activity_row(self, name: str, id_: str, who: str, first: str, last: str,
                     state: str) -> str:
        return ("    <tr>\n"
                f'      <th scope="row">{name} <span class="id">{id_}</span></th>\n'
                f'      <td>{who}</td><td class="datum">{first}</td>\n'
                f'      <td class="datum">{last}</td>\n'
                f"      <td>{state}</td>\n"
                "    </tr>\n")

    def safe(self, text: str) -> Markup:
        from markupsafe import Markup

        return Markup(text)

    def escape_text(self, value: str) -> str:
        return html_text(value)

    def all_plain(self, joined: str, count: int) -> bool:
        return html_all_plain(joined)

    def variables(self) -> dict[str, Any]:
        # utskrift: a print for a PDF (cover page always, its own table of contents)
        return {"theme": self.theme, "utskrift": False, "pdf_innehall": ()}

    def href(self, link: Link, current: str = "") -> str:
        """Where a link to a goal points: ``verksamhetsplan-ubn.html#m-ubn-e1``."""
        if not link.doc:
            return ""
        fragment = f"#{link.anchor}" if link.anchor else ""
        if link.doc == current:
            return fragment or "#"
        return f"{link.doc}{self.suffix}{fragment}"

    def doc_href(self, stem: str) -> str:
        return f"{stem}{self.suffix}"
