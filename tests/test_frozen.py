"""``@record`` behaves as ``@dataclass(frozen=True)``: every record class of the
documents, defined once each way from the same source, constructs, compares, hashes,
prints, refuses changes and describes itself the same."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import sys
import types
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from malstyrning.frozen import record

MODULES = ["malstyrning.render.records", "malstyrning.render.chart",
           "malstyrning.render.diagram", "malstyrning.render.base", "malstyrning.render.theme"]


def _standard_twin(name: str) -> types.ModuleType:
    """The module ``name`` executed again with ``@dataclass(frozen=True)`` for ``@record``."""
    module = importlib.import_module(name)
    source = Path(module.__file__ or "").read_text("utf-8")
    assert "\n@record\n" in source
    source = source.replace("\n@record\n", "\n@dataclass(frozen=True)\n")
    twin = types.ModuleType(f"{name}_standard")
    twin.__dict__["dataclass"] = dataclass
    sys.modules[twin.__name__] = twin  # dataclasses look the module up by name
    try:
        exec(compile(source, f"{name} (standard)", "exec"), twin.__dict__)
    finally:
        del sys.modules[twin.__name__]
    return twin


def _record_classes() -> list[tuple[type, type]]:
    pairs = []
    for name in MODULES:
        module = importlib.import_module(name)
        twin = _standard_twin(name)
        for attr, cls in vars(module).items():
            if (isinstance(cls, type) and cls.__module__ == name
                    and dataclasses.is_dataclass(cls)):
                pairs.append((cls, getattr(twin, attr)))
    return pairs


PAIRS = _record_classes()


def _values(cls: type, tag: str) -> dict[str, Any]:
    """A distinct text for every field, so that each field's place is visible."""
    return {f.name: f"{tag}-{f.name}" for f in dataclasses.fields(cls)}


def test_every_record_module_is_covered() -> None:
    assert len(PAIRS) > 60
    for ours, standard in PAIRS:
        assert ours.__init__.__code__.co_filename.startswith("<record ")  # type: ignore[misc]
        assert not standard.__init__.__code__.co_filename.startswith("<record ")  # type: ignore[misc]


@pytest.mark.parametrize(("ours", "standard"), PAIRS, ids=lambda c: c.__qualname__)
def test_a_record_is_what_the_standard_decorator_makes(ours: type, standard: type) -> None:
    assert str(inspect.signature(ours)) == str(inspect.signature(standard))
    assert ours.__doc__ == standard.__doc__
    assert ours.__match_args__ == standard.__match_args__  # type: ignore[attr-defined]
    assert [(f.name, f.type, f.default, f.default_factory) for f in dataclasses.fields(ours)] \
        == [(f.name, f.type, f.default, f.default_factory) for f in dataclasses.fields(standard)]
    for method in ("__repr__", "__eq__", "__hash__"):
        assert (method in ours.__dict__) == (method in standard.__dict__), method
        assert (ours.__dict__.get(method) is None) == (standard.__dict__.get(method) is None)

    a, b = _values(ours, "a"), _values(ours, "b")
    mine, theirs = ours(**a), standard(**a)
    assert repr(mine) == repr(theirs)
    assert dataclasses.asdict(mine) == dataclasses.asdict(theirs)
    assert (mine == ours(**a)) == (theirs == standard(**a))
    if standard.__hash__ is not None:
        assert hash(mine) == hash(theirs)
    for name in a:
        changed = {**a, name: b[name]}
        assert (mine == ours(**changed)) == (theirs == standard(**changed)), name
        assert dataclasses.replace(mine, **{name: b[name]}) == ours(**changed)
    assert mine != theirs  # different classes: neither says equal
    if not a:
        return
    first = next(iter(a))
    for target in (mine, theirs):
        with pytest.raises(FrozenInstanceError) as raised:
            setattr(target, first, "x")
        assert str(raised.value) == f"cannot assign to field {first!r}"
        with pytest.raises(FrozenInstanceError) as raised:
            delattr(target, first)
        assert str(raised.value) == f"cannot delete field {first!r}"
        with pytest.raises(FrozenInstanceError):
            target.other = 1  # type: ignore[attr-defined]


def test_defaults_factories_and_subclasses() -> None:
    def define(decorate: Any) -> type:
        @decorate
        class Item:
            name: str
            size: int = 3
            tags: list[str] = field(default_factory=list)
        return Item

    ours, standard = define(record), define(dataclass(frozen=True))
    for cls in (ours, standard):
        one, two = cls("x"), cls("x")
        assert (one.size, one.tags) == (3, [])
        assert one.tags is not two.tags  # a new list each time
        assert cls("x", 4, ["t"]).tags == ["t"]
        with pytest.raises(TypeError):
            cls()
    assert repr(ours("x")) == repr(standard("x"))
    assert str(inspect.signature(ours)) == str(inspect.signature(standard))

    class Sub(ours):  # type: ignore[valid-type,misc]
        pass

    sub = Sub("y")
    sub.extra = 1  # not a field, not the record class itself: allowed, as in dataclasses
    assert sub.extra == 1
    with pytest.raises(FrozenInstanceError):
        sub.name = "z"


def test_own_methods_stay_and_recursion_is_shown_as_dots() -> None:
    def define(decorate: Any) -> tuple[type, type, type]:
        @decorate
        class Own:
            a: int

            def __eq__(self, other: object) -> bool:
                return True

            def __repr__(self) -> str:
                return "Own!"

        @decorate
        class Box:
            content: Any

        @decorate
        class Empty:
            pass

        return Own, Box, Empty

    for own, box_class, empty in (define(record), define(dataclass(frozen=True))):
        assert own(1) == own(2) and repr(own(1)) == "Own!"
        assert hash(own(1)) == hash((1,))  # a hash from the fields, though __eq__ is own
        box = box_class([])
        box.content.append(box)
        assert repr(box).endswith("Box(content=[...])")
        assert empty() == empty() and hash(empty()) == hash(())
        assert repr(empty()).endswith("Empty()")


@pytest.mark.parametrize("body", [
    "x: int\n    def __post_init__(self): pass",
    "x: int = field(default=1, compare=False)",
    "x: int = field(default=1, repr=False)",
    "x: int = field(default=1, kw_only=True)",
    "x: int = 1\n    y: int",
    "x: InitVar[int]",
    "x: int\n    def __setattr__(self, name, value): pass",
])
def test_what_a_record_cannot_be_is_refused(body: str) -> None:
    source = f"@record\nclass Bad:\n    {body}\n"
    scope = {"record": record, "field": field, "InitVar": dataclasses.InitVar}
    with pytest.raises(TypeError):
        exec(source, scope)


def test_a_record_cannot_extend_a_dataclass() -> None:
    @dataclass(frozen=True)
    class Base:
        a: int

    with pytest.raises(TypeError):
        @record
        class Child(Base):
            b: int
