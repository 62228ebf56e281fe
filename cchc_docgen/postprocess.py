"""Finish the rendered python-docx Document: what Decree 30 fixes that is not body text.

The render step has spliced the skeleton (header block, signature, task tables, section
breaks, rules: ``skeleton``) into the body. This module owns the rest of what a drafter's
Word would silently break: Times New Roman in every font slot of the template, the
page-number field in a header that differs on page 1 (both once per template, in
``prepare``), A4 with the decree's margins, numbering from 1 and orientation for every
section, and the document's properties. Every size and length comes from ``decree30``.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from . import decree30
from .skeleton import ParagraphStyles, insert_in_order
from .view import DocumentView


def prepare(document: DocxDocument) -> None:
    """What depends only on the template, done once when it is compiled: every document
    rendered from it starts from the prepared package (a batch of thousands of plans would
    otherwise redo it for each). Times New Roman in every style and run of the template,
    and the page-number header of its first section, with an empty one for page 1."""
    styles = ParagraphStyles(document)
    _fonts(document)
    sections = list(document.sections)
    first = sections[0]
    first.header.is_linked_to_previous = False
    _page_number(first.header.paragraphs[0], styles)
    first.first_page_header.is_linked_to_previous = False
    for section in sections[1:]:
        _unlink_headers(document, section._sectPr)  # -- later sections repeat the first one's --


def finish(document: DocxDocument, view: DocumentView, *, created: dt.datetime) -> None:
    """Turn a rendered template (prepared by ``prepare``, its skeleton spliced in by the
    render step) into a Decree 30 document: page setup, headers, properties."""
    _sections(document, view)
    _properties(document, view, created)


# -- fonts: Times New Roman in every slot, whatever the template says (§1, §10) --
_FONT_SLOTS = tuple(qn(slot) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"))
_THEME_SLOTS = tuple(qn(slot) for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"))
_R_FONTS, _R_PR, _STYLE = qn("w:rFonts"), qn("w:rPr"), qn("w:style")


def _fonts(document: DocxDocument) -> None:
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    _set_fonts(_child(rpr_default, "w:rFonts", first=True))
    lang = _child(rpr_default, "w:lang")
    for slot in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(slot), decree30.LANGUAGE)
    for style in styles_element.iterchildren(_STYLE):
        rpr = style.find(_R_PR)
        fonts = rpr.find(_R_FONTS) if rpr is not None else None
        if fonts is not None:
            _set_fonts(fonts)
    for fonts in document.element.body.iter(_R_FONTS):
        _set_fonts(fonts)


def _set_fonts(fonts: object) -> None:
    attributes = fonts.attrib  # type: ignore[attr-defined]
    for slot in _FONT_SLOTS:
        attributes[slot] = decree30.FONT
    for theme in _THEME_SLOTS:
        attributes.pop(theme, None)


def _child(parent: object, tag: str, *, first: bool = False, order: list[str] | None = None) -> object:
    """The ``tag`` child of ``parent``, added (first, in schema ``order``, or last) when missing."""
    found = parent.find(qn(tag))  # type: ignore[attr-defined]
    if found is None:
        found = OxmlElement(tag)
        if order is not None:
            insert_in_order(parent, found, order)
        elif first:
            parent.insert(0, found)  # type: ignore[attr-defined]
        else:
            parent.append(found)  # type: ignore[attr-defined]
    return found


# -- sections: page setup, numbering from 1, no number on the first page (§1, §5) --
def _sections(document: DocxDocument, view: DocumentView) -> None:
    sections = [section._sectPr for section in document.sections]
    for index, sect in enumerate(sections):
        hint = sect.attrib.pop(_ORIENT_HINT, None)
        orientation = hint or (view.last_orientation if index == len(sections) - 1 else "portrait")
        _page_setup(sect, orientation)
    # -- the prepared template's first section carries the page-number header; when the
    # view opens the document with a section of its own, the header moves to that one --
    carrier = next((sect for sect in sections if sect.find(_HEADER_REFERENCE) is not None), None)
    if carrier is not None and carrier is not sections[0]:
        for reference in reversed(carrier.findall(_HEADER_REFERENCE)):
            sections[0].insert(0, reference)
    for sect in sections[1:]:
        _unlink_headers(document, sect)


def _unlink_headers(document: DocxDocument, sect: object) -> None:
    """A later section shows the first one's headers (python-docx's ``is_linked_to_previous
    = True``, which would also drop a header part another section still uses)."""
    for reference in sect.findall(_HEADER_REFERENCE):  # type: ignore[attr-defined]
        if reference.get(_HEADER_TYPE) in ("default", "first"):
            sect.remove(reference)  # type: ignore[attr-defined]
            r_id = reference.get(_R_ID)
            if not document.element.xpath(f'//@r:id[. = "{r_id}"]'):
                document.part.drop_rel(r_id)


_HEADER_TYPE, _R_ID = qn("w:type"), qn("r:id")


def _page_setup(sect: object, orientation: str) -> None:
    """Page size, margins, numbering from 1 and a first page of its own, written straight
    into the w:sectPr: the same XML python-docx's section properties write, without a
    schema-order search per property."""
    page = decree30.LANDSCAPE if orientation == "landscape" else decree30.PORTRAIT
    size = _child(sect, order=_SECT_ORDER, tag="w:pgSz")
    size.set(_W_W, str(Mm(page.width).twips))
    size.set(_W_H, str(Mm(page.height).twips))
    if orientation == "landscape":
        size.set(_W_ORIENT, "landscape")
    else:
        size.attrib.pop(_W_ORIENT, None)  # -- portrait is the default, as python-docx writes it --
    margins = _child(sect, order=_SECT_ORDER, tag="w:pgMar")
    for side, mm in (("top", page.top), ("right", page.right), ("bottom", page.bottom), ("left", page.left),
                     ("header", page.header), ("footer", page.header), ("gutter", 0.0)):  # fmt: skip
        margins.set(qn(f"w:{side}"), str(Mm(mm).twips))
    numbering = _child(sect, order=_SECT_ORDER, tag="w:pgNumType")
    numbering.set(qn("w:start"), "1")
    numbering.set(qn("w:fmt"), "decimal")
    title_page = _child(sect, order=_SECT_ORDER, tag="w:titlePg")
    title_page.attrib.pop(qn("w:val"), None)  # -- on --


_ORIENT_HINT, _HEADER_REFERENCE = qn("w:orient-hint"), qn("w:headerReference")
_W_W, _W_H, _W_ORIENT = qn("w:w"), qn("w:h"), qn("w:orient")


_SECT_ORDER = ["w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
               "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
               "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings"]  # fmt: skip


def _page_number(paragraph: Paragraph, styles: ParagraphStyles) -> None:
    """A PAGE field, centred in the top margin (§5, §10)."""
    styles.apply(paragraph, "CCHCSoTrang")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


def _properties(document: DocxDocument, view: DocumentView, created: dt.datetime) -> None:
    core = document.core_properties
    core.title = view.title
    core.author = "cchc_docgen"
    core.last_modified_by = "cchc_docgen"
    core.comments = "Tạo bằng cchc_docgen theo Nghị định 30/2020/NĐ-CP."
    core.language = decree30.LANGUAGE
    core.created = created
    core.modified = created
    core.last_printed = created
    core.revision = 1
