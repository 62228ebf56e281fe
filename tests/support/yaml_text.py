"""A specification as a tree of text, changed and written back the way a drafter types.

Every scalar stays its text (``08``, ``yes``, ``2021-01-14`` are what was typed); a ``Raw``
value is written unquoted exactly as given, so a test can put ``yes`` or ``0x1F`` where a
drafter would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Text(_FAST_LOADER):  # type: ignore[misc,valid-type]
    """Every scalar stays its text; only an empty value is null (how the mutations see a spec)."""


Text.yaml_implicit_resolvers = {}
Text.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


@dataclass(frozen=True)
class Raw:
    """A scalar written exactly so, unquoted, as a drafter types it (``yes``, ``08``, ``~``)."""

    text: str


class Dumper(_FAST_DUMPER):  # type: ignore[misc,valid-type]
    """Writes text plain wherever YAML allows (no YAML 1.1 guessing), null as nothing."""


Dumper.yaml_implicit_resolvers = {}
Dumper.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])
Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))
Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style='"' if any(c in text for c in "\x85\u2028\u2029") or not text.isprintable() else None))


def dump(tree: Any) -> str:
    raws: dict[str, str] = {}

    def swap(node: Any) -> Any:
        if isinstance(node, Raw):
            token = f"RAW{len(raws):04d}TOKEN"
            raws[token] = node.text
            return token
        if isinstance(node, dict):
            return {swap(k): swap(v) for k, v in node.items()}
        if isinstance(node, list):
            return [swap(v) for v in node]
        return node

    text = yaml.dump(swap(tree), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**9)
    for token, raw in raws.items():
        text = text.replace(token, raw)
    return text


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += places(value, (*path, index))
    return found


def at(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        root = root[step]
    return root


