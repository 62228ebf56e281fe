"""The view numbers the plan from its structure; drafters never type I., 1., a) or dashes."""

from __future__ import annotations

import unicodedata

import cchc_docgen
from cchc_docgen.view import build_views

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
      danh_so_con: thap_phan
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
    view = build_views(cchc_docgen.parse_spec(SPEC))[0]
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
    view = build_views(cchc_docgen.parse_spec(SPEC.replace("trich_yeu: Cải cách hành chính năm 2026", f"trich_yeu: {nfd}")))[0]
    title = next(b.text for b in view.blocks if b.kind == "trich_yeu")
    assert title == unicodedata.normalize("NFC", nfd) != nfd


def test_the_body_closes_with_a_default_sentence_ending_in_the_final_mark() -> None:
    assert _lines()[-1] == "Trên đây là Kế hoạch cải cách hành chính năm 2026 của Ủy ban nhân dân tỉnh Gia Lai./."
