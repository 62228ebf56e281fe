"""Read facts back out of a rendered DOCX, the way a reviewer would check it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

EMU_PER_MM = 36000


def open_docx(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def iter_blocks(document: DocxDocument) -> Iterator[Paragraph | Table]:
    """Body paragraphs and tables in document order."""
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            yield Paragraph(element, document._body)
        elif element.tag == qn("w:tbl"):
            yield Table(element, document._body)


def all_paragraphs(document: DocxDocument) -> Iterator[Paragraph]:
    """Every paragraph in document order, table cells included (row by row)."""
    for block in iter_blocks(document):
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell appears once per grid column
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def document_text(document: DocxDocument) -> str:
    return "\n".join(p.text for p in all_paragraphs(document))


def _style_chain(paragraph: Paragraph) -> list[Any]:
    chain = []
    style = paragraph.style
    while style is not None:
        chain.append(style)
        style = style.base_style
    return chain


def resolved(paragraph: Paragraph, run: Any, attribute: str) -> Any:
    """A run property resolved as Word does: run, paragraph style chain, document defaults."""
    value = getattr(run.font, attribute)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.font, attribute)
        if value is not None:
            return value
    return None


def resolved_paragraph(paragraph: Paragraph, attribute: str) -> Any:
    value = getattr(paragraph.paragraph_format, attribute)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.paragraph_format, attribute)
        if value is not None:
            return value
    return None


def run_fonts(document: DocxDocument, paragraph: Paragraph, run: Any) -> dict[str, str | None]:
    """Every font slot of a run, resolved through styles and docDefaults."""
    slots = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
    found: dict[str, str | None] = dict.fromkeys(slots)
    chain = [run._r.rPr] + [s.element.rPr for s in _style_chain(paragraph)]
    defaults = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    chain.append(defaults)
    for rpr in chain:
        if rpr is None:
            continue
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            continue
        for slot in slots:
            if found[slot] is None and fonts.get(qn(slot)):
                found[slot] = fonts.get(qn(slot))
    return found


def structure(data: bytes) -> dict[str, Any]:
    """A JSON-able projection of a document for snapshots: text with its style facts,
    tables, and section page setup. Never raw bytes."""
    document = open_docx(data)
    blocks: list[dict[str, Any]] = []
    for block in iter_blocks(document):
        if isinstance(block, Paragraph):
            if block.text.strip() or _has_border(block):
                blocks.append(_paragraph_facts(block))
        else:
            rows = []
            for row in block.rows:
                cells = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append([_paragraph_facts(p) for p in cell.paragraphs if p.text.strip() or _has_border(p)])
                rows.append(cells)
            blocks.append({"table": rows})
    sections = []
    for section in document.sections:
        sections.append({
            "page_mm": [round(section.page_width / EMU_PER_MM), round(section.page_height / EMU_PER_MM)],
            "margins_mm": [round(m / EMU_PER_MM) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)],
            "orientation": "landscape" if section.page_width > section.page_height else "portrait",
            "different_first_page": section.different_first_page_header_footer,
        })
    return {"blocks": blocks, "sections": sections}


def _has_border(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:pBdr")) is not None


def _paragraph_facts(paragraph: Paragraph) -> dict[str, Any]:
    alignment = resolved_paragraph(paragraph, "alignment")
    runs = [r for r in paragraph.runs if r.text]
    bold = sorted({bool(resolved(paragraph, r, "bold")) for r in runs})
    italic = sorted({bool(resolved(paragraph, r, "italic")) for r in runs})
    sizes = sorted({resolved(paragraph, r, "size").pt for r in runs if resolved(paragraph, r, "size") is not None})
    facts: dict[str, Any] = {
        "text": paragraph.text,
        "style": paragraph.style.name if paragraph.style is not None else None,
        "align": str(alignment).split(".")[-1].split(" ")[0] if alignment is not None else None,
        "bold": bold,
        "italic": italic,
        "size": sizes,
    }
    if _has_border(paragraph):
        facts["rule"] = True
    return facts
