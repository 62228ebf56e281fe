"""The view's line marks written into the filled body as Word writes them.

Kept apart from the render step's template handling because both fills (the fast fill of
the shipped template and Jinja's for a drafter's) leave the same marks in their text: a line
feed, tab, ``\\a`` or ``\\f`` typed by the drafter or chosen by line breaking, and line
breaking's non-breaking hyphen (U+2011) in references such as "QĐ-UBND".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

__all__ = ["line_breaks", "written"]


def written(xml: str, blocks: Sequence[Any]) -> str:
    """The filled body with every mark of its blocks' text in WML; untouched when none has one."""
    if any("\n" in b.text or "\t" in b.text for b in blocks):
        xml = line_breaks(xml)
    if "\u2011" in xml:  # -- as Word writes a non-breaking hyphen --
        xml = xml.replace("\u2011", '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">')
    return xml


def line_breaks(xml: str) -> str:
    """The filled body with each tab, line feed, ``\\a`` and ``\\f`` in a text run written as
    Word writes them, exactly as docxtpl's ``resolve_listing`` does (tests/test_rendering.py
    compares the two), without importing docxtpl: a tab is a run of its own, a line feed a
    ``w:br``, ``\\a`` a new paragraph, ``\\f`` a page break between paragraphs; each new
    run or paragraph keeps the properties of the one it was cut from."""

    def paragraph(found: re.Match[str]) -> str:
        ppr = _PPR.search(found.group(0))
        return _RUN.sub(lambda run: _run_breaks(run.group(0), ppr.group(0) if ppr else ""), found.group(0))

    return _PARAGRAPH.sub(paragraph, xml)


def _run_breaks(run: str, ppr: str) -> str:
    found = _RPR.search(run)
    rpr = found.group(0) if found else ""
    tab = f'</w:t></w:r><w:r>{rpr}<w:tab/></w:r><w:r>{rpr}<w:t xml:space="preserve">'
    cut = f'</w:t></w:r></w:p><w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">'
    page = f'</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">'

    def text(match: re.Match[str]) -> str:
        value = match.group(0).replace("\t", tab).replace("\a", cut)
        return value.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">').replace("\f", page)

    return _TEXT.sub(text, run)


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.DOTALL)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)
_PPR, _RPR = re.compile(r"<w:pPr>.*?</w:pPr>"), re.compile(r"<w:rPr>.*?</w:rPr>")
