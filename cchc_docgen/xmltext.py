"""WordprocessingML edited as text: where an element ends, and a piece parsed alone.

The render and post-process steps splice and edit the document as text (see
``rendering``); these are the few things they need to know about XML to do it safely.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .wml import NSMAP, nsdecls

if TYPE_CHECKING:
    from lxml import etree

# -- the prefixes a template's properties may use, declared to parse a piece of them alone;
# the document declares the same ones, so a piece written back needs none of its own --
_DECLARATIONS = nsdecls(*(prefix for prefix in NSMAP if prefix != "xml"))
_DECLARATION = re.compile(r' xmlns:\w+="[^"]*"')


def parse(piece: str) -> etree._Element:
    """A piece of the document's text (one element, say a w:pPr), parsed on its own, with
    the prefixes the document declares: plain lxml elements, parsed as python-docx parses
    (blank text dropped, no entities), so that the document steps need not import it."""
    from lxml import etree  # -- only when an edit is not already kept (``kept``) --

    return etree.fromstring(_FIRST_TAG.sub(rf"<\1 {_DECLARATIONS}", piece, count=1), _parser())


@lru_cache(maxsize=1)
def _parser() -> etree.XMLParser:
    from lxml import etree

    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


_FIRST_TAG = re.compile(r"^<([\w:]+)")


def escaped(text: str) -> str:
    """Text as lxml writes it inside an element (``xml.sax.saxutils.escape``): every writer of
    text into a part (skeleton, post-process, properties, the fast fill) escapes alike."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_text(element: etree._Element) -> str:
    """An element made by ``parse``, as text to put back into the document."""
    from lxml import etree

    return _DECLARATION.sub("", etree.tostring(element, encoding=str))


def element_end(text: str, start: int, tag: str) -> int:
    """Where the ``tag`` element (say "w:pPr") opening at ``start`` ends, just past its
    closing tag. A tracked change keeps an older copy of properties inside them
    (``w:rPrChange`` holds a ``w:rPr``), so the nesting is counted, not the first close
    taken. -1 if it does not close."""
    depth = 0
    for found in _tags(tag).finditer(text, start):
        if found.group(0).startswith("</"):
            depth -= 1
        elif not found.group(1):
            depth += 1
        if depth == 0:
            return found.end()
    return -1


@lru_cache(maxsize=8)
def _tags(tag: str) -> re.Pattern[str]:
    return re.compile(f"<{tag}\\b[^>]*?(/?)>|</{tag}>")
