"""Property: whatever years and deadlines a drafter writes, the rolled specification loads,
every dated deadline is one year later, running text changes only in the plan's own years, each
year left as written is listed at its exact line and column, and two single rolls equal one
double roll (years just after the old period excluded: see docs/roll.md)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc_docgen
from cchc_docgen.rollover import years as rules

from support.spec_builder import spec_text

pytestmark = pytest.mark.slow

ROMAN = ("I", "II", "III", "IV")
# -- the plan is of 2021; 2022 and 2023 are left out so that one double roll equals two single ones --
OTHER_YEARS = st.sampled_from([2015, 2018, 2019, 2020, 2021, 2021, 2024, 2025, 2030])


@st.composite
def deadlines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["date", "month", "quarter", "year", "half", "recurring"]))
    month = draw(st.integers(1, 12))
    return {
        "date": f"{draw(st.integers(1, 28))}/{month}/2021",
        "month": f"tháng {month}/2021",
        "quarter": f"quý {draw(st.sampled_from(ROMAN))}/2021",
        "year": "năm 2021",
        "half": f"6 tháng {draw(st.sampled_from(['đầu', 'cuối']))} năm 2021",
        "recurring": "thường xuyên",
    }[kind]


@st.composite
def fragments(draw: st.DrawFn) -> str:
    year, other = draw(OTHER_YEARS), draw(OTHER_YEARS)
    number = draw(st.integers(1, 4999))
    return draw(st.sampled_from([
        f"thực hiện trong năm {year}",
        f"giai đoạn {min(year, other)} - {max(year, other)}",
        f"theo Kế hoạch số {number}/KH-UBND ngày {draw(st.integers(1, 28))}/{draw(st.integers(1, 12))}/{year} của UBND tỉnh về CCHC năm {other}",
        f"tăng so với năm {year}",
        f"tiếp nhận {year} hồ sơ",
        f"theo Nghị định {number}/{year}/NĐ-CP",
        f"báo cáo trước ngày 15/12/{year}",
    ]))  # fmt: skip


@settings(max_examples=50, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(deadlines(), min_size=1, max_size=4), st.lists(fragments(), min_size=1, max_size=5))
def test_any_years_roll_soundly(task_deadlines: list[str], parts: list[str]) -> None:
    opening = "Ủy ban nhân dân huyện " + "; ".join(parts) + "."
    tasks = "".join(
        f"  - linh_vuc: the_che\n    noi_dung: Nhiệm vụ {i}\n    chu_tri: ptp\n    phoi_hop: [pnv]\n    thoi_han: {deadline}\n"
        for i, deadline in enumerate(task_deadlines)
    )
    text = spec_text(
        ("  - linh_vuc: the_che\n    noi_dung: Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành\n"
         "    chu_tri: ptp\n    phoi_hop: [pnv]\n    thoi_han: quý II/2021\n", tasks),
        ("  trich_yeu: Công tác cải cách hành chính năm 2021\n", f'  trich_yeu: Công tác cải cách hành chính năm 2021\n  mo_dau:\n    - "{opening}"\n'),
    )  # fmt: skip
    old = cchc_docgen.parse_spec(text)
    result = cchc_docgen.roll_text(text, "ke-hoach.yaml", by=1)
    new = cchc_docgen.parse_spec(result.text)
    for before, after in zip(old.tasks, new.tasks, strict=True):
        if before.deadline.end is None:
            assert after.deadline == before.deadline
        else:
            assert after.deadline.end == before.deadline.end.replace(year=2022)
    # -- running text: the same characters but for year tokens, each changed one 2021 → 2022 --
    was, now = old.plan.opening[0], new.plan.opening[0]
    assert re.sub(r"\d", "0", was) == re.sub(r"\d", "0", now)
    changed = {m.start(1) for m, n in zip(rules.YEAR_TOKEN.finditer(was), rules.YEAR_TOKEN.finditer(now), strict=True) if m.group(1) != n.group(1)}
    for m in rules.YEAR_TOKEN.finditer(was):
        if m.start(1) in changed:
            assert m.group(1) == "2021" and now[m.start(1) : m.end(1)] == "2022"
    # -- every year kept is listed where it stands in the new text --
    lines = result.text.splitlines()
    for note in result.years_kept:
        year = re.search(r"năm (\d{4})", note.message)
        assert year is not None
        assert lines[note.line - 1][note.column - 1 : note.column + 3] == year.group(1)
    listed = len([n for n in result.years_kept if n.path == "ke_hoach.mo_dau[0]"])
    # -- a document number's year ('12/2020/NĐ-CP') is not a year token: neither moved nor listed --
    assert listed + len(changed) == len(list(rules.YEAR_TOKEN.finditer(was)))
    # -- two single rolls, one double --
    assert cchc_docgen.roll_text(result.text, "ke-hoach.yaml", by=1).text == cchc_docgen.roll_text(text, "ke-hoach.yaml", by=2).text
