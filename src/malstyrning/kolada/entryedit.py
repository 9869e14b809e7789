"""A follow-up file's ``utfall`` entries filled and appended as text, then checked.

:class:`Followup` holds one file: its text (through :class:`~yamledit.Document`), the
data malstyrning reads from it, and the data it must hold after the edits. ``fill``
changes an existing entry key by key (a value replaced, a key added after its
neighbours, a key removed with its comments kept); ``append`` adds entries after the
last one in the list's own style and indentation. :meth:`Followup.render` applies the
edits and reads the result back: unless it holds exactly the old data plus the new
values, nothing is written (EditError). Keys are compared in NFC form, so ``år``
typed as ``a`` + combining ring is the same key as ``år``.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

from malstyrning.kolada.files import EditError
from malstyrning.kolada.yamledit import (
    BOM,
    Document,
    Indent,
    Node,
    detect_indent,
    flow_mapping,
    nfc,
    scalar,
)
from malstyrning.load import reader

# The order of an entry's keys; a new key goes after the last earlier one present.
ORDER = ("indikator", "år", "datum", "värde", "saknas", "källa", "kön")
GENDERS = ("K", "M")
# utfall goes before the follow-up's other sections when a file has none yet: the
# assessments, and any list (the status lists of the model's activity levels, whose keys
# the steering model names)
LATER_SECTIONS = ("bedömningar",)

DELETE = object()  # a value in ``changes`` that removes the key


def same_data(a: Any, b: Any) -> bool:
    """Equal data, type for type (1 is not 1.0 or True; NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _entry_text(key: str, value: Any) -> str:
    return flow_mapping(value) if isinstance(value, dict) else scalar(value)


@dataclass
class Followup:
    """One follow-up file being edited (``raw`` None: a file to create)."""

    rel: str
    raw: bytes | None
    data: dict[str, Any]  # what malstyrning reads from the file now
    expected: dict[str, Any]  # what it must read after the edits
    doc: Document | None = None
    bom: bool = False
    header: str = ""
    indent: Indent = field(default_factory=Indent)
    appended: list[dict[str, Any]] = field(default_factory=list)

    @property
    def entries(self) -> list[Any]:
        """The ``utfall`` list as read (empty when absent or not a list)."""
        value = self.data.get("utfall")
        return value if isinstance(value, list) else []

    # --- planning edits ---------------------------------------------------------

    def fill(self, index: int, changes: dict[str, Any]) -> None:
        """Change entry ``index``: each key to its value, or removed (:data:`DELETE`)."""
        entry = self.expected["utfall"][index]
        for key, value in changes.items():
            if value is DELETE:
                entry.pop(key, None)
            elif key == "kön" and isinstance(entry.get(key), dict):
                split = {k: v for k, v in entry[key].items() if k not in GENDERS}
                entry[key] = {**split, **value}
            else:
                entry[key] = value
        if self.doc is None:
            raise EditError("filen finns inte")
        node = self._entry_node(index)
        self._fill_node(node, changes)

    def append(self, entry: dict[str, Any]) -> None:
        """Add a new entry at the end of ``utfall``."""
        if not isinstance(self.expected.get("utfall"), list):
            current = self.expected.get("utfall")
            if current is not None and current != []:
                raise EditError(f"`utfall` i {self.rel} är inte en lista; rätta filen först "
                                "(`malstyrning validate` visar var).")
            self.expected["utfall"] = []
        self.expected["utfall"].append(copy.deepcopy(entry))
        self.appended.append(entry)

    # --- text -------------------------------------------------------------------

    def _entry_node(self, index: int) -> Node:
        assert self.doc is not None
        pair = self.doc.root.key("utfall")
        seq = pair[1] if pair else None
        if seq is None or seq.kind != "seq" or index >= len(seq.items):
            raise EditError("utfallslistan hittades inte i texten")
        item = seq.items[index]
        if item.kind == "alias" or item.anchor is not None:
            raise EditError("utfallet är skrivet med ett YAML-ankare eller alias (&namn, "
                            "*namn); skriv ut det")
        if item.kind != "map":
            raise EditError("utfallet är inte en mappning")
        return item

    def _fill_node(self, item: Node, changes: dict[str, Any]) -> None:
        doc = self.doc
        assert doc is not None
        removed: set[int] = set()
        for key in ORDER:
            if changes.get(key) is DELETE and (pair := item.key(key)):
                doc.remove_pair(item, *pair)
                removed.add(id(pair[0]))
        new: list[tuple[str, Any]] = []
        for key in ORDER:
            if key not in changes or changes[key] is DELETE:
                continue
            value = changes[key]
            pair = item.key(key)
            if pair is None:
                new.append((key, value))
            elif key == "kön" and pair[1].kind == "map":
                self._fill_split(pair[1], value)
            else:
                doc.replace_value(*pair, _entry_text(key, value))
        self._add_keys(item, new, removed)

    def _add_keys(self, owner: Node, new: list[tuple[str, Any]], removed: set[int],
                  order: tuple[str, ...] = ORDER) -> None:
        """New keys after the last earlier key of ``order`` (else after the last key)."""
        doc = self.doc
        assert doc is not None
        live = [p for p in owner.pairs if id(p[0]) not in removed]
        if not live:
            raise EditError("en mappning utan nycklar kan inte fyllas på")
        groups: dict[int, tuple[tuple[Node, Node], list[str]]] = {}
        for key, value in new:
            earlier = {nfc(k) for k in order[:order.index(key)]} if key in order else set()
            anchors = [p for p in live if p[0].kind == "scalar" and nfc(p[0].value) in earlier]
            anchor = max(anchors or live, key=lambda p: p[0].start)
            groups.setdefault(id(anchor[0]), (anchor, []))[1].append(
                f"{key}: {_entry_text(key, value)}")
        for (key_node, value_node), texts in groups.values():
            if owner.flow:
                if value_node.empty:
                    raise EditError("ett tomt värde i en mappning inom klamrar")
                doc.insert(value_node.end, "".join(", " + t for t in texts))
                continue
            pos = (doc.line_end(key_node.end) if value_node.empty else doc.after(value_node))
            indent = " " * doc.column(key_node.start)
            doc.insert_lines(pos, [indent + t for t in texts])

    def _fill_split(self, split: Node, value: dict[str, Any]) -> None:
        """``kön: {K: …, M: …}`` updated key by key inside the existing mapping."""
        doc = self.doc
        assert doc is not None
        present = {nfc(k.value): (k, v) for k, v in split.pairs if k.kind == "scalar"}
        if split.flow:
            if set(present) & set(GENDERS) == set(value) and all(
                    not present[g][1].empty for g in value):
                for gender, number in value.items():
                    doc.replace_value(*present[gender], scalar(number))
                return
            others = [p for p in split.pairs if nfc(p[0].value) not in GENDERS]
            if others or any(doc.text[i] == "#" and not doc.in_scalar(i)
                             for i in range(split.start, split.end)):
                raise EditError("`kön` har kommentarer eller andra nycklar inom klamrarna")
            doc.replace(split.start, split.end, flow_mapping(value))
            return
        removed: set[int] = set()
        for gender in GENDERS:
            if gender not in value and gender in present:
                doc.remove_pair(split, *present[gender])
                removed.add(id(present[gender][0]))
        new = []
        for gender in GENDERS:
            if gender in value:
                if gender in present:
                    doc.replace_value(*present[gender], scalar(value[gender]))
                else:
                    new.append((gender, value[gender]))
        if new:
            self._add_keys(split, new, set(), GENDERS)

    def _append_text(self) -> None:
        """Put the appended entries into the text, in the style of the list."""
        doc = self.doc
        assert doc is not None
        root = doc.root
        if root.kind != "map" or root.flow:
            raise EditError("filens översta nivå är inte skriven i blockform")
        pair = root.key("utfall")
        if pair is None:
            self._new_list(root)
            return
        key, seq = pair
        if seq.kind == "seq" and seq.items:
            self._extend(seq)
            return
        if not ((seq.kind == "seq" and seq.flow) or (seq.kind == "scalar" and seq.style is None
                                                     and nfc(seq.value) in ("", "~", "null",
                                                                            "Null", "NULL"))):
            raise EditError("`utfall` är inte en lista")
        if seq.anchor is not None:
            raise EditError("`utfall` har ett YAML-ankare")
        column = doc.column(key.start)
        if seq.empty:
            pos = doc.line_end(key.end)
        else:
            colon = key.end
            rest_start, rest_end = seq.end, doc.line_end(seq.end - 1)
            tail = doc.text[rest_start:rest_end].rstrip("\r\n")
            colon = doc.text.index(":", key.end)
            if not tail.strip(" \t"):  # nothing after the value: remove it and its blanks
                doc.replace(colon + 1, rest_start + len(tail), "")
            else:  # `utfall: []  # comment` → `utfall:  # comment`
                doc.replace(colon + 1, seq.end, "")
            pos = rest_end
        dash = column + self.indent.offset
        lines = [ln for e in self.appended
                 for ln in _block_entry(e, dash, column + self.indent.sequence)]
        doc.insert_lines(pos, lines, doc.newline_at(key.start))

    def _new_list(self, root: Node) -> None:
        doc = self.doc
        assert doc is not None
        if not root.pairs:
            raise EditError("filen har inga nycklar")
        column = doc.column(root.pairs[0][0].start)
        later = [i for i, (k, v) in enumerate(root.pairs)
                 if k.kind == "scalar" and (nfc(k.value) in LATER_SECTIONS or v.kind == "seq")]
        if later and later[0] == 0:
            pos = doc.line_start(root.pairs[0][0].start)
        else:
            key, value = root.pairs[(later[0] if later else len(root.pairs)) - 1]
            pos = doc.line_end(key.end) if value.empty else doc.after(value)
        dash = column + self.indent.offset
        lines = [" " * column + "utfall:"] + [
            ln for e in self.appended for ln in _block_entry(e, dash,
                                                             column + self.indent.sequence)]
        doc.insert_lines(pos, lines)

    def _extend(self, seq: Node) -> None:
        doc = self.doc
        assert doc is not None
        last = seq.items[-1]
        if seq.flow:
            doc.insert(last.end, "".join(", " + flow_mapping(e) for e in self.appended))
            return
        dash = doc.column(seq.start)
        if last.kind == "map" and last.flow:
            lines = [" " * dash + "- " + flow_mapping(e) for e in self.appended]
        else:
            key_column = (doc.column(last.start) if last.kind == "map"
                          and doc.column(last.start) > dash else dash + 2)
            lines = [ln for e in self.appended for ln in _block_entry(e, dash, key_column)]
        pos = doc.after(last)
        while pos < len(doc.text):  # comment lines indented under the item belong to it
            stop = doc.line_end(pos)
            line = doc.text[pos:stop]
            body = line.lstrip(" ")
            if not body.startswith("#") or len(line) - len(body) <= dash:
                break
            pos = stop
        doc.insert_lines(pos, lines)

    def render(self) -> bytes:
        """The new file's bytes; EditError unless it reads back as ``expected``."""
        if self.doc is None:
            text = self.header + _new_file_text(self.expected, self.indent)
        else:
            if self.appended:
                self._append_text()
            text = self.doc.result()
        raw = ((BOM if self.bom else "") + text).encode("utf-8")
        reread = reader.read(self.rel, raw).data
        if reread is None or not same_data(reread, self.expected):
            raise EditError("ändringen skulle ha ändrat något mer i filen än de nya värdena")
        return raw


def _block_entry(entry: dict[str, Any], dash: int, key_column: int) -> list[str]:
    items = [f"{k}: {_entry_text(k, v)}" for k, v in entry.items()]
    gap = max(key_column - dash - 1, 1)
    return ([" " * dash + "-" + " " * gap + items[0]]
            + [" " * (dash + 1 + gap) + item for item in items[1:]])


def _new_file_text(data: dict[str, Any], indent: Indent) -> str:
    lines: list[str] = []
    for key, value in data.items():
        if key == "utfall":
            lines.append("utfall:")
            for entry in value:
                lines.extend(_block_entry(entry, indent.offset, indent.sequence))
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "".join(line + "\n" for line in lines)


def open_followup(rel: str, raw: bytes) -> Followup:
    """An existing follow-up file, ready for :meth:`Followup.fill` and ``append``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(f"{rel} är inte sparad som UTF-8; spara om den som UTF-8 först.") \
            from None
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    data = reader.read(rel, raw).data
    if not isinstance(data, dict):
        raise EditError(f"{rel} kan inte läsas; kör `malstyrning validate` och rätta filen "
                        "först.")
    try:
        doc = Document(text)
    except EditError as err:
        raise EditError(f"{rel} {err}; kör `malstyrning validate` och rätta filen först.") \
            from None
    return Followup(rel, raw, data, copy.deepcopy(data), doc, bom,
                    indent=detect_indent(text.replace("\r\n", "\n").replace("\r", "\n")))


def new_followup(rel: str, data: dict[str, Any], header: str = "") -> Followup:
    """A follow-up file to create with ``data`` (``utfall`` is added by ``append``)."""
    return Followup(rel, None, {}, dict(data), header=header)
