"""YAML read as a drafter's editor reads it: the YAML 1.2 core schema.

The VS Code YAML extension (yaml-language-server, through the ``yaml`` library) reads YAML
1.2, where only ``true``/``false`` in three casings are booleans (``yes``, ``on``, ``Có`` are
text), ``08`` and ``0x1F`` are integers, ``1e2`` and ``.inf`` floats, ``2021-01-14`` text, and
``<<`` an ordinary key. PyYAML reads YAML 1.1; this loader swaps its resolvers for the core
schema's, so the JSON Schema is judged on the data an editor would judge.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

CORE_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
CORE_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


class Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML with the YAML 1.2 core schema's implicit types; mapping keys stay their text."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("int", CORE_INT, "-+0123456789"),
    ("float", CORE_FLOAT, "-+0123456789."),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", _pattern, list(_first))


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text[:2] in ("0x", "0o"):
        return int(text, 0)
    return int(text, 10)  # -- "08" is 8 in YAML 1.2, not an octal error --


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    # -- JSON keys are text: an editor keys `12:` as "12"; no merge ('<<' is a key like any other) --
    return {key.value: loader.construct_object(value, deep=True) for key, value in node.value}


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _mapping)


class _PurePython(yaml.SafeLoader):
    """The same on PyYAML's own parser, which takes surrogate escapes ("\\ud83d\\ude00") that
    libyaml refuses; editors take them too."""


_PurePython.yaml_implicit_resolvers = Yaml12Loader.yaml_implicit_resolvers
_PurePython.add_constructor("tag:yaml.org,2002:int", _int)
_PurePython.add_constructor("tag:yaml.org,2002:map", _mapping)


def read(text: str) -> Any:
    """``text`` as JSON-like data, read the YAML 1.2 way; a surrogate pair written as two
    escapes is one character, as in JavaScript, where editors run."""
    try:
        data = yaml.load(text, Loader=Yaml12Loader)
    except yaml.YAMLError:
        data = yaml.load(text, Loader=_PurePython)
    return _pairs(data)


def _pairs(node: Any) -> Any:
    if isinstance(node, str):
        return node.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass") if any("\ud800" <= c <= "\udfff" for c in node) else node
    if isinstance(node, dict):
        return {_pairs(k): _pairs(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_pairs(v) for v in node]
    return node
