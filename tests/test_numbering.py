"""Numbering is chosen per level (danh_so), for the whole plan or any subtree; the default
is Decree 30 practice: I. / 1. / a) / - / +."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_docgen import parse_spec, vn
from cchc_docgen.content import printed_labels
from cchc_docgen.numbering import DEFAULT, NONE, Label, Levels, label

from support.small_plans import body_lines, plan, refused, styled_lines

CHAIN = """
- tieu_de: Một
  muc:
    - tieu_de: Hai
      muc:
        - tieu_de: Ba
          muc:
            - tieu_de: Bốn
              muc:
                - tieu_de: Năm
                  muc:
                    - tieu_de: Sáu
"""


def test_the_default_is_roman_arabic_letter_dash_plus() -> None:
    assert body_lines(plan(CHAIN)) == ["I. MỘT", "1. Hai", "a) Ba", "- Bốn", "+ Năm", "+ Sáu"]


def test_a_level_under_letters_is_a_dash_not_a_decimal() -> None:
    assert "a.1." not in " ".join(body_lines(plan(CHAIN)))


def test_the_plan_chooses_every_level() -> None:
    lines = body_lines(plan(CHAIN, plan_keys="danh_so: [so, thap_phan, thap_phan, chu, gach, cong]"))
    assert lines == ["1. Một", "1.1. Hai", "1.1.1. Ba", "a) Bốn", "- Năm", "+ Sáu"]


def test_levels_not_written_follow_the_last_written() -> None:
    assert body_lines(plan(CHAIN, plan_keys="danh_so: [la_ma, thap_phan]"))[:4] == ["I. MỘT", "1. Hai", "1.1. Ba", "1.1.1. Bốn"]


def test_objectives_numbered_at_the_top_without_a_roman_part() -> None:
    text = plan("""
        - tieu_de: Mục tiêu tổng quát
          doan: [Xây dựng nền hành chính phục vụ.]
        - tieu_de: Mục tiêu cụ thể
          muc: [{tieu_de: Về thể chế}]
        """, plan_keys="danh_so: [so, chu]")
    assert styled_lines(text) == [("tieu_de", "1. Mục tiêu tổng quát"), ("than", "Xây dựng nền hành chính phục vụ."),
                                  ("tieu_de", "2. Mục tiêu cụ thể"), ("tieu_de", "a) Về thể chế")]


def test_a_decimal_level_whose_children_are_letters() -> None:
    text = plan("""
        - tieu_de: Nhiệm vụ
          muc:
            - tieu_de: Thể chế
            - tieu_de: Thủ tục hành chính
              danh_so: [thap_phan, chu]
              muc:
                - tieu_de: Kiểm soát thủ tục
                  muc: [{tieu_de: Rà soát}, {tieu_de: Công khai}]
        """)
    assert body_lines(text) == ["I. NHIỆM VỤ", "1. Thể chế", "2. Thủ tục hành chính", "2.1. Kiểm soát thủ tục", "a) Rà soát", "b) Công khai"]


def test_a_subtree_setting_leaves_its_siblings_alone() -> None:
    text = plan("""
        - tieu_de: A
          danh_so: thap_phan
          muc: [{tieu_de: A1, muc: [{tieu_de: A11}]}]
        - tieu_de: B
          muc: [{tieu_de: B1, muc: [{tieu_de: B11}]}]
        """)
    assert body_lines(text) == ["I. A", "1. A1", "1.1. A11", "II. B", "1. B1", "a) B11"]


def test_a_section_is_numbered_without_a_title() -> None:
    text = plan("""
        - tieu_de: Mục tiêu
          muc:
            - noi_dung: Hoàn thiện thể chế.
            - noi_dung: Cải cách thủ tục.
        """)
    assert styled_lines(text)[1:] == [("than", "1. Hoàn thiện thể chế."), ("than", "2. Cải cách thủ tục.")]


def test_a_title_stands_without_a_number_and_the_count_goes_on() -> None:
    text = plan("""
        - tieu_de: Căn cứ xây dựng
          so_thu_tu: khong
          doan: [Theo chỉ đạo của tỉnh.]
        - tieu_de: Mục đích
        - tieu_de: Yêu cầu
          muc:
            - {tieu_de: "Nhiệm vụ:", so_thu_tu: khong}
            - tieu_de: Cụ thể
        """)
    assert body_lines(text) == ["CĂN CỨ XÂY DỰNG", "Theo chỉ đạo của tỉnh.", "I. MỤC ĐÍCH", "II. YÊU CẦU", "Nhiệm vụ:", "1. Cụ thể"]


def test_an_unnumbered_level() -> None:
    text = plan("""
        - tieu_de: Phần chung
          danh_so: khong
          muc: [{tieu_de: Tiêu đề con}]
        """)
    assert styled_lines(text) == [("muc", "I. PHẦN CHUNG"), ("tieu_de", "Tiêu đề con")]


def test_old_danh_so_con_still_numbers_the_third_level() -> None:
    text = plan("""
        - tieu_de: Trách nhiệm
          muc:
            - tieu_de: Cụ thể
              danh_so_con: thap_phan
              muc: [{tieu_de: Phòng A, muc: [{tieu_de: Tổ 1}]}]
        """)
    assert body_lines(text) == ["I. TRÁCH NHIỆM", "1. Cụ thể", "1.1. Phòng A", "1.1.1. Tổ 1"]


LIST = """
- tieu_de: Chỉ tiêu
  liet_ke: {liet_ke}
  chi_tieu:
    - noi_dung: Thủ tục hành chính.
      y: [Trực tuyến toàn trình., {{noi_dung: Một phần., y: [Cấp xã.]}}]
    - Số hóa hồ sơ.
"""


@pytest.mark.parametrize(("style", "expected"), [
    ("gach", ["- Thủ tục hành chính.", "+ Trực tuyến toàn trình.", "+ Một phần.", "+ Cấp xã.", "- Số hóa hồ sơ."]),
    ("so", ["1. Thủ tục hành chính.", "- Trực tuyến toàn trình.", "- Một phần.", "+ Cấp xã.", "2. Số hóa hồ sơ."]),
    ("[chu, so]", ["a) Thủ tục hành chính.", "1. Trực tuyến toàn trình.", "2. Một phần.", "a) Cấp xã.", "b) Số hóa hồ sơ."]),
    ("[thap_phan]", ["1. Thủ tục hành chính.", "1.1. Trực tuyến toàn trình.", "1.2. Một phần.", "1.2.1. Cấp xã.", "2. Số hóa hồ sơ."]),
], ids=["gach", "so", "chu-so", "thap_phan"])
def test_list_items_follow_liet_ke_at_every_depth(style: str, expected: list[str]) -> None:
    assert body_lines(plan(LIST.format(liet_ke=style)))[1:] == expected


def test_numbered_items_share_the_count_with_the_sections_beside_them() -> None:
    text = plan("""
        - tieu_de: Mục tiêu
          liet_ke: so
          chi_tieu: [Chỉ tiêu một.]
          muc: [{tieu_de: Mục tiêu khác}]
        """)
    assert body_lines(text) == ["I. MỤC TIÊU", "1. Chỉ tiêu một.", "2. Mục tiêu khác"]


def test_decimal_labels_extend_only_arabic_parents() -> None:
    assert label("thap_phan", 3, Label("2.1.", "thap_phan")).text == "2.1.3."
    assert label("thap_phan", 3, Label("2.", "so")).text == "2.3."
    assert label("thap_phan", 3, Label("b)", "chu")).text == "3."
    assert label("thap_phan", 1, NONE).text == "1."
    assert Levels(("chu",)).at(3) == "cong"


def test_danh_so_con_where_it_cannot_apply_is_an_error_with_its_place() -> None:
    problems = refused(plan("""
        - tieu_de: Trách nhiệm
          danh_so_con: thap_phan
          muc: [{tieu_de: Cụ thể}]
        """))
    assert problems == [("ke_hoach.noi_dung[0].danh_so_con", "'danh_so_con' chỉ áp dụng cho mục con cấp 3, nhưng mục con của mục này ở cấp 2.")]


def test_numbering_a_section_without_sub_sections_is_an_error() -> None:
    problems = refused(plan("""
        - tieu_de: Chỉ tiêu
          danh_so: [chu]
          chi_tieu: [Một.]
        """))
    assert [path for path, _ in problems] == ["ke_hoach.noi_dung[0].danh_so"]


def test_liet_ke_without_items_is_an_error() -> None:
    problems = refused(plan("""
        - tieu_de: Nhiệm vụ
          liet_ke: so
          muc: [{tieu_de: Thể chế}]
        """))
    assert [path for path, _ in problems] == ["ke_hoach.noi_dung[0].liet_ke"]


def test_an_unknown_scheme_is_refused_with_the_choices() -> None:
    problems = refused(plan("""
        - tieu_de: Nhiệm vụ
          danh_so: [la-ma]
          muc: [{tieu_de: Thể chế}]
        """))
    assert problems[0][0] == "ke_hoach.noi_dung[0].danh_so[0]"


def test_no_number_on_a_section_with_nothing_to_print_is_an_error() -> None:
    problems = refused(plan("""
        - so_thu_tu: khong
          doan: [Một đoạn.]
        """))
    assert [path for path, _ in problems] == ["ke_hoach.noi_dung[0].so_thu_tu"]


def test_the_label_printed_before_each_node_is_known_by_identity() -> None:
    spec = parse_spec(plan("""
        - tieu_de: Nhiệm vụ
          danh_so: [khong]
          muc:
            - tieu_de: "3.1. Cải cách thể chế"
              y: [{noi_dung: Rà soát}]
        """))
    labels = printed_labels(spec)
    top = spec.plan.sections[0]
    sub = top.subsections[0]
    assert (labels[id(top)], labels[id(sub)], labels[id(sub.items[0])]) == ("I.", "", "-")


# -- any tree, any choice of schemes: siblings count 1, 2, 3 in their scheme, decimals extend their parent --
SCHEMES = ["la_ma", "so", "thap_phan", "chu", "gach", "cong", "khong"]
_TREES = st.recursive(st.just([]), lambda children: st.lists(children, min_size=1, max_size=3), max_leaves=12)


def _yaml(tree: list, depth: int = 0, path: str = "") -> str:
    lines = []
    for index, children in enumerate(tree):
        name = f"{path}{index + 1}."
        lines.append("  " * depth + f"- tieu_de: Mục {name}")
        if children:
            lines.append("  " * depth + "  muc:")
            lines.append(_yaml(children, depth + 2, name))
    return "\n".join(lines)


def _number(scheme: str, label: str) -> int | None:
    if scheme == "la_ma":
        return next(n for n in range(1, 40) if f"{vn.roman(n)}." == label)
    if scheme in ("so", "thap_phan"):
        return int(label.rstrip(".").split(".")[-1])
    if scheme == "chu":
        return vn.LETTERS.index(label.rstrip(")")) + 1
    return None


@settings(max_examples=60, derandomize=True, deadline=None, database=None)
@given(tree=_TREES.filter(bool), schemes=st.lists(st.sampled_from(SCHEMES), max_size=5))
def test_any_tree_is_numbered_level_by_level(tree: list, schemes: list[str]) -> None:
    keys = f"danh_so: [{', '.join(schemes)}]" if schemes else ""
    lines = body_lines(plan(_yaml(tree), plan_keys=keys))
    levels = Levels(tuple(schemes) or DEFAULT)
    printed = iter(lines)

    def walk(children: list, depth: int, parent: str, parent_scheme: str) -> None:
        scheme = levels.at(depth - 1)
        for index, grandchildren in enumerate(children):
            line = next(printed)
            label = line[: line.lower().index("mục")].strip()  # -- titles are 'Mục 1.2.' (capitals at a Roman level) --
            if scheme == "khong":
                assert label == ""
            elif scheme in ("gach", "cong"):
                assert label == {"gach": "-", "cong": "+"}[scheme]
            else:
                assert _number(scheme, label) == index + 1, line
                if scheme == "thap_phan" and parent_scheme in ("so", "thap_phan"):
                    assert label.startswith(parent), (line, parent)
            walk(grandchildren, depth + 1, label, scheme)

    walk(tree, 1, "", "khong")
    assert next(printed, None) is None


def test_an_untitled_grouping_with_its_own_scheme_counts_afresh() -> None:
    text = plan("""
        - tieu_de: Nhiệm vụ
          muc:
            - tieu_de: Chung
            - danh_so: [chu]
              muc: [{tieu_de: Điểm một}, {tieu_de: Điểm hai}]
            - tieu_de: Riêng
        """)
    assert body_lines(text) == ["I. NHIỆM VỤ", "1. Chung", "a) Điểm một", "b) Điểm hai", "2. Riêng"]
