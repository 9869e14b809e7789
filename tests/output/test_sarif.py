"""SARIF 2.1.0, validated against the official OASIS schema (tests/output/fixtures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from malstyrning import __version__
from malstyrning.checks import all_rules
from malstyrning.findings import Finding, Severity
from malstyrning.output.sarif import artifact_uri
from tests.output.conftest import FINDINGS, Render

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json")
                    .read_text("utf-8"))


def assert_valid_sarif(document: dict[str, Any]) -> None:
    """Valid against the SARIF 2.1.0 schema, with every problem listed on failure."""
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_the_schema_is_the_official_one() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_a_schema_violation_is_caught() -> None:
    with pytest.raises(AssertionError):
        assert_valid_sarif({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})


def test_valid_against_the_schema(render: Render) -> None:
    document = json.loads(render("sarif"))
    assert_valid_sarif(document)
    assert document["version"] == "2.1.0"
    assert_valid_sarif(json.loads(render("sarif", findings=[])))


def test_results_have_levels_regions_and_relative_uris(render: Render) -> None:
    results = json.loads(render("sarif"))["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    first = results[0]
    assert first["ruleId"] == "MS211"
    assert first["message"]["text"] == (FINDINGS[0].message + "\n\nTips: " + FINDINGS[0].hint)
    location = first["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "enheter/vretaskolan-2027.yaml"},
                        "region": {"startLine": 8, "startColumn": 19}}
    assert first["properties"] == {"kedja": "UF-VAS-A1", "id": "UF-VAS-A1"}
    # ", " and "%" are percent-encoded: a URI reference, not a file name
    assert (results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "namnder/ubn%2C%2050%20%25.yaml")


def test_rule_metadata_from_the_registry(render: Render) -> None:
    driver = json.loads(render("sarif"))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "malstyrning"
    assert driver["version"] == __version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(r.code for r in all_rules())
    by_id = {r["id"]: r for r in rules}
    ms211 = by_id["MS211"]
    registered = {r.code: r for r in all_rules()}["MS211"]
    assert ms211["name"] == registered.name
    assert ms211["shortDescription"]["text"] == registered.summary
    assert ms211["defaultConfiguration"]["level"] == "error"
    assert "Rätt:\n    bidrar_till: [I1]" in ms211["help"]["text"]
    assert "```yaml\n" in ms211["help"]["markdown"]
    results = json.loads(render("sarif"))["runs"][0]["results"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_a_finding_without_a_position_has_no_region(render: Render) -> None:
    unplaced = Finding("MS211", "a.yaml", "Saknas.", line=0, column=0)
    document = json.loads(render("sarif", findings=[unplaced]))
    assert_valid_sarif(document)
    assert "region" not in document["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]


@pytest.mark.parametrize(("path", "uri"), [
    ("a:b.yaml", "a%3Ab.yaml"),  # not a URI scheme
    ("rad\nbrytning.yaml", "rad%0Abrytning.yaml"),
    ("nämnder/ubn.yaml", "n%C3%A4mnder/ubn.yaml"),
    ("trasig-\udcff.yaml", "trasig-%FF.yaml"),  # a byte that is not UTF-8 keeps its value
])
def test_artifact_uris(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_deterministic_and_one_trailing_newline(render: Render) -> None:
    assert render("sarif") == render("sarif")
    assert render("sarif").endswith("}\n")


def test_fingerprints_do_not_follow_lines(render: Render) -> None:
    moved = [f.with_(line=f.line + 3) for f in FINDINGS]
    before = [r["partialFingerprints"] for r in json.loads(render("sarif"))["runs"][0]["results"]]
    after = [r["partialFingerprints"]
             for r in json.loads(render("sarif", findings=moved))["runs"][0]["results"]]
    assert before == after
    assert len({fp["malstyrning/v1"] for fp in before}) == 3


def test_severity_levels() -> None:
    from malstyrning.output.sarif import LEVEL

    assert LEVEL == {Severity.ERROR: "error", Severity.WARNING: "warning",
                     Severity.INFO: "note"}
