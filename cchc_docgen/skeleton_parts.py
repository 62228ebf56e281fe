"""The skeleton's pieces as WordprocessingML text: the header block, the signature block and
the appendix task table, with the runs, paragraphs, rules and boxes they are made of.

Written as text, not built with python-docx (see ``skeleton``): each piece is what
python-docx would write, put together by string formatting, with the parts that are the
same in every row or cell made once. Every size and length comes from ``decree30``.
"""

from __future__ import annotations

import re

from docx.shared import Mm, Pt

from . import decree30, vn
from .metrics import text_width_mm
from .styles import ParagraphStyles
from .view import Header, Signature, TaskTable

RULE_STYLE = "CCHCDuongKe"


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


def p_xml(styles: ParagraphStyles, text: str, style_id: str, ppr: str = "") -> str:
    """A paragraph; ``ppr`` holds pPr children after pStyle, in schema order."""
    return f"{_p_open(styles, style_id, ppr)}{_run_xml(text)}</w:p>"


def _p_open(styles: ParagraphStyles, style_id: str, ppr: str = "") -> str:
    """The start of a paragraph up to its first run: the same for every cell of a column."""
    val = styles.value_for(style_id)
    style = f'<w:pStyle w:val="{val}"/>' if val else ""
    return f"<w:p><w:pPr>{style}{ppr}</w:pPr>"


def _ind_xml(left_mm: float, right_mm: float) -> str:
    return f'<w:ind w:left="{Mm(left_mm).twips}" w:right="{Mm(right_mm).twips}" w:firstLine="0"/>'


def rule_ppr(length_mm: float, available_mm: float) -> str:
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
def header_xml(header: Header, width: float, styles: ParagraphStyles) -> str:
    elements: list[str] = []
    if header.draft:
        box = _box_ppr(text_width_mm("DỰ THẢO", 13, bold=True) + 6, width, align_right=True)
        elements.append(p_xml(styles, "DỰ THẢO", "CCHCDuThao", box))
    left = decree30.HEADER_LEFT_MM
    right = width - left
    issuer = [p_xml(styles, line, "CCHCCapTren") for line in header.parent] + [p_xml(styles, line, "CCHCCoQuan") for line in header.issuer]
    issuer_width = max(text_width_mm(line, _size("CCHCCoQuan"), bold=True) for line in header.issuer)
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
        for mark in (header.secrecy, header.urgency):
            if mark:
                box_width = decree30.URGENCY_BOX_MM.get(mark, (text_width_mm(mark, 13, bold=True) + 6, 8))[0]
                number.append(p_xml(styles, mark, "CCHCDauMat", _box_ppr(box_width, left)))
        rows.append(("", [number, [p_xml(styles, header.place_date or "", "CCHCDiaDanh")]]))
    elements.append(_table_xml([left, right], rows, borders=False))
    return "".join(elements)


# -- the signature block (§4, §6.1.8): Nơi nhận left, authority and name right --
def signature_xml(signature: Signature, width: float, styles: ParagraphStyles) -> str:
    left = width * decree30.SIGNATURE_LEFT_SHARE
    recipients = [p_xml(styles, "Nơi nhận:", "CCHCNoiNhanTieuDe"), *(p_xml(styles, line, "CCHCNoiNhan") for line in signature.recipients)]
    signer = [p_xml(styles, line, "CCHCChucVu") for line in signature.authority]
    signer += [p_xml(styles, "", "CCHCHoTen")] * decree30.SIGNATURE_BLANK_LINES
    signer.append(p_xml(styles, signature.name, "CCHCHoTen"))
    # -- the block never splits across pages --
    return _table_xml([left, width - left], [("<w:cantSplit/>", [recipients, signer])], borders=False)


# -- the appendix task table (§5) --
_CENTRED_COLUMNS = {"stt", "thoi_han"}


def task_table_xml(table_view: TaskTable, width: float, styles: ParagraphStyles) -> str:
    """Header row repeated on every page; no row splits across pages; area rows span the table."""
    widths = [width * share for share in table_view.widths]
    rows: list[tuple[str, list[Cell]]] = [("<w:cantSplit/><w:tblHeader/>", [[p_xml(styles, t, "CCHCBangTieuDe")] for t in table_view.titles])]
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


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)
