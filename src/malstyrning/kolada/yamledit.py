"""Edit a YAML file in place so that every line the edit does not touch stays byte-identical.

ruamel.yaml in round-trip mode makes the edit and keeps the comments, but on its way
out it normalises a few things (``~`` becomes ``null``, extra spaces after a colon
go, a comment that ended the previous list item stays in front of an appended one).
So the dumped text is compared line by line with the original: changes outside the
lines the caller touched are put back as they were, and appended lines are moved up
past the blank and comment lines that belong to what follows. The result is read again
and must hold exactly the data ruamel.yaml wrote; if it does not, ruamel.yaml's own
text is used. Files are written atomically (temporary file, then ``os.replace``) with
the original newlines and byte-order mark.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import tempfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from malstyrning.load import reader

BOM = "\ufeff"
WIDTH = 4096  # never re-wrap long lines

# A key whose value is a nested block (``utfall:``, ``- kön:``), and a line's prefix of
# spaces and list dashes (where its content starts).
_KEY_LINE = re.compile(r"^ *(?:- +)*[^\s#\-\[{][^#]*:[ \t]*(?:#.*)?$")
_PREFIX = re.compile(r"^ *(?:- +)*")
_BLANKS = re.compile(r"\s+")
_NULL_VALUE = re.compile(r":(?:~|null|Null|NULL)(?=#|$)")


class EditError(Exception):
    """A file cannot be edited safely; the message is Swedish."""


@dataclass(frozen=True, slots=True)
class Indent:
    """ruamel.yaml's indentation: mapping, sequence (item content) and dash offset."""

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


def _represent_none(representer: Any, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def round_trip(indent: Indent = Indent()) -> YAML:
    """A round-trip ruamel.yaml configured like the plan files (YAML 1.2, long lines)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


@dataclass
class Editable:
    """One YAML file opened for a round-trip edit.

    ``data`` is the ruamel.yaml tree to change; mark the original lines a change
    rewrites with :meth:`touch` (0-based, end exclusive). Appended lines need no mark.
    """

    path: Path
    original: str  # without BOM, newlines as "\n"
    data: CommentedMap
    indent: Indent
    newline: str = "\n"
    bom: bool = False
    exists: bool = True
    header: str = ""  # comment lines for a new file
    touched: list[tuple[int, int]] = field(default_factory=list)
    # set by render(): True when untouched lines could not all be kept as they were
    reformatted: bool = False

    def touch(self, start: int, end: int) -> None:
        self.touched.append((start, max(end, start + 1)))

    def render(self) -> bytes:
        """The edited file's bytes, untouched lines as they were."""
        dumped = self._dump()
        text = dumped if not self.exists else self._preserve(dumped)
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ((BOM if self.bom else "") + text).encode("utf-8")

    def _dump(self) -> str:
        out = io.StringIO()
        round_trip(self.indent).dump(self.data, out)
        return self.header + out.getvalue()

    def _preserve(self, dumped: str) -> str:
        expected = _plain(dumped, self.path)
        if expected is None:
            raise EditError(f"{self.path}: ändringen gav en fil som inte går att läsa; "
                            "inget har skrivits. Rapportera gärna felet.")
        no_newline_at_end = bool(self.original) and not self.original.endswith("\n")
        for shift in (True, False):
            merged = splice(self.original, dumped, self.touched, shift_inserts=shift)
            last = self.original.rsplit("\n", 1)[-1]
            candidates = [merged]
            if no_newline_at_end and merged.endswith("\n" + last + "\n"):
                candidates.insert(0, merged[:-1])  # the original ended without a newline
            for candidate in candidates:
                if _plain(candidate, self.path) == expected:
                    return candidate
        self.reformatted = True
        return dumped


def open_editable(path: Path) -> Editable:
    """Open an existing file (UTF-8, one mapping) for a round-trip edit."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(f"{path} är inte sparad som UTF-8; spara om den som UTF-8 först.") \
            from None
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    indent = detect_indent(text)
    try:
        data = round_trip(indent).load(text)
    except Exception as err:
        raise EditError(f"{path} kan inte läsas som YAML ({type(err).__name__}); kör "
                        "`malstyrning validate` och rätta filen först.") from None
    if not isinstance(data, CommentedMap):
        raise EditError(f"{path} är inte en YAML-mappning; rätta filen först.")
    return Editable(path, text, data, indent, newline, bom)


def new_editable(path: Path, data: CommentedMap, header: str = "") -> Editable:
    """A file to be created with ``data`` (plan-file indentation), after ``header``."""
    return Editable(path, "", data, Indent(), exists=False, header=header)


def block_seq() -> CommentedSeq:
    """An empty list that ruamel.yaml writes in block style."""
    seq = CommentedSeq()
    seq.fa.set_block_style()
    return seq


def flow_map(items: dict[str, Any]) -> CommentedMap:
    """A mapping written on one line: ``{K: 76.0, M: 70.9}``."""
    mapping = CommentedMap(items)
    mapping.fa.set_flow_style()
    return mapping


def _key(line: str) -> str:
    """A line as ruamel.yaml might rewrite it: no blanks, ``~``/``null`` alike."""
    return _NULL_VALUE.sub(":", _BLANKS.sub("", line))


def splice(original: str, dumped: str, touched: list[tuple[int, int]], *,
           shift_inserts: bool = True) -> str:
    """``dumped``, with every change outside ``touched`` lines reverted to ``original``.

    Lines are matched ignoring blanks and the spelling of null, so a line ruamel.yaml
    only re-spaced is taken from the original. Pure insertions are kept; with
    ``shift_inserts`` each is moved up past the blank lines and outer comment lines
    just before it, which ruamel.yaml attaches to the previous item but which
    introduce what follows.
    """
    old = original.splitlines(keepends=True)
    new = dumped.splitlines(keepends=True)
    if old and not old[-1].endswith("\n"):
        old[-1] += "\n"

    def is_touched(i: int) -> bool:
        return any(start <= i < end for start, end in touched)

    out: list[str] = []
    matcher = SequenceMatcher(None, [_key(x) for x in old], [_key(x) for x in new],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(old[i1:i2])
        elif i1 == i2:
            if shift_inserts:
                _insert_before_trailing_comments(out, new[j1:j2])
            else:
                out.extend(new[j1:j2])
        elif i2 - i1 == j2 - j1:
            out.extend(new[j1 + k] if is_touched(i1 + k) else old[i1 + k]
                       for k in range(i2 - i1))
        elif any(is_touched(i) for i in range(i1, i2)):
            out.extend(new[j1:j2])
        else:
            out.extend(old[i1:i2])
    return "".join(out)


def _insert_before_trailing_comments(out: list[str], inserted: list[str]) -> None:
    first = next((ln for ln in inserted if ln.strip()), "")
    depth = len(first) - len(first.lstrip(" "))
    moved: list[str] = []
    while out:
        line = out[-1]
        body = line.lstrip(" ")
        if not body.strip() or (body.startswith("#") and len(line) - len(body) <= depth):
            moved.append(out.pop())
            continue
        break
    out.extend(inserted)
    out.extend(reversed(moved))


def _plain(text: str, path: Path) -> Any:
    """The data a text holds as malstyrning reads it (None if it cannot be read)."""
    return reader.read(path.name, text.encode("utf-8")).data


def _default_mode() -> int:
    """What a newly created file would get (0o666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (temporary file, fsync, os.replace).

    An existing file keeps its permissions; a new one gets the usual ones.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
