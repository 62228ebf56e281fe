"""The check command's Decree 30 and consistency rules, one behaviour at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cchc_docgen import cli, generate, parse_spec
from cchc_docgen.checks import RULES, check_files, check_spec
from cchc_docgen.errors import ERROR, WARNING
from cchc_docgen.rendering import default_template

from support.error_table import rule_cases
from support.spec_builder import BASE, WITH_DECISION, spec_text, write_spec

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED_SPECS = sorted((ROOT / "plan_specs").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


def _rules(text: str) -> list[tuple[str, str]]:
    """(rule id, field path) of every problem the rules find in ``text``."""
    return [(p.rule, p.path) for p in check_spec(parse_spec(text, "dac-ta.yaml"), "dac-ta.yaml")]


def test_every_rule_has_an_id_a_severity_and_a_reason() -> None:
    assert len({rule.id for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.severity in (ERROR, WARNING)
        assert rule.title and rule.reference


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_fires_on_its_fixture_and_no_other_rule_does(rule) -> None:
    report = check_files(rule_cases()[rule.id])
    assert {p.rule for p in report.problems} == {rule.id}
    assert all(p.severity == rule.severity and p.line >= 1 and p.hint for p in report.problems)


@pytest.mark.parametrize("path", ACCEPTED_SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_catalogue_specifications_break_no_error_rule(path: Path) -> None:
    assert [p.format() for p in check_files([path]).errors] == []


def test_the_clean_bases_pass_every_rule() -> None:
    assert _rules(BASE) == [] and _rules(WITH_DECISION) == []


# -- ký hiệu (ND30-KYHIEU) --
@pytest.mark.parametrize("symbol", ["KH-UBND", "KH-SNV", "KH-BCĐ", "KH-UBND-VP"])
def test_a_well_formed_symbol_passes(symbol: str) -> None:
    assert _rules(spec_text(("  so: 5\n", f"  so: 5\n  ky_hieu: {symbol}\n"))) == []


@pytest.mark.parametrize("symbol", ["KH UBND", "KH--UBND", "05/KH-UBND", "QĐ-UBND", "KH-ubnd", "KH-", "KH", "KH - UBND", "KH-UB ND"])
def test_a_malformed_plan_symbol_is_an_error(symbol: str) -> None:
    assert _rules(spec_text(("  so: 5\n", f'  so: 5\n  ky_hieu: "{symbol}"\n'))) == [("ND30-KYHIEU", "ke_hoach.ky_hieu")]


def test_a_malformed_issuer_abbreviation_is_reported_where_it_is_written() -> None:
    assert _rules(spec_text(("  dia_ban: Thăng Bình\n", "  dia_ban: Thăng Bình\n  viet_tat: Ubnd\n"))) == [("ND30-KYHIEU", "co_quan_ban_hanh.viet_tat")]


def test_a_decision_symbol_must_start_with_qd() -> None:
    text = spec_text(("  so: 12\n", "  so: 12\n  ky_hieu: KH-UBND\n"), base=WITH_DECISION)
    assert _rules(text) == [("ND30-KYHIEU", "quyet_dinh.ky_hieu")]


# -- number unique in a batch (ND30-SO-TRUNG) --
def _batch(tmp_path: Path, *texts: str) -> list[tuple[str, str, int]]:
    paths = [write_spec(tmp_path, text, f"{index}.yaml") for index, text in enumerate(texts)]
    return [(p.rule, Path(p.file).name, p.line) for p in check_files(paths).problems]


def test_the_same_number_twice_in_a_year_is_an_error_at_the_second_file(tmp_path: Path) -> None:
    other = spec_text(("trich_yeu: Công tác cải cách", "trich_yeu: Chuyển đổi số và cải cách"))
    assert _batch(tmp_path, BASE, other) == [("ND30-SO-TRUNG", "1.yaml", 14)]


@pytest.mark.parametrize(
    "old, new",
    [
        ("ngay: 14/01/2021", "ngay: 14/01/2022"),  # another year (deadline moved along)
        ("dia_ban: Thăng Bình", "dia_ban: Quế Sơn"),  # another issuer
        ("so: 5", "so: 6"),  # another number
        ("  so: 5\n", "  so: 5\n  ky_hieu: KH-BCĐ\n"),  # another symbol (a steering committee's own series)
        ("  so: 5\n", "  du_thao: co\n"),  # a draft has no number yet
    ],
)
def test_numbers_that_differ_in_year_issuer_number_symbol_or_draft_do_not_clash(tmp_path: Path, old: str, new: str) -> None:
    other = spec_text((old, new), ("quý II/2021", "quý II/2022") if "2022" in new else ("", ""))
    assert _batch(tmp_path, BASE, other) == []


def test_a_file_named_twice_is_not_a_duplicate_number(tmp_path: Path) -> None:
    path = write_spec(tmp_path)
    assert check_files([path, tmp_path / "." / path.name]).problems == []


def test_a_decision_and_a_plan_of_the_same_number_do_not_clash(tmp_path: Path) -> None:
    assert _batch(tmp_path, BASE, spec_text(("so: 12", "so: 5"), base=WITH_DECISION)) == []


def test_two_decisions_with_the_same_number_clash(tmp_path: Path) -> None:
    assert [rule for rule, _, _ in _batch(tmp_path, WITH_DECISION, WITH_DECISION.replace("Công tác", "Chuyển đổi số,"))] == ["ND30-SO-TRUNG"]


# -- Lưu line (ND30-LUU, ND30-LUU-DON-VI) --
@pytest.mark.parametrize("archive, rule", [("[]", "ND30-LUU"), ("[NV]", "ND30-LUU"), ("[NV, VT]", "ND30-LUU"), ("[VT]", "ND30-LUU-DON-VI")])
def test_the_archive_line_starts_with_vt_and_names_the_drafting_unit(archive: str, rule: str) -> None:
    assert _rules(spec_text(("luu: [VT, NV]", f"luu: {archive}"))) == [(rule, "ke_hoach.luu")]


def test_the_archive_line_of_a_decision_is_the_one_checked() -> None:
    assert _rules(spec_text(("  luu: [VT, NV]\n  nguoi_ky", "  luu: [NV]\n  nguoi_ky"), base=WITH_DECISION)) == [("ND30-LUU", "quyet_dinh.luu")]


# -- signer authority (ND30-THAM-QUYEN) --
def test_a_collective_decision_signed_without_tm_is_an_error() -> None:
    text = spec_text(("    thay_mat: Ủy ban nhân dân\n", ""), base=WITH_DECISION)
    assert _rules(text) == [("ND30-THAM-QUYEN", "quyet_dinh.nguoi_ky")]


def test_a_chairman_decision_signed_tm_is_an_error() -> None:
    text = spec_text(("  so: 12\n", "  so: 12\n  tham_quyen: chu_tich\n"), base=WITH_DECISION)
    assert _rules(text) == [("ND30-THAM-QUYEN", "quyet_dinh.nguoi_ky.thay_mat")]


def test_a_chairman_decision_signed_by_a_deputy_passes() -> None:
    text = spec_text(("  so: 12\n", "  so: 12\n  tham_quyen: chu_tich\n"),
                     ("    thay_mat: Ủy ban nhân dân\n    chuc_vu: Chủ tịch\n", "    ky_thay: Chủ tịch\n    chuc_vu: Phó Chủ tịch\n"), base=WITH_DECISION)
    assert _rules(text) == []


# -- task agencies among the recipients (NV-NOI-NHAN) --
def test_an_agency_given_a_task_but_not_the_plan_is_warned_once(tmp_path: Path) -> None:
    second = "  - linh_vuc: the_che\n    noi_dung: Theo dõi thi hành pháp luật\n    chu_tri: ptp\n    thoi_han: năm 2021\n"
    text = spec_text(("    - co_quan: ptp\n", ""), ("    thoi_han: quý II/2021\n", "    thoi_han: quý II/2021\n" + second))
    assert _rules(text) == [("NV-NOI-NHAN", "nhiem_vu[0].chu_tri")]


def test_a_partner_missing_from_the_recipients_is_warned_at_its_place() -> None:
    assert _rules(spec_text(("    - co_quan: pnv\n", ""))) == [("NV-NOI-NHAN", "nhiem_vu[0].phoi_hop[0]")]


@pytest.mark.parametrize(
    "recipient",
    [
        "    - {ten: Các phòng chuyên môn thuộc UBND huyện, gom: [ptp]}\n",
        "    - Phòng Tư pháp huyện (t/h)\n",
        "    - ten: phòng  tư pháp\n",
    ],
    ids=["gom", "name-in-text", "name-any-case-and-spacing"],
)
def test_an_agency_reached_by_a_group_or_by_name_is_covered(recipient: str) -> None:
    found = _rules(spec_text(("    - co_quan: ptp\n", recipient)))
    assert [rule for rule, _ in found if rule != "VB-KHOANG-TRANG"] == []  # -- the double space is warned on its own --


def test_an_internal_agency_needs_no_recipient_line() -> None:
    assert _rules(spec_text(("    - co_quan: ptp\n", ""), ("  ptp: Phòng Tư pháp", "  ptp: {ten: Phòng Tư pháp, noi_bo: co}"))) == []


def test_a_decision_sent_as_its_last_article_reaches_every_agency_concerned() -> None:
    assert _rules(spec_text(("    - co_quan: pnv\n    - co_quan: ptp\n", "    - Sở Nội vụ (b/c)\n"), base=WITH_DECISION)) == []


def test_a_decision_naming_its_executors_covers_only_those_named() -> None:
    text = spec_text(("    - co_quan: pnv\n    - co_quan: ptp\n", "    - Sở Nội vụ (b/c)\n"),
                     ("  so: 12\n", "  so: 12\n  thi_hanh: [Chánh Văn phòng UBND huyện, Trưởng phòng Nội vụ]\n"), base=WITH_DECISION)
    assert _rules(text) == [("NV-NOI-NHAN", "nhiem_vu[0].chu_tri")]


# -- deadline inside the plan's period (NV-THOI-HAN) --
@pytest.mark.parametrize("deadline", ["quý II/2023", "31/12/2020", "năm 2022", "tháng 01/2022"])
def test_a_deadline_outside_the_plan_year_is_warned(deadline: str) -> None:
    assert _rules(spec_text(("quý II/2021", deadline))) == [("NV-THOI-HAN", "nhiem_vu[0].thoi_han")]


@pytest.mark.parametrize("deadline", ["31/12/2021", "thường xuyên", "hằng quý", "6 tháng cuối năm 2021", "năm 2021"])
def test_a_deadline_inside_the_plan_year_or_recurring_passes(deadline: str) -> None:
    assert _rules(spec_text(("quý II/2021", deadline))) == []


def test_a_multi_year_plan_accepts_deadlines_across_its_period() -> None:
    text = spec_text(("quý II/2021", "năm 2025"), ("  trich_yeu:", "  ky: 2021-2025\n  trich_yeu:"))
    assert _rules(text) == []


# -- a task listed twice (NV-TRUNG) --
@pytest.mark.parametrize("variant", ["Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành.", "rà soát  văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành"])
def test_the_same_task_for_the_same_lead_listed_twice_is_an_error(variant: str) -> None:
    second = f"  - linh_vuc: thu_tuc_hanh_chinh\n    noi_dung: {variant}\n    chu_tri: ptp\n    thoi_han: quý IV/2021\n"
    found = _rules(spec_text(("    thoi_han: quý II/2021\n", "    thoi_han: quý II/2021\n" + second)))
    assert [f for f in found if f[0] != "VB-KHOANG-TRANG"] == [("NV-TRUNG", "nhiem_vu[1].noi_dung")]  # -- the double space is warned on its own --


def test_the_same_text_for_another_lead_is_another_task() -> None:
    second = "  - linh_vuc: the_che\n    noi_dung: Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành\n    chu_tri: pnv\n    thoi_han: quý IV/2021\n"
    assert _rules(spec_text(("    thoi_han: quý II/2021\n", "    thoi_han: quý II/2021\n" + second))) == []


# -- a drafter's own template (MAU-WORD) --
def test_a_sound_drafter_template_passes_the_check(tmp_path: Path) -> None:
    shutil.copy(default_template(), tmp_path / "mau-rieng.docx")
    assert check_files([write_spec(tmp_path, BASE + "xuat:\n  mau: mau-rieng.docx\n")]).problems == []


def test_a_broken_drafter_template_is_reported_at_the_line_that_names_it(tmp_path: Path) -> None:
    (tmp_path / "mau-rieng.docx").write_text("không phải Word")
    [problem] = check_files([write_spec(tmp_path, BASE + "xuat:\n  mau: mau-rieng.docx\n")]).problems
    assert (problem.rule, problem.path, problem.line) == ("MAU-WORD", "xuat.mau", len(BASE.splitlines()) + 2)
    assert "không phải tệp Word" in problem.message and problem.hint


# -- the report --
def test_the_report_lists_validation_problems_and_rule_problems_file_by_file(tmp_path: Path) -> None:
    broken = write_spec(tmp_path, spec_text(("so: 5", "so: năm")), "a.yaml")
    warned = write_spec(tmp_path, spec_text(("luu: [VT, NV]", "luu: [VT]")), "b.yaml")
    report = check_files([broken, warned])
    assert [(Path(p.file).name, p.severity, p.rule) for p in report.problems] == [("a.yaml", ERROR, ""), ("b.yaml", WARNING, "ND30-LUU-DON-VI")]
    assert report.errors and len(report.warnings) == 1
    assert report.lines()[-2:] == ["Đã kiểm tra 2 tệp đặc tả: 1 lỗi, 1 cảnh báo.", "Sửa các lỗi rồi chạy lại: khi còn lỗi, lệnh tạo văn bản không ghi tệp nào; cảnh báo là những chỗ nên xem lại."]


def test_a_clean_batch_says_so(tmp_path: Path) -> None:
    report = check_files([write_spec(tmp_path)])
    assert not report.errors
    assert report.lines() == ["Đã kiểm tra 1 tệp đặc tả: không có lỗi hay cảnh báo."]


def test_warnings_do_not_block_rendering(tmp_path: Path, capsys: pytest.CaptureFixture[str], office) -> None:
    path = write_spec(tmp_path, spec_text(("luu: [VT, NV]", "luu: [VT]"), ("quý II/2021", "quý II/2022")))
    assert cli.main(["check", str(path)]) == 0
    assert "cảnh báo [ND30-LUU-DON-VI]" in capsys.readouterr().out
    written = generate(path, tmp_path / "out")
    assert len(written) == 1
    office.register("warnings-only", written[0].read_bytes())


# -- every render runs the rules --
SINGLE_FILE_RULES = [rule for rule in RULES if len(rule_cases()[rule.id]) == 1]  # -- ND30-SO-TRUNG spans files: check and batch --


@pytest.mark.parametrize("rule", SINGLE_FILE_RULES, ids=lambda r: r.id)
def test_the_render_command_stops_at_each_error_rule_and_reports_each_warning_rule(rule, tmp_path: Path, capsys: pytest.CaptureFixture[str], office) -> None:
    [path] = rule_cases()[rule.id]
    expected = [p.format() for p in check_files([path]).problems]
    out = tmp_path / "out"
    code = cli.main([str(path), "-o", str(out)])
    captured = capsys.readouterr()
    assert expected and all(message in captured.err for message in expected)
    if rule.severity == ERROR:
        assert code == 1 and captured.out == "" and not out.exists()
    else:
        written = [Path(line) for line in captured.out.splitlines()]
        assert code == 0 and written and all(p.is_file() for p in written)
        for document in written:
            office.register(f"rule-{rule.id}-{document.name}", document.read_bytes())


def test_the_check_command_exits_1_on_an_error_rule_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_spec(tmp_path, spec_text(("luu: [VT, NV]", "luu: [NV]")))
    assert cli.main(["check", str(path)]) == 1
    assert "lỗi [ND30-LUU]" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
