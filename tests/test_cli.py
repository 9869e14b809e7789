"""End to end: the installed ``malstyrning`` command, run as a subprocess.

Runs on ``examples/plans`` use ``--no-cache``; everything else runs on a copy in
``tmp_path`` (the cache is written next to ``malstyrning.yaml``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import jsonschema
import pytest

from malstyrning.checks import all_rules
from tests.plans import EXAMPLES, REPO_ROOT, SHAPES, where


def _command() -> list[str]:
    beside = Path(sys.executable).with_name("malstyrning")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("malstyrning")
    return [found] if found else [sys.executable, "-m", "malstyrning"]


COMMAND = _command()
VRETA = "enheter/vretaskolan-2027.yaml"
KF = "kommunfullmaktige/verksamhetsplan-2027.yaml"
FILES = len(list(EXAMPLES.rglob("*.yaml")))


def cli(*args: str, cwd: Path = REPO_ROOT, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    """Run the command; never a traceback, whatever the input."""
    examples = [root.resolve() for root in SHAPES.values()]
    targets = [(cwd / a).resolve() for a in args if not a.startswith("-")]
    if any(t == e or e in t.parents for t in targets for e in examples):
        assert args[0] == "rules" or (args[0] == "validate" and "--no-cache" in args), (
            "run on a copy of the examples: the command writes its cache next to them")
    clean = {k: v for k, v in os.environ.items()
             if k not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "NO_COLOR", "FORCE_COLOR")}
    clean["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run([*COMMAND, *args], cwd=cwd, env={**clean, **(env or {})},
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return done


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def with_error(root: Path) -> Path:
    """MS211 (fel) in Vretaskolan's plan: a link to a goal that does not exist."""
    _edit(root, VRETA, "bidrar_till: [UBN-E4]", "bidrar_till: [UBN-E9]")
    return root


def with_warning(root: Path) -> Path:
    """MS404 (varning): a styrdokument that expires during the plan period."""
    _edit(root, KF, "giltig_till: 2031-12-31", "giltig_till: 2028-12-31")
    return root


# --- validate: the examples pass, in every format ---------------------------------------


_SHAPES = pytest.mark.parametrize("root", list(SHAPES.values()), ids=list(SHAPES))


@_SHAPES
def test_examples_pass_in_text_format(root: Path) -> None:
    done = cli("validate", "--no-cache", str(root.relative_to(REPO_ROOT)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.fullmatch(r"Inga problem hittades i \d+ filer\.\n", done.stdout)
    assert done.stderr == ""


@_SHAPES
def test_examples_pass_in_concise_format(root: Path) -> None:
    done = cli("validate", "--no-cache", "--format", "concise", str(root))
    assert done.returncode == 0
    assert done.stdout.startswith("Inga problem hittades")


@_SHAPES
def test_examples_pass_in_json_format(root: Path) -> None:
    done = cli("validate", "--no-cache", "-f", "json", str(root))
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert list(report) == ["format", "verktyg", "sammanfattning", "fynd"]
    assert report["format"] == 1
    assert report["verktyg"].startswith("malstyrning ")
    assert report["sammanfattning"] == {
        "filer": len(list(root.rglob("*.yaml"))), "fel": 0, "varningar": 0, "info": 0}
    assert report["fynd"] == []


@_SHAPES
def test_examples_pass_in_github_format(root: Path) -> None:
    done = cli("validate", "--no-cache", "-f", "github", str(root))
    assert done.returncode == 0
    assert "::" not in done.stdout


# --- validate: broken copies -----------------------------------------------------------


def test_error_gives_exit_1_and_a_located_text_report(examples_copy: Path) -> None:
    with_error(examples_copy)
    done = cli("validate", "plans", cwd=examples_copy.parent)
    assert done.returncode == 1
    line, col = where((examples_copy / VRETA).read_text("utf-8"), "UBN-E9")
    out = done.stdout
    assert f"plans/{VRETA}\n" in out
    assert f"  {line}:{col}  fel  [MS211]  Aktivitet `UF-VAS-A2` bidrar till `UBN-E9`" in out
    assert f"    {line} |     bidrar_till: [UBN-E9]\n" in out
    assert " " * (col - 1) + "^" in out
    assert "    tips: Menade du" in out
    assert out.rstrip().endswith(f"1 fel, 0 varningar och 0 info i 1 av {FILES} filer.")


def test_concise_format(examples_copy: Path) -> None:
    with_error(with_warning(examples_copy))
    done = cli("validate", "--format", "concise", "plans", cwd=examples_copy.parent)
    assert done.returncode == 1
    vreta = (examples_copy / VRETA).read_text("utf-8")
    kf = (examples_copy / KF).read_text("utf-8")
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"plans/{VRETA}:{':'.join(map(str, where(vreta, 'UBN-E9')))}: "
                               "fel [MS211] Aktivitet `UF-VAS-A2` bidrar till `UBN-E9`")
    assert lines[1] == (f"plans/{KF}:{':'.join(map(str, where(kf, '2028-12-31')))}: varning "
                        "[MS404] Styrdokumentet `SD-MRS` (Riktlinjer för mål- och "
                        "resultatstyrning) gäller till 2028-12-31 och upphör under "
                        "planperioden 2027–2029.")
    assert lines[2] == f"1 fel, 1 varning och 0 info i 2 av {FILES} filer."
    assert len(lines) == 3


def test_json_format_has_every_documented_key(examples_copy: Path) -> None:
    with_error(with_warning(examples_copy))
    done = cli("validate", "-f", "json", "plans", cwd=examples_copy.parent)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["sammanfattning"] == {"filer": FILES, "fel": 1, "varningar": 1, "info": 0}
    keys = ["kod", "allvarlighet", "fil", "rad", "kolumn", "sökväg", "kedja", "id",
            "meddelande", "tips"]
    for finding in report["fynd"]:
        assert list(finding) == keys
    by_code = {f["kod"]: f for f in report["fynd"]}
    line, col = where((examples_copy / VRETA).read_text("utf-8"), "UBN-E9")
    assert by_code["MS211"] | {"meddelande": "", "tips": ""} == {
        "kod": "MS211", "allvarlighet": "fel", "fil": VRETA, "rad": line, "kolumn": col,
        "sökväg": "$.aktiviteter[1].bidrar_till[0]", "kedja": "UF-VAS-A2", "id": "UF-VAS-A2",
        "meddelande": "", "tips": ""}
    assert by_code["MS404"]["allvarlighet"] == "varning"
    assert by_code["MS404"]["kedja"] == "VISION > SD-MRS"
    assert by_code["MS404"]["sökväg"] == "$.styrdokument[3].giltig_till"


def test_github_annotations(examples_copy: Path) -> None:
    with_error(with_warning(examples_copy))
    done = cli("validate", "-f", "github", "plans", cwd=examples_copy.parent)
    assert done.returncode == 1
    line, col = where((examples_copy / VRETA).read_text("utf-8"), "UBN-E9")
    assert re.search(rf"^::error file=plans/{re.escape(VRETA)},line={line},col={col},"
                     r"title=MS211::Aktivitet `UF-VAS-A2` bidrar till `UBN-E9`", done.stdout,
                     re.M)
    line, col = where((examples_copy / KF).read_text("utf-8"), "2028-12-31")
    assert f"::warning file=plans/{KF},line={line},col={col},title=MS404::" in done.stdout
    assert "%0AKedja: VISION > SD-MRS\n" in done.stdout
    assert all(len(row.split("::")) >= 3 for row in done.stdout.splitlines()[:-1])


def test_github_format_is_chosen_in_github_actions(examples_copy: Path) -> None:
    with_error(examples_copy)
    done = cli("validate", "plans", cwd=examples_copy.parent, env={"GITHUB_ACTIONS": "true"})
    assert done.returncode == 1
    assert done.stdout.startswith("::error file=plans/")
    explicit = cli("validate", "-f", "text", "plans", cwd=examples_copy.parent,
                   env={"GITHUB_ACTIONS": "true"})
    assert not explicit.stdout.startswith("::")


def test_warnings_alone_exit_0(examples_copy: Path) -> None:
    with_warning(examples_copy)
    done = cli("validate", "plans", cwd=examples_copy.parent)
    assert done.returncode == 0
    assert "varning  [MS404]" in done.stdout


@pytest.mark.parametrize("option", [["--strict"], ["--fail-level", "varning"],
                                    ["--fail-level", "info"]])
def test_warnings_can_fail_the_run(examples_copy: Path, option: list[str]) -> None:
    with_warning(examples_copy)
    assert cli("validate", *option, "plans", cwd=examples_copy.parent).returncode == 1


def test_broken_settings_exit_2(examples_copy: Path) -> None:
    _edit(examples_copy, "malstyrning.yaml", 'kommunkod: "0331"', "kommunkod: [0331")
    done = cli("validate", "plans", cwd=examples_copy.parent)
    assert done.returncode == 2
    assert "malstyrning.yaml:" in done.stdout or "malstyrning.yaml\n" in done.stdout
    assert "[MS001]" in done.stdout
    assert "malstyrning.yaml behöver rättas" in done.stderr


def test_settings_of_the_wrong_kind_exit_2(examples_copy: Path) -> None:
    _edit(examples_copy, "malstyrning.yaml", "typ: inställningar", "typ: organisation")
    done = cli("validate", "plans", cwd=examples_copy.parent)
    assert done.returncode == 2


def test_missing_path_exits_2(tmp_path: Path) -> None:
    done = cli("validate", str(tmp_path / "finns-inte"))
    assert done.returncode == 2
    assert "finns inte" in done.stderr
    assert done.stdout == ""


def test_single_file_reports_only_that_file(examples_copy: Path) -> None:
    with_error(examples_copy)
    _edit(examples_copy, "namnder/utbildningsnamnden-2027.yaml", "ram: 548900", "ram: 1")
    done = cli("validate", "-f", "concise", f"plans/{VRETA}", cwd=examples_copy.parent)
    assert done.returncode == 1
    assert "[MS211]" in done.stdout
    assert "[MS501]" not in done.stdout


def test_subfolder_reports_only_files_in_it(examples_copy: Path) -> None:
    with_error(examples_copy)
    _edit(examples_copy, "namnder/utbildningsnamnden-2027.yaml", "ram: 548900", "ram: 1")
    done = cli("validate", "-f", "concise", "plans/namnder", cwd=examples_copy.parent)
    assert done.returncode == 1
    assert "[MS501]" in done.stdout
    assert "[MS211]" not in done.stdout, "enheter/ is outside the folder asked for"


def test_output_is_deterministic_cold_and_warm(examples_copy: Path) -> None:
    with_error(with_warning(examples_copy))
    for fmt in ("text", "json", "github", "concise", "sarif", "gitlab", "junit"):
        cold, warm = (cli("validate", "-f", fmt, "plans", cwd=examples_copy.parent)
                      for _ in range(2))
        assert cold.stdout == warm.stdout, fmt
        assert cold.returncode == warm.returncode == 1
        fresh = cli("validate", "--no-cache", "-f", fmt, "plans", cwd=examples_copy.parent)
        assert fresh.stdout == cold.stdout, fmt


def test_cache_is_written_into_the_repository_only_without_no_cache(
        examples_copy: Path) -> None:
    cli("validate", "--no-cache", "plans", cwd=examples_copy.parent)
    assert not (examples_copy / ".malstyrning_cache").exists()
    cli("validate", "plans", cwd=examples_copy.parent)
    assert (examples_copy / ".malstyrning_cache" / ".gitignore").is_file()


_BROKEN_FILES: dict[str, bytes] = {
    "tab": b"typ: verksamhetsplan\norganisation: UF-VAS\n\tniv\xc3\xa5: enhet\n",
    "windows-1252": "typ: verksamhetsplan\norganisation: UF-VAS\nnivå: enhet\n".encode("cp1252"),
    "utf-16": "typ: verksamhetsplan\n".encode("utf-16"),
    "empty": b"",
    "comments-only": b"# inget\n",
    "two-documents": b"typ: verksamhetsplan\n---\ntyp: verksamhetsplan\n",
    "duplicate-key": b"typ: verksamhetsplan\ntyp: organisation\n",
    "deep": b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n",
    "alias-bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))).encode(),
    "list": b"- typ: verksamhetsplan\n",
    "scalar": b"verksamhetsplan\n",
    "unknown-kind": b"typ: budget\n",
    "no-kind": b"organisation: UBN\n",
    "numeric-ids": b"typ: verksamhetsplan\norganisation: 12\nniv\xc3\xa5: 1.5\nperiod: true\n",
    "wrong-types": b"typ: verksamhetsplan\norganisation: UBN\nniv\xc3\xa5: [n]\nperiod: {}\n"
                   b"effektm\xc3\xa5l: 7\naktiviteter: [1, [2], {id: {}}]\nramar: []\n",
    "null-items": b"typ: verksamhetsplan\norganisation: UBN\nniv\xc3\xa5: n\xc3\xa4mnd\n"
                  b"period: 2027\neffektm\xc3\xa5l:\n  -\n  - id:\n    bidrar_till:\n"
                  b"    indikatorer: [null, {id: X, m\xc3\xa5lv\xc3\xa4rden: [null, 3]}]\n",
    "follow-up-garbage": "typ: uppföljning\norganisation: UBN\nperiod: x\nutfall: [1, {}]\n"
                         "bedömningar: {mål: 3}\naktiviteter: [[]]\n".encode(),
}


@pytest.mark.parametrize("name", list(_BROKEN_FILES))
def test_bad_input_never_gives_a_traceback(examples_copy: Path, name: str) -> None:
    (examples_copy / "enheter" / "trasig.yaml").write_bytes(_BROKEN_FILES[name])
    done = cli("validate", "plans", cwd=examples_copy.parent)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "plans/enheter/trasig.yaml" in done.stdout
    assert "internt fel" not in done.stderr


@pytest.mark.parametrize("name", ["tab", "windows-1252", "wrong-types", "alias-bomb"])
def test_bad_settings_never_give_a_traceback(examples_copy: Path, name: str) -> None:
    (examples_copy / "malstyrning.yaml").write_bytes(_BROKEN_FILES[name])
    done = cli("validate", "plans", cwd=examples_copy.parent)
    assert done.returncode == 2
    assert "internt fel" not in done.stderr


# --- rules --------------------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    done = cli("rules")
    assert done.returncode == 0
    listed = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    assert listed == [rule.code for rule in all_rules()]


@pytest.mark.parametrize("code", ["MS211", "ms211"])
def test_rule_is_explained_with_examples(code: str) -> None:
    done = cli("rules", code)
    assert done.returncode == 0
    out = done.stdout
    assert out.startswith("MS211 okänd-referens (fel)")
    assert "\nRätt:\n    bidrar_till: [I1]" in out
    assert "\nFel:\n    bidrar_till: [I9]" in out
    assert "MS211: av" in out


@pytest.mark.parametrize("args", [("MS301", "examples/region"), ("examples/region", "MS301")])
def test_rule_is_explained_in_the_repositorys_words(args: tuple[str, str]) -> None:
    done = cli("rules", *args)
    assert done.returncode == 0, done.stderr
    assert "Ett strategiskt mål som inget nämndmål bidrar till styr ingenting." in done.stdout
    assert "Rätt:\n    # HSN-N1 har bidrar_till: [S1]" in done.stdout
    default = cli("rules", "MS301").stdout
    assert "En inriktning som inget effektmål bidrar till styr ingenting." in default


def test_rules_list_in_the_repositorys_words() -> None:
    done = cli("rules", "examples/liten-kommun")
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if line.strip()}
    assert list(lines) == [rule.code for rule in all_rules()]
    assert "Ett mål har ingen aktivitet (beslutat men inte omsatt)." in lines["MS302"]
    assert lines["MS301"].endswith("Visionen har inga mål på nivån under.")
    assert "effektmål" not in done.stdout
    inside = cli("rules", cwd=REPO_ROOT / "examples" / "liten-kommun")
    assert inside.stdout == done.stdout, "the current folder's repository by default"


@pytest.mark.parametrize("args", [("MS301", "MS302"), ("examples/region", "examples/plans"),
                                  ("inte-en-mapp",)])
def test_rules_with_bad_arguments_is_a_usage_error(args: tuple[str, ...]) -> None:
    done = cli("rules", *args)
    assert done.returncode == 2
    assert "fel i kommandoraden" in done.stderr


def test_unknown_rule_exits_2() -> None:
    done = cli("rules", "MS999")
    assert done.returncode == 2
    assert "okänd regel MS999" in done.stderr


# --- tree ---------------------------------------------------------------------------------


def test_tree_shows_the_chain(examples_copy: Path) -> None:
    done = cli("tree", "plans", cwd=examples_copy.parent)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Vision VISION: Heby kommun")
    assert "├── Inriktning I1: Livslångt lärande (Kommunfullmäktige)" in lines
    assert any("Aktivitet UF-VAS-A1: Läsfrämjande insatser i åk 1–3 (Vretaskolan)" in line
               for line in lines)
    assert "Utanför kedjan" not in done.stdout


def test_tree_for_one_organisation(examples_copy: Path) -> None:
    done = cli("tree", "plans", "--organisation", "UBN", cwd=examples_copy.parent)
    assert done.returncode == 0
    out = done.stdout
    assert "Effektmål UBN-E1" in out
    assert "Aktivitet UF-VAS-A1" in out
    assert "Inriktning I1" in out
    for other in ("VON-E1", "KS-E1", "KFF-BIB-A1", "Inriktning I2"):
        assert other not in out


def test_tree_for_an_unknown_organisation_exits_2(examples_copy: Path) -> None:
    done = cli("tree", "plans", "-o", "XYZ", cwd=examples_copy.parent)
    assert done.returncode == 2
    assert "XYZ" in done.stderr


def test_tree_marks_orphans(examples_copy: Path) -> None:
    with_error(examples_copy)
    _edit(examples_copy, "forvaltningar/utbildningsforvaltningen-2027.yaml",
          "bidrar_till: [UBN-E4]", "bidrar_till: [I5]")
    done = cli("tree", "plans", cwd=examples_copy.parent)
    assert done.returncode == 0
    out = done.stdout
    assert "Effektmål UBN-E4: Eleverna känner sig trygga i skolan (Utbildningsnämnden)  " \
           "[⚠ inga aktiviteter]" in out
    assert "\nUtanför kedjan (kopplingen saknas eller pekar på ett id som inte finns):\n" in out
    assert re.search(r"✗ Aktivitet UF-VAS-A2: .* — bidrar till okänt id UBN-E9", out)


def test_tree_is_deterministic(examples_copy: Path) -> None:
    first = cli("tree", "plans", cwd=examples_copy.parent).stdout
    assert first == cli("tree", "plans", cwd=examples_copy.parent).stdout


def test_tree_with_broken_settings_exits_2(examples_copy: Path) -> None:
    (examples_copy / "malstyrning.yaml").write_text("typ: [\n", encoding="utf-8")
    assert cli("tree", "plans", cwd=examples_copy.parent).returncode == 2


# --- the rest -----------------------------------------------------------------------------


def test_version_and_module_entry_point() -> None:
    done = subprocess.run([sys.executable, "-m", "malstyrning", "--version"],
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0
    assert re.fullmatch(r"malstyrning \d+\.\d+\.\d+\S*\n", done.stdout)
    assert cli("-V").stdout == done.stdout
    assert done.stdout == f"malstyrning {version('malstyrning')}\n"


def test_no_arguments_shows_help() -> None:
    done = cli()
    assert "validate" in done.stdout + done.stderr
    assert done.returncode in (0, 2)


def test_unknown_option_exits_2() -> None:
    done = cli("validate", "--ingen-sådan-flagga")
    assert done.returncode == 2


# --- CI formats -----------------------------------------------------------------------


def with_broken_files(root: Path) -> Path:
    """An error, a warning, a syntax error, wrong types, and odd file names."""
    with_error(with_warning(root))
    (root / "enheter" / "trasig.yaml").write_bytes(_BROKEN_FILES["tab"])
    (root / "enheter" / "fel typer.yaml").write_bytes(_BROKEN_FILES["wrong-types"])
    (root / "enheter" / "a:1:2, 50 %.yaml").write_bytes(_BROKEN_FILES["duplicate-key"])
    (root / "enheter" / "rad\nbrytning.yaml").write_bytes(_BROKEN_FILES["scalar"])
    return root


def test_sarif_on_broken_examples_validates_against_the_schema(examples_copy: Path) -> None:
    with_broken_files(examples_copy)
    done = cli("validate", "-f", "sarif", "plans", cwd=examples_copy.parent)
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    schema = json.loads((REPO_ROOT / "tests" / "output" / "fixtures" /
                         "sarif-schema-2.1.0.json").read_text("utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    assert [e.message for e in validator.iter_errors(document)] == []
    results = document["runs"][0]["results"]
    assert len(results) >= 6
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "plans/enheter/vretaskolan-2027.yaml" in uris
    assert "plans/enheter/a%3A1%3A2%2C%2050%20%25.yaml" in uris
    assert "plans/enheter/rad%0Abrytning.yaml" in uris
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
               for r in results)


def test_gitlab_and_junit_on_broken_examples(examples_copy: Path) -> None:
    import xml.etree.ElementTree as ET

    with_broken_files(examples_copy)
    gitlab = cli("validate", "-f", "gitlab", "plans", cwd=examples_copy.parent)
    assert gitlab.returncode == 1
    issues = json.loads(gitlab.stdout)
    assert {"plans/enheter/rad\nbrytning.yaml", f"plans/{VRETA}"} <= {
        i["location"]["path"] for i in issues}
    junit = cli("validate", "-f", "junit", "plans", cwd=examples_copy.parent)
    assert junit.returncode == 1
    cases = list(ET.fromstring(junit.stdout.encode("utf-8")).iter("testcase"))
    assert len(cases) == FILES + 4  # every checked file, the four new ones included
    assert sum(1 for c in cases if c.find("failure") is not None) >= 5


def test_odd_file_names_keep_concise_one_line_per_finding(examples_copy: Path) -> None:
    with_broken_files(examples_copy)
    done = cli("validate", "-f", "concise", "plans", cwd=examples_copy.parent)
    lines = done.stdout.splitlines()
    assert '"plans/enheter/rad\\nbrytning.yaml":1:1: fel' in done.stdout
    assert all(re.match(r'^("(?:[^"\\]|\\.)*"|[^:"]+):\d+:\d+: ', line)
               for line in lines[:-1]), lines


def test_github_actions_step_summary(examples_copy: Path, tmp_path: Path) -> None:
    with_broken_files(examples_copy)
    summary = tmp_path / "step-summary.md"
    done = cli("validate", "plans", cwd=examples_copy.parent,
               env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 1
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    levels = [line.split(" ")[0] for line in annotations
              if "title=malstyrning::" not in line]  # the note on the rest comes last
    assert levels == sorted(levels, key=["::error", "::warning", "::notice"].index)
    assert len(levels) < len(done.stdout.splitlines())
    text = summary.read_text("utf-8")
    findings = json.loads(cli("validate", "-f", "json", "plans",
                              cwd=examples_copy.parent).stdout)["fynd"]
    assert text.count("\n| fel |") + text.count("\n| varning |") == len(findings)


# --- quiet, silent, colour, completion ---------------------------------------------------


def test_quiet_prints_only_the_findings(examples_copy: Path) -> None:
    assert cli("validate", "-q", "plans", cwd=examples_copy.parent).stdout == ""
    with_error(examples_copy)
    done = cli("validate", "--quiet", "-f", "concise", "plans", cwd=examples_copy.parent)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [line for line in cli(
        "validate", "-f", "concise", "plans", cwd=examples_copy.parent).stdout.splitlines()
        if "[MS" in line]
    assert "fel, 0 varningar" not in done.stdout


def test_silent_prints_nothing_and_keeps_the_exit_code(examples_copy: Path) -> None:
    with_error(examples_copy)
    done = cli("validate", "-s", "plans", cwd=examples_copy.parent)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ([], {}, False),  # a pipe
    (["--color", "always"], {}, True),
    (["--color", "always"], {"NO_COLOR": "1"}, True),  # the flag wins
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "0"}, False),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (["--no-color"], {"FORCE_COLOR": "1"}, False),
])
def test_colour(examples_copy: Path, args: list[str], env: dict[str, str],
                coloured: bool) -> None:
    with_error(examples_copy)
    done = cli("validate", *args, "plans", cwd=examples_copy.parent, env={"TERM": "dumb", **env})
    assert bool(ANSI.search(done.stdout)) is coloured
    if coloured:
        assert ANSI.sub("", done.stdout) == cli("validate", "plans",
                                                cwd=examples_copy.parent).stdout


def test_shell_completion() -> None:
    done = cli(env={"_MALSTYRNING_COMPLETE": "complete_bash",
                    "COMP_WORDS": "malstyrning validate --format s", "COMP_CWORD": "3"})
    assert done.stdout.split() == ["sarif"]
    script = cli("--show-completion", env={"SHELL": "/bin/bash"})
    assert "_MALSTYRNING_COMPLETE=complete_bash" in script.stdout
