"""The yardstick: the same plan rendered the way one would by hand with docxtpl.

A by-hand script loads a docxtpl template, renders a context and saves, every time. The
template here carries the same content as our output: the header lines, every body
paragraph of the plan through one ``{%p for %}`` loop, the signature block, and the
appendix table through one ``{%tr for %}`` row. It starts from our own template package,
so styles, theme and settings weigh the same, and it escapes values (``&`` and ``<`` occur
in real plans and would corrupt an unescaped file). Its context is built from our view
before the clock starts, so the baseline is timed on docxtpl's work alone.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docxtpl import DocxTemplate

from cchc_docgen.view import DocumentView, Header, Signature, TaskTable

SKIPPED_KINDS = {"danh_dau", "duong_ke"}


def build_template(base: Path, out: Path) -> Path:
    """Write the baseline template, starting from the package ``base`` (our template)."""
    document = Document(str(base))
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    for table in list(document.tables):
        body.remove(table._tbl)
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "{{ issuer }}"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "{{ number }}"
    header.cell(1, 1).text = "{{ place_date }}"
    for line in ("{%p for p in paragraphs %}", "{{ p }}", "{%p endfor %}"):
        document.add_paragraph(line)
    signature = document.add_table(rows=1, cols=2)
    left, right = signature.cell(0, 0), signature.cell(0, 1)
    left.text = "Nơi nhận:"
    for line in ("{%p for r in recipients %}", "{{ r }}", "{%p endfor %}"):
        left.add_paragraph(line)
    right.text = "{{ authority }}"
    right.add_paragraph("{{ signer }}")
    document.add_paragraph("{{ appendix_title }}")
    table = document.add_table(rows=4, cols=6)
    titles = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm")
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    table.cell(1, 0).text = "{%tr for t in tasks %}"
    for index, cell in enumerate(table.rows[2].cells):
        cell.text = "{{ t[" + str(index) + "] }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    # -- docxtpl renders the core properties too; ours mention "{% … %}" to warn drafters --
    document.core_properties.comments = "Mẫu đối chứng docxtpl"
    document.core_properties.title = "Kế hoạch cải cách hành chính"
    document.save(str(out))
    return out


def context_of(views: list[DocumentView]) -> dict[str, Any]:
    """The values the baseline template prints, taken from our view of the same plan."""
    view = views[0]
    paragraphs = [f"{b.label}{b.text}" for v in views for b in v.blocks if b.kind not in SKIPPED_KINDS]
    header = next((s for s in view.skeleton if isinstance(s, Header)), None)
    signature = next((s for s in view.skeleton if isinstance(s, Signature)), None)
    tasks: list[list[str]] = []
    for table in (s for v in views for s in v.skeleton if isinstance(s, TaskTable)):
        for row in table.rows:
            cells = list(row.cells) + [""] * (6 - len(row.cells))
            tasks.append(cells[:6])
    return {
        "issuer": "\n".join(header.issuer) if header else "",
        "number": (header.number or "") if header else "",
        "place_date": (header.place_date or "") if header else "",
        "paragraphs": paragraphs,
        "recipients": signature.recipients if signature else [],
        "authority": "\n".join(signature.authority) if signature else "",
        "signer": signature.name if signature else "",
        "appendix_title": "DANH MỤC NHIỆM VỤ",
        "tasks": tasks,
    }


def render(template: Path, context: dict[str, Any]) -> bytes:
    """What a by-hand script does for every document: load, render, save."""
    document = DocxTemplate(str(template))
    document.render(context, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
