"""Cover pages: the document's real title and the filing data from the plan file."""

from __future__ import annotations

import shutil
from pathlib import Path

from render_support import EXAMPLES, load, texts

from malstyrning.pipeline import RunResult
from malstyrning.render.cover import filing_facts


def test_filing_facts_are_labelled_and_formatted() -> None:
    facts = filing_facts({"diarienummer": " KS  2026/0412 ", "paragraf": "§112",
                          "sammanträdesdatum": "2026-11-23", "bilaga": 3, "beslutad": "x"})
    assert facts == (("Diarienummer", "KS 2026/0412"), ("Paragraf", "§ 112"),
                     ("Sammanträdesdatum", "23 november 2026"), ("Bilaga", "3"))
    assert filing_facts({}) == ()


def test_the_kf_plan_has_a_cover_with_dnr_and_paragraph(example_html: dict[str, str]) -> None:
    html = example_html["kommunens-plan.html"]
    cover = html[html.index('<section class="forsattsblad"'):html.index("<h1>")]
    assert "KS 2026/0412" in cover and "§ 112" in cover and "Bilaga" in cover
    assert "Mål och budget 2027–2029" in cover
    assert "Beslutad 23 november 2026 av Kommunfullmäktige" in cover


def test_documents_without_filing_data_have_no_cover_box(example_html: dict[str, str]) -> None:
    assert "forsattsblad" not in example_html["verksamhetsplan-ubn.html"]
    assert "forsattsblad" not in example_html["index.html"]


def test_a_followup_cover_names_the_report_not_the_code(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    shutil.copytree(EXAMPLES, root)
    ubn = root / "uppfoljning" / "2027-delar" / "ubn.yaml"
    ubn.write_text(ubn.read_text("utf-8").replace(
        "beslutsinstans: Utbildningsnämnden\n",
        "beslutsinstans: Utbildningsnämnden\ndiarienummer: UBN 2027/0101\nparagraf: 9\n"),
        "utf-8")
    result: RunResult = load(root)
    assert not [f for f in result.findings if f.file.endswith("ubn.yaml")]
    site = {d.stem: d for d in _site(result, "2027-delår").documents}
    namnd = site["maluppfyllelse-2027-delar-ubn"].cover
    assert namnd is not None
    assert namnd.title == "Delårsrapport januari–augusti 2027 – Utbildningsnämnden"
    assert namnd.facts == (("Diarienummer", "UBN 2027/0101"), ("Paragraf", "§ 9"))
    kommun = site["maluppfyllelse-2027-delar"].cover
    assert kommun is not None and kommun.title == "Delårsrapport januari–augusti 2027"
    html = texts(result, "html", followup="2027-delår")["maluppfyllelse-2027-delar-ubn.html"]
    assert "UBN 2027/0101" in html and "2027-delår" in html


def test_a_bad_meeting_date_is_a_schema_finding(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    shutil.copytree(EXAMPLES, root)
    kf = root / "kommunfullmaktige" / "verksamhetsplan-2027.yaml"
    kf.write_text(kf.read_text("utf-8").replace("sammanträdesdatum: 2026-11-23",
                                                "sammanträdesdatum: 23 nov"), "utf-8")
    findings = [f for f in load(root).findings if f.file.endswith("verksamhetsplan-2027.yaml")]
    assert findings and findings[0].line > 0


def _site(result: RunResult, followup: str):  # type: ignore[no-untyped-def]
    from malstyrning.render import blocking
    from malstyrning.render.site import build_site

    return build_site(result.model, result.settings, result.findings, followup=followup,
                      blocking=blocking(result.findings))
