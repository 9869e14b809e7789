"""Edit a YAML file by changing only the characters an edit needs.

The file is parsed once with ruamel.yaml's parser. Its events give every node's exact
character span in the original text (line endings, byte-order mark and Unicode form
as they were), so an edit is a short list of ``(start, end, replacement)`` on that
text: a value replaced, lines inserted after a key or a list item, a key's lines
removed (its comments kept as comment lines). Nothing is ever dumped or re-indented:
every line an edit does not reach stays byte-identical. Inserted lines take the line
ending of the line before them, so LF, CRLF, CR-only and mixed files stay as they were.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from malstyrning.kolada.files import EditError

__all__ = [
    "BOM",
    "Document",
    "EditError",
    "Indent",
    "Node",
    "detect_indent",
    "flow_mapping",
    "scalar",
]

# A key whose value is a nested block (``utfall:``, ``- kön:``), and a line's prefix of
# spaces and list dashes (where its content starts).
_KEY_LINE = re.compile(r"^ *(?:- +)*[^\s#\-\[{][^#]*:[ \t]*(?:#.*)?$")
_PREFIX = re.compile(r"^ *(?:- +)*")
_BLOCK_HEADER = re.compile(r"[|>][1-9]?[+-]?[1-9]?")
_PLAIN_TEXT = re.compile(r"[^\W_][\w .,()%/–-]*", re.UNICODE)
_NOT_TEXT = re.compile(  # plain scalars a YAML reader would not read as text
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+|0[xob][0-9a-f_]+)"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}.*|(?:true|false|null|yes|no|on|off|y|n)", re.I)
BREAKS = "\r\n"
BOM = "\ufeff"


def nfc(text: str) -> str:
    """The NFC form (``å`` typed as ``a`` + ring matches ``å``)."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class Indent:
    """Indentation of a file: mapping, sequence (item content) and dash offset."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def detect_indent(text: str) -> Indent:
    """The indentation a file uses: the first nested mapping and list decide."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    mapping = sequence = offset = None
    for line, child in itertools.pairwise(lines):
        if not _KEY_LINE.match(line):
            continue
        key_column = len(_PREFIX.match(line).group(0))  # type: ignore[union-attr]
        depth = len(child) - len(child.lstrip(" "))
        body = child.lstrip(" ")
        if body.startswith("- ") and depth >= key_column and offset is None:
            offset = depth - key_column
            sequence = offset + len(_PREFIX.match(body).group(0))  # type: ignore[union-attr]
        elif not body.startswith("-") and depth > key_column and mapping is None:
            mapping = depth - key_column
        if mapping is not None and offset is not None:
            break
    default = Indent()
    return Indent(mapping or default.mapping, sequence or default.sequence,
                  default.offset if offset is None else offset)


def scalar(value: Any) -> str:
    """``value`` as a YAML scalar that reads back as exactly that value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if _PLAIN_TEXT.fullmatch(text) and not text.endswith(" ") and not _NOT_TEXT.fullmatch(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_mapping(items: dict[str, Any]) -> str:
    """``{K: 76.0, M: 70.9}``."""
    return "{" + ", ".join(
        f"{scalar(k)}: {flow_mapping(v) if isinstance(v, dict) else scalar(v)}"
        for k, v in items.items()) + "}"


@dataclass(eq=False)
class Node:
    """One node of the document: kind, character span, style, children."""

    kind: str  # "scalar", "map", "seq" or "alias"
    start: int
    end: int
    flow: bool = False
    value: str = ""  # a scalar's text
    style: str | None = None  # a scalar's style: None (plain), ', ", | or >
    anchor: str | None = None
    items: list[Node] = field(default_factory=list)
    pairs: list[tuple[Node, Node]] = field(default_factory=list)

    def key(self, name: str) -> tuple[Node, Node] | None:
        """The (key, value) pair whose key is ``name`` in NFC form (first one)."""
        wanted = nfc(name)
        for key, value in self.pairs:
            if key.kind == "scalar" and nfc(key.value) == wanted:
                return key, value
        return None

    @property
    def empty(self) -> bool:
        """A plain null written as nothing (``värde:``): its span is not reliable."""
        return self.kind == "scalar" and self.style is None and self.value == ""


def parse(text: str) -> Node:
    """The document's node tree with character spans (EditError when it has none)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    stack: list[Node] = []
    pending: dict[int, Node | None] = {}
    roots: list[Node] = []

    def attach(node: Node) -> None:
        if not stack:
            roots.append(node)
            return
        parent = stack[-1]
        if parent.kind == "seq":
            parent.items.append(node)
        elif pending.get(id(parent)) is None:
            pending[id(parent)] = node
        else:
            key = pending.pop(id(parent))
            assert key is not None
            parent.pairs.append((key, node))
            pending[id(parent)] = None

    try:
        for event in yaml.parse(text):
            name = type(event).__name__
            start, end = event.start_mark.index, event.end_mark.index
            anchor = getattr(event, "anchor", None)
            if name == "ScalarEvent":
                attach(Node("scalar", start, end, value=event.value, style=event.style,
                            anchor=anchor))
            elif name == "AliasEvent":
                attach(Node("alias", start, end, anchor=anchor))
            elif name in ("MappingStartEvent", "SequenceStartEvent"):
                node = Node("map" if name.startswith("Mapping") else "seq", start, end,
                            flow=bool(event.flow_style), anchor=anchor)
                attach(node)
                stack.append(node)
                pending[id(node)] = None
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                node = stack.pop()
                node.end = end if node.flow else start
    except Exception as err:
        raise EditError(f"kan inte läsas som YAML ({type(err).__name__})") from None
    if len(roots) != 1:
        raise EditError("innehåller inte exakt ett YAML-dokument")
    return roots[0]


class Document:
    """The text of one file and the edits planned on it.

    ``text`` is the file without byte-order mark, its line endings untouched. Edits are
    collected with :meth:`replace` and :meth:`insert` and applied by :meth:`result`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = parse(text)
        self.edits: list[tuple[int, int, int, str]] = []  # start, end, order, new text
        self._scalars = sorted(
            (n.start, n.end) for n in self._walk(self.root) if n.kind == "scalar")
        self._starts = [s for s, _ in self._scalars]

    @staticmethod
    def _walk(node: Node) -> list[Node]:
        out, stack = [], [node]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(current.items)
            for key, value in current.pairs:
                stack.extend((key, value))
        return out

    # --- positions --------------------------------------------------------------

    def line_start(self, pos: int) -> int:
        return max(self.text.rfind("\n", 0, pos), self.text.rfind("\r", 0, pos)) + 1

    def line_end(self, pos: int) -> int:
        """The index just after the line break of the line ``pos`` is on."""
        text = self.text
        i = pos
        while i < len(text) and text[i] not in BREAKS:
            i += 1
        if text.startswith("\r\n", i):
            return i + 2
        return min(i + 1, len(text))

    def newline_at(self, pos: int) -> str:
        """The line break ending the line ``pos`` is on (the file's first one at EOF)."""
        end = self.line_end(pos)
        tail = self.text[self.line_start(pos):end]
        if tail.endswith("\r\n"):
            return "\r\n"
        if tail.endswith(("\n", "\r")):
            return tail[-1]
        match = re.search(r"\r\n|\r|\n", self.text)
        return match.group(0) if match else "\n"

    def break_before(self, pos: int) -> str:
        """The line break just before ``pos`` (a line start), else the line's own."""
        before = self.text[max(pos - 2, 0):pos]
        if before.endswith("\r\n"):
            return "\r\n"
        if before.endswith(("\n", "\r")):
            return before[-1]
        return self.newline_at(pos)

    def column(self, pos: int) -> int:
        return pos - self.line_start(pos)

    def content_end(self, node: Node) -> int:
        """Where the node's own text ends (block collections: their last child's)."""
        if node.kind == "scalar" and node.style in ("|", ">"):
            text = self.text[node.start:node.end]
            return node.start + len(text.rstrip(" \t\r\n"))
        if node.kind in ("map", "seq") and not node.flow:
            return max((end for _, end in self._child_ends(node)), default=node.start)
        return node.end

    def _child_ends(self, node: Node) -> list[tuple[Node, int]]:
        """Each child with where its text ends; an empty value ends with its key (the
        parser places an empty value at the next token, which may be far below)."""
        out: list[tuple[Node, int]] = []
        for key, value in node.pairs:
            out.append((key, key.end))
            if not value.empty:
                out.append((value, self.content_end(value)))
        for item in node.items:
            out.append((item, item.start if item.empty else self.content_end(item)))
        return out

    def after(self, node: Node) -> int:
        """Where a line inserted after ``node`` goes: the start of the following line.

        A block scalar that keeps its trailing blank lines (``|+``) owns them, so the
        insertion goes after them.
        """
        if node.kind == "scalar" and node.style in ("|", ">"):
            header = _BLOCK_HEADER.match(self.text, node.start)
            if header and "+" in header.group(0):
                return node.end if self.column(node.end) == 0 else self.line_end(node.end)
        if node.kind in ("map", "seq") and not node.flow:
            children = self._child_ends(node)
            if children:
                last, end = max(children, key=lambda pair: pair[1])
                if last.empty or (last.kind == "scalar" and end == last.end
                                  and any(k is last for k, _ in node.pairs)):
                    return self.line_end(max(end - 1, node.start))
                return self.after(last)
        if node.empty:
            return self.line_end(node.start)
        return self.line_end(max(self.content_end(node) - 1, node.start))

    def in_scalar(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._scalars[i][0] <= pos < self._scalars[i][1]

    def comment(self, start: int, stop: int) -> str | None:
        """The comment (``# …`` without line break) in text[start:stop], if any."""
        for i in range(start, stop):
            if self.text[i] in BREAKS:
                return None
            if (self.text[i] == "#" and (i == start or self.text[i - 1] in " \t")
                    and not self.in_scalar(i)):
                end = i
                while end < len(self.text) and self.text[end] not in BREAKS:
                    end += 1
                return self.text[i:end].rstrip(" \t")
        return None

    def only_blanks(self, start: int, stop: int) -> bool:
        return not self.text[start:stop].strip(" \t")

    # --- edits ------------------------------------------------------------------

    def replace(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, len(self.edits), new))

    def insert(self, pos: int, new: str) -> None:
        self.replace(pos, pos, new)

    def insert_lines(self, pos: int, lines: list[str], newline: str | None = None) -> None:
        """Whole lines at ``pos`` (a line start, or the end of the file)."""
        if not lines:
            return
        nl = newline or self.break_before(pos)
        if pos >= len(self.text) and self.text and self.text[-1] not in BREAKS:
            if any(n.kind == "scalar" and n.style in ("|", ">") and n.end >= len(self.text)
                   for n in self._walk(self.root)):
                # a line after it would give the text value a line break it lacks
                raise EditError("filen slutar med en flerradig text (`|` eller `>`) utan "
                                "radbrytning efter sista raden; avsluta filen med en "
                                "radbrytning och kör igen")
            self.insert(pos, nl + nl.join(lines))  # the file ends without a line break
        else:
            self.insert(pos, "".join(line + nl for line in lines))

    def replace_value(self, key: Node, value: Node, new: str) -> None:
        """Put ``new`` where ``value`` is written (after ``key:`` for an empty value)."""
        if value.kind == "alias" or value.anchor is not None:
            raise EditError("ett värde med YAML-ankare eller alias (&namn, *namn) kan inte "
                            "ändras säkert")
        if value.empty:
            colon = self._colon(key)
            self.insert(colon + 1, " " + new)
            return
        if value.kind != "scalar" and not value.flow:
            raise EditError("ett värde som är en lista eller mappning i blockform kan inte "
                            "ersättas")
        self.replace(value.start, self.content_end(value), new)

    def _colon(self, key: Node) -> int:
        i = key.end
        while i < len(self.text) and self.text[i] in " \t":
            i += 1
        if i >= len(self.text) or self.text[i] != ":":
            raise EditError("kolonet efter en nyckel hittades inte")
        return i

    def remove_pair(self, owner: Node, key: Node, value: Node) -> None:
        """Remove ``key: value`` from ``owner``; its comments stay as comment lines."""
        if owner.flow:
            self._remove_flow_pair(owner, key, value)
            return
        start = self.line_start(key.start)
        if not self.only_blanks(start, key.start):
            raise EditError("en nyckel som står på samma rad som listans streck kan inte "
                            "tas bort säkert")
        end = self.after(value) if not value.empty else self.line_end(key.end)
        indent = " " * (key.start - start)
        kept: list[str] = []
        pos = start
        while pos < end:
            line_stop = self.line_end(pos)
            comment = self.comment(pos, line_stop)
            if comment is not None:
                kept.append(indent + comment + self.newline_at(pos))
            pos = line_stop
        self.replace(start, end, "".join(kept))

    def _remove_flow_pair(self, owner: Node, key: Node, value: Node) -> None:
        index = next(i for i, (k, _) in enumerate(owner.pairs) if k is key)
        stop = value.end if not value.empty else self._colon(key) + 1
        if index > 0:
            start = owner.pairs[index - 1][1].end
        elif len(owner.pairs) > 1:
            start, stop = key.start, owner.pairs[1][0].start
        else:
            start, stop = owner.start + 1, owner.end - 1
        if any(self.text[i] == "#" and not self.in_scalar(i) for i in range(start, stop)):
            raise EditError("en kommentar står mitt i mappningen som skulle ändras")
        self.replace(start, stop, "")

    def result(self) -> str:
        """The text with every edit applied (EditError if two edits overlap)."""
        out: list[str] = []
        pos = 0
        for start, end, _, new in sorted(self.edits):
            if start < pos:
                raise EditError("två ändringar i filen överlappar")
            out.append(self.text[pos:start])
            out.append(new)
            pos = end
        out.append(self.text[pos:])
        return "".join(out)
