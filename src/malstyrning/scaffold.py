"""A new plan repository from one of the example shapes (``malstyrning init``).

The examples are complete, valid repositories of four shapes of steering model (Heby's
default, a big city, a small kommun, a region). ``init`` copies the chosen one, puts the
kommun's name and code in ``malstyrning.yaml``, writes the model's own JSON Schemas to
``scheman/`` and points every file's modeline at them, and adds the files a plan
repository lives with (editor settings, ``.gitignore``, a short README; the CI and
pre-commit files when it is told where malstyrning is installed from). It never
overwrites a file: what exists is left alone and reported.

:func:`plan_files` says what would be written; :func:`write` writes what is missing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from malstyrning import __version__

# Shape name → folder under examples/.
SHAPES = {"heby": "plans", "storstad": "storstad", "liten-kommun": "liten-kommun",
          "region": "region"}
SCHEMA_DIR = "scheman"
KOMMUNKOD = re.compile(r"^[0-9]{4}$")
_MODELINE = re.compile(r"^# yaml-language-server: \$schema=\S+$")
_SCHEMA_NAME = re.compile(r"\$schema=\S*?([^/]+\.schema\.json)$")


@cache
def examples_dir() -> Path:
    """The example repositories: inside the installed package, or ``examples/`` in a
    checkout (as the shipped schemas are found)."""
    packaged = Path(__file__).resolve().parent / "examples"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "examples"


class ScaffoldError(Exception):
    """The target cannot take a new plan repository; the message says why, in Swedish."""


@dataclass(frozen=True)
class Request:
    """What ``init`` was asked for."""

    target: Path
    shape: str
    kommun: str
    kommunkod: str
    source_url: str = ""


def problems(request: Request) -> list[str]:
    """What is wrong with the request (empty when it can be carried out)."""
    out = []
    if request.shape not in SHAPES:
        out.append(f"`{request.shape}` är ingen modell. Välj "
                   + ", ".join(f"`{s}`" for s in SHAPES) + ".")
    if not request.kommun.strip():
        out.append("Kommunens eller regionens namn saknas (--kommun).")
    if not KOMMUNKOD.match(request.kommunkod):
        out.append(f"Kommunkoden `{request.kommunkod}` ska vara fyra siffror, t.ex. 0331 "
                   "(en region: 00 och länskoden, t.ex. 0003).")
    return out


def _settings_text(source: str, request: Request) -> str:
    """The example's ``malstyrning.yaml`` with the kommun's name and code, its own
    header comment replaced by one that says where the plans come from."""
    lines = source.splitlines()
    body = list(lines[1:] if lines and _MODELINE.match(lines[0]) else lines)
    while body and body[0].startswith("#"):
        body.pop(0)
    out = []
    for line in body:
        if line.startswith("kommun:"):
            line = f"kommun: {json.dumps(request.kommun.strip(), ensure_ascii=False)}"
        elif line.startswith("kommunkod:"):
            line = f'kommunkod: "{request.kommunkod}"'
        out.append(line)
    header = [
        f"# yaml-language-server: $schema={SCHEMA_DIR}/installningar.schema.json",
        f"# Planrepo för {request.kommun.strip()}, skapat med "
        f"`malstyrning init --modell {request.shape}`.",
        "# Exempel: styrmodellen och alla planer kommer från exemplet; mål, aktiviteter,",
        "# organisation, belopp och mätvärden är påhittade. Ersätt dem med era egna och",
        "# kör `malstyrning validate`. Ändras styrmodellen: `malstyrning schema . --out "
        f"{SCHEMA_DIR}`.",
    ]
    return "\n".join(header + out) + "\n"


def _with_modeline(text: str, rel: str) -> str:
    """``text`` with its modeline pointing at the same schema in ``scheman/``."""
    lines = text.split("\n")
    if not lines or not _MODELINE.match(lines[0]):
        return text
    match = _SCHEMA_NAME.search(lines[0])
    if match is None:
        return text
    depth = rel.count("/")
    target = "../" * depth + f"{SCHEMA_DIR}/{match.group(1)}"
    lines[0] = f"# yaml-language-server: $schema={target}"
    return "\n".join(lines)


def _support_files(request: Request) -> dict[str, str]:
    """Editor, git, CI and README files for the new repository."""
    schemas = {"installningar.schema.json": ["malstyrning.yaml"],
               "organisation.schema.json": ["organisation.yaml"],
               "uppfoljning.schema.json": ["uppfoljning/**/*.yaml"]}
    vscode = {"yaml.schemas": {f"./{SCHEMA_DIR}/{name}": globs
                               for name, globs in schemas.items()},
              "files.encoding": "utf8", "files.eol": "\n"}
    files = {
        ".vscode/settings.json": json.dumps(vscode, ensure_ascii=False, indent=2) + "\n",
        ".gitignore": ".malstyrning_cache/\nbuild/\n",
        "README.md": _readme(request),
    }
    if request.source_url:
        install = f'pip install "git+{request.source_url}@v{__version__}"'
        files[".pre-commit-config.yaml"] = (
            "repos:\n"
            f"  - repo: {request.source_url}\n"
            f"    rev: v{__version__}\n"
            "    hooks:\n"
            "      - id: malstyrning-validate\n")
        files[".github/workflows/malstyrning.yml"] = (
            "name: malstyrning\n"
            "on: [push, pull_request]\n"
            "jobs:\n"
            "  validate:\n"
            "    runs-on: ubuntu-latest\n"
            "    permissions:\n"
            "      contents: read\n"
            "    steps:\n"
            "      - uses: actions/checkout@v4\n"
            "      - uses: actions/setup-python@v5\n"
            "        with:\n"
            '          python-version: "3.12"\n'
            f"      - run: {install}\n"
            "      # annoteringar och stegsammanfattning (formatet github väljs automatiskt)\n"
            "      - run: malstyrning validate\n")
        files[".gitlab-ci.yml"] = (
            "malstyrning:\n"
            "  image: python:3.12\n"
            "  script:\n"
            f"    - {install}\n"
            "    - malstyrning validate --format gitlab > gl-code-quality-report.json || true\n"
            "    - malstyrning validate --format junit > malstyrning-junit.xml || true\n"
            "    - malstyrning validate\n"
            "  artifacts:\n"
            "    when: always\n"
            "    reports:\n"
            "      codequality: gl-code-quality-report.json\n"
            "      junit: malstyrning-junit.xml\n")
    return files


def _readme(request: Request) -> str:
    kommun = request.kommun.strip()
    return (
        f"# Mål och planer för {kommun}\n\n"
        "Verksamhetsplaner och uppföljningar som YAML-filer i git, kontrollerade med "
        f"malstyrning {__version__}.\n\n"
        f"Repot skapades med `malstyrning init --modell {request.shape}`. Styrmodellen står i "
        "`malstyrning.yaml`; planerna, organisationen och mätvärdena kommer från exemplet "
        "och är påhittade. Ersätt dem med era egna.\n\n"
        "## Så arbetar du\n\n"
        "1. Ändra eller lägg till en plan i rätt mapp (en fil per organisation och period).\n"
        "2. Kör `malstyrning validate`. Varje fynd säger fil, rad och hur det rättas.\n"
        "3. Visa målkedjan med `malstyrning tree` och skapa dokumenten med "
        "`malstyrning render --out build/`.\n"
        "4. Ändras styrmodellen i `malstyrning.yaml`: skriv om schemana för editorn med "
        f"`malstyrning schema . --out {SCHEMA_DIR}`.\n\n"
        "I VS Code med YAML-tillägget visar raden `# yaml-language-server: $schema=…` överst "
        "i varje fil hjälptexter och fel medan du skriver.\n")


def plan_files(request: Request) -> dict[str, str]:
    """Every file of the new repository (relative POSIX path → text), schemas excluded."""
    source = examples_dir() / SHAPES[request.shape]
    if not (source / "malstyrning.yaml").is_file():
        raise ScaffoldError(f"Exemplet {request.shape} finns inte i installationen "
                            f"({source}).")
    files: dict[str, str] = {}
    for path in sorted(source.rglob("*.yaml")):
        rel = path.relative_to(source).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts):
            continue
        text = path.read_text("utf-8")
        files[rel] = (_settings_text(text, request) if rel == "malstyrning.yaml"
                      else _with_modeline(text, rel))
    files.update(_support_files(request))
    return files


@dataclass(frozen=True)
class Outcome:
    """What :func:`write` did: files written and files that were already there."""

    written: tuple[str, ...]
    kept: tuple[str, ...]


def write(request: Request) -> Outcome:
    """Write the new repository into ``request.target``, never overwriting a file.

    The plans are copied only into a folder that is not a plan repository yet and holds
    no YAML files; in an existing repository only the missing support files and
    schemas are added.
    """
    from malstyrning import schemagen
    from malstyrning.checks.schema import load_schema
    from malstyrning.pipeline import ConfigError, load_settings

    target = request.target
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} är en fil, inte en mapp.")
    files = plan_files(request)
    existing_repo = (target / "malstyrning.yaml").exists()
    if not existing_repo and target.is_dir():
        stray = sorted(p.relative_to(target).as_posix() for p in target.rglob("*.y*ml")
                       if p.suffix in (".yaml", ".yml")
                       and not any(part.startswith(".") for part in
                                   p.relative_to(target).parts))
        if stray:
            raise ScaffoldError(f"{target} har redan YAML-filer ({', '.join(stray[:3])}"
                                + (" …" if len(stray) > 3 else "") + ") men ingen "
                                "malstyrning.yaml. Välj en tom mapp för det nya planrepot.")
    if existing_repo:
        files = {rel: text for rel, text in files.items() if not rel.endswith(".yaml")
                 or rel.startswith(".")}
    written: list[str] = []
    kept: list[str] = []
    for rel, text in files.items():
        _write_new(target, rel, text, written, kept)
    try:
        settings = load_settings(target)
    except ConfigError as err:
        raise ScaffoldError("malstyrning.yaml i mappen behöver rättas innan schemana kan "
                            "skrivas; kör `malstyrning validate`.") from err
    for kind in sorted(schemagen.defaults()["dokumenttyper"]):
        document = load_schema(kind, settings.steering)
        if document is None:
            continue
        _write_new(target, f"{SCHEMA_DIR}/{schemagen.file_name(kind)}",
                   schemagen.schema_text(document), written, kept)
    return Outcome(tuple(written), tuple(kept))


def _write_new(root: Path, rel: str, text: str, written: list[str], kept: list[str]) -> None:
    path = root / rel
    if os.path.lexists(path):
        kept.append(rel)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # "x": fail rather than overwrite a file that appeared meanwhile
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    written.append(rel)
