"""The skeleton is spliced into the filled template as text: only the body's own paragraphs
become skeleton or rules, and a drafter's template keeps whatever else it holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from cchc_docgen import SpecError, decree30, generate
from cchc_docgen.rendering import default_template
from cchc_docgen.xmltext import element_end

from support.docx_facts import open_docx
from support.spec_builder import BASE, write_spec

RULE = decree30.STYLE_BY_ID["CCHCDuongKe"].name
TITLE = decree30.STYLE_BY_ID["CCHCTrichYeu"].name
MARKER = decree30.STYLE_BY_ID["CCHCDanhDau"].name


def _own_template(folder: Path, change) -> Path:  # type: ignore[no-untyped-def]
    document = Document(str(default_template()))
    change(document)
    path = folder / "mau-rieng.docx"
    document.save(str(path))
    return path


def _generated(folder: Path, change) -> bytes:  # type: ignore[no-untyped-def]
    _own_template(folder, change)
    (written,) = generate(write_spec(folder, BASE + "xuat:\n  mau: mau-rieng.docx\n"), folder / "ra")
    return written.read_bytes()


def test_rules_titles_and_markers_inside_a_template_table_stay_as_the_template_made_them(tmp_path: Path, office) -> None:
    def add_table(document) -> None:  # type: ignore[no-untyped-def]
        table = document.add_table(rows=1, cols=3)
        for cell, style, text in zip(table.rows[0].cells, (TITLE, RULE, MARKER), ("Tiêu đề trong bảng", "", "0"), strict=True):
            cell.paragraphs[0].style = document.styles[style]
            cell.paragraphs[0].text = text
        document.element.body.insert(0, table._tbl)  # -- before the template's own paragraphs --

    data = _generated(tmp_path, add_table)
    office.register("template-with-table", data)
    document = open_docx(data)
    own = document.tables[0]
    assert [cell.text for cell in own.rows[0].cells] == ["Tiêu đề trong bảng", "", "0"]  # -- the marker "0" was not replaced --
    assert own.rows[0].cells[1].paragraphs[0]._p.pPr.find(qn("w:pBdr")) is None  # -- nor the rule sized --
    body_rules = [p for p in document.paragraphs if p.style.name == RULE]
    assert body_rules and all(p._p.pPr.find(qn("w:pBdr")) is not None for p in body_rules)


def test_a_drafter_template_whose_tags_cut_across_the_xml_is_refused_with_a_hint(tmp_path: Path) -> None:
    """A plain "{% if %}" before a table and its "{% endif %}" inside it remove half the
    table's tags. docxtpl's recovering parser would keep what comes before the break and
    drop the rest of the plan without a word; the drafter is told instead, and nothing is
    written."""

    def cut(document) -> None:  # type: ignore[no-untyped-def]
        opening = document.paragraphs[0].insert_paragraph_before("{% if false %}")
        table = document.add_table(rows=1, cols=1)
        table.cell(0, 0).paragraphs[0].text = "{% endif %}Ô còn lại"
        opening._p.addnext(table._tbl)

    with pytest.raises(SpecError) as raised:  # -- the check rule MAU-WORD, as the check command words it --
        _generated(tmp_path, cut)
    [finding] = raised.value.problems
    message = finding.format()
    assert finding.rule == "MAU-WORD" and "mau-rieng.docx" in message and "{%p if" in message and "Gợi ý" in message
    assert not (tmp_path / "ra").exists() or not list((tmp_path / "ra").iterdir())


def test_a_tracked_change_in_the_templates_section_properties_keeps_the_section_whole(tmp_path: Path, office) -> None:
    def track(document) -> None:  # type: ignore[no-untyped-def]
        change = parse_xml(f'<w:sectPrChange {nsdecls("w")} w:id="7" w:author="A" w:date="2024-01-01T00:00:00Z"><w:sectPr/></w:sectPrChange>')
        document.element.body.sectPr.append(change)

    data = _generated(tmp_path, track)
    office.register("template-tracked-section", data)
    document = open_docx(data)
    last = document.sections[-1]
    page = decree30.LANDSCAPE if last.page_width > last.page_height else decree30.PORTRAIT
    assert (round(last.page_width.mm), round(last.page_height.mm)) == (page.width, page.height)
    assert (round(last.left_margin.mm), round(last.top_margin.mm)) == (page.left, page.top)
    assert last._sectPr.find(qn("w:sectPrChange")) is not None


def test_where_an_element_ends_counts_its_nesting_and_nothing_else() -> None:
    nested = '<w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>x</w:t>'
    assert nested[: element_end(nested, 0, "w:rPr")].endswith("</w:rPrChange></w:rPr>")
    assert element_end("<w:pPr/><w:r/>", 0, "w:pPr") == len("<w:pPr/>")
    assert element_end('<w:pPr w:x="1"><w:pPrChange/></w:pPr>', 0, "w:pPr") == len('<w:pPr w:x="1"><w:pPrChange/></w:pPr>')
    assert element_end("<w:pPr><w:jc/>", 0, "w:pPr") == -1


# -- the marker paragraphs ("CCHC Chỗ đặt (không sửa)"): validated, never int('') --
def _marker_paragraph(document):  # type: ignore[no-untyped-def]
    return next(p for p in document.paragraphs if p.style.name == MARKER and p.text == "{{ b.text }}")


def _refused(tmp_path: Path, change) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(SpecError) as raised:
        _generated(tmp_path, change)
    [finding] = raised.value.problems
    message = finding.format()
    assert finding.rule == "MAU-WORD" and "mau-rieng.docx" in message and "Gợi ý:" in message
    assert not (tmp_path / "ra").exists() or not list((tmp_path / "ra").iterdir())
    return message


def test_a_stray_paragraph_in_the_marker_style_is_reported_with_what_it_holds(tmp_path: Path) -> None:
    def stray(document) -> None:  # type: ignore[no-untyped-def]
        first = next(p for p in document.paragraphs if p.text.startswith("{%p for"))
        first.insert_paragraph_before("Ghi chú của xã", style=document.styles[MARKER])

    message = _refused(tmp_path, stray)
    assert f"đoạn kiểu '{MARKER}' chứa 'Ghi chú của xã'" in message and "{{ b.text }}" in message


@pytest.mark.parametrize("edit, shown", [("{{ b.label }}", "''"), ("Số {{ b.text }}", "'Số 0'"), ("{{ b.text }}{{ b.text }}", "'00'")])
def test_an_edited_marker_paragraph_is_reported_with_what_it_should_hold(tmp_path: Path, edit: str, shown: str) -> None:
    def edited(document) -> None:  # type: ignore[no-untyped-def]
        paragraph = _marker_paragraph(document)
        paragraph.text = edit

    message = _refused(tmp_path, edited)
    assert f"chứa {shown}" in message and "đúng một dòng {{ b.text }}" in message


def test_a_deleted_marker_paragraph_is_reported_not_a_document_without_its_header(tmp_path: Path) -> None:
    def deleted(document) -> None:  # type: ignore[no-untyped-def]
        paragraph = _marker_paragraph(document)
        paragraph._p.getparent().remove(paragraph._p)

    message = _refused(tmp_path, deleted)
    assert "mẫu không in phần đầu văn bản" in message


def test_a_duplicated_marker_paragraph_is_reported_not_a_header_printed_twice(tmp_path: Path) -> None:
    def duplicated(document) -> None:  # type: ignore[no-untyped-def]
        paragraph = _marker_paragraph(document)
        paragraph.insert_paragraph_before("{{ b.text }}", style=document.styles[MARKER])

    message = _refused(tmp_path, duplicated)
    assert "mẫu in hai lần phần đầu văn bản" in message and "bị lặp" in message
