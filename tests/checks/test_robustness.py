"""Issue 12: every crash class, reproduced exactly as written, now gives a finding.

Each row edits a copy of examples/plans; validate, tree and render (with --force)
must exit 0 or 1, never 2, and validate must report the expected finding. Then every
check is fed models built from every wrong YAML type at every key.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from malstyrning.build import build_file
from malstyrning.checks.base import checks_for
from malstyrning.cli import app
from malstyrning.config import settings_from_data
from malstyrning.load import reader
from malstyrning.model import PlanModel
from malstyrning.values import int_text, number_of, period_of, text_of, year_of
from tests.plans import MINIMAL_REPO

BIG = "1" + "2" * 79
HUGE = "1" + "0" * 4400
KF = "kommunfullmaktige/verksamhetsplan-2027.yaml"
UBN = "namnder/utbildningsnamnden-2027.yaml"
KS = "namnder/kommunstyrelsen-2027.yaml"

# (id, file, old, new, expected code, text in the message)
ROWS = [
    ("ram-80-digits", UBN, "ram: 548900", f"ram: {BIG}", "MS104",
     "högst 1\u202f000\u202f000\u202f000"),
    ("belopp-80-digits", KF, "belopp: 548900", f"belopp: {BIG}", "MS104", "(80 siffror)"),
    ("target-80-digits", KS, "{år: 2027, värde: 14480}", f"{{år: 2027, värde: {BIG}}}",
     "MS104", "högst 1\u202f000\u202f000\u202f000\u202f000\u202f000"),
    ("baseline-80-digits", KS, "baslinje: {år: 2025, värde: 14400}",
     f"baslinje: {{år: 2025, värde: {BIG}}}", "MS104", "(80 siffror)"),
    ("outcome-negative-80-digits", "uppfoljning/2027-helar/ubn.yaml", re.compile(
        r"värde: [0-9.]+"), f"värde: -{BIG}", "MS104",
     "minst −1\u202f000\u202f000\u202f000\u202f000\u202f000"),
    ("vikt-10^309", KS, "baslinje: {år: 2025, värde: 14400}",
     "vikt: 1" + "0" * 309 + "\n        baslinje: {år: 2025, värde: 14400}", "MS104",
     "orimligt stort"),
    ("vikt-80-digits", KS, "baslinje: {år: 2025, värde: 14400}",
     f"vikt: {BIG}\n        baslinje: {{år: 2025, värde: 14400}}", "MS104", "högst 1\u202f000"),
    ("year-4400-digits", KF, "  år: 2027", f"  år: {HUGE}", "MS104", "(4401 siffror)"),
    ("followup-year-0", "uppfoljning/2027-helar/ubn.yaml", "period: 2027-helår",
     "period: 0000-helår", "MS104", "Året 0 i `0000-helår` ligger utanför 1900–2200"),
    ("kf-period-0000", KF, "period: 2027–2029", 'period: "0000"', "MS104",
     "ligger utanför 1900–2200"),
    ("date-year-0", KF, "giltig_till: ", "giltig_till: 0000-01-01\n    x_gammal: ", "MS104",
     "utanför 1900–2200"),
    ("lone-surrogate-id", UBN, "  - id: UBN-E1\n", '  - id: "UBN-E1\\ud800"\n', "MS013",
     "ensam surrogathalva"),
    ("lone-surrogate-goal-in-followup", "uppfoljning/2027-helar/ks.yaml", "  - mål: KS-E3",
     '  - mål: "KS-E\\ud8003"', "MS013", "ensam surrogathalva"),
    ("lone-surrogate-ansvarig", "enheter/vretaskolan-2027.yaml", "ansvarig: Rektor",
     'ansvarig: "Rek\\ud800tor"', "MS013", "ensam surrogathalva"),
    ("activity-status-names-indicator", "uppfoljning/2027-helar/bmn.yaml",
     "  - aktivitet: BMF-A1", "  - aktivitet: BMN-E1-I1", "MS803", "inte är en aktivitet"),
    ("nul-in-text", "enheter/vretaskolan-2027.yaml", "ansvarig: Rektor",
     "ansvarig: Rek\x00tor", "MS012", "NUL"),
]


def _edit(root: Path, file: str, old: str | re.Pattern[str], new: str) -> None:
    path = root / file
    text = path.read_text("utf-8")
    if isinstance(old, re.Pattern):
        changed = old.sub(new, text, count=1)
    else:
        assert old in text, (file, old)
        changed = text.replace(old, new, 1)
    assert changed != text
    path.write_bytes(changed.encode("utf-8"))


def _invoke(args: list[str]) -> Any:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args[0], repr(result.exception))
    return result


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_issue_row_is_a_finding(row: tuple[Any, ...], examples_copy: Path,
                                tmp_path: Path) -> None:
    _name, file, old, new, code, message = row
    _edit(examples_copy, file, old, new)
    result = _invoke(["validate", str(examples_copy), "-f", "json", "--no-cache"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["fynd"]
    assert any(f["kod"] == code and f["fil"] == file and message in f["meddelande"]
               for f in findings), [f["meddelande"] for f in findings if f["fil"] == file]
    for f in findings:
        assert f["rad"] >= 1 and f["kolumn"] >= 1
    for fmt in ("text", "concise", "github"):
        shown = _invoke(["validate", str(examples_copy), "-f", fmt]).stdout
        shown.encode("utf-8")  # no lone surrogate reaches an encoder
    assert _invoke(["tree", str(examples_copy), "--no-cache"]).exit_code in (0, 1)
    rendered = _invoke(["render", str(examples_copy), "--out", str(tmp_path / "ut"),
                        "--force"])
    assert rendered.exit_code == 0, rendered.output
    for document in (tmp_path / "ut").iterdir():
        assert "\ud800" not in document.read_text("utf-8")


def test_surrogate_is_replaced_in_the_data() -> None:
    parsed = reader.read("x.yaml", b'typ: organisation\nnamn: "Rek\\ud800tor"\n')
    assert parsed.data == {"typ": "organisation", "namn": "Rek\ufffdtor"}
    assert [(f.code, f.line, f.column) for f in parsed.findings] == [("MS013", 2, 7)]


def test_raw_nul_no_longer_ends_the_value() -> None:
    parsed = reader.read("x.yaml", b"typ: organisation\nnamn: a\x00b\n")
    assert parsed.data == {"typ": "organisation", "namn": "a\ufffdb"}
    assert [(f.code, f.line, f.column) for f in parsed.findings] == [("MS012", 2, 8)]


def test_many_control_characters_are_summed_up() -> None:
    parsed = reader.read("x.yaml", b"typ: organisation\nnamn: " + b"\x07" * 500 + b"\n")
    assert len(parsed.findings) == reader.MAX_CHAR_FINDINGS + 1
    assert "ytterligare 490" in parsed.findings[-1].message


def test_syntax_errors_are_described_in_swedish() -> None:
    parsed = reader.read("x.yaml", b'typ: x\nnamn: "a\\q"\n')
    assert parsed.findings[0].message.startswith("En escape-sekvens")
    parsed = reader.read("x.yaml", ("typ: x\na: 1" + "0" * 5000).encode())
    assert "4 300 siffror" in parsed.findings[0].message


def test_tolerant_readers_never_overflow() -> None:
    assert int_text(10**5000).endswith("(5001 siffror)")
    assert int_text(-(10**40)) == "−100… (41 siffror)"
    assert int_text(123) == "123"
    assert text_of(10**5000).startswith("100…")
    assert number_of(10**309) is None and number_of(10**15) == 10**15
    assert number_of(float("nan")) is None and number_of(True) is None
    assert year_of(0) is None and year_of(2027) == 2027 and year_of(True) is None
    assert period_of("0000") is None and period_of("2027–2029") == (2027, 2029)
    assert period_of("²⁰²⁷") is None


# --- every check tolerates every YAML type at every key ---------------------------------

WRONG = {
    "str": "x", "int": 7, "huge": 10**80, "negative": -(10**80), "float": 1.5, "bool": True,
    "none": None, "list": [1, "a", None], "dict": {"a": 1}, "date": "0000-01-01",
}

FOLLOWUP = """
typ: uppföljning
organisation: UBN
period: 2027-helår
utfall:
  - {indikator: UBN-E1-I1, år: 2027, värde: 76, kön: {K: 77, M: 75}, datum: 2027-12-31}
bedömningar:
  - {mål: UBN-E1, måluppfyllelse: delvis uppfyllt, analys: A, förbättringar: [B]}
aktiviteter:
  - {aktivitet: UF-VAS-A1, status: genomförd, kommentar: C}
"""


def _documents() -> dict[str, dict[str, Any]]:
    texts = {**MINIMAL_REPO, "uppfoljning/ubn.yaml": FOLLOWUP.lstrip()}
    out = {}
    for name, text in texts.items():
        data = reader.read(name, text.encode()).data
        assert data is not None
        out[name] = data
    return out


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here] if here else []
    items = (value.items() if isinstance(value, dict)
             else enumerate(value) if isinstance(value, list) else ())
    for key, item in items:
        out.extend(_paths(item, (*here, key)))
    return out


def _cases() -> list[tuple[str, tuple[Any, ...], str]]:
    return [(name, path, kind) for name, data in _documents().items()
            if name != "malstyrning.yaml" for path in _paths(data) if path != ("typ",)
            for kind in WRONG]


def test_every_check_tolerates_every_type_at_every_key() -> None:
    settings = settings_from_data(Path("."), None)
    documents = _documents()
    base = {name: build_file(name, data, settings) for name, data in documents.items()
            if name != "malstyrning.yaml"}
    cases = _cases()
    assert len(cases) > 500
    for name, path, kind in cases:
        data = copy.deepcopy(documents[name])
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = copy.deepcopy(WRONG[kind])
        model = build_file(name, data, settings)
        for _code, check in checks_for("fil"):
            list(check(model, settings))
        plan = PlanModel([*(m for n, m in base.items() if n != name), model])
        for code, check in checks_for("repo"):
            try:
                list(check(plan, settings))
            except Exception as error:  # pragma: no cover - the message is the point
                raise AssertionError(f"{code} fails on {kind} at {name} {path}") from error


def test_long_link_chains_do_not_recurse(tmp_path: Path) -> None:
    """3,000 effektmål each linked to the previous: no check or report recurses deeply."""
    repo = tmp_path / "plan"
    for name, text in MINIMAL_REPO.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, "utf-8")
    goals = "".join(f"  - id: K{i}\n    namn: Mål {i}\n    period: 2027\n"
                    f"    bidrar_till: [{'I1' if i == 0 else f'K{i - 1}'}]\n"
                    for i in range(3000))
    (repo / "namnder/kedja.yaml").write_text(
        "typ: verksamhetsplan\norganisation: UBN\nnivå: nämnd\nperiod: 2027\n"
        f"effektmål:\n{goals}", "utf-8")
    assert _invoke(["validate", str(repo), "--no-cache"]).exit_code == 1
    assert _invoke(["tree", str(repo), "--no-cache"]).exit_code == 0
    rendered = _invoke(["render", str(repo), "--out", str(tmp_path / "ut"), "--force",
                        "-f", "md"])
    assert rendered.exit_code == 0


def test_a_list_is_no_name() -> None:
    """Found by the campaign: a unit named by a list showed as `[None, 'x', -519]`."""
    assert text_of([None, "x", -519]) == "" and text_of({"a": 1}) == ""
