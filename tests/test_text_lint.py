"""The text lint: mistakes in the drafter's own words, caught by `check` at the line typed.

Each rule has its fixture in tests/data/bad/rules/<ID>.yaml (for docs/errors.md); the small
specifications here show its variants, what it must leave alone, and, through the view (the
paragraphs the template prints), that what it objects to is really wrong on paper.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_docgen import SpecError, parse_spec, render
from cchc_docgen.checks import RULE_BY_ID, check_files, check_spec
from cchc_docgen.errors import ERROR, WARNING
from cchc_docgen.view import build_views

from support.spec_builder import BASE, WITH_DECISION, spec_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "plan_specs").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
TEXT_RULES = ["VB-SO-THU-TU", "VB-KHOANG-TRANG", "VB-CAU-BI-CAT", "VB-PHU-LUC-THIEU", "VB-PHU-LUC-TRONG",
              "ND30-TRICH-YEU", "VB-CAP-TREN", "VB-MAC-DINH", "VB-CAN-CU", "VB-KET-THUC"]  # fmt: skip
TASKS_SECTION = "    - loai: nhiem_vu_cu_the\n"


def _found(text: str) -> list[tuple[str, str]]:
    """(rule id, field path) of every problem `check` finds in ``text``."""
    return [(p.rule, p.path) for p in check_spec(parse_spec(text, "dac-ta.yaml"), "dac-ta.yaml")]


def _with_section(body: str, base: str = BASE) -> str:
    """BASE with a section written just before 'nhiệm vụ cụ thể' (the plan's second part)."""
    return spec_text((TASKS_SECTION, body + TASKS_SECTION), base=base)


def _printed(text: str) -> list[str]:
    """Each paragraph of the plan as printed: label, then text."""
    return [block.label + block.text for view in build_views(parse_spec(text), lines=False) for block in view.blocks]


def test_every_text_rule_is_in_the_rule_table_with_its_severity() -> None:
    severities = {rule_id: RULE_BY_ID[rule_id].severity for rule_id in TEXT_RULES}
    assert severities == {
        "VB-SO-THU-TU": ERROR, "VB-KHOANG-TRANG": WARNING, "VB-CAU-BI-CAT": ERROR, "VB-PHU-LUC-THIEU": WARNING,
        "VB-PHU-LUC-TRONG": ERROR, "ND30-TRICH-YEU": ERROR, "VB-CAP-TREN": ERROR, "VB-MAC-DINH": ERROR,
        "VB-CAN-CU": ERROR, "VB-KET-THUC": WARNING,
    }  # fmt: skip


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_shipped_specifications_pass_check_without_a_warning(path: Path) -> None:
    assert [p.format() for p in check_files([path]).problems] == []


def test_a_message_names_file_line_column_and_field_with_a_hint() -> None:
    text = _with_section("    - tieu_de: Công tác  tuyên truyền\n      doan: [Nâng cao nhận thức.]\n")
    [problem] = check_spec(parse_spec(text, "ke-hoach.yaml"), "ke-hoach.yaml")
    assert problem.format().startswith("ke-hoach.yaml:23:16: cảnh báo [VB-KHOANG-TRANG]: ke_hoach.noi_dung[1].tieu_de: ")
    assert "«Công tác  tuyên truyền»" in problem.message and problem.hint


def test_render_refuses_a_text_error_and_reports_a_text_warning(office) -> None:
    """Every render runs the rules: an error writes nothing, a warning comes back with the documents."""
    chopped = _with_section("    - tieu_de: Mục đích\n      doan: [Đảm bảo triển khai toàn diện, hiệu quả các nhiệm vụ.]\n")
    with pytest.raises(SpecError) as stopped:
        render(parse_spec(chopped, "ke-hoach.yaml"))
    assert [p.rule for p in stopped.value.problems] == ["VB-CAU-BI-CAT"]
    spaced = _with_section("    - tieu_de: Công tác  tuyên truyền\n      doan: [Nâng cao nhận thức.]\n")
    result = render(parse_spec(spaced, "ke-hoach.yaml"))
    assert result.documents and [p.rule for p in result.warnings] == ["VB-KHOANG-TRANG"]
    for document in result.documents:
        office.register(f"text-lint-{document.file_name}", document.data)  # -- LibreOffice opens it at the end --


# -- VB-SO-THU-TU: numbering or a dash typed into text the program numbers --
@pytest.mark.parametrize("typed", ["3.1. Cải cách thể chế", "II. Cải cách thể chế", "a) Cải cách thể chế", "1/ Cải cách thể chế", "a.1. Cải cách thể chế", "- Cải cách thể chế"])
def test_numbering_typed_into_a_title_is_flagged(typed: str) -> None:
    text = _with_section(f"    - tieu_de: \"{typed}\"\n      doan: [Nâng cao nhận thức.]\n")
    assert _found(text) == [("VB-SO-THU-TU", "ke_hoach.noi_dung[1].tieu_de")]
    assert any(line.startswith(f"II. {typed.upper()}") for line in _printed(text))  # what the drafter would get


@pytest.mark.parametrize("typed", ["-Thực hiện rà soát", "- Thực hiện rà soát", "+ Thực hiện rà soát", "– Thực hiện rà soát", "1. Thực hiện rà soát", "- 100% hồ sơ đúng hạn"])
def test_a_dash_or_number_typed_into_an_item_is_flagged(typed: str) -> None:
    text = _with_section(f"    - tieu_de: Tuyên truyền\n      y:\n        - \"{typed}\"\n")
    assert _found(text) == [("VB-SO-THU-TU", "ke_hoach.noi_dung[1].y[0]")]
    assert f"- {typed}" in _printed(text)  # "- -Thực hiện"


@pytest.mark.parametrize(
    "old, new, path",
    [
        ("  - noi_dung: Mức độ hài lòng", "  - noi_dung: 1. Mức độ hài lòng", "ke_hoach.noi_dung[0].chi_tieu[0].noi_dung"),
        ("noi_dung: Rà soát văn bản", "noi_dung: -Rà soát văn bản", "nhiem_vu[0].noi_dung"),
    ],
    ids=["target", "task"],
)
def test_numbering_typed_into_a_target_or_a_task_is_flagged(old: str, new: str, path: str) -> None:
    assert _found(spec_text((old, new))) == [("VB-SO-THU-TU", path)]


def test_an_article_number_typed_into_an_article_is_flagged() -> None:
    text = spec_text(("  so: 12\n", "  so: 12\n  dieu:\n    - Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n    - mac_dinh\n"), base=WITH_DECISION)
    assert _found(text) == [("VB-SO-THU-TU", "quyet_dinh.dieu[0]")]


@pytest.mark.parametrize("text", ["100% hồ sơ được giải quyết đúng hạn", "1.000 hồ sơ trực tuyến", "2021 là năm tăng tốc", "ISO 9001:2015 được duy trì", "+5% so với năm 2020",
                                  "Chương trình 30-NQ/TW", "Cải cách thể chế - pháp luật", "UBND các xã - thị trấn"])
def test_text_that_only_starts_with_a_number_or_holds_a_dash_is_not_numbering(text: str) -> None:
    assert _found(_with_section(f"    - tieu_de: {text}\n      y:\n        - {text}\n")) == []


def test_a_plain_paragraph_may_start_with_its_own_numbering() -> None:
    """'doan' prints no label: numbering typed there is the drafter's own and prints once."""
    assert _found(_with_section("    - tieu_de: Tuyên truyền\n      doan:\n        - 1. Tổ chức hội nghị.\n        - \"- Đăng tin trên Cổng.\"\n")) == []


# -- VB-KHOANG-TRANG: double spaces, spaces at the ends, before punctuation --
@pytest.mark.parametrize(
    "paragraph",
    ["Rà soát,  đơn giản hóa thủ tục.", "Rà soát, đơn giản hóa thủ tục .", "Rà soát thủ tục ; công khai.", "Rà soát thủ tục ( hành chính).",
     "\" Rà soát thủ tục hành chính.\"", "\"Rà soát thủ tục hành chính. \"", "Rà soát thủ tục , công khai."],
    ids=["double", "before-dot", "before-semicolon", "after-bracket", "leading", "trailing", "before-comma"],
)
def test_double_and_misplaced_spaces_are_warned(paragraph: str) -> None:
    assert _found(_with_section(f"    - tieu_de: Tuyên truyền\n      doan:\n        - {paragraph}\n")) == [("VB-KHOANG-TRANG", "ke_hoach.noi_dung[1].doan[0]")]


@pytest.mark.parametrize(
    "paragraph",
    ["Thực hiện Kế hoạch số      /KH-UBND ngày      /12/2022.", "Ký ngày      tháng 12 năm 2022.", "Lưu ý: tỷ lệ đạt 95 %.", "Các xã (thị trấn) báo cáo.",
     "Gửi Sở Nội vụ (b/c).", "Mức 1, mức 2 và mức 3…", "Rà soát thủ tục hành chính\n  theo quy định."],
    ids=["blank-number", "blank-day", "percent", "brackets", "b/c", "ellipsis", "folded-lines"],
)
def test_blanks_for_a_number_or_day_and_ordinary_spacing_pass(paragraph: str) -> None:
    quoted = paragraph.replace("\n", "\\n")
    assert _found(_with_section(f"    - tieu_de: Tuyên truyền\n      doan:\n        - \"{quoted}\"\n")) == []


# -- VB-CAU-BI-CAT: a sentence chopped by a YAML flow list --
def test_a_sentence_chopped_by_a_flow_list_is_an_error() -> None:
    text = _with_section("    - tieu_de: Mục đích\n      doan: [Đảm bảo triển khai toàn diện, hiệu quả các nhiệm vụ.]\n")
    assert _found(text) == [("VB-CAU-BI-CAT", "ke_hoach.noi_dung[1].doan[1]")]
    assert {"Đảm bảo triển khai toàn diện", "hiệu quả các nhiệm vụ."} <= set(_printed(text))  # two paragraphs, one in lower case


@pytest.mark.parametrize(
    "lines",
    ["      y: [Các cơ quan, đơn vị phát huy tinh thần chủ động, sáng tạo.]\n",
     "      y: [Các cơ quan chủ động,\n          sáng tạo trong thực hiện.]\n",
     "      chi_tieu: [Tỷ lệ hồ sơ trực tuyến, đúng hạn đạt 95%.]\n"],
    ids=["items", "flow-list-over-two-lines", "targets"],
)
def test_a_flow_list_of_items_or_targets_cut_at_a_comma_is_an_error(lines: str) -> None:
    assert [rule for rule, _ in _found(_with_section("    - tieu_de: Yêu cầu\n" + lines))] == ["VB-CAU-BI-CAT"]


@pytest.mark.parametrize(
    "lines",
    ["      doan:\n        - Đảm bảo triển khai toàn diện, hiệu quả các nhiệm vụ.\n",
     "      doan: [\"Đảm bảo triển khai toàn diện, hiệu quả các nhiệm vụ.\"]\n",
     "      y: [Sở Nội vụ, Sở Tư pháp, Văn phòng UBND tỉnh]\n",
     "      y: [cải cách thể chế, cải cách thủ tục hành chính]\n",
     "      y:\n        - Các cơ quan chủ động.\n        - trong đó ưu tiên thủ tục liên thông.\n"],
    ids=["block-list", "quoted", "all-capitalised", "all-lower-case-on-purpose", "block-list-lower-case-item"],
)
def test_block_lists_quoted_sentences_and_lists_of_names_pass(lines: str) -> None:
    assert _found(_with_section("    - tieu_de: Yêu cầu\n" + lines)) == []


def test_a_flow_list_of_agency_codes_is_not_prose() -> None:
    assert _found(spec_text(("phoi_hop: [pnv]", "phoi_hop: [pnv, vp]"), ("  ptp: Phòng Tư pháp\n", "  ptp: Phòng Tư pháp\n  vp: Văn phòng\n"),
                            ("    - co_quan: ptp\n", "    - co_quan: ptp\n    - co_quan: vp\n"))) == []


# -- VB-PHU-LUC-THIEU, VB-PHU-LUC-TRONG: the appendix pointed at, and its rows --
NO_APPENDIX = ("  phu_luc:\n    - {}\n", "")


@pytest.mark.parametrize("pointer", ["(Chi tiết tại Phụ lục kèm theo)", "(Có Phụ lục chi tiết kèm theo)", "(Chi tết tại Phụ lục đính kèm)", "Nhiệm vụ cụ thể tại Phụ lục I."])
def test_a_body_pointing_at_a_missing_appendix_is_warned(pointer: str) -> None:
    text = spec_text(NO_APPENDIX, (TASKS_SECTION, f"{TASKS_SECTION}      doan:\n        - {pointer}\n"))
    assert _found(text) == [("VB-PHU-LUC-THIEU", "ke_hoach.noi_dung[1].doan[0]")]


@pytest.mark.parametrize("paragraph", ["Thực hiện theo Phụ lục kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2021 của UBND tỉnh.", "Lập phụ lục hợp đồng đúng mẫu."])
def test_a_reference_to_another_documents_appendix_passes(paragraph: str) -> None:
    assert _found(spec_text(NO_APPENDIX, (TASKS_SECTION, f"{TASKS_SECTION}      doan:\n        - {paragraph}\n"))) == []


def test_a_pointer_to_an_appendix_issued_outside_the_file_passes() -> None:
    text = spec_text(NO_APPENDIX, ("  noi_dung:\n", "  phu_luc_rieng: co\n  noi_dung:\n"),
                     (TASKS_SECTION, f"{TASKS_SECTION}      doan:\n        - (Chi tết tại Phụ lục đính kèm)\n"))
    assert _found(text) == []
    assert "(Chi tết tại Phụ lục đính kèm)" in _printed(text)


def test_a_pointer_with_its_appendix_present_passes() -> None:
    assert _found(spec_text((TASKS_SECTION, f"{TASKS_SECTION}      doan:\n        - (Chi tiết tại Phụ lục kèm theo)\n"))) == []


@pytest.mark.parametrize(
    "appendices, path",
    [("  phu_luc:\n    - linh_vuc: [cong_vu]\n", "ke_hoach.phu_luc[0]"), ("  phu_luc:\n    - {}\n    - {}\n", "ke_hoach.phu_luc[1]")],
    ids=["area-without-tasks", "second-after-one-taking-all"],
)
def test_an_appendix_that_gets_no_rows_is_an_error(appendices: str, path: str) -> None:
    assert _found(spec_text(("  phu_luc:\n    - {}\n", appendices))) == [("VB-PHU-LUC-TRONG", path)]


def test_an_appendix_with_its_tasks_passes() -> None:
    assert _found(spec_text(("  phu_luc:\n    - {}\n", "  phu_luc:\n    - linh_vuc: [the_che]\n"))) == []


# -- ND30-TRICH-YEU: a trích yếu in capitals --
@pytest.mark.parametrize("title", ["CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2021", "CẢI CÁCH HÀNH CHÍNH NĂM 2021 của huyện"])
def test_a_trich_yeu_typed_in_capitals_is_an_error(title: str) -> None:
    text = spec_text(("trich_yeu: Công tác cải cách hành chính năm 2021", f"trich_yeu: {title}"))
    assert _found(text) == [("ND30-TRICH-YEU", "ke_hoach.trich_yeu")]
    assert f"Trên đây là Kế hoạch {title}" in "\n".join(_printed(text))  # the capitals leak into the running text


@pytest.mark.parametrize("title", ["Cải cách hành chính của UBND huyện năm 2021", "CCHC năm 2021", "Cải cách hành chính, trọng tâm là TTHC, CNTT, ISO"])
def test_a_trich_yeu_with_acronyms_passes(title: str) -> None:
    assert _found(spec_text(("trich_yeu: Công tác cải cách hành chính năm 2021", f"trich_yeu: {title}"))) == []


def test_a_decision_trich_yeu_in_capitals_is_an_error() -> None:
    text = spec_text(("  so: 12\n", "  so: 12\n  trich_yeu: BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH\n"), base=WITH_DECISION)
    assert _found(text) == [("ND30-TRICH-YEU", "quyet_dinh.trich_yeu")]


# -- VB-CAP-TREN: a district parent line after 1/7/2025 --
def _commune(parent: str, date: str = "14/01/2026") -> str:
    """A commune's plan dated ``date``, its parent line ``parent``."""
    year = date[-4:]
    return spec_text(("  cap: huyen\n  dia_ban: Thăng Bình\n", f"  cap: xa\n  dia_ban: Bình Minh\n  cap_tren: [{parent}]\n"),
                     ("ngay: 14/01/2021", f"ngay: {date}"), ("quý II/2021", f"năm {year}"), ("năm 2021", f"năm {year}"))


@pytest.mark.parametrize("parent, date", [("UBND HUYỆN THĂNG BÌNH", "14/01/2026"), ("Ủy ban nhân dân huyện Thăng Bình", "01/07/2025"), ("UBND THỊ XÃ ĐIỆN BÀN", "12/2025")])
def test_a_district_parent_line_on_a_commune_after_the_reform_is_an_error(parent: str, date: str) -> None:
    assert _found(_commune(parent, date)) == [("VB-CAP-TREN", "co_quan_ban_hanh.cap_tren[0]")]


def test_a_district_parent_line_before_the_reform_or_a_province_after_it_passes() -> None:
    before = spec_text(("  cap: huyen\n  dia_ban: Thăng Bình\n", "  cap: xa\n  dia_ban: Bình Minh\n  cap_tren: [UBND HUYỆN THĂNG BÌNH]\n"))
    assert _found(before) == [] and _found(_commune("UBND TỈNH QUẢNG NAM")) == [] and _found(_commune("UBND HUYỆN X", "30/06/2025")) == []


# -- ND30-KYHIEU: a ký hiệu with a space or an extra slash --
@pytest.mark.parametrize("symbol, says", [("KH/UBND", "dấu '/' thừa"), ("KH-UBND/VP", "dấu '/' thừa"), ("KH-UBND/2021", "số hay năm"), (" KH-UBND", "dấu cách"), ("KH -UBND", "dấu cách")])
def test_a_symbol_with_a_space_or_an_extra_slash_is_an_error(symbol: str, says: str) -> None:
    [problem] = check_spec(parse_spec(spec_text(("  so: 5\n", f'  so: 5\n  ky_hieu: "{symbol}"\n'))), "")
    assert (problem.rule, problem.path) == ("ND30-KYHIEU", "ke_hoach.ky_hieu") and says in problem.message


# -- VB-MAC-DINH: a near miss of mac_dinh --
@pytest.mark.parametrize("typed", ["mac dinh", "mặc định", "Mac_dinh", "MAC_DINH", "mac-dinh", "macdinh"])
def test_a_misspelt_mac_dinh_is_an_error(typed: str) -> None:
    text = spec_text(("  so: 12\n", f"  so: 12\n  dieu:\n    - mac_dinh\n    - {typed}\n"), base=WITH_DECISION)
    assert _found(text) == [("VB-MAC-DINH", "quyet_dinh.dieu[1]")]
    assert f"Điều 2. {typed}./." in _printed(text)  # the word itself becomes the last article


def test_mac_dinh_and_a_real_article_pass() -> None:
    text = spec_text(("  so: 12\n", "  so: 12\n  dieu:\n    - mac_dinh\n    - Giao Phòng Nội vụ theo dõi việc thực hiện.\n    - mac_dinh\n"), base=WITH_DECISION)
    assert _found(text) == []


# -- VB-CAN-CU: a căn cứ repeating its opening word --
@pytest.mark.parametrize(
    "entry, path",
    [("    - thực hiện Kế hoạch số 56/KH-UBND của UBND tỉnh\n", "ke_hoach.can_cu[0]"),
     ("    - căn cứ Luật Tổ chức chính quyền địa phương\n", "ke_hoach.can_cu[0]"),
     ("    - loai: Căn cứ Luật Tổ chức chính quyền địa phương\n", "ke_hoach.can_cu[0].loai"),
     ("    - {loai: Thực hiện Kế hoạch, so: 56/KH-UBND}\n", "ke_hoach.can_cu[0].loai")],
    ids=["text-thuc-hien", "text-can-cu", "structured-can-cu", "structured-thuc-hien"],
)
def test_a_legal_basis_beginning_with_its_opening_word_is_an_error(entry: str, path: str) -> None:
    text = spec_text(("  trich_yeu: Công tác", f"  can_cu:\n{entry}  trich_yeu: Công tác"))
    assert _found(text) == [("VB-CAN-CU", path)]
    assert any(line.casefold().startswith(("căn cứ căn cứ", "căn cứ thực hiện")) for line in _printed(text))


def test_a_proposal_repeating_theo_de_nghi_is_an_error() -> None:
    text = spec_text(("  so: 12\n", "  so: 12\n  de_nghi: Theo đề nghị của Trưởng phòng Nội vụ\n"), base=WITH_DECISION)
    assert _found(text) == [("VB-CAN-CU", "quyet_dinh.de_nghi")]


@pytest.mark.parametrize("entry", ["    - Căn cứ Luật Tổ chức chính quyền địa phương\n", "    - Thực hiện Kế hoạch số 56/KH-UBND của UBND tỉnh\n",
                                   "    - Luật Tổ chức chính quyền địa phương\n", "    - {tien_to: Thực hiện, loai: Kế hoạch, so: 56/KH-UBND}\n"])
def test_a_legal_basis_written_as_printed_passes(entry: str) -> None:
    assert _found(spec_text(("  trich_yeu: Công tác", f"  can_cu:\n{entry}  trich_yeu: Công tác"))) == []


# -- VB-KET-THUC: the closing ./. after an ellipsis --
@pytest.mark.parametrize("ending, printed", [("UBND huyện…", "UBND huyện…./."), ("UBND huyện...", "UBND huyện./.")], ids=["ellipsis", "three-dots"])
def test_a_last_paragraph_ending_in_an_ellipsis_is_warned(ending: str, printed: str) -> None:
    text = spec_text(("  phu_luc:", f"  ket_luan:\n    - Trên đây là Kế hoạch của {ending}\n  phu_luc:"))
    assert _found(text) == [("VB-KET-THUC", "ke_hoach.ket_luan[0]")]
    assert f"Trên đây là Kế hoạch của {printed}" in _printed(text)  # "…./." or the dots silently gone


def test_a_last_article_ending_in_an_ellipsis_is_warned() -> None:
    text = spec_text(("  so: 12\n", "  so: 12\n  dieu:\n    - mac_dinh\n    - Các cơ quan thi hành Quyết định này…\n"), base=WITH_DECISION)
    assert _found(text) == [("VB-KET-THUC", "quyet_dinh.dieu[1]")]


@pytest.mark.parametrize("ending", ["UBND huyện.", "UBND huyện./.", "UBND huyện"])
def test_a_last_paragraph_ending_in_a_full_stop_passes(ending: str) -> None:
    assert _found(spec_text(("  phu_luc:", f"  ket_luan:\n    - Trên đây là Kế hoạch của {ending}\n  phu_luc:"))) == []
