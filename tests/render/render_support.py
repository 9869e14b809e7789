"""Helpers for the render tests: render a repository, parse HTML and Markdown output."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from malstyrning.pipeline import RunResult, run
from malstyrning.render import RenderOptions, render_texts

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples" / "plans"
GOLDEN = Path(__file__).resolve().parent / "golden"


def load(root: Path) -> RunResult:
    """The check as ``render`` runs it."""
    return run(root, full=True, compact=True)


def texts(root: Path | RunResult, fmt: str, **options: object) -> dict[str, str]:
    """File name → document text for a plan repository, without writing files."""
    result = root if isinstance(root, RunResult) else load(root)
    opts = RenderOptions(fmt, Path("unused"), **options)  # type: ignore[arg-type]
    return render_texts(result, opts)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def all_text(self) -> str:
        parts = list(self.text)
        for child in self.children:
            parts.append(child.all_text())
        return " ".join(p for p in parts if p.strip())

    def iter(self, tag: str | None = None):  # type: ignore[no-untyped-def]
        for child in self.children:
            if tag is None or child.tag == tag:
                yield child
            yield from child.iter(tag)

    def ancestor(self, tag: str) -> Element | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


VOID = {"meta", "link", "img", "br", "hr", "input", "path", "rect"}


class TreeBuilder(HTMLParser):
    """A forgiving DOM-ish tree from the standard library's HTML parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(el)
        if tag not in VOID:
            self.current = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(el)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.text.append(data)


def parse_html(text: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder


EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)


def external_references(text: str) -> list[str]:
    """Every src/href/url()/@import in an HTML document that would load from elsewhere."""
    doc = parse_html(text)
    found = []
    for el in doc.root.iter():
        for name in ("src", "href", "srcset", "poster", "data", "action", "xlink:href"):
            value = el.attrs.get(name)
            if value is None:
                continue
            if EXTERNAL.match(value) or value.lower().startswith(("http:", "https:", "ftp:")):
                found.append(f"{el.tag}[{name}]={value}")
    for match in CSS_URL.finditer(text):
        value = match.group(1)
        if not value.startswith("data:"):
            found.append(f"url({value})")
    if CSS_IMPORT.search(text):
        found.append("@import")
    return found


def markdown_parser():  # type: ignore[no-untyped-def]
    """markdown-it with the GitHub tables and strikethrough, raw HTML recognised."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


# A small plan repository for tests that need their own data; ``{…}`` fields are
# filled with str.format, so texts can be swapped for hostile ones.
SMALL_REPO: dict[str, str] = {
    "malstyrning.yaml": """\
typ: inställningar
kommun: {kommun}
kommunkod: "0331"
period: 2027–2029
""",
    "organisation.yaml": """\
typ: organisation
organisationer:
  - id: KF
    namn: Kommunfullmäktige
    nivå: kommunfullmäktige
  - id: UBN
    namn: Utbildningsnämnden
    nivå: nämnd
    överordnad: KF
  - id: SBN
    namn: Samhällsbyggnadsnämnden
    nivå: nämnd
    överordnad: KF
  - id: UF
    namn: Utbildningsförvaltningen
    nivå: förvaltning
    överordnad: UBN
  - id: UF-VAS
    namn: Vretaskolan
    nivå: enhet
    överordnad: UF
""",
    "kf/plan.yaml": """\
typ: verksamhetsplan
organisation: KF
nivå: kommunfullmäktige
period: 2027–2029
beslutad: 2026-11-23
vision:
  id: VISION
  namn: {vision}
inriktningar:
  - id: I1
    namn: {inriktning}
    beskrivning: {beskrivning}
    bidrar_till: [VISION]
    agenda2030: ["4", "4.1"]
  - id: I2
    namn: Trygghet
    bidrar_till: [VISION]
finansiella_mål:
  - id: F1
    namn: Resultatet ska vara minst 2 % av skatteintäkterna
ramar:
  år: 2027
  total: 1250000.5
  nämnder:
    - organisation: UBN
      belopp: 650000
    - organisation: SBN
      belopp: 600000.5
styrdokument:
  - id: SD-1
    namn: {styrdokument}
    typ: policy
    beslutad: 2024-03-05
    bidrar_till: [I1]
""",
    "namnder/ubn.yaml": """\
typ: verksamhetsplan
organisation: UBN
nivå: nämnd
period: 2027
ram: 650000
effektmål:
  - id: UBN-E1
    namn: {effektmal}
    målgrupp: {malgrupp}
    period: 2027–2028
    bidrar_till: [I1]
    agenda2030: ["4.1"]
    indikatorer:
      - id: UBN-E1-I1
        namn: {indikator}
        enhet: {enhet}
        riktning: högre
        baslinje: {{år: 2025, värde: 1234.5}}
        målvärden:
          - {{år: 2027, värde: 1300}}
          - {{år: 2028, värde: 1400.25}}
        kolada: N15419
        källa: Kolada
""",
    "namnder/sbn.yaml": """\
typ: verksamhetsplan
organisation: SBN
nivå: nämnd
period: 2027
ram: 600000.5
effektmål:
  - id: SBN-E1
    namn: Tryggare gator
    målgrupp: Invånare
    period: 2027
    bidrar_till: [I2]
    indikatorer:
      - id: SBN-E1-I1
        namn: Upplevd trygghet
        enhet: "%"
        riktning: högre
        baslinje: {{år: 2025, värde: 70}}
        målvärden:
          - {{år: 2027, värde: 75}}
""",
    "enheter/vas.yaml": """\
typ: verksamhetsplan
organisation: UF-VAS
nivå: enhet
period: 2027
aktiviteter:
  - id: UF-VAS-A1
    namn: {aktivitet}
    bidrar_till: [UBN-E1]
    ansvarig: {ansvarig}
    start: 2027-01-15
    slut: 2027-06-30
    status: pågående
  - id: UF-VAS-A2
    namn: Rastaktiviteter
    bidrar_till: [UBN-E1]
    ansvarig: Rektor
    start: 2027-08-15
    slut: 2027-12-20
    status: försenad
""",
}

PLAIN = {
    "kommun": "Testby kommun",
    "vision": "Testby – en växande kommun",
    "inriktning": "Livslångt lärande",
    "beskrivning": "Alla ska lära sig.",
    "styrdokument": "Skolpolicy",
    "effektmal": "Fler elever når målen",
    "malgrupp": "Elever i grundskolan",
    "indikator": "Elever som når målen, andel",
    "enhet": '"%"',
    "aktivitet": "Läsfrämjande insatser",
    "ansvarig": "Rektor",
}


def write_small_repo(root: Path, **texts_: str) -> Path:
    """Write :data:`SMALL_REPO` into ``root`` with ``texts_`` replacing the plain texts."""
    values = {**PLAIN, **texts_}
    for rel, template in SMALL_REPO.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return root


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (so any hostile text stays one value)."""
    import json

    return json.dumps(text, ensure_ascii=False)


# Follow-ups for :data:`SMALL_REPO`: a helår for UBN, SBN and KF and a delår for UBN,
# plus a second SBN goal whose outcome is missing. The counts this gives are worked
# out by hand in ``test_render_results.py``.
EXTRA_SBN_GOAL = """\
  - id: SBN-E2
    namn: Kortare handläggningstid för bygglov
    målgrupp: Sökande
    period: 2027
    bidrar_till: [I2]
    indikatorer:
      - id: SBN-E2-I1
        namn: Handläggningstid för bygglov
        enhet: dagar
        riktning: lägre
        baslinje: {år: 2025, värde: 20}
        målvärden:
          - {år: 2027, värde: 10}
"""

FOLLOWUPS: dict[str, str] = {
    "uppfoljning/2027-helar/ubn.yaml": """\
typ: uppföljning
organisation: UBN
period: 2027-helår
beslutad: 2028-02-20
beslutsinstans: Utbildningsnämnden
utfall:
  - indikator: UBN-E1-I1
    år: 2027
    värde: 1310
    källa: Kolada
    kön: {{K: 1320, M: 1300}}
    kommentar: {kommentar}
bedömningar:
  - mål: UBN-E1
    måluppfyllelse: uppfyllt
    trend: förbättrad
    analys: {analys}
    slutsatser: {slutsatser}
    förbättringar:
      - {forbattring}
aktiviteter:
  - aktivitet: UF-VAS-A1
    status: genomförd
    kommentar: {aktivitetskommentar}
""",
    "uppfoljning/2027-helar/sbn.yaml": """\
typ: uppföljning
organisation: SBN
period: 2027-helår
utfall:
  - indikator: SBN-E1-I1
    år: 2027
    värde: 74.5
    källa: Egen enkät
  - indikator: SBN-E2-I1
    år: 2027
    värde: null
    saknas: {saknas}
bedömningar:
  - mål: SBN-E1
    måluppfyllelse: ej uppfyllt
    analys: Tryggheten ökade, men för lite.
    förbättringar:
      - Bättre belysning i gångtunnlarna.
""",
    "uppfoljning/2027-helar/kf.yaml": """\
typ: uppföljning
organisation: KF
period: 2027-helår
bedömningar:
  - mål: I1
    måluppfyllelse: uppfyllt
    analys: Lärandet har gått framåt.
""",
    "uppfoljning/2027-delar/ubn.yaml": """\
typ: uppföljning
organisation: UBN
period: 2027-delår
utfall:
  - indikator: UBN-E1-I1
    år: 2027
    värde: 1250
    källa: Skolornas statistik
bedömningar:
  - mål: UBN-E1
    måluppfyllelse: delvis uppfyllt
    analys: Vårens resultat är bättre men når inte målvärdet.
    förbättringar:
      - Mer lästid.
aktiviteter:
  - aktivitet: UF-VAS-A1
    status: pågående
""",
}

PLAIN_FOLLOWUP = {
    "kommentar": "Preliminärt värde.",
    "analys": "Fler elever når målen än förra året.",
    "slutsatser": "Läsinsatserna fungerar.",
    "forbattring": "Fortsätt med läsinsatserna.",
    "aktivitetskommentar": "Klart i juni.",
    "saknas": "Statistiken publiceras i mars 2028.",
}


def write_followup_repo(root: Path, **texts_: str) -> Path:
    """:data:`SMALL_REPO` with a second SBN goal and the follow-ups in :data:`FOLLOWUPS`.

    Keyword texts replace both plan texts (``effektmal`` …) and follow-up texts
    (``analys``, ``kommentar``, ``saknas`` …).
    """
    plan = {k: v for k, v in texts_.items() if k in PLAIN}
    followup = {**PLAIN_FOLLOWUP, **{k: v for k, v in texts_.items() if k in PLAIN_FOLLOWUP}}
    write_small_repo(root, **plan)
    sbn = root / "namnder" / "sbn.yaml"
    sbn.write_text(sbn.read_text("utf-8") + EXTRA_SBN_GOAL, "utf-8")
    for rel, template in FOLLOWUPS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**followup), encoding="utf-8")
    return root
