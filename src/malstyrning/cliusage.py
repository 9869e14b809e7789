"""The command line's own texts in Swedish: help pages and usage errors.

The option parser (click, vendored inside typer) writes its chrome — ``Usage:``,
``Options:``, ``[default: …]``, ``Show this message and exit.`` — and its usage errors
in English. Planners get all of it in Swedish:

- :func:`localize` walks the command tree that typer builds and gives every command a
  help formatter that writes Swedish headings and usage lines, Swedish metavars for
  parameters that name none, and Swedish texts for typer's own help phrases;
- :func:`translate` turns each known usage error into Swedish.

Texts that are not known are shown as they are rather than guessed at; the tests
(``tests/test_cliusage.py``) walk every help page and a set of usage errors and fail
on any English chrome word, so an upgrade of typer or click that changes a text
cannot bring English back unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# --- help pages ---------------------------------------------------------------------

# Exact phrases of click's and typer's help pages, and typer's gettext message ids.
PHRASES: dict[str, str] = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Arguments": "Argument",
    "Commands": "Kommandon",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Install completion for the current shell.":
        "Installera kompletteringar för skalet du använder.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "Visa kompletteringsskriptet för skalet du använder, för att kopiera det eller "
        "installera det på eget sätt.",
    "default: {default}": "standard: {default}",
    "required": "krävs",
    "env var: {var}": "miljövariabel: {var}",
    "(dynamic)": "(beräknas)",
    "Aborted!": "Avbrutet!",
    # typer's rich help (not used: rich_markup_mode=None), kept so that it is Swedish
    # too should it ever be switched on
    "(deprecated) ": "(utgår) ",
    "[default: {}]": "[standard: {}]",
    "[env var: {}]": "[miljövariabel: {}]",
    "[required]": "[krävs]",
    "Error": "Fel",
    "Aborted.": "Avbrutet.",
    "Try [blue]'{command_path} {help_option}'[/] for help.":
        "Se [blue]'{command_path} {help_option}'[/].",
}

USAGE_PIECES = {"[OPTIONS]": "[FLAGGOR]", "COMMAND [ARGS]...": "KOMMANDO [ARGUMENT]..."}

# Metavar by parameter type, for parameters that name none (click would write
# ``<str>``, ``<integer>``, ``<path>``).
METAVARS = {
    "str": "TEXT",
    "text": "TEXT",
    "integer": "HELTAL",
    "integer range": "HELTAL",
    "int": "HELTAL",
    "int range": "HELTAL",
    "float": "TAL",
    "float range": "TAL",
    "path": "SÖKVÄG",
    "file": "SÖKVÄG",
    "directory": "MAPP",
    "filename": "FIL",
    "boolean": "JA|NEJ",
    "datetime": "DATUM",
    "uuid": "UUID",
}


def phrase(text: str) -> str:
    """The Swedish form of one of click's or typer's help phrases (others unchanged)."""
    return PHRASES.get(text, text)


def _usage_args(args: str) -> str:
    for english, swedish in USAGE_PIECES.items():
        args = args.replace(english, swedish)
    return args


def _make_formatter_class(base: type[Any]) -> type[Any]:
    class SwedishHelpFormatter(base):  # type: ignore[misc, valid-type]
        """click's help formatter, writing Swedish chrome."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, _usage_args(args),
                                phrase("Usage:") + " " if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            super().write_heading(phrase(heading))

        def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any,
                     ) -> None:
            super().write_dl([(term, phrase(text)) for term, text in rows], *args, **kwargs)

    return SwedishHelpFormatter


def _type_name(param: Any) -> str:
    name = str(getattr(param.type, "name", "") or "").strip("<>").lower()
    if name == "path" and getattr(param.type, "dir_okay", True) and not getattr(
            param.type, "file_okay", True):
        return "directory"
    return name


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def localize(root: Any) -> Any:
    """Give every command under ``root`` (a click command built by typer) Swedish chrome.

    Also makes typer's own gettext lookups Swedish. Returns ``root``.
    """
    import typer.core

    setattr(typer.core, "_", phrase)  # noqa: B010 - typer's module-level gettext alias
    formatter = _make_formatter_class(root.context_class.formatter_class)
    context = type("SwedishContext", (root.context_class,), {"formatter_class": formatter})
    for command in _commands(root):
        command.context_class = context
        if getattr(command, "options_metavar", None) == "[OPTIONS]":
            command.options_metavar = USAGE_PIECES["[OPTIONS]"]
        if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            command.subcommand_metavar = USAGE_PIECES["COMMAND [ARGS]..."]
        for param in command.params:
            if param.metavar is None and not getattr(param, "is_flag", False):
                metavar = METAVARS.get(_type_name(param))
                if metavar is not None:
                    param.metavar = metavar
    return root


# --- usage errors ---------------------------------------------------------------------


def _maybe(text: str, value: str) -> str:
    return text.format(value) if value else ""


class _Pattern:
    """A pattern compiled when first used: usage errors are rare, and compiling these
    at every start would cost more than building the command a run needs."""

    __slots__ = ("flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags = source, flags

    def match(self, text: str) -> re.Match[str] | None:
        return re.match(self.source, text, self.flags)  # re keeps the compiled pattern


_KINDS = {"integer": "heltal", "int": "heltal", "integer range": "heltal",
          "int range": "heltal", "float": "decimaltal", "float range": "decimaltal",
          "boolean": "sanningsvärde", "UUID": "UUID"}
_PATH_KINDS = {"File": "filen", "Directory": "mappen", "Path": "sökvägen"}

# What is wrong with a value (the part after "Invalid value for X: ").
_VALUE_PATTERNS: list[tuple[_Pattern, Callable[..., str]]] = [
    (_Pattern(r"^(.*) is not one of (.+)\.$", re.S),
     lambda value, allowed: f"{value} är inte något av {allowed}."),
    (_Pattern(r"^(.*) is not in the range (.+)\.$", re.S),
     lambda value, span: f"{value} ligger utanför det tillåtna intervallet {span}."),
    (_Pattern(r"^(.*) is not a valid (" + "|".join(sorted(_KINDS, key=len, reverse=True))
                + r")\.(?: Recognized values: (.+))?$", re.S),
     lambda value, kind, known: f"{value} är inget giltigt {_KINDS[kind]}."
     + _maybe(" Tillåtna värden: {}.", known)),
    (_Pattern(r"^(File|Directory|Path) (.*) does not exist\.$", re.S),
     lambda kind, where: f"{_PATH_KINDS[kind]} {where} finns inte."),
    (_Pattern(r"^(File|Directory|Path) (.*) is a file\.$", re.S),
     lambda kind, where: f"{where} är en fil; ange en mapp."),
    (_Pattern(r"^(File|Directory|Path) (.*) is a directory\.$", re.S),
     lambda kind, where: f"{where} är en mapp; ange en fil."),
    (_Pattern(r"^(File|Directory|Path) (.*) is not readable\.$", re.S),
     lambda kind, where: f"{_PATH_KINDS[kind]} {where} går inte att läsa."),
    (_Pattern(r"^(File|Directory|Path) (.*) is not writable\.$", re.S),
     lambda kind, where: f"{_PATH_KINDS[kind]} {where} går inte att skriva till."),
    (_Pattern(r"^(.*) does not match the formats (.+)\.$", re.S),
     lambda value, formats: f"{value} följer inte något av formaten {formats}."),
    (_Pattern(r"^(\d+) values are required, but (\d+) given\.$"),
     lambda wanted, given: f"{wanted} värden krävs, men {given} angavs."),
]


def _value_problem(text: str) -> str:
    for pattern, swedish in _VALUE_PATTERNS:
        match = pattern.match(text)
        if match:
            return swedish(*(g or "" for g in match.groups()))
    return text


def _missing(kind: str, name: str, extra: str) -> str:
    what = {"argument": "argumentet", "option": "flaggan"}.get(kind, "värdet")
    name = name.strip("'")
    out = f"{what}{' ' + name if name else ''} saknas."
    choose = re.match(r"^\s*Choose from:\s*(.+)$", extra, re.S)
    if choose:
        out += " Välj bland: " + ", ".join(c.strip() for c in choose.group(1).split(",")) + "."
    return out


# (pattern, function of the match's groups → Swedish text)
_PATTERNS: list[tuple[_Pattern, Callable[..., str]]] = [
    (_Pattern(r"^No such option:? '?([^'\s]+?)'?\.?(?: \(Possible options: (.+)\))?$"),
     lambda name, close: f"okänd flagga {name}" + _maybe(" — menade du {}?", close)),
    (_Pattern(r"^No such command '(.+?)'\.(?: Did you mean (.+?)\?)?$"),
     lambda name, close: f"okänt kommando '{name}'" + _maybe(" — menade du {}?", close)),
    (_Pattern(r"^Missing command\.$"), lambda: "ange ett kommando."),
    (_Pattern(r"^Invalid value for (.+?): (.+)$", re.S),
     lambda where, why: f"ogiltigt värde för {where}: {_value_problem(why)}"),
    (_Pattern(r"^Invalid value: (.+)$", re.S),
     lambda why: f"ogiltigt värde: {_value_problem(why)}"),
    (_Pattern(r"^Missing (argument|option|parameter)(?: (.+?))?\.(.*)$", re.S), _missing),
    (_Pattern(r"^Missing parameter: (.+)$"), lambda name: f"värdet {name} saknas."),
    (_Pattern(r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$"),
     lambda args: f"oväntade argument ({args})."),
    (_Pattern(r"^Option '(.+?)' requires (?:an argument|(\d+) arguments)\.$"),
     lambda name, count: f"flaggan {name} behöver "
     + (f"{count} värden." if count else "ett värde.")),
    (_Pattern(r"^Option '(.+?)' does not take a value\.$"),
     lambda name: f"flaggan {name} tar inget värde."),
    (_Pattern(r"^Argument '(.+?)' takes (\d+) values\.$"),
     lambda name, count: f"argumentet {name} tar {count} värden."),
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
