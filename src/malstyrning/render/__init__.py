"""Plan and follow-up documents for the council: the plan model → Markdown, HTML, PDF
or Word files.

    run(root, full=True) ──▶ site.build_site ──▶ Renderer (md | html | pdf | docx) ──▶ writer
         model, findings        documents' data       templates/<format>/      --out
                                (results: måluppfyllelse of one follow-up period)

``render`` is the one entry point the command line uses. Nothing here prints; the
caller decides what to say and which exit code to use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from malstyrning.findings import Finding, Severity

if TYPE_CHECKING:
    from malstyrning.pipeline import RunResult
    from malstyrning.render.base import RenderContext
    from malstyrning.render.records import Site


class Renderer(Protocol):
    """What a format's class does: TemplateRenderer (md, html, pdf) or DocxRenderer."""

    warnings: list[str]
    # Whether the documents are text (Markdown, HTML) rather than Word or PDF bytes.
    text: ClassVar[bool]

    def __init__(self, site: Site, context: RenderContext) -> None: ...

    @staticmethod
    def same_file(old: bytes, new: bytes) -> bool:
        """Whether a file on disk (``old``) shows what the new one does, so the writer
        keeps it: the same bytes, or for a PDF printed again the same print."""
        ...

    def render_files(self) -> dict[str, str | bytes]: ...

# Output format → "module:class". A new format is a new module and one line here.
FORMATS: dict[str, str] = {
    "md": "malstyrning.render.markdown:MarkdownRenderer",
    "html": "malstyrning.render.html:HtmlRenderer",
    "pdf": "malstyrning.render.pdf:PdfRenderer",
    "docx": "malstyrning.render.docx:DocxRenderer",
}

TEMPLATE_FOLDER = "mallar"


@dataclass(frozen=True)
class RenderOptions:
    """What to render and where (the ``render`` command's options)."""

    fmt: str
    out: Path
    organisation: str | None = None
    period: tuple[int, int] | None = None
    force: bool = False
    templates: Path | None = None
    followup: str | None = None
    changes: Any = None  # a malstyrning.diff.ModelDiff: "Ändringar sedan beslut"
    jobs: int | None = None  # processes: the check's and the documents' (None: 2 if cores)


@dataclass
class RenderOutcome:
    """What a render did: files written or left unchanged, and warnings for the user."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def renderer_class(fmt: str) -> type[Renderer]:
    module, _, name = FORMATS[fmt].partition(":")
    cls: type[Renderer] = getattr(import_module(module), name)
    return cls


def blocking(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that stop a render unless ``--force`` is given (errors)."""
    return [f for f in findings if f.severity >= Severity.ERROR]


def template_folder(root: Path, option: Path | None,
                    configured: str | None = None) -> Path | None:
    """The override folder: ``--mallar`` if given, else ``utseende.mallar`` from
    ``malstyrning.yaml`` (relative to the plan repo), else ``mallar/`` if it exists."""
    if option is not None:
        return option
    if configured:
        return root / configured
    default = root / TEMPLATE_FOLDER
    return default if default.is_dir() else None


class FormatUnavailable(Exception):
    """A format needs something the machine lacks or that failed (a browser for PDF);
    the message (Swedish) says what to do. Raised before anything was written."""


def render_texts(result: RunResult, options: RenderOptions,
                 outcome: RenderOutcome | None = None) -> dict[str, str]:
    """File name → document text (HTML, Markdown), without writing anything."""
    files = render_files(result, options, outcome)
    # a text written by the second process arrives as its UTF-8 bytes
    text = renderer_class(options.fmt).text
    return {name: data if isinstance(data, str) else data.decode("utf-8")
            for name, data in files.items() if text or isinstance(data, str)}


def render_files(result: RunResult, options: RenderOptions,
                 outcome: RenderOutcome | None = None) -> dict[str, str | bytes]:
    """File name → document text or bytes (Word, PDF; a text written by the second
    process of :mod:`~malstyrning.render.split` as its UTF-8 bytes), without writing
    anything."""
    import gc

    # A big city's documents are hundreds of thousands of small, acyclic records and
    # strings: the cyclic garbage collector would walk them again and again for nothing
    # (a fifth of the time). It is paused while they are built and rendered.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _render_files(result, options, outcome)
    finally:
        if paused:
            gc.enable()


def _render_files(result: RunResult, options: RenderOptions,
                  outcome: RenderOutcome | None) -> dict[str, str | bytes]:
    from malstyrning.render import split
    from malstyrning.render.base import RenderContext
    from malstyrning.render.site import build_site

    root = result.settings.root
    site = build_site(
        result.model, result.settings, result.findings,
        period=options.period,
        organisation=options.organisation,
        blocking=blocking(result.findings) if options.force else (),
        followup=options.followup,
        changes=options.changes)
    context = RenderContext(root, dict(result.settings.appearance),
                            template_folder(root, options.templates,
                                            result.settings.appearance.get("mallar")))
    renderer = renderer_class(options.fmt)(site, context)
    files = split.render(renderer, site.documents, options.jobs)
    if outcome is not None:
        outcome.warnings.extend(renderer.warnings)
    return files


def render(result: RunResult, options: RenderOptions) -> RenderOutcome:
    """Render the documents and write them atomically into ``options.out``.

    Raises :class:`~malstyrning.render.writer.OutputRefused` (nothing changed),
    :class:`FormatUnavailable` (nothing changed; e.g. no browser for PDF) or
    :class:`~malstyrning.render.writer.WriteFailed`; see :mod:`malstyrning.render.writer`.
    ``options.force`` also lets the render replace files in ``--out`` it did not write.
    """
    from malstyrning.render.writer import write_atomically

    outcome = RenderOutcome()
    files = render_files(result, options, outcome)
    written = write_atomically(options.out, files, force=options.force,
                               protected=(result.settings.root,),
                               same=renderer_class(options.fmt).same_file)
    outcome.written, outcome.unchanged = written.written, written.unchanged
    return outcome


def known_formats() -> Mapping[str, str]:
    return FORMATS
