"""Decree 30 facts read back from a finished DOCX.

The expected values come from ``support.decree_values``, written from the decree and the
README's chosen values, never from the renderer's own constants: a wrong constant there
must fail here. What only exists on the laid-out page (a rule's length against its line,
the face glyphs are drawn in) is measured on LibreOffice's PDF by ``support.page_facts``.
Each check is recorded as a fact so a test can both assert all of them and report how
many it asserted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from . import decree_values as dv
from .docx_facts import EMU_PER_MM, all_paragraphs, iter_blocks, resolved, resolved_paragraph, run_fonts

NUMBER_LINE = re.compile(r"^Số: ?(\d{2,}| +)/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$")
DATE_LINE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]| +) ?tháng (0[12]|[3-9]|1[0-2]| +) năm \d{4}$")
TWIPS_PER_MM = 1440 / 25.4


@dataclass
class Facts:
    name: str
    checked: list[tuple[str, bool, str]] = field(default_factory=list)

    def check(self, fact: str, ok: bool, detail: Any = "") -> None:
        self.checked.append((fact, bool(ok), str(detail)))

    @property
    def failures(self) -> list[str]:
        return [f"{self.name}: {fact} ({detail})" for fact, ok, detail in self.checked if not ok]


def check_document(document: DocxDocument, name: str) -> Facts:
    facts = Facts(name)
    _page_setup(document, facts)
    _fonts(document, facts)
    _page_numbers(document, facts)
    blocks = list(iter_blocks(document))
    headers = [b for b in blocks if isinstance(b, Table) and _is_header(b)]
    facts.check("every document opens with a header block", len(headers) >= 1, len(headers))
    for table in headers:
        _header_block(table, facts)
    _titles(blocks, facts)
    _body(document, facts)
    for table in (b for b in blocks if isinstance(b, Table) and _is_signature(b)):
        _signature(table, facts)
    for table in (b for b in blocks if isinstance(b, Table) and _is_task_table(b)):
        _task_table(table, facts)
    _decisions(blocks, facts)
    _attached_plans(blocks, facts)
    _appendices(document, blocks, facts)
    _final_mark(blocks, facts)
    return facts


def _paragraphs(blocks: list[Any]) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph)]


def _decisions(blocks: list[Any], facts: Facts) -> None:
    """§6.1: italic căn cứ ending ';' then '.', the centred bold 'QUYẾT ĐỊNH:', Điều 1…n."""
    paragraphs = _paragraphs(blocks)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text != "QUYẾT ĐỊNH":
            continue
        end = next(i for i in range(index, len(paragraphs)) if paragraphs[i].text == "QUYẾT ĐỊNH:")
        authority = paragraphs[end - 1 - sum(1 for p in paragraphs[index:end] if p.style.style_id == "CCHCCanCu")]
        facts.check("the decision's authority line is bold capitals, centred", authority.text == authority.text.upper()
                    and _style_of(authority)["bold"] and resolved_paragraph(authority, "alignment") == WD_ALIGN_PARAGRAPH.CENTER, authority.text)
        bases = [p for p in paragraphs[index:end] if p.style.style_id == "CCHCCanCu"]
        facts.check("the căn cứ lines are italic 13–14 pt", bases and all(_style_of(p)["italic"] and 13 <= _style_of(p)["size"] <= 14 for p in bases))
        facts.check("each căn cứ ends with ';' and the last with '.'", bases and all(p.text.endswith(";") for p in bases[:-1]) and bases[-1].text.endswith("."))
        marker = paragraphs[end]
        facts.check("'QUYẾT ĐỊNH:' is bold and centred", _style_of(marker)["bold"] and resolved_paragraph(marker, "alignment") == WD_ALIGN_PARAGRAPH.CENTER)
        numbers = []
        for following in paragraphs[end + 1 :]:
            if following.style.style_id == "CCHCTenLoai":
                break
            match = re.match(r"^Điều (\d+)\. ", following.text)
            if match:
                numbers.append(int(match.group(1)))
                first = next(r for r in following.runs if r.text)
                facts.check(f"'Điều {match.group(1)}.' is bold", bool(resolved(following, first, "bold")) and first.text.startswith("Điều"))
        facts.check("articles are numbered 1…n without gaps", numbers == list(range(1, len(numbers) + 1)) and numbers, numbers)
        signature = next((b for b in blocks[blocks.index(paragraph):] if isinstance(b, Table) and _is_signature(b)), None)
        if signature is not None:
            authority_lines = [p.text for p in signature.cell(0, 1).paragraphs if p.text.strip()]
            collective = not authority.text.startswith("CHỦ TỊCH ")
            facts.check("the signature matches the authority line (TM. only for a collective decision)",
                        authority_lines[0].startswith("TM. ") == collective, (authority.text, authority_lines[0]))


def _attached_plans(blocks: list[Any], facts: Facts) -> None:
    """§6.2: a plan issued with a decision has the 'kèm theo' line and no Số/date of its own."""
    for index, block in enumerate(blocks):
        if not (isinstance(block, Paragraph) and block.style.style_id == "CCHCKemTheo" and block.text.startswith("(Ban hành kèm theo Quyết định số")):
            continue
        facts.check("the 'kèm theo' line is italic and centred", _style_of(block)["italic"] and resolved_paragraph(block, "alignment") == WD_ALIGN_PARAGRAPH.CENTER)
        facts.check("the 'kèm theo' line names the decision's number and date", re.search(r"số ( +|\d{2,})/QĐ-[^ ]+ ngày", block.text.replace("\n", " ")), block.text)
        header = next(b for b in reversed(blocks[:index]) if isinstance(b, Table))
        facts.check("the attached plan's header has no Số/date row", _is_header(header) and len(header.rows) == 1)


def _appendices(document: DocxDocument, blocks: list[Any], facts: Facts) -> None:
    """§5: 'Phụ lục' heading, title in capitals, italic 'kèm theo' line, landscape section."""
    headings = [b for b in _paragraphs(blocks) if b.style.style_id == "CCHCPhuLuc"]
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    facts.check("each appendix has its own landscape section", len(landscape) == len(headings), (len(landscape), len(headings)))
    numbered = [h.text for h in headings]
    if len(numbered) > 1:
        facts.check("several appendices are numbered I, II, …", numbered == [f"Phụ lục {r}" for r in ("I", "II", "III", "IV", "V")[: len(numbered)]], numbered)
    for heading in headings:
        facts.check("'Phụ lục' is bold 14 pt, centred", _style_of(heading) == {"size": 14, "bold": True, "italic": False}
                    and resolved_paragraph(heading, "alignment") == WD_ALIGN_PARAGRAPH.CENTER)
        following = _paragraphs(blocks)
        title = following[following.index(heading) + 1]
        facts.check("the appendix title is bold capitals", title.text == title.text.upper() and _style_of(title)["bold"])
        line = following[following.index(heading) + 2]
        facts.check("the appendix's '(Kèm theo …)' line is italic", line.text.startswith("(Kèm theo ") and _style_of(line)["italic"], line.text)


def _final_mark(blocks: list[Any], facts: Facts) -> None:
    """§6.1.7: each document's body ends with './.' right after the last word."""
    paragraphs = _paragraphs(blocks)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.style_id == "CCHCTenLoai":
            end = next((i for i in range(index + 1, len(paragraphs)) if paragraphs[i].style.style_id in ("CCHCTenLoai", "CCHCPhuLuc")), len(paragraphs))
            body = [p for p in paragraphs[index:end] if p.style.style_id in ("CCHCThan", "CCHCTieuDe", "CCHCMuc") and p.text.strip()]
            facts.check(f"the body of {paragraph.text} ends with './.'", body and re.search(r"\w\)?\./\.$", body[-1].text), body[-1].text[-40:] if body else "")


def _mm(value: int | None) -> float:
    return (value or 0) / EMU_PER_MM


def _page_setup(document: DocxDocument, facts: Facts) -> None:
    for index, section in enumerate(document.sections):
        landscape = section.page_width > section.page_height
        page = dv.LANDSCAPE if landscape else dv.PORTRAIT
        where = f"section {index + 1}"
        facts.check(f"{where} is A4", (round(_mm(section.page_width)), round(_mm(section.page_height))) == (page.width, page.height),
                    (_mm(section.page_width), _mm(section.page_height)))
        margins = tuple(round(_mm(m)) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin))
        facts.check(f"{where} margins follow the decree", margins == (page.top, page.bottom, page.left, page.right), margins)
        ranges = [dv.MARGIN_RANGES[edge] for edge in ("top", "bottom", "left", "right")]
        facts.check(f"{where} margins lie in the decree's ranges", all(low <= m <= high for m, (low, high) in zip(margins, ranges, strict=True)), margins)
        facts.check(f"{where} hides the number on its first page", section.different_first_page_header_footer)
        numbering = section._sectPr.find(qn("w:pgNumType"))
        facts.check(f"{where} numbers its pages from 1", numbering is not None and numbering.get(qn("w:start")) == "1")


def _fonts(document: DocxDocument, facts: Facts) -> None:
    wrong = []
    count = 0
    for paragraph in all_paragraphs(document):
        for run in paragraph.runs:
            if not run.text:
                continue
            count += 1
            fonts = run_fonts(document, paragraph, run)
            if any(fonts.get(slot) != dv.FONT for slot in dv.FONT_SLOTS):
                wrong.append((run.text[:30], fonts))
    facts.check(f"all {count} runs resolve to Times New Roman in every font slot", not wrong, wrong[:3])


def _page_numbers(document: DocxDocument, facts: Facts) -> None:
    first = document.sections[0]
    default_xml = first.header._element.xml if not first.header.is_linked_to_previous else ""
    facts.check("the page header carries a PAGE field", "PAGE" in default_xml)
    paragraph = first.header.paragraphs[0] if first.header.paragraphs else None
    facts.check("the page number is centred", paragraph is not None and resolved_paragraph(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER)
    size = resolved(paragraph, paragraph.runs[0], "size") if paragraph is not None and paragraph.runs else None
    facts.check("the page number is 14 pt", size is not None and size.pt == dv.SIZE["page_number"], size)
    first_page_xml = first.first_page_header._element.xml
    facts.check("the first page shows no number", "PAGE" not in first_page_xml)


def _is_header(table: Table) -> bool:
    return any(p.text == dv.QUOC_HIEU for p in table.cell(0, 1).paragraphs) if len(table.columns) == 2 else False


def _is_signature(table: Table) -> bool:
    return len(table.columns) == 2 and table.cell(0, 0).paragraphs[0].text == "Nơi nhận:"


def _is_task_table(table: Table) -> bool:
    return table.rows[0].cells[0].text.strip() == "STT"


def _style_of(paragraph: Paragraph, run_index: int = 0) -> dict[str, Any]:
    runs = [r for r in paragraph.runs if r.text]
    run = runs[run_index] if runs else None
    if run is None:
        return {}
    size = resolved(paragraph, run, "size")
    return {"size": size.pt if size else None, "bold": bool(resolved(paragraph, run, "bold")), "italic": bool(resolved(paragraph, run, "italic"))}


def _rule_length(paragraph: Paragraph, available_mm: float, edge: str = "w:bottom") -> float | None:
    """The length of a paragraph's border edge: the space between its indents."""
    ppr = paragraph._p.pPr
    if ppr is None or ppr.find(qn("w:pBdr") + "/" + qn(edge)) is None:
        return None
    ind = ppr.find(qn("w:ind"))
    left = int(ind.get(qn("w:left"), "0")) / TWIPS_PER_MM if ind is not None else 0
    right = int(ind.get(qn("w:right"), "0")) / TWIPS_PER_MM if ind is not None else 0
    return available_mm - left - right


def _cell_width(table: Table, column: int) -> float:
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    return int(grid[column].get(qn("w:w"))) / TWIPS_PER_MM


def _header_block(table: Table, facts: Facts) -> None:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    facts.check("the header table has no borders", borders is not None and all(e.get(qn("w:val")) in ("nil", "none") for e in borders))
    issuer = [p for p in table.cell(0, 0).paragraphs if p.text.strip()]
    bold_issuer = [p for p in issuer if _style_of(p)["bold"]]
    facts.check("the issuing body is bold, in capitals, 12 pt", bold_issuer and all(p.text == p.text.upper() and _style_of(p)["size"] == dv.SIZE["issuer"] for p in bold_issuer))
    for parent in (p for p in issuer if not _style_of(p)["bold"]):
        facts.check("the parent body is upright, not bold, 12 pt", not _style_of(parent)["italic"] and _style_of(parent)["size"] == dv.SIZE["parent"])
    facts.check("the issuing body comes last in its cell", bool(issuer) and _style_of(issuer[-1])["bold"])
    rules = [p for p in table.cell(0, 0).paragraphs if _rule_length(p, _cell_width(table, 0)) is not None]
    rule = _rule_length(rules[0], _cell_width(table, 0)) if rules else None
    facts.check("a rule drawn as a border sits under the issuer", rule is not None)  # -- its length: page_facts --
    motto_cell = table.cell(0, 1).paragraphs
    national = next(p for p in motto_cell if p.text == dv.QUOC_HIEU)
    motto = next((p for p in motto_cell if p.text == dv.TIEU_NGU), None)
    facts.check("the Quốc hiệu is bold capitals, 12 pt", _style_of(national)["bold"] and _style_of(national)["size"] == dv.SIZE["quoc_hieu"])
    facts.check("the Tiêu ngữ reads as the decree writes it", motto is not None)
    if motto is not None:
        facts.check("the Tiêu ngữ is bold, 13 pt", _style_of(motto)["bold"] and _style_of(motto)["size"] == dv.SIZE["tieu_ngu"])
        motto_rules = [p for p in motto_cell if _rule_length(p, _cell_width(table, 1)) is not None]
        facts.check("a rule drawn as a border sits under the Tiêu ngữ", bool(motto_rules))
        facts.check("no underscores stand in for rules", all("___" not in p.text for row in table.rows for c in row.cells for p in c.paragraphs))
    if len(table.rows) > 1:
        number = table.cell(1, 0).paragraphs[0]
        date = table.cell(1, 1).paragraphs[0]
        facts.check("the Số line has the decree's form (leading zero below 10)", NUMBER_LINE.match(number.text), number.text)
        facts.check("the Số line is upright 13 pt", _style_of(number) == {"size": dv.SIZE["number"], "bold": False, "italic": False}, _style_of(number))
        facts.check("the date line pads days 01–09 and months 01–02 only", DATE_LINE.match(date.text), date.text)
        facts.check("the date line is italic 13 pt", _style_of(date)["italic"] and _style_of(date)["size"] == dv.SIZE["date"])
        for stamp in (p for p in table.cell(1, 0).paragraphs if p.text in dv.STAMP_BOX_MM):
            from .table_facts import stamp_facts  # -- table_facts reads page_facts, which reads this module --

            width = stamp_facts(stamp, _cell_width(table, 0)).width_mm
            expected = dv.STAMP_BOX_MM[stamp.text][0]
            facts.check(f"the {stamp.text} stamp is a box {expected} mm wide", width is not None and abs(width - expected) <= dv.STAMP_TOLERANCE_MM, width)
        facts.check("Số and date are centred in their columns", resolved_paragraph(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER == resolved_paragraph(date, "alignment"))


def _titles(blocks: list[Any], facts: Facts) -> None:
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    for index, paragraph in enumerate(paragraphs):
        style = paragraph.style.style_id if paragraph.style is not None else ""
        if style == "CCHCTenLoai":
            facts.check(f"tên loại {paragraph.text!r} is bold capitals 13–14 pt, centred",
                        paragraph.text == paragraph.text.upper() and _style_of(paragraph)["bold"] and 13 <= _style_of(paragraph)["size"] <= 14
                        and resolved_paragraph(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER)
            following = paragraphs[index + 1]
            facts.check("the trích yếu follows, bold and centred", following.style.style_id == "CCHCTrichYeu" and _style_of(following)["bold"])
            rest = paragraphs[index + 2 : index + 4]
            rule = next((p for p in rest if p.style.style_id == "CCHCDuongKe"), None)
            length = _rule_length(rule, dv.PORTRAIT.text_width) if rule is not None else None
            facts.check("a rule drawn as a border sits under the trích yếu", length is not None and 0 < length < dv.PORTRAIT.text_width, length)  # -- its length: page_facts --


def _body(document: DocxDocument, facts: Facts) -> None:
    body_styles = {"CCHCThan", "CCHCMuc", "CCHCTieuDe", "CCHCCanCu"}
    wrong = []
    count = 0
    for paragraph in document.paragraphs:
        if paragraph.style is None or paragraph.style.style_id not in body_styles or not paragraph.text.strip():
            continue
        count += 1
        align = resolved_paragraph(paragraph, "alignment")
        indent = resolved_paragraph(paragraph, "first_line_indent")
        after = resolved_paragraph(paragraph, "space_after")
        spacing = resolved_paragraph(paragraph, "line_spacing")
        size = _style_of(paragraph).get("size")
        heading = paragraph.style.style_id in dv.HEADING_STYLES
        ok = (align == (WD_ALIGN_PARAGRAPH.LEFT if heading else WD_ALIGN_PARAGRAPH.JUSTIFY) and indent is not None and round(indent.cm, 2) == dv.BODY_INDENT_CM
              and after is not None and after.pt == dv.BODY_SPACE_AFTER_PT and spacing == dv.BODY_LINE_SPACING and size == dv.SIZE["body"])
        if not ok:
            wrong.append((paragraph.text[:40], align, indent and round(indent.cm, 2), after and after.pt, spacing, size))
    facts.check(f"all {count} body paragraphs are justified (headings flush left), indented 1.27 cm, 6 pt apart, 1.15 lines, 14 pt", not wrong, wrong[:3])


def _signature(table: Table, facts: Facts) -> None:
    left, right = table.cell(0, 0).paragraphs, table.cell(0, 1).paragraphs
    facts.check("'Nơi nhận:' is bold italic 12 pt", _style_of(left[0]) == {"size": dv.SIZE["noi_nhan"], "bold": True, "italic": True}, _style_of(left[0]))
    entries = [p for p in left[1:] if p.text.strip()]
    facts.check("each recipient is 11 pt upright", all(_style_of(p) == {"size": dv.SIZE["recipient"], "bold": False, "italic": False} for p in entries))
    facts.check("each recipient line starts '- ' and ends ';'", all(p.text.startswith("- ") and p.text.endswith(";") for p in entries[:-1]))
    facts.check("the list ends with '- Lưu: VT, ….'", entries and re.match(r"^- Lưu: VT(, .+)?\.$", entries[-1].text), entries[-1].text if entries else "")
    authority = [p for p in right if p.text.strip()]
    facts.check("authority, title and name are bold 14 pt", all(_style_of(p)["bold"] and _style_of(p)["size"] == dv.SIZE["signer"] for p in authority))
    facts.check("authority lines use the decree's prefixes", all(p.text == p.text.upper() for p in authority[:-1])
                and all(not re.match(r"^[A-Z]{1,3}\.", p.text) or p.text.split(" ")[0] in dv.SIGNER_PREFIXES for p in authority[:-1]))
    blank = len(right) - len(authority)
    facts.check("space is left for the signature and seal", blank >= dv.SIGNATURE_BLANK_LINES, blank)
    facts.check("the signature block cannot split across pages", table._tbl.tr_lst[0].trPr is not None and table._tbl.tr_lst[0].trPr.find(qn("w:cantSplit")) is not None)
    before = table._tbl.getprevious()
    facts.check("the closing paragraph keeps with the signature", before is not None and before.pPr is not None and before.pPr.find(qn("w:keepNext")) is not None)
    widths = [_cell_width(table, 0), _cell_width(table, 1)]
    facts.check("Nơi nhận takes 45 % and the signature 55 %", abs(widths[0] / sum(widths) - dv.SIGNATURE_LEFT_SHARE) <= dv.SIGNATURE_TOLERANCE, widths)


def _task_table(table: Table, facts: Facts) -> None:
    rows = table._tbl.findall(qn("w:tr"))
    header = rows[0].find(qn("w:trPr"))
    facts.check("the task table's header row repeats on every page", header is not None and header.find(qn("w:tblHeader")) is not None)
    facts.check("no task-table row splits across pages",
                all(r.find(qn("w:trPr")) is not None and r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows))
    width = sum(_cell_width(table, i) for i in range(len(table.columns)))
    facts.check("the task table spans the landscape text width", abs(width - dv.LANDSCAPE.text_width) < 1, width)
