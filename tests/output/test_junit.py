"""JUnit XML: one test case per file, a failure per finding, parseable by xml.etree."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from malstyrning.findings import Severity
from tests.output.conftest import FINDINGS, Render

CHECKED = ("enheter/vretaskolan-2027.yaml", "kommunfullmaktige/plan.yaml",
           "namnder/ubn, 50 %.yaml")


def test_one_test_case_per_file(render: Render) -> None:
    root = ET.fromstring(render("junit", files_checked=CHECKED).encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == list(CHECKED)
    assert suite.get("tests") == "3" and suite.get("failures") == "1"
    vreta, kf, ubn = cases
    failures = vreta.findall("failure")
    # only the error fails at the default fail level; the warning is listed as output
    assert [f.get("type") for f in failures] == ["MS211"]
    assert failures[0].get("message") == "8:19 [MS211] " + FINDINGS[0].message
    assert "tips: Menade du `UBN-E1`?\nKontrollera stavningen." in (failures[0].text or "")
    assert "[MS402]" in (vreta.findtext("system-out") or "")
    assert kf.find("failure") is None and kf.find("system-out") is None
    assert ubn.find("failure") is None


def test_fail_level_decides_what_fails(render: Render) -> None:
    out = render("junit", files_checked=CHECKED, fail_level=Severity.INFO)
    suite = ET.fromstring(out.encode("utf-8")).find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "2"
    assert len(suite.findall("testcase/failure")) == 3


def test_files_with_findings_are_listed_even_when_not_in_the_file_list(render: Render) -> None:
    root = ET.fromstring(render("junit").encode("utf-8"))
    assert [c.get("name") for c in root.iter("testcase")] == [
        "enheter/vretaskolan-2027.yaml", "namnder/ubn, 50 %.yaml"]


def test_declaration_and_deterministic(render: Render) -> None:
    out = render("junit", files_checked=CHECKED)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    assert out == render("junit", files_checked=CHECKED)
