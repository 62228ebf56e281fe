"""The JSON Schema (draft 2020-12) of the model, for drafters' editors.

It is generated from the same declarations the Converter reads (``schema.key``), and says
what the Converter accepts as an editor sees the file: the editor reads YAML 1.2, where
``yes`` and ``08`` are text or a number rather than a boolean or an octal, so each type
accepts every JSON form its YAML text can take once read that way. The few things a schema
cannot say (what only ``check`` judges) are listed in docs/schema.md, and
tests/test_schema_differential.py measures that nothing else differs.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from dataclasses import MISSING
from typing import Any, Literal, Union, get_args, get_origin

from .scalars import FALSE_WORDS, FORBIDDEN_CLASS, RESERVED_CLASS, TRUE_WORDS
from .schema import Scalar, _is_scalar_type, _keys, type_hints

SENTENCE = "CauKetThucBangDauHaiCham"  # what the Converter reads back as text
TEXT = "Chu"
# -- lookahead first: no character Word refuses, nor an emphasis mark, anywhere; [\s\S] is "any character" in both
# ECMA-262 (editors) and Python (jsonschema), where "." stops at a line break --
_CLEAN = rf"^(?![\s\S]*[{FORBIDDEN_CLASS}{RESERVED_CLASS}])"
TEXT_PATTERN = _CLEAN + r"[\s\S]*\S"  # at least one character that is not a blank
SENTENCE_KEY = _CLEAN + r"[\s\S]*\S\s+\S"  # a sentence: two words at least
KEY_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$(?!\n)"  # Python's "$" also matches before a final newline
INT_LIMIT = 999_999_999  # nine digits, as the Converter reads
FLOAT_LIMIT = 999_999_999_999.999999  # twelve digits and six decimals


def caseless(regex: str) -> str:
    """``regex`` (written in lower case) matching any case, without a flag: a JSON Schema
    pattern has none. Each letter becomes the class of every character that lower-cases to
    it, so the pattern accepts what ``text.lower()`` then ``regex`` accepts."""
    out = []
    escaped = False
    for char in regex:
        if escaped or char == "\\" or not char.isalpha():
            out.append(char)
            escaped = not escaped and char == "\\"
            continue
        out.append("[" + "".join(sorted(_upper_forms(char))) + "]")
    return "".join(out)


def _upper_forms(letter: str) -> frozenset[str]:
    return frozenset({letter, *_lowered().get(letter, ())})


@functools.cache
def _lowered() -> dict[str, list[str]]:
    """Every character of the Basic Multilingual Plane under what it lower-cases to: one
    walk of the plane for all letters, not one per letter."""
    forms: dict[str, list[str]] = {}
    for code in range(0x10000):
        char = chr(code)
        forms.setdefault(char.lower(), []).append(char)
    return forms


def json_schema(cls: type, title: str) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of ``cls``, for YAML editors."""
    defs: dict[str, Any] = {}
    root = _schema_of(cls, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **root, "$defs": defs}


def _schema_of(tp: Any, defs: dict[str, Any], blank: bool = False) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        schemas = [_schema_of(a, defs, blank) for a in options]
        # -- inside a union, nothing is no list: the Converter reads it as the text option, refused blank --
        schemas = [{"anyOf": [b for b in sc["anyOf"] if b != {"type": "null"}]} if get_origin(a) is list and "anyOf" in sc else sc for a, sc in zip(options, schemas, strict=True)]
        if type(None) in get_args(tp):
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is list:
        item = _schema_of(get_args(tp)[0], defs, blank)
        # -- a single value is accepted where a list of values is expected, and nothing is [] --
        if _is_scalar_type(get_args(tp)[0]):
            return {"anyOf": [{"type": "array", "items": item}, item, {"type": "null"}]}
        return {"type": "array", "items": item}
    if origin is dict:
        return {"type": "object", "propertyNames": {"pattern": KEY_PATTERN}, "additionalProperties": _schema_of(get_args(tp)[1], defs, blank)}
    if isinstance(tp, type) and issubclass(tp, Scalar):
        text: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": tp.pattern or TEXT_PATTERN}
        forms: list[dict[str, Any]] = [text]
        if tp.years:
            forms.append({"type": "integer", "minimum": tp.years[0], "maximum": tp.years[1]})
        return {"anyOf": forms, "description": tp.description}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _object(tp, defs)
    if tp is str:
        return _text(defs, blank)
    if tp is int:
        return {"anyOf": [{"type": "integer", "minimum": 1, "maximum": INT_LIMIT}, {"type": "string", "pattern": r"^\s*0*[1-9][0-9]{0,8}\s*$"}]}
    if tp is float:
        return {"anyOf": [
            {"type": "number", "minimum": -FLOAT_LIMIT, "maximum": FLOAT_LIMIT},  # also refuses .inf and .nan
            {"type": "string", "pattern": r"^\s*-?[0-9]{1,12}([.,][0-9]{1,6})?\s*$"},
        ]}  # fmt: skip
    if tp is bool:
        words = "|".join(caseless(word) for word in (*TRUE_WORDS, *FALSE_WORDS))
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": rf"^\s*(?:{words})\s*$"}]}
    raise TypeError(f"unsupported model type {tp!r}")


def _object(tp: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = tp.__name__
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        hints = type_hints(tp)
        props = {}
        required = []
        for yaml_key, spec_field in _keys(tp).items():
            schema = dict(_schema_of(hints[spec_field.name], defs, spec_field.metadata["blank"]))
            schema["description"] = spec_field.metadata["doc"]
            props[yaml_key] = schema
            if spec_field.default is MISSING and spec_field.default_factory is MISSING:
                required.append(yaml_key)
        definition: dict[str, Any] = {"type": "object", "description": (tp.__doc__ or "").strip(), "properties": props, "additionalProperties": False}
        if required:
            definition["required"] = required
        elif not tp.EMPTY_MEANS_DEFAULTS:  # type: ignore[attr-defined]
            definition["minProperties"] = 1
        defs[name] = definition
    return {"$ref": f"#/$defs/{name}"}


def _text(defs: dict[str, Any], blank: bool) -> dict[str, Any]:
    """Text as an editor may read it: a string, or a number or true/false (YAML 1.2 reads
    ``2026`` and ``true`` so; the program keeps the text), or a sentence ending in ':'."""
    if SENTENCE not in defs:
        defs[SENTENCE] = {
            "description": "Một câu kết thúc bằng dấu ':' viết không có nháy: YAML đọc thành một khóa không giá trị, cchc_docgen đọc lại thành câu.",
            "type": "object", "minProperties": 1, "maxProperties": 1,
            "patternProperties": {SENTENCE_KEY: {"type": "null"}}, "additionalProperties": False,
        }  # fmt: skip
    if blank:
        return {"anyOf": [{"type": "string", "pattern": _CLEAN}, {"type": ["number", "boolean", "null"]}, {"$ref": f"#/$defs/{SENTENCE}"}]}
    if TEXT not in defs:
        defs[TEXT] = {
            "description": "Một đoạn chữ, không để trống.",
            "anyOf": [{"type": "string", "minLength": 1, "pattern": TEXT_PATTERN}, {"type": ["number", "boolean"]}, {"$ref": f"#/$defs/{SENTENCE}"}],
        }
    return {"$ref": f"#/$defs/{TEXT}"}
