"""The skeleton the template must not get wrong, written as WordprocessingML text from the
view and spliced into the filled template.

Templates fill text; this module owns what Decree 30 fixes to the millimetre and what a
drafter's Word would silently break: the header block with its rules under the issuer and
the motto, the signature block, the appendix task tables, the section breaks between a
decision, a plan and its landscape appendices, and the rule under each title, sized to it.
The template prints one marker paragraph per skeleton item (its text is the item's index in
``view.skeleton``); the marker becomes the item. Every size and length comes from
``decree30``.

It works on text because that is where it is cheap: python-docx builds a table call by call,
each child placed in schema order by a search, and parsing the body to find paragraphs, then
moving parsed tables into it and writing it all out again, cost most of a seed plan's time.
Only paragraphs at the top of the body are markers, rules or titles (the body's children, as
the tree would have them); those inside a template's own tables or text boxes are told apart
by their nesting. A paragraph's properties are edited as an element, the same few in every
document, so each distinct edit is made once.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from functools import lru_cache

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from . import decree30, vn
from .errors import TemplateError
from .metrics import text_width_mm
from .view import DocumentView, Header, SectionBreak, Signature, TaskTable
from .xmltext import as_text, element_end, parse

MARKER_STYLE = "CCHCDanhDau"
RULE_STYLE = "CCHCDuongKe"
TITLE_STYLES = ("CCHCTrichYeu", "CCHCPhuLucTieuDe")  # -- rules under these are sized to them (§3.5, §5) --


def splice(xml: str, view: DocumentView, styles: ParagraphStyles) -> str:
    """The filled template's body ``xml`` with each marker paragraph replaced by its skeleton
    item and each rule under a title sized to the title."""
    needles = {_needle(styles, style_id): style_id for style_id in (MARKER_STYLE, RULE_STYLE, *TITLE_STYLES)}
    found = _top_paragraphs(xml, needles)
    if not found:
        return xml
    marker = next(needle for needle, style_id in needles.items() if style_id == MARKER_STYLE)
    # -- each marker's text is the index of its item; rules look ahead to the next break --
    items = {start: view.skeleton[int(_paragraph_text(xml[start:end]))] for start, end, style_id in found if style_id == MARKER_STYLE}
    out: list[str] = []
    done = 0
    title = ""
    for position, (start, end, style_id) in enumerate(found):
        paragraph = xml[start:end]
        if style_id in TITLE_STYLES:
            title = vn.plain(_paragraph_text(paragraph))
            continue
        if start > done:
            out.append(xml[done:start])
        done = end
        if style_id == RULE_STYLE:
            available = _text_width(_orientation_after(xml, found[position + 1 :], items, end, view))
            # -- a title broken into lines (trich_yeu as a list) is as wide as its longest line: open
            # question 6 of the decree notes; real plans draw the rule under the longest line --
            widest = max(text_width_mm(part, decree30.STYLE_BY_ID["CCHCTrichYeu"].size, bold=True) for part in title.split("\n"))
            line = min(widest, available)
            out.append(_with_ppr(paragraph, _rule_properties, line * decree30.TITLE_RULE_SHARE, available))
            continue
        item = items[start]
        if isinstance(item, SectionBreak):
            sect = f'<w:sectPr w:orient-hint="{item.orientation}"/>'  # -- read back by post-processing, then removed --
            if out and out[-1].endswith("</w:p>") and marker not in _last_paragraph(out[-1])[1]:
                out[-1] = _with_last_paragraph(out[-1], _appended, sect)
            else:
                out.append(_with_ppr(_cleared(paragraph), _appended, sect))
            continue
        # -- headers and signatures open and close portrait documents; task tables are landscape --
        width = _text_width("landscape" if isinstance(item, TaskTable) else "portrait")
        if isinstance(item, Header):
            out.append(_header(item, width, styles))
        elif isinstance(item, Signature):
            if out and out[-1].endswith("</w:p>"):
                # -- the last lines of the body go with the signature, never leaving it alone on a page --
                out[-1] = _with_last_paragraph(out[-1], _kept_with_next)
            out.append(_signature(item, width, styles))
        else:
            out.append(_task_table(item, width, styles))
        if not xml.startswith(("<w:p>", "<w:p "), end):
            out.append(_cleared(paragraph))  # -- a table cannot end the body: the marker stays, empty --
    out.append(xml[done:])
    return "".join(out)


# -- finding the paragraphs --
def _needle(styles: ParagraphStyles, style_id: str) -> str:
    value = styles.value_for(style_id)
    if value is None or '"' in value or "&" in value or "<" in value:
        raise TemplateError(
            f"kiểu đoạn '{decree30.STYLE_BY_ID[style_id].name}' của mẫu không dùng được để đánh dấu "
            f"(là kiểu mặc định, hoặc mã kiểu {value!r} có ký tự đặc biệt).\n"
            "    Gợi ý: trong Word, đặt lại kiểu mặc định là Normal và đổi tên mã kiểu về chữ không dấu."
        )
    return f'<w:pStyle w:val="{value}"/>'


def _top_paragraphs(xml: str, needles: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, style id) of each paragraph at the top of the body shown in one of the
    needles' styles, in document order."""
    nested = _nested_spans(xml)
    found = []
    for needle, style_id in needles.items():
        at = xml.find(needle)
        while at >= 0:
            start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
            end = xml.find("</w:p>", at) + len("</w:p>")
            if start >= 0 and not _inside(nested, start) and xml.find("<w:pPr", start, at) >= 0:
                found.append((start, end, style_id))
            at = xml.find(needle, at + len(needle))
    found.sort()
    return found


_NESTING = re.compile(r"<(/?)w:(tbl|txbxContent)([ >])")


def _nested_spans(xml: str) -> list[tuple[int, int]]:
    """The outermost tables and text boxes of the body: paragraphs inside are not the body's."""
    if "<w:tbl" not in xml and "<w:txbxContent" not in xml:
        return []
    spans = []
    depth = 0
    opened = 0
    for tag in _NESTING.finditer(xml):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                spans.append((opened, tag.end()))
        else:
            if depth == 0:
                opened = tag.start()
            depth += 1
    return spans


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


_TEXT_PIECE = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:(tab|br|cr)\b[^>]*/>")


def _paragraph_text(paragraph: str) -> str:
    """What python-docx's ``paragraph.text`` reads: texts, tabs and line breaks."""
    pieces = []
    for piece in _TEXT_PIECE.finditer(paragraph):
        if piece.group(2):
            pieces.append("\t" if piece.group(2) == "tab" else "\n")
        else:
            pieces.append(html.unescape(piece.group(1)))
    return "".join(pieces)


def _orientation_after(xml: str, following: list[tuple[int, int, str]], items: dict[int, object], end: int, view: DocumentView) -> str:
    """The orientation of the section a rule sits in: that of the first section break after
    it (a marker's, or one of the template's own, portrait), or the document's last."""
    own = xml.find("<w:sectPr", end)
    last = xml.rfind("<w:sectPr")
    for start, _, _ in following:
        if own >= 0 and own < start:
            break
        item = items.get(start)
        if isinstance(item, SectionBreak):
            return item.orientation
    if own >= 0 and own != last:
        return "portrait"
    return view.last_orientation


def _last_paragraph(text: str) -> tuple[int, str]:
    start = max(text.rfind("<w:p>"), text.rfind("<w:p "))
    return start, text[start:]


def _with_last_paragraph(text: str, change: Callable[..., str], *args: object) -> str:
    """``text`` with ``_with_ppr`` applied to the paragraph it ends with."""
    start, paragraph = _last_paragraph(text)
    return text[:start] + _with_ppr(paragraph, change, *args)


# -- editing a paragraph's properties --
def _cleared(paragraph: str) -> str:
    """The paragraph without its runs (python-docx: remove every w:r)."""
    return _RUN.sub("", paragraph)


_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>|<w:r/>", re.DOTALL)


def _with_ppr(paragraph: str, change: Callable[..., str], *args: object) -> str:
    """``paragraph`` with its w:pPr (its children as text) replaced by ``change(children, *args)``."""
    opening_end = paragraph.index(">") + 1
    rest = paragraph[opening_end:]
    children, after = "", rest
    if rest.startswith("<w:pPr"):
        end = element_end(rest, 0, "w:pPr")
        ppr = rest[:end]
        if not ppr.endswith("/>"):
            children = ppr[ppr.index(">") + 1 : -len("</w:pPr>")]
        after = rest[end:]
    return f"{paragraph[:opening_end]}<w:pPr>{change(children, *args)}</w:pPr>{after}"


def _appended(children: str, element: str) -> str:
    return children + element


def _kept_with_next(children: str) -> str:
    """``paragraph_format.keep_with_next = True``."""
    return _edited(children, "<w:keepNext/>", ("w:keepNext",))


def _rule_properties(children: str, length_mm: float, available_mm: float) -> str:
    """The rule of ``_rule_ppr`` on a paragraph the template made."""
    return _edited(children, _rule_ppr(length_mm, available_mm), ("w:pBdr", "w:ind"))


@lru_cache(maxsize=256)
def _edited(children: str, added: str, dropped: tuple[str, ...]) -> str:
    """pPr ``children`` without the ``dropped`` elements and with ``added`` put where the
    schema's sequence puts them, edited as python-docx would edit them. The template makes
    the same few paragraphs in every document, so each edit is worked out once."""
    ppr = parse(f"<w:pPr>{children}</w:pPr>")
    for tag in dropped:
        for existing in ppr.findall(qn(tag)):
            ppr.remove(existing)
    for element in list(parse(f"<w:pPr>{added}</w:pPr>")):
        insert_in_order(ppr, element, _PPR_ORDER)
    text = as_text(ppr)
    return text[text.index(">") + 1 : text.rindex("</w:pPr>")]


# -- the skeleton, as text --
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

    Marking every cell (as ``run.text`` would not) is harmless in Word, but each attribute
    costs bytes and parse time in a table of thousands of cells.
    """
    if not _SPECIAL.search(text):  # -- most cells: nothing to escape, strip or preserve --
        return f"<w:t>{text}</w:t>"
    text = vn.plain(text)  # -- skeleton text has no emphasis: a private-use character a drafter typed is not a mark --
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # saxutils.escape, inlined
    if _NEEDS_PRESERVE.search(text):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


_SPECIAL = re.compile(f"[&<>{vn.EMPHASIS_MARKS}]|{_NEEDS_PRESERVE.pattern}")


def _p_xml(styles: ParagraphStyles, text: str, style_id: str, ppr: str = "") -> str:
    """A paragraph; ``ppr`` holds pPr children after pStyle, in schema order."""
    return f"{_p_open(styles, style_id, ppr)}{_run_xml(text)}</w:p>"


def _p_open(styles: ParagraphStyles, style_id: str, ppr: str = "") -> str:
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


Cell = list[str]  # the paragraphs of one table cell, as XML


def _table_xml(widths_mm: list[float], rows: list[tuple[str, list[Cell]]], *, borders: bool) -> str:
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
        "<w:tbl><w:tblPr>"
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
    return "".join(parts)


# -- the header block (§3, §10): a borderless two-column table --
def _header(header: Header, width: float, styles: ParagraphStyles) -> str:
    elements: list[str] = []
    if header.draft:
        box = _box_ppr(text_width_mm("DỰ THẢO", 13, bold=True) + 6, width, align_right=True)
        elements.append(_p_xml(styles, "DỰ THẢO", "CCHCDuThao", box))
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
    return "".join(elements)


# -- the signature block (§4, §6.1.8): Nơi nhận left, authority and name right --
def _signature(signature: Signature, width: float, styles: ParagraphStyles) -> str:
    left = width * decree30.SIGNATURE_LEFT_SHARE
    recipients = [_p_xml(styles, "Nơi nhận:", "CCHCNoiNhanTieuDe"), *(_p_xml(styles, line, "CCHCNoiNhan") for line in signature.recipients)]
    signer = [_p_xml(styles, line, "CCHCChucVu") for line in signature.authority]
    signer += [_p_xml(styles, "", "CCHCHoTen")] * decree30.SIGNATURE_BLANK_LINES
    signer.append(_p_xml(styles, signature.name, "CCHCHoTen"))
    # -- the block never splits across pages --
    return _table_xml([left, width - left], [("<w:cantSplit/>", [recipients, signer])], borders=False)


# -- the appendix task table (§5) --
_CENTRED_COLUMNS = {"stt", "thoi_han"}


def _task_table(table_view: TaskTable, width: float, styles: ParagraphStyles) -> str:
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


def insert_in_order(parent: object, child: object, order: list[str]) -> None:
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


def _text_width(orientation: str) -> float:
    return (decree30.LANDSCAPE if orientation == "landscape" else decree30.PORTRAIT).text_width


# -- the template's paragraph styles --
class ParagraphStyles:
    """python-docx's paragraph-style lookups, answered from one pass over the styles.

    Each ``paragraph.style`` read or write makes python-docx scan every style of the
    document for the default one (and each lookup by name runs an XPath). A template's
    styles do not change once it is prepared, so one pass when it is compiled indexes them
    and the same rules give the same answers; any case off the common path (a missing or
    mistyped style) is handed to python-docx, so it also fails the way python-docx fails.
    """

    def __init__(self, document: DocxDocument):
        self._document = document
        self._by_name: dict[str | None, object] = {}
        self._default: object | None = None
        for style in document.styles.element.iterchildren(qn("w:style")):
            name = style.find(_NAME)
            if name is not None:
                self._by_name.setdefault(name.get(_VAL), style)
            if style.get(_TYPE) == "paragraph" and style.get(_DEFAULT) in _ON:
                self._default = style  # -- the last default wins, as in python-docx --
        self._assigned: dict[str, str | None] = {}

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


