"""Command-line usage errors in Swedish.

The option parser (click, inside typer) phrases its errors in English; planners get
them in Swedish, with a pointer to the command's help. Patterns that are not known
are shown as they are rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def _maybe(text: str, value: str) -> str:
    return text.format(value) if value else ""


# (pattern, function of the match's groups → Swedish text)
_PATTERNS: list[tuple[re.Pattern[str], Callable[..., str]]] = [
    (re.compile(r"^No such option:? '?([^'\s]+?)'?\.?(?: \(Possible options: (.+)\))?$"),
     lambda name, close: f"okänd flagga {name}" + _maybe(" — menade du {}?", close)),
    (re.compile(r"^No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?$"),
     lambda name, close: f"okänt kommando '{name}'" + _maybe(" — menade du '{}'?", close)),
    (re.compile(r"^Invalid value for (.+?): '(.*?)' is not one of (.+)\.$"),
     lambda where, value, allowed: f"ogiltigt värde för {where}: '{value}' är inte något "
     f"av {allowed}."),
    (re.compile(r"^Invalid value for (.+?): (.+)$"),
     lambda where, why: f"ogiltigt värde för {where}: {why}"),
    (re.compile(r"^Missing argument '(.+?)'\.?$"), lambda name: f"argumentet {name} saknas."),
    (re.compile(r"^Missing option '(.+?)'\.?$"), lambda name: f"flaggan {name} saknas."),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$"),
     lambda args: f"oväntade argument ({args})."),
    (re.compile(r"^Option '(.+?)' requires (?:an argument|\d+ arguments)\.$"),
     lambda name: f"flaggan {name} behöver ett värde."),
    (re.compile(r"^Option '(.+?)' does not take a value\.$"),
     lambda name: f"flaggan {name} tar inget värde."),
]


def translate(message: str) -> str:
    """The Swedish form of one of click's usage messages (unknown ones unchanged)."""
    text = message.strip()
    for pattern, swedish in _PATTERNS:
        match = pattern.match(text)
        if match:
            return swedish(*(g or "" for g in match.groups()))
    return text


def is_usage_error(err: BaseException) -> bool:
    return any(cls.__name__ == "UsageError" for cls in type(err).__mro__)


def describe(err: Any) -> str:
    """Lines to print for a usage error: what is wrong, and where the help is."""
    ctx = getattr(err, "ctx", None)
    command = getattr(ctx, "command_path", "") or "malstyrning"
    if type(err).__name__ == "NoArgsIsHelpError":
        return str(err.format_message()).rstrip()
    return (f"{command}: fel i kommandoraden: {translate(str(err.format_message()))}\n"
            f"Se `{command} --help`.")
