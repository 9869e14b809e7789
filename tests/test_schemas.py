"""The JSON Schemas in ``schemas/``: valid Draft 2020-12, documented in Swedish, and
matching the example files (which point editors at them)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from malstyrning import schemagen
from malstyrning.checks.schema import known_kinds, load_schema, schema_dir
from malstyrning.config import SteeringModel, defaults
from malstyrning.load.reader import read
from malstyrning.pipeline import load_settings
from tests.plans import EXAMPLES, REPO_ROOT, SCHEMAS, SHAPES

SCHEMA_FILES = sorted(SCHEMAS.glob("*.schema.json"))
EXAMPLE_FILES = sorted(p for root in SHAPES.values() for p in root.rglob("*.yaml"))
# The other shapes carry their own model's schemas (`malstyrning schema --out scheman`).
SHAPE_SCHEMA_DIRS = {name: root / "scheman" for name, root in SHAPES.items()
                     if root != EXAMPLES}


def _shape_of(path: Path) -> Path:
    return next(root for root in SHAPES.values() if root in path.parents)


def _model(path: Path) -> SteeringModel:
    return load_settings(_shape_of(path)).steering

# Words that give away English text; Swedish descriptions use none of them.
_ENGLISH = re.compile(r"\b(the|and|of|must|should|which|with|list|name|date|value|"
                      r"identifier|optional|required)\b", re.IGNORECASE)
# Every description is at least a short Swedish phrase.
_SWEDISH = re.compile(r"\b(och|eller|en|ett|är|som|för|i|på|av|med|till|den|det|om|vad|"
                      r"var|vilka?|hur|ska|får|alla?)\b|t\.ex\.|[åäöÅÄÖ]")


def _schema(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _subschemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema reached through properties, patternProperties, $defs, items,
    oneOf and anyOf, with a JSON pointer-like location."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for keyword in ("properties", "patternProperties", "$defs"):
        for name, sub in schema.get(keyword, {}).items():
            yield from _subschemas(sub, f"{where}/{keyword}/{name}")
    if "items" in schema:
        yield from _subschemas(schema["items"], f"{where}/items")
    for keyword in ("oneOf", "anyOf", "allOf"):
        for i, sub in enumerate(schema.get(keyword, [])):
            yield from _subschemas(sub, f"{where}/{keyword}/{i}")


def test_there_are_schemas_for_every_document_kind() -> None:
    names = {p.name for p in SCHEMA_FILES}
    assert set(defaults()["dokumenttyper"].values()) <= names
    for path in SCHEMA_FILES:
        shipped = schema_dir() / path.name
        assert shipped.is_file(), f"{path.name} is not shipped with the package"
        assert shipped.read_bytes() == path.read_bytes(), f"{path.name}: shipped copy differs"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = _schema(path)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("$id"), "every schema has an $id"


def test_schema_ids_are_unique() -> None:
    ids = [_schema(p)["$id"] for p in SCHEMA_FILES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_property_has_a_swedish_title_and_description(path: Path) -> None:
    problems = []
    for where, sub in _subschemas(_schema(path)):
        if set(sub) <= {"$ref"}:
            continue  # a bare reference: the target has the texts
        title, description = sub.get("title"), sub.get("description")
        if not isinstance(title, str) or not title.strip():
            problems.append(f"{where}: no title")
        if not isinstance(description, str) or not description.strip():
            problems.append(f"{where}: no description")
            continue
        if not _SWEDISH.search(description) or _ENGLISH.search(f"{title} {description}"):
            problems.append(f"{where}: not Swedish? {title!r}: {description!r}")
    assert problems == []


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_references_resolve(path: Path) -> None:
    schema = _schema(path)
    for where, sub in _subschemas(schema):
        ref = sub.get("$ref")
        if ref is None:
            continue
        assert ref.startswith("#/$defs/"), (where, ref)
        assert ref.removeprefix("#/$defs/") in schema.get("$defs", {}), (where, ref)


def test_load_schema_reads_the_shipped_files() -> None:
    for kind in known_kinds():
        schema = load_schema(kind)
        assert schema is not None
        assert schema["properties"]["typ"]["const"] == kind
    assert load_schema("okänd") is None


# --- the example files ------------------------------------------------------------------


def test_examples_are_there() -> None:
    assert len(EXAMPLE_FILES) > 10


def _example_id(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT / "examples"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_example_id)
def test_example_validates_against_its_schema(path: Path) -> None:
    parsed = read(path.name, path.read_bytes())
    assert parsed.findings == []
    assert parsed.data is not None
    schema = load_schema(parsed.data["typ"], _model(path))
    assert schema is not None, parsed.data["typ"]
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(parsed.data)]
    assert errors == []


_MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)$")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_example_id)
def test_example_points_editors_at_its_schema(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    match = _MODELINE.match(first)
    assert match, f"first line should be `# yaml-language-server: $schema=…`, is {first!r}"
    target = (path.parent / match.group(1)).resolve()
    assert target.is_file(), f"{match.group(1)} does not exist"
    kind = read(path.name, path.read_bytes()).data["typ"]  # type: ignore[index]
    assert target.name == defaults()["dokumenttyper"][kind], "the schema for the file's typ"
    expected = SCHEMAS if _shape_of(path) == EXAMPLES else _shape_of(path) / "scheman"
    assert target.parent == expected.resolve(), "the schemas of the repository's own model"


@pytest.mark.parametrize("folder", list(SHAPE_SCHEMA_DIRS.values()), ids=list(SHAPE_SCHEMA_DIRS))
def test_example_schemas_are_those_of_its_model(folder: Path) -> None:
    """Regenerate with `malstyrning schema examples/<shape> --out examples/<shape>/scheman`."""
    model = load_settings(folder.parent).steering
    expected = {schemagen.file_name(kind): schemagen.schema_text(load_schema(kind, model) or {})
                for kind in defaults()["dokumenttyper"]}
    found = {p.name: p.read_text("utf-8") for p in folder.glob("*.json")}
    assert found == expected
