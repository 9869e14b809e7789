"""Plan and follow-up documents for the council: the plan model → Markdown, HTML, PDF
or Word files.

    run(root, full=True) ──▶ site.build_site ──▶ Renderer (md | html | pdf | docx) ──▶ writer
         model, findings        documents' data       templates/<format>/      --out
                                (results: måluppfyllelse of one follow-up period)

``render`` is the one entry point the command line uses. Nothing here prints; the
caller decides what to say and which exit code to use.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from importlib import import_module
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from malstyrning.findings import Finding, Severity

if TYPE_CHECKING:
    from malstyrning.config import Settings
    from malstyrning.model import PlanModel
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


class EarlyDocuments:
    """The documents' second process, started while the check still runs.

    Passed to the check as ``run(..., on_model=early)``: once the model exists (before
    the repository-wide checks), it forks the helper of :mod:`~malstyrning.render.split`,
    which builds the documents' data from the model (:func:`site.prepare_site`) while
    this process finishes the check and decides whether to render at all. The render
    then sends it the findings (and the changes of ``--jämför``) and both write the
    documents; whatever else happens, :meth:`stop` ends it. Only where the documents
    are worth two processes: a format that writes them in parts, and at least as many
    activities as the lists need rows (``split.SPLIT_MIN_ROWS``).
    """

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.helper: Any = None  # started, not yet sent the findings
        self.sent: Any = None  # sent them: split.render takes it over (or stop ends it)
        self.model: PlanModel | None = None

    def __call__(self, model: PlanModel, settings: Settings) -> None:
        from malstyrning.render import split
        from malstyrning.render.site import prepare_site
        from malstyrning.render.typography import natural_order

        options = self.options
        activity_kinds = {lv.kind for lv in settings.chain.activity_levels}
        if ((options.jobs is not None and options.jobs < 2)
                or not split.splits(renderer_class(options.fmt))
                or sum(map(activity_kinds.__contains__, map(attrgetter("kind"), model.nodes)))
                < split.SPLIT_MIN_ROWS):
            return

        def prepare(share: Callable[[bytes], None]) -> Any:
            ids = None
            if options.period is None:
                # first the ids in natural order, which this process then need not sort
                keys = list(model.by_id)
                order = natural_order(keys)
                share(array("I", order).tobytes())
                ids = list(map(keys.__getitem__, order))
            return prepare_site(model, settings, period=options.period,
                                organisation=options.organisation, followup=options.followup,
                                ids=ids)

        self.model = model
        self.helper = split.start(prepare, partial(_finish, settings, options))

    def ids(self, helper: Any) -> list[str] | None:
        """The model's ids in natural order as the helper sorted them, if it did."""
        shared = helper.shared() if helper is not None else None
        if shared is None or self.model is None:
            return None
        order = array("I")
        order.frombytes(shared)
        keys = list(self.model.by_id)
        if len(order) != len(keys):
            return None
        return list(map(keys.__getitem__, order))

    def go(self, result: RunResult, options: RenderOptions) -> Any:
        """The helper, told to finish with the run's findings; None if there is none or
        ``options`` differ from those it prepared for (then it is stopped)."""
        helper, self.helper = self.helper, None
        if helper is None:
            return None
        if replace(options, changes=None) != replace(self.options, changes=None):
            helper.stop()
            return None
        self.sent = helper
        helper.go((result.findings, _blocking(result, options), options.changes))
        return helper if helper.pid is not None else None  # None if it could not be sent

    def stop(self) -> None:
        """End the helper unless split.render has taken it over (then nothing to do)."""
        for helper in (self.helper, self.sent):
            if helper is not None:
                helper.stop()
        self.helper = self.sent = None


def _blocking(result: RunResult, options: RenderOptions) -> Sequence[Finding]:
    return blocking(result.findings) if options.force else ()


def _finish(settings: Settings, options: RenderOptions, prepared: Any, message: Any
            ) -> tuple[Renderer, Sequence[Any]]:
    """The helper's renderer and documents, as :func:`_render_files` makes them."""
    from malstyrning.render.site import finish_site

    findings, blocked, changes = message
    site = finish_site(prepared, findings, blocking=blocked, changes=changes)
    renderer = renderer_class(options.fmt)(site, _context(settings, options))
    return renderer, site.documents


def _context(settings: Settings, options: RenderOptions) -> RenderContext:
    from malstyrning.render.base import RenderContext

    root = settings.root
    return RenderContext(root, dict(settings.appearance),
                         template_folder(root, options.templates,
                                         settings.appearance.get("mallar")))


def render_texts(result: RunResult, options: RenderOptions,
                 outcome: RenderOutcome | None = None) -> dict[str, str]:
    """File name → document text (HTML, Markdown), without writing anything."""
    files = render_files(result, options, outcome)
    # a text written by the second process arrives as its UTF-8 bytes
    text = renderer_class(options.fmt).text
    return {name: data if isinstance(data, str) else data.decode("utf-8")
            for name, data in files.items() if text or isinstance(data, str)}


def render_files(result: RunResult, options: RenderOptions,
                 outcome: RenderOutcome | None = None,
                 early: EarlyDocuments | None = None) -> dict[str, str | bytes]:
    """File name → document text or bytes (Word, PDF; a text written by the second
    process of :mod:`~malstyrning.render.split` as its UTF-8 bytes), without writing
    anything. ``early``: the second process, if the check started it."""
    import gc

    # A big city's documents are hundreds of thousands of small, acyclic records and
    # strings: the cyclic garbage collector would walk them again and again for nothing
    # (a fifth of the time). It is paused while they are built and rendered.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _render_files(result, options, outcome, early)
    finally:
        if early is not None:
            early.stop()
        if paused:
            gc.enable()


def _render_files(result: RunResult, options: RenderOptions, outcome: RenderOutcome | None,
                  early: EarlyDocuments | None) -> dict[str, str | bytes]:
    from malstyrning.render import split
    from malstyrning.render.site import build_site

    helper = early.go(result, options) if early is not None else None
    site = build_site(
        result.model, result.settings, result.findings,
        period=options.period,
        organisation=options.organisation,
        blocking=_blocking(result, options),
        followup=options.followup,
        changes=options.changes,
        ids=early.ids(helper) if early is not None and options.period is None else None)
    renderer = renderer_class(options.fmt)(site, _context(result.settings, options))
    files = split.render(renderer, site.documents, options.jobs, helper)
    if outcome is not None:
        outcome.warnings.extend(renderer.warnings)
    return files


def render(result: RunResult, options: RenderOptions,
           early: EarlyDocuments | None = None) -> RenderOutcome:
    """Render the documents and write them atomically into ``options.out``.

    Raises :class:`~malstyrning.render.writer.OutputRefused` (nothing changed),
    :class:`FormatUnavailable` (nothing changed; e.g. no browser for PDF) or
    :class:`~malstyrning.render.writer.WriteFailed`; see :mod:`malstyrning.render.writer`.
    ``options.force`` also lets the render replace files in ``--out`` it did not write.
    """
    from malstyrning.render.writer import write_atomically

    outcome = RenderOutcome()
    files = render_files(result, options, outcome, early)
    written = write_atomically(options.out, files, force=options.force,
                               protected=(result.settings.root,),
                               same=renderer_class(options.fmt).same_file)
    outcome.written, outcome.unchanged = written.written, written.unchanged
    return outcome


def known_formats() -> Mapping[str, str]:
    return FORMATS
