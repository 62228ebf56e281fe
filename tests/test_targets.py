"""Targets with milestones ('đạt 90%; đến năm 2030 đạt 95%'), and the check that a target's
sentence states the value it carries (rule CT-GIA-TRI)."""

from __future__ import annotations

import pytest

from cchc_docgen import SpecError, parse_spec
from cchc_docgen.checks import check_spec

from support.small_plans import body_lines, plan

MILESTONES = """
- loai: chi_tieu
  chi_tieu:
    - noi_dung: Mức độ hài lòng của người dân đạt từ 90% trở lên; đến năm 2030 đạt từ 95% trở lên.
      don_vi: "%"
      moc:
        - {gia_tri: 90, nam: 2026}
        - {gia_tri: 95, nam: 2030}
"""


def _warnings(text: str) -> list[tuple[str, str, str]]:
    return [(p.rule, p.path, p.message) for p in check_spec(parse_spec(text, "ke-hoach.yaml"))]


def test_a_target_with_milestones_prints_its_sentence() -> None:
    assert body_lines(plan(MILESTONES))[1] == "- Mức độ hài lòng của người dân đạt từ 90% trở lên; đến năm 2030 đạt từ 95% trở lên."


def test_milestones_that_the_sentence_states_raise_no_warning() -> None:
    assert _warnings(plan(MILESTONES.replace("{gia_tri: 90, nam: 2026}", "{gia_tri: 90}"))) == []


def test_a_milestone_value_the_sentence_does_not_state_is_a_warning() -> None:
    assert _warnings(plan(MILESTONES.replace("{gia_tri: 90, nam: 2026}", "{gia_tri: 85}"))) == [
        ("CT-GIA-TRI", "ke_hoach.noi_dung[0].chi_tieu[0].moc", "câu chỉ tiêu ghi 90%, 95% nhưng giá trị khai báo là 85%, 95%.")]


def test_a_milestone_year_the_sentence_does_not_state_is_a_warning() -> None:
    assert _warnings(plan(MILESTONES)) == [("CT-GIA-TRI", "ke_hoach.noi_dung[0].chi_tieu[0].moc[0]", "mốc năm 2026 không có trong câu chỉ tiêu.")]


@pytest.mark.parametrize(("sentence", "value", "unit", "warned"), [
    ("Tỷ lệ đạt 88,21%.", "88.21", "%", False),
    ("Tỷ lệ đạt 88.21 %.", "88.21", "%", False),
    ("Tỷ lệ đạt 80%.", "85", "%", True),
    ("Giải quyết 1.200 hồ sơ.", "1200", "hồ sơ", False),
    ("Giải quyết 1.200 hồ sơ.", "120", "hồ sơ", True),
    ("Thực hiện Nghị định 30/2020/NĐ-CP, tỷ lệ đạt 100%.", "100", "%", False),
    ("Tỷ lệ cao hơn năm trước.", "90", "%", False),  # -- the sentence states no number: nothing to compare --
], ids=["decimal-comma", "decimal-dot", "other-percent", "thousands", "other-count", "document-number", "no-number"])
def test_the_value_is_compared_with_numbers_written_in_its_unit(sentence: str, value: str, unit: str, warned: bool) -> None:
    text = plan(f"""
        - loai: chi_tieu
          chi_tieu:
            - {{noi_dung: "{sentence}", gia_tri: {value}, don_vi: "{unit}"}}
        """)
    assert bool(_warnings(text)) is warned


def test_value_and_milestones_together_are_an_error() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(plan(MILESTONES.replace('      don_vi: "%"\n', '      don_vi: "%"\n      gia_tri: 90\n')))
    assert [p.path for p in caught.value.problems] == ["ke_hoach.noi_dung[0].chi_tieu[0].moc"]
