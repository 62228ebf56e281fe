"""Build the skeleton the template must not get wrong, on the rendered python-docx Document.

Templates fill text; this module owns what Decree 30 fixes to the millimetre and what a
drafter's Word would silently break: fonts in every slot, A4 and its margins, the header
block, the rules under the issuer, motto and title, the signature block, the appendix
table, section breaks with their orientation and page numbering, and the page-number
field. Every size and length comes from ``decree30``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from . import decree30, vn
from .metrics import text_width_mm
from .view import DocumentView, Header, SectionBreak, Signature, TaskTable

MARKER_STYLE = "CCHCDanhDau"
RULE_STYLE = "CCHCDuongKe"


def finish(document: DocxDocument, view: DocumentView, *, created: dt.datetime) -> None:
    """Turn a rendered template into a Decree 30 document."""
    styles = _ParagraphStyles(document)
    _fonts(document)
    _markers(document, view, styles)
    _sections(document, view, styles)
    _body_rules(document, styles)
    _emphasis(document)
    _properties(document, view, created)


# -- inline emphasis: the view marks **đậm** and *nghiêng* with private-use characters --
_MARK_STATE = {vn.BOLD_START: ("bold", True), vn.BOLD_END: ("bold", False), vn.ITALIC_START: ("italic", True), vn.ITALIC_END: ("italic", False)}


def _emphasis(document: DocxDocument) -> None:
    """Split each marked run into runs that are bold or italic where the drafter asked."""
    body = document.element.body
    marked = [t.getparent() for t in body.iter(qn("w:t")) if t.text and any(c in t.text for c in vn.EMPHASIS_MARKS)]
    for run in dict.fromkeys(marked):
        _split_run(run)


def _split_run(run: object) -> None:
    rpr = run.find(qn("w:rPr"))  # type: ignore[attr-defined]
    state = {"bold": False, "italic": False}
    pieces: list[tuple[object, bool, bool]] = []  # (element, bold, italic)
    for child in list(run):  # type: ignore[call-overload]
        if child is rpr:
            continue
        if child.tag != qn("w:t"):
            pieces.append((child, state["bold"], state["italic"]))
            continue
        buffer: list[str] = []
        for char in child.text or "":
            if char in _MARK_STATE:
                if buffer:
                    pieces.append((_text_element("".join(buffer)), state["bold"], state["italic"]))
                    buffer = []
                attribute, value = _MARK_STATE[char]
                state[attribute] = value
            else:
                buffer.append(char)
        if buffer:
            pieces.append((_text_element("".join(buffer)), state["bold"], state["italic"]))
    paragraph = run.getparent()  # type: ignore[attr-defined]
    for element, bold, italic in pieces:
        new_run = OxmlElement("w:r")
        if rpr is not None:
            new_run.append(copy.deepcopy(rpr))
        new_run.append(element)
        proxy = Run(new_run, paragraph)
        if bold:
            proxy.bold = True
        if italic:
            proxy.italic = True
        run.addprevious(new_run)  # type: ignore[attr-defined]
    paragraph.remove(run)


def _text_element(text: str) -> object:
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


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
        if style_id not in self._assigned:
            style = self._by_name.get(decree30.STYLE_BY_ID[style_id].name)
            if style is not None and style.get(_TYPE) == "paragraph":  # type: ignore[attr-defined]
                self._assigned[style_id] = None if style is self._default else style.get(_STYLE_ID)  # type: ignore[attr-defined]
            else:
                self._assigned[style_id] = self._document.part.get_style_id(_style(self._document, style_id), WD_STYLE_TYPE.PARAGRAPH)
        paragraph._p.style = self._assigned[style_id]

    def add_paragraph(self, cell: _Cell, text: str, style_id: str) -> Paragraph:
        """``cell.add_paragraph(text, style=…)``."""
        paragraph = cell.add_paragraph(text)
        self.apply(paragraph, style_id)
        return paragraph


_STYLE_ID, _TYPE, _DEFAULT, _NAME, _VAL = qn("w:styleId"), qn("w:type"), qn("w:default"), qn("w:name"), qn("w:val")
_ON = ("1", "true", "on")


# -- fonts: Times New Roman in every slot, whatever the template says (§1, §10) --
def _fonts(document: DocxDocument) -> None:
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    _set_fonts(rpr_default)
    lang = _child(rpr_default, "w:lang")
    for slot in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(slot), decree30.LANGUAGE)
    for style in styles_element.findall(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _set_fonts(rpr)
    for run_fonts in document.element.body.iter(qn("w:rFonts")):
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            run_fonts.set(qn(slot), decree30.FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            run_fonts.attrib.pop(qn(theme), None)


def _set_fonts(rpr: object) -> None:
    fonts = _child(rpr, "w:rFonts", first=True)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), decree30.FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _child(parent: object, tag: str, *, first: bool = False) -> object:
    found = parent.find(qn(tag))  # type: ignore[attr-defined]
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)  # type: ignore[attr-defined]
        else:
            parent.append(found)  # type: ignore[attr-defined]
    return found


# -- markers: the template prints one paragraph per skeleton item; we build the item --
def _markers(document: DocxDocument, view: DocumentView, styles: _ParagraphStyles) -> None:
    markers = [p for p in document.paragraphs if styles.effective_id(p._p) == MARKER_STYLE]
    for paragraph in markers:
        item = view.skeleton[int(paragraph.text)]
        if isinstance(item, SectionBreak):
            _section_break(paragraph, item)
            continue
        # -- headers and signatures open and close portrait documents; task tables are landscape --
        width = _text_width("landscape" if isinstance(item, TaskTable) else "portrait")
        if isinstance(item, Header):
            elements = _header(document, item, width, styles)
        elif isinstance(item, Signature):
            elements = [_signature(document, item, width, styles)]
            closing = paragraph._p.getprevious()
            if closing is not None and closing.tag == qn("w:p"):
                # -- the last lines of the body go with the signature, never leaving it alone on a page --
                Paragraph(closing, paragraph._parent).paragraph_format.keep_with_next = True
        else:
            elements = [_task_table(document, item, width, styles)]
        for element in elements:
            paragraph._p.addprevious(element)
        following = paragraph._p.getnext()
        if following is not None and following.tag == qn("w:p"):
            paragraph._p.getparent().remove(paragraph._p)
        else:
            _clear(paragraph)


def _text_width(orientation: str) -> float:
    return (decree30.LANDSCAPE if orientation == "landscape" else decree30.PORTRAIT).text_width


def _clear(paragraph: Paragraph) -> None:
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)


def _section_break(paragraph: Paragraph, item: SectionBreak) -> None:
    sect = OxmlElement("w:sectPr")
    sect.set(qn("w:orient-hint"), item.orientation)  # read back by _sections, then removed
    previous = paragraph._p.getprevious()
    if previous is not None and previous.tag == qn("w:p") and not _is_marker(previous):
        ppr = previous.get_or_add_pPr()
        ppr.append(sect)
        paragraph._p.getparent().remove(paragraph._p)
    else:
        _clear(paragraph)
        paragraph._p.get_or_add_pPr().append(sect)


def _is_marker(p: object) -> bool:
    style = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))  # type: ignore[attr-defined]
    return style is not None and style.get(qn("w:val")) == MARKER_STYLE


# -- the header block (§3, §10): a borderless two-column table --
def _header(document: DocxDocument, header: Header, width: float, styles: _ParagraphStyles) -> list[object]:
    elements: list[object] = []
    if header.draft:
        mark = _detached_paragraph(document, "DỰ THẢO", "CCHCDuThao", styles)
        _box(mark, text_width_mm("DỰ THẢO", 13, bold=True) + 6, width, align_right=True)
        elements.append(mark._p)
    left = decree30.HEADER_LEFT_MM
    right = width - left
    rows = 2 if header.number is not None else 1
    table = _table(document, rows, [left, right], borders=False)
    issuer_cell, motto_cell = table.cell(0, 0), table.cell(0, 1)
    paragraphs = [(line, "CCHCCapTren") for line in header.parent] + [(line, "CCHCCoQuan") for line in header.issuer]
    _fill(styles, issuer_cell, paragraphs)
    issuer_width = max(text_width_mm(line, _size("CCHCCoQuan"), bold=True) for line in header.issuer)
    _rule(styles.add_paragraph(issuer_cell, "", RULE_STYLE), issuer_width * decree30.ISSUER_RULE_SHARE, left)
    _fill(styles, motto_cell, [(decree30.QUOC_HIEU, "CCHCQuocHieu"), (decree30.TIEU_NGU, "CCHCTieuNgu")])
    motto_width = text_width_mm(decree30.TIEU_NGU, _size("CCHCTieuNgu"), bold=True)
    _rule(styles.add_paragraph(motto_cell, "", RULE_STYLE), motto_width, right)
    if header.number is not None:
        number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
        _fill(styles, number_cell, [(header.number, "CCHCSoKyHieu")])
        _fill(styles, date_cell, [(header.place_date or "", "CCHCDiaDanh")])
        for mark in (header.secrecy, header.urgency):
            if mark:
                box = styles.add_paragraph(number_cell, mark, "CCHCDauMat")
                box_width = decree30.URGENCY_BOX_MM.get(mark, (text_width_mm(mark, 13, bold=True) + 6, 8))[0]
                _box(box, box_width, left)
    elements.append(table._tbl)
    return elements


def _size(style_id: str) -> float:
    return decree30.STYLE_BY_ID[style_id].size


def _style(document: DocxDocument, style_id: str) -> object:
    return document.styles[decree30.STYLE_BY_ID[style_id].name]


def _fill(styles: _ParagraphStyles, cell: _Cell, lines: Iterable[tuple[str, str]]) -> None:
    first = True
    for text, style_id in lines:
        if first:
            paragraph = cell.paragraphs[0]
            styles.apply(paragraph, style_id)
            paragraph.add_run(text)
            first = False
        else:
            styles.add_paragraph(cell, text, style_id)


def _rule(paragraph: Paragraph, length_mm: float, available_mm: float) -> None:
    """A solid rule as the bottom border of an empty paragraph, centred (§10: not underscores)."""
    side = max((available_mm - length_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.first_line_indent = Mm(0)
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is not None:
        ppr.remove(borders)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(decree30.RULE_WEIGHT_EIGHTHS))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    _insert_in_order(ppr, borders, _PPR_ORDER)


def _box(paragraph: Paragraph, width_mm: float, available_mm: float, *, align_right: bool = False) -> None:
    """A single-border rectangle around a mark (§5: KHẨN 20 × 8 mm …)."""
    fmt = paragraph.paragraph_format
    side = max(available_mm - width_mm, 0)
    fmt.left_indent = Mm(side if align_right else max(side / 2, 0))
    fmt.right_indent = Mm(0 if align_right else max(side / 2, 0))
    fmt.first_line_indent = Mm(0)
    fmt.space_before = Pt(6)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "8")
        line.set(qn("w:space"), "1")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    _insert_in_order(ppr, borders, _PPR_ORDER)


# pPr children must keep the schema's order or Word calls the file corrupt.
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


def _detached_paragraph(document: DocxDocument, text: str, style_id: str, styles: _ParagraphStyles) -> Paragraph:
    paragraph = document.add_paragraph(text)
    styles.apply(paragraph, style_id)
    paragraph._p.getparent().remove(paragraph._p)
    return paragraph


# -- tables --
def _table(document: DocxDocument, rows: int, widths_mm: list[float], *, borders: bool) -> Table:
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table._tbl.getparent().remove(table._tbl)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(_twips(sum(widths_mm))))
    total.set(qn("w:type"), "dxa")
    existing = tbl_pr.find(qn("w:tblW"))
    if existing is not None:
        tbl_pr.remove(existing)
    tbl_pr.append(total)
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single" if borders else "nil")
        if borders:
            line.set(qn("w:sz"), "4")
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), "000000")
        edges.append(line)
    tbl_pr.append(edges)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), "57" if borders else "0")  # 1 mm of padding inside ruled tables
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    _sort_tbl_pr(tbl_pr)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(_twips(width)))
    # -- a new table has one w:tc per grid column, so its cells are its w:tc elements --
    lengths = [Mm(width) for width in widths_mm]
    for tr in table._tbl.tr_lst:
        for tc, length in zip(tr.tc_lst, lengths, strict=True):
            tc.width = length
    return table


_TBLPR_ORDER = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
                "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
                "w:tblLook", "w:tblCaption", "w:tblDescription"]  # fmt: skip


def _sort_tbl_pr(tbl_pr: object) -> None:
    children = list(tbl_pr)  # type: ignore[call-overload]
    for child in children:
        tbl_pr.remove(child)  # type: ignore[attr-defined]
    children.sort(key=lambda c: _TBLPR_ORDER.index(_prefixed(c.tag)) if _prefixed(c.tag) in _TBLPR_ORDER else 99)
    for child in children:
        tbl_pr.append(child)  # type: ignore[attr-defined]


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


# -- the signature block (§4, §6.1.8): Nơi nhận left, authority and name right --
def _signature(document: DocxDocument, signature: Signature, width: float, styles: _ParagraphStyles) -> object:
    left = width * decree30.SIGNATURE_LEFT_SHARE
    table = _table(document, 1, [left, width - left], borders=False)
    recipients_cell, signer_cell = table.cell(0, 0), table.cell(0, 1)
    _fill(styles, recipients_cell, [("Nơi nhận:", "CCHCNoiNhanTieuDe"), *((line, "CCHCNoiNhan") for line in signature.recipients)])
    lines = [(line, "CCHCChucVu") for line in signature.authority]
    lines += [("", "CCHCHoTen")] * decree30.SIGNATURE_BLANK_LINES
    lines.append((signature.name, "CCHCHoTen"))
    _fill(styles, signer_cell, lines)
    _row_property(table.rows[0]._tr, "w:cantSplit")  # -- the block never splits across pages --
    return table._tbl


def _row_property(tr: object, tag: str) -> None:
    tr_pr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    if tr_pr.find(qn(tag)) is None:
        element = OxmlElement(tag)
        if tag == "w:tblHeader":
            tr_pr.append(element)
        else:
            tr_pr.insert(0, element)


# -- the appendix task table (§5) --
def _task_table(document: DocxDocument, table_view: TaskTable, width: float, styles: _ParagraphStyles) -> object:
    widths = [width * share for share in table_view.widths]
    # -- one row of each kind is built the python-docx way; the others are copies of it with
    # -- their own text, which makes the same XML in a fraction of the time (a plan may list
    # -- thousands of tasks, each a row of six cells) --
    table = _table(document, 2, widths, borders=True)
    tbl = table._tbl
    header, blank = tbl.tr_lst
    for cell, title in zip(_cells(header, table), table_view.titles, strict=True):
        _fill(styles, cell, [(title, "CCHCBangTieuDe")])
    _row_property(header, "w:cantSplit")
    _row_property(header, "w:tblHeader")
    _row_property(blank, "w:cantSplit")
    task_row = copy.deepcopy(blank)
    for column, cell in zip(table_view.columns, _cells(task_row, table), strict=True):
        _fill(styles, cell, [("x", "CCHCBang")])
        if column in ("stt", "thoi_han"):
            cell.paragraphs[0].alignment = 1  # centred
    cells = _cells(blank, table)  # -- python-docx merges only inside a table --
    merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    _fill(styles, merged, [("x", "CCHCBangNhom")])
    tbl.remove(blank)
    for row_view in table_view.rows:
        tr = copy.deepcopy(blank if row_view.group else task_row)
        tbl.append(tr)
        runs = [tc.find(_P).find(_R) for tc in tr.iterchildren(_TC)]
        for run, text in zip(runs, row_view.cells, strict=True):
            _set_run_text(run, text)
    return tbl


_TC, _P, _R, _T = qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:t")


def _set_run_text(r: object, text: str) -> None:
    """``run.text = text`` on a run holding one ``w:t``; plain text skips python-docx's
    character-by-character conversion of tabs and line breaks, which it does not need."""
    plain = text and text.strip() == text and "\t" not in text and "\n" not in text and "\r" not in text
    if plain:
        r.find(_T).text = text  # type: ignore[attr-defined]
    else:
        r.text = text  # type: ignore[attr-defined]


def _cells(tr: object, table: Table) -> list[_Cell]:
    """The cells of a row not yet merged: ``row.cells`` without its grid-span bookkeeping."""
    return [_Cell(tc, table) for tc in tr.tc_lst]  # type: ignore[attr-defined]


# -- sections: page setup, numbering from 1, no number on the first page (§1, §5) --
def _sections(document: DocxDocument, view: DocumentView, styles: _ParagraphStyles) -> None:
    sections = list(document.sections)
    for index, section in enumerate(sections):
        hint = section._sectPr.get(qn("w:orient-hint"))
        if hint is not None:
            del section._sectPr.attrib[qn("w:orient-hint")]
        orientation = hint or (view.last_orientation if index == len(sections) - 1 else "portrait")
        page = decree30.LANDSCAPE if orientation == "landscape" else decree30.PORTRAIT
        section.orientation = WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(page.width), Mm(page.height)
        section.top_margin, section.bottom_margin = Mm(page.top), Mm(page.bottom)
        section.left_margin, section.right_margin = Mm(page.left), Mm(page.right)
        section.header_distance = Mm(page.header)
        section.footer_distance = Mm(page.header)
        section.gutter = Mm(0)
        section.different_first_page_header_footer = True
        numbering = section._sectPr.find(qn("w:pgNumType"))
        if numbering is None:
            numbering = OxmlElement("w:pgNumType")
            _insert_in_order(section._sectPr, numbering, _SECT_ORDER)
        numbering.set(qn("w:start"), "1")
        numbering.set(qn("w:fmt"), "decimal")
        if index == 0:
            section.header.is_linked_to_previous = False
            _page_number(section.header.paragraphs[0], styles)
            section.first_page_header.is_linked_to_previous = False
        else:
            section.header.is_linked_to_previous = True
            section.first_page_header.is_linked_to_previous = True


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
    body = document.element.body
    orientation_of = _orientations(document)
    title = ""
    for element in body.iterchildren():
        if element.tag != qn("w:p"):
            continue
        paragraph = Paragraph(element, document._body)
        style_id = styles.effective_id(element) or ""
        if style_id == RULE_STYLE:
            available = _text_width(orientation_of(element))
            line = min(text_width_mm(title, decree30.STYLE_BY_ID["CCHCTrichYeu"].size, bold=True), available)
            _rule(paragraph, line * decree30.TITLE_RULE_SHARE, available)
        elif style_id in TITLE_STYLES:
            title = vn.plain(paragraph.text)


def _orientations(document: DocxDocument):  # type: ignore[no-untyped-def]
    """Which page orientation each body paragraph sits on."""
    owner: dict[object, str] = {}
    pending: list[object] = []
    for element in document.element.body.iterchildren():
        pending.append(element)
        sect = element.find(qn("w:pPr") + "/" + qn("w:sectPr")) if element.tag == qn("w:p") else None
        if element.tag == qn("w:sectPr"):
            sect = element
        if sect is not None:
            size = sect.find(qn("w:pgSz"))
            landscape = size is not None and size.get(qn("w:orient")) == "landscape"
            for item in pending:
                owner[item] = "landscape" if landscape else "portrait"
            pending = []
    return lambda element: owner.get(element, "portrait")


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
