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


def open_docx(data: bytes, *, laid_out: bool = False) -> DocxDocument:
    """The document as python-docx reads it. Line breaking's non-breaking spaces and hyphens
    (cchc_docgen.linebreak) are read as plain ones, since what a test of content or of the
    decree's layout reads is the text; ``laid_out=True`` keeps them, for the tests of line
    breaking itself (test_layout)."""
    document = Document(io.BytesIO(data))
    if not laid_out:
        body = document.element.body
        for node in body.iter(qn("w:t")):
            if node.text and "\u00a0" in node.text:
                node.text = node.text.replace("\u00a0", " ")
        for node in list(body.iter(qn("w:noBreakHyphen"))):
            hyphen = node.makeelement(qn("w:t"), {})
            hyphen.text = "-"
            node.addnext(hyphen)
            node.getparent().remove(node)
    return document


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


def plain(text: str) -> str:
    """Text as read, not as laid out: line breaking's non-breaking spaces and hyphens
    (cchc_docgen.linebreak; their own tests check them) read as the plain ones."""
    return text.replace("\u00a0", " ").replace("\u2011", "-")


def document_text(document: DocxDocument, breaks: str = "\n", *, keep: bool = False) -> str:
    """Every paragraph's text, a line each; ``breaks`` replaces the line breaks inside a
    paragraph (" ": read a title or a "kèm theo" line broken in two as the one line it says);
    ``keep``: non-breaking spaces as they are."""
    return "\n".join((p.text if keep else plain(p.text)).replace("\n", breaks) for p in all_paragraphs(document))


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
    """A JSON-able projection of a document for snapshots: text with the layout a drafter
    sees (fonts, size, indents, spacing, keep-with-next, borders with their lengths), tables
    with their column widths, and each section's page setup, headers and page-number
    fields. Values are rounded and written as short strings, so a snapshot diff reads as a
    list of what changed. Never raw bytes."""
    document = open_docx(data)
    text_width = _text_width_mm(document.sections[0])
    blocks: list[dict[str, Any]] = []
    for block in iter_blocks(document):
        if isinstance(block, Paragraph):
            if block.text.strip() or _has_border(block):
                blocks.append(_paragraph_facts(document, block, text_width))
        else:
            blocks.append(_table_facts(document, block))
    return {"blocks": blocks, "sections": [_section_facts(document, s) for s in document.sections]}


def _text_width_mm(section: Any) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / EMU_PER_MM


def _table_facts(document: DocxDocument, table: Table) -> dict[str, Any]:
    grid = [int(c.get(qn("w:w"))) / TWIPS_PER_MM for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    rows = []
    for row in table.rows:
        cells = []
        seen: set[int] = set()
        column = 0
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            span = int(cell._tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val"))) if cell._tc.tcPr is not None and cell._tc.tcPr.find(qn("w:gridSpan")) is not None else 1
            width = sum(grid[column : column + span])
            column += span
            cells.append([_paragraph_facts(document, p, width) for p in cell.paragraphs if p.text.strip() or _has_border(p)])
        trpr = row._tr.trPr
        flags = [name for tag, name in (("w:tblHeader", "header repeats"), ("w:cantSplit", "never splits")) if trpr is not None and trpr.find(qn(tag)) is not None]
        rows.append({"cells": cells, "row": ", ".join(flags)} if flags else {"cells": cells})
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    kinds = sorted({e.get(qn("w:val")) for e in borders}) if borders is not None else []
    return {"table": rows, "columns_mm": " + ".join(f"{w:.1f}" for w in grid), "borders": "/".join(kinds) or "default"}


def _section_facts(document: DocxDocument, section: Any) -> dict[str, Any]:
    numbering = section._sectPr.find(qn("w:pgNumType"))
    start = numbering.get(qn("w:start")) if numbering is not None else None
    landscape = section.page_width > section.page_height
    facts: dict[str, Any] = {
        "page": f"{section.page_width / EMU_PER_MM:.0f} × {section.page_height / EMU_PER_MM:.0f} mm {'landscape' if landscape else 'portrait'}",
        "margins_mm": " ".join(f"{m / EMU_PER_MM:.1f}" for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin))
        + " (top bottom left right)",
        "header_distance_mm": round(section.header_distance / EMU_PER_MM, 1),
        "page_numbers": (f"from {start}" if start else "continued") + (", page 1 has its own header" if section.different_first_page_header_footer else ""),
    }
    width = _text_width_mm(section)
    for name, part in (("header", section.header), ("first_page_header", section.first_page_header), ("footer", section.footer)):
        if part.is_linked_to_previous:
            facts[name] = "as the previous section"
            continue
        fields = [f.strip() for f in part._element.xpath(".//w:instrText/text()")] + list(part._element.xpath(".//w:fldSimple/@w:instr"))
        paragraphs = [_paragraph_facts(document, p, width) for p in part.paragraphs if p.text.strip() or _has_border(p) or p._p.xpath(".//w:instrText|.//w:fldSimple")]
        facts[name] = {"fields": sorted(fields), "paragraphs": paragraphs} if fields or paragraphs else "empty"
    return facts


TWIPS_PER_MM = 1440 / 25.4


def _has_border(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:pBdr")) is not None


def _mm(length: Any) -> float:
    return round((length or 0) / EMU_PER_MM, 1)


def _run_format(document: DocxDocument, paragraph: Paragraph, run: Any) -> str:
    fonts = sorted({f or "?" for f in run_fonts(document, paragraph, run).values()})
    size = resolved(paragraph, run, "size")
    parts = ["/".join(fonts), f"{size.pt:g} pt" if size is not None else "? pt"]
    parts += [name for name in ("bold", "italic", "underline") if resolved(paragraph, run, name)]
    return " ".join(parts)


def _paragraph_facts(document: DocxDocument, paragraph: Paragraph, available_mm: float) -> dict[str, Any]:
    alignment = resolved_paragraph(paragraph, "alignment")
    left, right = _mm(resolved_paragraph(paragraph, "left_indent")), _mm(resolved_paragraph(paragraph, "right_indent"))
    first = _mm(resolved_paragraph(paragraph, "first_line_indent"))
    before, after = resolved_paragraph(paragraph, "space_before"), resolved_paragraph(paragraph, "space_after")
    spacing = resolved_paragraph(paragraph, "line_spacing")
    layout = [str(alignment).split(".")[-1].split(" ")[0].lower() if alignment is not None else "left (default)"]
    if left or right:
        layout.append(f"indent {left:g}/{right:g} mm")
    if first:
        layout.append(f"first line {first:+g} mm")
    layout.append(f"before {before.pt:g} pt" if before is not None else "before 0")
    layout.append(f"after {after.pt:g} pt" if after is not None else "after 0")
    if isinstance(spacing, float):
        layout.append(f"{spacing:.2f} lines")
    elif spacing is not None:
        layout.append(f"line {spacing.pt:g} pt")
    if resolved_paragraph(paragraph, "keep_with_next"):
        layout.append("keep with next")
    if resolved_paragraph(paragraph, "page_break_before"):
        layout.append("page break before")
    formats = sorted({_run_format(document, paragraph, r) for r in paragraph.runs if r.text})
    facts: dict[str, Any] = {
        "text": paragraph.text,
        "style": paragraph.style.name if paragraph.style is not None else None,
        "layout": ", ".join(layout),
        "runs": " | ".join(formats),
    }
    if _has_border(paragraph):
        edges = paragraph._p.pPr.find(qn("w:pBdr"))
        length = round(available_mm - left - right, 1)
        facts["border"] = ", ".join(f"{e.tag.split('}')[1]} {e.get(qn('w:val'))} {int(e.get(qn('w:sz'), '0')) / 8:g} pt" for e in edges) + f", {length:g} mm long"
    return facts
