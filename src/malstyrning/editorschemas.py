"""The editor schemas of a plan repository: written by ``malstyrning schema``, kept
current by a warning from ``validate``.

An editor (VS Code with the YAML extension, any client of yaml-language-server) and
check-jsonschema read JSON Schema files from the plan repository itself. They are
generated from the repository's own steering model, so they go out of date when
``malstyrning.yaml`` changes the chain or when a new malstyrning generates them
differently. By convention they live in :data:`SCHEMA_FOLDER` (``scheman/``) at the plan
root, where ``malstyrning schema`` writes them by default; validate also checks every
local schema that ``.vscode/settings.json`` names under ``yaml.schemas``.

A file is one of ours when its ``$id`` is malstyrning's (``urn:malstyrning:schema:…``);
other JSON files in the folder are left alone.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from malstyrning.config import Settings, defaults
from malstyrning.findings import Finding

SCHEMA_FOLDER = "scheman"
VSCODE_SETTINGS = ".vscode/settings.json"
_ID_PREFIX = "urn:malstyrning:schema:"
_MAX_BYTES = 5_000_000


def expected(settings: Settings) -> dict[str, str]:
    """File name → the exact text ``malstyrning schema`` writes for ``settings``."""
    from malstyrning import schemagen
    from malstyrning.checks.schema import load_schema

    texts: dict[str, str] = {}
    for kind in sorted(defaults()["dokumenttyper"]):
        document = load_schema(kind, settings.steering)
        assert document is not None
        texts[schemagen.file_name(kind)] = schemagen.schema_text(document)
    return texts


def write(out: Path, settings: Settings) -> list[Path]:
    """Write the schemas into ``out`` (created if needed); the files that changed."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected(settings).items():
        target = out / name
        if not target.is_file() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8", newline="\n")
            written.append(target)
    return written


@dataclass(frozen=True, slots=True)
class _Place:
    rel: str  # the schema's path relative to the plan root
    why: str  # where the editor is told about it


def _vscode_schemas(root: Path) -> list[_Place]:
    """Local schema files named in ``.vscode/settings.json`` (``yaml.schemas`` keys)."""
    places = []
    for base in (root, *root.parents):
        settings = base / VSCODE_SETTINGS
        if not settings.is_file():
            continue
        try:
            data = json.loads(_strip_comments(settings.read_text("utf-8")))
        except (OSError, ValueError, UnicodeDecodeError):
            return []
        schemas = data.get("yaml.schemas") if isinstance(data, dict) else None
        if not isinstance(schemas, dict):
            return []
        for key in schemas:
            if not isinstance(key, str) or "://" in key:
                continue
            full = (base / key.removeprefix("./")).resolve()
            try:
                rel = full.relative_to(root.resolve()).as_posix()
            except ValueError:
                continue
            places.append(_Place(rel, os.path.relpath(settings, root)))
        return places
    return []


def _strip_comments(text: str) -> str:
    """VS Code's settings are JSON with comments; drop ``//`` line comments outside
    strings (enough for settings files; block comments are rare there)."""
    out = []
    for line in text.splitlines():
        in_string = False
        escaped = False
        for i, char in enumerate(line):
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = not in_string
            elif char == "/" and not in_string and line[i + 1:i + 2] == "/":
                line = line[:i]
                break
        out.append(line)
    return "\n".join(out)


def _read_ours(path: Path) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if isinstance(data, dict) and str(data.get("$id", "")).startswith(_ID_PREFIX):
        return data
    return None


def stale(root: Path, settings: Settings) -> list[Finding]:
    """MS025 for each schema in the repository that differs from what the model gives,
    and for each one that the convention folder or the editor settings lack."""
    places: list[_Place] = []
    if (root / SCHEMA_FOLDER).is_dir():
        from malstyrning import schemagen

        places = [_Place(f"{SCHEMA_FOLDER}/{schemagen.file_name(kind)}",
                         f"mappen {SCHEMA_FOLDER}/")
                  for kind in sorted(defaults()["dokumenttyper"])]
    known = {p.rel for p in places}
    places += [p for p in _vscode_schemas(root) if p.rel not in known]
    if not places:
        return []  # (the schemas' texts take a while to compose: only when compared)
    texts = expected(settings)
    findings: list[Finding] = []
    for place in places:
        path = root / place.rel
        if not path.exists():
            findings.append(_missing(place))
            continue
        data = _read_ours(path)
        if data is None:
            continue  # not a schema of malstyrning's: the repository's own business
        want = texts.get(str(data["$id"]).rsplit(":", 1)[-1] + ".schema.json")
        try:
            current = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if want is not None and current != want:
            findings.append(_outdated(place))
    return findings


def _command(place: _Place) -> str:
    parent = place.rel.rsplit("/", 1)[0] if "/" in place.rel else "."
    return "malstyrning schema" if parent == SCHEMA_FOLDER else (
        f"malstyrning schema --out {parent}")


def _outdated(place: _Place) -> Finding:
    return Finding("MS025", place.rel,
                   f"Schemat `{place.rel}` stämmer inte med planrepots styrmodell (det skrevs "
                   "för en annan malstyrning.yaml eller av en annan version av malstyrning); "
                   "editorn kontrollerar då mot fel nivåer och nycklar.",
                   f"Skriv om schemana med `{_command(place)}` och lägg in dem i git.",
                   line=1, column=1)


def _missing(place: _Place) -> Finding:
    return Finding("MS025", place.rel,
                   f"Schemat `{place.rel}` saknas ({place.why} pekar ut det), så editorn kan "
                   "inte kontrollera filerna mot det.",
                   f"Skriv schemana med `{_command(place)}`, eller ta bort hänvisningen.",
                   line=1, column=1)
