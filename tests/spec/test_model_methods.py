"""The model classes' ``__repr__`` and ``__eq__`` (written once on ``schema.Node`` rather than
compiled by ``@dataclass`` for every class) behave exactly as the generated ones would."""

from __future__ import annotations

import copy
import dataclasses

import pytest

import cchc_docgen
from cchc_docgen.spec import model
from cchc_docgen.spec.schema import Loc, Node

from conftest import EXAMPLES, PLAN_SPECS

CLASSES = sorted({cls for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, Node) and cls is not Node}, key=lambda c: c.__name__)


def _objects() -> list[Node]:
    """Every model object of every shipped plan and example."""
    found: list[Node] = []

    def walk(value: object) -> None:
        if isinstance(value, Node):
            found.append(value)
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for path in [*PLAN_SPECS, *EXAMPLES]:
        walk(cchc_docgen.load_spec(path))
    return found


def _generated(cls: type) -> type:
    """A twin of ``cls`` with the methods ``@dataclass(kw_only=True)`` generates."""
    twin = type(cls.__name__, (cls,), {"__qualname__": cls.__qualname__, "__module__": cls.__module__})
    return dataclasses.dataclass(kw_only=True)(twin)


def test_every_model_class_takes_its_methods_from_node() -> None:
    assert len(CLASSES) >= 15
    for cls in CLASSES:
        assert cls.__repr__ is Node.__repr__ and cls.__eq__ is Node.__eq__, cls
        assert cls.__hash__ is None, cls  # -- unhashable, as a mutable dataclass with __eq__ is --


def test_repr_is_what_dataclass_writes_for_every_object_of_every_plan() -> None:
    objects = _objects()
    assert {type(o) for o in objects} >= {model.Spec, model.Issuer, model.Plan}
    twins: dict[type, type] = {}
    for value in objects:
        twin = twins.setdefault(type(value), _generated(type(value)))
        double = object.__new__(twin)
        double.__dict__.update(value.__dict__)
        assert repr(value) == repr(double)


def test_equality_is_what_dataclass_writes() -> None:
    spec = cchc_docgen.load_spec(PLAN_SPECS[0])
    same = copy.deepcopy(spec)
    assert spec == same
    assert (spec != same) is False  # -- __ne__ is the inverse of __eq__, as for a dataclass --
    same._loc = Loc("khác", 9, 9)  # -- where it was written is not compared (compare=False) --
    same._locs.clear()
    assert spec == same
    same.issuer.area = "Nơi khác"
    assert spec != same
    twin = _generated(model.Spec)
    double = object.__new__(twin)
    double.__dict__.update(spec.__dict__)
    assert (spec == double) is False  # -- another class: NotImplemented both ways, then identity --
    assert spec.__eq__(double) is NotImplemented
    with pytest.raises(TypeError):
        hash(spec)


def test_a_recursive_value_is_shown_as_dataclass_shows_it() -> None:
    ref = model.LegalRef(kind="Luật")
    ref.same_sentence.append(ref)
    assert repr(ref).count("...") == 1
