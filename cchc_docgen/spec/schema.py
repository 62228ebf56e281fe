"""A small typed-model engine: dataclasses whose fields carry their YAML key.

Why not pydantic: the drafter must see, for every problem at once, the file, line and
column of the exact YAML node, in Vietnamese, with a "did you mean" for mistyped keys.
Walking the composed YAML nodes ourselves gives the locations for free, and the same
field declarations give the JSON Schema (``schema_json``), so the model is written once.

What every field gets without asking, so a field added later cannot forget it:
- text is never blank: an empty or whitespace-only value, a bare ``-`` in a list and an
  empty ``{}`` are refused at their place (a field declared ``key(..., blank=True)`` may
  be empty; a class whose ``{}`` means "all defaults" sets ``EMPTY_MEANS_DEFAULTS``);
- text never holds a character Word refuses or a C1 control;
- a value echoed in a message is cut to a readable length (``shown``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import reprlib
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field
from typing import Any, ClassVar, Literal, NamedTuple, TypeVar, Union, get_args, get_origin

import yaml

from ..errors import Problem
from .construct import FACTORY, init_plan, refuse
from .scalars import SHOWN_LENGTH, ScalarReader, _kind, _sentence_with_colon, _shape_hint, shown


def key(name: str, doc: str, default: Any = MISSING, *, factory: Callable[[], Any] | None = None, blank: bool = False) -> Any:
    """Declare a model field read from YAML key ``name``; ``doc`` is shown to drafters.

    ``blank=True`` lets the field's text be empty; every other text field refuses a blank."""
    metadata = {"key": name, "doc": doc, "blank": blank}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


class Loc(NamedTuple):
    """Where a value was written; a tuple because a plan of thousands of tasks makes tens
    of thousands of them (a frozen dataclass cost a tenth of the validation)."""

    path: str
    line: int
    column: int


@dataclass(init=False, repr=False, eq=False)
class Node:
    """Base of every model object: remembers where each of its fields was written.

    Its ``__init__``, ``__repr__`` and ``__eq__`` are the ones ``@dataclass`` would write for
    each model class (the fields as keyword arguments, their defaults and factories, then
    ``__post_init__``; the class's name and every shown field; the compared fields as one
    tuple, for the same class only), written once here: the model classes are declared with
    ``init=False, repr=False, eq=False``, so importing the model compiles no method per class
    (a fifth of a command's start-up went on making the model's classes; ``construct``).
    ``dataclasses.fields`` reads their fields as before, for the loader and the schema."""

    _locs: dict[str, Loc] = field(default_factory=dict, init=False, repr=False, compare=False)
    _loc: Loc = field(default=Loc("", 0, 0), init=False, repr=False, compare=False)
    # -- True where ``{}`` means "every default" (an appendix of every task); elsewhere an
    # empty mapping is a blank, refused like an empty text --
    EMPTY_MEANS_DEFAULTS: ClassVar[bool] = False

    def __init__(self, *positional: Any, **values: Any) -> None:
        plan = init_plan(type(self))
        if positional or not plan.required <= values.keys() <= plan.names:
            refuse(type(self), plan, len(positional), values)
        merged = {**plan.template, **values}  # -- every attribute in field order, as the generated __init__ sets them --
        for name, factory in plan.factories:
            if merged[name] is FACTORY:
                merged[name] = factory()
        self.__dict__.update(merged)
        if plan.post_init:
            self.__post_init__()  # type: ignore[attr-defined]

    def loc(self, name: str = "") -> Loc:
        """Location of a field (or of an item: ``"phoi_hop[1]"``), falling back to the object."""
        return self._locs.get(name, self._loc)

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _field_names(type(self), "repr"))
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            names = _field_names(type(self), "compare")
            return tuple(getattr(self, name) for name in names) == tuple(getattr(other, name) for name in names)
        return NotImplemented


@functools.cache
def _field_names(cls: type, flag: str) -> tuple[str, ...]:
    """The fields of ``cls`` that its ``__repr__`` shows (``flag`` "repr") or ``__eq__`` compares ("compare")."""
    return tuple(f.name for f in dataclasses.fields(cls) if getattr(f, flag))


class Scalar:
    """A value type parsed from one YAML scalar (dates, deadlines, periods…)."""

    description: ClassVar[str] = ""
    pattern: ClassVar[str | None] = None  # for the JSON Schema: every text ``parse`` can read
    years: ClassVar[tuple[int, int] | None] = None  # a bare integer (a year) ``parse`` reads, for the JSON Schema

    @classmethod
    def parse(cls, text: str) -> Any:  # pragma: no cover - interface
        """Return the value, or raise ValueError(message, hint)."""
        raise ValueError(text, "")


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    """Resolved field types of a model class; resolving them costs more than converting a node."""
    return typing.get_type_hints(cls)


@functools.cache
def _keys(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {f.metadata["key"]: f for f in dataclasses.fields(cls) if "key" in f.metadata}


_TEXT, _OBJECT, _UNION, _LITERAL, _LIST, _DICT, _SCALAR, _INT, _FLOAT, _BOOL, _OTHER = range(11)
T = TypeVar("T")


def _per_type(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """``functools.cache`` keyed by the type's identity. Hashing a typing alias such as
    ``list[Nhiem_vu] | None`` walks its arguments in Python on every call (a tenth of
    validating a seed plan); the model's types live as long as the process (``type_hints``
    is cached), and the type is kept with its answer, so an identity is never reused."""
    answers: dict[int, tuple[Any, T]] = {}

    @functools.wraps(function)
    def cached(tp: Any) -> T:
        found = answers.get(id(tp))
        if found is None or found[0] is not tp:
            found = answers[id(tp)] = (tp, function(tp))
        return found[1]

    return cached


@_per_type
def _kind_of(tp: Any) -> int:
    """Which converter a model type takes; asked once per node, answered once per type."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return _UNION
    if origin is Literal:
        return _LITERAL
    if origin is list:
        return _LIST
    if origin is dict:
        return _DICT
    if isinstance(tp, type) and issubclass(tp, Scalar):
        return _SCALAR
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _OBJECT
    return {str: _TEXT, int: _INT, float: _FLOAT, bool: _BOOL}.get(tp, _OTHER)


class Converter(ScalarReader):
    """Turns YAML nodes into model objects, collecting problems instead of stopping."""

    def __init__(self, file: str):
        super().__init__(file)
        # -- problems a value type found in text of the right form (31/02/2026, year 1900):
        # what only the program can judge, listed apart for the schema's differential test --
        self.value_problems: list[Problem] = []

    def convert(self, node: yaml.Node, tp: Any, path: str, blank: bool = False) -> Any:
        """Value of ``node`` as type ``tp``; on a problem, record it and return None.
        ``blank``: the field's declaration lets its text be empty."""
        kind = _kind_of(tp)
        if kind is _TEXT:
            return self._text(node, path, "một đoạn chữ", blank)
        if kind is _OBJECT:
            return self._object(node, tp, path)
        if kind is _UNION:
            return self._union(node, tp, path, blank)
        if kind is _LITERAL:
            return self._literal(node, get_args(tp), path)
        if kind is _LIST:
            return self._list(node, get_args(tp)[0], path, blank)
        if kind is _DICT:
            return self._dict(node, get_args(tp)[1], path, blank)
        if kind is _SCALAR:
            text = self._text(node, path, f"một giá trị viết trên một dòng ({tp.description.rstrip('.')})")
            if text is None:
                return None
            try:
                return tp.parse(text)
            except ValueError as exc:
                message, hint = (*exc.args, "", "")[:2]
                self.problem(node, path, message, hint)
                if tp.pattern and re.search(tp.pattern, text):
                    self.value_problems.append(self.problems[-1])
                return None
        if kind is _INT:
            return self._int(node, path)
        if kind is _FLOAT:
            return self._float(node, path)
        if kind is _BOOL:
            return self._bool(node, path)
        raise TypeError(f"unsupported model type {tp!r}")  # a bug in the model, not the spec

    # -- containers --
    def _list(self, node: yaml.Node, item: Any, path: str, blank: bool = False) -> list[Any] | None:
        if _is_scalar_type(item):
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.style:
                return []
            # -- one value where a list is expected is a list of one; a sentence ending in ':' is one value --
            if isinstance(node, yaml.ScalarNode) or (item is str and _sentence_with_colon(node) is not None):
                return [v for v in [self.convert(node, item, f"{path}[0]", blank)] if v is not None] or None
        if not isinstance(node, yaml.SequenceNode):
            if _is_scalar_type(item) and self._colon_inside(node, path):
                return None
            self.problem(node, path, f"cần một danh sách (các dòng bắt đầu bằng '- '), nhưng ở đây là {_kind(node)}.", _shape_hint(node))
            return None
        result = []
        ok = True
        for index, child in enumerate(node.value):
            value = self.convert(child, item, f"{path}[{index}]", blank)
            if value is None:
                ok = False  # -- a list missing an item must not pass for a whole one (a section gone is not "no content") --
            else:
                result.append(value)
        return result if ok else None

    def _dict(self, node: yaml.Node, item: Any, path: str, blank: bool = False) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"cần một bảng 'mã: nội dung', nhưng ở đây là {_kind(node)}.", _shape_hint(node))
            return None
        result: dict[str, Any] = {}
        ok = True
        for key_node, value_node in node.value:
            name = self._text(key_node, path, "một mã")
            if name is None:
                ok = False
                continue
            child_path = f"{path}.{name}" if path else name
            if name == "<<":
                self._merge_key(key_node, child_path)
                ok = False
                continue
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                self.problem(key_node, child_path, f"mã {shown(name)} chỉ được gồm chữ không dấu, số và dấu gạch dưới.", "Ví dụ: phong_noi_vu")
                ok = False
                continue
            if name in result:
                self.problem(key_node, child_path, f"mã {shown(name)} được khai báo hai lần.", "Mỗi mã chỉ khai báo một lần; đổi tên hoặc gộp hai mục.")
                ok = False
                continue
            value = self.convert(value_node, item, child_path, blank)
            if value is None:
                ok = False
                continue
            result[name] = value
            if isinstance(value, Node):
                value._loc = Loc(child_path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        # -- a code whose entry was refused is still declared: dropping it would make every use of it
        # look undefined, burying the one real problem under false ones --
        return result if ok else None

    def _merge_key(self, key_node: yaml.Node, path: str) -> None:
        self.problem(key_node, path, "khóa gộp '<<' của YAML không được dùng trong đặc tả.",
                     "Viết đầy đủ các khóa ở đây; trình soạn thảo và chương trình có thể hiểu '<<' khác nhau.")

    def _union(self, node: yaml.Node, tp: Any, path: str, blank: bool = False) -> Any:
        options, optional = _union_options(tp)
        if optional and isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.style:
            return None
        if len(options) == 1:
            return self.convert(node, options[0], path, blank)
        # -- a union is "short form (text) or long form (mapping)": pick by the node's shape --
        if str in options and isinstance(node, yaml.MappingNode):
            keys = {k for o in options if dataclasses.is_dataclass(o) for k in _keys(o)}
            colon = _sentence_with_colon(node)
            if colon is not None and colon[:-1] not in keys:
                return self._text(node, path, "một đoạn chữ")
            if self._colon_inside(node, path, keys):
                return None
        for option in options:
            if isinstance(node, yaml.MappingNode) and dataclasses.is_dataclass(option):
                return self.convert(node, option, path)
            if isinstance(node, yaml.SequenceNode) and get_origin(option) is list:
                return self.convert(node, option, path, blank)
            if isinstance(node, yaml.ScalarNode) and _is_scalar_type(option):
                return self.convert(node, option, path, blank)
        self.problem(node, path, f"không đúng dạng: ở đây là {_kind(node)}.", _shape_hint(node))
        return None

    def _object(self, node: yaml.Node, cls: type, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"cần một nhóm khóa (các dòng 'khóa: giá trị' thụt vào), nhưng ở đây là {_kind(node)}.", _shape_hint(node))
            return None
        if not node.value and not cls.EMPTY_MEANS_DEFAULTS:
            self.problem(node, path, "nhóm khóa trống '{}'.", "Viết các khóa của mục này, hoặc xóa cả dòng nếu không cần.")
            return None
        fields = _keys(cls)
        hints = type_hints(cls)
        values: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        seen: set[str] = set()
        misspelled: set[str] = set()  # keys an unknown key probably meant: not reported missing twice
        ok = True
        for key_node, value_node in node.value:
            name = self._text(key_node, path, "tên khóa")
            if name is None:
                ok = False
                continue
            child_path = f"{path}.{name}" if path else name
            if name == "<<":
                self._merge_key(key_node, child_path)
                ok = False
                continue
            if name not in fields:
                import difflib  # -- only a misspelt key needs it --

                close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6) if len(name) <= SHOWN_LENGTH else []
                misspelled.update(close)
                hint = f"Có phải ý bạn là '{close[0]}'?" if close else "Các khóa dùng được ở đây: " + ", ".join(fields) + "."
                self.problem(key_node, child_path, f"khóa {shown(name)} không có trong mẫu đặc tả.", hint)
                ok = False
                continue
            if name in seen:
                self.problem(key_node, child_path, f"khóa {shown(name)} xuất hiện hai lần.", "Xóa một trong hai dòng; YAML chỉ giữ dòng sau cùng.")
                ok = False
                continue
            seen.add(name)
            spec_field = fields[name]
            before = len(self.problems)
            value = self.convert(value_node, hints[spec_field.name], child_path, spec_field.metadata["blank"])
            mark = value_node.start_mark
            locs[spec_field.name] = Loc(child_path, mark.line + 1, mark.column + 1)
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    locs[f"{spec_field.name}[{index}]"] = Loc(f"{child_path}[{index}]", item.start_mark.line + 1, item.start_mark.column + 1)
            if len(self.problems) > before:
                ok = False
                continue
            if value is not None:
                values[spec_field.name] = value
        for name, spec_field in fields.items():
            required = spec_field.default is MISSING and spec_field.default_factory is MISSING
            if required and spec_field.name not in values and name not in seen and name not in misspelled:
                self.problem(node, f"{path}.{name}" if path else name, f"thiếu khóa bắt buộc {name!r}.", spec_field.metadata["doc"])
                ok = False
        if not ok:
            return None
        obj = cls(**values)
        obj._locs = locs
        obj._loc = Loc(path, node.start_mark.line + 1, node.start_mark.column + 1)
        return obj


def _allows_none(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType) and type(None) in get_args(tp)


@_per_type
def _union_options(tp: Any) -> tuple[tuple[Any, ...], bool]:
    """The members of a union other than None, and whether None is one: asked per node."""
    args = get_args(tp)
    return tuple(a for a in args if a is not type(None)), type(None) in args


@_per_type
def _is_scalar_type(tp: Any) -> bool:
    if get_origin(tp) is Literal:
        return True
    return tp in (str, int, float, bool) or (isinstance(tp, type) and issubclass(tp, Scalar))
