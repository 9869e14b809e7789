"""What changed in the plan between two versions of the repository: the models compared,
not the text.

:func:`compare` takes two plan models and returns a :class:`ModelDiff`: the items
(goals at every level, activities, indicators, financial goals, styrdokument) that were
added, removed, moved between files or organisations, or changed field by field; the
budget frames in tkr with their difference; and, for every changed or removed goal, the
items that build on it and may need review ("att granska", the suspect links of
requirement tools). :func:`load_version` reads a version — a git revision through
:mod:`malstyrning.load.gittree`, never checked out, or the working tree — and runs the
pipeline on it. Writers for text, JSON and Markdown are in :mod:`malstyrning.diffout`;
a document can be built from the same data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from malstyrning.config import Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import INDICATOR, Node, PlanModel

ADDED, REMOVED, MOVED, CHANGED = "tillagd", "borttagen", "flyttad", "ändrad"
# a node's own id and its nested indicators (nodes of their own) are not its fields
_NOT_FIELDS = ("id", "indikatorer")
_YEAR_LISTS = ("målvärden",)  # lists of {år, värde}: compared year by year


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one item: the values before and after (plain JSON values; None when
    the field is absent), and for numbers the difference."""

    field: str
    before: Any
    after: Any

    @property
    def difference(self) -> float | None:
        if _is_number(self.before) and _is_number(self.after):
            return _tidy(self.after - self.before)
        return None


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item that was added, removed, moved or changed (``status``)."""

    status: str
    kind: str  # the level's kind (``effektmål``), ``indikator``, ``styrdokument`` …
    id: str
    name: str
    file_before: str = ""
    file_after: str = ""
    org_before: str = ""
    org_after: str = ""
    fields: tuple[FieldChange, ...] = ()

    @property
    def moved(self) -> bool:
        return bool(self.file_before and self.file_after) and (
            self.file_before != self.file_after or self.org_before != self.org_after)


@dataclass(frozen=True, slots=True)
class FrameChange:
    """A budget frame in tkr for one organisation: ``source`` is ``ramar`` (decided in
    another plan's ``ramar:``, normally kommunfullmäktige's), ``total`` (the total of
    the frames that plan decides) or ``ram`` (the plan's own)."""

    org: str
    source: str
    before: float | None
    after: float | None

    @property
    def difference(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return _tidy(self.after - self.before)


@dataclass(frozen=True, slots=True)
class Review:
    """An item that builds on a changed or removed goal (``because``: its ids)."""

    kind: str
    id: str
    name: str
    file: str
    because: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ModelDiff:
    """Everything that changed from ``before`` to ``after`` (the versions' labels)."""

    before: str
    after: str
    items: tuple[ItemChange, ...] = ()
    frames: tuple[FrameChange, ...] = ()
    review: tuple[Review, ...] = ()
    level_names: Mapping[str, str] = field(default_factory=dict)  # kind → "effektmål"
    # the activity level in the plural, indefinite and definite ("aktiviteter",
    # "aktiviteterna"), for the sentences that name what was compared
    activity_words: tuple[str, str] = field(default_factory=lambda: _activity_words(None))

    def of_status(self, status: str) -> list[ItemChange]:
        if status == MOVED:
            return [i for i in self.items if i.status == CHANGED and i.moved]
        if status == CHANGED:
            return [i for i in self.items if i.status == CHANGED and i.fields]
        return [i for i in self.items if i.status == status]

    @property
    def empty(self) -> bool:
        return not (self.items or self.frames)

    def name_of(self, kind: str) -> str:
        """The item kind in the steering model's words (``effektmål``, ``aktivitet``)."""
        return self.level_names.get(kind, kind)


def _tidy(value: float) -> float:
    """A difference without binary noise (``0.1 + 0.2``), whole numbers as int."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def plain(value: Any) -> Any:
    """A JSON value for ``value`` (dates as ISO text, mappings and lists recursively)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _by_year(value: Any) -> dict[str, Any] | None:
    """``[{år: 2027, värde: 75}, …]`` → ``{"2027": 75, …}``; None for any other shape."""
    if not isinstance(value, list):
        return None
    out: dict[str, Any] = {}
    for item in value:
        if not isinstance(item, dict) or "år" not in item or len(item) > 2:
            return None
        out[str(item["år"])] = item.get("värde")
    return out


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """The fields of one item that differ, in a stable order (keys as written in the
    newer version, then those only in the older); lists of yearly values year by year,
    mappings (``baslinje``) key by key."""
    keys = [k for k in after if k not in _NOT_FIELDS]
    keys += [k for k in before if k not in _NOT_FIELDS and k not in after]
    out: list[FieldChange] = []
    for key in keys:
        old, new = plain(before.get(key)), plain(after.get(key))
        if old == new:
            continue
        old_years, new_years = _by_year(old or []), _by_year(new or [])
        if key in _YEAR_LISTS and old_years is not None and new_years is not None:
            for year in sorted({*old_years, *new_years}):
                if old_years.get(year) != new_years.get(year):
                    out.append(FieldChange(f"{key} {year}", old_years.get(year),
                                           new_years.get(year)))
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            for sub in [*new, *(k for k in old if k not in new)]:
                if old.get(sub) != new.get(sub):
                    out.append(FieldChange(f"{key}.{sub}", old.get(sub), new.get(sub)))
            continue
        out.append(FieldChange(key, old, new))
    return out


def _first(nodes: Iterable[Node]) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for node in nodes:
        out.setdefault(node.id, node)
    return out


def _frames(model: PlanModel) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    for plan in model.plans:
        for frame in plan.frames:
            out.setdefault((frame.org, "ramar"), frame.amount)
        if plan.frames_total is not None and plan.org:
            out.setdefault((plan.org, "total"), plan.frames_total)
        if plan.ram is not None and plan.org:
            out.setdefault((plan.org, "ram"), plan.ram)
    return out


ORGANISATION = "organisation"


def _unit_changes(before: PlanModel, after: PlanModel) -> list[ItemChange]:
    """Units of the organisation register added, removed, renamed or moved."""
    out = []
    for unit_id in sorted({*before.units, *after.units}):
        a, b = before.units.get(unit_id), after.units.get(unit_id)
        if a is None and b is not None:
            out.append(ItemChange(ADDED, ORGANISATION, b.id, b.name, file_after=b.file))
        elif b is None and a is not None:
            out.append(ItemChange(REMOVED, ORGANISATION, a.id, a.name, file_before=a.file))
        elif a is not None and b is not None:
            fields = [FieldChange(name, x or None, y or None)
                      for name, x, y in (("namn", a.name, b.name), ("nivå", a.level, b.level),
                                         ("överordnad", a.parent, b.parent)) if x != y]
            if fields or a.file != b.file:
                out.append(ItemChange(CHANGED, ORGANISATION, b.id, b.name, a.file, b.file,
                                      fields=tuple(fields)))
    return out


def compare(before: PlanModel, after: PlanModel, settings: Settings | None = None,
            labels: tuple[str, str] = ("före", "efter")) -> ModelDiff:
    """The changes from ``before`` to ``after``. Both models must be built with their
    nodes' attributes (``run(..., full=True)``); ``settings`` (the newer version's) give
    the level names."""
    old, new = _first(before.nodes), _first(after.nodes)
    items: list[ItemChange] = []
    for node_id in sorted({*old, *new}):
        a, b = old.get(node_id), new.get(node_id)
        if a is None and b is not None:
            items.append(ItemChange(ADDED, b.kind, b.id, b.name, file_after=b.file,
                                    org_after=b.org))
        elif b is None and a is not None:
            items.append(ItemChange(REMOVED, a.kind, a.id, a.name, file_before=a.file,
                                    org_before=a.org))
        elif a is not None and b is not None:
            fields = field_changes(a.attrs, b.attrs)
            if a.kind != b.kind:
                fields.insert(0, FieldChange("nivå", a.kind, b.kind))
            if b.owner != a.owner and b.kind == INDICATOR:
                fields.insert(0, FieldChange("mäter", a.owner, b.owner))
            change = ItemChange(CHANGED, b.kind, b.id, b.name, a.file, b.file, a.org, b.org,
                                tuple(fields))
            if change.fields or change.moved:
                items.append(change)
    items += _unit_changes(before, after)
    frames_before, frames_after = _frames(before), _frames(after)
    frames = [FrameChange(org, source, frames_before.get((org, source)),
                          frames_after.get((org, source)))
              for org, source in sorted({*frames_before, *frames_after})
              if frames_before.get((org, source)) != frames_after.get((org, source))]
    names = {ORGANISATION: "organisation"}
    if settings is not None:
        names.update({lv.kind: lv.lower for lv in settings.chain.levels})
    return ModelDiff(labels[0], labels[1], tuple(items), tuple(frames),
                     tuple(_review(items, after)), names, _activity_words(settings))


def _activity_words(settings: Settings | None) -> tuple[str, str]:
    """The activity level in the plural, indefinite and definite (Heby: aktiviteter,
    aktiviteterna), from ``settings`` or the default model; a chain without activities
    names its last level."""
    from malstyrning.config import _default_model

    chain = settings.chain if settings is not None else _default_model().chain
    level = (chain.activity_levels or (chain.leaf,))[0]
    return level.lower_plural, level.definite_plural


def _review(items: list[ItemChange], after: PlanModel) -> list[Review]:
    """What builds on a changed, moved or removed item (children through bidrar_till,
    indicators measuring it), in the newer version."""
    touched = {i.id for i in items if i.status in (CHANGED, REMOVED) and i.kind != INDICATOR}
    because: dict[str, set[str]] = {}
    for node_id in touched:
        for child in [*after.children.get(node_id, []), *after.indicators.get(node_id, [])]:
            because.setdefault(child.id, set()).add(node_id)
    out = []
    for child_id in sorted(because):
        node = after.by_id.get(child_id)
        if node is not None:
            out.append(Review(node.kind, node.id, node.name, node.file,
                              tuple(sorted(because[child_id]))))
    return out


# --- reading a version ---------------------------------------------------------------


WORKING_TREE = "arbetskopian"


@dataclass(frozen=True, slots=True)
class Version:
    """One version of the plan repository, run through the pipeline."""

    label: str
    model: PlanModel
    settings: Settings
    errors: tuple[Finding, ...]


class VersionError(Exception):
    """A version cannot be read or compared; the message is Swedish."""


def load_version(root: Path, revision: str | None) -> Version:
    """The plan repository at ``root`` as it was in ``revision`` (None: the working
    tree). Raises VersionError for an unknown revision or a broken malstyrning.yaml."""
    from malstyrning.load.gittree import GitError, revision_snapshot
    from malstyrning.pipeline import ConfigError, run

    snapshot = None
    label = WORKING_TREE if revision is None else revision
    if revision is not None:
        try:
            snapshot = revision_snapshot(root, revision)
        except GitError as err:
            raise VersionError(str(err)) from None
    try:
        result = run(root, full=True, use_cache=False, snapshot=snapshot)
    except ConfigError as err:
        first = err.findings[0] if err.findings else None
        where = f" ({first.message})" if first else ""
        raise VersionError(f"malstyrning.yaml i {label} går inte att använda{where}; "
                           "jämför med en annan version eller rätta filen.") from None
    errors = tuple(f for f in result.findings if f.severity >= Severity.ERROR)
    return Version(label, result.model, result.settings, errors)


def compare_versions(before: Version, after: Version) -> ModelDiff:
    return compare(before.model, after.model, after.settings, (before.label, after.label))


def between(root: Path, from_revision: str, to_revision: str | None = None) -> ModelDiff:
    """What changed in the plan repository at ``root`` from ``from_revision`` to
    ``to_revision`` (None: the working tree) — e.g. for a document of the changes
    since the council's decision. Raises VersionError."""
    return compare_versions(load_version(root, from_revision),
                            load_version(root, to_revision))
