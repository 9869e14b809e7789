"""Which Kolada values go into which follow-up file, and what happens to each entry.

Every organisation that owns indicators with a ``kolada`` id gets its follow-up file
for the chosen period (``typ: uppföljning``): the one in the repository, or a new
``uppfoljning/{period}/{org}.yaml``. For each indicator the entry for the year is
decided by :func:`decide`: only what is missing is filled, a value Kolada supplied
earlier follows Kolada, and a value entered by hand is kept unless ``overwrite``.
Entries are matched on the data as malstyrning reads it (keys in NFC form). Nothing is
written until :meth:`UpdatePlan.write`, so a dry run is the plan alone; the write
takes a lock and re-plans a file that changed since it was planned.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any

from malstyrning.kolada import files
from malstyrning.kolada.entryedit import DELETE, Followup, new_followup, open_followup
from malstyrning.kolada.files import EditError
from malstyrning.kolada.values import KoladaValue
from malstyrning.load.files import read_bytes
from malstyrning.model import INDICATOR, PlanModel

KOLADA_SOURCE = "Kolada"
KPI_ID = re.compile(r"^[A-Z][0-9]{5}$")
FOLLOWUP_DIR = "uppfoljning"
SCHEMA_NAME = "uppfoljning.schema.json"
_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$", re.M)
WRITE_ATTEMPTS = 5  # re-plans when other writers keep changing the file


def missing_reason(year: int) -> str:
    """The ``saknas`` text for a value Kolada does not have."""
    return f"Kolada har inget värde för {year}."


class Action(StrEnum):
    """What happens to one indicator's entry (the text is what the report shows)."""

    NEW = "ny"
    UPDATED = "uppdaterad från Kolada"
    UNCHANGED = "oförändrad"
    DIFFERS = "skiljer sig (behåller handinmatat)"
    REPLACED = "ersatt med Kolada (--overwrite)"
    MISSING = "saknas i Kolada"
    REFUSED = "orimligt värde från Kolada (skrivs inte)"
    DUPLICATE = "står flera gånger i filen (ändras inte)"


@dataclass(frozen=True, slots=True)
class Target:
    """An indicator whose outcome comes from Kolada."""

    indicator: str
    kpi: str
    org: str
    file: str
    unit: str = ""  # Kolada's ou id (kolada_enhet): the unit's values, not the kommun's

    @property
    def key(self) -> str:
        """The key of the target's value: the KPI id, ``KPI@ou`` for a unit."""
        return unit_key(self.kpi, self.unit)


def unit_key(kpi: str, unit: str) -> str:
    return f"{kpi}@{unit}" if unit else kpi


@dataclass(frozen=True, slots=True)
class Change:
    """The decision for one indicator and year; ``current`` is the file's value before."""

    target: Target
    value: KoladaValue
    action: Action
    writes: bool
    current: Any = None


@dataclass
class FileUpdate:
    """One follow-up file: the decisions for its indicators and its new bytes.

    ``source`` is what the file held when planned (None: it did not exist); ``real``
    is where it is written (a symbolic link's target inside the repository).
    """

    rel: str
    org: str
    created: bool
    real: Path
    source: bytes | None
    targets: list[Target]
    header: str = ""
    changes: list[Change] = field(default_factory=list)
    data: bytes | None = None

    @property
    def writes(self) -> bool:
        return any(c.writes for c in self.changes)


@dataclass
class UpdatePlan:
    """Everything a fetch or import would do; :meth:`write` does it."""

    root: Path
    year: int
    period: str
    files: list[FileUpdate]
    values: dict[str, KoladaValue] = field(default_factory=dict)
    municipality: str = ""
    overwrite: bool = False

    @property
    def changes(self) -> list[Change]:
        return [c for f in self.files for c in f.changes]

    def write(self) -> list[str]:
        """Write every file that changes, each under its lock; the paths written.

        Every file was rendered and checked when planned. Under the lock the file is
        read again: when another writer changed it in the meantime, its entries are
        decided again from what it holds now, so no one's update is lost.
        """
        written: list[str] = []
        for number, update in enumerate(self.files):
            if not update.writes:
                continue
            with files.locked(update.real, update.rel):
                for _ in range(WRITE_ATTEMPTS):
                    current = files.read_regular(update.real, update.rel)
                    if current != update.source:
                        update = self.files[number] = self.replan(update, current)
                        if not update.writes:
                            break
                    assert update.data is not None
                    try:
                        files.write_atomic(update.real, update.data, expect=current)
                    except files.Changed:
                        continue
                    written.append(update.rel)
                    break
                else:
                    raise EditError(f"{update.rel} ändrades av någon annan medan den skrevs; "
                                    "kör kommandot igen.")
        return written

    def replan(self, update: FileUpdate, current: bytes | None) -> FileUpdate:
        """``update`` decided again from the file's present bytes."""
        if (current is not None and update.source is None
                and not _followup_for(current, update.rel, update.org, self.period)):
            raise EditError(f"{update.rel} skapades av någon annan medan planen gjordes och "
                            f"är inte en uppföljning för {update.org} {self.period}. Inget "
                            "mer har skrivits; rätta eller flytta filen och kör igen.")
        return plan_file(update.rel, update.org, update.real, current, update.targets,
                         self.values, year=self.year, period=self.period,
                         municipality=self.municipality, overwrite=self.overwrite,
                         header=update.header)


def kolada_targets(model: PlanModel) -> tuple[list[Target], list[Target]]:
    """Indicators with a ``kolada`` id: (usable, with a malformed id), in plan order."""
    usable: list[Target] = []
    malformed: list[Target] = []
    for node in model.nodes:
        if node.kind != INDICATOR:
            continue
        kpi = node.attrs.get("kolada")
        if kpi is None or kpi == "":
            continue
        unit = node.attrs.get("kolada_enhet")
        target = Target(node.id, str(kpi).strip(), node.org, node.file,
                        unit.strip() if isinstance(unit, str) else "")
        (usable if KPI_ID.match(target.kpi) and node.org else malformed).append(target)
    return usable, malformed


def followup_path(period: str, org: str) -> str:
    """``uppfoljning/2027-helar/ubn.yaml``: the place for a new follow-up file."""
    return f"{FOLLOWUP_DIR}/{_file_name(period)}/{_file_name(org.lower())}.yaml"


def _file_name(text: str) -> str:
    folded = text.translate(str.maketrans("åäöÅÄÖéÉüÜ", "aaoAAOeEuU"))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", folded).strip("-") or "x"


def same_period(a: str, b: str) -> bool:
    """``2027-helår`` and ``2027-Helår`` are the same period."""
    return a.strip().casefold() == b.strip().casefold()


def is_kolada(entry: Mapping[str, Any]) -> bool:
    """Whether an entry's value came from Kolada (``källa: Kolada``)."""
    source = entry.get("källa")
    return isinstance(source, str) and source.strip().casefold() == KOLADA_SOURCE.casefold()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def same_number(a: Any, b: Any) -> bool:
    """Numerically equal (``75`` and ``75.0``); None only equals None.

    A huge integer (a hand-typed value of 80 digits) is compared exactly, never
    converted to float.
    """
    if not (_is_number(a) and _is_number(b)):
        return a is None and b is None
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    try:
        x, y = float(a), float(b)
    except OverflowError:
        try:
            return Fraction(a) == Fraction(b)
        except (ValueError, OverflowError):  # inf or nan against a huge int
            return False
    if x == y:
        return True
    scale = max(abs(x), abs(y))
    return abs(x - y) <= max(1e-9 * scale, 1e-12)


def _same_split(entry: Mapping[str, Any], value: KoladaValue) -> bool:
    split = entry.get("kön")
    split = split if isinstance(split, Mapping) else {}
    return all(same_number(split.get(g), value.by_gender.get(g)) for g in ("K", "M"))


def decide(entry: Mapping[str, Any] | None, value: KoladaValue,
           overwrite: bool = False) -> tuple[Action, bool]:
    """The action for one entry (None = no entry yet) and whether the file changes."""
    if value.problems:
        return Action.REFUSED, False
    if entry is None:
        return (Action.NEW if value.total is not None else Action.MISSING), True
    current = entry.get("värde")
    reason = entry.get("saknas")
    if current is None and not (isinstance(reason, str) and reason.strip()):
        return (Action.NEW if value.total is not None else Action.MISSING), True
    if value.total is None:
        return Action.MISSING, False
    if is_kolada(entry):
        if same_number(current, value.total) and _same_split(entry, value):
            return Action.UNCHANGED, False
        return Action.UPDATED, True
    if same_number(current, value.total):
        return Action.UNCHANGED, False
    return (Action.REPLACED, True) if overwrite else (Action.DIFFERS, False)


def new_entry(indicator: str, value: KoladaValue) -> dict[str, Any]:
    """A fresh ``utfall`` entry for a Kolada value (``värde: null`` + ``saknas`` if none)."""
    entry: dict[str, Any] = {"indikator": indicator, "år": value.year, "värde": value.total}
    if value.total is None:
        entry["saknas"] = missing_reason(value.year)
    entry["källa"] = KOLADA_SOURCE
    if value.total is not None and value.by_gender:
        entry["kön"] = dict(value.by_gender)
    return entry


def fill_changes(value: KoladaValue) -> dict[str, Any]:
    """What an existing entry's keys become (:data:`DELETE` removes a key)."""
    changes: dict[str, Any] = {"värde": value.total}
    changes["saknas"] = missing_reason(value.year) if value.total is None else DELETE
    changes["källa"] = KOLADA_SOURCE
    changes["kön"] = (dict(value.by_gender) if value.total is not None and value.by_gender
                      else DELETE)
    return changes


def _entry_year(item: Mapping[str, Any]) -> Any:
    when = item.get("år")
    if isinstance(when, str) and when.strip().isdigit() and len(when.strip()) <= 6:
        return int(when)
    return when


def find_entries(seq: list[Any], indicator: str, year: int) -> list[int]:
    """The indexes of the entries for ``indicator`` and ``år: year`` (dated ones differ)."""
    found = []
    for i, item in enumerate(seq):
        if not isinstance(item, Mapping) or isinstance(item.get("år"), bool):
            continue
        when = _entry_year(item)
        if (str(item.get("indikator", "")).strip() == indicator and type(when) is int
                and when == year):
            found.append(i)
    return found


def update_document(doc: Followup, targets: list[Target], values: dict[str, KoladaValue],
                    year: int, municipality: str, overwrite: bool) -> list[Change]:
    """Decide every target's entry in one file and plan the edits on it."""
    changes: list[Change] = []
    original = doc.entries
    seen: set[str] = set()
    for target in targets:
        value = values.get(target.key) or KoladaValue(target.kpi, target.unit or municipality,
                                                      year)
        found = find_entries(original, target.indicator, year)
        if len(found) > 1 or target.indicator in seen:
            current = original[found[0]].get("värde") if found else None
            changes.append(Change(target, value, Action.DUPLICATE, False, current))
            continue
        seen.add(target.indicator)
        entry = original[found[0]] if found else None
        action, writes = decide(entry, value, overwrite)
        current = entry.get("värde") if entry is not None else None
        changes.append(Change(target, value, action, writes, current))
        if not writes:
            continue
        if found:
            doc.fill(found[0], fill_changes(value))
        else:
            doc.append(new_entry(target.indicator, value))
    return changes


def schema_comment(root: Path, model: PlanModel, rel: str) -> str:
    """``# yaml-language-server: $schema=…`` for a new file, following the repo's files.

    The schema folder is taken from the first file that names one by a relative path
    (follow-up files first); without any, ``schemas/`` at the repository root.
    """
    candidates = [f.file for f in model.followups] + [f.file for f in model.files]
    schema_dir = "schemas"
    for file in candidates:
        try:
            head = read_bytes(root, file)[:400].decode("utf-8", "replace")
        except OSError:
            continue
        match = _SCHEMA_LINE.search(head)
        if not match or "://" in match.group(1) or match.group(1).startswith("/"):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(file), match.group(1)))
        schema_dir = posixpath.dirname(target)
        break
    relative = os.path.relpath(f"{schema_dir}/{SCHEMA_NAME}", posixpath.dirname(rel) or ".")
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}\n"


def plan_file(rel: str, org: str, real: Path, raw: bytes | None, targets: list[Target],
              values: dict[str, KoladaValue], *, year: int, period: str, municipality: str,
              overwrite: bool, header: str = "") -> FileUpdate:
    """One file's decisions and new bytes, from its present bytes (None: a new file)."""
    if raw is None:
        doc = new_followup(rel, {"typ": "uppföljning", "organisation": org,
                                 "period": period}, header)
    else:
        doc = open_followup(rel, raw)
    changes: list[Change] = []
    try:
        changes = update_document(doc, targets, values, year, municipality, overwrite)
        update = FileUpdate(rel, org, raw is None, real, raw, targets, header, changes)
        if update.writes:
            update.data = doc.render()
    except EditError as err:
        raise EditError(_refusal(rel, str(err), changes)) from None
    return update


def _followup_for(raw: bytes, rel: str, org: str, period: str) -> bool:
    """Whether ``raw`` is a readable follow-up of ``org`` for ``period``."""
    from malstyrning.load import reader

    data = reader.read(rel, raw).data
    return (isinstance(data, dict) and data.get("typ") == "uppföljning"
            and data.get("organisation") == org and isinstance(data.get("period"), str)
            and same_period(data["period"], period))


def _refusal(rel: str, reason: str, changes: list[Change]) -> str:
    if reason.startswith(rel):
        return reason
    todo = "; ".join(f"{c.target.indicator} {c.value.year}: {_plain_number(c.value.total)}"
                     for c in changes if c.writes)
    return (f"{rel} kan inte ändras säkert: {reason}. Inget har skrivits. "
            + (f"Skriv in värdena för hand ({todo}) eller " if todo else "")
            + "skriv utfallen som en vanlig lista (`- indikator: …` på egna rader) och "
              "kör igen.")


def _plain_number(value: Any) -> str:
    return "null" if value is None else str(value).replace(".", ",")


def plan_updates(root: Path, model: PlanModel, targets: list[Target],
                 values: dict[str, KoladaValue], *, year: int, period: str,
                 municipality: str, overwrite: bool = False) -> UpdatePlan:
    """Open (or plan) each organisation's follow-up file and decide every entry."""
    by_org: dict[str, list[Target]] = {}
    for target in targets:
        by_org.setdefault(target.org, []).append(target)
    updates: list[FileUpdate] = []
    for org, org_targets in by_org.items():
        found = sorted(f.file for f in model.followups
                       if f.org == org and same_period(f.period, period))
        if len({os.path.realpath(root / rel) for rel in found}) == 1:
            found = found[:1]  # a link and the file it points to are one file
        if len(found) > 1:
            raise EditError(f"Flera uppföljningsfiler gäller {org} {period}: "
                            f"{', '.join(found)}. Slå ihop dem till en fil.")
        header = ""
        if found:
            rel = found[0]
            real = files.resolve_target(root, rel)
            raw = files.read_regular(real, rel)
            if raw is None:
                raise EditError(f"{rel} försvann medan planen lästes; kör kommandot igen.")
        else:
            rel = followup_path(period, org)
            real = files.resolve_target(root, rel)
            raw = files.read_regular(real, rel)
            header = schema_comment(root, model, rel)
            if raw is not None and not _followup_for(raw, rel, org, period):
                raise EditError(f"{rel} finns redan men är inte en läsbar uppföljning för "
                                f"{org} {period}. Rätta eller flytta filen först.")
            # (a file that appeared since the plan was read, e.g. from another import
            # running at the same time, is edited like any existing one)
        updates.append(plan_file(rel, org, real, raw, org_targets, values, year=year,
                                 period=period, municipality=municipality,
                                 overwrite=overwrite, header=header))
    updates.sort(key=lambda f: f.rel)
    return UpdatePlan(root, year, period, updates, values, municipality, overwrite)
