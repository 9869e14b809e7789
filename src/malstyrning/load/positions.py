"""Where is ``$.nämndmål[2].bidrar_till[0]``? Line and column from ruamel.yaml's nodes.

Only files that have findings are composed here, so the fast reader never needs to
track positions.
"""

from __future__ import annotations

from typing import Any

from malstyrning.findings import JsonPath
from malstyrning.load import yamlio


class Locator:
    """Answers position questions about one file's text (composed lazily, once)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Any = None
        self._composed = False

    @property
    def composed(self) -> bool:
        """Whether the text has been composed (a position was asked for)."""
        return self._composed

    def _node(self) -> Any:
        if not self._composed:
            self._composed = True
            try:
                docs = [d for d in yamlio.slow_load_all(self._text) if d is not None]
                self._root = docs[0] if docs else None
            except Exception:  # an unreadable file has its own finding already
                self._root = None
        return self._root

    def _walk(self, path: JsonPath, at_key: bool) -> Any:
        node = self._node()
        if node is None:
            return None
        for i, part in enumerate(path):
            last = i == len(path) - 1
            value = node.value
            if isinstance(part, int) and isinstance(value, list) and node.tag.endswith(":seq"):
                if 0 <= part < len(value):
                    node = value[part]
                    continue
                return node
            if isinstance(value, list) and node.tag.endswith(":map"):
                for key_node, value_node in value:
                    if str(key_node.value) == str(part):
                        empty = value_node.start_mark.index == value_node.end_mark.index
                        # an empty value (`period:`) sits at its key, not on the next line
                        node = key_node if (last and (at_key or empty)) else value_node
                        break
                else:
                    return node
                continue
            return node
        return node

    def position(self, path: JsonPath, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value (or key) at ``path``; nearest parent if missing."""
        node = self._walk(path, at_key)
        if node is None:
            return (1, 1)
        mark = node.start_mark
        return (mark.line + 1, mark.column + 1)

    def source(self, path: JsonPath) -> str:
        """The text of the scalar at ``path`` exactly as written (``1.10``, not 1.1)."""
        node = self._walk(path, False)
        if node is None:
            return ""
        return self._text[node.start_mark.index:node.end_mark.index].strip()
