"""Which years of running text the roll-over moves (a plan of 2026 rolled by one year), and why
it keeps the others: the rules of rollover/years.py, one sentence each."""

from __future__ import annotations

import pytest

from cchc_docgen.rollover import years

CASES = [
    # -- the plan's own years move, written as a time --
    ("Kế hoạch cải cách hành chính năm 2026 của xã", "Kế hoạch cải cách hành chính năm 2027 của xã", []),
    ("báo cáo trước ngày 15/12/2026 và trong quý IV/2026", "báo cáo trước ngày 15/12/2027 và trong quý IV/2027", []),
    ("hoàn thành trong tháng 6/2026", "hoàn thành trong tháng 6/2027", []),
    # -- a span of reporting days moves as a whole when one end is in the period --
    ("quý I: từ 15/12/2025 đến 14/3/2026", "quý I: từ 15/12/2026 đến 14/3/2027", []),
    # -- history and other periods stay, and are listed --
    ("Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh về CCHC năm 2026", None, [years.KEPT_CITATION] * 2),
    ("Luật Tổ chức chính quyền địa phương năm 2025", None, [years.KEPT_CITATION]),
    # -- a law named from any capital, toned ones too --
    ("Pháp lệnh Ưu đãi người có công với cách mạng năm 2026", None, [years.KEPT_CITATION]),
    ("tăng 20% so với năm 2020", None, [years.KEPT_BEFORE]),
    ("đến năm 2030 đạt 100%", None, [years.KEPT_AFTER]),
    ("Chương trình giai đoạn 2021 - 2030", None, [years.KEPT_RANGE] * 2),
    ("Chiến lược giai đoạn 2026-2030", None, [years.KEPT_RANGE] * 2),
    ("tiếp nhận 2026 hồ sơ", None, [years.KEPT_UNCLEAR]),
    # -- names with a year in them are not years of the plan: silent --
    ("theo Nghị định 30/2020/NĐ-CP và ISO 9001:2015", None, []),
    # -- a year-like part of a larger number is not a year --
    ("kinh phí 2.026.000 đồng", None, []),
]


@pytest.mark.parametrize(("text", "expected", "reasons"), CASES, ids=[case[0][:40] for case in CASES])
def test_running_text_of_a_2026_plan_rolled_one_year(text: str, expected: str | None, reasons: list[str]) -> None:
    shifted = years.shift_free_text(text, (2026, 2026), 1)
    tokens = list(years.YEAR_TOKEN.finditer(text))
    out = list(text)
    for index, year in sorted(shifted.moved.items(), reverse=True):
        start = tokens[index].start(1)
        out[start : start + 4] = str(year)
    assert "".join(out) == (expected or text)
    assert [kept.reason for kept in shifted.kept] == reasons


def test_the_plans_own_range_moves_as_a_whole() -> None:
    shifted = years.shift_free_text("giai đoạn 2021 - 2025 của tỉnh", (2021, 2025), 5)
    assert shifted.moved == {0: 2026, 1: 2030} and shifted.kept == []


def test_a_day_that_the_new_year_lacks_is_kept_in_text() -> None:
    shifted = years.shift_free_text("trước ngày 29/02/2028", (2028, 2028), 1)
    assert shifted.moved == {} and [k.reason for k in shifted.kept] == [years.KEPT_NO_DAY]


def test_a_milestone_year_moves_inside_the_period_only() -> None:
    assert years.shift_year("2026", (2026, 2026), 1).moved == {0: 2027}
    assert [k.reason for k in years.shift_year("2030", (2026, 2026), 1).kept] == [years.KEPT_AFTER]
