"""How a model object is made: the ``__init__`` of every model class, written once.

``@dataclass`` compiles an ``__init__`` for each class it makes (source text built and
``exec``-ed at import), which was most of what importing the model still cost every
process once Node had taken over ``__repr__`` and ``__eq__``. The model classes are declared
``init=False`` and ``schema.Node.__init__`` makes every object from the plan here, read once
per class from ``dataclasses.fields``: what the generated ``__init__`` does, in the same
order (so the instance's attributes are in field order, as before), with the same errors.

Only keyword arguments: every model class is ``kw_only``. A field with a default that
is not passed is left to the class attribute when it is not an ``__init__`` parameter, as
the generated code leaves it (``Node._loc``, ``Spec.source``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, NoReturn

from ..records import listed

__all__ = ["FACTORY", "InitPlan", "init_plan", "refuse"]

FACTORY: Any = object()  # -- a field whose value its default_factory makes, in the template --
_REQUIRED: Any = object()  # -- a parameter without default: always passed (checked first) --


class InitPlan(NamedTuple):
    """What ``__init__`` does for one class, prepared once."""

    names: frozenset[str]  # -- its parameters --
    required: frozenset[str]  # -- the parameters without a default --
    template: dict[str, Any]  # -- every attribute it sets, in field order: a default, or a marker --
    factories: tuple[tuple[str, Callable[[], Any]], ...]  # -- the attributes a factory makes when not passed --
    post_init: bool


_PLANS: dict[type, InitPlan] = {}


def init_plan(cls: type) -> InitPlan:
    """The plan of ``cls``'s ``__init__``, made on its first object."""
    found = _PLANS.get(cls)
    if found is not None:
        return found
    names, required, template, factories = set(), set(), {}, []
    for spec_field in dataclasses.fields(cls):
        if spec_field.default_factory is not dataclasses.MISSING:
            template[spec_field.name] = FACTORY
            factories.append((spec_field.name, spec_field.default_factory))
        elif not spec_field.init:
            continue  # -- read from the class attribute, as the generated __init__ leaves it --
        elif spec_field.default is dataclasses.MISSING:
            template[spec_field.name] = _REQUIRED
            required.add(spec_field.name)
        else:
            template[spec_field.name] = spec_field.default
        if spec_field.init:
            names.add(spec_field.name)
    plan = _PLANS[cls] = InitPlan(frozenset(names), frozenset(required), template, tuple(factories), hasattr(cls, "__post_init__"))
    return plan


def refuse(cls: type, plan: InitPlan, positional: int, values: Mapping[str, Any]) -> NoReturn:
    """Raise the TypeError the generated ``__init__`` raises for these arguments."""
    where = f"{cls.__qualname__}.__init__()"
    if positional:
        given = sum(name in plan.names for name in values)
        keywords = f" positional arguments (and {given} keyword-only argument{'s' if given > 1 else ''})" if given else ""
        raise TypeError(f"{where} takes 1 positional argument but {positional + 1}{keywords} were given")
    unexpected = next((name for name in values if name not in plan.names), None)
    if unexpected is not None:
        raise TypeError(f"{where} got an unexpected keyword argument {unexpected!r}")
    missing = [name for name in plan.template if name in plan.required and name not in values]
    raise TypeError(f"{where} missing {len(missing)} required keyword-only argument{'s' if len(missing) > 1 else ''}: {listed(missing)}")
