"""The Jinja2 environment for one output format: loaders, filters and escaping.

Plan text is only ever passed to templates as data, never compiled as a template. HTML
uses Jinja2's autoescape. Markdown has no autoescape in Jinja2, so every ``{{ … }}``
goes through :func:`md_escape` (the environment's ``finalize``) unless it is
:class:`MdSafe` — the same opt-out model as ``Markup`` in HTML. Output the templates
build themselves (macros, ``{% set %}`` blocks) is MdSafe; filters that produce
Markdown syntax on purpose (links, anchors, Mermaid) return MdSafe too.

Both formats send every plan text through :func:`plain_text` first (the HTML
environment's ``finalize``, :func:`md_escape`, the Mermaid and CSS string filters):
control characters become U+FFFD, and a text with right-to-left script or bidi
controls is isolated, so it cannot reorder the rest of the line.

Templates are looked up first in the plan repository's template folder (``mallar/``
by default, one subfolder per format), then in the package; ``standard/…`` always
names the package's own template, so an override can extend it. The environment is
sandboxed: a template in a plan repository cannot reach Python internals.

The package's own templates are compiled once and kept next to them, in
``templates/__pycache__`` — the same place and the same trust as Python's own ``.pyc``
files (see :class:`PackageBytecodeCache`); templates from a plan repository are always
compiled afresh, and nothing compiled is ever read from the plan repository.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from malstyrning.render.typography import amount, deviation, number, swedish_date, title_of
from malstyrning.words import upper_first

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"


class MdSafe(str):
    """Markdown a filter produced on purpose; :func:`md_escape` leaves it as it is."""

    __slots__ = ()


# Characters that start Markdown or HTML syntax anywhere in a line (GitHub and GitLab
# flavours: emphasis, links, raw HTML, tables, headings, strikethrough, math, entities).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|#~$&{}!])")
# Syntax that only counts at the start of a line: lists, quotes, setext underlines.
_MD_LINE_START = re.compile(r"^(\s*)([-+](?=\s|$)|\d+(?=[.)](?:\s|$))|[-=](?=[-=\s]*$))")


# Whitespace that is folded to one space: line breaks and runs of spaces, but not the
# no-break spaces that hold "1 234,5" and "12 %" together.
_MD_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


# Characters that are never text: C0 and C1 controls except tab and line feed, DEL,
# lone surrogates (they cannot be encoded) and the Unicode noncharacters. An HTML
# document may not hold them ("Saw U+0000 in stream") and a Markdown viewer shows them
# unpredictably. Each becomes U+FFFD, so the reader sees that something was there.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + last) for plane in range(0, 0x110000, 0x10000)
              for last in (0xFFFE, 0xFFFF))
    + "]")
REPLACEMENT = "\ufffd"

# Explicit bidi controls: embeddings and overrides (LRE RLE PDF LRO RLO) and isolates
# (LRI RLI FSI PDI).
_EMBED, _POP_EMBED = "\u202a\u202b\u202d\u202e", "\u202c"
_ISOLATE, _POP_ISOLATE = "\u2066\u2067\u2068", "\u2069"
FSI, PDI = "\u2068", "\u2069"
# Text that can change the order of what follows it: right-to-left scripts (Hebrew,
# Arabic, Syriac, Thaana, N'Ko …, their presentation forms and the historic RTL
# blocks), the RLM and ALM marks, and every bidi control. Left-to-right text cannot,
# so it stays as it is (and the documents of a Swedish plan do not change).
_BIDI = re.compile("[\u0590-\u08ff\u061c\u200f\u202a-\u202e\u2066-\u2069"
                   "\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
                   "\U0001e800-\U0001efff]")


def _balanced(text: str) -> str:
    """``text`` with every bidi embedding, override and isolate closed inside it.

    A closer without an opener is dropped (it could close something outside the
    text); an opener without a closer gets one at the end.
    """
    stack: list[str] = []
    out: list[str] = []
    for ch in text:
        if ch in _EMBED or ch in _ISOLATE:
            stack.append(ch)
        elif ch == _POP_EMBED:
            if not stack or stack[-1] not in _EMBED:
                continue
            stack.pop()
        elif ch == _POP_ISOLATE:
            if not any(c in _ISOLATE for c in stack):
                continue
            # A PDI also ends the embeddings opened after its isolate.
            while stack.pop() not in _ISOLATE:
                pass
        out.append(ch)
    out.extend(_POP_ISOLATE if c in _ISOLATE else _POP_EMBED for c in reversed(stack))
    return "".join(out)


def plain_text(value: str) -> str:
    """A plan text made safe to show: no control characters, bidi isolated.

    Text with right-to-left script or bidi controls is balanced and wrapped in FSI …
    PDI (Unicode's first-strong isolate, what ``<bdi>`` and ``dir="auto"`` do in
    HTML), so an unclosed right-to-left override in a nämnd's name cannot reverse
    the rest of the line. It works the same in HTML text and attributes, Markdown,
    Mermaid labels and CSS strings. Most texts need none of it, which
    :func:`is_plain` tells with one search.
    """
    return value if is_plain(value) else _made_plain(value)


def _made_plain(value: str) -> str:
    """:func:`plain_text` without the look that most texts stop at."""
    if _NOT_TEXT.search(value):
        value = _NOT_TEXT.sub(REPLACEMENT, value)
    if _BIDI.search(value):
        value = f"{FSI}{_balanced(value)}{PDI}"
    return value


# Below U+0590 (Latin, Greek, Cyrillic: a Swedish plan's text) the only characters
# plain_text changes are controls, so a small class can tell that a text is plain.
_FIRST_BIDI = "\u0590"


def _latin_except(specials: str, controls: str = "") -> re.Pattern[str]:
    """A class that matches every character but the printable ones below U+0590 (and
    ``controls``), and the ``specials`` among those: so one search tells a Latin text
    with none of them from any other (max() over the text, the other way to tell,
    took twice the search's time). Written as the complement, it compiles in a
    millisecond; the class of U+0590–U+10FFFF itself took seven."""
    printable = "".join(re.escape(chr(c)) for c in range(0x20, 0x7F) if chr(c) not in specials)
    return re.compile(f"[^{re.escape(controls)}{printable}\xa0-\u058f]")


# What plain_text may change: a control character but tab and line feed, or anything
# from U+0590 on (then the full look of is_plain decides).
_LATIN_NOT_TEXT = _latin_except("", "\t\n")


def is_plain(value: str) -> bool:
    """Whether :func:`plain_text` leaves ``value`` as it is (a test holds it to what the
    full look, :func:`_made_plain`, does)."""
    found = _LATIN_NOT_TEXT.search(value)
    if found is None:
        return True
    if found.group() < _FIRST_BIDI:
        return False  # a control character: plain_text replaces it
    return not _NOT_TEXT.search(value) and not _BIDI.search(value)


# What Jinja2's HTML escape (markupsafe) or plain_text changes in a Latin text (below
# U+0590): the five markup characters and the controls but tab and line feed.
_HTML_ATTENTION = _latin_except("&<>\"'", "\t\n")


def html_text(value: str) -> str:
    """Plan text as HTML text: :func:`plain_text`, then escaped as Jinja2 escapes it
    (``{{ value }}`` in an HTML template). Most names and ids have nothing to change,
    and are returned as they are after one look."""
    if type(value) is str and not _HTML_ATTENTION.search(value):
        return value
    from markupsafe import escape

    return str(escape(html_finalize(value)))


def html_all_plain(joined: str) -> bool:
    """Whether :func:`html_text` leaves each of some texts joined by line feeds as it is
    (it leaves line feeds alone: one look at them all)."""
    return _HTML_ATTENTION.search(joined) is None


def html_finalize(value: Any) -> Any:
    """Every ``{{ … }}`` in HTML: plan text through :func:`plain_text`; markup as it is."""
    if type(value) is str:
        return _plain_text(value)
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return plain_text(value)
    return value


@lru_cache(maxsize=1 << 16)
def _plain_text(value: str) -> str:
    return plain_text(value)


def md_escape(value: Any, strip: bool = True) -> str:
    """Plan text as literal Markdown text on one line (safe in tables and headings).

    ``strip=False`` keeps one space at either end, for a part of a sentence (the
    pieces of a finding's message around an id).
    """
    if value is None:
        return ""
    if isinstance(value, MdSafe):
        return value
    text = str(value)
    if (text and not _MD_ATTENTION.search(text) and "  " not in text
            and not text[0].isspace() and not text[-1].isspace()
            and text[0] not in "-+=" and not text[0].isdecimal()):
        return text  # nothing to escape, fold, strip or isolate (most names and ids)
    return _md_escaped(text, strip)


# What makes md_escape change a text: a Markdown or HTML syntax character, a control
# character (a line break, a tab), or any character from U+0590 on (right-to-left
# script, bidi controls: see is_plain). Two spaces in a row, the ends' whitespace and
# the start of a line are checked by hand.
_MD_ATTENTION = _latin_except("\\`*_[]<>|#~$&{}!")
# md_all_plain: the same, but for the line feeds between the texts; and a text that
# md_escape's look at its ends sends on (empty, whitespace at either end, a start of
# -, +, = or a digit), each text a line of its own
_MD_ATTENTION_LINES = _latin_except("\\`*_[]<>|#~$&{}!", "\n")
_MD_ENDS = re.compile(r"^(?:$|[\s\-+=]|\d)|\s$", re.MULTILINE)


def md_all_plain(joined: str, count: int) -> bool:
    """Whether :func:`md_escape` returns each of ``count`` texts joined by line feeds as
    it is: what its first look asks of each, asked of them all at once (a test holds
    the two to each other)."""
    return (joined.count("\n") == count - 1 and "  " not in joined
            and _MD_ATTENTION_LINES.search(joined) is None and _MD_ENDS.search(joined) is None)


@lru_cache(maxsize=1 << 16)
def _md_escaped(text: str, strip: bool) -> str:
    """:func:`md_escape` of one text (memoised: a big city's documents repeat the same
    names, owners, dates and statuses tens of thousands of times)."""
    text = _MD_SPACE.sub(" ", _NOT_TEXT.sub(REPLACEMENT, text))
    if strip:
        text = text.strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    match = _MD_LINE_START.match(text)
    if match:
        lead, mark = match.group(1), match.group(2)
        if mark.isdigit():
            # "2027. Ett år" would start an ordered list: escape the dot after the digits.
            end = match.end()
            text = f"{text[:end]}\\{text[end:]}"
        else:
            text = f"{lead}\\{text[len(lead):]}"
    return plain_text(text)


def md_part(value: Any) -> MdSafe:
    """A part of a sentence in Markdown: escaped like any plan text, its spaces kept."""
    return MdSafe(md_escape(value, strip=False))


_MERMAID = re.compile(r"[\"#<>&`|;{}\[\]()\\]")


def mermaid_label(value: Any) -> MdSafe:
    """Text for a quoted Mermaid label: special characters as Mermaid entity codes."""
    text = plain_text(" ".join(str(value or "").split()))
    return MdSafe(_MERMAID.sub(lambda m: f"#{ord(m.group(0))};", text))


def github_slug(heading: str) -> str:
    """The anchor GitHub (and, for ordinary titles, GitLab) gives a Markdown heading."""
    out = []
    for ch in heading.strip().lower():
        if ch == " ":
            out.append("-")
        elif ch in "-_" or ch.isalnum() or unicodedata.category(ch).startswith("M"):
            out.append(ch)
    return "".join(out)


def paragraphs(value: Any) -> list[str]:
    """Multi-line plan text (``beskrivning: |``) as paragraphs, each on one line."""
    if not value:
        return []
    blocks = re.split(r"\n\s*\n", str(value).strip())
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _md_concat(parts: Iterable[str]) -> MdSafe:
    return MdSafe("".join(parts))


def count(value: int, singular: str, plural: str) -> str:
    """``1 varning``, ``2 varningar``: a number and the noun in the right form."""
    return f"{value} {singular if value == 1 else plural}"


def pixels(value: float) -> str:
    """A drawing coordinate with at most one decimal and no float noise: ``239.3``."""
    text = f"{float(value):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _filters() -> dict[str, Callable[..., Any]]:
    return {
        "px": pixels,
        "antal": count,
        "datum": swedish_date,
        "tal": number,
        "tkr": amount,
        "avvikelse": deviation,
        "stycken": paragraphs,
        "versal": upper_first,
        "rubrik": title_of,
    }


@lru_cache(maxsize=1)
def _bytecode_cache_type() -> type:
    from jinja2.bccache import Bucket, FileSystemBytecodeCache

    class PackageBytecodeCache(FileSystemBytecodeCache):
        """The compiled package templates, kept like Python's ``.pyc`` files.

        Compiling the templates is most of a small repository's render (about 0.3 s
        of 0.4 s for the example); a compiled template is reused while its source,
        the Python version, Jinja2's version and the environment's configuration
        (format, filters) are the same — each is in the file name or checked by
        Jinja2. When the folder cannot be created or written (a read-only
        installation), or Python is told not to write bytecode
        (``PYTHONDONTWRITEBYTECODE``, ``python -B``), templates are compiled in memory
        as before, silently.
        """

        def __init__(self, directory: Path, config: str) -> None:
            super().__init__(str(directory), "%s.jinja")
            self.config = config
            self.usable = True

        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            return hashlib.sha1(f"{self.config}|{name}|{filename}".encode()).hexdigest()

        def load_bytecode(self, bucket: Bucket) -> None:
            if self.usable:
                try:
                    super().load_bytecode(bucket)
                except Exception:  # unreadable, torn or foreign: compile afresh
                    bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            import sys

            # PYTHONDONTWRITEBYTECODE (python -B) means no compiled files, ours too
            if not self.usable or sys.dont_write_bytecode:
                return
            try:
                Path(self.directory).mkdir(parents=True, exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:
                self.usable = False

    return PackageBytecodeCache


def package_bytecode_cache(fmt: str, env: Environment) -> Any:
    """The compiled-template cache for the package's templates of ``fmt``."""
    import sys

    import jinja2

    config = "|".join([
        fmt, jinja2.__version__, sys.implementation.cache_tag or "",
        type(env).__name__, getattr(env.finalize, "__qualname__", ""), str(env.autoescape),
        ",".join(sorted(env.filters)), ",".join(sorted(env.tests)),
    ])
    return _bytecode_cache_type()(compiled_folder(), config)


def compiled_folder() -> Path:
    """Where the compiled package templates go: ``templates/__pycache__``, or under
    ``PYTHONPYCACHEPREFIX`` the way Python places its own ``.pyc`` files there."""
    import sys

    prefix = sys.pycache_prefix
    if prefix:
        return Path(prefix) / TEMPLATES.relative_to(TEMPLATES.anchor)
    return TEMPLATES / "__pycache__"


def environment(fmt: str, override: Path | None = None,
                extra_filters: dict[str, Callable[..., Any]] | None = None) -> Environment:
    """The environment for ``fmt`` (``md`` or ``html``).

    Templates from the plan repository (``utseende.mallar``, which a pull request can
    change) run in Jinja's sandbox. The package's own templates run without it: they
    are the project's code, the data they read is the project's own records, and plan
    text is only ever data (escaped by ``finalize``), never template source — so the
    sandbox's check on every attribute access (millions for a big city) buys nothing.
    """
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        PrefixLoader,
        StrictUndefined,
    )

    package = FileSystemLoader(str(TEMPLATES / fmt))
    loaders: list[Any] = []
    own = override is not None and (override / fmt).is_dir()
    kind: type[Environment] = Environment
    if own and override is not None:
        from jinja2.sandbox import SandboxedEnvironment

        loaders.append(FileSystemLoader(str(override / fmt)))
        kind = SandboxedEnvironment
    loaders += [package, PrefixLoader({"standard": package})]
    markdown = fmt == "md"
    env = kind(
        loader=ChoiceLoader(loaders),
        autoescape=not markdown,
        finalize=md_escape if markdown else html_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    if markdown:
        # What templates produce (macro results, {% set %} blocks, caller()) is already
        # escaped Markdown; only values from data still go through md_escape.
        env.concat = _md_concat  # type: ignore[method-assign]
    env.filters.update(_filters())
    env.filters.update(extra_filters or {})
    if not own:
        env.bytecode_cache = package_bytecode_cache(fmt, env)
    return env
