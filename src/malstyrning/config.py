"""Repository settings (``malstyrning.yaml``) and the level chain, as typed records.

The chain of levels is data: Heby's by default (``data/standard.json``), replaced by
``målkedja`` in ``malstyrning.yaml`` for a municipality that steers differently.
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

SETTINGS_FILE = "malstyrning.yaml"
DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def defaults() -> dict[str, Any]:
    """The packaged defaults (level chain, document kinds, limits)."""
    text = (DATA_DIR / "standard.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True, slots=True)
class Level:
    """One link of the goal chain, e.g. effektmål: decided by nämnder, points at inriktningar."""

    kind: str
    key: str
    name: str
    plural: str
    org_levels: tuple[str, ...]
    parents: tuple[str, ...]
    measurable: bool = False


@dataclass(frozen=True)
class Chain:
    """The goal chain from root (vision) to leaf (aktivitet)."""

    levels: tuple[Level, ...]

    @property
    def root(self) -> Level:
        return self.levels[0]

    @property
    def leaf(self) -> Level:
        return self.levels[-1]

    @cached_property
    def _kinds(self) -> dict[str, Level]:
        return {level.kind: level for level in self.levels}

    def by_kind(self, kind: str) -> Level | None:
        return self._kinds.get(kind)

    def by_key(self, key: str) -> Level | None:
        for level in self.levels:
            if level.key == key:
                return level
        return None

    def rank(self, kind: str) -> int:
        """Position in the chain (0 = root); -1 for kinds outside the chain."""
        for i, level in enumerate(self.levels):
            if level.kind == kind:
                return i
        return -1

    def children_of(self, kind: str) -> list[Level]:
        return [lv for lv in self.levels if kind in lv.parents]

    @classmethod
    def from_data(cls, items: list[dict[str, Any]]) -> Chain:
        levels = []
        for item in items:
            name = str(item.get("namn") or item["typ"]).strip()
            levels.append(
                Level(
                    kind=str(item["typ"]),
                    key=str(item.get("nyckel") or item["typ"]),
                    name=name,
                    plural=str(item.get("plural") or name),
                    org_levels=tuple(item.get("nivåer") or ()),
                    parents=tuple(item.get("bidrar_till") or ()),
                    measurable=bool(item.get("mätbar", False)),
                )
            )
        return cls(tuple(levels))


@dataclass(frozen=True, slots=True)
class FollowUpPeriod:
    """One follow-up period of the year: T1 (to 30 April), delår (to 31 August), helår."""

    code: str
    name: str
    until: tuple[int, int]
    forecast: bool

    @property
    def is_year_end(self) -> bool:
        return self.until == (12, 31)


def _followup_periods(items: list[dict[str, Any]]) -> tuple[FollowUpPeriod, ...]:
    out = []
    for item in items:
        month, day = (int(x) for x in str(item["till"]).split("-"))
        out.append(FollowUpPeriod(str(item["kod"]), str(item["namn"]), (month, day),
                                  bool(item.get("prognos", (month, day) != (12, 31)))))
    return tuple(out)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know about the repository it checks."""

    root: Path
    kommun: str = ""
    kommunkod: str = ""
    period: tuple[int, int] | None = None
    exclude: tuple[str, ...] = ()
    chain: Chain = field(default_factory=lambda: Chain.from_data(defaults()["målkedja"]))
    severities: dict[str, Severity | None] = field(default_factory=dict)
    max_effektmal: int = 5
    appearance: dict[str, Any] = field(default_factory=dict)
    followup_periods: tuple[FollowUpPeriod, ...] = field(
        default_factory=lambda: _followup_periods(defaults()["uppföljningsperioder"]))
    partial_from: float = 0.8
    goal_rule: str = "majoritet"
    limits: RunLimits = field(default_factory=lambda: RunLimits.from_data(None))
    found: bool = False
    fingerprint: str = ""

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
        if all(p.isdigit() and len(p) == 4 for p in parts) and len(parts) in (1, 2):
            start, end = int(parts[0]), int(parts[-1])
            return (start, end)
    return None


def settings_from_data(root: Path, data: dict[str, Any] | None, raw: bytes = b"") -> Settings:
    """Build settings from the (already schema-checked) ``malstyrning.yaml`` data."""
    base = defaults()
    fingerprint = hashlib.blake2b(raw, digest_size=12).hexdigest()
    if not data:
        return Settings(root=root, max_effektmal=int(base["max_effektmål_per_nämnd"]),
                        fingerprint=fingerprint)
    rules = data.get("regler") or {}
    severities: dict[str, Severity | None] = {}
    for code, word in (rules.get("allvarlighet") or {}).items():
        word = str(word).strip().lower()
        severities[str(code).upper()] = None if word == "av" else Severity.parse(word)
    chain_data = data.get("målkedja") or base["målkedja"]
    fulfilment = {**base["måluppfyllelse"], **(data.get("måluppfyllelse") or {})}
    return Settings(
        root=root,
        kommun=str(data.get("kommun") or ""),
        kommunkod=str(data.get("kommunkod") or ""),
        period=parse_period(data.get("period")),
        exclude=tuple(str(p) for p in data.get("exkludera") or ()),
        chain=Chain.from_data(chain_data),
        severities=severities,
        max_effektmal=int(rules.get("max_effektmål_per_nämnd", base["max_effektmål_per_nämnd"])),
        appearance=dict(data.get("utseende") or {}),
        followup_periods=_followup_periods(
            data.get("uppföljningsperioder") or base["uppföljningsperioder"]),
        partial_from=float(fulfilment["delvis_från"]),
        goal_rule=str(fulfilment["regel"]),
        limits=RunLimits.from_data(data.get("gränser")),
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

    A reversed period, an impossible follow-up date, a level chain whose links point at
    unknown or lower levels, and severities for rule codes that do not exist.
    """
    import datetime as dt
    import difflib

    from malstyrning.rules import REGISTRY

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
    chain = data.get("målkedja") or []
    kinds: list[str] = []
    keys: set[str] = set()
    for i, item in enumerate(chain):
        if not isinstance(item, dict):
            continue
        kind, key = str(item.get("typ", "")), str(item.get("nyckel", ""))
        if kind in kinds or key in keys:
            problems.append((("målkedja", i), f"Nivån `{kind}` (nyckel `{key}`) står två "
                             "gånger i målkedjan.", "Varje nivå ska ha egen typ och nyckel."))
        for j, parent in enumerate(item.get("bidrar_till") or []):
            if parent not in kinds:
                close = difflib.get_close_matches(str(parent), kinds, n=1, cutoff=0.5)
                hint = (f"Menade du `{close[0]}`? " if close else "") + (
                    "`bidrar_till` anger typen (`typ:`) för en nivå högre upp i kedjan.")
                problems.append((("målkedja", i, "bidrar_till", j),
                                 f"`{parent}` är ingen nivå ovanför `{kind}` i målkedjan.",
                                 hint))
        kinds.append(kind)
        keys.add(key)
    rules = data.get("regler") or {}
    for code, word in (rules.get("allvarlighet") or {}).items():
        rule = REGISTRY.get(str(code).upper())
        if rule is None:
            close = difflib.get_close_matches(str(code).upper(), list(REGISTRY), n=1)
            problems.append((("regler", "allvarlighet", code), f"Det finns ingen regel {code}.",
                             (f"Menade du {close[0]}? " if close else "")
                             + "`malstyrning rules` listar alla regler."))
        elif str(word).strip().lower() == "av" and rule.scope in ("inläsning", "schema"):
            problems.append((("regler", "allvarlighet", code),
                             f"{rule.code} kan inte stängas av: en fil som inte går att läsa "
                             "eller som inte följer schemat kan inte kontrolleras alls.",
                             "Sätt den till `varning` eller `info` om den inte ska stoppa."))
    return problems
