"""``@record`` classes behave as the ``@dataclass`` they replace: every class made with it
is compared here with a twin made by ``dataclasses.dataclass`` from the same body (its
generated methods), on objects of the shipped plans and on arguments that must fail."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sys
from typing import Any

import pytest

import cchc_docgen
from cchc_docgen import api, checks, documents, errors, postprocess, prepared, records, rendering, tasklist, view
from cchc_docgen.spec import values

from conftest import EXAMPLES, PLAN_SPECS

PARAMS = {  # -- each record class, and the @dataclass arguments it replaces --
    errors.Problem: {"frozen": True}, checks.IssuedNumber: {"frozen": True}, checks.Report: {},
    values.VnDate: {"frozen": True, "order": True}, values.Period: {"frozen": True}, values.Deadline: {"frozen": True},
    documents.RenderedDocument: {"frozen": True}, api._Checked: {"frozen": True},
    view.Header: {}, view.Signature: {}, view.SectionBreak: {}, view.DocumentView: {}, tasklist.TaskTable: {}, rendering.Docx: {},
    prepared.Prepared: {"frozen": True},
}  # fmt: skip


def _twin(cls: type) -> type:
    """``cls`` as ``@dataclass`` makes it: the class body again, its methods generated."""
    body = {k: v for k, v in vars(cls).items() if k not in ("__dict__", "__weakref__", "__dataclass_fields__", "__dataclass_params__", "__match_args__")
            and not (callable(v) and getattr(v, "__module__", "") == records.__name__) and k not in ("__setattr__", "__delattr__", "__hash__")}
    body["__annotations__"] = dict(cls.__annotations__)
    for f in dataclasses.fields(cls):  # -- the Field objects, as the body declared them --
        if f.default_factory is not dataclasses.MISSING or f.metadata:
            body[f.name] = dataclasses.field(default_factory=f.default_factory, metadata=f.metadata) if f.default_factory is not dataclasses.MISSING else dataclasses.field(default=f.default, metadata=f.metadata)
        elif f.default is not dataclasses.MISSING:
            body[f.name] = f.default
    made = type(cls.__name__, cls.__bases__, body)
    made.__qualname__ = cls.__qualname__
    return dataclasses.dataclass(**PARAMS[cls])(made)


def _record_classes() -> set[type]:
    return {value for module in list(sys.modules.values()) if getattr(module, "__name__", "").startswith("cchc_docgen")
            for value in vars(module).values() if isinstance(value, type) and vars(value).get("__init__") is records._init}


def test_every_record_class_is_compared_here() -> None:
    assert _record_classes() == set(PARAMS)


def _objects() -> list[Any]:
    """Objects of each record class from rendering and checking the shipped plans."""
    found: list[Any] = []
    for path in [*PLAN_SPECS, *EXAMPLES]:
        spec = cchc_docgen.load_spec(path)
        for mode in ("gop", "rieng"):
            result = cchc_docgen.render(spec, mode=mode)
            found += [result, *result.documents]
            for document in result.documents:
                found += [document.view, *document.view.skeleton]
        found += checks.issued_numbers(spec)
        found += [task.deadline for task in spec.tasks if task.deadline] + [d for d in (spec.plan.date, spec.decision and spec.decision.date) if d]
    found += checks.check_files([PLAN_SPECS[0], PLAN_SPECS[0].parent / "nowhere.yaml"]).problems
    found.append(checks.check_files(PLAN_SPECS))
    found.append(values.Period.parse("2021-2025"))
    template = rendering.default_template()
    found.append(rendering._prepared(template, template.read_bytes(), postprocess.prepare))  # -- the shipped template, compiled --
    found.append(rendering.render(view.build_views(cchc_docgen.load_spec(PLAN_SPECS[0]))[0], prepare=postprocess.prepare))  # -- a Docx --
    return found


def _arguments(value: Any) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}


def test_objects_of_the_plans_made_again_by_both_are_alike() -> None:
    objects = _objects()
    assert {type(o) for o in objects} >= set(PARAMS) - {api._Checked}  # -- made as its subclasses --
    twins: dict[type, type] = {}
    for value in objects:
        cls = type(value) if type(value) in PARAMS else api._Checked
        twin = twins.setdefault(cls, _twin(cls))
        arguments = _arguments(value)
        ours, theirs = cls(**arguments), twin(**arguments)
        assert list(vars(ours).items()) == list(vars(theirs).items())
        assert cls(*arguments.values()).__dict__ == ours.__dict__  # -- positionally too --
        assert repr(ours) == repr(theirs)
        assert ours == cls(**arguments) and (ours != cls(**arguments)) is False and ours != theirs and ours.__eq__(theirs) is NotImplemented
        if PARAMS[cls].get("frozen"):
            try:
                expected: Any = hash(theirs)
            except TypeError as exc:
                expected = str(exc)
            try:
                assert hash(ours) == expected
            except TypeError as exc:
                assert str(exc) == expected
        else:
            with pytest.raises(TypeError, match="unhashable"):
                hash(ours)
        assert pickle.loads(pickle.dumps(ours)) == ours if _picklable(ours) else True
        assert copy.copy(ours) == ours and dataclasses.replace(ours) == ours and dataclasses.asdict(ours) == dataclasses.asdict(theirs)
        assert cls.__match_args__ == twin.__match_args__ and cls.__doc__ == twin.__doc__


def _picklable(value: Any) -> bool:
    try:
        pickle.dumps(value)
    except (TypeError, pickle.PicklingError, AttributeError):
        return False
    return True


def test_order_is_the_dataclass_order() -> None:
    twin = _twin(values.VnDate)
    dates = [values.VnDate(2021, 5, 14), values.VnDate(2021, 5), values.VnDate(2021, 5, 2), values.VnDate(2020), values.VnDate(2022, 1, 1)]
    same = [twin(d.year, d.month, d.day) for d in dates if d.day is not None]
    ours = [d for d in dates if d.day is not None]
    assert [(d.year, d.month, d.day) for d in sorted(ours)] == [(d.year, d.month, d.day) for d in sorted(same)]
    for a in ours:
        for b in ours:
            ta, tb = twin(a.year, a.month, a.day), twin(b.year, b.month, b.day)
            assert (a < b, a <= b, a > b, a >= b) == (ta < tb, ta <= tb, ta > tb, ta >= tb)
    with pytest.raises(TypeError) as found:
        _ = dates[0] < values.Period(2021, 2021)  # type: ignore[operator]
    with pytest.raises(TypeError) as expected:
        _ = twin(2021, 5, 14) < values.Period(2021, 2021)  # type: ignore[operator]
    assert str(found.value).replace("VnDate", "X") == str(expected.value).replace("VnDate", "X")


def test_a_frozen_record_refuses_a_change_as_a_frozen_dataclass_does() -> None:
    problem = errors.Problem("thiếu khóa", line=3)
    twin = _twin(errors.Problem)("thiếu khóa", line=3)
    for change in (lambda p: setattr(p, "line", 4), lambda p: setattr(p, "other", 1), lambda p: delattr(p, "line")):
        with pytest.raises(dataclasses.FrozenInstanceError) as ours:
            change(problem)
        with pytest.raises(dataclasses.FrozenInstanceError) as theirs:
            change(twin)
        assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("cls", [errors.Problem, values.VnDate, checks.Report, view.SectionBreak, view.DocumentView], ids=lambda c: c.__name__)
def test_wrong_arguments_are_refused_in_the_generated_inits_words(cls: type) -> None:
    twin = _twin(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    cases: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {}), (("x",) * (len(names) + 1), {}), (("x",) * (len(names) + 2), {"khong_co": 1}), ((), {"khong_co": 1}),
        (("x",), {names[0]: "y"}), ((), {names[-1]: "y"}), (("x",) * (len(names) + 1), {names[0]: "y"}),
    ]
    for args, kwargs in cases:
        outcome = []
        for made in (cls, twin):
            try:
                made(*args, **kwargs)
                outcome.append("made")
            except TypeError as exc:
                outcome.append(str(exc))
        assert outcome[0] == outcome[1], (args, kwargs)
