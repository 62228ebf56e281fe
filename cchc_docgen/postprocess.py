"""Finish a rendered document: what Decree 30 fixes that is not body text.

The render step has spliced the skeleton (header block, signature, task tables, section
breaks, rules: ``skeleton``) into the body. This module owns the rest of what a drafter's
Word would silently break: Times New Roman in every font slot of the template and the
page-number field in a header that differs on page 1 (both on the template's python-docx
Document, once, in ``prepare``); then, for each document, A4 with the decree's margins,
numbering from 1 and the orientation of every section, the header on the first section,
and the document's properties. Every size and length comes from ``decree30``.

Each section's w:sectPr is edited as an element, with the same code for every document,
but a document has few, and the same few recur (the template's own, and the breaks the
skeleton writes), so each distinct edit is made once and reused as text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import decree30, kept
from .rendering import Docx
from .skeleton import insert_in_order
from .styles import ParagraphStyles
from .view import DocumentView
from .wml import element as OxmlElement
from .wml import qn, twips_from_mm
from .xmltext import as_text, element_end, escaped, parse

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph


def prepare(document: DocxDocument) -> None:
    """What depends only on the template, done once when it is compiled: every document
    rendered from it starts from the prepared package (a batch of thousands of plans would
    otherwise redo it for each). Times New Roman in every style and run of the template,
    and the page-number header of its first section, with an empty one for page 1."""
    styles = ParagraphStyles(document)
    _fonts(document)
    document.element.body.get_or_add_sectPr()  # -- a template saved without one still has a page --
    sections = list(document.sections)
    first = sections[0]
    first.header.is_linked_to_previous = False
    header = first.header
    _page_number(header.paragraphs[0] if header.paragraphs else header.add_paragraph(), styles)
    first.first_page_header.is_linked_to_previous = False
    for section in sections[1:]:
        _unlink_headers(document, section._sectPr)  # -- later sections repeat the first one's --
    _set_properties(document.core_properties, _TITLE_MARK, _DATE_MARK)


def finish(document: Docx, view: DocumentView, *, created: dt.datetime) -> None:
    """Turn a rendered template (prepared by ``prepare``, its skeleton spliced in by the
    render step) into a Decree 30 document: page setup, headers, properties."""
    document.document = _sections(document.document, view)
    document.members[document.core] = _properties(document.members[document.core], view, created)


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
def _sections(text: str, view: DocumentView) -> str:
    """``text`` (document.xml) with every w:sectPr set up. The prepared template's first
    section carries the page-number header; when the skeleton opens the document with a
    section of its own, the header moves to that one, and later sections show it too."""
    spans = list(_section_spans(text))
    if not spans:
        return text
    carrier = next((index for index, (start, end) in enumerate(spans) if "<w:headerReference" in text[start:end]), None)
    references = "".join(_REFERENCE.findall(text[slice(*spans[carrier])])) if carrier not in (None, 0) else ""
    out = []
    done = 0
    for index, (start, end) in enumerate(spans):
        out.append(text[done:start])
        original = text[start:end]
        hint = _HINT.search(original)
        orientation = hint.group(1) if hint else (view.last_orientation if index == len(spans) - 1 else "portrait")
        keep = "all" if index == 0 else "none" if index == carrier else "others"
        out.append(_section_xml(original, orientation, keep, references if index == 0 else ""))
        done = end
    out.append(text[done:])
    return "".join(out)


def _section_spans(text: str) -> Iterator[tuple[int, int]]:
    at = text.find("<w:sectPr")
    while at >= 0:
        end = element_end(text, at, "w:sectPr")
        if text.startswith("<w:sectPr", at) and text[at + len("<w:sectPr")] in " />" and end > 0:
            yield at, end
        else:
            end = at + 1  # -- w:sectPrChange, or not well formed: not a section --
        at = text.find("<w:sectPr", end)


_HINT = re.compile(r'w:orient-hint="(\w+)"')
_REFERENCE = re.compile(r"<w:headerReference\b[^>]*/>")


@kept.remembered
def _section_xml(original: str, orientation: str, keep: str, references: str) -> str:
    """One w:sectPr set up: page size and margins for ``orientation``; of its header
    references ``keep`` "all", "none", or "others" than the page and first-page ones, which
    a later section shows from the first (python-docx's ``is_linked_to_previous = True``);
    ``references`` (moved from another section) put first."""
    sect = parse(original)
    sect.attrib.pop(_ORIENT_HINT, None)
    _page_setup(sect, orientation)
    for reference in sect.findall(_HEADER_REFERENCE):
        if keep == "none" or (keep == "others" and reference.get(_HEADER_TYPE) in ("default", "first")):
            sect.remove(reference)
    for reference in reversed(list(parse(f"<w:sectPr>{references}</w:sectPr>"))):
        sect.insert(0, reference)
    return as_text(sect)


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
    size.set(_W_W, str(twips_from_mm(page.width)))
    size.set(_W_H, str(twips_from_mm(page.height)))
    if orientation == "landscape":
        size.set(_W_ORIENT, "landscape")
    else:
        size.attrib.pop(_W_ORIENT, None)  # -- portrait is the default, as python-docx writes it --
    margins = _child(sect, order=_SECT_ORDER, tag="w:pgMar")
    for side, mm in (("top", page.top), ("right", page.right), ("bottom", page.bottom), ("left", page.left),
                     ("header", page.header), ("footer", page.header), ("gutter", 0.0)):  # fmt: skip
        margins.set(qn(f"w:{side}"), str(twips_from_mm(mm)))
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


def _properties(blob: bytes, view: DocumentView, created: dt.datetime) -> bytes:
    """The template's core properties with this document's. ``prepare`` set them all on
    the template with python-docx's own setters, the title and the dates as stand-ins, so
    here each stand-in is replaced by this document's value, escaped as lxml escapes text
    (a title with a control character, or a core part without the stand-ins, goes
    through python-docx again)."""
    title = _title(view.title)
    text = blob.decode("utf-8")
    marks = (escaped(_TITLE_MARK), _DATE_MARK.strftime(_W3CDTF))
    if all(text.count(mark) == count for mark, count in zip(marks, (1, 3), strict=True)) and _plain(title):
        return text.replace(marks[0], escaped(title)).replace(marks[1], created.strftime(_W3CDTF)).encode("utf-8")
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml

    element = parse_xml(blob)
    _set_properties(CoreProperties(element), title, created)
    return serialize_part_xml(element)  # type: ignore[no-any-return]


def _set_properties(core: object, title: str, created: dt.datetime) -> None:
    """python-docx's core-property setters, in one order (it adds missing elements in the
    order they are set, so the stand-ins and the real values land in the same places)."""
    core.title = title  # type: ignore[attr-defined]
    core.author = "cchc_docgen"  # type: ignore[attr-defined]
    core.last_modified_by = "cchc_docgen"  # type: ignore[attr-defined]
    core.comments = "Tạo bằng cchc_docgen theo Nghị định 30/2020/NĐ-CP."  # type: ignore[attr-defined]
    core.language = decree30.LANGUAGE  # type: ignore[attr-defined]
    core.created = created  # type: ignore[attr-defined]
    core.modified = created  # type: ignore[attr-defined]
    core.last_printed = created  # type: ignore[attr-defined]
    core.revision = 1  # type: ignore[attr-defined]


# -- stand-ins no real title or issue date can be: a private-use character, the year 1111 --
_TITLE_MARK = "\ue000cchc_docgen-title\ue000"
_DATE_MARK = dt.datetime(1111, 11, 11, 11, 11, 11, tzinfo=dt.UTC)
_W3CDTF = "%Y-%m-%dT%H:%M:%SZ"  # -- python-docx's format for the core dates --


def _plain(text: str) -> bool:
    """A title ``escaped`` writes as lxml would: no control character (lxml refuses most
    and writes a carriage return as a reference), no stand-in, no lone surrogate."""
    return all(char >= " " and not "\ud800" <= char <= "\udfff" and char != "\ue000" for char in text)


def _title(text: str) -> str:
    """The document's title as its core properties can hold it: python-docx (and the OPC
    core-properties schema Word follows) allow 255 characters, a long trích yếu more. It is
    cut at a word, with an ellipsis; the document's own text keeps every word."""
    if len(text) <= _TITLE_LIMIT:
        return text
    cut = text[: _TITLE_LIMIT - 1]
    space = cut.rfind(" ")
    if space > _TITLE_LIMIT // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–") + "…"


_TITLE_LIMIT = 255
