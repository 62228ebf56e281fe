"""What the post-processor adds to the template's text: inline emphasis the drafter marks, and spaces kept."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

import cchc_docgen

from conftest import OfficeQueue, Rendered
from support.docx_facts import open_docx, resolved

SPEC = """
co_quan_ban_hanh: {cap: xa, dia_ban: Tân Phú}
ke_hoach:
  so: 4
  ngay: 10/02/2026
  trich_yeu: Cải cách hành chính năm 2026
  noi_dung:
    - tieu_de: Chế độ báo cáo
      doan:
        - "**Lưu ý:** báo cáo gửi trước ngày 14 *(sau khi có hướng dẫn của tỉnh)*; 5 * 3 (*) và a*b giữ nguyên."
  noi_nhan: [UBND tỉnh (b/c)]
  nguoi_ky: {chuc_vu: Chủ tịch, ho_ten: A}
"""


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _paragraph(data: bytes):  # type: ignore[no-untyped-def]
    document = open_docx(data)
    return next(p for p in document.paragraphs if "báo cáo gửi" in p.text)


def test_marked_words_come_out_bold_or_italic_without_their_asterisks(office: OfficeQueue) -> None:
    data = cchc_docgen.render(cchc_docgen.parse_spec(SPEC))[0].data
    office.register("emphasis", data)
    paragraph = _paragraph(data)
    assert paragraph.text == "Lưu ý: báo cáo gửi trước ngày 14 (sau khi có hướng dẫn của tỉnh); 5 * 3 (*) và a*b giữ nguyên."
    runs = {run.text: (bool(resolved(paragraph, run, "bold")), bool(resolved(paragraph, run, "italic"))) for run in paragraph.runs if run.text}
    assert runs["Lưu ý:"] == (True, False)
    assert runs["(sau khi có hướng dẫn của tỉnh)"] == (False, True)
    assert runs[" báo cáo gửi trước ngày 14 "] == (False, False)


def test_an_emphasis_mark_typed_in_the_input_is_refused_at_its_character_never_taken_for_a_mark() -> None:
    """U+E001-U+E004 are the view's marks for **đậm** and *nghiêng*: a drafter's text that
    holds one is refused (it used to be dropped without a word); other private-use
    characters are printed as written."""
    with pytest.raises(cchc_docgen.SpecError) as refused:
        cchc_docgen.parse_spec(SPEC.replace("**Lưu ý:**", "\ue001Lưu ý:"))
    [problem] = refused.value.problems
    assert "U+E001" in problem.message and "**chữ đậm**" in problem.hint and problem.line > 1
    data = cchc_docgen.render(cchc_docgen.parse_spec(SPEC.replace("**Lưu ý:**", "\ue005Lưu ý:")))[0].data
    paragraph = _paragraph(data)
    assert paragraph.text.startswith("\ue005Lưu ý: báo cáo")
    assert not any(resolved(paragraph, run, "bold") for run in paragraph.runs if "Lưu ý" in run.text)


def test_spaces_that_word_would_drop_are_marked_preserve_in_every_catalogue_document(catalogue: list[Rendered]) -> None:
    """The skeleton marks ``xml:space="preserve"`` only where it matters (speed); where it
    matters (a draft's blank number "Số:     /KH-UBND", leading or trailing spaces) it must be there."""
    checked = 0
    for item in catalogue:
        with zipfile.ZipFile(io.BytesIO(item.document.data)) as package:
            root = etree.fromstring(package.read("word/document.xml"))
        for t in root.iter(qn("w:t")):
            text = t.text or ""
            if re.search(r"^\s|\s$|\s\s", text):
                checked += 1
                assert t.get(XML_SPACE) == "preserve", f"{item.label}: {text!r}"
    assert checked > 0  # the drafts' blank numbers at least


def test_table_cells_keep_asterisks_and_private_use_characters_as_text(office: OfficeQueue) -> None:
    """Emphasis marks belong to body paragraphs; in the task table a drafter's asterisks stay
    text, and a private-use character other than the marks is printed as written, never bold."""
    source = (EXAMPLES / "huyen-2021-toi-gian.yaml").read_text(encoding="utf-8")
    source = source.replace("san_pham: Báo cáo kết quả rà soát", 'san_pham: "Báo cáo kết quả rà soát \ue005(gấp)\ue006"', 1)
    source = source.replace("noi_dung: Rà soát văn bản", 'noi_dung: "**Rà soát** văn bản', 1).replace("UBND huyện ban hành\n", 'UBND huyện ban hành"\n', 1)
    data = cchc_docgen.render(cchc_docgen.parse_spec(source))[0].data
    office.register("table-marks", data)
    document = open_docx(data)
    cells = {cell.text: cell for table in document.tables for row in table.rows for cell in row.cells}
    assert "Báo cáo kết quả rà soát \ue005(gấp)\ue006" in cells
    assert "**Rà soát** văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành" in cells
    for cell in cells.values():
        for paragraph in cell.paragraphs:
            assert not any(resolved(paragraph, run, "bold") for run in paragraph.runs if "gấp" in run.text)


def test_a_trich_yeu_longer_than_the_title_property_allows_is_cut_in_the_title_only(office: OfficeQueue) -> None:
    """Core properties hold 255 characters (python-docx raised ValueError past them); the
    title is cut at a word with an ellipsis, and the document's own text keeps every word."""
    words = " ".join(f"nhiệm vụ số {n} của xã Tân Phú," for n in range(1, 40)) + " và các việc khác"
    assert len(words) > 600
    spec = cchc_docgen.parse_spec(SPEC.replace("trich_yeu: Cải cách hành chính năm 2026", f"trich_yeu: {words}"))
    (document,) = cchc_docgen.render(spec)
    office.register("long-title", document.data)
    opened = open_docx(document.data)
    title = opened.core_properties.title
    assert len(title) <= 255 and title.endswith("…")
    body = title.removesuffix("…")
    assert f"Kế hoạch {words}".startswith(body) and f"Kế hoạch {words}"[len(body)] in " ,"  # -- cut between words --
    assert words in " ".join(p.text for p in opened.paragraphs)
