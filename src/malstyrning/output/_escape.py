"""Text from plan repositories made safe for each kind of output.

File names and values come from someone else's pull request: a newline, a carriage
return, an escape sequence, a right-to-left override or a colon in a file name must
never split a finding over two lines, move the cursor, repaint a terminal, reorder
what is shown or be read as a line number. People get visible escapes (as git shows
such paths), machines get their format's own escaping.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Bidirectional controls reorder what follows them on the screen (Trojan Source).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _unsafe(ch: str) -> bool:
    if ch in _BIDI:
        return True
    return unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")


def _escape_char(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters, line separators, bidi controls and lone
    surrogates shown as escapes (``\\n``, ``\\x1b``, ``\\u202e``); all else unchanged."""
    if not any(_unsafe(ch) for ch in text):
        return text
    return "".join(_escape_char(ch) if _unsafe(ch) else ch for ch in text)


def quote_path(path: str, colon: bool = False) -> str:
    """A path for people, quoted the way git quotes unusual paths.

    A path with a control character, a line separator, a bidi control, a lone
    surrogate, ``"`` or ``\\`` — and with ``colon=True`` also ``:``, where a colon
    would be read as the separator before the line number — is written in double
    quotes with C-style escapes: ``"a\\nb.yaml"``. Other paths, Swedish letters
    included, are shown as they are.
    """
    if not any(_unsafe(ch) or ch in '"\\' or (colon and ch == ":") for ch in path):
        return path
    body = printable(path.replace("\\", "\\\\").replace('"', '\\"'))
    return f'"{body}"'


def encodable(text: str) -> str:
    """Text that any UTF-8 writer accepts: lone surrogates become the replacement
    character (they cannot be encoded, and a name with them cannot be matched anyway)."""
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return text
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def json_text(document: str) -> str:
    """A JSON document (from ``json.dumps(..., ensure_ascii=False)``) that UTF-8 can
    encode: a lone surrogate, which can only stand inside a string, becomes its JSON
    escape ``\\udc80`` — the same value, readable by every JSON parser."""
    return document.encode("utf-8", "backslashreplace").decode("utf-8")


# Characters XML 1.0 forbids even as character references.
@cache
def _xml_illegal() -> re.Pattern[str]:
    # compiled on first use: this class costs several milliseconds to compile, and most
    # runs write no XML
    return re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text for an XML document: characters XML cannot hold at all (most control
    characters, lone surrogates) become visible escapes; the XML writer escapes the rest."""
    return _xml_illegal().sub(lambda m: _escape_char(m.group()), text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")  # what Markdown reads inside a line


def markdown_cell(text: str, literal: bool = False) -> str:
    """Text for one cell of a Markdown (GFM) table.

    ``|`` is escaped, line breaks become ``<br>``, ``&``, ``<`` and ``>`` are written as
    entities so no HTML gets through. A ``literal`` (a file name) has every Markdown
    character escaped so it is shown exactly; messages keep their `code` spans.
    """
    lines = [printable(line) for line in text.split("\n")]
    out = []
    for line in lines:
        line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        line = _MD_SPECIAL.sub(r"\\\1", line) if literal else line.replace("|", "\\|")
        out.append(line)
    return "<br>".join(out)
