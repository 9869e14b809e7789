"""File names with a newline, a colon or control characters garble no output format.

A plan repository is often someone else's pull request, and git allows any byte but
``/`` and NUL in a name. Each format keeps one finding where it belongs: people get
git-style quoted names, machines their format's own escaping.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from malstyrning.findings import Finding, Severity
from malstyrning.output import Report, formats, names
from malstyrning.output._escape import printable, quote_path
from tests.output.conftest import Render

NAMES = {
    "newline": "enheter/rad\nbrytning.yaml",
    "carriage-return": "enheter/vagn\rretur.yaml",
    "colon": "enheter/a:3:4: fel [MS999] falskt.yaml",
    "escape-sequence": "enheter/\x1b[2J\x1b[31mröd.yaml",
    "right-to-left": "enheter/\u202elmay.exe.yaml",
    "line-separator": "enheter/a\u2028b.yaml",
    "not-utf-8": "enheter/trasig-\udcff.yaml",
    "quote-and-backslash": 'enheter/"citat"\\bak.yaml',
    "percent-and-comma": "enheter/ubn, 50 %.yaml",
}


def _findings(name: str) -> list[Finding]:
    return [
        Finding("MS211", name, "Aktivitet `A1` bidrar till `X`, men inget mål med det id:t "
                "finns.", "Rätta id:t.", line=3, column=5, node="A1", chain="A1"),
        Finding("MS402", name, "Slutdatum utanför perioden.", line=7, column=9,
                severity=Severity.WARNING),
    ]


@pytest.mark.parametrize("case", list(NAMES))
def test_concise_keeps_one_parseable_line_per_finding(render: Render, case: str) -> None:
    lines = render("concise", findings=_findings(NAMES[case])).splitlines()
    assert len(lines) == 3
    for line, (row, col) in zip(lines[:2], ((3, 5), (7, 9)), strict=True):
        # a quoted name is a C string; an unquoted one has no colon
        match = re.match(r'^("(?:[^"\\]|\\.)*"|[^:"]*):(\d+):(\d+): (fel|varning) ', line)
        assert match, line
        assert (int(match.group(2)), int(match.group(3))) == (row, col)
        assert not any(ch < " " or ch == "\x7f" for ch in line)


@pytest.mark.parametrize("case", list(NAMES))
def test_text_shows_the_name_on_one_line(render: Render, case: str) -> None:
    out = render("text", findings=_findings(NAMES[case]))
    lines = out.splitlines()
    assert lines[0] == quote_path(NAMES[case])
    assert lines[1].startswith("  3:5  fel  [MS211]")
    assert not any(ch < " " for ch in out.replace("\n", ""))
    assert "\u202e" not in out and "\u2028" not in out


def test_quoting_is_like_git() -> None:
    assert quote_path("namnder/ubn.yaml") == "namnder/ubn.yaml"
    assert quote_path("nämnder/Ödeshög.yaml") == "nämnder/Ödeshög.yaml"
    assert quote_path("a\nb.yaml") == '"a\\nb.yaml"'
    assert quote_path('a"b\\c.yaml') == '"a\\"b\\\\c.yaml"'
    assert quote_path("a:b.yaml") == "a:b.yaml"
    assert quote_path("a:b.yaml", colon=True) == '"a:b.yaml"'
    assert quote_path("trasig-\udcff.yaml") == '"trasig-\\xff.yaml"'
    assert printable("\x1b[31m\u202e") == "\\x1b[31m\\u202e"


def test_the_excerpt_is_escaped_and_the_marker_follows() -> None:
    finding = Finding("MS211", "a.yaml", "Fel.", line=1, column=10)  # at "X1"
    report = Report([finding], Path("."), 1, lambda file: ["id: \x1b[2J X1"])
    out = io.StringIO()
    formats()["text"](report, out)
    lines = out.getvalue().splitlines()
    assert lines[2] == "    1 | id: \\x1b[2J X1"
    assert lines[3] == "      | " + " " * len("id: \\x1b[2J ") + "^"


@pytest.mark.parametrize("case", list(NAMES))
def test_github_escapes_properties_and_messages(render: Render, case: str) -> None:
    out = render("github", findings=_findings(NAMES[case]))
    # the runner reads its output line by line at "\n" (and "\r")
    lines = out.rstrip("\n").split("\n")
    assert len(lines) == 3
    assert "\r" not in out
    for line in lines[:2]:
        match = re.match(r"^::(error|warning) file=([^,:]*),line=(\d+),col=(\d+),title=MS\d+::",
                         line)
        assert match, line
        assert "\n" not in match.group(2) and "\r" not in match.group(2)
    assert "%0A" in lines[0] if "\n" in NAMES[case] else True
    if case == "colon":
        assert "file=enheter/a%3A3%3A4%3A fel [MS999] falskt.yaml," in lines[0]
    if case == "percent-and-comma":
        assert "file=enheter/ubn%2C 50 %25.yaml," in lines[0]


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
@pytest.mark.parametrize("case", list(NAMES))
def test_json_formats_parse_and_keep_the_name(render: Render, fmt: str, case: str) -> None:
    out = render(fmt, findings=_findings(NAMES[case]))
    out.encode("utf-8")  # encodable: no lone surrogate reaches the writer
    document = json.loads(out)
    if fmt == "json":
        assert document["fynd"][0]["fil"] == NAMES[case]
    elif fmt == "gitlab":
        assert document[0]["location"]["path"] == NAMES[case]
    else:
        uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"]["uri"]
        assert re.fullmatch(r"[A-Za-z0-9/._~%-]+", uri), uri


@pytest.mark.parametrize("case", list(NAMES))
def test_junit_is_well_formed(render: Render, case: str) -> None:
    out = render("junit", findings=_findings(NAMES[case]))
    root = ET.fromstring(out.encode("utf-8"))
    case_names = [c.get("name") for c in root.iter("testcase")]
    assert len(case_names) == 1
    expected = NAMES[case]
    if case in ("escape-sequence", "not-utf-8"):  # characters XML cannot hold are shown
        assert case_names[0] == printable(expected).replace("\\u202e", "\u202e")
    else:
        assert case_names[0] == expected


def test_every_format_is_covered() -> None:
    assert set(names()) == {"text", "concise", "github", "json", "sarif", "gitlab", "junit"}
