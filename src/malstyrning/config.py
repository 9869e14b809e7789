"""Repository settings (``malstyrning.yaml``) and the steering model, as typed records.

The steering model is data: Heby's by default (``data/standard.json``), replaced piece by
piece in ``malstyrning.yaml`` by a kommun or region that steers differently. The engine
never names a level; checks, schemas, messages and documents ask this model.

API in brief:

- :class:`SteeringModel` (``settings.steering``) bundles the three parts below.
- :class:`Chain` (``settings.chain``) — the plan levels from the root down, each a
  :class:`Level`: ``kind`` (``typ``, the id used in ``bidrar_till``), ``key`` (``nyckel``
  in plan files), ``name``/``plural``, grammar (``article``, ``pronoun``, ``definite``,
  ``definite_plural``, ``indefinite``, ``genitive``, ``lower``, ``lower_plural``),
  ``decided_by`` (organisation level kinds, alias ``org_levels``), ``parents``
  (``bidrar_till``), ``role`` (``rot``/``mål``/``aktivitet``: ``is_root``, ``is_goal``,
  ``is_activity``), ``measurable`` (``mätbar``), ``max_per_org``
  (``max_per_organisation``) and ``carries`` (the optional fields an item holds).
  Lookups: ``by_kind``, ``by_key``, ``rank``, ``children_of``, ``ancestors``,
  ``descendants``, ``levels_decided_by``; groups: ``goal_levels``,
  ``measurable_levels``, ``activity_levels``, ``root``, ``leaf``.
- :class:`Organisation` (``settings.organisation``) — the organisation levels, each an
  :class:`OrgLevel` (``kind``, ``name``/``plural`` and grammar, ``rank``, ``writes``):
  ``kinds``, ``by_kind``, ``top``, ``rank_of``.
- :class:`Part` (``settings.parts``) — finansiella mål, styrdokument, ramar and ram:
  which organisation levels they belong to (``decided_by``) and which levels they may
  point at (``parents``).
- ``settings.steering.synonyms`` — words a kommun may write for a file key
  (``årsmål`` → ``målvärden``), answered by the schema check with the right key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from malstyrning.findings import Severity
from malstyrning.limits import RunLimits
from malstyrning.words import Noun

SETTINGS_FILE = "malstyrning.yaml"
DATA_DIR = Path(__file__).resolve().parent / "data"

ROOT, GOAL, ACTIVITY = "rot", "mål", "aktivitet"
ROLES = (ROOT, GOAL, ACTIVITY)


@cache
def defaults() -> dict[str, Any]:
    """The packaged defaults (steering model, document kinds, limits)."""
    text = (DATA_DIR / "standard.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class _Named:
    """Swedish forms of a configured name, shared by plan and organisation levels."""

    noun: Noun

    @property
    def article(self) -> str:
        """``en`` or ``ett``."""
        return self.noun.article

    @property
    def pronoun(self) -> str:
        """``den`` or ``det``."""
        return self.noun.pronoun

    @property
    def no(self) -> str:
        """``ingen`` or ``inget``."""
        return self.noun.no

    @property
    def some(self) -> str:
        """``någon`` or ``något``."""
        return self.noun.some

    @property
    def some_own(self) -> str:
        """``någon egen`` or ``något eget``."""
        return self.noun.some_own

    @property
    def lower(self) -> str:
        """The singular inside a sentence: ``nämndmål``."""
        return self.noun.lower

    @property
    def lower_plural(self) -> str:
        """The plural inside a sentence: ``insatser``."""
        return self.noun.lower_plural

    @property
    def definite(self) -> str:
        """``nämndmålet``, ``insatsen``, ``nämnden``."""
        return self.noun.definite

    @property
    def definite_plural(self) -> str:
        """``nämndmålen``, ``insatserna``, ``nämnderna``."""
        return self.noun.definite_pl

    @property
    def indefinite(self) -> str:
        """``ett nämndmål``, ``en insats``."""
        return self.noun.indefinite

    @property
    def genitive(self) -> str:
        """``nämndmålets``, ``nämndens``."""
        return self.noun.genitive


def _noun(item: dict[str, Any], fallback: str) -> Noun:
    name = str(item.get("namn") or fallback).strip()
    return Noun.make(name, str(item.get("plural") or "").strip(),
                     str(item.get("genus") or ""), str(item.get("bestämd") or ""),
                     str(item.get("bestämd_plural") or ""))


@dataclass(frozen=True, slots=True)
class Level(_Named):
    """One level of the plan chain, e.g. nämndmål: decided by nämnder, points at
    målområden, a goal that is measured."""

    kind: str
    key: str
    name: str
    plural: str
    org_levels: tuple[str, ...]
    parents: tuple[str, ...]
    measurable: bool = False
    role: str = GOAL
    noun: Noun = field(default_factory=lambda: Noun.make("Mål"))
    max_per_org: int | None = None
    carries: tuple[str, ...] = ()
    description: str = ""
    example_id: str = ""
    example_name: str = ""

    @property
    def decided_by(self) -> tuple[str, ...]:
        """The organisation level kinds whose plans hold this level (``beslutas_av``)."""
        return self.org_levels

    @property
    def is_root(self) -> bool:
        """The vision: the root everything contributes to."""
        return self.role == ROOT

    @property
    def is_goal(self) -> bool:
        """A goal: carries målgrupp, period and indikatorer, assessed in follow-ups."""
        return self.role == GOAL

    @property
    def is_activity(self) -> bool:
        """An activity: carries ansvarig, start, slut and status, followed up by status."""
        return self.role == ACTIVITY

    @property
    def several(self) -> str:
        """How a sentence names this level's items in general: the plural (``mål``,
        ``insatser``), but the root, of which there is one, definite (``visionen``)."""
        return self.definite if self.is_root else self.lower_plural

    @property
    def several_definite(self) -> str:
        """Like :attr:`several`, definite: ``målen``, ``insatserna``, ``visionen``."""
        return self.definite if self.is_root else self.definite_plural


@dataclass(frozen=True)
class Chain:
    """The plan levels from the root (vision) down to the leaf (insats)."""

    levels: tuple[Level, ...]

    @property
    def root(self) -> Level:
        """The first level (the vision)."""
        return self.levels[0]

    @property
    def leaf(self) -> Level:
        """The last level."""
        return self.levels[-1]

    @cached_property
    def _kinds(self) -> dict[str, Level]:
        return {level.kind: level for level in self.levels}

    @cached_property
    def _keys(self) -> dict[str, Level]:
        return {level.key: level for level in self.levels}

    @cached_property
    def kinds(self) -> frozenset[str]:
        """Every level kind of the chain."""
        return frozenset(self._kinds)

    def by_kind(self, kind: str) -> Level | None:
        """The level with ``typ`` ``kind``, or None."""
        return self._kinds.get(kind)

    def by_key(self, key: str) -> Level | None:
        """The level written under ``key`` in plan files, or None."""
        return self._keys.get(key)

    def rank(self, kind: str) -> int:
        """Position in the chain (0 = root); -1 for kinds outside the chain."""
        for i, level in enumerate(self.levels):
            if level.kind == kind:
                return i
        return -1

    def name_of(self, kind: str) -> str:
        """The level's name, or the kind itself (capitalised) outside the chain."""
        level = self.by_kind(kind)
        return level.name if level else kind[:1].upper() + kind[1:]

    def several_of(self, kind: str) -> str:
        """:attr:`Level.several` of ``kind``, or the kind itself outside the chain."""
        level = self.by_kind(kind)
        return level.several if level is not None else kind

    def children_of(self, kind: str) -> list[Level]:
        """Levels whose ``bidrar_till`` names ``kind``."""
        return [lv for lv in self.levels if kind in lv.parents]

    def ancestors(self, kind: str) -> list[Level]:
        """Every level reachable upwards from ``kind`` through ``bidrar_till``, nearest
        first (``kind`` itself excluded)."""
        out: list[Level] = []
        todo = list(self.by_kind(kind).parents if self.by_kind(kind) else ())  # type: ignore[union-attr]
        while todo:
            level = self.by_kind(todo.pop(0))
            if level is not None and level not in out and level.kind != kind:
                out.append(level)
                todo.extend(level.parents)
        return sorted(out, key=lambda lv: -self.rank(lv.kind))

    def descendants(self, kind: str) -> list[Level]:
        """Every level that contributes to ``kind`` directly or through other levels,
        nearest first (``kind`` itself excluded)."""
        out: list[Level] = []
        todo = [kind]
        while todo:
            for child in self.children_of(todo.pop(0)):
                if child not in out and child.kind != kind:
                    out.append(child)
                    todo.append(child.kind)
        return sorted(out, key=lambda lv: self.rank(lv.kind))

    def levels_decided_by(self, org_level: str) -> list[Level]:
        """The levels that plans of organisation level ``org_level`` hold."""
        return [lv for lv in self.levels if org_level in lv.org_levels]

    @cached_property
    def goal_levels(self) -> tuple[Level, ...]:
        """Levels whose items are goals (``slag: mål``)."""
        return tuple(lv for lv in self.levels if lv.is_goal)

    @cached_property
    def measurable_levels(self) -> tuple[Level, ...]:
        """Levels whose items must be measured (``mätbar: true``)."""
        return tuple(lv for lv in self.levels if lv.measurable)

    @cached_property
    def activity_levels(self) -> tuple[Level, ...]:
        """Levels whose items are activities (``slag: aktivitet``)."""
        return tuple(lv for lv in self.levels if lv.is_activity)

    @classmethod
    def from_data(cls, items: list[dict[str, Any]],
                  writes: dict[str, tuple[str, ...]] | None = None,
                  default_limit: int | None = None) -> Chain:
        """Build the chain from ``målkedja`` items; ``writes`` adds organisation levels
        that declare the level under ``skriver``."""
        levels = []
        last = len(items) - 1
        for i, item in enumerate(items):
            kind = str(item["typ"])
            noun = _noun(item, kind[:1].upper() + kind[1:])
            role = str(item.get("slag") or "")
            if role not in ROLES:
                role = ROOT if i == 0 else ACTIVITY if i == last and last >= 2 else GOAL
            measurable = bool(item.get("mätbar", False))
            decided = [str(x) for x in (item.get("beslutas_av") or item.get("nivåer") or ())]
            for org in (writes or {}).get(kind, ()):
                if org not in decided:
                    decided.append(org)
            limit = item.get("max_per_organisation")
            if limit is None and measurable and "max_per_organisation" not in item:
                limit = default_limit
            carries = item.get("bär")
            levels.append(Level(
                kind=kind,
                key=str(item.get("nyckel") or kind),
                name=noun.singular,
                plural=noun.plural,
                org_levels=tuple(decided),
                parents=tuple(str(p) for p in item.get("bidrar_till") or ()),
                measurable=measurable,
                role=role,
                noun=noun,
                max_per_org=int(limit) if isinstance(limit, int) and limit > 0 else None,
                carries=tuple(str(c) for c in carries) if isinstance(carries, list)
                else default_carries(role),
                description=str(item.get("beskrivning") or ""),
                example_id=str(item.get("exempel_id") or ""),
                example_name=str(item.get("exempel_namn") or ""),
            ))
        return cls(tuple(levels))


# What an item of each role may hold besides id, namn, beskrivning and bidrar_till.
GOAL_FIELDS = ("målgrupp", "period", "agenda2030", "indikatorer")
ACTIVITY_FIELDS = ("ansvarig", "start", "slut", "status")
OPTIONAL_FIELDS = (*GOAL_FIELDS, *ACTIVITY_FIELDS)


def default_carries(role: str) -> tuple[str, ...]:
    """The fields an item of ``role`` holds unless the level says otherwise (``bär``)."""
    return {ROOT: (), GOAL: GOAL_FIELDS, ACTIVITY: ACTIVITY_FIELDS}[role]


@dataclass(frozen=True, slots=True)
class OrgLevel(_Named):
    """One level of the organisation: kommunfullmäktige, nämnd, förvaltning, enhet…"""

    kind: str
    name: str
    plural: str
    rank: int
    noun: Noun
    writes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    """The organisation levels, from the top (fullmäktige) down."""

    levels: tuple[OrgLevel, ...]

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        """Every organisation level kind, top first."""
        return tuple(lv.kind for lv in self.levels)

    def by_kind(self, kind: str) -> OrgLevel | None:
        """The organisation level ``kind``, or None."""
        return next((lv for lv in self.levels if lv.kind == kind), None)

    @property
    def top(self) -> OrgLevel:
        """The highest level (kommunfullmäktige, regionfullmäktige)."""
        return min(self.levels, key=lambda lv: lv.rank)

    @property
    def units(self) -> tuple[OrgLevel, ...]:
        """The levels right below the top, each unit of which writes a plan document of
        its own (nämnd; in a region also regionstyrelse)."""
        top = self.top
        return tuple(lv for lv in self.levels if lv.rank == top.rank + 1)

    def rank_of(self, kind: str) -> int:
        """The level's rank (0 = top); -1 for an unknown kind."""
        level = self.by_kind(kind)
        return level.rank if level else -1

    def at_rank(self, rank: int) -> tuple[OrgLevel, ...]:
        """The levels of one rank (a nämnd and a stadsdelsnämnd share one)."""
        return tuple(lv for lv in self.levels if lv.rank == rank)

    def name_of(self, kind: str) -> str:
        """The level's name inside a sentence (``nämnd``), or the kind itself."""
        level = self.by_kind(kind)
        return level.lower if level else kind

    @classmethod
    def from_data(cls, items: list[Any]) -> Organisation:
        """Build from ``organisationsnivåer`` items (mappings or bare kinds)."""
        levels = []
        for i, item in enumerate(items):
            item = item if isinstance(item, dict) else {"typ": str(item)}
            kind = str(item["typ"])
            noun = _noun(item, kind[:1].upper() + kind[1:])
            rank = item.get("rang")
            levels.append(OrgLevel(kind, noun.singular, noun.plural,
                                   rank if isinstance(rank, int) else i, noun,
                                   tuple(str(x) for x in item.get("skriver") or ())))
        return cls(tuple(levels))


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a plan beside the chain: finansiella mål, styrdokument, ramar, ram."""

    key: str
    kind: str
    name: str
    org_levels: tuple[str, ...]
    parents: tuple[str, ...] = ()
    list_key: str = ""

    @property
    def decided_by(self) -> tuple[str, ...]:
        """The organisation level kinds whose plans hold this part."""
        return self.org_levels


@dataclass(frozen=True)
class SteeringModel:
    """The whole steering model: plan levels, organisation levels, the other parts of
    a plan and the synonyms for file keys."""

    chain: Chain
    organisation: Organisation
    parts: dict[str, Part]
    synonyms: dict[str, str]

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the model; derived artefacts (schemas) are cached by it."""
        return hashlib.blake2b(repr((self.chain, self.organisation, sorted(
            self.parts.items()), sorted(self.synonyms.items()))).encode(),
            digest_size=8).hexdigest()

    def part_of_kind(self, kind: str) -> Part | None:
        """The part whose items have node kind ``kind`` (e.g. ``styrdokument``)."""
        return next((p for p in self.parts.values() if p.kind == kind), None)

    def levels_written_by(self, org_level: str) -> list[Level]:
        """The chain levels a plan of ``org_level`` holds."""
        return self.chain.levels_decided_by(org_level)

    def plan_contents(self, with_parts: bool) -> list[tuple[tuple[str, ...],
                                                             list[OrgLevel]]]:
        """What each organisation level's plans hold, in words, with the organisation
        levels that hold the same: ``(("vision", "mål"), [fullmäktige])``, … top first.

        A level is named in the plural (the root, of which there is one, in the
        singular); ``with_parts`` adds finansiella mål, ramar, styrdokument and ram.
        """
        holdings: dict[tuple[str, ...], list[OrgLevel]] = {}
        for org in self.organisation.levels:
            holds = [lv.lower if lv.is_root else lv.lower_plural
                     for lv in self.chain.levels_decided_by(org.kind)]
            if with_parts:
                holds += [p.name.lower() if p.key != "ram" else "ram"
                          for p in self.parts.values() if org.kind in p.decided_by]
            if holds:
                holdings.setdefault(tuple(holds), []).append(org)
        return list(holdings.items())


def _org_items(value: Any) -> list[Any]:
    models = defaults()["organisationsmodeller"]
    if isinstance(value, str):
        return list(models.get(value, models["kommun"]))
    if isinstance(value, list) and value:
        return value
    return list(defaults()["organisationsnivåer"])


def steering_model(data: dict[str, Any] | None) -> SteeringModel:
    """The effective steering model: ``data`` (``malstyrning.yaml``) over the defaults."""
    base = defaults()
    data = data or {}
    organisation = Organisation.from_data(_org_items(data.get("organisationsnivåer")))
    writes: dict[str, list[str]] = {}
    for org in organisation.levels:
        for kind in org.writes:
            writes.setdefault(kind, []).append(org.kind)
    chain_items = data.get("målkedja") or base["målkedja"]
    rules = data.get("regler") or {}
    default_limit = int(base["max_per_organisation"])
    chain = Chain.from_data(chain_items, {k: tuple(v) for k, v in writes.items()},
                            default_limit)
    alias_value = next((rules[a] for a in base["inställningsalias"]["max_per_organisation"]
                        if isinstance(rules.get(a), int)), None)
    if alias_value is not None:
        limited = [lv for lv in chain.levels if lv.max_per_org is not None] or list(
            chain.measurable_levels)
        chain = Chain(tuple(_with_limit(lv, alias_value) if lv in limited else lv
                            for lv in chain.levels))
    parts = _parts(base["övriga_delar"], data.get("övriga_delar") or {}, chain, organisation)
    synonyms = {**base["synonymer"], **{str(k): str(v) for k, v in
                                        (data.get("synonymer") or {}).items()}}
    return SteeringModel(chain, organisation, parts, synonyms)


def _with_limit(level: Level, limit: int) -> Level:
    from dataclasses import replace

    return replace(level, max_per_org=limit)


def _parts(base: dict[str, Any], own: dict[str, Any], chain: Chain,
           organisation: Organisation) -> dict[str, Part]:
    out: dict[str, Part] = {}
    for key, item in base.items():
        item = {**item, **(own.get(key) or {})}
        decided = item.get("beslutas_av") or item.get("nivåer")
        if not decided:
            rank = int(item.get("organisationsrang", 0))
            top = organisation.top.rank
            decided = [lv.kind for lv in organisation.at_rank(top + rank)]
        decided = tuple(str(x) for x in decided)
        parents = item.get("bidrar_till")
        if parents is None and item.get("pekar_på_egna_nivåer"):
            parents = [chain.root.kind] + [lv.kind for lv in chain.levels[1:]
                                           if set(lv.org_levels) & set(decided)]
        out[key] = Part(key, str(item["typ"]), str(item.get("namn") or key), decided,
                        tuple(str(p) for p in parents or ()), str(item.get("lista") or ""))
    return out


@dataclass(frozen=True, slots=True)
class FollowUpPeriod:
    """One follow-up period of the year: T1 (to 30 April), delår (to 31 August), helår."""

    code: str
    name: str
    until: tuple[int, int]
    forecast: bool
    document: str = ""

    @property
    def is_year_end(self) -> bool:
        return self.until == (12, 31)

    def title(self, year: int | None) -> str:
        """The document's name as the kommun writes it (``dokumentnamn``, where ``{år}``
        is the year), by default the report's name with the months it covers:
        ``Delårsrapport januari–augusti 2027``, ``Årsredovisning 2027``."""
        shown = str(year) if year is not None else ""
        if self.document:
            return self.document.replace("{år}", shown).strip()
        if self.is_year_end:
            return f"{self.name} {shown}".strip()
        month = MONTHS[self.until[0] - 1]
        months = month if self.until[0] == 1 else f"januari–{month}"
        return f"{self.name} {months} {shown}".strip()


MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


def _followup_periods(items: list[dict[str, Any]]) -> tuple[FollowUpPeriod, ...]:
    out = []
    for item in items:
        month, day = (int(x) for x in str(item["till"]).split("-"))
        out.append(FollowUpPeriod(str(item["kod"]), str(item["namn"]), (month, day),
                                  bool(item.get("prognos", (month, day) != (12, 31))),
                                  str(item.get("dokumentnamn") or "")))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class EconomySettings:
    """How the economy in follow-ups is checked and judged (``ekonomi`` and
    ``god_ekonomisk_hushållning`` in ``malstyrning.yaml``).

    A deviation needs an explanation when it is larger than ``explain_percent`` of the
    budget or (when set) larger than ``explain_tkr``. The verdict on god ekonomisk
    hushållning combines the finansiella mål by ``financial_rule`` and the goals of the
    top of the organisation by ``activity_rule`` (``alla``/``majoritet``/``viktad``).
    """

    explain_percent: float = 1.0
    explain_tkr: float | None = None
    financial_rule: str = "majoritet"
    activity_rule: str = "majoritet"
    own_text: str = ""

    @classmethod
    def from_data(cls, economy: dict[str, Any] | None,
                  verdict: dict[str, Any] | None) -> EconomySettings:
        base = defaults()
        economy = {**base["ekonomi"], **(economy or {})}
        verdict = {**base["god_ekonomisk_hushållning"], **(verdict or {})}
        tkr = economy.get("förklaring_från_tkr")
        return cls(float(economy["förklaring_från_procent"]),
                   float(tkr) if isinstance(tkr, int | float) and not isinstance(tkr, bool)
                   else None,
                   str(verdict["finansiella_mål"]), str(verdict["verksamhetsmål"]),
                   str(verdict.get("beskrivning") or "").strip())


@cache
def _default_model() -> SteeringModel:
    return steering_model(None)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know about the repository it checks."""

    root: Path
    kommun: str = ""
    kommunkod: str = ""
    period: tuple[int, int] | None = None
    exclude: tuple[str, ...] = ()
    steering: SteeringModel = field(default_factory=_default_model)
    severities: dict[str, Severity | None] = field(default_factory=dict)
    appearance: dict[str, Any] = field(default_factory=dict)
    followup_periods: tuple[FollowUpPeriod, ...] = field(
        default_factory=lambda: _followup_periods(defaults()["uppföljningsperioder"]))
    partial_from: float = 0.8
    goal_rule: str = "majoritet"
    progress_rule: str = "andel"
    show_calculation: bool = False
    economy: EconomySettings = field(default_factory=EconomySettings)
    limits: RunLimits = field(default_factory=lambda: RunLimits.from_data(None))
    comparisons: dict[str, Any] = field(default_factory=dict)  # jämförelser (Kolada)
    found: bool = False
    fingerprint: str = ""

    @property
    def chain(self) -> Chain:
        """The plan levels of the steering model."""
        return self.steering.chain

    @property
    def organisation(self) -> Organisation:
        """The organisation levels of the steering model."""
        return self.steering.organisation

    @property
    def parts(self) -> dict[str, Part]:
        """Finansiella mål, styrdokument, ramar and ram, by plan key."""
        return self.steering.parts

    def followup_period(self, code: str) -> FollowUpPeriod | None:
        for period in self.followup_periods:
            if period.code == code:
                return period
        return None

    def severity_for(self, code: str, default: Severity) -> Severity | None:
        """The configured severity, or None when the rule is turned off."""
        return self.severities.get(code, default)


def parse_period(value: Any) -> tuple[int, int] | None:
    """``2027`` → (2027, 2027); ``"2027–2029"`` → (2027, 2029); anything else (including
    a reversed ``"2029–2027"``, which rule MS405 reports) → None."""
    bounds = period_bounds(value)
    return bounds if bounds and bounds[0] <= bounds[1] else None


def period_bounds(value: Any) -> tuple[int, int] | None:
    """Like :func:`parse_period`, but a reversed period comes back reversed."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, value)
    if isinstance(value, str):
        text = value.replace("—", "–").replace("-", "–").replace(" ", "")
        parts = text.split("–")
        # isascii: "²⁰²⁷".isdigit() is true, but int() refuses it
        if len(parts) in (1, 2) and all(p.isascii() and p.isdigit() and len(p) == 4
                                        for p in parts):
            start, end = int(parts[0]), int(parts[-1])
            return (start, end)
    return None


def settings_from_data(root: Path, data: dict[str, Any] | None, raw: bytes = b"") -> Settings:
    """Build settings from the (already schema-checked) ``malstyrning.yaml`` data."""
    base = defaults()
    fingerprint = hashlib.blake2b(raw, digest_size=12).hexdigest()
    if not data:
        return Settings(root=root, fingerprint=fingerprint)
    rules = data.get("regler") or {}
    severities: dict[str, Severity | None] = {}
    for code, word in (rules.get("allvarlighet") or {}).items():
        word = str(word).strip().lower()
        severities[str(code).upper()] = None if word == "av" else Severity.parse(word)
    fulfilment = {**base["måluppfyllelse"], **(data.get("måluppfyllelse") or {})}
    return Settings(
        root=root,
        kommun=str(data.get("kommun") or ""),
        kommunkod=str(data.get("kommunkod") or ""),
        period=parse_period(data.get("period")),
        exclude=tuple(str(p) for p in data.get("exkludera") or ()),
        steering=steering_model(data),
        severities=severities,
        appearance=dict(data.get("utseende") or {}),
        followup_periods=_followup_periods(
            data.get("uppföljningsperioder") or base["uppföljningsperioder"]),
        partial_from=float(fulfilment["delvis_från"]),
        goal_rule=str(fulfilment["regel"]),
        progress_rule=str(fulfilment["beräkning"]),
        show_calculation=bool(fulfilment["visa_beräkning"]),
        economy=EconomySettings.from_data(data.get("ekonomi"),
                                          data.get("god_ekonomisk_hushållning")),
        limits=RunLimits.from_data(data.get("gränser")),
        comparisons=dict(data.get("jämförelser") or {}),
        found=True,
        fingerprint=fingerprint,
    )


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``malstyrning.yaml`` (else ``start``)."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / SETTINGS_FILE).is_file():
            return candidate
    return folder


def settings_problems(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str]]:
    """What the schema cannot see in ``malstyrning.yaml``: (path, message, hint) each.

    A reversed period, an impossible follow-up date, a steering model whose levels point
    at unknown or lower levels or at unknown organisation levels, and plan keys used
    twice. (Severities for rule codes are checked by :func:`rules.severity_problems`,
    which knows the rules.)
    """
    import datetime as dt

    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    raw = data.get("period")
    span = period_bounds(raw)
    if span and span[1] < span[0]:
        problems.append((("period",), f"Planperioden {raw} slutar före den börjar.",
                         f"Skriv {span[1]}–{span[0]}."))
    seen_codes: set[str] = set()
    for i, item in enumerate(data.get("uppföljningsperioder") or []):
        if not isinstance(item, dict):
            continue
        code, until = str(item.get("kod", "")), str(item.get("till", ""))
        if code in seen_codes:
            problems.append((("uppföljningsperioder", i, "kod"),
                             f"Uppföljningsperioden `{code}` står två gånger.",
                             "Ge varje period en egen kod."))
        seen_codes.add(code)
        try:
            month, day = (int(x) for x in until.split("-"))
            dt.date(2000, month, day)
        except ValueError:
            problems.append((("uppföljningsperioder", i, "till"),
                             f"`{until}` är inget datum.",
                             "Skriv periodens sista dag som MM-DD, t.ex. 08-31."))
    problems.extend(_model_problems(data))
    return problems


# Keys of a plan file that are not levels of the chain.
PLAN_HEADER_KEYS = ("typ", "organisation", "nivå", "period", "beslutad", "beslutsinstans",
                    "kommentar", "diarienummer", "paragraf", "sammanträdesdatum", "bilaga")


def _model_problems(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str]]:
    """The steering model's own consistency: levels, organisation levels, parts."""
    import difflib

    def close(word: str, options: list[str]) -> str:
        match = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
        return f"Menade du `{match[0]}`? " if match else ""

    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    orgs = data.get("organisationsnivåer")
    models = defaults()["organisationsmodeller"]
    if isinstance(orgs, str) and orgs not in models:
        problems.append((("organisationsnivåer",), f"`{orgs}` är ingen känd uppsättning "
                         "organisationsnivåer.", close(orgs, list(models)) + "Skriv "
                         + " eller ".join(f"`{m}`" for m in models)
                         + ", eller lista nivåerna själv."))
        orgs = None
    org_kinds: list[str] = []
    for i, item in enumerate(_org_items(orgs)):
        kind = str(item.get("typ", "")) if isinstance(item, dict) else str(item)
        if kind in org_kinds:
            problems.append((("organisationsnivåer", i), f"Organisationsnivån `{kind}` står "
                             "två gånger.", "Ge varje organisationsnivå en egen typ."))
        org_kinds.append(kind)
    part_keys = list(defaults()["övriga_delar"])
    chain = data.get("målkedja") or []
    kinds: list[str] = []
    keys: set[str] = set()
    for i, item in enumerate(chain):
        if not isinstance(item, dict):
            continue
        kind = str(item.get("typ", ""))
        key = str(item.get("nyckel") or kind)
        if kind in kinds or key in keys:
            problems.append((("målkedja", i), f"Nivån `{kind}` (nyckel `{key}`) står två "
                             "gånger i målkedjan.", "Varje nivå ska ha egen typ och nyckel."))
        if key in PLAN_HEADER_KEYS or key in part_keys:
            problems.append((("målkedja", i, "nyckel" if "nyckel" in item else "typ"),
                             f"Nyckeln `{key}` används redan i planfilerna till annat än "
                             "målkedjan.", "Välj en annan nyckel, t.ex. nivåns namn i plural."))
        for j, parent in enumerate(item.get("bidrar_till") or []):
            if parent not in kinds:
                hint = close(str(parent), kinds) + (
                    "`bidrar_till` anger typen (`typ:`) för en nivå högre upp i kedjan.")
                problems.append((("målkedja", i, "bidrar_till", j),
                                 f"`{parent}` är ingen nivå ovanför `{kind}` i målkedjan.",
                                 hint))
        which = "beslutas_av" if "beslutas_av" in item else "nivåer"
        for j, org in enumerate(item.get(which) or []):
            if str(org) not in org_kinds:
                problems.append((("målkedja", i, which, j),
                                 f"`{org}` är ingen organisationsnivå.",
                                 close(str(org), org_kinds) + "Organisationsnivåerna är "
                                 + ", ".join(f"`{k}`" for k in org_kinds)
                                 + " (ändras under `organisationsnivåer`)."))
        if item.get("slag") == ROOT and i != 0:
            problems.append((("målkedja", i, "slag"), f"`{kind}` har `slag: rot`, men bara "
                             "kedjans första nivå kan vara roten.",
                             "Skriv `slag: mål` eller `slag: aktivitet`."))
        kinds.append(kind)
        keys.add(key)
    for i, item in enumerate(orgs if isinstance(orgs, list) else []):
        if not isinstance(item, dict):
            continue
        for j, kind in enumerate(item.get("skriver") or []):
            if chain and str(kind) not in kinds:
                problems.append((("organisationsnivåer", i, "skriver", j),
                                 f"`{kind}` är ingen nivå i målkedjan.",
                                 close(str(kind), kinds) + "`skriver` anger typen (`typ:`) "
                                 "för de nivåer i målkedjan som organisationsnivån beslutar."))
    chain_kinds = kinds or [str(lv["typ"]) for lv in defaults()["målkedja"]]
    for key, item in (data.get("övriga_delar") or {}).items():
        if key not in part_keys:
            problems.append((("övriga_delar", key), f"`{key}` är ingen del av planen som "
                             "kan ställas in här.", close(str(key), part_keys)
                             + "Delarna är " + ", ".join(f"`{k}`" for k in part_keys) + "."))
            continue
        if not isinstance(item, dict):
            continue
        which = "beslutas_av" if "beslutas_av" in item else "nivåer"
        for j, org in enumerate(item.get(which) or []):
            if str(org) not in org_kinds:
                problems.append((("övriga_delar", key, which, j),
                                 f"`{org}` är ingen organisationsnivå.",
                                 close(str(org), org_kinds) + "Organisationsnivåerna är "
                                 + ", ".join(f"`{k}`" for k in org_kinds) + "."))
        for j, parent in enumerate(item.get("bidrar_till") or []):
            if str(parent) not in chain_kinds:
                problems.append((("övriga_delar", key, "bidrar_till", j),
                                 f"`{parent}` är ingen nivå i målkedjan.",
                                 close(str(parent), chain_kinds)
                                 + "`bidrar_till` anger typen (`typ:`) för en nivå."))
    return problems
