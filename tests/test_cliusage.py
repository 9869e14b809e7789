"""Usage errors reach planners in Swedish, with a pointer to the help."""

from __future__ import annotations

import subprocess
import sys

import pytest

from malstyrning.cliusage import translate


@pytest.mark.parametrize(("english", "swedish"), [
    ("No such option: --formt (Possible options: --format)",
     "okänd flagga --formt — menade du --format?"),
    ("No such option: --x", "okänd flagga --x"),
    ("No such command 'valdate'. Did you mean 'validate'?",
     "okänt kommando 'valdate' — menade du 'validate'?"),
    ("Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json'.",
     "ogiltigt värde för '--format' / '-f': 'xml' är inte något av 'text', 'json'."),
    ("Missing option '--out'.", "flaggan --out saknas."),
    ("Got unexpected extra argument(s) (extra)", "oväntade argument (extra)."),
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
