"""Markdown for GitHub and GitLab: one file per document plus an index.

Plan text is escaped by the environment (``finalize``), so it can neither break a
table nor turn into a link, emphasis or raw HTML. Links to goals use the anchors
GitHub derives from headings; diagrams are Mermaid blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from malstyrning.render.base import TemplateRenderer
from malstyrning.render.environment import (
    MdSafe,
    github_slug,
    md_escape,
    md_part,
    mermaid_label,
)
from malstyrning.render.records import ActivityView
from malstyrning.render.typography import swedish_date
from malstyrning.render.views import Link


class MarkdownRenderer(TemplateRenderer):
    name = "md"
    suffix = ".md"

    def activity_rows(self, activities: Iterable[ActivityView]) -> MdSafe:
        """What ``{% for a in … %}{{ m.aktivitetsrad(a) }}{% endfor %}`` gives with the
        macro of ``macros.md.j2``, written by Python (see :class:`TemplateRenderer`),
        less the last newline."""
        esc = self.escaped
        # the cells that repeat (who, dates, status) are made once per renderer
        who_cells, date_cells, status_cells = self._cells
        rows = []
        for (id_, name, _description, _org, org_name, responsible, start, end, status,
             *_rest) in activities:
            who = who_cells.get((org_name, responsible))
            if who is None:
                who = esc(org_name)
                if responsible:
                    who = f"{who}, {esc(responsible)}"
                who_cells[org_name, responsible] = who
            first = date_cells.get(start)
            if first is None:
                first = date_cells[start] = esc(swedish_date(start)) if start else "–"
            last = date_cells.get(end)
            if last is None:
                last = date_cells[end] = esc(swedish_date(end)) if end else "–"
            state = status_cells.get((status.symbol, status.text))
            if state is None:
                state = status_cells[status.symbol, status.text] = (
                    f"{esc(status.symbol)} {esc(status.text)}")
            rows.append(f"| {esc(name)} ({esc(id_)}) | {who} | {first} | {last} | "
                        f"{state} |\n")
        return MdSafe(self.deferred_rows(rows, 1))

    def escape_text(self, value: str) -> str:
        return md_escape(value)

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"href": self.href, "dokument": self.doc_href, "mermaid": mermaid_label,
                "textdel": md_part,
                "ankare": lambda text: MdSafe(github_slug(str(text))),
                "mdindent": lambda depth: MdSafe("  " * int(depth))}

    def href(self, link: Link, current: str = "") -> MdSafe:
        """Where a link to a goal points: ``verksamhetsplan-ubn.md#ubn-e1-…``."""
        fragment = "#" + github_slug(link.heading) if link.heading else ""
        if not link.doc:
            return MdSafe("")
        if link.doc == current:
            return MdSafe(fragment)
        return MdSafe(f"{link.doc}{self.suffix}{fragment}")

    def doc_href(self, stem: str) -> MdSafe:
        return MdSafe(f"{stem}{self.suffix}")
