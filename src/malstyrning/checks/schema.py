"""Schema checks: every violation of the JSON Schemas, in Swedish, with a hint.

Valid files (nearly all of them) pass through jsonschema-rs in microseconds; only a
file that fails is walked again with jsonschema to describe each problem.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from malstyrning.checks.base import declare
from malstyrning.config import SteeringModel, defaults, steering_model
from malstyrning.findings import Finding, JsonPath, Severity
from malstyrning.load.positions import Locator
from malstyrning.text import number
from malstyrning.values import YEAR_MAX, YEAR_MIN, int_text

declare("MS100", "schemafel", Severity.ERROR, "Värdet följer inte schemat.", scope="schema",
        good="period: 2027", bad="period: [2027]")
declare("MS101", "okänd-nyckel", Severity.ERROR, "Nyckeln finns inte i schemat.",
        scope="schema",
        explanation="Ofta ett stavfel; meddelandet föreslår den närmaste kända nyckeln.",
        good="bidrar_till: [I1]", bad="bidrar_tll: [I1]")
declare("MS102", "saknad-nyckel", Severity.ERROR, "En obligatorisk nyckel saknas.",
        scope="schema", good="- id: UBN-E1\n  namn: Fler elever når målen",
        bad="- id: UBN-E1")
declare("MS103", "fel-typ", Severity.ERROR,
        "Värdet har fel typ (text, tal, lista eller mappning).", scope="schema",
        good="bidrar_till: [I1]", bad="bidrar_till: {I1: ja}")
declare("MS104", "otillåtet-värde", Severity.ERROR,
        "Värdet är inte tillåtet (fel ord, fel form eller utanför gränserna).",
        scope="schema", good="riktning: högre", bad="riktning: uppåt")
declare("MS105", "id-som-tal", Severity.ERROR,
        "Ett id eller en text läses som ett tal eftersom det saknar citattecken.",
        scope="schema",
        explanation="YAML läser `1.1` som decimaltalet 1,1 och `1.10` blir också 1,1. "
        "Id:n ska vara text: sätt dem inom citattecken.",
        good="id: \"1.1\"", bad="id: 1.1")


@cache
def schema_dir() -> Path:
    """The shipped schemas: inside the installed package, or ``schemas/`` in a checkout."""
    packaged = Path(__file__).resolve().parents[1] / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "schemas"


@cache
def _shipped(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((schema_dir() / name).read_text("utf-8"))
    return schema


def load_schema(kind: str, model: SteeringModel | None = None) -> dict[str, Any] | None:
    """The schema for documents of ``kind`` under ``model`` (the default model if None).

    Plans, follow-ups and the organisation register get schemas generated from the
    steering model (cached per model); the settings file has its own fixed schema.
    """
    from malstyrning import schemagen

    name = defaults()["dokumenttyper"].get(kind)
    if name is None:
        return None
    if kind in schemagen.GENERATED:
        return schemagen.schemas_for(model or _default_model())[kind]
    return _shipped(name)


@cache
def _default_model() -> SteeringModel:
    return steering_model(None)


_FAST: dict[tuple[str, str], Any] = {}
_DETAIL: dict[tuple[str, str], Any] = {}


def _fast_validator(kind: str, model: SteeringModel | None = None) -> Any:
    import jsonschema_rs

    model = model or _default_model()
    key = (kind, model.fingerprint)
    if key not in _FAST:
        schema = load_schema(kind, model)
        assert schema is not None, kind
        _FAST[key] = jsonschema_rs.validator_for(schema, validate_formats=True)
    return _FAST[key]


def _canonical(value: Any) -> Any:
    """A hashable stand-in that is equal exactly when JSON Schema calls two values equal
    (``1 == 1.0``, ``true != 1``, mappings regardless of key order, lists in order)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, list):
        return ("list", tuple(_canonical(v) for v in value))
    if isinstance(value, dict):
        return ("map", frozenset((k, _canonical(v)) for k, v in value.items()))
    return ("value", value)


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``uniqueItems`` in linear time.

    jsonschema compares every pair when the items cannot be sorted (mappings, or text
    mixed with numbers): a 100 kB list of mappings took seconds, 1 MB would take hours.
    """
    from jsonschema.exceptions import ValidationError

    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set[Any] = set()
    for item in instance:
        key = _canonical(item)
        if key in seen:
            yield ValidationError("has non-unique elements")
            return
        seen.add(key)


def _detail_validator(kind: str, model: SteeringModel | None = None) -> Any:
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    model = model or _default_model()
    key = (kind, model.fingerprint)
    if key not in _DETAIL:
        validator = extend(Draft202012Validator, {"uniqueItems": _unique_items})
        _DETAIL[key] = validator(load_schema(kind, model),
                                 format_checker=Draft202012Validator.FORMAT_CHECKER)
    return _DETAIL[key]


def known_kinds() -> list[str]:
    return list(defaults()["dokumenttyper"])


def check_kind(rel: str, data: dict[str, Any], locator: Locator) -> Finding | None:
    """MS010 when ``typ`` is missing or unknown."""
    kind = data.get("typ")
    kinds = known_kinds()
    if isinstance(kind, str) and kind in kinds:
        return None
    listing = ", ".join(f"`{k}`" for k in kinds)
    if kind is None:
        line, col = locator.position(())
        return Finding("MS010", rel, "Filen saknar nyckeln `typ`, så malstyrning vet inte "
                       "vad den är.", f"Lägg till en rad överst, till exempel "
                       f"`typ: verksamhetsplan`. Möjliga typer: {listing}. Hör filen inte "
                       "till planen? Lägg den under `exkludera` i malstyrning.yaml.",
                       line=line, column=col)
    close = difflib.get_close_matches(str(kind), kinds, n=1, cutoff=0.6)
    hint = f"Menade du `{close[0]}`? " if close else ""
    line, col = locator.position(("typ",))
    return Finding("MS010", rel, f"Okänd dokumenttyp `{_short(kind)}`.",
                   f"{hint}Möjliga typer: {listing}.", path=("typ",), line=line, column=col)


def check_document(rel: str, data: dict[str, Any], kind: str, locator: Locator,
                   model: SteeringModel | None = None) -> list[Finding]:
    """Every schema violation in one document under ``model``, located and explained."""
    fast = _fast_validator(kind, model) if model is not None else _fast_validator(kind)
    if fast.is_valid(data):
        return []
    findings: list[Finding] = []
    seen: set[tuple[str, JsonPath, str]] = set()
    detail = _detail_validator(kind, model) if model is not None else _detail_validator(kind)
    synonyms = (model or _default_model()).synonyms
    for error in detail.iter_errors(data):
        for finding in _translate(rel, error, locator, synonyms):
            key = (finding.code, finding.path, finding.message)
            if key not in seen:
                seen.add(key)
                line, col = locator.position(finding.path, finding.at_key)
                findings.append(finding.with_(line=line, column=col))
    return findings


@lru_cache(maxsize=4096)
def _closest(word: str, candidates: tuple[str, ...], cutoff: float = 0.6) -> list[str]:
    """The nearest known word (difflib), remembered: a broken file repeats the same
    wrong key or value in thousands of items, and each comparison costs the same."""
    return difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)


_TYPE_NAMES = {
    "string": "text", "integer": "ett heltal", "number": "ett tal", "object":
    "en mappning (nycklar med värden)", "array": "en lista", "boolean": "sant eller falskt",
    "null": "tomt",
}


def _type_of(value: Any) -> str:
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "sant/falskt"
    if isinstance(value, int):
        return f"heltalet {int_text(value)}"
    if isinstance(value, float):
        return f"talet {value}".replace(".", ",")
    if isinstance(value, str):
        return f"texten \"{_short(value)}\""
    if isinstance(value, list):
        return "en lista"
    return "en mappning"


_DECIMAL_COMMA = re.compile(r"^[-+−]?\d[\d\s]*,\d+$")


def _short(value: Any, limit: int = 40) -> str:
    if value is None or value == "":
        return "(tomt)"
    if isinstance(value, int) and not isinstance(value, bool):
        text = int_text(value)
    else:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    # the value is shown between backticks: one of its own would end the code span and
    # garble the message in every format (found by the fuzz campaign)
    text = text.replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(error: Any, path: JsonPath) -> str:
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    key = next((p for p in reversed(path) if isinstance(p, str)), None)
    if key and title and title.lower() != key.lower():
        return f"`{key}` ({title.lower()})"
    if key:
        return f"`{key}`"
    return title.lower() if title else "värdet"


def _describe(error: Any) -> str:
    desc = error.schema.get("description") if isinstance(error.schema, dict) else None
    return str(desc).strip() if desc else ""


def _translate(rel: str, error: Any, locator: Locator,
               synonyms: dict[str, str] | None = None) -> list[Finding]:
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    where = f" under `{_where(path)}`" if path else " på filens översta nivå"

    if keyword == "additionalProperties" and isinstance(instance, dict):
        props = schema.get("properties", {})
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        out = []
        for key in instance:
            if key in props or any(p.search(str(key)) for p in patterns):
                continue
            close = _closest(str(key), tuple(props))
            allowed = ", ".join(f"`{p}`" for p in props)
            meant = (synonyms or {}).get(str(key))
            if meant in props:
                hint = f"Skriv `{meant}:` — det som kallas {key} heter `{meant}` i planfilerna."
            elif close:
                hint = f"Menade du `{close[0]}`?"
            else:
                hint = f"Tillåtna nycklar här: {allowed}."
            out.append(Finding("MS101", rel, f"Okänd nyckel `{key}`{where}.", hint,
                               path=(*path, key), at_key=True))
        return out
    if keyword == "required" and isinstance(instance, dict):
        out = []
        for prop in error.validator_value:
            if prop in instance:
                continue
            sub = schema.get("properties", {}).get(prop, {})
            desc = str(sub.get("description", "")).strip()
            hint = f"Lägg till `{prop}:`" + (f" — {desc}" if desc else ".")
            out.append(Finding("MS102", rel, f"Nyckeln `{prop}` saknas{where}.", hint,
                               path=path))
        return out
    label = _label(error, path)
    desc = _describe(error)
    if keyword == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        pattern = schema.get("pattern")
        source = locator.source(path) or str(instance)
        quoted_fits = not pattern or re.search(str(pattern), source) is not None
        if ("string" in expected_list and isinstance(instance, int | float)
                and not isinstance(instance, bool) and quoted_fits):
            key = path[-1] if path and isinstance(path[-1], str) else None
            shown = f"{key}: \"{source}\"" if key else f"\"{source}\""
            return [Finding(
                "MS105", rel,
                f"{label[0].upper()}{label[1:]} läses som ett tal ({source}), men ska vara "
                "text.",
                f"Sätt värdet inom citattecken: {shown}. Utan citattecken blir till exempel "
                "1.10 och 1.1 samma tal.", path=path)]
        wanted = " eller ".join(_TYPE_NAMES.get(str(t), str(t)) for t in expected_list)
        hint = desc
        if isinstance(instance, str) and _DECIMAL_COMMA.match(instance.strip()):
            hint = (f"Skriv decimaltal med punkt i YAML: {instance.strip().replace(',', '.')}"
                    " (rapporterna visar det med komma).")
        return [Finding("MS103", rel, f"{label[0].upper()}{label[1:]} ska vara {wanted}, men "
                        f"är {_type_of(instance)}.", hint, path=path)]
    if keyword in ("enum", "const"):
        values: list[Any] = (list(error.validator_value) if keyword == "enum"
                             else [error.validator_value])
        close = _closest(str(instance), tuple(str(a) for a in values), 0.5)
        listing = ", ".join(f"`{a}`" for a in values)
        hint = (f"Menade du `{close[0]}`? " if close else "") + f"Tillåtna värden: {listing}."
        return [Finding("MS104", rel, f"`{_short(instance)}` är inte ett tillåtet värde för "
                        f"{label}.", hint, path=path)]
    year = _year_outside(instance)
    if keyword in ("pattern", "format", "oneOf") and year is not None:
        return [Finding("MS104", rel, f"Året {year} i `{_short(instance)}` ligger utanför "
                        f"{YEAR_MIN}–{YEAR_MAX}, som är de år en plan kan gälla ({label}).",
                        desc or "Skriv ett år från 1900 till 2200.", path=path)]
    if keyword in ("pattern", "format"):
        return [Finding("MS104", rel, f"`{_short(instance)}` har fel form för {label}.",
                        desc or "Se exemplen i docs/filformat.md.", path=path)]
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = error.validator_value
        word = {"minimum": "minst", "maximum": "högst", "exclusiveMinimum": "större än",
                "exclusiveMaximum": "mindre än"}[keyword]
        return [Finding("MS104", rel, f"{label[0].upper()}{label[1:]} ska vara {word} "
                        f"{_amount(bound)}, men är {_amount(instance)}.", desc, path=path)]
    if keyword == "uniqueItems":
        return [Finding("MS104", rel, f"{label[0].upper()}{label[1:]} innehåller samma värde "
                        "två gånger.", "Ta bort dubbletten.", path=path)]
    if keyword in ("minLength", "minItems"):
        return [Finding("MS104", rel, f"{label[0].upper()}{label[1:]} får inte vara tom.",
                        desc, path=path)]
    if keyword in ("oneOf", "anyOf"):
        return [Finding("MS104", rel, f"Värdet `{_short(instance)}` passar inte för {label}.",
                        desc, path=path)]
    return [Finding("MS100", rel, f"{label[0].upper()}{label[1:]} följer inte schemat "
                    f"({keyword}).", desc, path=path)]


def _amount(value: Any) -> str:
    """A bound or a value in a range message: ``1 000 000 000``, long integers shortened."""
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value) if abs(value) <= 10**15 else int_text(value)
    if isinstance(value, float):
        return number(value)
    return _short(value)


_LEADING_YEAR = re.compile(r"^([0-9]{4})(?:[- –]|$)")


def _year_outside(value: Any) -> int | None:
    """The year a date or period starts with, when it lies outside 1900–2200."""
    if isinstance(value, int) and not isinstance(value, bool):
        return None  # the integer alternative has its own minimum/maximum
    if not isinstance(value, str):
        return None
    years = [int(y) for y in re.findall(r"(?<![0-9])[0-9]{4}(?![0-9])", value)]
    match = _LEADING_YEAR.match(value.strip())
    if match is None:
        return None
    outside = [y for y in years if not YEAR_MIN <= y <= YEAR_MAX]
    return outside[0] if outside else None


def _where(path: JsonPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
