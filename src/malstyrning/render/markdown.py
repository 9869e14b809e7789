"""Markdown for GitHub and GitLab: one file per document plus an index.

Plan text is escaped by the environment (``finalize``), so it can neither break a
table nor turn into a link, emphasis or raw HTML. Links to goals use the anchors
GitHub derives from headings; diagrams are Mermaid blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from malstyrning.render.base import TemplateRenderer
from malstyrning.render.environment import (
    MdSafe,
    github_slug,
    md_all_plain,
    md_escape,
    md_part,
    mermaid_label,
)
from malstyrning.render.views import Link


class MarkdownRenderer(TemplateRenderer):
    name = "md"
    suffix = ".md"

    def who_cell(self, organisation: str, responsible: str) -> str:
        who = self.escaped(organisation)
        return f"{who}, {self.escaped(responsible)}" if responsible else who

    def status_cell(self, status: Any) -> str:
        return f"{self.escaped(status.symbol)} {self.escaped(status.text)}"

    def activity_row(self, name: str, id_: str, who: str, first: str, last: str,
                     state: str) -> str:
        return f"| {name} ({id_}) | {who} | {first} | {last} | {state} |\n"

    def safe(self, text: str) -> MdSafe:
        return MdSafe(text)

    def escape_text(self, value: str) -> str:
        return md_escape(value)

    def all_plain(self, joined: str, count: int) -> bool:
        return md_all_plain(joined, count)

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
