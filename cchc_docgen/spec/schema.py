"""A small typed-model engine: dataclasses whose fields carry their YAML key.

Why not pydantic: the drafter must see, for every problem at once, the file, line and
column of the exact YAML node, in Vietnamese, with a "did you mean" for mistyped keys.
Walking the composed YAML nodes ourselves gives the locations for free, and the same
field declarations give the JSON Schema (``json_schema``), so the model is written once.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field
from typing import Any, ClassVar, Literal, NamedTuple, TypeVar, Union, get_args, get_origin

import yaml

from ..errors import Problem

# Characters XML 1.0 forbids: Word would refuse the file. Tab and line feed are allowed.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_TRUE = {"true", "co", "có", "yes", "on"}
_FALSE = {"false", "khong", "không", "no", "off"}


def key(name: str, doc: str, default: Any = MISSING, *, factory: Callable[[], Any] | None = None) -> Any:
    """Declare a model field read from YAML key ``name``; ``doc`` is shown to drafters."""
    metadata = {"key": name, "doc": doc}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


class Loc(NamedTuple):
    """Where a value was written; a tuple because a plan of thousands of tasks makes tens
    of thousands of them (a frozen dataclass cost a tenth of the validation)."""

    path: str
    line: int
    column: int


@dataclass
class Node:
    """Base of every model object: remembers where each of its fields was written."""

    _locs: dict[str, Loc] = field(default_factory=dict, init=False, repr=False, compare=False)
    _loc: Loc = field(default=Loc("", 0, 0), init=False, repr=False, compare=False)

    def loc(self, name: str = "") -> Loc:
        """Location of a field (or of an item: ``"phoi_hop[1]"``), falling back to the object."""
        return self._locs.get(name, self._loc)


class Scalar:
    """A value type parsed from one YAML scalar (dates, deadlines, periods…)."""

    description: ClassVar[str] = ""
    pattern: ClassVar[str | None] = None  # for the JSON Schema

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


class Converter:
    """Turns YAML nodes into model objects, collecting problems instead of stopping."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, path: str, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(Problem(message, path=path, line=mark.line + 1, column=mark.column + 1, hint=hint, file=self.file))

    def convert(self, node: yaml.Node, tp: Any, path: str) -> Any:
        """Value of ``node`` as type ``tp``; on a problem, record it and return None."""
        kind = _kind_of(tp)
        if kind is _TEXT:
            return self._text(node, path, "một đoạn chữ")
        if kind is _OBJECT:
            return self._object(node, tp, path)
        if kind is _UNION:
            return self._union(node, tp, path)
        if kind is _LITERAL:
            return self._literal(node, get_args(tp), path)
        if kind is _LIST:
            return self._list(node, get_args(tp)[0], path)
        if kind is _DICT:
            return self._dict(node, get_args(tp)[1], path)
        if kind is _SCALAR:
            text = self._text(node, path, f"một giá trị viết trên một dòng ({tp.description.rstrip('.')})")
            if text is None:
                return None
            try:
                return tp.parse(text)
            except ValueError as exc:
                message, hint = (*exc.args, "", "")[:2]
                self.problem(node, path, message, hint)
                return None
        if kind is _INT:
            return self._int(node, path)
        if kind is _FLOAT:
            return self._float(node, path)
        if kind is _BOOL:
            return self._bool(node, path)
        raise TypeError(f"unsupported model type {tp!r}")  # a bug in the model, not the spec

    # -- scalars --
    def _text(self, node: yaml.Node, path: str, expected: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            colon = _sentence_with_colon(node)
            if colon is not None:
                return colon
            self.problem(node, path, f"cần {expected}, nhưng ở đây là {_kind(node)}.", _shape_hint(node))
            return None
        # -- an escaped "\r" would reach Word as a bare carriage return; it means a line break --
        text = unicodedata.normalize("NFC", node.value).replace("\r\n", "\n").replace("\r", "\n")
        bad = _FORBIDDEN.search(text)
        if bad:
            self.problem(
                node, path, f"nội dung có ký tự điều khiển U+{ord(bad.group()):04X} mà Word không chấp nhận.",
                "Ký tự này thường lẫn vào khi sao chép từ Word hoặc PDF; hãy gõ lại đoạn đó.",
            )
            return None
        return text.strip() if not node.style else text  # plain scalars: style None (PyYAML) or "" (libyaml)

    def _int(self, node: yaml.Node, path: str) -> int | None:
        text = self._text(node, path, "một số nguyên")
        if text is None:
            return None
        if not re.fullmatch(r"\d{1,9}", text.strip()):
            self.problem(node, path, f"cần một số nguyên dương, nhưng gặp {text!r}.", "Ví dụ: so: 53")
            return None
        return int(text)

    def _float(self, node: yaml.Node, path: str) -> float | None:
        text = self._text(node, path, "một số")
        if text is None:
            return None
        cleaned = text.strip().replace(",", ".")
        if not re.fullmatch(r"-?\d{1,12}(\.\d{1,6})?", cleaned):
            self.problem(node, path, f"cần một số, nhưng gặp {text!r}.", "Ví dụ: gia_tri: 85 hoặc gia_tri: 88,21")
            return None
        return float(cleaned)

    def _bool(self, node: yaml.Node, path: str) -> bool | None:
        text = self._text(node, path, "'co' hoặc 'khong'")
        if text is None:
            return None
        lowered = text.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        self.problem(node, path, f"cần 'co' hoặc 'khong', nhưng gặp {text!r}.", "Viết: co (có) hoặc khong (không).")
        return None

    def _literal(self, node: yaml.Node, choices: tuple[str, ...], path: str) -> str | None:
        text = self._text(node, path, "một giá trị trong danh sách")
        if text is None:
            return None
        if text in choices:
            return text
        close = difflib.get_close_matches(text, choices, n=1)
        hint = f"Có phải ý bạn là '{close[0]}'? " if close else ""
        self.problem(node, path, f"giá trị {text!r} không hợp lệ.", hint + "Chọn một trong: " + ", ".join(choices) + ".")
        return None

    # -- containers --
    def _list(self, node: yaml.Node, item: Any, path: str) -> list[Any] | None:
        if isinstance(node, yaml.ScalarNode) and _is_scalar_type(item):
            if node.tag.endswith(":null") and node.value in ("", "~", "null"):
                return []
            return [v for v in [self.convert(node, item, f"{path}[0]")] if v is not None]
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, f"cần một danh sách (các dòng bắt đầu bằng '- '), nhưng ở đây là {_kind(node)}.", _shape_hint(node))
            return None
        result = []
        for index, child in enumerate(node.value):
            value = self.convert(child, item, f"{path}[{index}]")
            if value is not None:
                result.append(value)
        return result

    def _dict(self, node: yaml.Node, item: Any, path: str) -> dict[str, Any] | None:
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
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                self.problem(key_node, child_path, f"mã {name!r} chỉ được gồm chữ không dấu, số và dấu gạch dưới.", "Ví dụ: phong_noi_vu")
                ok = False
                continue
            if name in result:
                self.problem(key_node, child_path, f"mã {name!r} được khai báo hai lần.", "Mỗi mã chỉ khai báo một lần; đổi tên hoặc gộp hai mục.")
                ok = False
                continue
            value = self.convert(value_node, item, child_path)
            if value is None:
                ok = False
                continue
            result[name] = value
            if isinstance(value, Node):
                value._loc = Loc(child_path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        # -- a code whose entry was refused is still declared: dropping it would make every use of it
        # look undefined, burying the one real problem under false ones --
        return result if ok else None

    def _union(self, node: yaml.Node, tp: Any, path: str) -> Any:
        options, optional = _union_options(tp)
        if optional and isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return None
        if len(options) == 1:
            return self.convert(node, options[0], path)
        # -- a union is "short form (text) or long form (mapping)": pick by the node's shape --
        colon = _sentence_with_colon(node)
        if colon is not None and str in options:
            keys = {k for o in options if dataclasses.is_dataclass(o) for k in _keys(o)}
            if colon[:-1] not in keys:
                return self._text(node, path, "một đoạn chữ")
        for option in options:
            if isinstance(node, yaml.MappingNode) and dataclasses.is_dataclass(option):
                return self.convert(node, option, path)
            if isinstance(node, yaml.SequenceNode) and get_origin(option) is list:
                return self.convert(node, option, path)
            if isinstance(node, yaml.ScalarNode) and _is_scalar_type(option):
                return self.convert(node, option, path)
        self.problem(node, path, f"không đúng dạng: ở đây là {_kind(node)}.", _shape_hint(node))
        return None

    def _object(self, node: yaml.Node, cls: type, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"cần một nhóm khóa (các dòng 'khóa: giá trị' thụt vào), nhưng ở đây là {_kind(node)}.", _shape_hint(node))
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
            if name not in fields:
                close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
                misspelled.update(close)
                hint = f"Có phải ý bạn là '{close[0]}'?" if close else "Các khóa dùng được ở đây: " + ", ".join(fields) + "."
                self.problem(key_node, child_path, f"khóa {name!r} không có trong mẫu đặc tả.", hint)
                ok = False
                continue
            if name in seen:
                self.problem(key_node, child_path, f"khóa {name!r} xuất hiện hai lần.", "Xóa một trong hai dòng; YAML chỉ giữ dòng sau cùng.")
                ok = False
                continue
            seen.add(name)
            spec_field = fields[name]
            value = self.convert(value_node, hints[spec_field.name], child_path)
            mark = value_node.start_mark
            locs[spec_field.name] = Loc(child_path, mark.line + 1, mark.column + 1)
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    locs[f"{spec_field.name}[{index}]"] = Loc(f"{child_path}[{index}]", item.start_mark.line + 1, item.start_mark.column + 1)
            if value is None and not (isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null")):
                ok = False
                continue
            if value is None and not _allows_none(hints[spec_field.name]):
                if spec_field.default is MISSING and spec_field.default_factory is MISSING:
                    self.problem(value_node, child_path, f"khóa {name!r} bắt buộc phải có giá trị.", spec_field.metadata["doc"])
                    ok = False
                continue
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


def _sentence_with_colon(node: yaml.Node) -> str | None:
    """'- UBND huyện xây dựng kế hoạch như sau:' is YAML for a one-key mapping with no
    value. Drafters write such sentences all the time, so we read them back as text."""
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return None
    key_node, value_node = node.value[0]
    if not isinstance(key_node, yaml.ScalarNode) or key_node.style:
        return None
    if not (isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null") and value_node.value == ""):
        return None
    if " " not in key_node.value.strip():
        return None  # a single word is a mistyped key, not a sentence
    return unicodedata.normalize("NFC", key_node.value.strip()) + ":"


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


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "một nhóm khóa"
    if isinstance(node, yaml.SequenceNode):
        return "một danh sách"
    if node.tag.endswith(":null"):
        return "giá trị trống"
    return f"giá trị {node.value!r}"


def _shape_hint(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "Bỏ dấu '- ' ở đầu dòng nếu chỉ có một giá trị, hoặc kiểm tra thụt lề."
    if isinstance(node, yaml.MappingNode):
        return "Nếu nội dung có dấu ':', hãy đặt cả câu trong dấu nháy kép."
    return "Kiểm tra thụt lề: các khóa con phải thụt vào sâu hơn khóa cha."


# -- JSON Schema, from the same declarations --
_SENTENCE = "CauKetThucBangDauHaiCham"  # what _sentence_with_colon reads back as text


def json_schema(cls: type, title: str) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the specification, for YAML editors."""
    defs: dict[str, Any] = {}
    root = _schema_of(cls, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **root, "$defs": defs}


def _schema_of(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        schemas = [_schema_of(a, defs) for a in options]
        if type(None) in get_args(tp):
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is list:
        item = _schema_of(get_args(tp)[0], defs)
        # a single scalar is accepted where a list of scalars is expected, and an empty value is []
        if _is_scalar_type(get_args(tp)[0]):
            return {"anyOf": [{"type": "array", "items": item}, item, {"type": "null"}]}
        return {"type": "array", "items": item}
    if origin is dict:
        return {"type": "object", "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"}, "additionalProperties": _schema_of(get_args(tp)[1], defs)}
    # -- value types (dates, deadlines) are dataclasses too, but are written as one scalar --
    if isinstance(tp, type) and issubclass(tp, Scalar):
        schema: dict[str, Any] = {"type": ["string", "integer"], "description": tp.description}
        if tp.pattern:
            schema = {"anyOf": [{"type": "string", "pattern": tp.pattern}, {"type": "integer"}], "description": tp.description}
        return schema
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = type_hints(tp)
            props = {}
            required = []
            for yaml_key, spec_field in _keys(tp).items():
                schema = dict(_schema_of(hints[spec_field.name], defs))
                schema["description"] = spec_field.metadata["doc"]
                props[yaml_key] = schema
                if spec_field.default is MISSING and spec_field.default_factory is MISSING:
                    required.append(yaml_key)
            defs[name] = {"type": "object", "description": (tp.__doc__ or "").strip(), "properties": props, "additionalProperties": False}
            if required:
                defs[name]["required"] = required
        return {"$ref": f"#/$defs/{name}"}
    if tp is str:
        if _SENTENCE not in defs:
            defs[_SENTENCE] = {
                "description": "Một câu kết thúc bằng dấu ':' viết không có nháy: YAML đọc thành một khóa không giá trị, cchc_docgen đọc lại thành câu.",
                "type": "object", "minProperties": 1, "maxProperties": 1,
                "patternProperties": {r"\s": {"type": "null"}}, "additionalProperties": False,
            }  # fmt: skip
        return {"anyOf": [{"type": ["string", "number"]}, {"$ref": f"#/$defs/{_SENTENCE}"}]}
    if tp is int:
        return {"type": "integer", "minimum": 0}
    if tp is float:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?\d+(,\d+)?$"}]}
    if tp is bool:
        return {"anyOf": [{"type": "boolean"}, {"enum": ["co", "khong", "có", "không"]}]}
    raise TypeError(f"unsupported model type {tp!r}")
