"""Generate a synthetic, valid plan repository for benchmarking ``malstyrning``.

The repository follows ``docs/filformat.md``: ``malstyrning.yaml`` (settings),
``organisation.yaml`` (the organisation register), the municipal council's
plan (vision, inriktningar, financial goals, budget frames, policy documents),
one plan per committee (effektmål with indicators), one plan per
administration and one plan per unit (enhet) with activities that carry
multi-line descriptions.

Output is deterministic: the same arguments give byte-identical files. YAML is
written as text (no YAML library), with every ``namn`` double-quoted and other
free text quoted whenever a plain scalar could be misread.

Sizes:

* ``heby``: 6 committees, 6 administrations, 45 units - 60 files.
* ``storstad``: 15 committees, 15 administrations, 2,000 units with 25
  activities each (50,000 unit activities), about 25 MB of YAML.
* ``N`` (an integer): the storstad structure with ``N`` unit plans.

``--scale`` multiplies the number of unit plans (used for scaling runs).

Usage::

    python benchmarks/generate.py --size storstad --scale 1 --seed 1 --out DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
import textwrap
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ordlistor as ol

#: Hidden marker file written into every generated repository. Its content
#: identifies the arguments; ``run.py`` uses it to reuse a generated tree.
MARKÖR = ".malstyrning-benchmark.json"

SCHEMA_INSTÄLLNINGAR = "installningar.schema.json"
SCHEMA_ORGANISATION = "organisation.schema.json"
SCHEMA_PLAN = "verksamhetsplan.schema.json"

PLANÅR = 2027
AKTIVITETER_PER_ENHET = 25

#: Activity descriptions have 3-8 lines (short ones are more common), wrapped
#: at BRYTBREDD characters. Tuned so that storstad lands at about 25 MB.
RADANTAL = (3, 4, 5, 6, 7, 8)
RADVIKTER = (30, 25, 18, 12, 9, 6)
BRYTBREDD = 60


# ---------------------------------------------------------------------------
# YAML text helpers
# ---------------------------------------------------------------------------

_RESERVERADE = frozenset(
    {"", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "ja", "nej"}
)
_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 .,()/%+–-]*")
_PLAIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\0": "\\0",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def dq(text: str) -> str:
    """Return ``text`` as a YAML double-quoted scalar with full escaping."""
    out: list[str] = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def skalär(text: str) -> str:
    """Return ``text`` as a plain scalar when that is unambiguous, else quoted.

    Plain output is only used for text that starts with a letter, contains no
    YAML indicator characters (``:`` ``#`` ``[`` ``{`` quotes …), has no
    leading/trailing space and is not a word YAML 1.1 or 1.2 could read as a
    boolean or null.
    """
    if (
        _PLAIN.fullmatch(text)
        and text == text.strip()
        and text.lower() not in _RESERVERADE
    ):
        return text
    return dq(text)


def id_skalär(ident: str) -> str:
    """Return an id for use in a flow sequence (quoted unless a safe word)."""
    if _PLAIN_ID.fullmatch(ident) and ident.lower() not in _RESERVERADE:
        return ident
    return dq(ident)


def flödeslista(items: Iterable[str], *, citera: bool = False) -> str:
    """Return ``[a, b]``; ids are quoted when needed, or always with ``citera``."""
    return "[" + ", ".join(dq(i) if citera else id_skalär(i) for i in items) + "]"


def tal(värde: float, decimaler: int) -> str:
    """Format a number for YAML (integer when ``decimaler`` is 0)."""
    if decimaler == 0:
        return str(int(round(värde)))
    return f"{värde:.{decimaler}f}"


def slug(text: str) -> str:
    """ASCII file-name slug: ``Förskolan Björkgläntan`` -> ``forskolan-bjorkglantan``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Dokument:
    """Line-oriented builder for one YAML document."""

    def __init__(self, schema: str) -> None:
        """Start a document with the editor schema comment on its first line."""
        self.rader: list[str] = [f"# yaml-language-server: $schema={schema}"]

    def rad(self, indrag: int, text: str) -> None:
        """Append ``text`` indented by ``indrag`` spaces."""
        self.rader.append(" " * indrag + text)

    def block(self, indrag: int, nyckel: str, rader: Sequence[str]) -> None:
        """Append ``nyckel: |`` followed by a literal block of ``rader``."""
        self.rader.append(" " * indrag + f"{nyckel}: |")
        inner = " " * (indrag + 2)
        self.rader.extend(inner + r for r in rader)

    def text(self) -> str:
        """Return the document text, ending with a newline."""
        return "\n".join(self.rader) + "\n"


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Profil:
    """Size profile of a generated repository."""

    namn: str
    kommun: str
    kommunkod: str
    vision: str
    nämnder: tuple[ol.Nämndmall, ...]
    antal_enheter: int
    effektmål_per_nämnd: tuple[int, int]
    aktiviteter_per_förvaltning: tuple[int, int]


@dataclass
class Indikator:
    """A generated indicator."""

    id: str
    mall: ol.IndikatorMall
    kolada: str | None
    baslinje: float
    mål: tuple[float, float]


@dataclass
class Effektmål:
    """A generated effect goal."""

    id: str
    mall: ol.EffektmålMall
    bidrar_till: list[str]
    indikatorer: list[Indikator]


@dataclass
class Nämnd:
    """A committee with its administration, goals and units."""

    mall: ol.Nämndmall
    ram: int = 0
    effektmål: list[Effektmål] = field(default_factory=list)
    enheter: list[Enhet] = field(default_factory=list)
    otäckta: list[str] = field(default_factory=list)  # effektmål without activity yet


@dataclass
class Enhet:
    """A unit (enhet) that gets its own plan file."""

    id: str
    namn: str
    nummer: int


@dataclass
class Resultat:
    """Summary of a generation run."""

    filer: int = 0
    byte: int = 0
    enheter: int = 0
    enhetsaktiviteter: int = 0
    förvaltningsaktiviteter: int = 0
    effektmål: int = 0
    indikatorer: int = 0
    sekunder: float = 0.0


def profil_för(storlek: str, skala: float) -> Profil:
    """Return the profile for ``heby``, ``storstad`` or an integer unit count."""
    if storlek == "heby":
        nämnder = tuple(m for k in ol.HEBY_NÄMNDER for m in ol.NÄMNDER if m.id == k)
        return Profil(
            namn="heby",
            kommun="Heby kommun (syntetisk)",
            kommunkod="0331",
            vision=ol.VISION["heby"],
            nämnder=nämnder,
            antal_enheter=max(1, round(45 * skala)),
            effektmål_per_nämnd=(3, 5),
            aktiviteter_per_förvaltning=(4, 8),
        )
    if storlek == "storstad":
        antal = 2000
    else:
        try:
            antal = int(storlek)
        except ValueError:
            raise SystemExit(f"okänd storlek: {storlek!r} (heby, storstad eller ett heltal)") from None
        if antal < 1:
            raise SystemExit("antalet enheter måste vara minst 1")
    antal = max(1, round(antal * skala))
    # Fewer units than committees: keep the committees with most units.
    nämnder = ol.NÄMNDER
    if antal < len(nämnder):
        störst = sorted(nämnder, key=lambda m: -m.vikt)[:antal]
        nämnder = tuple(m for m in ol.NÄMNDER if m in störst)
    return Profil(
        namn="storstad",
        kommun="Storstads kommun (syntetisk)",
        kommunkod="0180",
        vision=ol.VISION["storstad"],
        nämnder=nämnder,
        antal_enheter=antal,
        effektmål_per_nämnd=(4, 8),
        aktiviteter_per_förvaltning=(6, 10),
    )


def fördela(antal: int, vikter: Sequence[float]) -> list[int]:
    """Split ``antal`` over ``vikter`` (largest remainder), at least 1 each."""
    n = len(vikter)
    if antal < n:
        raise ValueError("fewer items than buckets")
    rest = antal - n
    total = sum(vikter)
    andelar = [rest * v / total for v in vikter]
    delar = [int(a) for a in andelar]
    kvar = rest - sum(delar)
    ordning = sorted(range(n), key=lambda i: (-(andelar[i] - delar[i]), i))
    for i in ordning[:kvar]:
        delar[i] += 1
    return [d + 1 for d in delar]


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------


class Generator:
    """Builds the model from a profile and writes the repository files."""

    def __init__(self, profil: Profil, seed: int) -> None:
        """Prepare a generator; all randomness comes from ``random.Random(seed)``."""
        self.profil = profil
        self.rng = random.Random(seed)
        self.inriktning_id = {k: f"I{i}" for i, k in enumerate(ol.INRIKTNINGAR, start=1)}
        self.kolada_id: dict[str, str] = {}
        self.nämnder: list[Nämnd] = []
        self.resultat = Resultat()

    # -- model -------------------------------------------------------------

    def bygg(self) -> None:
        """Create committees, units, goals and budget frames."""
        p = self.profil
        antal = fördela(p.antal_enheter, [m.vikt for m in p.nämnder])
        använda: set[str] = set()
        nummer = 0
        for mall, n in zip(p.nämnder, antal):
            nämnd = Nämnd(mall)
            for _ in range(n):
                nummer += 1
                namn = self._enhetsnamn(mall, använda)
                nämnd.enheter.append(Enhet(f"{mall.förvaltning_id}-{nummer:04d}", namn, nummer))
            self.nämnder.append(nämnd)
        täckta: set[str] = set()
        alla_mål: list[Effektmål] = []
        for nämnd in self.nämnder:
            self._effektmål(nämnd)
            for e in nämnd.effektmål:
                täckta.update(e.bidrar_till)
            alla_mål.extend(nämnd.effektmål)
            nämnd.otäckta = [e.id for e in nämnd.effektmål]
        # Every inriktning must have at least one effektmål.
        for i, inr in enumerate(i for i in self.inriktning_id.values() if i not in täckta):
            mål = alla_mål[(i * 7) % len(alla_mål)]
            mål.bidrar_till.append(inr)
        for nämnd in self.nämnder:
            grund = nämnd.mall.tkr_per_enhet * len(nämnd.enheter) + 5000
            nämnd.ram = int(round(grund * self.rng.uniform(0.9, 1.1), -2))

    def _enhetsnamn(self, mall: ol.Nämndmall, använda: set[str]) -> str:
        """Draw a unit name that is unique within the repository."""
        namn = ""
        for _ in range(6):
            namn = self.rng.choice(mall.enhetsmallar).format(
                p=self.rng.choice(ol.PREFIX), o=self.rng.choice(ol.OMRÅDEN)
            )
            if namn not in använda:
                använda.add(namn)
                return namn
        n = 2
        while f"{namn} {n}" in använda:
            n += 1
        använda.add(f"{namn} {n}")
        return f"{namn} {n}"

    def _effektmål(self, nämnd: Nämnd) -> None:
        """Pick effect goals for a committee: its own first, then generic ones."""
        lo, hi = self.profil.effektmål_per_nämnd
        egna = list(nämnd.mall.effektmål)
        antal = min(self.rng.randint(lo, hi), len(egna) + len(ol.GENERISKA_EFFEKTMÅL))
        mallar = egna[:antal]
        if antal > len(egna):
            mallar += self.rng.sample(ol.GENERISKA_EFFEKTMÅL, antal - len(egna))
        for k, mall in enumerate(mallar, start=1):
            eid = f"{nämnd.mall.id}-E{k}"
            bidrar = [self.inriktning_id[mall.inriktning]]
            if self.rng.random() < 0.15:
                extra = self.rng.choice(list(self.inriktning_id.values()))
                if extra not in bidrar:
                    bidrar.append(extra)
            antal_ind = self.rng.randint(1, len(mall.indikatorer))
            indikatorer = [
                self._indikator(f"{eid}-I{j}", im)
                for j, im in enumerate(mall.indikatorer[:antal_ind], start=1)
            ]
            nämnd.effektmål.append(Effektmål(eid, mall, bidrar, indikatorer))

    def _indikator(self, iid: str, mall: ol.IndikatorMall) -> Indikator:
        """Draw baseline and two improving target values for an indicator."""
        minsta = 10.0 ** -mall.decimaler
        bas = round(self.rng.uniform(mall.lo, mall.hi), mall.decimaler)
        steg = (mall.hi - mall.lo) * self.rng.uniform(0.05, 0.15)
        if mall.riktning == "högre" and mall.enhet == "%":
            steg = min(steg, (100 - bas) / 2.5)
        if mall.riktning == "lägre":
            steg = min(steg, bas / 2.5)
        steg = max(round(steg, mall.decimaler), minsta)
        tecken = 1 if mall.riktning == "högre" else -1
        mål = (
            round(bas + tecken * steg, mall.decimaler),
            round(bas + tecken * 2 * steg, mall.decimaler),
        )
        kolada: str | None = None
        if isinstance(mall.kolada, str):
            kolada = mall.kolada
        elif mall.kolada:
            if mall.namn not in self.kolada_id:
                self.kolada_id[mall.namn] = f"{self.rng.choice('NU')}{self.rng.randint(0, 99999):05d}"
            kolada = self.kolada_id[mall.namn]
        self.resultat.indikatorer += 1
        return Indikator(iid, mall, kolada, bas, mål)

    # -- writing -------------------------------------------------------------

    def skriv(self, ut: Path) -> Resultat:
        """Write all files below ``ut`` and return a summary."""
        self._skriv(ut, "malstyrning.yaml", self._inställningar())
        self._skriv(ut, "organisation.yaml", self._organisation())
        self._skriv(ut, "kommunfullmaktige/kf-verksamhetsplan-2027-2029.yaml", self._kf_plan())
        for nämnd in self.nämnder:
            m = nämnd.mall
            self._skriv(ut, f"namnder/{slug(m.id)}-{slug(m.namn)}.yaml", self._nämndplan(nämnd))
        for nämnd in self.nämnder:
            m = nämnd.mall
            mapp = f"{slug(m.förvaltning_id)}-{slug(m.förvaltning_namn)}"
            self._skriv(ut, f"forvaltningar/{mapp}.yaml", self._förvaltningsplan(nämnd))
            for enhet in nämnd.enheter:
                fil = f"enheter/{mapp}/{enhet.nummer:04d}-{slug(enhet.namn)}.yaml"
                self._skriv(ut, fil, self._enhetsplan(nämnd, enhet))
        self.resultat.enheter = sum(len(n.enheter) for n in self.nämnder)
        self.resultat.effektmål = sum(len(n.effektmål) for n in self.nämnder)
        return self.resultat

    def _skriv(self, ut: Path, relativ: str, text: str) -> None:
        """Write one file (UTF-8, LF line endings)."""
        path = ut / relativ
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.resultat.filer += 1
        self.resultat.byte += len(data)

    def _inställningar(self) -> str:
        """``malstyrning.yaml``."""
        p = self.profil
        d = Dokument(SCHEMA_INSTÄLLNINGAR)
        d.rad(0, "# Syntetisk planrepository för prestandamätning (benchmarks/generate.py).")
        d.rad(0, "typ: inställningar")
        d.rad(0, f"kommun: {skalär(p.kommun)}")
        d.rad(0, f"kommunkod: {dq(p.kommunkod)}")
        d.rad(0, f"period: {PLANÅR}–{PLANÅR + 2}")
        d.rad(0, "regler:")
        d.rad(2, "max_effektmål_per_nämnd: 50")
        return d.text()

    def _organisation(self) -> str:
        """``organisation.yaml``: KF, committees, administrations, units."""
        d = Dokument(SCHEMA_ORGANISATION)
        d.rad(0, "typ: organisation")
        d.rad(0, "organisationer:")

        def org(oid: str, namn: str, nivå: str, över: str | None) -> None:
            d.rad(2, f"- id: {oid}")
            d.rad(4, f"namn: {dq(namn)}")
            d.rad(4, f"nivå: {nivå}")
            if över:
                d.rad(4, f"överordnad: {över}")

        org("KF", "Kommunfullmäktige", "kommunfullmäktige", None)
        for n in self.nämnder:
            org(n.mall.id, n.mall.namn, "nämnd", "KF")
        for n in self.nämnder:
            org(n.mall.förvaltning_id, n.mall.förvaltning_namn, "förvaltning", n.mall.id)
            for e in n.enheter:
                org(e.id, e.namn, "enhet", n.mall.förvaltning_id)
        return d.text()

    def _plan_huvud(self, d: Dokument, org: str, nivå: str, period: str) -> None:
        """Common keys of a verksamhetsplan."""
        d.rad(0, "typ: verksamhetsplan")
        d.rad(0, f"organisation: {org}")
        d.rad(0, f"nivå: {nivå}")
        d.rad(0, f"period: {period}")

    def _indikatorer(self, d: Dokument, indrag: int, indikatorer: Sequence[Indikator]) -> None:
        """Write an ``indikatorer:`` list at ``indrag``."""
        d.rad(indrag, "indikatorer:")
        for ind in indikatorer:
            m = ind.mall
            d.rad(indrag + 2, f"- id: {ind.id}")
            d.rad(indrag + 4, f"namn: {dq(m.namn)}")
            d.rad(indrag + 4, f"enhet: {skalär(m.enhet)}")
            d.rad(indrag + 4, f"riktning: {m.riktning}")
            d.rad(indrag + 4, f"baslinje: {{år: {PLANÅR - 2}, värde: {tal(ind.baslinje, m.decimaler)}}}")
            d.rad(indrag + 4, "målvärden:")
            for år, värde in zip((PLANÅR, PLANÅR + 1), ind.mål):
                d.rad(indrag + 6, f"- {{år: {år}, värde: {tal(värde, m.decimaler)}}}")
            if ind.kolada:
                d.rad(indrag + 4, f"kolada: {ind.kolada}")
            d.rad(indrag + 4, f"källa: {skalär(m.källa)}")

    def _kf_plan(self) -> str:
        """The municipal council's plan."""
        p = self.profil
        d = Dokument(SCHEMA_PLAN)
        self._plan_huvud(d, "KF", "kommunfullmäktige", f"{PLANÅR}–{PLANÅR + 2}")
        d.rad(0, f"beslutad: {PLANÅR - 1}-11-23")
        d.rad(0, "beslutsinstans: Kommunfullmäktige")
        d.rad(0, "vision:")
        d.rad(2, "id: VISION")
        d.rad(2, f"namn: {dq(p.vision)}")
        d.rad(0, "inriktningar:")
        for key, iid in self.inriktning_id.items():
            namn, agenda, beskrivning = ol.INRIKTNINGAR[key]
            d.rad(2, f"- id: {iid}")
            d.rad(4, f"namn: {dq(namn)}")
            d.block(4, "beskrivning", beskrivning)
            d.rad(4, "bidrar_till: [VISION]")
            d.rad(4, f"agenda2030: {flödeslista(agenda, citera=True)}")
        d.rad(0, "finansiella_mål:")
        for k, (namn, im) in enumerate(ol.FINANSIELLA_MÅL, start=1):
            d.rad(2, f"- id: F{k}")
            d.rad(4, f"namn: {dq(namn)}")
            if im is not None:
                self._indikatorer(d, 4, [self._indikator(f"F{k}-I1", im)])
        total = sum(n.ram for n in self.nämnder)
        d.rad(0, "ramar:")
        d.rad(2, f"år: {PLANÅR}")
        d.rad(2, f"total: {total}")
        d.rad(2, "nämnder:")
        for n in self.nämnder:
            d.rad(4, f"- organisation: {n.mall.id}")
            d.rad(6, f"belopp: {n.ram}")
        d.rad(0, "styrdokument:")
        for suffix, namn, typ, beslutad, giltig, bidrar in ol.STYRDOKUMENT:
            d.rad(2, f"- id: SD-{suffix}")
            d.rad(4, f"namn: {dq(namn)}")
            d.rad(4, f"typ: {typ}")
            d.rad(4, f"beslutad: {beslutad}")
            if giltig:
                d.rad(4, f"giltig_till: {giltig}")
            d.rad(4, "ansvarig: Kommunstyrelsen")
            mål = self.inriktning_id[bidrar] if bidrar else "VISION"
            d.rad(4, f"bidrar_till: [{mål}]")
        return d.text()

    def _nämndplan(self, nämnd: Nämnd) -> str:
        """One committee's plan with its effektmål and indicators."""
        m = nämnd.mall
        d = Dokument(SCHEMA_PLAN)
        self._plan_huvud(d, m.id, "nämnd", str(PLANÅR))
        d.rad(0, f"beslutad: {PLANÅR - 1}-12-{self.rng.randint(8, 17):02d}")
        d.rad(0, f"beslutsinstans: {skalär(m.namn)}")
        d.rad(0, f"ram: {nämnd.ram}")
        d.rad(0, "effektmål:")
        for e in nämnd.effektmål:
            inr_namn = ol.INRIKTNINGAR[e.mall.inriktning][0]
            d.rad(2, f"- id: {e.id}")
            d.rad(4, f"namn: {dq(e.mall.namn)}")
            d.block(
                4,
                "beskrivning",
                [
                    f"Effektmålet konkretiserar inriktningen \"{inr_namn}\".",
                    f"{m.namn} följer upp målet i tertialrapporterna och i verksamhetsberättelsen.",
                ],
            )
            d.rad(4, f"målgrupp: {skalär(e.mall.målgrupp)}")
            d.rad(4, f"period: {PLANÅR}–{PLANÅR + 1}")
            d.rad(4, f"bidrar_till: {flödeslista(e.bidrar_till)}")
            d.rad(4, f"agenda2030: {flödeslista(e.mall.agenda2030, citera=True)}")
            self._indikatorer(d, 4, e.indikatorer)
        return d.text()

    def _förvaltningsplan(self, nämnd: Nämnd) -> str:
        """An administration's plan with administration-wide activities."""
        m = nämnd.mall
        d = Dokument(SCHEMA_PLAN)
        self._plan_huvud(d, m.förvaltning_id, "förvaltning", str(PLANÅR))
        d.rad(0, "aktiviteter:")
        lo, hi = self.profil.aktiviteter_per_förvaltning
        antal = self.rng.randint(lo, hi)
        for k in range(1, antal + 1):
            namn = self.rng.choice(ol.FÖRVALTNINGSAKTIVITETER)
            self._aktivitet(d, nämnd, f"{m.förvaltning_id}-A{k:02d}", namn, ol.FÖRVALTNINGSROLLER)
        self.resultat.förvaltningsaktiviteter += antal
        return d.text()

    def _enhetsplan(self, nämnd: Nämnd, enhet: Enhet) -> str:
        """One unit's plan with about 25 activities.

        Units are paired so that the number of activities varies (±5) while
        the total stays ``AKTIVITETER_PER_ENHET`` per unit on average.
        """
        m = nämnd.mall
        d = Dokument(SCHEMA_PLAN)
        self._plan_huvud(d, enhet.id, "enhet", str(PLANÅR))
        d.rad(0, "aktiviteter:")
        avvikelse = (enhet.nummer * 7919) % 11 - 5  # deterministic -5..5
        sista_udda = enhet.nummer == self.profil.antal_enheter and enhet.nummer % 2 == 1
        if sista_udda:
            avvikelse = 0
        elif enhet.nummer % 2 == 0:
            avvikelse = -(((enhet.nummer - 1) * 7919) % 11 - 5)
        antal = AKTIVITETER_PER_ENHET + avvikelse
        for k in range(1, antal + 1):
            if self.rng.random() < 0.7:
                namn = self.rng.choice(m.aktiviteter)
            else:
                namn = self.rng.choice(ol.GEMENSAMMA_AKTIVITETER)
            namn += self.rng.choice(ol.AKTIVITETSTILLÄGG)
            self._aktivitet(d, nämnd, f"{enhet.id}-A{k:02d}", namn, m.roller)
        self.resultat.enhetsaktiviteter += antal
        return d.text()

    def _aktivitet(
        self, d: Dokument, nämnd: Nämnd, aid: str, namn: str, roller: Sequence[str]
    ) -> None:
        """Write one activity list item."""
        rng = self.rng
        start = dt.date(PLANÅR, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
        slut = min(start + dt.timedelta(days=rng.randint(20, 240)), dt.date(PLANÅR, 12, 31))
        if nämnd.otäckta:
            bidrar = [nämnd.otäckta.pop(0)]
        else:
            bidrar = [rng.choice(nämnd.effektmål).id]
            if rng.random() < 0.2:
                extra = rng.choice(nämnd.effektmål).id
                if extra not in bidrar:
                    bidrar.append(extra)
        ansvarig = rng.choice(roller)
        d.rad(2, f"- id: {aid}")
        d.rad(4, f"namn: {dq(namn)}")
        d.block(4, "beskrivning", self._beskrivning(nämnd, slut))
        d.rad(4, f"bidrar_till: {flödeslista(bidrar)}")
        d.rad(4, f"ansvarig: {skalär(ansvarig)}")
        d.rad(4, f"start: {start.isoformat()}")
        d.rad(4, f"slut: {slut.isoformat()}")
        status = rng.choices([s for s, _ in ol.STATUS], weights=[w for _, w in ol.STATUS])[0]
        d.rad(4, f"status: {skalär(status)}")

    def _beskrivning(self, nämnd: Nämnd, slut: dt.date) -> list[str]:
        """Three to eight lines of plausible Swedish: whole sentences, wrapped."""
        rng = self.rng
        m = nämnd.mall
        partner, partner2 = rng.sample(ol.PARTNER, 2)
        fält = {
            "mg": rng.choice(m.målgrupp_ord),
            "partner": partner,
            "partner2": partner2,
            "frekvens": rng.choice(ol.FREKVENS),
            "rapport": rng.choice(ol.RAPPORT),
            "metod": rng.choice(ol.METOD),
            "kompetens": rng.choice(ol.KOMPETENS),
            "grupper": rng.choice(ol.GRUPPER),
            "roll": gemen(rng.choice(m.roller)),
            "tidigare": rng.choice(ol.TIDIGARE),
            "procent": rng.randrange(50, 95, 5),
            "slutdatum": f"{slut.day} {ol.MÅNADER[slut.month - 1]}",
        }
        mål = rng.choices(RADANTAL, weights=RADVIKTER)[0]
        meningar: list[str] = []
        rader: list[str] = []
        # Add whole sentences while the text fits in ``mål`` lines; go over
        # only as far as needed to reach the minimum of three lines.
        for mall in rng.sample(ol.MENINGAR, len(ol.MENINGAR)):
            meningar.append(mall.format(**fält))
            nya = textwrap.wrap(
                " ".join(meningar), BRYTBREDD, break_long_words=False, break_on_hyphens=False
            )
            if len(nya) > mål and len(rader) >= 3:
                break
            rader = nya
            if len(rader) >= mål:
                break
        return rader


def gemen(ord_: str) -> str:
    """Lower-case the first letter unless the word starts with an acronym."""
    if len(ord_) > 1 and ord_[1].isupper():
        return ord_
    return ord_[:1].lower() + ord_[1:]


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def markör_innehåll(storlek: str, skala: float, seed: int) -> dict[str, object]:
    """Identify a generated tree: arguments plus a hash of the generator code."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("generate.py", "ordlistor.py"):
        h.update((here / name).read_bytes())
    return {"storlek": storlek, "skala": skala, "seed": seed, "generator": h.hexdigest()}


def generera(ut: Path, storlek: str, skala: float = 1.0, seed: int = 1) -> Resultat:
    """Generate a repository into ``ut`` and return a summary.

    ``ut`` must be missing, empty, or an earlier output of this script
    (recognised by its marker file), which is then replaced.
    """
    start = time.perf_counter()
    if ut.exists():
        if (ut / MARKÖR).is_file():
            shutil.rmtree(ut)
        elif any(ut.iterdir()):
            raise SystemExit(f"{ut} finns och är inte tom (och inte genererad av detta skript)")
    ut.mkdir(parents=True, exist_ok=True)
    gen = Generator(profil_för(storlek, skala), seed)
    gen.bygg()
    resultat = gen.skriv(ut)
    markör = json.dumps(markör_innehåll(storlek, skala, seed), indent=2, sort_keys=True) + "\n"
    (ut / MARKÖR).write_text(markör, encoding="utf-8")
    resultat.sekunder = time.perf_counter() - start
    return resultat


def sammanfattning(r: Resultat) -> str:
    """One-line human summary of a generation result."""
    return (
        f"{r.filer} filer, {r.byte / 1e6:.1f} MB YAML, {r.enheter} enhetsplaner, "
        f"{r.enhetsaktiviteter} enhetsaktiviteter (+{r.förvaltningsaktiviteter} på förvaltningar), "
        f"{r.effektmål} effektmål, {r.indikatorer} indikatorer; {r.sekunder:.1f} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="heby", help="heby, storstad or a number of unit plans")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the number of unit plans")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    resultat = generera(args.out, args.size, args.scale, args.seed)
    print(f"{args.out}: {sammanfattning(resultat)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
