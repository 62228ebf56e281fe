"""One task list: tasks written in the body under their reform area may be qualitative
(no agency, no deadline); those with both join the appendix and the agencies' sections."""

from __future__ import annotations

from cchc_docgen import parse_spec
from cchc_docgen.checks import check_spec
from cchc_docgen.metrics import text_width_mm
from cchc_docgen.tasklist import column_shares
from cchc_docgen.view import TaskTable

from support.small_plans import body_lines, plan, refused_at, view_of

BODY = """
- loai: nhiem_vu_giai_phap
  muc:
    - linh_vuc: the_che
      doan: [Nhiệm vụ:]
      nhiem_vu:
        - Nâng cao chất lượng xây dựng văn bản.
        - noi_dung: Rà soát văn bản quy phạm pháp luật
          chu_tri: tp
          phoi_hop: [vp]
          thoi_han: quý II/2026
          san_pham: Báo cáo
- loai: to_chuc_thuc_hien
  nhiem_vu: co
"""


def test_a_qualitative_task_prints_where_it_is_written() -> None:
    lines = body_lines(plan(BODY))
    assert lines[:4] == ["I. NHIỆM VỤ, GIẢI PHÁP", "1. Cải cách thể chế", "Nhiệm vụ:", "- Nâng cao chất lượng xây dựng văn bản."]


def test_a_task_with_lead_and_deadline_prints_them_and_reaches_its_agency() -> None:
    lines = body_lines(plan(BODY))
    assert "- Rà soát văn bản quy phạm pháp luật (chủ trì: Công chức Tư pháp - Hộ tịch; phối hợp: Văn phòng HĐND và UBND xã; "\
           "thời hạn: quý II/2026; sản phẩm: báo cáo)." in lines
    agency = lines.index("1. Công chức Tư pháp - Hộ tịch")
    assert lines[agency + 1] == "- Rà soát văn bản quy phạm pháp luật (thời hạn: quý II/2026; sản phẩm: báo cáo)."
    assert "Nâng cao chất lượng" not in " ".join(lines[agency:])


def test_a_body_task_joins_the_appendix_once_and_the_body_keeps_its_text() -> None:
    text = plan(BODY, plan_keys="phu_luc: [{}]", top="""
        nhiem_vu:
          - {linh_vuc: the_che, noi_dung: Kiểm tra văn bản, chu_tri: vp, thoi_han: năm 2026}
        """)
    view = view_of(text)
    table = next(item for item in view.skeleton if isinstance(item, TaskTable))
    assert [row.cells[1] for row in table.rows if not row.group] == ["Kiểm tra văn bản", "Rà soát văn bản quy phạm pháp luật"]
    assert "- Rà soát văn bản quy phạm pháp luật." in body_lines(text)


def test_the_check_rules_see_body_tasks() -> None:
    text = plan(BODY).replace("  noi_nhan: [{co_quan: vp}, {co_quan: tp}]\n", "  noi_nhan: [{co_quan: vp}]\n")
    problems = check_spec(parse_spec(text, "ke-hoach.yaml"))
    assert [(p.rule, p.path) for p in problems] == [("NV-NOI-NHAN", "ke_hoach.noi_dung[0].muc[0].nhiem_vu[1].chu_tri")]


def test_a_lead_without_a_deadline_is_an_error() -> None:
    assert refused_at(plan("""
        - linh_vuc: the_che
          nhiem_vu: [{noi_dung: Rà soát, chu_tri: tp}]
        """)) == ["ke_hoach.noi_dung[0].nhiem_vu[0]"]


def test_an_undeclared_agency_in_a_body_task_is_an_error() -> None:
    assert refused_at(plan("""
        - linh_vuc: the_che
          nhiem_vu: [{noi_dung: Rà soát, chu_tri: tu_phap, thoi_han: năm 2026}]
        """)) == ["ke_hoach.noi_dung[0].nhiem_vu[0].chu_tri"]


def test_a_task_outside_any_reform_area_cannot_join_the_table() -> None:
    assert refused_at(plan("""
        - tieu_de: Nhiệm vụ khác
          nhiem_vu: [{noi_dung: Rà soát, chu_tri: tp, thoi_han: năm 2026}]
        """)) == ["ke_hoach.noi_dung[0].nhiem_vu[0]"]


def test_with_tasks_in_the_body_the_table_follows_the_programmes_order_of_areas() -> None:
    text = plan(BODY, plan_keys="phu_luc: [{}]", top="""
        nhiem_vu:
          - {linh_vuc: chinh_quyen_so, noi_dung: Số hóa hồ sơ, chu_tri: vp, thoi_han: năm 2026}
          - {linh_vuc: chi_dao_dieu_hanh, noi_dung: Kiểm tra, chu_tri: vp, thoi_han: năm 2026}
        """)
    table = next(item for item in view_of(text).skeleton if isinstance(item, TaskTable))
    assert [row.cells[0] for row in table.rows if row.group] == [
        "I. Công tác chỉ đạo, điều hành", "II. Cải cách thể chế", "III. Xây dựng và phát triển chính quyền điện tử, chính quyền số"]


# -- column widths from the content: measured in Times metrics (the same as Liberation Serif's;
# the page itself is measured in test_layout) --
COLUMNS = ["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_han", "san_pham"]
TITLES = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
TABLE_MM = 247  # -- the landscape text width, 297 − 30 − 20 --


def _widths(deadlines: list[str]) -> list[float]:
    rows = [[str(n), "Nội dung", "Văn phòng", "Công an xã", deadline, "Báo cáo"] for n, deadline in enumerate(deadlines, 1)]
    return [share * TABLE_MM for share in column_shares(COLUMNS, TITLES, rows, TABLE_MM)]


def test_the_deadline_column_is_as_wide_as_its_longest_deadline_and_the_task_text_takes_what_it_gives_up() -> None:
    short, long = _widths(["30/6/2026", "Quý II/2026"]), _widths(["30/6/2026", "Thường xuyên", "6 tháng đầu năm 2026"])
    assert abs(sum(short) - TABLE_MM) < 0.01 and abs(sum(long) - TABLE_MM) < 0.01
    assert long[4] >= text_width_mm("6 tháng đầu năm 2026", 13, bold=False) + 2 * 1.9 > short[4]
    assert short[4] >= text_width_mm("Thời gian", 13, bold=True) + 2 * 1.9  # -- never narrower than its title's longest word --
    assert long[1] < short[1]  # -- the room comes from the flexible columns, the task's text first by weight --


def test_a_deadline_written_as_a_sentence_wraps_rather_than_take_more_than_a_fifth_of_the_table() -> None:
    widths = _widths(["Trước khi kết thúc đợt kiểm tra cuối năm của Ủy ban nhân dân tỉnh"])
    assert abs(widths[4] - 0.2 * TABLE_MM) < 0.01
    assert widths[1] == max(widths)
