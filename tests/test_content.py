"""Written order is printed order: a section's paragraphs, lists, targets and sub-sections
interleave as the drafter wrote them in 'lan_luot'; the short form reads as before."""

from __future__ import annotations

from cchc_docgen import parse_spec
from cchc_docgen.checks import check_spec

from support.small_plans import body_lines, plan, refused_at


def test_lan_luot_prints_each_block_where_it_is_written() -> None:
    text = plan("""
        - loai: muc_tieu
          lan_luot:
            - doan: Phấn đấu đến năm 2026 đạt các chỉ tiêu sau.
            - chi_tieu:
                - {noi_dung: Mức độ hài lòng đạt trên 90%., gia_tri: 90, don_vi: "%"}
                - 100% hồ sơ được số hóa.
            - doan: Về thủ tục hành chính.
            - y: [Cắt giảm thành phần hồ sơ., Tái sử dụng dữ liệu.]
            - doan: [Đoạn một., Đoạn hai.]
        """)
    assert body_lines(text) == [
        "I. MỤC TIÊU", "Phấn đấu đến năm 2026 đạt các chỉ tiêu sau.", "- Mức độ hài lòng đạt trên 90%.", "- 100% hồ sơ được số hóa.",
        "Về thủ tục hành chính.", "- Cắt giảm thành phần hồ sơ.", "- Tái sử dụng dữ liệu.", "Đoạn một.", "Đoạn hai."]


def test_sections_between_paragraphs_keep_counting() -> None:
    text = plan("""
        - tieu_de: Nhiệm vụ
          lan_luot:
            - muc: [{tieu_de: Thể chế}]
            - doan: Ngoài ra, các nhiệm vụ sau.
            - muc: [{tieu_de: Thủ tục}]
        """)
    assert body_lines(text) == ["I. NHIỆM VỤ", "1. Thể chế", "Ngoài ra, các nhiệm vụ sau.", "2. Thủ tục"]


def test_a_numbered_list_keeps_counting_across_paragraphs() -> None:
    text = plan("""
        - tieu_de: Chỉ tiêu
          liet_ke: so
          lan_luot:
            - chi_tieu: [Chỉ tiêu một.]
            - doan: Về số hóa.
            - chi_tieu: [Chỉ tiêu hai.]
        """)
    assert body_lines(text) == ["I. CHỈ TIÊU", "1. Chỉ tiêu một.", "Về số hóa.", "2. Chỉ tiêu hai."]


def test_the_short_form_prints_paragraphs_then_the_list_then_sub_sections() -> None:
    text = plan("""
        - tieu_de: Mục đích
          muc: [{tieu_de: Con}]
          chi_tieu: [Chỉ tiêu.]
          y: [Ý.]
          doan: [Đoạn.]
          doan_cuoi: [Đoạn cuối.]
        """)
    assert body_lines(text) == ["I. MỤC ĐÍCH", "Đoạn.", "- Ý.", "- Chỉ tiêu.", "1. Con", "Đoạn cuối."]


def test_lan_luot_beside_a_short_key_is_an_error() -> None:
    assert refused_at(plan("""
        - tieu_de: Mục tiêu
          doan: [Một.]
          lan_luot: [{doan: Hai.}]
        """)) == ["ke_hoach.noi_dung[0].lan_luot"]


def test_a_block_with_two_keys_is_an_error() -> None:
    assert refused_at(plan("""
        - tieu_de: Mục tiêu
          lan_luot:
            - {doan: Một., y: [Hai.]}
        """)) == ["ke_hoach.noi_dung[0].lan_luot[0]"]


def test_an_empty_block_is_an_error() -> None:
    assert refused_at(plan("""
        - tieu_de: Mục tiêu
          lan_luot: [{doan: Một.}, {}]
        """)) == ["ke_hoach.noi_dung[0].lan_luot[1]"]


def test_short_form_keys_written_out_of_printed_order_are_a_warning() -> None:
    text = plan("""
        - tieu_de: Mục tiêu
          chi_tieu: [Chỉ tiêu một.]
          doan: [Phấn đấu đạt các chỉ tiêu sau.]
        """)
    problems = check_spec(parse_spec(text, "ke-hoach.yaml"))
    assert [(p.rule, p.path) for p in problems] == [("MUC-THU-TU", "ke_hoach.noi_dung[0].chi_tieu")]
    assert "lan_luot" in problems[0].hint
