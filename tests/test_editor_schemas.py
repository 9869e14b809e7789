"""The generated editor schemas, used by a real client: check-jsonschema.

``malstyrning schema`` writes the schemas into a copy of the examples; check-jsonschema
then accepts every example file, and on a set of files broken at the schema level
(wrong type, unknown key, value outside an enumeration, missing key) it rejects exactly
the files in which validate reports a schema finding. A break that no schema can see
(a link to a goal that does not exist) passes both.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from malstyrning.checks import all_rules
from malstyrning.schemagen import defaults
from tests.plans import EXAMPLES, SHAPES
from tests.test_cli import cli

pytest.importorskip("check_jsonschema")

SCHEMA_CODES = {r.code for r in all_rules() if r.scope == "schema"}

# (file, text, replacement): each breaks one file, most at the schema level
BREAKS = [
    ("namnder/utbildningsnamnden-2027.yaml", "ram: 548900", "ram: mycket"),
    ("namnder/samhallsbyggnadsnamnden-2027.yaml", "riktning: högre", "riktning: uppåt"),
    ("enheter/vretaskolan-2027.yaml", "bidrar_till: [UBN-E4]", "bidrar_tll: [UBN-E4]"),
    ("forvaltningar/utbildningsforvaltningen-2027.yaml", "\nperiod: 2027\n", "\n"),
    ("uppfoljning/2027-helar/ubn.yaml", "status: genomförd", "status: klar"),
    ("organisation.yaml", "nivå: enhet", "nivå: skola"),
    ("kommunfullmaktige/verksamhetsplan-2027.yaml", "beslutad: ", "beslutad: [inte, datum] #"),
    # not visible to a schema: the link points at a goal that does not exist
    ("forvaltningar/kultur-och-fritidsforvaltningen-2027.yaml", "bidrar_till: [KFN-E",
     "bidrar_till: [KFN-X"),
]


def _check_jsonschema() -> list[str]:
    beside = Path(sys.executable).with_name("check-jsonschema")
    return [str(beside)] if beside.is_file() else [sys.executable, "-m", "check_jsonschema"]


def _kind(path: Path) -> str | None:
    match = re.search(r"^typ:\s*(\S+)", path.read_text("utf-8"), re.M)
    return match.group(1) if match else None


def _client_verdicts(repo: Path) -> dict[str, bool]:
    """File → accepted by check-jsonschema against the repository's own schemas."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for path in sorted(repo.rglob("*.yaml")):
        if ".malstyrning_cache" in path.parts:
            continue
        kind = _kind(path)
        assert kind in defaults()["dokumenttyper"], path
        by_kind[kind].append(path.relative_to(repo).as_posix())
    verdicts: dict[str, bool] = {}
    for kind, files in sorted(by_kind.items()):
        schema = repo / "scheman" / defaults()["dokumenttyper"][kind]
        done = subprocess.run([*_check_jsonschema(), "-o", "json", "--schemafile",
                               str(schema), *files], cwd=repo, capture_output=True,
                              text=True, timeout=120, check=False)
        report = json.loads(done.stdout)
        failing = {e["filename"] for e in report.get("errors", [])} | {
            e["filename"] for e in report.get("parse_errors", [])}
        assert done.returncode == (1 if failing else 0), done.stdout + done.stderr
        verdicts.update({f: f not in failing for f in files})
    return verdicts


def _validate_verdicts(repo: Path) -> dict[str, bool]:
    """File → no schema finding from validate."""
    done = cli("validate", "-f", "json", "--no-cache", str(repo), cwd=repo)
    assert done.returncode in (0, 1), done.stderr
    flagged = {f["fil"] for f in json.loads(done.stdout)["fynd"] if f["kod"] in SCHEMA_CODES}
    files = [p.relative_to(repo).as_posix() for p in repo.rglob("*.yaml")
             if ".malstyrning_cache" not in p.parts]
    return {f: f not in flagged for f in files}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "planer"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    done = cli("schema", str(target))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (target / "scheman").iterdir()) == sorted(
        defaults()["dokumenttyper"].values())
    return target


def test_every_example_file_passes_check_jsonschema(repo: Path) -> None:
    verdicts = _client_verdicts(repo)
    assert len(verdicts) == len(list(EXAMPLES.rglob("*.yaml")))
    assert all(verdicts.values()), [f for f, ok in verdicts.items() if not ok]
    assert cli("validate", "--no-cache", str(repo)).returncode == 0


def test_check_jsonschema_and_validate_agree_on_broken_files(repo: Path) -> None:
    for rel, old, new in BREAKS:
        path = repo / rel
        text = path.read_text("utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), "utf-8")
    client = _client_verdicts(repo)
    ours = _validate_verdicts(repo)
    assert client == ours
    rejected = sorted(f for f, ok in client.items() if not ok)
    assert rejected == sorted(rel for rel, _, _ in BREAKS[:-1])


def test_validate_warns_when_the_schemas_fall_behind_the_model(repo: Path) -> None:
    assert cli("validate", "--no-cache", "--strict", str(repo)).returncode == 0
    settings = repo / "malstyrning.yaml"
    # the kommun writes the default chain out and words one level's description its own
    # way: the plans stay valid, the editor schemas' help texts no longer fit
    chain = json.loads((Path(__file__).parents[1] / "src" / "malstyrning" / "data" /
                        "standard.json").read_text("utf-8"))["målkedja"]
    chain[2]["beskrivning"] = "Nämndens mål för året, som kommunen själv beskriver dem."
    with settings.open("a", encoding="utf-8") as handle:
        handle.write("målkedja: " + json.dumps(chain, ensure_ascii=False) + "\n")
    done = cli("validate", "--no-cache", "-f", "concise", str(repo))
    assert done.returncode == 0, done.stdout
    assert "[MS025]" in done.stdout and "scheman/verksamhetsplan.schema.json" in done.stdout
    assert cli("validate", "--no-cache", "--strict", str(repo)).returncode == 1
    assert cli("schema", str(repo)).returncode == 0
    assert "[MS025]" not in cli("validate", "--no-cache", "-f", "concise", str(repo)).stdout


def _point_modelines_at_the_repository(repo: Path) -> None:
    """Every file's modeline names its schema in the repository's scheman/, as
    `malstyrning init` writes them."""
    for path in repo.rglob("*.yaml"):
        if ".malstyrning_cache" in path.parts:
            continue
        kind = _kind(path)
        assert kind is not None
        up = "../" * (len(path.relative_to(repo).parts) - 1)
        line = (f"# yaml-language-server: $schema={up}scheman/"
                f"{defaults()['dokumenttyper'][kind]}\n")
        text = path.read_text("utf-8")
        if text.startswith("# yaml-language-server:"):
            text = text.split("\n", 1)[1]
        path.write_text(line + text, "utf-8")


def test_yaml_language_server_agrees_with_validate(repo: Path) -> None:
    """The real editor server (yaml-language-server, as VS Code's YAML extension runs
    it) over stdio: no error in any example file, and errors in exactly the files where
    validate has schema findings, on the lines validate names."""
    from tests.lsp import LanguageClient, find_server

    command = find_server()
    if command is None:
        pytest.skip("yaml-language-server is not installed (.ci/run installs it with npm "
                    "into .ci/node; or set YAML_LANGUAGE_SERVER)")
    _point_modelines_at_the_repository(repo)
    for rel, old, new in BREAKS:
        path = repo / rel
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    done = cli("validate", "-f", "json", "--no-cache", str(repo), cwd=repo)
    lines: dict[str, set[int]] = defaultdict(set)
    for f in json.loads(done.stdout)["fynd"]:
        if f["kod"] in SCHEMA_CODES:
            lines[f["fil"]].add(f["rad"])
    client = LanguageClient(command, repo)
    try:
        seen: dict[str, set[int]] = {}
        for path in sorted(repo.rglob("*.yaml")):
            if ".malstyrning_cache" in path.parts:
                continue
            errors = [d for d in client.diagnose(path) if d.get("severity", 1) == 1]
            if errors:
                seen[path.relative_to(repo).as_posix()] = {
                    d["range"]["start"]["line"] + 1 for d in errors}
    finally:
        client.close()
    assert sorted(seen) == sorted(lines) == sorted(rel for rel, _, _ in BREAKS[:-1])
    for rel, ours in lines.items():
        assert ours & seen[rel], (rel, ours, seen[rel])


@pytest.mark.parametrize("shape", [s for s, root in SHAPES.items() if root != EXAMPLES])
def test_every_shape_passes_check_jsonschema_with_its_own_schemas(shape: str,
                                                                  tmp_path: Path) -> None:
    """The other example shapes carry their model's schemas in scheman/: a real client
    accepts every file with them, as validate does (MS025 included)."""
    target = tmp_path / shape
    shutil.copytree(SHAPES[shape], target, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    verdicts = _client_verdicts(target)
    assert len(verdicts) == len(list(SHAPES[shape].rglob("*.yaml")))
    assert all(verdicts.values()), [f for f, ok in verdicts.items() if not ok]
    assert _validate_verdicts(target) == verdicts
    done = cli("validate", "--no-cache", str(target))
    assert done.returncode == 0 and "MS025" not in done.stdout, done.stdout
