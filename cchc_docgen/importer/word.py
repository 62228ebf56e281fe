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
from .word_lists import WordLists

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
        self.numbering = WordLists(document)
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
    for node in paragraph._p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:noBreakHyphen")):
        if _inside_box(node, paragraph._p):
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            if node.getparent().tag == qn("w:r"):
                parts.append("\t")
        elif node.tag == qn("w:noBreakHyphen"):
            parts.append("-")  # -- "QĐ-UBND" kept on one line by a non-breaking hyphen --
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
