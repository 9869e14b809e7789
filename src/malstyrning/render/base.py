"""The renderer interface: one output format = one class, rendering a site's documents.

A renderer gets the :class:`~malstyrning.render.views.Site` (all documents' data) and
returns each document as text; writing files is someone else's job. A new format is a
new module with a :class:`TemplateRenderer` subclass and a folder of templates,
registered in :data:`malstyrning.render.FORMATS`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any, ClassVar

from malstyrning.frozen import record
from malstyrning.render.environment import environment
from malstyrning.render.records import ActivityView, briefs_of
from malstyrning.render.typography import swedish_date
from malstyrning.render.views import Document, Site
from malstyrning.render.writer import same_bytes


@record
class RenderContext:
    """Where the plan lives, its appearance settings and the template override folder."""

    root: Path
    appearance: Mapping[str, Any] = field(default_factory=dict)
    templates: Path | None = None


class TemplateRenderer:
    """Renders each document with the template ``<kind><suffix>.j2`` of its format.

    Long tables (a big city's activity documents have thousands of rows) are written
    by Python instead of a template loop: the filter ``aktivitetsrader`` gives the
    rows of a list of activities exactly as the template macro ``aktivitetsrad`` would
    (a test compares them on generated text), as a placeholder that :meth:`finish` replaces
    after :func:`tidy` — the rows are already tidy, so tidying and framing cost what
    the rest of the document costs, not what its rows do.
    """

    name: ClassVar[str] = ""
    suffix: ClassVar[str] = ""

    def __init__(self, site: Site, context: RenderContext) -> None:
        self.site = site
        self.context = context
        self.warnings: list[str] = []
        self._deferred: dict[str, str] = {}
        self._tokens = itertools.count()
        self._escaped: dict[str, str] = {}  # a big city repeats names, dates, statuses
        # activity_rows' cells that repeat: (organisation, ansvarig), date, status
        self._cells: tuple[dict[Any, str], dict[Any, str], dict[int, tuple[Any, str]]] = (
            {}, {}, {})
        self.env = environment(self.name, context.templates,
                               {"aktivitetsrader": self.activity_rows, **self.filters()})

    def filters(self) -> dict[str, Callable[..., Any]]:
        """Format-specific filters (links, escaping helpers)."""
        return {}

    # A format's activity table: the text of an empty date, the lines of one row and
    # the class that marks the rows' text as already escaped.
    no_date: ClassVar[str] = "–"
    row_lines: ClassVar[int] = 1

    def activity_rows(self, activities: Iterable[ActivityView]) -> str:
        """The rows of an activity table (see the class docstring), less the last
        newline; the cells that repeat in a big city (who, dates, status) are made once
        per renderer by the format's :meth:`who_cell` and :meth:`status_cell`."""
        escaped, known = self.escaped, self._escaped.get
        who_cells, date_cells, status_cells = self._cells
        no_date, row = self.no_date, self.activity_row
        rows: list[str] = []
        append = rows.append
        briefs = briefs_of(activities)
        self.escape_many({b[0] for b in briefs} | {b[1] for b in briefs})
        for id_, name, org_name, responsible, start, end, status in briefs:
            who = who_cells.get((org_name, responsible))
            if who is None:
                who = who_cells[org_name, responsible] = self.who_cell(org_name, responsible)
            first = date_cells.get(start)
            if first is None:
                first = date_cells[start] = escaped(swedish_date(start)) if start else no_date
            last = date_cells.get(end)
            if last is None:
                last = date_cells[end] = escaped(swedish_date(end)) if end else no_date
            # by the status object, which the entry keeps alive (so its id stays its own)
            state_of = status_cells.get(id(status))
            if state_of is None or state_of[0] is not status:
                state_of = status_cells[id(status)] = (status, self.status_cell(status))
            append(row(known(name) or escaped(name), known(id_) or escaped(id_), who, first,
                       last, state_of[1]))
        return self.safe(self.deferred_rows(rows, self.row_lines))

    def who_cell(self, organisation: str, responsible: str) -> str:
        """The escaped cell of who does an activity: the unit, and who is responsible."""
        raise NotImplementedError

    def status_cell(self, status: Any) -> str:
        """The escaped cell of an activity's status (symbol and text)."""
        raise NotImplementedError

    def activity_row(self, name: str, id_: str, who: str, first: str, last: str,
                     state: str) -> str:
        """One row of escaped cells, ending with a newline (``row_lines`` lines)."""
        raise NotImplementedError

    def safe(self, text: str) -> str:
        """Escaped text as the format's templates take it without escaping it again."""
        return text

    def escape_text(self, value: str) -> str:
        """One plan text as the format's ``{{ value }}`` writes it."""
        raise NotImplementedError

    def escape_many(self, values: Iterable[str]) -> None:
        """:meth:`escaped` of many texts at once (an activity list's ids and names,
        nearly all new and nearly all written as they are): one look at them all
        (:meth:`all_plain`) instead of one per text, where it finds nothing."""
        memo = self._escaped
        fresh = [v for v in values if v not in memo]
        if fresh and self.all_plain("\n".join(fresh), len(fresh)):
            memo.update(zip(fresh, fresh, strict=True))

    def all_plain(self, joined: str, count: int) -> bool:
        """Whether each of ``count`` texts joined by line feeds is written as it is (the
        format's :meth:`escape_text` leaves it alone); False when unsure."""
        return False

    def escaped(self, value: str) -> str:
        """:meth:`escape_text`, remembered for the renderer's lifetime."""
        out = self._escaped.get(value)
        if out is None:
            out = self._escaped[value] = self.escape_text(value)
        return out

    def deferred_rows(self, rows: list[str], lines_per_row: int) -> str:
        """Rows written by :meth:`activity_rows` (each ending with a newline) as a
        placeholder for :meth:`finish`, less the last newline (the template's line ends
        the last row); ``""`` for no rows."""
        body = tidy_rows(rows, lines_per_row)[:-1]
        return self.defer(body) if body else ""

    def defer(self, text: str) -> str:
        """A placeholder that :meth:`finish` replaces with ``text``, which must be tidy
        already. Plan text can never contain the placeholder: every value passes
        :func:`~malstyrning.render.environment.plain_text`, which replaces NUL."""
        token = f"\x00{next(self._tokens)}\x00"
        self._deferred[token[1:-1]] = text
        return token

    def finish(self, text: str, polish: Callable[[str], str] | None = None) -> str:
        """A rendered template made tidy (and ``polish``-ed), with the deferred rows
        put back."""
        text = tidy(text)
        if polish is not None:
            text = polish(text)
        if "\x00" not in text:
            return text
        return _DEFERRED.sub(lambda m: self._deferred.pop(m.group(1), ""), text)

    def variables(self) -> dict[str, Any]:
        """Format-specific template variables besides ``site``, ``doc`` and ``data``."""
        return {}

    def filename(self, doc: Document) -> str:
        return doc.stem + self.suffix

    def render(self, doc: Document) -> str:
        template = self.env.get_template(f"{doc.kind}{self.suffix}.j2")
        text = template.render(site=self.site, doc=doc, data=doc.data,
                               suffix=self.suffix, **self.variables())
        return self.finish(text, self.polish)

    # What a format does to a whole document after tidying (HTML frames its tables).
    polish: Callable[[str], str] | None = None

    # Whether documents may be written in parts, each by its own process (see
    # :mod:`malstyrning.render.split`); a PDF is printed in one go.
    splittable: ClassVar[bool] = True

    # See Renderer: text documents, the same when their bytes are.
    text: ClassVar[bool] = True
    same_file = staticmethod(same_bytes)

    def files_of(self, documents: Iterable[Document]) -> dict[str, str | bytes]:
        """File name → text for ``documents``."""
        return {self.filename(doc): self.render(doc) for doc in documents}

    def render_all(self) -> dict[str, str]:
        """File name → text for every document of the site."""
        return {self.filename(doc): self.render(doc) for doc in self.site.documents}

    def render_files(self) -> dict[str, str | bytes]:
        """File name → content for every document: text, or bytes (Word, PDF)."""
        return dict(self.render_all())


def tidy(text: str) -> str:
    """No trailing spaces, at most one empty line in a row, exactly one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    out = _BLANK_LINES.sub("\n\n", "\n".join(lines))
    return out.strip("\n") + "\n"


_BLANK_LINES = re.compile(r"\n{3,}")
_DEFERRED = re.compile("\x00([0-9]+)\x00")
# What str.splitlines() breaks a line at, besides "\n" (plain_text has already replaced
# the control characters among them; U+2028 and U+2029 remain).
_BREAK_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _has_other_breaks(text: str) -> bool:
    """Whether ``text`` holds one of :data:`_BREAK_CHARS`: a look for each character
    (a memchr each; four times faster than a character class over 25 MB of rows)."""
    return any(char in text for char in _BREAK_CHARS)


def tidy_rows(rows: list[str], lines_per_row: int) -> str:
    """Rows of a table, each ending with a newline, as :func:`tidy` would leave them
    inside a document (a row starts and ends on a line of the template's own text).
    Only rows whose values brought line breaks need tidying: they are found by
    counting."""
    text = "".join(rows)
    if text.count("\n") == lines_per_row * len(rows) and not _has_other_breaks(text):
        return text
    out = []
    for row in rows:
        if row.count("\n") != lines_per_row or _has_other_breaks(row):
            row = _BLANK_LINES.sub("\n\n", "\n".join(ln.rstrip() for ln in row.splitlines()))
            row += "\n"
        out.append(row)
    return "".join(out)
