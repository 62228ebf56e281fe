"""The shipped template's body filled without Jinja: the same text, a thirtieth of the start-up.

The shipped template (templates/cchc.docx) is one loop over the view's blocks, one
paragraph per block kind, each printing ``b.label`` and ``b.text`` escaped inside a w:t,
then paragraphs under ``{% if false %}`` that only keep the styles, then the last section.
Importing Jinja (and the sandbox around it) costs a process more than the whole render of a
seed plan, so when a template's cleaned source (``prepared.Prepared.lines``) has exactly that
shape, ``plan`` reads it into literal pieces once, and ``fill`` writes what Jinja would
write: the literal text as it is, each value escaped as Jinja's autoescape escapes it
(markupsafe: ``& < > ' "``). Anything else in a template (another tag, a filter, whitespace
control, a value that is not a plain ``str``) is not this shape, and goes through Jinja.

tests/test_fastfill.py compares the two over every shipped and example plan and synthetic
ones, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import xmltext
from .view import Block

_TAG = re.compile(r"(\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\})", re.DOTALL)
_BRANCH = re.compile(r'\{% (?:if|elif) b\.kind == "(\w+)" %\}')
_FIELDS = {"{{ b.label }}": "label", "{{ b.text }}": "text"}
# -- past this, the output may pass the sandbox's size limit (32 MB): Jinja renders it and
# says so, rather than this module knowing the limit --
LARGE = 16 * 1024 * 1024


class Plan:
    """A template of the shipped shape: what comes before the loop, each kind's paragraph
    as literal pieces and field names in turn, and what comes after the loop. (A plain
    class: a dataclass would compile its methods in every process for nothing.)"""

    __slots__ = ("head", "kinds", "tail")

    def __init__(self, head: str, kinds: dict[str, tuple[str, ...]], tail: str):
        self.head = head
        self.kinds = kinds  # -- kind → (literal, field, literal, field, …, literal) --
        self.tail = tail


def plan(source: str) -> Plan | None:
    """``source`` (a template's cleaned Jinja source) read as the shipped shape, or None."""
    if "\r" in source:  # -- Jinja rewrites line ends in literal text: not worth copying --
        return None
    if source.endswith("\n"):  # -- Jinja drops one final line feed (keep_trailing_newline off) --
        source = source[:-1]
    tokens = _TAG.split(source)  # -- literal, tag, literal, tag, …, literal --
    literals, tags = tokens[0::2], tokens[1::2]
    if any("{{" in text or "{%" in text or "{#" in text or "#}" in text or "%}" in text or "}}" in text for text in literals):
        return None
    if len(tags) < 4 or tags[0] != "{% for b in blocks %}":
        return None
    kinds: dict[str, tuple[str, ...]] = {}
    at = 1
    while at < len(tags) and (found := _BRANCH.fullmatch(tags[at])) and tags[at].startswith("{% if" if at == 1 else "{% elif"):
        if found.group(1) in kinds:
            return None  # -- a kind tested twice: Jinja takes the first, not worth copying --
        pieces = [literals[at + 1]]
        at += 1
        while at < len(tags) and tags[at] in _FIELDS:
            pieces += [_FIELDS[tags[at]], literals[at + 1]]
            at += 1
        kinds[found.group(1)] = tuple(pieces)
    if not kinds or tags[at : at + 2] != ["{% endif %}", "{% endfor %}"] or literals[at + 1] != "":
        return None
    tail = [literals[at + 2]]
    at += 2
    while at < len(tags):  # -- after the loop: only paragraphs that are never printed --
        if tags[at : at + 2] != ["{% if false %}", "{% endif %}"]:
            return None
        tail.append(literals[at + 2])
        at += 2
    return Plan(literals[0], kinds, "".join(tail))


def fill(template: Plan, blocks: Sequence[Block]) -> str | None:
    """The body Jinja would write for ``blocks``; None when one of them is not plain
    text (a subclass of str could print itself otherwise) or the output is large."""
    out = [template.head]
    append = out.append
    kinds = template.kinds
    for block in blocks:
        pieces = kinds.get(block.kind)
        if pieces is None:
            continue
        label, text = block.label, block.text
        if type(label) is not str or type(text) is not str:
            return None
        append(pieces[0])
        for index in range(1, len(pieces), 2):
            append(_escaped(label if pieces[index] == "label" else text))
            append(pieces[index + 1])
    append(template.tail)
    filled = "".join(out)
    return None if len(filled) > LARGE else filled


def _escaped(value: str) -> str:
    """What Jinja writes for ``{{ value }}`` with autoescape on (markupsafe.escape of a str)."""
    value = xmltext.escaped(value)
    if "'" in value or '"' in value:
        value = value.replace("'", "&#39;").replace('"', "&#34;")
    return value
