"""Schemas generated from the steering model: the shipped ones in sync, and a kommun's
own keys checked as strictly as Heby's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from malstyrning import schemagen
from malstyrning.config import steering_model
from malstyrning.load.reader import read
from tests.plans import SCHEMAS, PlanRepo, write_repo
from tests.test_config import STOCKHOLM
from tests.test_schemas import _ENGLISH, _SWEDISH, _subschemas


def test_shipped_schemas_are_generated_from_the_default_model() -> None:
    for kind, schema in schemagen.schemas_for(steering_model(None)).items():
        shipped = (SCHEMAS / schemagen.file_name(kind)).read_text("utf-8")
        assert shipped == schemagen.schema_text(schema), (
            f"{schemagen.file_name(kind)} is out of date: run `malstyrning schema --out "
            "schemas` in a checkout without malstyrning.yaml")


def test_schemas_are_cached_per_model() -> None:
    first = schemagen.schemas_for(steering_model(STOCKHOLM))
    assert schemagen.schemas_for(steering_model(STOCKHOLM)) is first
    assert schemagen.schemas_for(steering_model(None)) is not first


@pytest.mark.parametrize("data", [None, STOCKHOLM, {"organisationsnivåer": "region"}],
                         ids=["standard", "stockholm", "region"])
def test_generated_schemas_are_valid_and_in_swedish(data: dict | None) -> None:  # type: ignore[type-arg]
    for kind, schema in schemagen.schemas_for(steering_model(data)).items():
        Draft202012Validator.check_schema(schema)
        for where, sub in _subschemas(schema):
            if set(sub) <= {"$ref"}:
                continue
            title, description = sub.get("title"), sub.get("description")
            assert isinstance(title, str) and title.strip(), (kind, where)
            assert isinstance(description, str) and _SWEDISH.search(description), (kind, where)
            assert not _ENGLISH.search(f"{title} {description}"), (kind, where, description)
            if sub.get("type") == "object" and "properties" in sub:
                assert sub.get("additionalProperties") is False, (kind, where)


def test_stockholm_schema_speaks_its_own_words() -> None:
    schema = schemagen.schemas_for(steering_model(STOCKHOLM))["verksamhetsplan"]
    props = schema["properties"]
    for key in ("inriktningsmål", "verksamhetsområdesmål", "nämndmål", "enhetsmål",
                "aktiviteter"):
        assert key in props, key
    assert "effektmål" not in props and "inriktningar" not in props
    assert schema["$defs"]["niva"]["enum"] == ["kommunfullmäktige", "facknämnd",
                                               "stadsdelsnämnd", "enhet"]
    text = json.dumps(schema, ensure_ascii=False)
    for word in ("effektmål", "Effektmål", "inriktningar", "nämndens", "Nämndens"):
        assert not re.search(rf"\b{word}", text), word
    followup = schemagen.schemas_for(steering_model(STOCKHOLM))["uppföljning"]
    assert "aktiviteter" in followup["properties"]


LITEN = {
    "malstyrning.yaml": """\
        typ: inställningar
        kommun: Lillby kommun
        kommunkod: "0999"
        period: 2027
        målkedja:
          - {typ: vision, nyckel: vision, namn: Vision, beslutas_av: [kommunfullmäktige]}
          - {typ: mål, nyckel: mål, namn: Mål, plural: Mål, genus: neutrum,
             beslutas_av: [kommunfullmäktige], bidrar_till: [vision], mätbar: true}
          - {typ: nämndmål, nyckel: nämndmål, namn: Nämndmål, beslutas_av: [nämnd],
             bidrar_till: [mål], mätbar: true}
          - {typ: åtgärd, nyckel: åtgärder, namn: Åtgärd, plural: Åtgärder,
             beslutas_av: [nämnd], bidrar_till: [nämndmål]}
        """,
    "plan.yaml": """\
        typ: verksamhetsplan
        organisation: BUN
        nivå: nämnd
        period: 2027
        nämndmål:
          - id: BUN-1
            namn: Fler barn läser
            period: 2027
            bidrar_till: [M1]
            målgrup: Barn i förskolan
            indikatorer:
              - id: "1.10"
                namn: Andel som läser
                riktning: uppåt
                årsmål:
                  - {år: 2027, värde: 80}
        åtgärder:
          - id: BUN-Å1
            namn: Läsombud
            bidrar_till: [BUN-1]
            status: pågår
        """,
}


def _repo(tmp_path: Path, files: dict[str, str]) -> PlanRepo:
    import textwrap

    return write_repo(tmp_path, {k: textwrap.dedent(v) for k, v in files.items()})


def test_a_typo_under_an_own_key_is_caught_like_under_the_default_keys(
        tmp_path: Path) -> None:
    result = _repo(tmp_path, LITEN).run()
    found = {(f.code, f.message, f.hint) for f in result.findings if f.file == "plan.yaml"}
    messages = "\n".join(f"{c} {m} {h}" for c, m, h in sorted(found))
    assert "MS101 Okänd nyckel `målgrup` under `nämndmål[0]`. Menade du `målgrupp`?" in messages
    assert "MS104 `uppåt` är inte ett tillåtet värde för `riktning`" in messages
    assert "MS104 `pågår` är inte ett tillåtet värde för `status`" in messages
    assert ("MS101 Okänd nyckel `årsmål` under `nämndmål[0].indikatorer[0]`. Skriv "
            "`målvärden:`") in messages
    assert not any("effektmål" in m for m in messages.splitlines()), messages


def test_an_unquoted_id_is_reported_as_a_number(tmp_path: Path) -> None:
    files = dict(LITEN)
    files["plan.yaml"] = files["plan.yaml"].replace('id: "1.10"', "id: 1.10")
    result = _repo(tmp_path, files).run()
    assert any(f.code == "MS105" and "1.10" in f.message for f in result.findings)


def test_schema_command_writes_the_effective_schemas(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from malstyrning.cli import app

    repo = _repo(tmp_path / "repo", {"malstyrning.yaml": LITEN["malstyrning.yaml"]})
    out = tmp_path / "scheman"
    result = CliRunner().invoke(app, ["schema", str(repo.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["installningar.schema.json", "organisation.schema.json",
                     "uppfoljning.schema.json", "verksamhetsplan.schema.json"]
    plan = json.loads((out / "verksamhetsplan.schema.json").read_text("utf-8"))
    assert {"nämndmål", "åtgärder", "mål"} <= set(plan["properties"])
    followup = json.loads((out / "uppfoljning.schema.json").read_text("utf-8"))
    assert followup["properties"]["åtgärder"]["items"] == {"$ref": "#/$defs/atgard_status"}
    # A second run changes nothing and says so by writing nothing.
    again = CliRunner().invoke(app, ["schema", str(repo.root), "--out", str(out)])
    assert again.exit_code == 0 and "skrev" not in again.output
    # The file validates against the written schema with another validator too.
    parsed = read("p.yaml", b"typ: verksamhetsplan\norganisation: X\nniv\xc3\xa5: n\xc3\xa4mnd\n"
                  b"period: 2027\n\xc3\xa5tg\xc3\xa4rder:\n  - {id: A, namn: B}\n")
    assert list(Draft202012Validator(plan).iter_errors(parsed.data)) == []


def test_schema_command_with_broken_settings_exits_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from malstyrning.cli import app

    repo = _repo(tmp_path, {"malstyrning.yaml": "typ: inställningar\nkommun: X\n"})
    result = CliRunner().invoke(app, ["schema", str(repo.root), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
