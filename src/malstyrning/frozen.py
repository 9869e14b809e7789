"""Frozen records that are cheap to define: ``@record`` is ``@dataclass(frozen=True)``
with one method compiled per class instead of six.

The standard decorator writes Python source for ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` and ``__delattr__`` and compiles each; for the seventy-odd
view records a render defines, that compiling was a fifth of a small repository's whole
render. Here only ``__init__`` is compiled (it runs for every record, so it stays as fast
as the standard one); the other five are small functions shared in shape and bound to
the class's field names. The classes are still dataclasses (``dataclasses.fields``,
``replace`` and ``asdict`` work) and behave the same; ``tests/test_frozen.py`` holds
each record class against the standard decorator.

Only what the records use is supported: fields with a default or a
``field(default_factory=…)`` and otherwise ``field``'s defaults, no ``__post_init__``,
no ``InitVar``, no base class that is a dataclass. Anything else is refused at
definition time (a ``TypeError``), so a record cannot silently behave differently.
"""

from __future__ import annotations

import builtins
import dataclasses
import inspect
from _thread import get_ident
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError
from functools import cache
from operator import attrgetter
from types import CodeType, FunctionType
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, Field))
def record(cls: type[T]) -> type[T]:
    """``cls`` as a frozen dataclass (``@dataclass(frozen=True)``), defined cheaply."""
    _refuse_unsupported(cls)
    documented = bool(cls.__dict__.get("__doc__"))
    if not documented:
        cls.__doc__ = "-"  # written below, once __init__ is there
    # The fields, their defaults and the dataclass marks, but no generated methods.
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    defaulted = None
    for f in fields:
        if not (f.init and f.repr and f.compare and f.hash is None and not f.kw_only
                and not f.metadata) or f.name == "self" or f.name.startswith("__"):
            raise TypeError(f"{cls.__qualname__}.{f.name}: @record supports only plain "
                            "fields (a default or a default_factory)")
        if f.default is not MISSING or f.default_factory is not MISSING:
            defaulted = f.name
        elif defaulted is not None:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    names = tuple(f.name for f in fields)
    body = cls.__dict__
    if "__setattr__" in body or "__delattr__" in body:
        raise TypeError(f"{cls.__qualname__}: a frozen record cannot define "
                        "__setattr__ or __delattr__")
    methods: dict[str, Callable[..., Any]] = {
        "__init__": _init(cls, fields),
        **_frozen(cls, names),
    }
    key = _key(names)
    if "__repr__" not in body:
        methods["__repr__"] = _repr(names)
    if "__eq__" not in body:
        methods["__eq__"] = _eq(key)
    # As dataclasses decide: a __hash__ written in the class stays, unless it is the
    # None that Python sets for a class that defines __eq__.
    own_hash = body.get("__hash__", MISSING)
    if own_hash is MISSING or (own_hash is None and "__eq__" in body):
        methods["__hash__"] = _hash(key)
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    if not documented:  # what dataclasses write for a class without a docstring
        try:
            text = str(inspect.signature(cls)).replace(" -> None", "")
        except (TypeError, ValueError):
            text = ""
        cls.__doc__ = cls.__name__ + text
    return cls


def _refuse_unsupported(cls: type) -> None:
    if "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__qualname__}: @record has no __post_init__")
    for base in cls.__mro__[1:]:
        if dataclasses.is_dataclass(base):
            raise TypeError(f"{cls.__qualname__}: @record cannot extend a dataclass")
    for annotation in inspect.get_annotations(cls).values():
        text = annotation if isinstance(annotation, str) else repr(annotation)
        if "InitVar" in text or "KW_ONLY" in text:
            raise TypeError(f"{cls.__qualname__}: @record supports no InitVar or KW_ONLY")


class _Factory:
    """The default of a parameter whose field has a ``default_factory``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _init(cls: type, fields: tuple[Field[Any], ...]) -> Callable[..., None]:
    """``__init__`` as the standard decorator writes it for frozen fields.

    Its code depends only on how many fields there are and which have a
    ``default_factory``: that shape is compiled once, and each class gets a copy with
    its own parameter and attribute names (``CodeType.replace``) and defaults.
    """
    names = tuple(f.name for f in fields)
    made = tuple(i for i, f in enumerate(fields) if f.default_factory is not MISSING)
    template = _init_template(len(names), made)
    placeholders = {f"_{i}": name for i, name in enumerate(names)}
    code = template.replace(
        co_varnames=("self", *names),
        co_consts=tuple(placeholders.get(c, c) if type(c) is str else c
                        for c in template.co_consts),
        co_filename=f"<record {cls.__qualname__}>")
    scope: dict[str, Any] = {"__builtins__": builtins, "__set": object.__setattr__,
                             "__factory": _FACTORY}
    defaults = []
    for i, f in enumerate(fields):
        if f.default_factory is not MISSING:
            scope[f"__make_{i}"] = f.default_factory
            defaults.append(_FACTORY)
        elif f.default is not MISSING:
            defaults.append(f.default)
    init: Callable[..., None] = FunctionType(code, scope, "__init__", tuple(defaults))
    init.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    return init


@cache
def _init_template(count: int, made: tuple[int, ...]) -> CodeType:
    """The code of ``__init__(self, _0, _1, …)`` that sets each field (a field at a
    position in ``made`` from its factory when the argument is left out)."""
    lines = [f"  __set(self, '_{i}', __make_{i}() if _{i} is __factory else _{i})"
             if i in made else f"  __set(self, '_{i}', _{i})" for i in range(count)]
    source = (f"def __init__({', '.join(['self', *(f'_{i}' for i in range(count))])}):\n"
              + ("\n".join(lines) or "  pass") + "\n")
    scope: dict[str, Any] = {}
    exec(compile(source, "<record>", "exec"), scope)
    code: CodeType = scope["__init__"].__code__
    return code


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of a record's field values (what equality and the hash compare)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda self: (get(self),)
    return lambda self: ()


def _frozen(cls: Any, names: tuple[str, ...]) -> dict[str, Callable[..., Any]]:
    """The standard frozen ``__setattr__`` and ``__delattr__``: a field can never be
    set or deleted, and neither can anything else on an instance of ``cls`` itself."""
    fields = frozenset(names)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in fields:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in fields:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    shown = tuple((f"{name}=", attrgetter(name)) for name in names)
    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        # As dataclasses do: a record that contains itself is shown as "...".
        key = (id(self), get_ident())
        if key in running:
            return "..."
        running.add(key)
        try:
            inner = ", ".join(label + repr(get(self)) for label, get in shown)
        finally:
            running.discard(key)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _eq(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__
