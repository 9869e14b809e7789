"""Findings: what every check yields and every output format prints."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

JsonPath = tuple[str | int, ...]

# Where a message names another place in its file (``see``), the pipeline writes that
# place's line number here: "… har redan ett utfall för 2027 på rad {rad}."
SEE_LINE = "{rad}"


class Severity(IntEnum):
    """How serious a finding is; the order matters for ``--fail-level``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def swedish(self) -> str:
        return _SWEDISH[self]

    @classmethod
    def parse(cls, word: str) -> Severity:
        """Read a Swedish (or English) severity word, as in ``malstyrning.yaml``."""
        try:
            return _BY_WORD[word.strip().lower()]
        except KeyError:
            raise ValueError(word) from None


_SWEDISH = {Severity.INFO: "info", Severity.WARNING: "varning", Severity.ERROR: "fel"}
_BY_WORD = {
    "info": Severity.INFO,
    "varning": Severity.WARNING,
    "warning": Severity.WARNING,
    "fel": Severity.ERROR,
    "error": Severity.ERROR,
}


def format_path(path: JsonPath) -> str:
    """``("nämndmål", 2, "id")`` → ``$.nämndmål[2].id``."""
    out = ["$"]
    for part in path:
        out.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, with everything a reader needs to find and fix it.

    ``line`` and ``column`` are 1-based; 0 means "not yet located" (the pipeline
    fills them from ``path``). ``at_key`` points at the key of ``path`` rather than
    its value (unknown keys). ``node`` is the id the finding is about, from which
    the pipeline derives ``chain`` (``VISION > I2 > UBN-E1``).
    """

    code: str
    file: str
    message: str
    hint: str = ""
    path: JsonPath = ()
    line: int = 0
    column: int = 0
    at_key: bool = False
    node: str = ""
    chain: str = ""
    severity: Severity = Severity.ERROR
    see: JsonPath | None = None

    def located(self, position: tuple[int, int],
                see_line: int | None = None) -> Finding:
        """The finding at ``position``, with the line of ``see`` written into the message."""
        if self.see is None:
            return replace(self, line=position[0], column=position[1])
        message = self.message.replace(SEE_LINE, str(see_line or 1))
        return replace(self, line=position[0], column=position[1], message=message, see=None)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.column, self.code, self.message)

    def with_(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    def to_record(self) -> tuple[Any, ...]:
        """A plain tuple for the cache (marshal-able)."""
        return (
            self.code, self.file, self.message, self.hint, self.path, self.line,
            self.column, self.at_key, self.node, self.chain, int(self.severity),
        )

    @classmethod
    def from_record(cls, rec: tuple[Any, ...]) -> Finding:
        (code, file, message, hint, path, line, column, at_key, node, chain, sev) = rec
        return cls(code, file, message, hint, tuple(path), line, column, at_key, node,
                   chain, Severity(sev))

    def to_json(self) -> dict[str, Any]:
        return {
            "kod": self.code,
            "allvarlighet": self.severity.swedish,
            "fil": self.file,
            "rad": self.line,
            "kolumn": self.column,
            "sökväg": format_path(self.path),
            "kedja": self.chain,
            "id": self.node,
            "meddelande": self.message,
            "tips": self.hint,
        }
