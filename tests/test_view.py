"""The view numbers the plan from its structure; drafters never type I., 1., a) or dashes."""

from __future__ import annotations

import unicodedata

import pytest

import cchc_docgen
from cchc_docgen import SpecError, parse_spec
from cchc_docgen.view import build_views

from support.small_plans import plan, view_of

SPEC = """
co_quan_ban_hanh: {cap: tinh, dia_ban: Gia Lai}
ke_hoach:
  so: 9
  ngay: 03/3/2026
  trich_yeu: Cải cách hành chính năm 2026
  noi_dung:
    - loai: muc_dich_yeu_cau
      muc:
        - loai: muc_dich
          y:
            - noi_dung: Ý lớn
              y: [Ý con một, Ý con hai]
        - tieu_de: Mục có điểm
          muc:
            - tieu_de: Điểm thứ nhất
            - tieu_de: Điểm thứ hai
            - tieu_de: Điểm thứ ba
            - tieu_de: Điểm thứ tư
            - tieu_de: Điểm thứ năm
    - tieu_de: Trách nhiệm
      muc:
        - tieu_de: Nhóm một
          danh_so_con: thap_phan
          muc:
            - tieu_de: Sở Nội vụ
            - tieu_de: Sở Tư pháp
    - tieu_de: Chỉ tiêu đánh số
      liet_ke: so
      chi_tieu: [Chỉ tiêu A., Chỉ tiêu B.]
    - tieu_de: Chỉ tiêu có ý cụ thể
      chi_tieu:
        - noi_dung: "Hoàn thiện các quy trình. Cụ thể:"
          y: [Quy trình nội bộ cấp tỉnh., Quy trình nội bộ cấp xã.]
    - tieu_de: Sở Tài chính
      noi_dung: Bố trí kinh phí.
  noi_nhan: [Bộ Nội vụ (b/c)]
  nguoi_ky: {chuc_vu: Chủ tịch, ho_ten: A}
"""


def _lines() -> list[str]:
    view = build_views(cchc_docgen.parse_spec(SPEC), lines=False)[0]
    return [f"{b.label}{b.text}" for b in view.blocks if b.kind not in ("danh_dau", "duong_ke")]


def test_parts_are_roman_numbered_and_in_capitals() -> None:
    lines = _lines()
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines
    assert "II. TRÁCH NHIỆM" in lines
    assert "III. CHỈ TIÊU ĐÁNH SỐ" in lines


def test_items_get_dashes_and_sub_items_plus_signs() -> None:
    lines = _lines()
    start = lines.index("- Ý lớn")
    assert lines[start : start + 3] == ["- Ý lớn", "+ Ý con một", "+ Ý con hai"]


def test_points_follow_the_vietnamese_alphabet() -> None:
    lines = _lines()
    assert [line for line in lines if line.startswith(("a) ", "b) ", "c) ", "d) ", "đ) "))] == [
        "a) Điểm thứ nhất", "b) Điểm thứ hai", "c) Điểm thứ ba", "d) Điểm thứ tư", "đ) Điểm thứ năm"]


def test_decimal_numbering_nests_under_its_parent() -> None:
    lines = _lines()
    assert "1. Nhóm một" in lines and "1.1. Sở Nội vụ" in lines and "1.2. Sở Tư pháp" in lines


def test_listed_targets_can_be_numbered_paragraphs() -> None:
    lines = _lines()
    assert lines[lines.index("III. CHỈ TIÊU ĐÁNH SỐ") + 1 : lines.index("III. CHỈ TIÊU ĐÁNH SỐ") + 3] == ["1. Chỉ tiêu A.", "2. Chỉ tiêu B."]


def test_a_target_can_list_its_particulars() -> None:
    lines = _lines()
    start = lines.index("- Hoàn thiện các quy trình. Cụ thể:")
    assert lines[start + 1 : start + 3] == ["+ Quy trình nội bộ cấp tỉnh.", "+ Quy trình nội bộ cấp xã."]


def test_a_title_with_text_runs_in() -> None:
    assert "V. SỞ TÀI CHÍNH: Bố trí kinh phí." in _lines()


def test_text_reaches_the_document_in_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Cải cách hành chính năm 2026")
    view = build_views(cchc_docgen.parse_spec(SPEC.replace("trich_yeu: Cải cách hành chính năm 2026", f"trich_yeu: {nfd}")), lines=False)[0]
    title = next(b.text for b in view.blocks if b.kind == "trich_yeu")
    assert title == unicodedata.normalize("NFC", nfd) != nfd


def test_the_body_closes_with_a_default_sentence_ending_in_the_final_mark() -> None:
    assert _lines()[-1] == "Trên đây là Kế hoạch cải cách hành chính năm 2026 của Ủy ban nhân dân tỉnh Gia Lai./."


# -- openings, căn cứ and titles --

def _opening(text: str) -> list[str]:
    return [f"{b.label}{b.text}" for b in view_of(text).blocks if b.kind in ("than", "can_cu", "trich_yeu", "than_dam")]


def test_several_documents_cite_in_one_sentence() -> None:
    text = plan("- {tieu_de: A}", plan_keys="""
        can_cu:
          - loai: Luật Tổ chức chính quyền địa phương
            ngay: 16/6/2025
            cung_cau:
              - {loai: Nghị quyết, so: 76/NQ-CP, ngay: 15/7/2021, co_quan: Chính phủ}
              - {loai: Nghị định, so: 61/2018/NĐ-CP, ngay: 23/4/2018, dau_noi: ","}
          - Quyết định số 1/QĐ-UBND ngày 02/01/2026 của UBND tỉnh
        """)
    assert _opening(text)[1:3] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025; Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, Nghị định số 61/2018/NĐ-CP ngày 23/4/2018;",
        "Căn cứ Quyết định số 1/QĐ-UBND ngày 02/01/2026 của UBND tỉnh."]


def test_a_date_inside_a_shared_sentence_is_still_checked() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(plan("- {tieu_de: A}", plan_keys="""
            can_cu:
              - {loai: Luật A, cung_cau: [{loai: Nghị định B, ngay: 30/02/2021}]}
            """))
    assert [p.path for p in caught.value.problems] == ["ke_hoach.can_cu[0].cung_cau[0].ngay"]


def test_the_last_basis_ends_as_the_drafter_says() -> None:
    text = plan("- {tieu_de: A}", plan_keys="""
        can_cu: [Luật A, Luật B]
        ket_can_cu: ","
        mo_dau: [Ủy ban nhân dân xã ban hành Kế hoạch như sau:]
        """)
    assert _opening(text)[1:4] == ["Căn cứ Luật A;", "Căn cứ Luật B,", "Ủy ban nhân dân xã ban hành Kế hoạch như sau:"]
    as_typed = plan("- {tieu_de: A}", plan_keys="""
        can_cu: [Luật A, Căn cứ Luật B …]
        ket_can_cu: khong
        """)
    assert _opening(as_typed)[2] == "Căn cứ Luật B …"


DECISION = """
quyet_dinh:
  so: 12
  ngay: 14/01/2026
  can_cu: [Luật Tổ chức chính quyền địa phương]
  de_nghi: Chánh Văn phòng HĐND và UBND xã
  de_nghi_mo_dau: Xét đề nghị
  noi_nhan: [{co_quan: vp}, {co_quan: tp}]
  nguoi_ky: {thay_mat: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Nguyễn Văn A}
"""


def _with_decision(text: str) -> str:
    return text.replace("  so: 9\n  ngay: 03/3/2026\n", "").replace("  noi_nhan: [{co_quan: vp}, {co_quan: tp}]\n  luu: [VT, VP]\n  nguoi_ky: {thay_mat: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Nguyễn Văn A}\n", "") + DECISION


def test_xet_de_nghi_opens_the_proposal() -> None:
    blocks = [b.text for b in view_of(_with_decision(plan("- {tieu_de: A}"))).blocks if b.kind == "can_cu"]
    assert blocks == ["Căn cứ Luật Tổ chức chính quyền địa phương;", "Xét đề nghị của Chánh Văn phòng HĐND và UBND xã."]


def test_a_title_given_as_lines_breaks_there_and_reads_as_one_sentence() -> None:
    text = _with_decision(plan("- {tieu_de: A}").replace(
        "  trich_yeu: Cải cách hành chính năm 2026\n", "  trich_yeu:\n    - Cải cách hành chính xã Hưng Thịnh\n    - giai đoạn 2026 - 2030\n"))
    view = view_of(text)
    titles = [b.text for b in view.blocks if b.kind == "trich_yeu"]
    assert titles[1] == "Cải cách hành chính xã Hưng Thịnh\ngiai đoạn 2026 - 2030"
    article = next(b.text for b in view.blocks if b.label == "Điều 1. ")
    assert article == "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính xã Hưng Thịnh giai đoạn 2026 - 2030."
    assert titles[0] == "Ban hành Kế hoạch cải cách hành chính xã Hưng Thịnh giai đoạn 2026 - 2030"
