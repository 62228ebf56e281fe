"""The skeleton's pieces as WordprocessingML text: the header block, the signature block and
the appendix task table, with the runs, paragraphs, rules and boxes they are made of.

Written as text, not built with python-docx (see ``skeleton``): each piece is what
python-docx would write, put together by string formatting, with the parts that are the
same in every row or cell made once. Every size and length comes from ``decree30``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import decree30, vn, xmltext
from .metrics import text_width_mm
from .styles import ParagraphStyles
from .view import Header, Signature, TaskTable
from .wml import twips_from_mm, twips_from_pt

RULE_STYLE = "CCHCDuongKe"


def _run_xml(text: str) -> str:
    """A run as python-docx's ``run.text = …`` writes it: tabs and line breaks become elements,
    and so does the non-breaking hyphen of line breaking (``linebreak``)."""
    if not text:
        return ""
    if "\t" not in text and "\n" not in text and "\u2011" not in text:
        return f"<w:r>{_t_xml(text)}</w:r>"
    parts = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece == "\n":
            parts.append("<w:br/>")
        elif piece == "\u2011":
            parts.append("<w:noBreakHyphen/>")
        elif piece:
            parts.append(_t_xml(piece))
    return f"<w:r>{''.join(parts)}</w:r>"


_BREAKS = re.compile("([\t\n\u2011])")
_NEEDS_PRESERVE = re.compile(r"^\s|\s$|\s\s")


def _t_xml(text: str) -> str:
    """A w:t, marked ``xml:space="preserve"`` only where spaces would otherwise be lost.

    Marking every cell (as ``run.text`` would not) is harmless in Word, but each attribute
    costs bytes and parse time in a table of thousands of cells.
    """
    if not _SPECIAL.search(text):  # -- most cells: nothing to escape, strip or preserve --
        return f"<w:t>{text}</w:t>"
    text = vn.plain(text)  # -- skeleton text has no emphasis: a mark in a Spec built in Python, not loaded, is not printed --
    escaped = xmltext.escaped(text)
    if _NEEDS_PRESERVE.search(text):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


_SPECIAL = re.compile(f"[&<>{vn.EMPHASIS_MARKS}]|{_NEEDS_PRESERVE.pattern}")


def p_xml(styles: ParagraphStyles, text: str, style_id: str, ppr: str = "") -> str:
    """A paragraph; ``ppr`` holds pPr children after pStyle, in schema order."""
    return f"{_p_open(styles, style_id, ppr)}{_run_xml(text)}</w:p>"


def _p_open(styles: ParagraphStyles, style_id: str, ppr: str = "") -> str:
    """The start of a paragraph up to its first run: the same for every cell of a column."""
    val = styles.value_for(style_id)
    style = f'<w:pStyle w:val="{val}"/>' if val else ""
    return f"<w:p><w:pPr>{style}{ppr}</w:pPr>"


def _ind_xml(left_mm: float, right_mm: float) -> str:
    return f'<w:ind w:left="{twips_from_mm(left_mm)}" w:right="{twips_from_mm(right_mm)}" w:firstLine="0"/>'


def rule_ppr(length_mm: float, available_mm: float) -> str:
    """A solid rule as the bottom border of an empty paragraph, centred (§10: not underscores)."""
    side = max((available_mm - length_mm) / 2, 0)
    border = f'<w:pBdr><w:bottom w:val="single" w:sz="{decree30.RULE_WEIGHT_EIGHTHS}" w:space="1" w:color="000000"/></w:pBdr>'
    return border + _ind_xml(side, side)


def _box_ppr(width_mm: float, available_mm: float, *, align_right: bool = False, height_mm: float | None = None, size_pt: float = 13) -> str:
    """A single-border rectangle of ``width_mm`` (outside the border) around a one-line mark.

    Word and LibreOffice draw a paragraph's side borders outside its indents, by the border
    spacing plus the line's own width, so the indents are moved in by that much. With
    ``height_mm`` the line gets an exact height that makes the box that tall (§5: KHẨN 20 × 8
    mm); the text, centred, sits in the middle of it.
    """
    weight = decree30.STAMP_BORDER_EIGHTHS / 8  # points
    side_space, space = decree30.STAMP_SIDE_SPACE_PT, decree30.STAMP_BORDER_SPACE_PT
    edges = "".join(f'<w:{edge} w:val="single" w:sz="{decree30.STAMP_BORDER_EIGHTHS}" w:space="{side_space if edge in ("left", "right") else space}" w:color="000000"/>'
                    for edge in ("top", "left", "bottom", "right"))  # fmt: skip
    outside = (side_space + weight) * _MM_PER_PT
    side = max(available_mm - width_mm, 0)
    left, right = (side, 0.0) if align_right else (side / 2, side / 2)
    spacing = f'w:before="{twips_from_pt(6)}"'
    if height_mm is not None:
        # -- the box is the line plus the spacing and the line of the top and bottom borders --
        line_pt = height_mm / _MM_PER_PT - 2 * (space + weight)
        spacing += f' w:line="{round(max(line_pt, size_pt) * 20)}" w:lineRule="atLeast"'
    return f"<w:pBdr>{edges}</w:pBdr><w:spacing {spacing}/>" + _ind_xml(left + outside, right + outside) + '<w:jc w:val="center"/>'


_MM_PER_PT = 25.4 / 72


def stamp_xml(styles: ParagraphStyles, mark: str, available_mm: float) -> str:
    """A secrecy or urgency stamp (§5): its box of the decree's size, centred under the Số
    line, the mark centred in it in bright red."""
    size = _size("CCHCDauMat")
    width, height = decree30.STAMP_BOX_MM.get(mark, (text_width_mm(mark, size, bold=True) + 6, 8))
    return (f"{_p_open(styles, 'CCHCDauMat', _box_ppr(width, available_mm, height_mm=height, size_pt=size))}"
            f'<w:r><w:rPr><w:color w:val="{decree30.STAMP_COLOUR}"/></w:rPr>{_t_xml(mark)}</w:r></w:p>')


def recipient_ppr() -> str:
    """A Nơi nhận entry hangs (§4.4): the dash at the margin, a wrapped line under the text
    after it, as a clerk sets a list, not back under the dash."""
    return _HANGING


def _hanging_xml() -> str:
    mark = twips_from_mm(text_width_mm(decree30.RECIPIENT_MARK, decree30.STYLE_BY_ID["CCHCNoiNhan"].size, bold=False))
    return f'<w:ind w:left="{mark}" w:right="0" w:hanging="{mark}"/>'


def stamps_xml(styles: ParagraphStyles, marks: list[str], available_mm: float) -> list[str]:
    """The stamps one under the other, each in its own box: between two bordered paragraphs
    of the same width Word and LibreOffice draw one box round both, so an empty 2 pt
    paragraph without borders stands between them."""
    spacer = p_xml(styles, "", RULE_STYLE, '<w:spacing w:before="0" w:after="0"/>')
    paragraphs: list[str] = []
    for mark in marks:
        paragraphs += [spacer] if paragraphs else []
        paragraphs.append(stamp_xml(styles, mark, available_mm))
    return paragraphs


Cell = list[str]  # the paragraphs of one table cell, as XML
# -- a row: its trPr children, its cells, and tcPr children its cells share after tcW/gridSpan --
Row = tuple[str, list[Cell]] | tuple[str, list[Cell], str]


def _table_xml(widths_mm: list[float], rows: Sequence[Row], *, borders: bool) -> str:
    """A fixed-layout table centred on the page; ``rows`` are (trPr children, cells[, tcPr children]).
    A row with fewer cells than columns spans its last cell over the rest."""
    if borders:
        edge = f'<w:{{0}} w:val="single" w:sz="{decree30.TASK_TABLE_BORDER_EIGHTHS}" w:space="0" w:color="000000"/>'
        margins = decree30.TASK_TABLE_CELL_MARGINS  # -- text never touches a rule --
        padding = "".join(f'<w:{side} w:w="{_twips(getattr(margins, side))}" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    else:
        edge = '<w:{0} w:val="nil"/>'
        padding = '<w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
    edges = "".join(edge.format(name) for name in ("top", "left", "bottom", "right", "insideH", "insideV"))
    twips = [_twips(width) for width in widths_mm]
    parts = [
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{_twips(sum(widths_mm))}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{padding}</w:tblCellMar>"
        "</w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in twips) + "</w:tblGrid>"
    ]
    # -- a cell's opening depends only on its column, the span of the row's last cell and the row's shared tcPr --
    openings: dict[str, tuple[list[str], list[str]]] = {}

    def opened(extra: str) -> tuple[list[str], list[str]]:
        if extra not in openings:
            openings[extra] = (
                [f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{extra}</w:tcPr>' for w in twips],
                [f'<w:tc><w:tcPr><w:tcW w:w="{sum(twips[i:])}" w:type="dxa"/><w:gridSpan w:val="{len(twips) - i}"/>{extra}</w:tcPr>' for i in range(len(twips))],
            )
        return openings[extra]

    for row in rows:
        row_properties, cells = row[0], row[1]
        single, spanning = opened(row[2] if len(row) > 2 else "")  # type: ignore[misc]
        parts.append(f"<w:tr><w:trPr>{row_properties}</w:trPr>" if row_properties else "<w:tr>")
        last = len(cells) - 1
        for index, cell in enumerate(cells):
            parts.append(spanning[index] if index == last and len(cells) < len(twips) else single[index])
            parts.append("".join(cell) or "<w:p/>")  # -- a cell must hold a paragraph --
            parts.append("</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


_HANGING = _hanging_xml()


# -- the header block (§3, §10): a borderless two-column table --
def header_xml(header: Header, width: float, styles: ParagraphStyles) -> str:
    elements: list[str] = []
    if header.draft:
        box = _box_ppr(text_width_mm("DỰ THẢO", 13, bold=True) + 6, width, align_right=True)
        elements.append(p_xml(styles, "DỰ THẢO", "CCHCDuThao", box))
    left = decree30.HEADER_LEFT_MM
    right = width - left
    issuer = [p_xml(styles, line, "CCHCCapTren") for line in header.parent] + [p_xml(styles, line, "CCHCCoQuan") for line in header.issuer]
    # -- the rule is a share of the longest printed line: a name broken into lines is measured line by line --
    issuer_width = max(text_width_mm(part, _size("CCHCCoQuan"), bold=True) for line in header.issuer for part in line.split("\n"))
    issuer.append(p_xml(styles, "", RULE_STYLE, rule_ppr(issuer_width * decree30.ISSUER_RULE_SHARE, left)))
    motto_width = text_width_mm(decree30.TIEU_NGU, _size("CCHCTieuNgu"), bold=True)
    motto = [
        p_xml(styles, decree30.QUOC_HIEU, "CCHCQuocHieu"),
        p_xml(styles, decree30.TIEU_NGU, "CCHCTieuNgu"),
        p_xml(styles, "", RULE_STYLE, rule_ppr(motto_width, right)),
    ]
    rows: list[tuple[str, list[Cell]]] = [("", [issuer, motto])]
    if header.number is not None:
        number = [p_xml(styles, header.number, "CCHCSoKyHieu")]
        number += stamps_xml(styles, [mark for mark in (header.secrecy, header.urgency) if mark], left)
        rows.append(("", [number, [p_xml(styles, header.place_date or "", "CCHCDiaDanh")]]))
    elements.append(_table_xml([left, right], rows, borders=False))
    return "".join(elements)


# -- the signature block (§4, §6.1.8): Nơi nhận left, authority and name right --
def signature_xml(signature: Signature, width: float, styles: ParagraphStyles) -> str:
    left = width * decree30.SIGNATURE_LEFT_SHARE
    recipients = [p_xml(styles, "Nơi nhận:", "CCHCNoiNhanTieuDe"), *(p_xml(styles, line, "CCHCNoiNhan", recipient_ppr()) for line in signature.recipients)]
    signer = [p_xml(styles, line, "CCHCChucVu") for line in signature.authority]
    signer += [p_xml(styles, "", "CCHCHoTen")] * decree30.SIGNATURE_BLANK_LINES
    signer.append(p_xml(styles, signature.name, "CCHCHoTen"))
    # -- the block never splits across pages --
    return _table_xml([left, width - left], [("<w:cantSplit/>", [recipients, signer])], borders=False)


# -- the appendix task table (§5) --
_CENTRED_COLUMNS = {"stt", "thoi_han"}


def task_table_xml(table_view: TaskTable, width: float, styles: ParagraphStyles) -> str:
    """Header row repeated on every page, its titles centred both ways; no row splits across
    pages; area rows span the table and keep with the first task below them."""
    widths = [width * share for share in table_view.widths]
    header = [[p_xml(styles, t, "CCHCBangTieuDe")] for t in table_view.titles]
    rows: list[Row] = [("<w:cantSplit/><w:tblHeader/>", header, '<w:vAlign w:val="center"/>')]
    # -- Word and LibreOffice keep a row with the next when its paragraphs keep with the next --
    group = _p_open(styles, "CCHCBangNhom", "<w:keepNext/>")
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


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)
