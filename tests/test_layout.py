"""Every document the catalogue renders meets Decree 30: read back from the DOCX, and
measured on the page LibreOffice lays out. The expected values are the decree's and the
README's, written down in support/decree_values.py, never the renderer's own constants."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pdfplumber
import pytest

import cchc_docgen
from cchc_docgen import decree30
from cchc_docgen.metrics import text_width_mm
from cchc_docgen.wml import qn

from conftest import EXAMPLES, PLAN_SPECS, REPORT, Rendered
from support import decree_values as dv
from support import office as office_support
from support.decree_checks import Facts, _rule_length, check_document
from support.docx_facts import iter_blocks, open_docx, resolved
from support.line_facts import centred_pieces, judge
from support.page_facts import check_pdf
from support.small_plans import plan
from support.table_facts import (
    TWIPS_PER_MM,
    cell_margins_mm,
    deadline_lines,
    group_rows_ending_a_page,
    hanging_indent_mm,
    recipient_lines,
    stamp_boxes,
    stamp_colour,
    stamp_facts,
    stretched_headings,
    task_tables,
)

_COUNTS: dict[str, int] = {}

# -- facts the current renderer gets wrong on the page (see /work/coord/NOTES-h-tests.md);
# each has its own strict xfail test below, so fixing one turns that test red until the
# entry is removed --
KNOWN_DEFECTS: dict[tuple[str, str], str] = {}


def _known(label: str, fact: str) -> bool:
    return (label.split("/")[0], fact) in KNOWN_DEFECTS


def test_every_catalogue_document_meets_decree_30(catalogue: list[Rendered]) -> None:
    failures = []
    for item in catalogue:
        facts = check_document(open_docx(item.document.data), item.label)
        _COUNTS[item.label] = len(facts.checked)
        failures += facts.failures
    REPORT["layout facts asserted"] = f"{sum(_COUNTS.values())} over {len(_COUNTS)} documents"
    assert not failures, "\n".join(failures[:20])


def _page_facts(item: Rendered, pdf: Path) -> Facts:
    document = open_docx(item.document.data)
    titles = [p.text for p in document.paragraphs if p.style is not None and p.style.style_id == "CCHCTrichYeu"]
    stamps = [p.text for t in document.tables for row in t.rows[1:2] for p in row.cells[0].paragraphs if p.text in dv.URGENCY_BOX_MM]
    facts = Facts(item.label)
    check_pdf(pdf, titles, stamps[0] if stamps else None, len(document.sections), facts)
    return facts


def test_every_catalogue_document_meets_decree_30_on_the_page(catalogue: list[Rendered], catalogue_pdfs: dict[str, Path]) -> None:
    failures, count = [], 0
    for item in catalogue:
        facts = _page_facts(item, catalogue_pdfs[item.label])
        count += len(facts.checked)
        failures += [f"{item.label}: {fact} ({detail})" for fact, ok, detail in facts.checked if not ok and not _known(item.label, fact)]
    REPORT["layout facts measured on LibreOffice's pages"] = f"{count} over {len(catalogue)} documents"
    assert not failures, "\n".join(failures[:20])


def test_the_rule_under_a_wrapped_issuing_name_is_40_percent_of_its_longest_printed_line(catalogue: list[Rendered], catalogue_pdfs: dict[str, Path]) -> None:
    [item] = [r for r in catalogue if r.spec.stem == "so-2026"]
    facts = _page_facts(item, catalogue_pdfs[item.label])
    assert [fact for fact, _, _ in facts.checked if "issuer's rule" in fact]
    assert not [f for f in facts.failures if "issuer's rule" in f]


# -- line breaking (issue 15): centred lines broken between words as a clerk breaks them,
# written as explicit breaks and non-breaking spaces; judged on LibreOffice's page by
# underthesea's word segmentation, which the renderer does not use --
def test_no_centred_line_wraps_inside_a_word_or_leaves_one_syllable_alone_on_the_page(catalogue: list[Rendered], catalogue_pdfs: dict[str, Path]) -> None:
    checked = wraps = 0
    bad, missing = [], []
    for item in catalogue:
        found = judge(catalogue_pdfs[item.label], centred_pieces(open_docx(item.document.data)))
        checked += found.lines_checked
        wraps += found.wraps
        bad += [(item.label, wrap) for wrap in found.bad]
        missing += [(item.label, piece) for piece in found.pieces_missing]
    REPORT["centred lines judged on LibreOffice's pages (underthesea)"] = f"{checked} lines, {wraps} soft wraps, {len(bad)} bad, {len(missing)} pieces not found"
    assert checked > 200 and len(missing) <= checked // 50, missing[:10]
    assert not bad, bad[:10]


def test_a_departments_name_breaks_explicitly_before_its_conjunction_in_the_docx() -> None:
    [document] = cchc_docgen.render(cchc_docgen.load_spec(next(p for p in EXAMPLES if p.stem == "so-2026")))
    issuer = [p for p in open_docx(document.data, laid_out=True).tables[0].cell(0, 0).paragraphs if p.style.style_id == "CCHCCoQuan"]
    assert [p.text.replace("\u00a0", " ") for p in issuer] == ["SỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG"]
    assert "<w:br/>" in issuer[0]._p.xml


def test_references_and_names_in_the_docx_hold_non_breaking_spaces_and_hyphens() -> None:
    [document] = cchc_docgen.render(cchc_docgen.load_spec(next(p for p in EXAMPLES if p.stem == "xa-2026-2030-giai-doan")), mode="gop")
    opened = open_docx(document.data, laid_out=True)
    body = [p for p in opened.paragraphs if p.style is not None and p.style.style_id in ("CCHCThan", "CCHCCanCu")]
    texts = [p.text for p in body]
    assert any(re.search("số\u00a0\\d+/[A-ZĐ]+", text) for text in texts), texts[:5]
    assert any("<w:noBreakHyphen/>" in p._p.xml for p in body)
    assert any("Ủy\u00a0ban\u00a0nhân\u00a0dân" in text for text in texts)
    # -- a paragraph's last two syllables stay together: no lone syllable before './.' --
    closing = next(text for text in reversed(texts) if text.endswith("./."))
    assert closing.rsplit(" ", 1)[-1].count("\u00a0") >= 1, closing


# -- stamps (§5): boxes of the decree's size, the mark centred in bright red --
STAMP_PAIRS = [("MẬT", "KHẨN"), ("TỐI MẬT", "THƯỢNG KHẨN"), ("TUYỆT MẬT", "HỎA TỐC")]


def _stamped(office) -> list[tuple[tuple[str, str], bytes, Path]]:
    rendered = []
    for secrecy, urgency in STAMP_PAIRS:
        text = plan("- {tieu_de: A}", plan_keys=f"do_mat: {secrecy}\ndo_khan: {urgency}")
        data = cchc_docgen.render(cchc_docgen.parse_spec(text))[0].data
        rendered.append(((secrecy, urgency), data, office.register(f"stamps-{urgency}", data)))
    office.convert_now([path for _, _, path in rendered])
    return rendered


def test_every_stamp_is_a_centred_box_of_the_decree_size_in_bright_red(office) -> None:
    for marks, data, _ in _stamped(office):
        header = open_docx(data).tables[0]
        cell = header.cell(1, 0)
        available = int(header._tbl.tblGrid.findall(qn("w:gridCol"))[0].get(qn("w:w"))) / TWIPS_PER_MM
        found = {p.text: stamp_facts(p, available) for p in cell.paragraphs if p.text in marks}
        assert set(found) == set(marks)
        for mark, fact in found.items():
            assert fact.width_mm is not None and abs(fact.width_mm - dv.STAMP_BOX_MM[mark][0]) <= dv.STAMP_TOLERANCE_MM, (mark, fact)
            assert fact.centred and fact.bold and fact.colours == {dv.STAMP_RED}, (mark, fact)


def test_every_stamp_is_a_box_of_the_decree_size_with_its_text_centred_on_the_page(office) -> None:
    measured = []
    for marks, _, path in _stamped(office):
        with pdfplumber.open(office.pdf_of(path)) as pdf:
            page = pdf.pages[0]
            for mark, box in stamp_boxes(page, list(marks)).items():
                assert box is not None, mark
                width, height = dv.STAMP_BOX_MM[mark]
                across, down = box.off_centre_mm
                measured.append(f"{mark} {box.width_mm:.1f} × {box.height_mm:.1f} mm")
                assert abs(box.width_mm - width) <= dv.RULE_TOLERANCE_MM and abs(box.height_mm - height) <= dv.RULE_TOLERANCE_MM, (mark, box.width_mm, box.height_mm)
                assert abs(across) <= dv.RULE_TOLERANCE_MM and abs(down) <= dv.RULE_TOLERANCE_MM, (mark, across, down)
                assert stamp_colour(page, mark) == (1.0, 0.0, 0.0), mark
    REPORT["stamp boxes on LibreOffice's page"] = ", ".join(measured)


# -- appendix task tables: cells that breathe, a header centred both ways, group rows that
# stay with their first task, deadlines on one line --
def _task_tables(item: Rendered) -> list:
    return [t for t in open_docx(item.document.data).tables if t.rows and t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]


def test_every_task_table_pads_its_cells_centres_its_header_and_keeps_each_group_with_its_first_task(catalogue: list[Rendered]) -> None:
    tables = [(item.label, table) for item in catalogue for table in _task_tables(item)]
    assert tables
    for label, table in tables:
        margins = cell_margins_mm(table)
        assert all(abs(margins[side] - mm) <= 0.05 for side, mm in dv.TASK_TABLE_CELL_MARGINS_MM.items()), (label, margins)
        for cell in table._tbl.tr_lst[0].tc_lst:
            valign = cell.tcPr.find(qn("w:vAlign"))
            assert valign is not None and valign.get(qn("w:val")) == "center", label
        rows = table._tbl.tr_lst
        groups = [i for i, row in enumerate(rows[1:], 1) if len(row.tc_lst) == 1]
        assert groups, label
        for index in groups:
            paragraphs = rows[index].tc_lst[0].findall(qn("w:p"))
            assert all(p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None for p in paragraphs), (label, index)
            assert index + 1 < len(rows) and len(rows[index + 1].tc_lst) > 1, (label, index)  # -- a task row follows --


def test_every_deadline_prints_on_one_line_and_no_group_row_ends_a_page(catalogue: list[Rendered], catalogue_pdfs: dict[str, Path]) -> None:
    checked, wrapped, alone = 0, [], []
    for item in catalogue:
        tables = task_tables(open_docx(item.document.data))
        if not tables:
            continue
        lines = deadline_lines(catalogue_pdfs[item.label], tables)
        checked += lines.checked
        wrapped += [(item.label, text) for text in lines.wrapped + lines.missing]
        alone += [(item.label, found) for found in group_rows_ending_a_page(catalogue_pdfs[item.label], tables)]
    REPORT["appendix deadline cells measured on one line"] = f"{checked - len(wrapped)} of {checked}"
    assert checked and not wrapped, wrapped[:10]
    assert not alone, alone


LONGER = (2, 4)  # -- every task of a plan with an appendix, written that many times over --


def _longer(spec_path: Path, times: int) -> bytes:
    spec = cchc_docgen.load_spec(spec_path)
    spec.tasks = [dataclasses.replace(task, code=None, text=task.text + (f" (đợt {round_ + 1})" if round_ else "")) for round_ in range(times) for task in spec.tasks]
    return cchc_docgen.render(spec, mode="gop")[0].data


def test_on_plans_with_longer_appendices_no_group_row_ends_a_page(office) -> None:
    with_appendix = [path for path in [*PLAN_SPECS, *EXAMPLES] if cchc_docgen.load_spec(path).plan.appendices]
    documents = [(f"{path.stem}x{times}", _longer(path, times)) for path in with_appendix for times in LONGER]
    paths = [office.register(f"longer-{name}", data) for name, data in documents]
    office.convert_now(paths)
    alone, pages = [], 0
    for (name, data), path in zip(documents, paths, strict=True):
        tables = task_tables(open_docx(data))
        pages += office_support.page_count(office.pdf_of(path))
        alone += [(name, found) for found in group_rows_ending_a_page(office.pdf_of(path), tables)]
        lines = deadline_lines(office.pdf_of(path), tables)
        assert lines.checked and not lines.wrapped and not lines.missing, (name, lines)
    REPORT["longer appendices: group rows left alone at a page's foot"] = f"{len(alone)} over {len(documents)} documents, {pages} pages"
    assert len(documents) >= 10 and not alone, alone


# -- headings flush left (README's choice, see decree30.HEADING_ALIGN): a long bold heading
# that wraps is not stretched word from word --
def test_no_wrapped_heading_is_stretched_by_justification_on_the_page(catalogue: list[Rendered], catalogue_pdfs: dict[str, Path]) -> None:
    space = 1.5 * 0.25 * dv.SIZE["body"]  # -- half as wide again as a Times space (0.25 em) --
    checked, stretched = 0, []
    for item in catalogue:
        with pdfplumber.open(catalogue_pdfs[item.label]) as pdf:
            for page in (p for p in pdf.pages if p.width < p.height):
                count, found = stretched_headings(page, dv.PORTRAIT.left * dv.PT_PER_MM, space)
                checked += count
                stretched += [(item.label, line) for line in found]
    REPORT["wrapped heading lines measured unstretched"] = f"{checked - len(stretched)} of {checked}"
    assert checked and not stretched, stretched[:5]


# -- Nơi nhận (§4.4): each entry hangs, a wrapped line under its text, not under the dash --
def test_every_recipient_entry_hangs_by_the_width_of_its_dash(catalogue: list[Rendered]) -> None:
    expected = text_width_mm("- ", dv.SIZE["recipient"], bold=False)
    entries = []
    for item in catalogue:
        for table in open_docx(item.document.data).tables:
            entries += [(item.label, p) for row in table.rows for cell in row.cells for p in cell.paragraphs
                        if p.style is not None and p.style.style_id == "CCHCNoiNhan" and p.text.startswith("- ")]
    assert entries
    for label, paragraph in entries:
        hang = hanging_indent_mm(paragraph)
        assert hang is not None and abs(hang[0] - expected) <= 0.1 and abs(hang[1] - expected) <= 0.1, (label, paragraph.text, hang)


def test_a_wrapped_recipient_continues_under_its_text_on_the_page(office) -> None:
    long = "Đoàn Thanh niên Cộng sản Hồ Chí Minh và Hội Liên hiệp Phụ nữ Việt Nam xã Hưng Thịnh"
    text = plan("- {tieu_de: A}").replace("  noi_nhan: [{co_quan: vp}, {co_quan: tp}]\n", f"  noi_nhan: [{{co_quan: vp}}, {long}, {{co_quan: tp}}]\n")
    data = cchc_docgen.render(cchc_docgen.parse_spec(text))[0].data
    path = office.register("wrapped-recipient", data)
    office.convert_now([path])
    with pdfplumber.open(office.pdf_of(path)) as pdf:
        found = [lines for page in pdf.pages if (lines := recipient_lines(page)) is not None]
    assert found and found[0].entries >= 4 and found[0].continued, found
    assert all(abs(offset) <= 0.5 for _, offset in found[0].continued), found[0].continued


# -- numbering read back from the DOCX: every scheme at every depth, with its style --
SCHEMES = ["la_ma", "so", "thap_phan", "chu", "gach", "cong", "khong"]
DEPTHS = 6
# -- the label of an entry from its path (0-based position at each depth), written out
# independently of cchc_docgen.numbering --
LABELS = {
    "la_ma": lambda path: ["I.", "II."][path[-1]],
    "so": lambda path: f"{path[-1] + 1}.",
    "thap_phan": lambda path: ".".join(str(p + 1) for p in path) + ".",
    "chu": lambda path: ["a)", "b)"][path[-1]],
    "gach": lambda path: "-",
    "cong": lambda path: "+",
    "khong": lambda path: "",
}


def _chain(depth: int) -> str:
    """Two sections at every depth, the first holding the next depth."""
    indent = "    " * (depth - 1)
    inner = f"{indent}  muc:\n{_chain(depth + 1)}" if depth < DEPTHS else ""
    return f"{indent}- tieu_de: Cấp {depth}\n{inner}{indent}- tieu_de: Cấp {depth} tiếp\n"


def _rendered(text: str, name: str, office) -> list:
    document = cchc_docgen.render(cchc_docgen.parse_spec(text))[0]
    office.register(name, document.data)
    return list(iter_blocks(open_docx(document.data)))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_numbering_scheme_prints_at_every_depth_in_its_style(scheme: str, office) -> None:
    blocks = _rendered(plan(_chain(1), plan_keys=f"danh_so: [{', '.join([scheme] * DEPTHS)}]"), f"numbering-{scheme}", office)
    headings = [p for p in blocks if getattr(p, "style", None) is not None and p.style.style_id in ("CCHCMuc", "CCHCTieuDe")]
    # -- document order: the first section of each depth going down, then the second ones coming back up --
    paths = [[0] * depth for depth in range(1, DEPTHS + 1)] + [[0] * (depth - 1) + [1] for depth in range(DEPTHS, 0, -1)]
    assert len(headings) == len(paths)
    for paragraph, path in zip(headings, paths, strict=True):
        depth = len(path)
        title = f"Cấp {depth}" + (" tiếp" if path[-1] else "")
        part = scheme == "la_ma" or (scheme == "khong" and depth == 1)  # -- §6b: a part is bold capitals --
        mark = LABELS[scheme](path)
        assert paragraph.text == (f"{mark} " if mark else "") + (title.upper() if part else title)
        assert paragraph.style.style_id == ("CCHCMuc" if part else "CCHCTieuDe"), paragraph.text
        runs = [r for r in paragraph.runs if r.text]
        assert all(resolved(paragraph, r, "bold") for r in runs), paragraph.text
        assert not any(resolved(paragraph, r, "italic") for r in runs), paragraph.text


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_list_scheme_prints_at_every_depth_in_body_style(scheme: str, office) -> None:
    items = "Ý 4"
    for depth in (3, 2, 1):
        items = f"{{noi_dung: Ý {depth}, y: [{items}, Ý {depth + 1} tiếp]}}"
    text = plan(f"""
        - tieu_de: Danh sách
          liet_ke: [{', '.join([scheme] * 4)}]
          y: [{items}]
        """)
    blocks = _rendered(text, f"list-{scheme}", office)
    lines = [p for p in blocks if getattr(p, "style", None) is not None and p.style.style_id == "CCHCThan" and "Ý" in p.text]
    paths = [[0], [0, 0], [0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1], [0, 1]]
    titles = ["Ý 1", "Ý 2", "Ý 3", "Ý 4", "Ý 4 tiếp", "Ý 3 tiếp", "Ý 2 tiếp"]
    assert len(lines) == len(paths)
    for paragraph, path, title in zip(lines, paths, titles, strict=True):
        mark = LABELS[scheme](path)  # -- under 'I.' a decimal list starts afresh: 1., 1.1., … --
        assert paragraph.text == (f"{mark} " if mark else "") + title
        assert not any(resolved(paragraph, r, "bold") for r in paragraph.runs if r.text), paragraph.text


def test_the_rule_under_a_title_given_as_lines_is_sized_on_its_longest_line(office) -> None:
    lines = ["Cải cách hành chính của xã Hưng Thịnh, tỉnh Đồng Nai", "giai đoạn 2026 - 2030"]
    text = plan("- {tieu_de: A}").replace("  trich_yeu: Cải cách hành chính năm 2026\n", f'  trich_yeu:\n    - "{lines[0]}"\n    - {lines[1]}\n')
    paragraphs = [p for p in _rendered(text, "two-line-title", office) if getattr(p, "style", None) is not None]
    title = next(i for i, p in enumerate(paragraphs) if p.style.style_id == "CCHCTrichYeu")
    assert paragraphs[title].text == "\n".join(lines)
    available = decree30.PORTRAIT.text_width
    rule = _rule_length(paragraphs[title + 1], available)
    longest = text_width_mm(lines[0], 14, bold=True)
    assert rule is not None and longest / 3 <= rule <= longest / 2
    unbroken = min(text_width_mm(" ".join(lines), 14, bold=True), available)
    assert rule < unbroken / 3  # -- sized on the unbroken sentence it would have left the decree's 1/3–1/2 --
