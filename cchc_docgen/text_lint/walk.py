"""The text of a specification, field by field, with the place each piece was written.

The walk reads the model generically (every text field and list item of every node, but
no choice and no code such as ``chu_tri``), so a field added to the model is linted for
spacing without a change here.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Literal, NamedTuple, get_args, get_origin

from ..spec.schema import Node, type_hints
from ..view_cache import SpecViews

__all__ = ["Finding", "Text", "Walk", "quote", "text_fields", "visit"]


# -- Finding and Text are named tuples and Walk a plain class, not dataclasses: @dataclass
# compiles its methods at import (a frozen one with slots six, and makes its class twice),
# which every check paid for these three small internal types. --


class Finding(NamedTuple):
    """One piece of text a rule objects to; ``name`` is the field as ``Node.loc`` takes it."""

    rule: str
    node: Node
    name: str
    message: str
    hint: str


class Text(NamedTuple):
    node: Node
    field: str  # "paragraphs"
    index: int  # the item's place in a list field, or -1
    value: str

    @property
    def name(self) -> str:
        """The field as ``Node.loc`` takes it: "title", "paragraphs[2]"."""
        return self.field if self.index < 0 else f"{self.field}[{self.index}]"


class Walk:
    """Every node of the specification and every piece of text, in the order written, and
    the views of its documents for the rules that judge the paragraphs as printed: built
    only if one of them asks, and once for every rule and the render after them."""

    def __init__(self, views: SpecViews) -> None:
        self.views = views
        self.nodes: list[Node] = []
        self.texts: list[Text] = []


# -- the text of a specification, field by field --

# Values that are codes or choices, not words printed as the drafter typed them.
_CODE_FIELDS = frozenset({"area", "agency", "lead", "partners", "covers", "areas", "columns", "code", "abbreviation",
                          "symbol", "file_name", "template", "monitor", "archive", "number"})  # fmt: skip


@functools.cache
def text_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that can hold text or other nodes (not choices, not codes)."""
    hints = type_hints(cls)
    names = []
    for spec_field in dataclasses.fields(cls):
        if "key" not in spec_field.metadata or spec_field.name in _CODE_FIELDS or _is_choice(hints[spec_field.name]):
            continue
        names.append(spec_field.name)
    return tuple(names)


def _is_choice(tp: object) -> bool:
    if get_origin(tp) is Literal:
        return True
    args = [a for a in get_args(tp) if a is not type(None)]
    return bool(args) and all(get_origin(a) is Literal for a in args)


def visit(node: Node, walk: Walk) -> None:
    walk.nodes.append(node)
    texts = walk.texts
    for name in text_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, str):
            texts.append(Text(node, name, -1, value))
        elif isinstance(value, Node):
            visit(value, walk)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    texts.append(Text(node, name, index, item))
                elif isinstance(item, Node):
                    visit(item, walk)
        elif isinstance(value, dict):
            for item in value.values():
                if isinstance(item, Node):
                    visit(item, walk)
                elif isinstance(item, str):
                    texts.append(Text(node, name, -1, item))


def quote(text: str, start: int, end: int, room: int = 18) -> str:
    """The offending place with a little text either side: «…chữ  chữ…»."""
    left, right = max(0, start - room), min(len(text), end + room)
    return "«" + ("…" if left else "") + text[left:right].replace("\n", "↵") + ("…" if right < len(text) else "") + "»"
