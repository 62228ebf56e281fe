"""What the post-processor adds to the template's text: inline emphasis the drafter marks."""

from __future__ import annotations

import cchc_docgen

from conftest import OfficeQueue
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


def test_private_use_characters_in_the_input_are_not_taken_for_marks() -> None:
    data = cchc_docgen.render(cchc_docgen.parse_spec(SPEC.replace("**Lưu ý:**", "\\ue001Lưu ý:")))[0].data
    paragraph = _paragraph(data)
    assert paragraph.text.startswith("Lưu ý: báo cáo")
    assert not any(resolved(paragraph, run, "bold") for run in paragraph.runs if "Lưu ý" in run.text)
