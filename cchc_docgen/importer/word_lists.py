"""The labels Word prints for its automatic lists (numbering.xml), read as the drafter saw
them: 'I.', '1.', 'a)', '-'.

Word counts per abstract list, not per list instance: two instances (w:num) of one
abstract list continue each other's numbers, and an instance restarts a level only where
it says so (w:lvlOverride with w:startOverride, what Word's 'Restart at 1' and 'Set
numbering value' write), or where it redefines the level (w:lvlOverride/w:lvl).
LibreOffice prints the same labels; the tests compare the two on hand-made files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_DEPTH = 9  # -- w:ilvl 0..8 --


@dataclass(frozen=True)
class _Level:
    fmt: str  # w:numFmt: decimal, upperRoman, lowerLetter, bullet…
    text: str  # w:lvlText: '%1.', '%1.%2.', '-'
    start: int


@dataclass
class _Instance:
    """One w:num: the abstract list it counts with, its own levels, its restarts."""

    abstract: str
    levels: dict[int, _Level]
    restarts: dict[int, int]  # -- level → the number it restarts at, on its first paragraph there --


class WordLists:
    def __init__(self, document: object):
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, list[int | None]] = {}  # -- abstract list → the last number of each level --
        self._restarted: set[tuple[str, int]] = set()
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {node.get(qn("w:abstractNumId")): _levels(node) for node in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None or ref.get(qn("w:val")) not in abstract:
                continue
            abstract_id = ref.get(qn("w:val"))
            levels, restarts = dict(abstract[abstract_id]), {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                redefined = override.find(qn("w:lvl"))
                if redefined is not None:
                    levels[ilvl] = _level(redefined)
                    restarts[ilvl] = levels[ilvl].start
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    restarts[ilvl] = _int(start.get(qn("w:val")), 1)
            self._instances[num.get(qn("w:numId"))] = _Instance(abstract_id, levels, restarts)

    def label(self, paragraph: Paragraph) -> str:
        """The label Word prints before ``paragraph`` ("" when it is not in a list); call it
        for every paragraph in document order, since the labels count."""
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id_node, ilvl_node = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        if num_id_node is None:
            return ""
        instance = self._instances.get(num_id_node.get(qn("w:val")))
        ilvl = _int(ilvl_node.get(qn("w:val")), 0) if ilvl_node is not None else 0
        if instance is None or ilvl not in instance.levels or not 0 <= ilvl < _DEPTH:
            return ""  # -- numId 0 (list removed) or a level the list does not define --
        counters = self._counters.setdefault(instance.abstract, [None] * _DEPTH)
        key = (num_id_node.get(qn("w:val")), ilvl)
        if ilvl in instance.restarts and key not in self._restarted:
            self._restarted.add(key)
            counters[ilvl] = instance.restarts[ilvl] - 1
        last = counters[ilvl]
        counters[ilvl] = instance.levels[ilvl].start if last is None else last + 1
        for deeper in range(ilvl + 1, _DEPTH):
            counters[deeper] = None
        level = instance.levels[ilvl]
        if level.fmt == "bullet":
            return "+" if "+" in level.text else "-"

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = instance.levels.get(index, _Level("decimal", "", 1))
            number = counters[index] if 0 <= index < _DEPTH and counters[index] is not None else shown.start
            return _format(number, shown.fmt)  # type: ignore[arg-type]

        return re.sub(r"%(\d)", value, level.text)


def _levels(node: Any) -> dict[int, _Level]:
    return {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl) for lvl in node.iterchildren(qn("w:lvl"))}


def _level(lvl: Any) -> _Level:
    fmt, text, start = lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText")), lvl.find(qn("w:start"))
    return _Level(
        fmt.get(qn("w:val")) if fmt is not None else "decimal",
        text.get(qn("w:val")) if text is not None else "%1.",
        _int(start.get(qn("w:val")), 1) if start is not None else 1,
    )


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default  # -- a file no Word wrote: read the list as if the value were not there --


def _num_pr(paragraph: Paragraph) -> Any:
    """The list a paragraph belongs to: its own numPr, or its style's (List Number…)."""
    ppr = paragraph._p.pPr
    found = ppr.find(qn("w:numPr")) if ppr is not None else None
    style = paragraph.style if found is None else None
    while found is None and style is not None:
        style_ppr = style.element.pPr
        found = style_ppr.find(qn("w:numPr")) if style_ppr is not None else None
        style = style.base_style
    return found


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for value, numeral in numerals:
            while n >= value:
                out += numeral
                n -= value
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(n)
