"""The command line speaks Swedish: every help page and usage error, click's chrome
included — checked over the real command tree, so that a new command or an upgrade of
typer or click that brings an English text back fails here."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from malstyrning import cli
from malstyrning.cliusage import PHRASES, localize, translate

# Words of click's and typer's English chrome and usage errors. (Not "argument", "text"
# or "extra", which are Swedish too.)
ENGLISH = {
    "usage", "options", "option", "commands", "command", "arguments", "show", "this",
    "message", "exit", "default", "required", "range", "error", "try", "help", "missing",
    "invalid", "value", "values", "not", "one", "of", "is", "the", "and", "or", "such",
    "did", "you", "mean", "possible", "unexpected", "requires", "does", "take", "takes",
    "valid", "integer", "dynamic", "env", "str", "int", "path", "float", "boolean",
    "install", "completion", "current", "shell", "file", "directory", "exist", "choose",
    "from", "given", "deprecated", "aborted",
}
ALLOWED_VALUES = {"auto", "always", "never"}  # --color's values, as ruff and git name them


def english_words(text: str) -> set[str]:
    """English chrome words in ``text``, ignoring option names, choices, commands,
    file names and values in quotes (which are the user's or the tool's, not prose)."""
    text = re.sub(r"`[^`]*`|'[^']*'", " ", text)
    text = re.sub(r"(?<!\w)--?[\w-]+", " ", text)
    text = re.sub(r"<[^>]*\|[^>]*>", " ", text)
    text = re.sub(r"\S+\.(?:yaml|yml|json|md|html)\b", " ", text)
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    return (words & ENGLISH) - ALLOWED_VALUES


def test_the_check_sees_english() -> None:
    assert english_words("Usage: malstyrning [OPTIONS]") == {"usage", "options"}
    assert english_words("  -h, --help  Show this message and exit.") == {
        "show", "this", "message", "and", "exit"}
    assert english_words("[default: 0; x>=0]") == {"default"}
    assert english_words("Användning: malstyrning [FLAGGOR] --help <auto|always>") == set()


def _tree() -> Any:
    return localize(typer.main.get_command(cli.app))


def _paths(command: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _paths(sub, (*prefix, name))


COMMANDS = list(_paths(_tree()))


def run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
             *args: str) -> tuple[int, str]:
    """``malstyrning ARGS`` through the real entry point, in this process."""
    monkeypatch.setattr(sys, "argv", ["malstyrning", *args])
    with pytest.raises(SystemExit) as done:
        cli.main()
    captured = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0), captured.out + captured.err


def test_every_command_is_walked() -> None:
    assert {("validate",), ("rules",), ("tree",), ("render",), ("kolada",),
            ("kolada", "fetch")} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "malstyrning")
def test_help_pages_are_swedish(monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str], path: tuple[str, ...]) -> None:
    code, out = run_main(monkeypatch, capsys, *path, "--help")
    assert code == 0
    assert out.startswith("Användning: malstyrning")
    assert "Flaggor:" in out and "Visa den här hjälpen och avsluta." in out
    assert english_words(out) == set(), out


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "malstyrning")
def test_metavars_are_swedish_and_consistent(path: tuple[str, ...]) -> None:
    command = _tree()
    for name in path:
        command = command.commands[name]
    for param in command.params:
        if getattr(param, "is_flag", False) or getattr(param, "hidden", False):
            continue
        metavar = param.metavar
        if metavar is None:
            assert type(param.type).__name__.endswith("Choice"), (path, param.name)
            continue
        assert re.fullmatch(r"\[?[A-ZÅÄÖ|]+\]?(\.\.\.)?", metavar), (path, param.name, metavar)
        assert metavar.strip("[].") not in {"PATH", "PATHS", "FILE", "CODE", "DIR", "INTEGER",
                                           "STR", "INT", "FLOAT"}, (path, param.name)
        if param.param_type_name == "argument" and "path" in (param.name or ""):
            assert metavar.strip("[].") == "SÖKVÄG", (path, param.name)
        # every value says what it is: a generic TEXT is never shown
        assert metavar != "TEXT", (path, param.name)
        if param.name in ("organisation", "followup", "code"):
            assert metavar.strip("[].") == "KOD", (path, param.name)


USAGE_ERRORS = [
    ["validate", "--formt", "json"],
    ["valdate"],
    ["validate", "-f", "xml"],
    ["validate", "-f"],
    ["validate", "-j", "-1"],
    ["validate", "-j", "x"],
    ["validate", "--color", "blue"],
    ["validate", "--fail-level", "x"],
    ["rules", "MS211", "extra"],
    ["render"],
    ["render", "--period"],
    ["kolada", "import"],
    ["kolada", "fetch", "--timeout", "abc"],
    ["--version=3"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=" ".join)
def test_usage_errors_are_swedish(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out = run_main(monkeypatch, capsys, *args)
    assert code == 2
    assert "fel i kommandoraden: " in out
    assert re.search(r"Se `malstyrning[\w ]* --help`\.", out)
    assert english_words(out) == set(), out
    assert "Traceback" not in out


def test_range_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run_main(monkeypatch, capsys, "validate", "-j", "-1")
    assert "ogiltigt värde för '--jobs' / '-j': -1 ligger utanför det tillåtna intervallet " \
           "x>=0." in out


def test_no_arguments_shows_the_swedish_help(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_main(monkeypatch, capsys)
    assert code in (0, 2)
    assert out.startswith("Användning: malstyrning [FLAGGOR] KOMMANDO [ARGUMENT]...")
    assert "Kommandon:" in out
    assert english_words(out) == set()


def _gettext_ids(module: str) -> list[str]:
    source = Path(sys.modules[module].__file__ or "").read_text("utf-8")
    return re.findall(r'\b_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', source)


@pytest.mark.parametrize("module", ["typer.core", "typer.rich_utils"])
def test_every_typer_message_id_has_a_swedish_text(module: str) -> None:
    """typer looks its chrome up through gettext; a message id added by an upgrade must
    get a Swedish text (help phrases here, errors in the patterns of ``translate``)."""
    __import__(module)
    ids = _gettext_ids(module)
    assert ids, f"no gettext ids found in {module}: has typer changed how it translates?"
    for msgid in ids:
        sample = msgid.replace("{name!r}", "'x'")
        assert msgid in PHRASES or translate(sample) != sample, msgid


@pytest.mark.parametrize(("english", "swedish"), [
    ("No such option: --formt (Possible options: --format)",
     "okänd flagga --formt — menade du --format?"),
    ("No such option: --x", "okänd flagga --x"),
    ("No such command 'valdate'. Did you mean 'validate'?",
     "okänt kommando 'valdate' — menade du 'validate'?"),
    ("Missing command.", "ange ett kommando."),
    ("Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json'.",
     "ogiltigt värde för '--format' / '-f': 'xml' är inte något av 'text', 'json'."),
    ("Invalid value for '-j': -1 is not in the range x>=0.",
     "ogiltigt värde för '-j': -1 ligger utanför det tillåtna intervallet x>=0."),
    ("Invalid value for '-j': 'x' is not a valid integer.",
     "ogiltigt värde för '-j': 'x' är inget giltigt heltal."),
    ("Invalid value for 'FIL': File 'a.json' does not exist.",
     "ogiltigt värde för 'FIL': filen 'a.json' finns inte."),
    ("Invalid value for 'SÖKVÄG': Path 'a' is a directory.",
     "ogiltigt värde för 'SÖKVÄG': 'a' är en mapp; ange en fil."),
    ("Missing option '--out'.", "flaggan --out saknas."),
    ("Missing argument 'FIL'.", "argumentet FIL saknas."),
    ("Missing option '--format'. Choose from:\n\ttext,\n\tjson",
     "flaggan --format saknas. Välj bland: text, json."),
    ("Got unexpected extra argument(s) (extra)", "oväntade argument (extra)."),
    ("Option '-f' requires an argument.", "flaggan -f behöver ett värde."),
    ("Option '--version' does not take a value.", "flaggan --version tar inget värde."),
    ("Something new from a later click", "Something new from a later click"),
])
def test_translate(english: str, swedish: str) -> None:
    assert translate(english) == swedish


def test_unknown_option_on_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "malstyrning", "validate", "--formt",
                             "json"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "fel i kommandoraden: okänd flagga --formt" in result.stderr
    assert "malstyrning validate --help`." in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(n for n, sub in _tree().commands.items()
                                        if not hasattr(sub, "commands")))
def test_a_command_run_from_its_own_tree_behaves_as_in_the_whole_tree(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """main() builds only the command asked for: its help page and a usage error read
    exactly as in the whole tree, and the rest of the tree is not built."""
    pruned = cli._tree_for(["malstyrning", "--debug", name, "--help"])
    assert pruned is not cli.app
    assert set(localize(typer.main.get_command(pruned)).commands) == {name}
    for args in ([name, "--help"], [name, "--no-such-flag"]):
        outputs = []
        for tree in (cli.app, pruned):
            try:
                localize(typer.main.get_command(tree)).main(
                    args=args, prog_name="malstyrning", standalone_mode=False)
            except SystemExit:
                pass
            except Exception as err:  # a usage error, as main() would describe it
                from malstyrning.cliusage import describe
                print(describe(err))
            outputs.append(capsys.readouterr().out)
        assert outputs[0] == outputs[1] and outputs[0]


@pytest.mark.parametrize("argv", [["malstyrning"], ["malstyrning", "--help"],
                                  ["malstyrning", "kolada", "check"],
                                  ["malstyrning", "validat"]])
def test_help_groups_and_unknown_commands_get_the_whole_tree(argv: list[str]) -> None:
    assert cli._tree_for(argv) is cli.app
