"""The form's plan saved back into the file it was opened from, the drafter's comments kept.

The form holds data, not the file's text; dumping the data anew would drop every comment and
reflow every line. When the plan still has the shape of the file it came from (the same keys
and list lengths), each changed value is written over the old value's own characters, at
PyYAML's node offsets, and the rest of the file stays byte for byte. A changed shape (an item
added, a key removed) is written anew, and the caller is told comments could not be kept.
ruamel.yaml's round trip was not used: it is not a dependency, and h-roll measured it
rewriting hundreds of lines of a real plan.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from .checks import from_yaml, to_yaml

__all__ = ["save_text"]


class _Reshaped(Exception):
    """The plan no longer has the file's shape."""


def save_text(data: Any, original: str | None) -> tuple[str, bool]:
    """The YAML to save, and whether the original's comments and layout were kept."""
    if not original:
        return to_yaml(data), False
    try:
        node = yaml.compose(original)
        if node is None or from_yaml(original) is None:
            raise _Reshaped
        edits: list[tuple[int, int, str]] = []
        _diff(node, from_yaml(original), data, edits)
    except (_Reshaped, yaml.YAMLError):
        return to_yaml(data), False
    text = original
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    try:
        same = _canon(from_yaml(text)) == _canon(data)
    except yaml.YAMLError:
        same = False
    if not same:  # -- the splice must read back as the form's plan, or it is not used --
        return to_yaml(data), False
    return text, True


_YES, _NO = {"co", "có", "true"}, {"khong", "không", "false"}


def _canon(value: Any) -> Any:
    """Values as the model reads them: the form's yes/no is True/False, the file's "co"/"khong"."""
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canon(v) for v in value]
    if isinstance(value, str) and value.lower() in _YES | _NO:
        return value.lower() in _YES
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # -- a text field holds "2026" where the file wrote 2026: the same to the model --
    return value


def _sentence(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode) and len(node.value) == 1 and isinstance(node.value[0][1], yaml.ScalarNode) and node.value[0][1].value == ""


def _diff(node: yaml.Node, old: Any, new: Any, edits: list[tuple[int, int, str]], flow: bool = False) -> None:
    if _canon(old) == _canon(new):
        return
    if isinstance(node, yaml.ScalarNode) or _sentence(node):
        if isinstance(new, dict | list) or new is None:
            raise _Reshaped
        # -- a sentence ending in ':' ends at its colon (the mapping's own end runs on to the next line) --
        end = node.value[0][0].end_mark.index + 1 if _sentence(node) else node.end_mark.index
        edits.append((node.start_mark.index, end, _scalar(new, flow)))
        return
    if isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict):
        if set(old) != set(new):  # -- the form lists keys in the model's order, the file in the drafter's --
            raise _Reshaped
        for key_node, value_node in node.value:
            key = key_node.value
            _diff(value_node, old[key], new[key], edits, flow or bool(node.flow_style))
        return
    if isinstance(node, yaml.SequenceNode) and isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for child, a, b in zip(node.value, old, new, strict=True):
            _diff(child, a, b, edits, flow or node.flow_style)
        return
    raise _Reshaped


def _scalar(value: Any, flow: bool) -> str:
    """One value as a YAML scalar on one line, quoted where YAML needs it (inside [ ] and { },
    a comma or bracket ends a plain scalar: quoted there)."""
    if isinstance(value, str) and ("\n" in value or value != value.strip() or (flow and re.search(r"[,\[\]{}:#]", value))):
        return json.dumps(value, ensure_ascii=False)  # -- a JSON string is a YAML double-quoted scalar --
    if isinstance(value, bool):
        return "co" if value else "khong"  # -- the drafters' own words for yes and no --
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    return text.removesuffix("\n").removesuffix("\n...").strip()
