"""Typing and cross-field validation: every problem at once, each with its place and a hint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cchc_docgen import SpecError, load_spec, parse_spec
from cchc_docgen.rendering import default_template

from support.spec_builder import BASE, WITH_DECISION, spec_text, write_spec


def _problems(text: str) -> list:
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "dac-ta.yaml")
    return caught.value.problems


def _line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_every_problem_is_reported_in_one_run_each_at_its_own_line() -> None:
    text = spec_text(
        ("  trich_yeu:", "  trich_yue:"),
        ("so: 5", "so: năm"),
        ("chu_tri: ptp", "chu_tri: pt"),
        ("ngay: 14/01/2021", "ngay: 30/02/2021"),
    )
    problems = _problems(text)
    found = {(p.path, p.line) for p in problems}
    assert found == {
        ("ke_hoach.trich_yue", _line_of(text, "trich_yue")),
        ("ke_hoach.so", _line_of(text, "so: năm")),
        ("ke_hoach.ngay", _line_of(text, "ngay: 30/02")),
        ("nhiem_vu[0].chu_tri", _line_of(text, "chu_tri: pt")),
    }
    assert all(p.file == "dac-ta.yaml" and p.column >= 1 and p.hint for p in problems)


def test_an_unknown_key_suggests_the_key_meant_and_is_not_reported_missing_as_well() -> None:
    problems = _problems(spec_text(("  trich_yeu:", "  trich_yue:")))
    assert len(problems) == 1
    assert "'trich_yue'" in problems[0].message
    assert problems[0].hint == "Có phải ý bạn là 'trich_yeu'?"


def test_an_unknown_key_with_no_near_match_lists_the_keys_that_fit() -> None:
    problems = _problems(spec_text(("  luu: [VT, NV]", "  luu: [VT, NV]\n  thong_tin_them: x")))
    assert "nguoi_ky" in problems[0].hint and "trich_yeu" in problems[0].hint


def test_a_missing_required_field_names_its_full_path() -> None:
    tasks = "".join(f"  - linh_vuc: the_che\n    noi_dung: Nhiệm vụ {n}\n    chu_tri: ptp\n    thoi_han: năm 2021\n" for n in range(3))
    text = spec_text(("nhiem_vu:\n", "nhiem_vu:\n" + tasks), ("    chu_tri: ptp\n    phoi_hop", "    phoi_hop"))
    problems = _problems(text)
    assert [p.path for p in problems] == ["nhiem_vu[3].chu_tri"]
    assert problems[0].line == _line_of(text, "noi_dung: Rà soát") - 1
    assert "thiếu khóa bắt buộc 'chu_tri'" in problems[0].message


@pytest.mark.parametrize(
    "old, new, path, expected",
    [
        ("so: 5", "so: năm", "ke_hoach.so", "số nguyên"),
        ("so: 5", "so: [5]", "ke_hoach.so", "một danh sách"),
        ("so: 5", "so: -5", "ke_hoach.so", "số nguyên dương"),
        ("gia_tri: 85", "gia_tri: tám lăm", "ke_hoach.noi_dung[0].chi_tieu[0].gia_tri", "cần một số"),
        ("  cap: huyen\n  dia_ban: Thăng Bình\n", "  - huyen\n", "co_quan_ban_hanh", "nhóm khóa"),
        ("phoi_hop: [pnv]", "phoi_hop: {pnv: co}", "nhiem_vu[0].phoi_hop", "danh sách"),
        ("luu: [VT, NV]", "luu: {VT: NV}", "ke_hoach.luu", "danh sách"),
        ("cap: huyen", "cap: huyn", "co_quan_ban_hanh.cap", "không hợp lệ"),
        ("thay_mat: Ủy ban nhân dân", "thay_mat: [Ủy ban nhân dân]", "ke_hoach.nguoi_ky.thay_mat", "một đoạn chữ"),
    ],
)
def test_a_value_of_the_wrong_type_says_what_was_expected(old: str, new: str, path: str, expected: str) -> None:
    problems = _problems(spec_text((old, new)))
    assert [p.path for p in problems] == [path]
    assert expected in problems[0].message


@pytest.mark.parametrize("date", ["30/02/2021", "29/02/2023", "31/04/2021", "00/01/2021", "15/13/2021", "32/1/2021", "2021-02-30"])
def test_an_impossible_date_is_refused(date: str) -> None:
    problems = _problems(spec_text(("ngay: 14/01/2021", f"ngay: {date}")))
    assert problems[0].path == "ke_hoach.ngay"
    assert "không tồn tại" in problems[0].message


@pytest.mark.parametrize("deadline", ["30/02/2021", "31/6/2021", "tháng 13/2021"])
def test_an_impossible_deadline_is_refused(deadline: str) -> None:
    problems = _problems(spec_text(("thoi_han: quý II/2021", f"thoi_han: {deadline}")))
    assert problems[0].path == "nhiem_vu[0].thoi_han"
    assert "không tồn tại" in problems[0].message


@pytest.mark.parametrize("date", ["14.01.2021", "14-01-2021", "January 14, 2021", "ngày 14 tháng 01 năm 2021", "14/01/21", "mười bốn"])
def test_a_date_in_a_form_the_tool_does_not_read_is_refused_with_the_forms_it_reads(date: str) -> None:
    problems = _problems(spec_text(("ngay: 14/01/2021", f"ngay: {date}")))
    assert "không đọc được ngày" in problems[0].message
    assert "14/01/2021" in problems[0].hint


def test_a_leap_day_is_a_real_date() -> None:
    spec = parse_spec(spec_text(("ngay: 14/01/2021", "ngay: 29/02/2024"), ("quý II/2021", "quý II/2024")))
    assert spec.plan.date is not None and spec.plan.date.day == 29


@pytest.mark.parametrize(
    "old, new, path",
    [
        ("chu_tri: ptp", "chu_tri: pt", "nhiem_vu[0].chu_tri"),
        ("phoi_hop: [pnv]", "phoi_hop: [pnv, ptc]", "nhiem_vu[0].phoi_hop[1]"),
        ("    - co_quan: ptp\n", "    - co_quan: vp\n", "ke_hoach.noi_nhan[1].co_quan"),
        ("    - co_quan: ptp\n", "    - {ten: Các phòng, gom: [pnv, ubmttq]}\n", "ke_hoach.noi_nhan[1].gom[1]"),
        ("    - loai: nhiem_vu_cu_the\n", "    - loai: nhiem_vu_cu_the\n    - co_quan: pkt\n", "ke_hoach.noi_dung[2].co_quan"),
    ],
)
def test_a_reference_to_an_agency_that_is_not_defined_is_refused_where_it_is_used(old: str, new: str, path: str) -> None:
    problems = _problems(spec_text((old, new)))
    assert [p.path for p in problems] == [path]
    assert "chưa được khai báo trong 'co_quan'" in problems[0].message


def test_the_monitoring_agency_of_a_decision_must_be_defined() -> None:
    problems = _problems(spec_text(("  so: 12\n", "  so: 12\n  co_quan_theo_doi: vp\n"), base=WITH_DECISION))
    assert [p.path for p in problems] == ["quyet_dinh.co_quan_theo_doi"]


def test_a_refused_agency_entry_does_not_make_its_uses_look_undefined() -> None:
    problems = _problems(spec_text(("ptp: Phòng Tư pháp", 'ptp: "Phòng Tư\\u0007pháp"')))
    assert [p.path for p in problems] == ["co_quan.ptp"]


def test_a_value_written_as_a_list_where_a_date_goes_says_what_a_date_looks_like() -> None:
    problems = _problems(spec_text(("ngay: 14/01/2021", "ngay: [14, 01, 2021]")))
    assert problems[0].message.startswith("cần một giá trị viết trên một dòng (Ngày ban hành: 14/01/2021;")


def test_a_mistyped_agency_code_suggests_the_closest_one() -> None:
    problems = _problems(spec_text(("chu_tri: ptp", "chu_tri: pt")))
    assert problems[0].hint == "Có phải ý bạn là 'ptp'?"


def test_duplicate_task_codes_are_refused_at_the_second_one() -> None:
    second = "  - linh_vuc: the_che\n    noi_dung: Kiểm tra thi hành pháp luật\n    chu_tri: ptp\n    thoi_han: quý III/2021\n    ma: TC-01\n"
    text = spec_text(("    thoi_han: quý II/2021\n", "    thoi_han: quý II/2021\n    ma: TC-01\n" + second))
    problems = _problems(text)
    assert [p.path for p in problems] == ["nhiem_vu[1].ma"]
    assert problems[0].line == text.splitlines().index("    ma: TC-01", _line_of(text, "Kiểm tra thi hành")) + 1


def test_a_duplicate_agency_code_is_refused_at_the_second_declaration() -> None:
    problems = _problems(spec_text(("  ptp: Phòng Tư pháp\n", "  ptp: Phòng Tư pháp\n  ptp: Phòng Tài chính\n")))
    assert [(p.path, p.line) for p in problems] == [("co_quan.ptp", 7)]


def test_duplicate_target_codes_are_refused() -> None:
    target = "        - noi_dung: Tỷ lệ hồ sơ đúng hạn đạt 98%.\n          ma: CT-1\n"
    problems = _problems(spec_text(("          don_vi: \"%\"\n", "          don_vi: \"%\"\n          ma: CT-1\n" + target)))
    assert [p.path for p in problems] == ["ke_hoach.noi_dung[0].chi_tieu[1].ma"]


def test_a_key_written_twice_is_refused_at_the_second_one() -> None:
    problems = _problems(spec_text(("  so: 5\n", "  so: 5\n  so: 6\n")))
    assert [(p.path, p.line) for p in problems] == [("ke_hoach.so", 15)]


@pytest.mark.parametrize("value, unit", [("185", "%"), ("-5", "%"), ("100,5", "%")])
def test_a_percentage_outside_0_to_100_is_refused(value: str, unit: str) -> None:
    problems = _problems(spec_text(("gia_tri: 85", f"gia_tri: {value}"), ('don_vi: "%"', f'don_vi: "{unit}"')))
    assert [p.path for p in problems] == ["ke_hoach.noi_dung[0].chi_tieu[0].gia_tri"]
    assert "0–100%" in problems[0].message


@pytest.mark.parametrize("value, unit", [("100", "%"), ("0", "%"), ("185", "hồ sơ")])
def test_a_value_within_range_or_not_a_percentage_is_accepted(value: str, unit: str) -> None:
    parse_spec(spec_text(("gia_tri: 85", f"gia_tri: {value}"), ('don_vi: "%"', f'don_vi: "{unit}"')))


@pytest.mark.parametrize("code", [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])
def test_characters_xml_forbids_are_refused_with_their_code(code: int) -> None:
    problems = _problems(spec_text(("ho_ten: Võ Văn Hùng", f'ho_ten: "Võ Văn\\u{code:04x}Hùng"')))
    assert problems[0].path == "ke_hoach.nguoi_ky.ho_ten"
    assert f"U+{code:04X}" in problems[0].message


def test_an_escaped_carriage_return_becomes_a_line_break() -> None:
    spec = parse_spec(spec_text(("ho_ten: Võ Văn Hùng", 'ho_ten: "Võ Văn\\r\\nHùng\\rA"')))
    assert spec.plan.signer is not None and spec.plan.signer.name == "Võ Văn\nHùng\nA"


@pytest.mark.parametrize("name", ["../../ke-hoach", "/tmp/ke-hoach", "con/ke-hoach", "a\\\\b", "CON", "nul.txt", ".an", "ke-hoach.", "a:b", "x" * 151])
def test_an_output_file_name_that_could_leave_the_output_folder_or_break_on_windows_is_refused(name: str) -> None:
    problems = _problems(BASE + f'xuat:\n  ten_tep: "{name}"\n')
    assert [p.path for p in problems] == ["xuat.ten_tep"]
    assert "-o" in problems[0].hint


def test_a_plain_vietnamese_file_name_is_accepted() -> None:
    spec = parse_spec(BASE + "xuat:\n  ten_tep: Kế hoạch CCHC 2021 (bản cuối)\n")
    assert spec.output.file_name == "Kế hoạch CCHC 2021 (bản cuối)"


def test_a_template_that_does_not_exist_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write_spec(tmp_path, BASE + "xuat:\n  mau: mau/khong-co.docx\n")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert [(p.path, p.line) for p in caught.value.problems] == [("xuat.mau", len(BASE.splitlines()) + 2)]
    assert "không tìm thấy mẫu" in caught.value.problems[0].message


def test_a_template_next_to_the_spec_is_found(tmp_path: Path) -> None:
    (tmp_path / "mau").mkdir()
    shutil.copy(default_template(), tmp_path / "mau" / "rieng.docx")
    spec = load_spec(write_spec(tmp_path, BASE + "xuat:\n  mau: mau/rieng.docx\n"))
    assert spec.output.template == "mau/rieng.docx"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  nguoi_ky:\n    thay_mat: Ủy ban nhân dân\n    chuc_vu: Chủ tịch\n    ho_ten: Võ Văn Hùng\n", "", "thiếu khóa 'nguoi_ky'"),
        ("  so: 5\n", "  so: 5\n  du_thao: co\n", "dự thảo chưa có số"),
        ("ngay: 14/01/2021", "ngay: 14/01/2026", "không còn chính quyền cấp huyện"),
        ("phoi_hop: [pnv]", "phoi_hop: [ptp]", "vừa chủ trì vừa phối hợp"),
        ("linh_vuc: the_che", "linh_vuc: thee_che", "mã lĩnh vực 'thee_che' không có"),
    ],
)
def test_cross_field_rules_name_the_problem(old: str, new: str, message: str) -> None:
    problems = _problems(spec_text((old, new)))
    assert len(problems) == 1 and message in problems[0].message
    assert problems[0].line >= 1


def test_the_clean_base_specifications_load() -> None:
    assert parse_spec(BASE).plan.number == 5
    assert parse_spec(WITH_DECISION).decision is not None
