"""Generate a synthetic, valid plan repository for benchmarking ``malstyrning``.

The repository follows ``docs/filformat.md``: ``malstyrning.yaml`` (settings),
``organisation.yaml`` (the organisation register), the municipal council's
plan (vision, inriktningar, financial goals, budget frames, policy documents),
one plan per committee (effektmål with indicators), one plan per
administration and one plan per unit (enhet) with activities that carry
multi-line descriptions. It validates without findings: every effektmål has
an activity, every inriktning an effektmål, the frames add up, and so on.

Output is deterministic: the same arguments give byte-identical files. YAML is
written as text (no YAML library): every ``namn`` is double-quoted with full
escaping, and other free text is quoted whenever a plain scalar could be
misread.

Sizes:

* ``heby``: 6 committees, 6 administrations, 45 units - 60 files, ~0.6 MB.
* ``storstad``: 15 committees, 15 administrations, 2,000 units with 25
  activities each (50,000 unit activities) - 2,033 files, ~26 MB.
* ``N`` (an integer): the storstad structure with ``N`` unit plans.

``--scale`` multiplies the number of unit plans (for scaling measurements).

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

import wordlists as wl

#: Hidden marker file written into every generated repository. Its content
#: identifies the arguments and the generator version; ``run.py`` uses it to
#: reuse an up-to-date tree, and this script only ever deletes a directory
#: that contains it.
MARKER = ".malstyrning-benchmark.json"

SCHEMA_SETTINGS = "installningar.schema.json"
SCHEMA_ORGANISATION = "organisation.schema.json"
SCHEMA_PLAN = "verksamhetsplan.schema.json"

PLAN_YEAR = 2027
ACTIVITIES_PER_UNIT = 25
STORSTAD_UNITS = 2000
HEBY_UNITS = 45

#: Activity descriptions have 3-8 lines (short ones are more common): whole
#: sentences wrapped at WRAP_WIDTH. Tuned so that storstad is about 25 MB.
DESCRIPTION_LINES = (3, 4, 5, 6, 7, 8)
DESCRIPTION_WEIGHTS = (30, 25, 18, 12, 9, 6)
WRAP_WIDTH = 60


# ---------------------------------------------------------------------------
# YAML text helpers
# ---------------------------------------------------------------------------

#: Words that YAML 1.1 or 1.2 may read as null or a boolean (plus the Swedish
#: yes/no, to be safe with other tools).
_RESERVED = frozenset(
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


def double_quoted(text: str) -> str:
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


def scalar(text: str) -> str:
    """Return ``text`` as a plain scalar when that is unambiguous, else quoted.

    Plain output is used only for text that starts with a letter, contains no
    YAML indicator characters (``:`` ``#`` ``[`` ``{`` quotes …), has no
    leading or trailing space and is not a word that YAML 1.1 or 1.2 could
    read as a boolean or null.
    """
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in _RESERVED:
        return text
    return double_quoted(text)


def flow_id(ident: str) -> str:
    """Return an id for use in a flow sequence (quoted unless a safe word)."""
    if _PLAIN_ID.fullmatch(ident) and ident.lower() not in _RESERVED:
        return ident
    return double_quoted(ident)


def flow_list(items: Iterable[str], *, quote: bool = False) -> str:
    """Return ``[a, b]``; ids are quoted when needed, or always with ``quote``."""
    return "[" + ", ".join(double_quoted(i) if quote else flow_id(i) for i in items) + "]"


def number(value: float, decimals: int) -> str:
    """Format a number for YAML (an integer when ``decimals`` is 0)."""
    if decimals == 0:
        return str(round(value))
    return f"{value:.{decimals}f}"


def write_file(summary: Summary, out: Path, relative: str, text: str) -> None:
    """Write one file of a generated repository as UTF-8 with LF line endings, counted in
    ``summary``."""
    path = out / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    summary.files += 1
    summary.bytes += len(data)


def slug(text: str) -> str:
    """ASCII file-name slug: ``Förskolan Björkgläntan`` -> ``forskolan-bjorkglantan``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def lower_first(word: str) -> str:
    """Lower-case the first letter unless the word starts with an acronym (``HR-chef``)."""
    if len(word) > 1 and word[1].isupper():
        return word
    return word[:1].lower() + word[1:]


class Document:
    """Line-oriented builder for one YAML document."""

    def __init__(self, schema: str) -> None:
        """Start a document with the editor's schema comment on its first line."""
        self.lines: list[str] = [f"# yaml-language-server: $schema={schema}"]

    def line(self, indent: int, text: str) -> None:
        """Append ``text`` indented by ``indent`` spaces."""
        self.lines.append(" " * indent + text)

    def block(self, indent: int, key: str, lines: Sequence[str]) -> None:
        """Append ``key: |`` followed by a literal block scalar of ``lines``."""
        self.lines.append(" " * indent + f"{key}: |")
        inner = " " * (indent + 2)
        self.lines.extend(inner + text for text in lines)

    def text(self) -> str:
        """Return the document text, ending with a newline."""
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """Size profile of a generated repository."""

    name: str
    municipality: str
    municipality_code: str
    vision: str
    committees: tuple[wl.CommitteeTemplate, ...]
    units: int
    goals_per_committee: tuple[int, int]
    activities_per_admin: tuple[int, int]


@dataclass
class Indicator:
    """A generated indicator: baseline and target values for two years."""

    id: str
    template: wl.IndicatorTemplate
    kolada: str | None
    baseline: float
    targets: tuple[float, float]


@dataclass
class Goal:
    """A generated effect goal (effektmål)."""

    id: str
    template: wl.GoalTemplate
    contributes_to: list[str]
    indicators: list[Indicator]


@dataclass
class Unit:
    """A unit (enhet) that gets its own plan file."""

    id: str
    name: str
    number: int


@dataclass
class Committee:
    """A committee with its administration, goals and units."""

    template: wl.CommitteeTemplate
    frame: int = 0
    goals: list[Goal] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)  # goals with no activity yet


@dataclass
class Summary:
    """What a generation run wrote."""

    files: int = 0
    bytes: int = 0
    units: int = 0
    unit_activities: int = 0
    admin_activities: int = 0
    goals: int = 0
    indicators: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        """One-line human summary."""
        return (
            f"{self.files} files, {self.bytes / 1e6:.1f} MB of YAML, {self.units} enhet plans, "
            f"{self.unit_activities} enhet activities (+{self.admin_activities} in förvaltning "
            f"plans), {self.goals} effektmål, {self.indicators} indicators; "
            f"generated in {self.seconds:.1f} s"
        )


def profile_for(size: str, scale: float = 1.0) -> Profile:
    """Return the profile for ``heby``, ``storstad`` or an integer number of units."""
    if size == "heby":
        committees = tuple(c for key in wl.HEBY_COMMITTEES for c in wl.COMMITTEES if c.id == key)
        units = HEBY_UNITS
    elif size == "storstad":
        committees, units = wl.COMMITTEES, STORSTAD_UNITS
    else:
        try:
            units = int(size)
        except ValueError:
            raise SystemExit(f"unknown size {size!r}: use heby, storstad or a number") from None
        if units < 1:
            raise SystemExit("the number of enhet plans must be at least 1")
        committees = wl.COMMITTEES
    units = max(1, round(units * scale))
    if units < len(committees):
        # Fewer units than committees: keep the committees with most units.
        largest = sorted(committees, key=lambda c: -c.weight)[:units]
        committees = tuple(c for c in committees if c in largest)
    if size == "heby":
        return Profile(
            name="heby",
            municipality="Heby kommun (syntetisk)",
            municipality_code="0331",
            vision=wl.VISION["heby"],
            committees=committees,
            units=units,
            goals_per_committee=(3, 5),
            activities_per_admin=(4, 8),
        )
    return Profile(
        name="storstad",
        municipality="Storstads kommun (syntetisk)",
        municipality_code="0180",
        vision=wl.VISION["storstad"],
        committees=committees,
        units=units,
        goals_per_committee=(4, 8),
        activities_per_admin=(6, 10),
    )


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder), at least 1 each."""
    n = len(weights)
    if total < n:
        raise ValueError("fewer items than buckets")
    rest = total - n
    shares = [rest * w / sum(weights) for w in weights]
    parts = [int(s) for s in shares]
    order = sorted(range(n), key=lambda i: (-(shares[i] - parts[i]), i))
    for i in order[: rest - sum(parts)]:
        parts[i] += 1
    return [p + 1 for p in parts]


def activity_count(unit_number: int, last_unit: int) -> int:
    """Number of activities of a unit: 25 ± 5, paired so the total stays 25 × units.

    Odd unit ``k`` gets ``25 + d(k)`` and unit ``k + 1`` gets ``25 - d(k)``; a
    last odd unit without a partner gets exactly 25.
    """

    def deviation(k: int) -> int:
        return (k * 7919) % 11 - 5

    if unit_number % 2 == 0:
        return ACTIVITIES_PER_UNIT - deviation(unit_number - 1)
    if unit_number == last_unit:
        return ACTIVITIES_PER_UNIT
    return ACTIVITIES_PER_UNIT + deviation(unit_number)


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------


class Generator:
    """Builds the model from a profile and writes the repository files.

    All randomness comes from one ``random.Random(seed)`` consumed in a fixed
    order, so the output depends only on the profile and the seed.
    """

    def __init__(self, profile: Profile, seed: int) -> None:
        """Prepare a generator for ``profile``."""
        self.profile = profile
        self.rng = random.Random(seed)
        self.priority_ids = {key: f"I{i}" for i, key in enumerate(wl.PRIORITIES, start=1)}
        self.kolada_ids: dict[str, str] = {}
        self.committees: list[Committee] = []
        self.summary = Summary()

    # -- model ---------------------------------------------------------------

    def build(self) -> None:
        """Create committees, units, goals and budget frames."""
        p = self.profile
        counts = apportion(p.units, [c.weight for c in p.committees])
        used_names: set[str] = set()
        number_ = 0
        for template, count in zip(p.committees, counts, strict=True):
            committee = Committee(template)
            for _ in range(count):
                number_ += 1
                name = self._unit_name(template, used_names)
                committee.units.append(Unit(f"{template.admin_id}-{number_:04d}", name, number_))
            self.committees.append(committee)
        all_goals: list[Goal] = []
        covered: set[str] = set()
        for committee in self.committees:
            self._goals(committee)
            for goal in committee.goals:
                covered.update(goal.contributes_to)
            all_goals.extend(committee.goals)
            committee.uncovered = [g.id for g in committee.goals]
        # Every inriktning must have at least one effektmål.
        missing = [i for i in self.priority_ids.values() if i not in covered]
        for k, priority_id in enumerate(missing):
            all_goals[(k * 7) % len(all_goals)].contributes_to.append(priority_id)
        for committee in self.committees:
            base = committee.template.budget_per_unit * len(committee.units) + 5000
            committee.frame = int(round(base * self.rng.uniform(0.9, 1.1), -2))

    def _unit_name(self, template: wl.CommitteeTemplate, used: set[str]) -> str:
        """Draw a unit name that is unique within the repository."""
        name = ""
        for _ in range(20):
            name = self.rng.choice(template.unit_names).format(
                p=self.rng.choice(wl.NAME_PREFIXES), o=self.rng.choice(wl.DISTRICTS)
            )
            if name not in used:
                used.add(name)
                return name
        n = 2
        while f"{name} {n}" in used:
            n += 1
        used.add(f"{name} {n}")
        return f"{name} {n}"

    def _goals(self, committee: Committee) -> None:
        """Pick effect goals for a committee: its own first, then generic ones."""
        lo, hi = self.profile.goals_per_committee
        own = list(committee.template.goals)
        count = min(self.rng.randint(lo, hi), len(own) + len(wl.GENERIC_GOALS))
        templates = own[:count]
        if count > len(own):
            templates += self.rng.sample(wl.GENERIC_GOALS, count - len(own))
        for k, template in enumerate(templates, start=1):
            goal_id = f"{committee.template.id}-E{k}"
            contributes = [self.priority_ids[template.priority]]
            if self.rng.random() < 0.15:
                extra = self.rng.choice(list(self.priority_ids.values()))
                if extra not in contributes:
                    contributes.append(extra)
            n_indicators = self.rng.randint(1, len(template.indicators))
            indicators = [
                self._indicator(f"{goal_id}-I{j}", it)
                for j, it in enumerate(template.indicators[:n_indicators], start=1)
            ]
            committee.goals.append(Goal(goal_id, template, contributes, indicators))

    def _indicator(self, indicator_id: str, template: wl.IndicatorTemplate) -> Indicator:
        """Draw a baseline and two improving target values for an indicator."""
        smallest = 10.0**-template.decimals
        baseline = round(self.rng.uniform(template.lo, template.hi), template.decimals)
        step = (template.hi - template.lo) * self.rng.uniform(0.05, 0.15)
        if template.direction == "högre" and template.unit == "%":
            step = min(step, (100 - baseline) / 2.5)
        if template.direction == "lägre":
            step = min(step, baseline / 2.5)
        step = max(round(step, template.decimals), smallest)
        sign = 1 if template.direction == "högre" else -1
        targets = (
            round(baseline + sign * step, template.decimals),
            round(baseline + sign * 2 * step, template.decimals),
        )
        kolada: str | None = None
        if isinstance(template.kolada, str):
            kolada = template.kolada
        elif template.kolada:
            if template.name not in self.kolada_ids:
                letter = self.rng.choice("NU")
                self.kolada_ids[template.name] = f"{letter}{self.rng.randint(0, 99999):05d}"
            kolada = self.kolada_ids[template.name]
        self.summary.indicators += 1
        return Indicator(indicator_id, template, kolada, baseline, targets)

    # -- writing -------------------------------------------------------------

    def write(self, out: Path) -> Summary:
        """Write all files below ``out`` and return a summary."""
        self._write(out, "malstyrning.yaml", self._settings())
        self._write(out, "organisation.yaml", self._organisation())
        self._write(
            out, "kommunfullmaktige/kf-verksamhetsplan-2027-2029.yaml", self._council_plan()
        )
        for committee in self.committees:
            t = committee.template
            self._write(
                out, f"namnder/{slug(t.id)}-{slug(t.name)}.yaml", self._committee_plan(committee)
            )
        for committee in self.committees:
            t = committee.template
            folder = f"{slug(t.admin_id)}-{slug(t.admin_name)}"
            self._write(out, f"forvaltningar/{folder}.yaml", self._admin_plan(committee))
            for unit in committee.units:
                path = f"enheter/{folder}/{unit.number:04d}-{slug(unit.name)}.yaml"
                self._write(out, path, self._unit_plan(committee, unit))
        self.summary.units = sum(len(c.units) for c in self.committees)
        self.summary.goals = sum(len(c.goals) for c in self.committees)
        return self.summary

    def _write(self, out: Path, relative: str, text: str) -> None:
        write_file(self.summary, out, relative, text)

    def _settings(self) -> str:
        """``malstyrning.yaml``."""
        p = self.profile
        doc = Document(SCHEMA_SETTINGS)
        doc.line(0, "# Syntetisk planrepository för prestandamätning (benchmarks/generate.py).")
        doc.line(0, "typ: inställningar")
        doc.line(0, f"kommun: {scalar(p.municipality)}")
        doc.line(0, f"kommunkod: {double_quoted(p.municipality_code)}")
        doc.line(0, f"period: {PLAN_YEAR}–{PLAN_YEAR + 2}")
        doc.line(0, "regler:")
        doc.line(2, "max_effektmål_per_nämnd: 50")
        return doc.text()

    def _organisation(self) -> str:
        """``organisation.yaml``: KF, committees, administrations and units."""
        doc = Document(SCHEMA_ORGANISATION)
        doc.line(0, "typ: organisation")
        doc.line(0, "organisationer:")

        def entry(org_id: str, name: str, level: str, parent: str | None) -> None:
            doc.line(2, f"- id: {org_id}")
            doc.line(4, f"namn: {double_quoted(name)}")
            doc.line(4, f"nivå: {level}")
            if parent:
                doc.line(4, f"överordnad: {parent}")

        entry("KF", "Kommunfullmäktige", "kommunfullmäktige", None)
        for c in self.committees:
            entry(c.template.id, c.template.name, "nämnd", "KF")
        for c in self.committees:
            t = c.template
            entry(t.admin_id, t.admin_name, "förvaltning", t.id)
            for unit in c.units:
                entry(unit.id, unit.name, "enhet", t.admin_id)
        return doc.text()

    @staticmethod
    def _plan_head(doc: Document, org: str, level: str, period: str) -> None:
        """The keys every verksamhetsplan starts with."""
        doc.line(0, "typ: verksamhetsplan")
        doc.line(0, f"organisation: {org}")
        doc.line(0, f"nivå: {level}")
        doc.line(0, f"period: {period}")

    @staticmethod
    def _indicators(doc: Document, indent: int, indicators: Sequence[Indicator]) -> None:
        """Write an ``indikatorer:`` list at ``indent``."""
        doc.line(indent, "indikatorer:")
        for ind in indicators:
            t = ind.template
            doc.line(indent + 2, f"- id: {ind.id}")
            doc.line(indent + 4, f"namn: {double_quoted(t.name)}")
            doc.line(indent + 4, f"enhet: {scalar(t.unit)}")
            doc.line(indent + 4, f"riktning: {t.direction}")
            baseline = number(ind.baseline, t.decimals)
            doc.line(indent + 4, f"baslinje: {{år: {PLAN_YEAR - 2}, värde: {baseline}}}")
            doc.line(indent + 4, "målvärden:")
            for year, value in zip((PLAN_YEAR, PLAN_YEAR + 1), ind.targets, strict=True):
                doc.line(indent + 6, f"- {{år: {year}, värde: {number(value, t.decimals)}}}")
            if ind.kolada:
                doc.line(indent + 4, f"kolada: {ind.kolada}")
            doc.line(indent + 4, f"källa: {scalar(t.source)}")

    def _council_plan(self) -> str:
        """Kommunfullmäktige's plan."""
        doc = Document(SCHEMA_PLAN)
        self._plan_head(doc, "KF", "kommunfullmäktige", f"{PLAN_YEAR}–{PLAN_YEAR + 2}")
        doc.line(0, f"beslutad: {PLAN_YEAR - 1}-11-23")
        doc.line(0, "beslutsinstans: Kommunfullmäktige")
        doc.line(0, "vision:")
        doc.line(2, "id: VISION")
        doc.line(2, f"namn: {double_quoted(self.profile.vision)}")
        doc.line(0, "inriktningar:")
        for key, priority_id in self.priority_ids.items():
            name, agenda, description = wl.PRIORITIES[key]
            doc.line(2, f"- id: {priority_id}")
            doc.line(4, f"namn: {double_quoted(name)}")
            doc.block(4, "beskrivning", description)
            doc.line(4, "bidrar_till: [VISION]")
            doc.line(4, f"agenda2030: {flow_list(agenda, quote=True)}")
        doc.line(0, "finansiella_mål:")
        for k, (name, template) in enumerate(wl.FINANCIAL_GOALS, start=1):
            doc.line(2, f"- id: F{k}")
            doc.line(4, f"namn: {double_quoted(name)}")
            if template is not None:
                self._indicators(doc, 4, [self._indicator(f"F{k}-I1", template)])
        doc.line(0, "ramar:")
        doc.line(2, f"år: {PLAN_YEAR}")
        doc.line(2, f"total: {sum(c.frame for c in self.committees)}")
        doc.line(2, "nämnder:")
        for c in self.committees:
            doc.line(4, f"- organisation: {c.template.id}")
            doc.line(6, f"belopp: {c.frame}")
        doc.line(0, "styrdokument:")
        for suffix, name, kind, decided, valid_to, priority in wl.POLICY_DOCUMENTS:
            doc.line(2, f"- id: SD-{suffix}")
            doc.line(4, f"namn: {double_quoted(name)}")
            doc.line(4, f"typ: {kind}")
            doc.line(4, f"beslutad: {decided}")
            if valid_to:
                doc.line(4, f"giltig_till: {valid_to}")
            doc.line(4, "ansvarig: Kommunstyrelsen")
            target = self.priority_ids[priority] if priority else "VISION"
            doc.line(4, f"bidrar_till: [{target}]")
        return doc.text()

    def _committee_plan(self, committee: Committee) -> str:
        """One committee's plan with its effektmål and indicators."""
        t = committee.template
        doc = Document(SCHEMA_PLAN)
        self._plan_head(doc, t.id, "nämnd", str(PLAN_YEAR))
        doc.line(0, f"beslutad: {PLAN_YEAR - 1}-12-{self.rng.randint(8, 17):02d}")
        doc.line(0, f"beslutsinstans: {scalar(t.name)}")
        doc.line(0, f"ram: {committee.frame}")
        doc.line(0, "effektmål:")
        for goal in committee.goals:
            priority_name = wl.PRIORITIES[goal.template.priority][0]
            doc.line(2, f"- id: {goal.id}")
            doc.line(4, f"namn: {double_quoted(goal.template.name)}")
            doc.block(
                4,
                "beskrivning",
                [
                    f'Effektmålet konkretiserar inriktningen "{priority_name}".',
                    f"{t.name} följer upp målet i tertialrapporterna och i verksamhetsberättelsen.",
                ],
            )
            doc.line(4, f"målgrupp: {scalar(goal.template.target_group)}")
            doc.line(4, f"period: {PLAN_YEAR}–{PLAN_YEAR + 1}")
            doc.line(4, f"bidrar_till: {flow_list(goal.contributes_to)}")
            doc.line(4, f"agenda2030: {flow_list(goal.template.agenda2030, quote=True)}")
            self._indicators(doc, 4, goal.indicators)
        return doc.text()

    def _admin_plan(self, committee: Committee) -> str:
        """An administration's (förvaltning) plan with administration-wide activities."""
        t = committee.template
        doc = Document(SCHEMA_PLAN)
        self._plan_head(doc, t.admin_id, "förvaltning", str(PLAN_YEAR))
        doc.line(0, "aktiviteter:")
        count = self.rng.randint(*self.profile.activities_per_admin)
        for k in range(1, count + 1):
            name = self.rng.choice(wl.ADMIN_ACTIVITIES)
            self._activity(doc, committee, f"{t.admin_id}-A{k:02d}", name, wl.ADMIN_ROLES)
        self.summary.admin_activities += count
        return doc.text()

    def _unit_plan(self, committee: Committee, unit: Unit) -> str:
        """One unit's plan with about 25 activities."""
        t = committee.template
        doc = Document(SCHEMA_PLAN)
        self._plan_head(doc, unit.id, "enhet", str(PLAN_YEAR))
        doc.line(0, "aktiviteter:")
        count = activity_count(unit.number, self.profile.units)
        for k in range(1, count + 1):
            if self.rng.random() < 0.7:
                name = self.rng.choice(t.activities)
            else:
                name = self.rng.choice(wl.COMMON_ACTIVITIES)
            name += self.rng.choice(wl.ACTIVITY_SUFFIXES)
            self._activity(doc, committee, f"{unit.id}-A{k:02d}", name, t.roles)
        self.summary.unit_activities += count
        return doc.text()

    def _activity(
        self, doc: Document, committee: Committee, activity_id: str, name: str, roles: Sequence[str]
    ) -> None:
        """Write one activity list item.

        It contributes to an effektmål of its own committee; goals that have no
        activity yet are taken first, so every effektmål gets one.
        """
        rng = self.rng
        start = dt.date(PLAN_YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
        end = min(start + dt.timedelta(days=rng.randint(20, 240)), dt.date(PLAN_YEAR, 12, 31))
        if committee.uncovered:
            contributes = [committee.uncovered.pop(0)]
        else:
            contributes = [rng.choice(committee.goals).id]
            if rng.random() < 0.2:
                extra = rng.choice(committee.goals).id
                if extra not in contributes:
                    contributes.append(extra)
        responsible = rng.choice(roles)
        doc.line(2, f"- id: {activity_id}")
        doc.line(4, f"namn: {double_quoted(name)}")
        doc.block(4, "beskrivning", self._description(committee, end))
        doc.line(4, f"bidrar_till: {flow_list(contributes)}")
        doc.line(4, f"ansvarig: {scalar(responsible)}")
        doc.line(4, f"start: {start.isoformat()}")
        doc.line(4, f"slut: {end.isoformat()}")
        statuses = [s for s, _ in wl.STATUSES]
        weights = [w for _, w in wl.STATUSES]
        doc.line(4, f"status: {scalar(rng.choices(statuses, weights=weights)[0])}")

    def _description(self, committee: Committee, end: dt.date) -> list[str]:
        """Three to eight lines of plausible Swedish: whole sentences, wrapped."""
        rng = self.rng
        t = committee.template
        partner, partner2 = rng.sample(wl.PARTNERS, 2)
        slots = {
            "audience": rng.choice(t.audiences),
            "partner": partner,
            "partner2": partner2,
            "frequency": rng.choice(wl.FREQUENCIES),
            "report": rng.choice(wl.REPORTS),
            "method": rng.choice(wl.METHODS),
            "support": rng.choice(wl.SUPPORT),
            "group": rng.choice(wl.GROUPS),
            "role": lower_first(rng.choice(t.roles)),
            "earlier": rng.choice(wl.EARLIER),
            "percent": rng.randrange(50, 95, 5),
            "end_date": f"{end.day} {wl.MONTHS[end.month - 1]}",
        }
        wanted = rng.choices(DESCRIPTION_LINES, weights=DESCRIPTION_WEIGHTS)[0]
        sentences: list[str] = []
        lines: list[str] = []
        # Add whole sentences while the text fits in ``wanted`` lines; go over
        # only as far as needed to reach the minimum of three lines.
        for template in rng.sample(wl.SENTENCES, len(wl.SENTENCES)):
            sentences.append(template.format(**slots))
            wrapped = textwrap.wrap(
                " ".join(sentences), WRAP_WIDTH, break_long_words=False, break_on_hyphens=False
            )
            if len(wrapped) > wanted and len(lines) >= 3:
                break
            lines = wrapped
            if len(lines) >= wanted:
                break
        return lines


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def marker_content(size: str, scale: float, seed: int) -> dict[str, object]:
    """Identify a generated tree: the arguments plus a hash of the generator code."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("generate.py", "wordlists.py", "generate_region.py"):
        digest.update((here / name).read_bytes())
    return {"size": size, "scale": scale, "seed": seed, "generator": digest.hexdigest()}


def generate(out: Path, size: str, scale: float = 1.0, seed: int = 1) -> Summary:
    """Generate a repository into ``out`` and return a summary.

    ``out`` must be missing, empty, or an earlier output of this script
    (recognised by its marker file), which is then replaced.
    """
    started = time.perf_counter()
    if out.exists():
        if (out / MARKER).is_file():
            shutil.rmtree(out)
        elif any(out.iterdir()):
            raise SystemExit(f"{out} exists, is not empty and was not made by this script")
    out.mkdir(parents=True, exist_ok=True)
    generator = Generator(profile_for(size, scale), seed)
    generator.build()
    summary = generator.write(out)
    marker = json.dumps(marker_content(size, scale, seed), indent=2, sort_keys=True) + "\n"
    (out / MARKER).write_text(marker, encoding="utf-8")
    summary.seconds = time.perf_counter() - started
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Generate a synthetic plan repository for benchmarking malstyrning."
    )
    parser.add_argument("--size", default="heby", help="heby, storstad or a number of enhet plans")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiplies the number of enhet plans (e.g. 0.5, 2)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    summary = generate(args.out, args.size, args.scale, args.seed)
    print(f"{args.out}: {summary.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
