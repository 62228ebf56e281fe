"""WordprocessingML names and lengths, without python-docx.

The per-document steps edit the document as text and small lxml pieces; they need
python-docx's namespace table, its ``qn`` and its length arithmetic, not its document
model, which costs a process tens of milliseconds to import. These are the same values
(tests/test_wml.py compares them with python-docx's own), so the documents do not change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

NSMAP = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "dcterms": "http://purl.org/dc/terms/",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}  # -- python-docx's docx.oxml.ns.nsmap --

_EMU_PER_MM, _EMU_PER_PT, _EMU_PER_TWIP = 36000, 12700, 635


def qn(tag: str) -> str:
    """'w:p' → '{…/wordprocessingml/2006/main}p', as python-docx's ``qn``."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    return " ".join(f'xmlns:{prefix}="{NSMAP[prefix]}"' for prefix in prefixes)


def element(tag: str) -> etree._Element:
    """A loose element declaring its own prefix, as python-docx's ``OxmlElement``."""
    from lxml import etree  # -- the text steps need only the names: lxml when an element is made --

    prefix = tag.split(":")[0]
    return etree.Element(qn(tag), nsmap={prefix: NSMAP[prefix]})


def twips_from_mm(mm: float) -> int:
    """``docx.shared.Mm(mm).twips``: millimetres to whole EMUs, then rounded to twips."""
    return round(int(mm * _EMU_PER_MM) / float(_EMU_PER_TWIP))


def twips_from_pt(points: float) -> int:
    """``docx.shared.Pt(points).twips``."""
    return round(int(points * _EMU_PER_PT) / float(_EMU_PER_TWIP))
