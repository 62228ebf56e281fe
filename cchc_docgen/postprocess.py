"""Build the skeleton the template must not get wrong, on the rendered python-docx Document.

Templates fill text; this module owns what Decree 30 fixes to the millimetre and what a
drafter's Word would silently break: fonts in every slot, A4 and its margins, the header
block, the rules under the issuer, motto and title, the signature block, the appendix
table, section breaks with their orientation and page numbering, and the page-number
field. Every size and length comes from ``decree30``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsmap, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from . import decree30, vn
from .metrics import text_width_mm
from .view import DocumentView, Header, SectionBreak, Signature, TaskTable

MARKER_STYLE = "CCHCDanhDau"
RULE_STYLE = "CCHCDuongKe"


def prepare(document: DocxDocument) -> None:
    """What depends only on the template, done once when it is compiled: every document
    rendered from it starts from the prepared package (a batch of thousands of plans would
    otherwise redo it for each). Times New Roman in every style and run of the template,
    and the page-number header of its first section, with an empty one for page 1."""
    styles = _ParagraphStyles(document)
    _fonts(document)
    sections = list(document.sections)
    first = sections[0]
    first.header.is_linked_to_previous = False
    _page_number(first.header.paragraphs[0], styles)
    first.first_page_header.is_linked_to_previous = False
    for section in sections[1:]:
        _unlink_headers(document, section._sectPr)  # -- later sections repeat the first one's --


def finish(document: DocxDocument, view: DocumentView, *, created: dt.datetime) -> None:
    """Turn a rendered template (prepared by ``prepare``) into a Decree 30 document."""
    styles = _ParagraphStyles(document)
    _markers(document, view, styles)
    _sections(document, view)
    _body_rules(document, styles)
    _properties(document, view, created)


class _ParagraphStyles:
    """python-docx's paragraph-style lookups, answered from one pass over the styles.

    Each ``paragraph.style`` read or write makes python-docx scan every style of the
    document for the default one (and each lookup by name runs an XPath); done per table
    cell, that was most of the time of a plan. The styles do not change while we
    post-process, so one pass indexes them and the same rules give the same answers; any
    case off the common path (a missing or mistyped style) is handed to python-docx, so it
    also fails the way python-docx fails.
    """

    def __init__(self, document: DocxDocument):
        self._document = document
        self._by_id: dict[str | None, object] = {}
        self._by_name: dict[str | None, object] = {}
        self._default: object | None = None
        for style in document.styles.element.iterchildren(qn("w:style")):
            self._by_id.setdefault(style.get(_STYLE_ID), style)
            name = style.find(_NAME)
            if name is not None:
                self._by_name.setdefault(name.get(_VAL), style)
            if style.get(_TYPE) == "paragraph" and style.get(_DEFAULT) in _ON:
                self._default = style  # -- the last default wins, as in python-docx --
        self._effective: dict[str | None, str | None] = {}
        self._assigned: dict[str, str | None] = {}

    def effective_id(self, p: object) -> str | None:
        """The id of the style a paragraph element shows with (``Paragraph.style.style_id``)."""
        val = p.style  # type: ignore[attr-defined]
        if val not in self._effective:
            style = self._by_id.get(val) if val else None
            if style is None or style.get(_TYPE) != "paragraph":  # type: ignore[attr-defined]
                style = self._default
            self._effective[val] = style.get(_STYLE_ID) if style is not None else None  # type: ignore[attr-defined]
        return self._effective[val]

    def apply(self, paragraph: Paragraph, style_id: str) -> None:
        """``paragraph.style = <the decree style>``."""
        paragraph._p.style = self.value_for(style_id)

    def value_for(self, style_id: str) -> str | None:
        """The w:pStyle value that gives a paragraph the decree style (None: the default)."""
        if style_id not in self._assigned:
            style = self._by_name.get(decree30.STYLE_BY_ID[style_id].name)
            if style is not None and style.get(_TYPE) == "paragraph":  # type: ignore[attr-defined]
                self._assigned[style_id] = None if style is self._default else style.get(_STYLE_ID)  # type: ignore[attr-defined]
            else:
                self._assigned[style_id] = self._document.part.get_style_id(_style(self._document, style_id), WD_STYLE_TYPE.PARAGRAPH)
        return self._assigned[style_id]


_STYLE_ID, _TYPE, _DEFAULT, _NAME, _VAL = qn("w:styleId"), qn("w:type"), qn("w:default"), qn("w:name"), qn("w:val")
_ON = ("1", "true", "on")


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
            _insert_in_order(parent, found, order)
        elif first:
            parent.insert(0, found)  # type: ignore[attr-defined]
        else:
            parent.append(found)  # type: ignore[attr-defined]
    return found


# -- markers: the template prints one paragraph per skeleton item; we build the item --
def _markers(document: DocxDocument, view: DocumentView, styles: _ParagraphStyles) -> None:
    markers = [Paragraph(p, document._body) for p in _styled(document, styles, {MARKER_STYLE})]
    for paragraph in markers:
        item = view.skeleton[int(paragraph.text)]
        if isinstance(item, SectionBreak):
            _section_break(paragraph, item, styles)
            continue
        # -- headers and signatures open and close portrait documents; task tables are landscape --
        width = _text_width("landscape" if isinstance(item, TaskTable) else "portrait")
        if isinstance(item, Header):
            elements = _header(item, width, styles)
        elif isinstance(item, Signature):
            elements = [_signature(item, width, styles)]
            closing = paragraph._p.getprevious()
            if closing is not None and closing.tag == qn("w:p"):
                # -- the last lines of the body go with the signature, never leaving it alone on a page --
                Paragraph(closing, paragraph._parent).paragraph_format.keep_with_next = True
        else:
            elements = [_task_table(item, width, styles)]
        for element in elements:
            paragraph._p.addprevious(element)
        following = paragraph._p.getnext()
        if following is not None and following.tag == qn("w:p"):
            paragraph._p.getparent().remove(paragraph._p)
        else:
            _clear(paragraph)


def _styled(document: DocxDocument, styles: _ParagraphStyles, style_ids: set[str]) -> list[object]:
    """The body paragraphs shown in one of ``style_ids``, in document order.

    Straight to them by XPath: the body holds every paragraph of the plan, and a task
    table thousands. Only when a style is the template's default (a paragraph without
    w:pStyle shows in it) does every paragraph have to be asked."""
    values = [styles.value_for(style_id) for style_id in style_ids]
    if all(value is not None and '"' not in value for value in values):
        test = " or ".join(f'@w:val="{value}"' for value in values)
        return _xpath(f"./w:p[w:pPr/w:pStyle[{test}]]")(document.element.body)  # type: ignore[no-any-return]
    return [p for p in document.element.body.iterchildren(qn("w:p")) if styles.effective_id(p) in style_ids]


@lru_cache(maxsize=64)
def _xpath(expression: str) -> etree.XPath:
    """Compiled once: python-docx's ``element.xpath`` compiles the expression on every call,
    which cost more than the search itself."""
    return etree.XPath(expression, namespaces=nsmap)


def _text_width(orientation: str) -> float:
    return (decree30.LANDSCAPE if orientation == "landscape" else decree30.PORTRAIT).text_width


def _clear(paragraph: Paragraph) -> None:
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)


def _section_break(paragraph: Paragraph, item: SectionBreak, styles: _ParagraphStyles) -> None:
    sect = OxmlElement("w:sectPr")
    sect.set(qn("w:orient-hint"), item.orientation)  # read back by _sections, then removed
    previous = paragraph._p.getprevious()
    if previous is not None and previous.tag == qn("w:p") and styles.effective_id(previous) != MARKER_STYLE:
        ppr = previous.get_or_add_pPr()
        ppr.append(sect)
        paragraph._p.getparent().remove(paragraph._p)
    else:
        _clear(paragraph)
        paragraph._p.get_or_add_pPr().append(sect)


# -- the skeleton tables, written as XML and parsed once each --
# python-docx builds a table call by call, each child placed in schema order by a search; for
# the header, the signature and a task table of thousands of rows that was most of a plan's
# time. The same elements written as text and parsed in one go cost a fraction of it.
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run_xml(text: str) -> str:
    """A run as python-docx's ``run.text = …`` writes it: tabs and line breaks become elements."""
    if not text:
        return ""
    if "\t" not in text and "\n" not in text:
        return f"<w:r>{_t_xml(text)}</w:r>"
    parts = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece == "\n":
            parts.append("<w:br/>")
        elif piece:
            parts.append(_t_xml(piece))
    return f"<w:r>{''.join(parts)}</w:r>"


_BREAKS = re.compile(r"([\t\n])")
_NEEDS_PRESERVE = re.compile(r"^\s|\s$|\s\s")


def _t_xml(text: str) -> str:
    """A w:t, marked ``xml:space="preserve"`` only where spaces would otherwise be lost.

    Marking every cell (as ``run.text`` would not) is harmless in Word but costly here:
    lxml moves a parsed table into the document in time that grows with the square of the
    number of ``xml:`` attributes (5,000 tasks: 120 ms of the move, against 2 ms without).
    """
    if not _SPECIAL.search(text):  # -- most cells: nothing to escape, strip or preserve --
        return f"<w:t>{text}</w:t>"
    text = vn.plain(text)  # -- skeleton text has no emphasis: a private-use character a drafter typed is not a mark --
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # saxutils.escape, inlined
    if _NEEDS_PRESERVE.search(text):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


_SPECIAL = re.compile(f"[&<>{vn.EMPHASIS_MARKS}]|{_NEEDS_PRESERVE.pattern}")


def _p_xml(styles: _ParagraphStyles, text: str, style_id: str, ppr: str = "") -> str:
    """A paragraph; ``ppr`` holds pPr children after pStyle, in schema order."""
    return f"{_p_open(styles, style_id, ppr)}{_run_xml(text)}</w:p>"


def _p_open(styles: _ParagraphStyles, style_id: str, ppr: str = "") -> str:
    """The start of a paragraph up to its first run: the same for every cell of a column."""
    val = styles.value_for(style_id)
    style = f'<w:pStyle w:val="{val}"/>' if val else ""
    return f"<w:p><w:pPr>{style}{ppr}</w:pPr>"


def _ind_xml(left_mm: float, right_mm: float) -> str:
    return f'<w:ind w:left="{Mm(left_mm).twips}" w:right="{Mm(right_mm).twips}" w:firstLine="0"/>'


def _rule_ppr(length_mm: float, available_mm: float) -> str:
    """A solid rule as the bottom border of an empty paragraph, centred (§10: not underscores)."""
    side = max((available_mm - length_mm) / 2, 0)
    border = f'<w:pBdr><w:bottom w:val="single" w:sz="{decree30.RULE_WEIGHT_EIGHTHS}" w:space="1" w:color="000000"/></w:pBdr>'
    return border + _ind_xml(side, side)


def _box_ppr(width_mm: float, available_mm: float, *, align_right: bool = False) -> str:
    """A single-border rectangle around a mark (§5: KHẨN 20 × 8 mm …)."""
    side = max(available_mm - width_mm, 0)
    edges = "".join(f'<w:{edge} w:val="single" w:sz="8" w:space="1" w:color="000000"/>' for edge in ("top", "left", "bottom", "right"))
    left, right = (side, 0.0) if align_right else (side / 2, side / 2)
    return f'<w:pBdr>{edges}</w:pBdr><w:spacing w:before="{Pt(6).twips}"/>' + _ind_xml(left, right)


def _rule(paragraph: Paragraph, length_mm: float, available_mm: float) -> None:
    """The rule of ``_rule_ppr`` on a paragraph the template made."""
    ppr = paragraph._p.get_or_add_pPr()
    for tag in ("w:pBdr", "w:ind"):
        for existing in ppr.findall(qn(tag)):
            ppr.remove(existing)
    for element in list(parse_xml(f"<w:pPr {_W_NS}>{_rule_ppr(length_mm, available_mm)}</w:pPr>")):
        _insert_in_order(ppr, element, _PPR_ORDER)


Cell = list[str]  # the paragraphs of one table cell, as XML


def _table_xml(widths_mm: list[float], rows: list[tuple[str, list[Cell]]], *, borders: bool) -> object:
    """A fixed-layout table centred on the page; ``rows`` are (trPr children, cells).
    A row with fewer cells than columns spans its last cell over the rest."""
    if borders:
        edge = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        padding = 57  # 1 mm inside ruled tables
    else:
        edge = '<w:{0} w:val="nil"/>'
        padding = 0
    edges = "".join(edge.format(name) for name in ("top", "left", "bottom", "right", "insideH", "insideV"))
    twips = [_twips(width) for width in widths_mm]
    parts = [
        f"<w:tbl {_W_NS}><w:tblPr>"
        f'<w:tblW w:w="{_twips(sum(widths_mm))}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{padding}" w:type="dxa"/><w:right w:w="{padding}" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in twips) + "</w:tblGrid>"
    ]
    # -- a cell's opening depends only on its column and on the span of the row's last cell --
    openings = [f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>' for w in twips]
    spanning = [f'<w:tc><w:tcPr><w:tcW w:w="{sum(twips[i:])}" w:type="dxa"/><w:gridSpan w:val="{len(twips) - i}"/></w:tcPr>' for i in range(len(twips))]
    for row_properties, cells in rows:
        parts.append(f"<w:tr><w:trPr>{row_properties}</w:trPr>" if row_properties else "<w:tr>")
        last = len(cells) - 1
        for index, cell in enumerate(cells):
            parts.append(spanning[index] if index == last and len(cells) < len(twips) else openings[index])
            parts.append("".join(cell) or "<w:p/>")  # -- a cell must hold a paragraph --
            parts.append("</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))


# -- the header block (§3, §10): a borderless two-column table --
def _header(header: Header, width: float, styles: _ParagraphStyles) -> list[object]:
    elements: list[object] = []
    if header.draft:
        box = _box_ppr(text_width_mm("DỰ THẢO", 13, bold=True) + 6, width, align_right=True)
        elements.append(parse_xml(f"<w:body {_W_NS}>{_p_xml(styles, 'DỰ THẢO', 'CCHCDuThao', box)}</w:body>")[0])
    left = decree30.HEADER_LEFT_MM
    right = width - left
    issuer = [_p_xml(styles, line, "CCHCCapTren") for line in header.parent] + [_p_xml(styles, line, "CCHCCoQuan") for line in header.issuer]
    issuer_width = max(text_width_mm(line, _size("CCHCCoQuan"), bold=True) for line in header.issuer)
    issuer.append(_p_xml(styles, "", RULE_STYLE, _rule_ppr(issuer_width * decree30.ISSUER_RULE_SHARE, left)))
    motto_width = text_width_mm(decree30.TIEU_NGU, _size("CCHCTieuNgu"), bold=True)
    motto = [
        _p_xml(styles, decree30.QUOC_HIEU, "CCHCQuocHieu"),
        _p_xml(styles, decree30.TIEU_NGU, "CCHCTieuNgu"),
        _p_xml(styles, "", RULE_STYLE, _rule_ppr(motto_width, right)),
    ]
    rows: list[tuple[str, list[Cell]]] = [("", [issuer, motto])]
    if header.number is not None:
        number = [_p_xml(styles, header.number, "CCHCSoKyHieu")]
        for mark in (header.secrecy, header.urgency):
            if mark:
                box_width = decree30.URGENCY_BOX_MM.get(mark, (text_width_mm(mark, 13, bold=True) + 6, 8))[0]
                number.append(_p_xml(styles, mark, "CCHCDauMat", _box_ppr(box_width, left)))
        rows.append(("", [number, [_p_xml(styles, header.place_date or "", "CCHCDiaDanh")]]))
    elements.append(_table_xml([left, right], rows, borders=False))
    return elements


# -- the signature block (§4, §6.1.8): Nơi nhận left, authority and name right --
def _signature(signature: Signature, width: float, styles: _ParagraphStyles) -> object:
    left = width * decree30.SIGNATURE_LEFT_SHARE
    recipients = [_p_xml(styles, "Nơi nhận:", "CCHCNoiNhanTieuDe"), *(_p_xml(styles, line, "CCHCNoiNhan") for line in signature.recipients)]
    signer = [_p_xml(styles, line, "CCHCChucVu") for line in signature.authority]
    signer += [_p_xml(styles, "", "CCHCHoTen")] * decree30.SIGNATURE_BLANK_LINES
    signer.append(_p_xml(styles, signature.name, "CCHCHoTen"))
    # -- the block never splits across pages --
    return _table_xml([left, width - left], [("<w:cantSplit/>", [recipients, signer])], borders=False)


# -- the appendix task table (§5) --
_CENTRED_COLUMNS = {"stt", "thoi_han"}


def _task_table(table_view: TaskTable, width: float, styles: _ParagraphStyles) -> object:
    """Header row repeated on every page; no row splits across pages; area rows span the table."""
    widths = [width * share for share in table_view.widths]
    rows: list[tuple[str, list[Cell]]] = [("<w:cantSplit/><w:tblHeader/>", [[_p_xml(styles, t, "CCHCBangTieuDe")] for t in table_view.titles])]
    group = _p_open(styles, "CCHCBangNhom")
    openings = [_p_open(styles, "CCHCBang", '<w:jc w:val="center"/>' if column in _CENTRED_COLUMNS else "") for column in table_view.columns]
    for row in table_view.rows:
        if row.group:
            rows.append(("<w:cantSplit/>", [[f"{group}{_run_xml(row.cells[0])}</w:p>"]]))
            continue
        cells = [[f"{opening}{_run_xml(text)}</w:p>"] for opening, text in zip(openings, row.cells, strict=True)]
        rows.append(("<w:cantSplit/>", cells))
    return _table_xml(widths, rows, borders=True)


def _size(style_id: str) -> float:
    return decree30.STYLE_BY_ID[style_id].size




def _style(document: DocxDocument, style_id: str) -> object:
    return document.styles[decree30.STYLE_BY_ID[style_id].name]




_PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
              "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
              "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
              "w:rPr", "w:sectPr", "w:pPrChange"]  # fmt: skip




def _insert_in_order(parent: object, child: object, order: list[str]) -> None:
    """Insert where the schema's sequence puts it; Word rejects children out of order."""
    rank = order.index(_prefixed(child.tag))  # type: ignore[attr-defined]
    for index, existing in enumerate(list(parent)):  # type: ignore[call-overload]
        tag = _prefixed(existing.tag)
        if tag in order and order.index(tag) > rank:
            parent.insert(index, child)  # type: ignore[attr-defined]
            return
    parent.append(child)  # type: ignore[attr-defined]




def _prefixed(tag: str) -> str:
    return "w:" + tag.split("}", 1)[1]




def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)





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


def _page_number(paragraph: Paragraph, styles: _ParagraphStyles) -> None:
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


# -- rules in the body: under the title block of each document and appendix (§3.5, §5) --
TITLE_STYLES = {"CCHCTrichYeu", "CCHCPhuLucTieuDe"}


def _body_rules(document: DocxDocument, styles: _ParagraphStyles) -> None:
    """Size each rule from the title above it; a "(kèm theo …)" line between them does not count."""
    title = ""
    for element in _styled(document, styles, {RULE_STYLE, *TITLE_STYLES}):
        paragraph = Paragraph(element, document._body)
        if styles.effective_id(element) == RULE_STYLE:
            available = _text_width(_orientation_at(element))
            line = min(text_width_mm(title, decree30.STYLE_BY_ID["CCHCTrichYeu"].size, bold=True), available)
            _rule(paragraph, line * decree30.TITLE_RULE_SHARE, available)
        else:
            title = vn.plain(paragraph.text)


def _orientation_at(p: object) -> str:
    """The orientation of the section a body paragraph sits in: that of the first section
    break at or after it (the body's own sectPr for the last section)."""
    sect = p.find(_PPR_SECTPR)  # type: ignore[attr-defined]
    if sect is None:
        following = _xpath("following-sibling::w:p/w:pPr/w:sectPr")(p)
        sect = following[0] if following else p.getparent().find(qn("w:sectPr"))  # type: ignore[attr-defined]
    size = sect.find(qn("w:pgSz")) if sect is not None else None
    return "landscape" if size is not None and size.get(qn("w:orient")) == "landscape" else "portrait"


_PPR_SECTPR = qn("w:pPr") + "/" + qn("w:sectPr")


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
