"""The Jinja2 environment for one output format: loaders, filters and escaping.

Plan text is only ever passed to templates as data, never compiled as a template. HTML
uses Jinja2's autoescape. Markdown has no autoescape in Jinja2, so every ``{{ … }}``
goes through :func:`md_escape` (the environment's ``finalize``) unless it is
:class:`MdSafe` — the same opt-out model as ``Markup`` in HTML. Output the templates
build themselves (macros, ``{% set %}`` blocks) is MdSafe; filters that produce
Markdown syntax on purpose (links, anchors, Mermaid) return MdSafe too.

Templates are looked up first in the plan repository's template folder (``mallar/``
by default, one subfolder per format), then in the package; ``standard/…`` always
names the package's own template, so an override can extend it. The environment is
sandboxed: a template in a plan repository cannot reach Python internals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from malstyrning.render.typography import amount, number, swedish_date

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


def md_escape(value: Any) -> str:
    """Plan text as literal Markdown text on one line (safe in tables and headings)."""
    if value is None:
        return ""
    if isinstance(value, MdSafe):
        return value
    text = _MD_SPACE.sub(" ", str(value)).strip()
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
    return text


_MERMAID = re.compile(r"[\"#<>&`|;{}\[\]()\\]")


def mermaid_label(value: Any) -> MdSafe:
    """Text for a quoted Mermaid label: special characters as Mermaid entity codes."""
    text = " ".join(str(value or "").split())
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
        "stycken": paragraphs,
    }


def environment(fmt: str, override: Path | None = None,
                extra_filters: dict[str, Callable[..., Any]] | None = None) -> Environment:
    """A sandboxed environment for ``fmt`` (``md`` or ``html``)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    package = FileSystemLoader(str(TEMPLATES / fmt))
    loaders: list[Any] = []
    if override is not None and (override / fmt).is_dir():
        loaders.append(FileSystemLoader(str(override / fmt)))
    loaders += [package, PrefixLoader({"standard": package})]
    markdown = fmt == "md"
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=not markdown,
        finalize=md_escape if markdown else None,
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
    return env
