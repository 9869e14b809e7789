"""Self-contained HTML: inline CSS, inline SVG diagrams, logo as a data URI.

Each file works offline and from a file share, loads nothing (a Content-Security-Policy
forbids it, too) and prints to A4 with page numbers. Jinja2 autoescape escapes all
plan text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from malstyrning.render.base import RenderContext, TemplateRenderer
from malstyrning.render.environment import plain_text
from malstyrning.render.theme import theme_from
from malstyrning.render.views import Link, Site


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

    def render(self, doc: Any) -> str:
        return framed_tables(super().render(doc))

    def __init__(self, site: Site, context: RenderContext) -> None:
        super().__init__(site, context)
        self.theme, problems = theme_from(context.appearance, context.root)
        self.warnings.extend(problems)

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"href": self.href, "dokument": self.doc_href, "css_text": css_string}

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
