"""The model classes' ``__init__`` (written once on ``schema.Node``, planned by
``spec/construct.py``, rather than compiled by ``@dataclass`` for every class) makes the same
objects as the generated one would, and refuses the same arguments in the same words."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from cchc_docgen.spec import model
from cchc_docgen.spec.schema import Node
from spec.test_model_methods import CLASSES, _generated, _objects


def _arguments(value: Node) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.init}


def _state(value: object) -> list[tuple[str, Any]]:
    """The instance's attributes in the order they were set (repr and eq read fields, not this)."""
    return [(name, item) for name, item in vars(value).items()]


def test_no_model_class_compiles_an_init_of_its_own() -> None:
    assert len(CLASSES) >= 15
    for cls in CLASSES:
        assert cls.__init__ is Node.__init__, cls
        assert "__init__" not in vars(cls), cls


def test_every_object_of_every_plan_is_made_again_as_the_generated_init_makes_it() -> None:
    objects = _objects()
    assert {type(o) for o in objects} >= {model.Spec, model.Plan, model.Decision, model.Task, model.Section}
    twins: dict[type, type] = {}
    for value in objects:
        twin = twins.setdefault(type(value), _generated(type(value)))
        arguments = _arguments(value)
        ours, theirs = type(value)(**arguments), twin(**arguments)
        assert _state(ours) == _state(theirs), type(value)
        assert ours == value  # -- and the same object as the loader made (compared fields) --


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_defaults_factories_and_post_init_are_those_of_the_generated_init(cls: type) -> None:
    required = {f.name: "Nội dung" for f in dataclasses.fields(cls)
                if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    ours, theirs = cls(**required), _generated(cls)(**required)
    assert _state(ours) == _state(theirs)
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(ours, f.name) is not getattr(cls(**required), f.name), f.name  # -- a new list per object --


def test_decisions_post_init_runs_as_generated() -> None:
    title = ["Ban hành Kế hoạch", "cải cách hành chính"]
    ours, theirs = model.Decision(title=title), _generated(model.Decision)(title=title)
    assert ours.title_lines == theirs.title_lines and ours.title_lines


@pytest.mark.parametrize("cls", [model.Issuer, model.Task, model.Spec, model.Agency], ids=lambda c: c.__name__)
def test_wrong_arguments_are_refused_in_the_generated_inits_words(cls: type) -> None:
    twin = _generated(cls)
    required = [f.name for f in dataclasses.fields(cls) if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    full = dict.fromkeys(required, "x")
    cases: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {**full, "khong_co": 1}),  # -- an unexpected keyword, reported before a missing one --
        ((), {"khong_co": 1}),
        ((), {}),
        (("x",), full),
        ((), {**full, "_locs": {}}),  # -- a field that is not a parameter (init=False) --
    ]
    if len(required) > 1:
        cases.append(((), {required[0]: "x"}))
    for args, kwargs in cases:
        with pytest.raises(TypeError) as ours:
            cls(*args, **kwargs)
        with pytest.raises(TypeError) as theirs:
            twin(*args, **kwargs)
        assert str(ours.value) == str(theirs.value), (args, kwargs)


def test_replace_keeps_working() -> None:
    task = model.Task(area="the_che", text="Rà soát", lead="pnv", deadline=model.Deadline.parse("quý II/2021"))
    changed = dataclasses.replace(task, text="Kiểm tra")
    assert (changed.text, changed.area, changed.lead) == ("Kiểm tra", "the_che", "pnv") and changed.partners is task.partners  # -- replace passes the value on, as for any dataclass --
