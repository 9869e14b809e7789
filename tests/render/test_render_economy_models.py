"""The economy in another steering model's words: a region whose styrelser have frames
(``ram`` among the parts at rank 1), a delårsrapport
with economy for each styrelse and for regionfullmäktige. It validates with no findings,
and the documents show the economy and god ekonomisk hushållning without one word of
the default model."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from render_support import load, texts

from tests.render.test_render_models import DEFAULT_WORDS


def _y(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def _economy(ram: int, utfall: int, prognos: int, comment: str = "") -> str:
    text = f"ekonomi:\n  budget:\n    ram: {ram}\n  utfall: {utfall}\n  prognos: {prognos}\n"
    return text + (f"  kommentar: {comment}\n" if comment else "")


FILES = {
    "malstyrning.yaml": _y("""
        typ: inställningar
        kommun: Region Provland
        kommunkod: "0399"
        period: 2027
        organisationsnivåer:
          - typ: regionfullmäktige
            namn: Regionfullmäktige
            plural: Regionfullmäktige
            genus: neutrum
          - {typ: styrelse, namn: Styrelse, plural: Styrelser, genus: utrum}
        målkedja:
          - {typ: vision, nyckel: vision, namn: Vision, beslutas_av: [regionfullmäktige]}
          - typ: strategiskt
            nyckel: strategiska_mål
            namn: Strategiskt mål
            plural: Strategiska mål
            genus: neutrum
            beslutas_av: [regionfullmäktige]
            bidrar_till: [vision]
            mätbar: true
          - typ: uppdrag
            nyckel: uppdrag
            namn: Uppdrag
            plural: Uppdrag
            genus: neutrum
            slag: aktivitet
            beslutas_av: [styrelse]
            bidrar_till: [strategiskt]
        """),
    "organisation.yaml": _y("""
        typ: organisation
        organisationer:
          - {id: RF, namn: Regionfullmäktige, nivå: regionfullmäktige}
          - {id: HSS, namn: Hälso- och sjukvårdsstyrelsen, nivå: styrelse, överordnad: RF}
          - {id: RUS, namn: Regionala utvecklingsstyrelsen, nivå: styrelse, överordnad: RF}
        """),
    "rf.yaml": _y("""
        typ: verksamhetsplan
        organisation: RF
        nivå: regionfullmäktige
        period: 2027
        vision: {id: VISION, namn: Ett friskt Provland}
        strategiska_mål:
          - id: S1
            namn: Vården är tillgänglig
            målgrupp: Invånare
            period: 2027
            bidrar_till: [VISION]
            indikatorer:
              - id: S1-I1
                namn: Besök inom vårdgarantin, andel (%)
                enhet: "%"
                riktning: högre
                baslinje: {år: 2025, värde: 80}
                målvärden: [{år: 2027, värde: 85}]
        finansiella_mål:
          - id: F1
            namn: Resultatet ska vara minst 1 % av skatteintäkterna
            indikatorer:
              - id: F1-I1
                namn: Resultat i procent av skatteintäkter
                enhet: "%"
                baslinje: {år: 2025, värde: 0.4}
                målvärden: [{år: 2027, värde: 1.0}]
        ramar:
          år: 2027
          total: 9000000
          nämnder:
            - {organisation: HSS, belopp: 8200000}
            - {organisation: RUS, belopp: 800000}
        """),
    "hss.yaml": _y("""
        typ: verksamhetsplan
        organisation: HSS
        nivå: styrelse
        period: 2027
        ram: 8200000
        uppdrag:
          - id: HSS-U1
            namn: Fler digitala besök
            bidrar_till: [S1]
            ansvarig: Hälso- och sjukvårdsdirektör
            start: 2027-01-01
            slut: 2027-12-31
            status: pågående
        """),
    "rus.yaml": _y("""
        typ: verksamhetsplan
        organisation: RUS
        nivå: styrelse
        period: 2027
        ram: 800000
        """),
    "uppfoljning/rf.yaml": _y("""
        typ: uppföljning
        organisation: RF
        period: 2027-delår
        utfall:
          - {indikator: S1-I1, år: 2027, värde: 83}
          - {indikator: F1-I1, år: 2027, värde: 1.2}
        """) + _economy(9000000, 6010000, 9150000, "Högre kostnader för hyrpersonal."),
    "uppfoljning/hss.yaml": "typ: uppföljning\norganisation: HSS\nperiod: 2027-delår\n"
    + _economy(8200000, 5480000, 8350000, "Hyrpersonal inom akutsjukvården."),
    "uppfoljning/rus.yaml": "typ: uppföljning\norganisation: RUS\nperiod: 2027-delår\n"
    + _economy(800000, 530000, 800000),
}


def test_region_economy_in_its_own_words(tmp_path: Path) -> None:
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    result = load(tmp_path)
    assert [f"{f.code} {f.file}: {f.message}" for f in result.findings] == []
    md = texts(result, "md")
    html = texts(result, "html")
    kommun = md["maluppfyllelse-2027-delar.md"]
    assert kommun.startswith("# Delårsrapport januari–augusti 2027\n")
    assert "**Ekonomi per styrelse, 2027-delår (tkr)**" in kommun
    assert "| **Summa styrelser** | **9\u202f000\u202f000** | **6\u202f010\u202f000** |" in kommun
    assert "regionfullmäktiges strategiska mål" in kommun
    assert "Ram enligt regionfullmäktiges budget" in md["maluppfyllelse-2027-delar-hss.md"]
    for name, text in {**md, **html}.items():
        plain = re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", text, flags=re.S))
        found = [plain[max(0, m.start() - 60):m.end() + 20]
                 for m in DEFAULT_WORDS.finditer(plain)]
        assert not found, (name, found[:3])


def test_region_sums_are_checked(tmp_path: Path) -> None:
    files = {**FILES, "uppfoljning/rus.yaml": FILES["uppfoljning/rus.yaml"].replace(
        "utfall: 530000", "utfall: 540000")}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    codes = [f.code for f in load(tmp_path).findings]
    assert codes == ["MS813"]
