"""``@record``: a dataclass whose methods are written once, here, instead of compiled per class.

``@dataclass`` builds the source of ``__init__``, ``__repr__``, ``__eq__`` (and, frozen,
``__hash__``, ``__setattr__``, ``__delattr__``; ordered, four comparisons) for every class
and ``exec``-s it at import: about 0.1 ms a method, 0.5–0.8 ms a frozen class, paid by
every process for classes it may make a handful of objects of (a Problem, a number issued,
a rendered document). ``record`` lets ``dataclasses`` read the fields (so ``fields``,
``replace``, ``asdict`` and pickling work as before) but generates nothing, and gives the
class the methods below, which do what the generated ones do for these classes: the fields
as positional or keyword arguments with their defaults and factories, ``__post_init__``;
the repr ``Name(a=1, b='x')``; equality and order as tuples of the compared fields, for the
same class only; a frozen record's hash and refusal to be changed (FrozenInstanceError).

Not for a class with ``init=False`` fields, keyword-only fields or slots (refused when the
class is made). The model's classes have their own (``spec.schema.Node``).
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

__all__ = ["record"]

T = TypeVar("T", bound=type)


class _Plan(NamedTuple):
    names: tuple[str, ...]  # -- the fields, in order: the parameters of __init__ --
    defaults: tuple[tuple[Any, Callable[[], Any] | None] | None, ...]  # -- per field: (default, factory), or None if required --
    shown: tuple[str, ...]  # -- the fields __repr__ shows --
    compared: tuple[str, ...]  # -- the fields __eq__, __hash__ and the order compare --
    hashed: tuple[str, ...]
    post_init: bool


_PLANS: dict[type, _Plan] = {}


def record(cls: T | None = None, *, frozen: bool = False, order: bool = False) -> Any:
    """``@dataclass`` (``frozen``, ``order`` as there) for a class that makes few objects."""

    def make(cls: T) -> T:
        if "__slots__" in vars(cls):
            raise TypeError(f"@record: {cls.__name__} has slots; use @dataclass")
        made = dataclasses.dataclass(cls, init=False, repr=False, eq=False)
        fields = dataclasses.fields(made)
        if any(not f.init or f.kw_only for f in fields):
            raise TypeError(f"@record: {cls.__name__} has an init=False or keyword-only field; use @dataclass")
        made.__init__ = _init  # type: ignore[misc]
        made.__repr__ = _repr  # type: ignore[method-assign]
        made.__eq__ = _eq  # type: ignore[method-assign]
        made.__hash__ = _hash if frozen else None  # type: ignore[method-assign, assignment]
        if order:
            made.__lt__, made.__le__, made.__gt__, made.__ge__ = _lt, _le, _gt, _ge  # type: ignore[method-assign]
        if frozen:
            names = frozenset(f.name for f in fields)
            made.__setattr__ = _frozen_setattr(made, names)  # type: ignore[method-assign]
            made.__delattr__ = _frozen_delattr(made, names)  # type: ignore[method-assign]
        return made

    return make if cls is None else make(cls)


def _plan(cls: type) -> _Plan:
    found = _PLANS.get(cls)
    if found is None:
        fields = dataclasses.fields(cls)
        defaults = tuple(None if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                         else (f.default, None if f.default_factory is dataclasses.MISSING else f.default_factory) for f in fields)
        found = _PLANS[cls] = _Plan(
            tuple(f.name for f in fields), defaults, tuple(f.name for f in fields if f.repr), tuple(f.name for f in fields if f.compare),
            tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)), hasattr(cls, "__post_init__"),
        )
    return found


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    plan = _plan(type(self))
    if kwargs or len(args) != len(plan.names):
        args = _bound(type(self), plan, args, kwargs)
    self.__dict__.update(zip(plan.names, args, strict=True))  # -- in field order, as the generated __init__ sets them --
    if plan.post_init:
        self.__post_init__()


def listed(names: list[str]) -> str:
    """Missing arguments as Python's own TypeError lists them: 'a', 'b' and 'c'."""
    quoted = [repr(name) for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + (", and " if len(quoted) > 2 else " and ") + quoted[-1]


def _bound(cls: type, plan: _Plan, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Every field's value from positional and keyword arguments, or the TypeError Python
    raises for the generated ``__init__``."""
    where = f"{cls.__qualname__}.__init__()"
    names = plan.names
    for name in kwargs:
        if name not in names:
            raise TypeError(f"{where} got an unexpected keyword argument {name!r}")
        if names.index(name) < len(args):
            raise TypeError(f"{where} got multiple values for argument {name!r}")
    if len(args) > len(names):
        required = sum(default is None for default in plan.defaults)
        takes = f"from {required + 1} to {len(names) + 1}" if required < len(names) else f"{len(names) + 1}"
        raise TypeError(f"{where} takes {takes} positional arguments but {len(args) + 1} were given")
    values: list[Any] = list(args)
    missing = []
    for name, default in zip(names[len(args):], plan.defaults[len(args):], strict=True):
        if name in kwargs:
            values.append(kwargs[name])
        elif default is None:
            missing.append(name)
        else:
            value, factory = default
            values.append(factory() if factory is not None else value)
    if missing:
        raise TypeError(f"{where} missing {len(missing)} required positional argument{'s' if len(missing) > 1 else ''}: {listed(missing)}")
    return tuple(values)


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _plan(type(self)).shown)
    return f"{type(self).__qualname__}({shown})"


def _values(value: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(value, name) for name in names)


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is self.__class__:
        names = _plan(type(self)).compared
        return _values(self, names) == _values(other, names)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(_values(self, _plan(type(self)).hashed))


def _compare(operator: str) -> Callable[[Any, object], bool]:
    def compare(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            names = _plan(type(self)).compared
            return getattr(_values(self, names), operator)(_values(other, names))  # type: ignore[no-any-return]
        return NotImplemented

    compare.__name__ = compare.__qualname__ = operator
    return compare


_lt, _le, _gt, _ge = (_compare(name) for name in ("__lt__", "__le__", "__gt__", "__ge__"))


def _frozen_setattr(cls: type, names: frozenset[str]) -> Callable[[Any, str, Any], None]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _frozen_delattr(cls: type, names: frozenset[str]) -> Callable[[Any, str], None]:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__
