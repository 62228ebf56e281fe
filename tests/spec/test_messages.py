"""Messages that lead to the fix: the quoting hint at the colon's column, one problem for
one mistake, numbers a drafter can see are wrong."""

from __future__ import annotations

from typing import Any

import pytest

from cchc_docgen import SpecError, parse_spec

from support.spec_builder import BASE, spec_text


def _problems(text: str) -> list[Any]:
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "dac-ta.yaml")
    return caught.value.problems


@pytest.mark.parametrize(
    ("old", "new", "path", "line_text"),
    [
        ("    - co_quan: ptp\n", "    - co_quan: ptp\n    - Văn phòng: lưu hồ sơ\n", "ke_hoach.noi_nhan[2]", "    - Văn phòng: lưu hồ sơ"),
        ("          don_vi: \"%\"\n", "          don_vi: \"%\"\n          y:\n            - Trong đó: cấp xã đạt 90%\n",
         "ke_hoach.noi_dung[0].chi_tieu[0].y[0]", "            - Trong đó: cấp xã đạt 90%"),
        ("    - loai: nhiem_vu_cu_the\n", "    - loai: nhiem_vu_cu_the\n      y:\n        - Lưu ý: báo cáo hằng quý\n", "ke_hoach.noi_dung[1].y[0]", "        - Lưu ý: báo cáo hằng quý"),
        ("    - loai: nhiem_vu_cu_the\n", "    - loai: nhiem_vu_cu_the\n      doan:\n        - Lưu ý: báo cáo hằng quý\n", "ke_hoach.noi_dung[1].doan[0]", "        - Lưu ý: báo cáo hằng quý"),
        ("  trich_yeu:", "  can_cu:\n    - Luật Tổ chức chính quyền địa phương: ngày 19/6/2015\n  trich_yeu:", "ke_hoach.can_cu[0]",
         "    - Luật Tổ chức chính quyền địa phương: ngày 19/6/2015"),
        ("  trich_yeu:", "  mo_dau:\n    - Thực hiện: Kế hoạch của tỉnh\n  trich_yeu:", "ke_hoach.mo_dau[0]", "    - Thực hiện: Kế hoạch của tỉnh"),
        ("  luu: [VT, NV]\n", "  luu:\n    - VT\n    - NV: 02 bản\n", "ke_hoach.luu[1]", "    - NV: 02 bản"),
    ],
    ids=["noi_nhan", "y-of-a-target", "y", "doan", "can_cu", "mo_dau", "luu"],
)
def test_an_unquoted_colon_inside_a_list_item_gets_the_quoting_hint_at_the_colon(old: str, new: str, path: str, line_text: str) -> None:
    text = spec_text((old, new))
    [problem] = _problems(text)
    assert problem.path == path
    assert problem.line == text.splitlines().index(line_text) + 1
    assert problem.column == line_text.index(":") + 1
    assert "nháy" in problem.hint and "không có trong mẫu" not in problem.message


def test_a_sentence_ending_with_a_colon_is_one_item_where_a_list_of_text_goes() -> None:
    spec = parse_spec(spec_text(("  trich_yeu:", "  mo_dau:\n    Ủy ban nhân dân huyện xây dựng kế hoạch như sau:\n  trich_yeu:")))
    assert spec.plan.opening == ["Ủy ban nhân dân huyện xây dựng kế hoạch như sau:"]


def test_a_bad_kind_in_the_only_section_is_the_only_problem() -> None:
    text = BASE.replace("    - loai: muc_tieu_chi_tieu\n      chi_tieu:\n        - noi_dung: Mức độ hài lòng của người dân đạt trên 85%.\n          gia_tri: 85\n          don_vi: \"%\"\n", "")
    problems = _problems(text.replace("    - loai: nhiem_vu_cu_the", "    - loai: nhiem_vu_cu_thee"))
    assert [p.path for p in problems] == ["ke_hoach.noi_dung[0].loai"]


def test_number_zero_is_refused_because_document_numbers_start_at_one() -> None:
    [problem] = _problems(spec_text(("so: 5", "so: 0")))
    assert problem.path == "ke_hoach.so" and "bắt đầu từ 1" in problem.message


@pytest.mark.parametrize("written", ["08", '"08"', "000000053", " 7"])
def test_a_number_with_leading_zeros_is_read_as_the_number(written: str) -> None:
    assert parse_spec(spec_text(("so: 5", f"so: {written}"))).plan.number == int(written.strip('" '))


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [("so: 5", "so: ٥", "ke_hoach.so"), ("so: 5", "so: ５", "ke_hoach.so"), ("gia_tri: 85", "gia_tri: ８５", "ke_hoach.noi_dung[0].chi_tieu[0].gia_tri"),
     ("ngay: 14/01/2021", "ngay: ١٤/٠١/٢٠٢١", "ke_hoach.ngay"), ("thoi_han: quý II/2021", "thoi_han: quý II/２０２１", "nhiem_vu[0].thoi_han")],
    ids=["arabic-indic", "fullwidth", "fullwidth-value", "arabic-indic-date", "fullwidth-deadline"],
)  # fmt: skip
def test_digits_of_another_script_are_refused_with_a_hint(old: str, new: str, path: str) -> None:
    [problem] = _problems(spec_text((old, new)))
    assert problem.path == path and "0–9" in problem.hint


@pytest.mark.parametrize("word", ["co", "Có", "CO", "yes", "YES", "on", "On", "true", "TRUE", "tRuE"])
def test_yes_is_read_in_every_form_the_schema_accepts(word: str) -> None:
    assert parse_spec(spec_text(("  so: 5\n", f"  du_thao: {word}\n"))).plan.draft is True
