"""Read a Word file as lines: body paragraphs, tables row by row, text boxes, and the
labels Word's automatic numbering prints (they are not in the paragraph's text).

Only this step of the importer touches python-docx objects.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .clean import is_column_piece, normal
from .source import ImportFailure, Line

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # -- an encrypted .docx (or an old .doc) is an OLE container --


def read_docx(path: Path, data: bytes) -> list[Line]:
    if data.startswith(_OLE):
        raise ImportFailure(
            f"{path}: tệp Word này được đặt mật khẩu (mã hóa) hoặc là tệp .doc cũ; không đọc được.\n"
            "    Gợi ý: mở tệp trong Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu) rồi lưu lại dưới dạng .docx.")
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, Exception) as exc:
        raise ImportFailure(
            f"{path}: tệp Word bị hỏng hoặc không phải .docx ({type(exc).__name__}); không đọc được.\n"
            "    Gợi ý: mở tệp trong Word và lưu lại (Lưu thành… > Tài liệu Word .docx).") from exc
    reader = _Reader(document)
    return reader.lines()


class _Reader:
    def __init__(self, document: object):
        self.document = document
        self.numbering = _Numbering(document)
        self.result: list[Line] = []
        self.count = 0
        self.tables = 0

    def lines(self) -> list[Line]:
        body = self.document.element.body  # type: ignore[attr-defined]
        for element in body.iterchildren():
            if element.tag == qn("w:p"):
                self.paragraph(Paragraph(element, self.document._body))  # type: ignore[attr-defined]
            elif element.tag == qn("w:tbl"):
                self.table(Table(element, self.document._body))  # type: ignore[attr-defined]
        return self.result

    def paragraph(self, paragraph: Paragraph) -> None:
        self.count += 1
        for box in _text_boxes(paragraph._p):
            for inner in box.iterchildren(qn("w:p")):
                text = normal("".join(t.text or "" for t in inner.iter(qn("w:t"))))
                if text:
                    self.result.append(Line(text, self.count, notes=["khung văn bản"]))
        text = _paragraph_text(paragraph)
        label = self.numbering.label(paragraph)
        pieces = [normal(p) for p in re.split(r"\t+", text)]
        if len([p for p in pieces if p]) > 1 and not all(is_column_piece(p) for p in pieces if p):
            pieces = [normal(text)]
        for piece in pieces:
            if piece:
                self.result.append(Line(piece, self.count, typed_label=label))
                label = ""

    def table(self, table: Table) -> None:
        self.tables += 1
        width = len(table.columns)
        for row in table.rows:
            self.count += 1
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(normal("\n".join(_paragraph_text(p) for p in cell.paragraphs)))
            merged = len(cells) == 1 and width > 1
            self.result.append(Line(" ".join(c for c in cells if c), self.count, cells=_split_cells(row, cells), merged=merged, table=self.tables))


def _split_cells(row: object, cells: list[str]) -> list[str]:
    """Each cell's paragraphs, kept apart: a header cell holds several lines."""
    result = []
    seen: set[int] = set()
    for cell in row.cells:  # type: ignore[attr-defined]
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        result.append("\n".join(normal(_paragraph_text(p)) for p in cell.paragraphs))
    return result


def _paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph's own text (runs, tabs, breaks), not that of text boxes it anchors."""
    parts: list[str] = []
    for node in paragraph._p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if _inside_box(node, paragraph._p):
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            if node.getparent().tag == qn("w:r"):
                parts.append("\t")
        else:
            parts.append(" ")
    return "".join(parts)


def _inside_box(node: object, stop: object) -> bool:
    parent = node.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent is not stop:
        if parent.tag == qn("w:txbxContent"):
            return True
        parent = parent.getparent()
    return False


def _text_boxes(p: object) -> list[object]:
    """Text boxes anchored in a paragraph, once each (Word writes a VML copy as fallback)."""
    boxes = []
    for box in p.iter(qn("w:txbxContent")):  # type: ignore[attr-defined]
        parent = box.getparent()
        fallback = False
        while parent is not None and parent is not p:
            if parent.tag.endswith("}Fallback"):
                fallback = True
                break
            parent = parent.getparent()
        if not fallback:
            boxes.append(box)
    return boxes


class _Numbering:
    """The label Word prints for a list paragraph: counters per list and level, lvlText."""

    def __init__(self, document: object):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in node.iterchildren(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for ilvl, value in abstract.get(ref.get(qn("w:val")), {}).items():
                self.formats[(num.get(qn("w:numId")), ilvl)] = value

    def label(self, paragraph: Paragraph) -> str:
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id_node, ilvl_node = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        if num_id_node is None:
            return ""
        num_id = num_id_node.get(qn("w:val"))
        ilvl = int(ilvl_node.get(qn("w:val"))) if ilvl_node is not None else 0
        if (num_id, ilvl) not in self.formats:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = self.formats[(num_id, ilvl)]
        if fmt == "bullet":
            return "+" if "+" in text else "-"

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, start = self.formats.get((num_id, level), ("decimal", "", 1))
            return _format(counters[level] + start - 1, level_fmt)

        return re.sub(r"%(\d)", value, text)


def _num_pr(paragraph: Paragraph) -> object | None:
    """The list a paragraph belongs to: its own numPr, or its style's (List Number…)."""
    ppr = paragraph._p.pPr
    found = ppr.find(qn("w:numPr")) if ppr is not None else None
    style = paragraph.style if found is None else None
    while found is None and style is not None:
        style_ppr = style.element.pPr
        found = style_ppr.find(qn("w:numPr")) if style_ppr is not None else None
        style = style.base_style
    return found


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for value, numeral in numerals:
            while n >= value:
                out += numeral
                n -= value
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(n)
