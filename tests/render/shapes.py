"""Small plan repositories of other shapes than Heby's, for the document tests.

:data:`FIVE_LEVELS` is a big city's model (Stockholm's): vision → inriktningsmål →
verksamhetsområdesmål (KF, measured, with årsmål) → nämndmål → enhetsmål, with
aktiviteter under both of the last two and a follow-up in which KF assesses its own
goals and reports its own indicators. :data:`THREE_LEVELS` is a small kommun's: vision
→ mål (KF, measured) → aktiviteter (nämnd). Each validates with no findings.
"""

from __future__ import annotations

import textwrap
from pathlib import Path


def _y(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


FIVE_LEVELS: dict[str, str] = {
    "malstyrning.yaml": _y("""
        typ: inställningar
        kommun: Storstad stad
        kommunkod: "0180"
        period: 2027
        målkedja:
          - {typ: vision, nyckel: vision, namn: Vision, beslutas_av: [kommunfullmäktige]}
          - typ: inriktningsmål
            nyckel: inriktningsmål
            namn: Inriktningsmål
            genus: neutrum
            beslutas_av: [kommunfullmäktige]
            bidrar_till: [vision]
          - typ: verksamhetsområdesmål
            nyckel: verksamhetsområdesmål
            namn: Verksamhetsområdesmål
            genus: neutrum
            beslutas_av: [kommunfullmäktige]
            bidrar_till: [inriktningsmål]
            mätbar: true
          - typ: nämndmål
            nyckel: nämndmål
            namn: Nämndmål
            genus: neutrum
            beslutas_av: [nämnd]
            bidrar_till: [verksamhetsområdesmål]
            mätbar: true
          - typ: enhetsmål
            nyckel: enhetsmål
            namn: Enhetsmål
            genus: neutrum
            beslutas_av: [förvaltning, enhet]
            bidrar_till: [nämndmål]
          - typ: aktivitet
            nyckel: aktiviteter
            namn: Aktivitet
            plural: Aktiviteter
            slag: aktivitet
            beslutas_av: [förvaltning, enhet]
            bidrar_till: [enhetsmål, nämndmål]
        """),
    "organisation.yaml": _y("""
        typ: organisation
        organisationer:
          - {id: KF, namn: Kommunfullmäktige, nivå: kommunfullmäktige}
          - {id: UN, namn: Utbildningsnämnden, nivå: nämnd, överordnad: KF}
          - {id: UF, namn: Utbildningsförvaltningen, nivå: förvaltning, överordnad: UN}
          - {id: UF-S1, namn: Bergsskolan, nivå: enhet, överordnad: UF}
        """),
    "kf.yaml": _y("""
        typ: verksamhetsplan
        organisation: KF
        nivå: kommunfullmäktige
        period: 2027
        vision:
          id: VISION
          namn: En stad för alla
        inriktningsmål:
          - id: IM1
            namn: En stad där alla kan växa
            bidrar_till: [VISION]
        verksamhetsområdesmål:
          - id: VO1
            namn: Alla elever når sin fulla potential
            målgrupp: Elever i grundskolan
            period: 2027
            bidrar_till: [IM1]
            indikatorer:
              - id: VO1-I1
                namn: Elever i åk 9 med godkända betyg i alla ämnen, andel (%)
                enhet: "%"
                riktning: högre
                baslinje: {år: 2025, värde: 76}
                målvärden:
                  - {år: 2027, värde: 80}
        finansiella_mål:
          - id: F1
            namn: Resultatet ska vara minst 2 % av skatteintäkterna
        """),
    "un.yaml": _y("""
        typ: verksamhetsplan
        organisation: UN
        nivå: nämnd
        period: 2027
        nämndmål:
          - id: UN-M1
            namn: Fler elever läser på grundläggande nivå i åk 3
            målgrupp: Elever i åk 1–3
            period: 2027
            bidrar_till: [VO1]
            indikatorer:
              - id: UN-M1-I1
                namn: Elever i åk 3 som klarat nationella prov i svenska, andel (%)
                enhet: "%"
                riktning: högre
                baslinje: {år: 2025, värde: 70}
                målvärden:
                  - {år: 2027, värde: 74}
        """),
    "bergsskolan.yaml": _y("""
        typ: verksamhetsplan
        organisation: UF-S1
        nivå: enhet
        period: 2027
        enhetsmål:
          - id: S1-M1
            namn: Alla elever i åk 1 läser dagligen
            målgrupp: Elever i åk 1
            period: 2027
            bidrar_till: [UN-M1]
        aktiviteter:
          - id: S1-A1
            namn: Läsgrupper varje morgon
            bidrar_till: [S1-M1]
            ansvarig: Rektor
            start: 2027-01-10
            slut: 2027-06-15
            status: pågående
          - id: S1-A2
            namn: Skolbiblioteket öppet efter skoltid
            bidrar_till: [UN-M1]
            ansvarig: Skolbibliotekarie
            start: 2027-02-01
            slut: 2027-12-15
            status: ej påbörjad
        """),
    "uppfoljning/kf-2027.yaml": _y("""
        typ: uppföljning
        organisation: KF
        period: 2027-helår
        utfall:
          - {indikator: VO1-I1, år: 2027, värde: 81}
        bedömningar:
          - mål: VO1
            måluppfyllelse: uppfyllt
            analys: Andelen med godkända betyg nådde målvärdet.
          - mål: IM1
            måluppfyllelse: delvis uppfyllt
            analys: Stadens samlade bedömning av inriktningsmålet.
            förbättringar: [Fler lärare i svenska som andraspråk.]
        """),
    "uppfoljning/un-2027.yaml": _y("""
        typ: uppföljning
        organisation: UN
        period: 2027-helår
        utfall:
          - {indikator: UN-M1-I1, år: 2027, värde: 72}
        bedömningar:
          - mål: UN-M1
            måluppfyllelse: delvis uppfyllt
            analys: Läsresultaten förbättrades men nådde inte målvärdet.
            förbättringar: [Läsgrupper även i åk 2.]
        aktiviteter:
          - {aktivitet: S1-A1, status: genomförd}
        """),
}

THREE_LEVELS: dict[str, str] = {
    "malstyrning.yaml": _y("""
        typ: inställningar
        kommun: Småby kommun
        kommunkod: "2403"
        period: 2027
        målkedja:
          - {typ: vision, nyckel: vision, namn: Vision, beslutas_av: [kommunfullmäktige]}
          - typ: mål
            nyckel: mål
            namn: Mål
            plural: Mål
            genus: neutrum
            beslutas_av: [kommunfullmäktige]
            bidrar_till: [vision]
            mätbar: true
          - typ: aktivitet
            nyckel: aktiviteter
            namn: Aktivitet
            plural: Aktiviteter
            slag: aktivitet
            beslutas_av: [nämnd]
            bidrar_till: [mål]
        """),
    "organisation.yaml": _y("""
        typ: organisation
        organisationer:
          - {id: KF, namn: Kommunfullmäktige, nivå: kommunfullmäktige}
          - {id: KS, namn: Kommunstyrelsen, nivå: nämnd, överordnad: KF}
        """),
    "kf.yaml": _y("""
        typ: verksamhetsplan
        organisation: KF
        nivå: kommunfullmäktige
        period: 2027
        vision:
          id: VISION
          namn: Småby – nära till allt
        mål:
          - id: M1
            namn: Fler invånare har arbete
            målgrupp: Invånare 20–64 år
            period: 2027
            bidrar_till: [VISION]
            indikatorer:
              - id: M1-I1
                namn: Invånare 20–64 år som förvärvsarbetar, andel (%)
                enhet: "%"
                riktning: högre
                baslinje: {år: 2025, värde: 78}
                målvärden:
                  - {år: 2027, värde: 80}
        finansiella_mål:
          - id: F1
            namn: Resultatet ska vara minst 2 % av skatteintäkterna
        """),
    "ks.yaml": _y("""
        typ: verksamhetsplan
        organisation: KS
        nivå: nämnd
        period: 2027
        aktiviteter:
          - id: KS-A1
            namn: Företagslotsen träffar alla nya företag
            bidrar_till: [M1]
            ansvarig: Näringslivschef
            start: 2027-01-01
            slut: 2027-12-31
            status: pågående
        """),
    "uppfoljning/kf-2027.yaml": _y("""
        typ: uppföljning
        organisation: KF
        period: 2027-helår
        utfall:
          - {indikator: M1-I1, år: 2027, värde: 79}
        bedömningar:
          - mål: M1
            måluppfyllelse: delvis uppfyllt
            analys: Sysselsättningen ökade men nådde inte målvärdet.
            förbättringar: [Fler platser i arbetsmarknadsprogrammet.]
        """),
    "uppfoljning/ks-2027.yaml": _y("""
        typ: uppföljning
        organisation: KS
        period: 2027-helår
        aktiviteter:
          - {aktivitet: KS-A1, status: genomförd}
        """),
}


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root
