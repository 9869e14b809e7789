"""The renderer interface: one output format = one class, rendering a site's documents.

A renderer gets the :class:`~malstyrning.render.views.Site` (all documents' data) and
returns each document as text; writing files is someone else's job. A new format is a
new module with a :class:`TemplateRenderer` subclass and a folder of templates,
registered in :data:`malstyrning.render.FORMATS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from malstyrning.render.environment import environment
from malstyrning.render.views import Document, Site


@dataclass(frozen=True)
class RenderContext:
    """Where the plan lives, its appearance settings and the template override folder."""

    root: Path
    appearance: Mapping[str, Any] = field(default_factory=dict)
    templates: Path | None = None


class TemplateRenderer:
    """Renders each document with the template ``<kind><suffix>.j2`` of its format."""

    name: ClassVar[str] = ""
    suffix: ClassVar[str] = ""

    def __init__(self, site: Site, context: RenderContext) -> None:
        self.site = site
        self.context = context
        self.warnings: list[str] = []
        self.env = environment(self.name, context.templates, self.filters())

    def filters(self) -> dict[str, Callable[..., Any]]:
        """Format-specific filters (links, escaping helpers)."""
        return {}

    def variables(self) -> dict[str, Any]:
        """Format-specific template variables besides ``site``, ``doc`` and ``data``."""
        return {}

    def filename(self, doc: Document) -> str:
        return doc.stem + self.suffix

    def render(self, doc: Document) -> str:
        template = self.env.get_template(f"{doc.kind}{self.suffix}.j2")
        text = template.render(site=self.site, doc=doc, data=doc.data,
                               suffix=self.suffix, **self.variables())
        return tidy(text)

    def render_all(self) -> dict[str, str]:
        """File name → text for every document of the site."""
        return {self.filename(doc): self.render(doc) for doc in self.site.documents}

    def render_files(self) -> dict[str, str | bytes]:
        """File name → content for every document: text, or bytes (Word, PDF)."""
        return dict(self.render_all())


def tidy(text: str) -> str:
    """No trailing spaces, at most one empty line in a row, exactly one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return out.strip("\n") + "\n"
