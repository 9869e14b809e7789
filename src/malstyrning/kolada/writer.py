"""Which Kolada values go into which follow-up file, and what happens to each entry.

Every organisation that owns indicators with a ``kolada`` id gets its follow-up file
for the chosen period (``typ: uppföljning``): the one in the repository, or a new
``uppfoljning/{period}/{org}.yaml``. For each indicator the entry for the year is
decided by :func:`decide`: only what is missing is filled, a value Kolada supplied
earlier follows Kolada, and a value entered by hand is kept unless ``overwrite``.
Nothing is written until :meth:`UpdatePlan.write`, so a dry run is the plan alone.
"""

from __future__ import annotations

import math
import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from malstyrning.kolada import yamledit
from malstyrning.kolada.values import KoladaValue
from malstyrning.kolada.yamledit import Editable, EditError
from malstyrning.load.discover import read_bytes
from malstyrning.model import INDICATOR, PlanModel

KOLADA_SOURCE = "Kolada"
KPI_ID = re.compile(r"^[A-Z][0-9]{5}$")
FOLLOWUP_DIR = "uppfoljning"
SCHEMA_NAME = "uppfoljning.schema.json"
# utfall goes before these keys when a file has none yet
LATER_SECTIONS = ("bedömningar", "aktiviteter")
_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$", re.M)


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


@dataclass(frozen=True, slots=True)
class Target:
    """An indicator whose outcome comes from Kolada."""

    indicator: str
    kpi: str
    org: str
    file: str


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
    """One follow-up file: the decisions for its indicators and the edited document."""

    rel: str
    org: str
    created: bool
    editable: Editable
    changes: list[Change] = field(default_factory=list)

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

    @property
    def changes(self) -> list[Change]:
        return [c for f in self.files for c in f.changes]

    def write(self) -> list[str]:
        """Write every file that changes (all rendered first, then each atomically)."""
        rendered = [(f, f.editable.render()) for f in self.files if f.writes]
        for update, data in rendered:
            yamledit.write_atomic(self.root / update.rel, data)
        return [f.rel for f, _ in rendered]


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
        target = Target(node.id, str(kpi).strip(), node.org, node.file)
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


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def same_number(a: Any, b: Any) -> bool:
    """Numerically equal (``75`` and ``75.0``); None only equals None."""
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return x is None and y is None and a is None and b is None
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def _same_split(entry: Mapping[str, Any], value: KoladaValue) -> bool:
    split = entry.get("kön")
    split = split if isinstance(split, Mapping) else {}
    return all(same_number(split.get(g), value.by_gender.get(g)) for g in ("K", "M"))


def decide(entry: Mapping[str, Any] | None, value: KoladaValue,
           overwrite: bool = False) -> tuple[Action, bool]:
    """The action for one entry (None = no entry yet) and whether the file changes."""
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


def new_entry(indicator: str, value: KoladaValue) -> CommentedMap:
    """A fresh ``utfall`` entry for a Kolada value (``värde: null`` + ``saknas`` if none)."""
    entry = CommentedMap()
    entry["indikator"] = indicator
    entry["år"] = value.year
    entry["värde"] = value.total
    if value.total is None:
        entry["saknas"] = missing_reason(value.year)
    entry["källa"] = KOLADA_SOURCE
    if value.total is not None and value.by_gender:
        entry["kön"] = yamledit.flow_map(value.by_gender)
    return entry


def _put(entry: CommentedMap, key: str, value: Any, after: tuple[str, ...]) -> None:
    """Set ``key``; a new key goes after the last of ``after`` that the entry has."""
    if key in entry:
        entry[key] = value
        return
    keys = list(entry.keys())
    anchors = [keys.index(k) for k in after if k in entry]
    entry.insert(max(anchors) + 1 if anchors else len(keys), key, value)


def fill_entry(entry: CommentedMap, value: KoladaValue) -> None:
    """Rewrite an existing entry with a Kolada value, keeping its other keys."""
    _put(entry, "värde", value.total, ("indikator", "år", "datum"))
    if value.total is None:
        _put(entry, "saknas", missing_reason(value.year), ("värde",))
    elif "saknas" in entry:
        del entry["saknas"]
    _put(entry, "källa", KOLADA_SOURCE, ("värde", "saknas"))
    if value.total is not None and value.by_gender:
        _put(entry, "kön", yamledit.flow_map(value.by_gender), ("källa",))
    elif "kön" in entry:
        del entry["kön"]


def _find_entry(seq: list[Any], indicator: str, year: int) -> int | None:
    """The index of the entry for ``indicator`` and ``år: year`` (dated entries differ)."""
    for i, item in enumerate(seq):
        if not isinstance(item, Mapping) or isinstance(item.get("år"), bool):
            continue
        when = item.get("år")
        if isinstance(when, str) and when.strip().isdigit():
            when = int(when)
        if str(item.get("indikator", "")).strip() == indicator and when == year:
            return i
    return None


def _entry_spans(doc: Editable, seq: CommentedSeq) -> list[tuple[int, int]]:
    """Original lines [start, end) of each item (up to the next item, or the next key)."""
    starts = [seq.lc.item(i)[0] for i in range(len(seq))]
    if not starts:
        return []
    end = doc.original.count("\n") + 1
    keys = list(doc.data.keys())
    for later in keys[keys.index("utfall") + 1:]:
        line = doc.data.lc.key(later)[0]
        if line > starts[-1]:
            end = line
            break
    return list(zip(starts, [*starts[1:], end], strict=True))


def _utfall(doc: Editable) -> CommentedSeq:
    """The document's ``utfall`` list, created (block style) when it is absent or empty."""
    data = doc.data
    current = data.get("utfall")
    if isinstance(current, CommentedSeq) and len(current) > 0:
        return current
    if current is not None and not isinstance(current, list):
        raise EditError(f"`utfall` i {doc.path.name} är inte en lista; rätta filen först "
                        "(`malstyrning validate` visar var).")
    seq = yamledit.block_seq()
    if "utfall" in data:
        line = data.lc.key("utfall")[0]
        doc.touch(line, line + 1)
        data["utfall"] = seq
        return seq
    keys = list(data.keys())
    later = [keys.index(k) for k in LATER_SECTIONS if k in data]
    data.insert(min(later) if later else len(keys), "utfall", seq)
    return seq


def update_document(doc: Editable, targets: list[Target], values: dict[str, KoladaValue],
                    year: int, municipality: str, overwrite: bool) -> list[Change]:
    """Decide every target's entry in one document and apply the decisions to it."""
    changes: list[Change] = []
    seq: CommentedSeq | None = None
    existing = doc.data.get("utfall")
    original = existing if isinstance(existing, list) else []
    original_count = len(original)
    spans = _entry_spans(doc, original) if isinstance(original, CommentedSeq) else []
    for target in targets:
        value = values.get(target.kpi) or KoladaValue(target.kpi, municipality, year)
        index = _find_entry(original, target.indicator, year)
        entry = original[index] if index is not None else None
        action, writes = decide(entry, value, overwrite)
        current = entry.get("värde") if entry is not None else None
        changes.append(Change(target, value, action, writes, current))
        if not writes:
            continue
        if entry is not None and index is not None and index < original_count:
            doc.touch(*spans[index])
            fill_entry(entry, value)
        else:
            seq = seq if seq is not None else _utfall(doc)
            seq.append(new_entry(target.indicator, value))
            original = seq
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


def plan_updates(root: Path, model: PlanModel, targets: list[Target],
                 values: dict[str, KoladaValue], *, year: int, period: str,
                 municipality: str, overwrite: bool = False) -> UpdatePlan:
    """Open (or plan) each organisation's follow-up file and decide every entry."""
    by_org: dict[str, list[Target]] = {}
    for target in targets:
        by_org.setdefault(target.org, []).append(target)
    files: list[FileUpdate] = []
    for org, org_targets in by_org.items():
        found = sorted(f.file for f in model.followups
                       if f.org == org and same_period(f.period, period))
        if len(found) > 1:
            raise EditError(f"Flera uppföljningsfiler gäller {org} {period}: "
                            f"{', '.join(found)}. Slå ihop dem till en fil.")
        if found:
            rel, created = found[0], False
            doc = yamledit.open_editable(root / rel)
        else:
            rel, created = followup_path(period, org), True
            if (root / rel).exists():
                raise EditError(f"{rel} finns redan men är inte en läsbar uppföljning för "
                                f"{org} {period}. Rätta eller flytta filen först.")
            data = CommentedMap()
            data["typ"] = "uppföljning"
            data["organisation"] = org
            data["period"] = period
            doc = yamledit.new_editable(root / rel, data, schema_comment(root, model, rel))
        changes = update_document(doc, org_targets, values, year, municipality, overwrite)
        files.append(FileUpdate(rel, org, created, doc, changes))
    files.sort(key=lambda f: f.rel)
    return UpdatePlan(root, year, period, files)
