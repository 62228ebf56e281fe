"""Blank is an error: no text that reaches a document may be empty, wherever it is written.

A property of the model engine, not a list of fields: every text field refuses a blank
unless its declaration allows one, so a field added later is covered without a word. The
only blanks are the decree's own, written by leaving the key out (a draft's number) or by
the date form that has no day (``ngay: 12/2022``).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_docgen import SpecError, parse_spec

from support.spec_builder import BASE, WITH_DECISION, spec_text
from support.yaml_text import Raw, Text, at, dump, places

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "examples" / "xa-2026-du-thao.yaml", ROOT / "examples" / "tinh-2026.yaml", ROOT / "plan_specs" / "thang-binh-2021.yaml"]

BLANKS = ['""', "' '", '"\\t"', "~", "null", ""]


def _problems(text: str) -> list[Any]:
    with pytest.raises(SpecError) as caught:
        parse_spec(text, "dac-ta.yaml")
    return caught.value.problems


# (old text, new text with {blank}, field path): every kind of text a document prints
TEXT_FIELDS = [
    ("trich_yeu: Công tác cải cách hành chính năm 2021", "trich_yeu: {blank}", "ke_hoach.trich_yeu"),
    ("ho_ten: Võ Văn Hùng", "ho_ten: {blank}", "ke_hoach.nguoi_ky.ho_ten"),
    ("chuc_vu: Chủ tịch", "chuc_vu: {blank}", "ke_hoach.nguoi_ky.chuc_vu"),
    ("thay_mat: Ủy ban nhân dân", "thay_mat: {blank}", None),  # optional: an empty value is no value
    ("ptp: Phòng Tư pháp", "ptp: {blank}", "co_quan.ptp"),
    ("{ten: Phòng Nội vụ, ten_ngan: Phòng NV}", "{{ten: {blank}, ten_ngan: Phòng NV}}", "co_quan.pnv.ten"),
    ("noi_dung: Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành", "noi_dung: {blank}", "nhiem_vu[0].noi_dung"),
    ("noi_dung: Mức độ hài lòng của người dân đạt trên 85%.", "noi_dung: {blank}", "ke_hoach.noi_dung[0].chi_tieu[0].noi_dung"),
    ("luu: [VT, NV]", "luu: [VT, {blank}]", "ke_hoach.luu[1]"),
    ("dia_ban: Thăng Bình", "dia_ban: {blank}", None),  # optional, but then required by a rule: see below
]


@pytest.mark.parametrize("blank", BLANKS, ids=["empty", "space", "tab", "tilde", "null", "nothing"])
@pytest.mark.parametrize(("old", "new", "path"), [f for f in TEXT_FIELDS if f[2]], ids=lambda v: v if isinstance(v, str) and "." in v else "")
def test_a_blank_text_is_refused_at_its_place_with_a_hint(old: str, new: str, path: str, blank: str) -> None:
    if blank == "" and old.startswith("luu"):
        blank = "''"  # -- [VT, ] is a YAML list of one item --
    problems = _problems(spec_text((old, new.format(blank=blank))))
    [problem] = [p for p in problems if p.path == path]
    assert "trống" in problem.message and problem.hint and problem.line > 1 and problem.column > 1


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("  luu: [VT, NV]\n", "  luu:\n    - VT\n    -\n", "ke_hoach.luu[1]"),
        ("    - co_quan: ptp\n", "    - co_quan: ptp\n    -\n", "ke_hoach.noi_nhan[2]"),
        ("    - co_quan: ptp\n", "    - co_quan: ptp\n    - {}\n", "ke_hoach.noi_nhan[2]"),
        ("    - co_quan: ptp\n", "    - co_quan: ptp\n    - ''\n", "ke_hoach.noi_nhan[2]"),
        ("      chi_tieu:\n", "      y:\n        -\n      chi_tieu:\n", "ke_hoach.noi_dung[0].y[0]"),
        ("    - loai: nhiem_vu_cu_the\n", "    - loai: nhiem_vu_cu_the\n    - {}\n", "ke_hoach.noi_dung[2]"),
        ("  nguoi_ky:\n    thay_mat: Ủy ban nhân dân\n    chuc_vu: Chủ tịch\n    ho_ten: Võ Văn Hùng\n", "  nguoi_ky: {}\n", "ke_hoach.nguoi_ky"),
    ],
    ids=["bare-dash-in-luu", "bare-dash-in-noi-nhan", "empty-recipient", "quoted-empty-recipient", "bare-dash-in-y", "empty-section", "empty-signer"],
)
def test_a_bare_dash_or_an_empty_mapping_is_refused_at_its_line(old: str, new: str, path: str) -> None:
    problems = _problems(spec_text((old, new)))
    assert [p.path for p in problems] == [path]
    assert "trống" in problems[0].message and problems[0].hint


def test_a_blank_is_reported_once_not_again_as_a_missing_value() -> None:
    problems = _problems(spec_text(("trich_yeu: Công tác cải cách hành chính năm 2021", "trich_yeu:")))
    assert len(problems) == 1


def test_an_empty_dia_ban_is_refused_like_a_missing_one() -> None:
    problems = _problems(spec_text(("dia_ban: Thăng Bình", 'dia_ban: ""')))
    assert [p.path for p in problems] == ["co_quan_ban_hanh.dia_ban"]


def test_the_decree_blanks_are_written_by_leaving_the_number_out_and_the_day_unwritten() -> None:
    spec = parse_spec(spec_text(("  so: 5\n  ngay: 14/01/2021\n", "  du_thao: co\n  ngay: 01/2021\n")))
    assert spec.plan.number is None and spec.plan.date is not None and spec.plan.date.day is None
    assert parse_spec(spec_text(("  so: 5\n", "  so:\n"))).plan.number is None  # an empty number is no number


def test_an_empty_appendix_still_means_one_table_of_every_task() -> None:
    assert len(parse_spec(BASE).plan.appendices) == 1
    assert parse_spec(WITH_DECISION + "xuat: {}\n").output.mode == "gop"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_value_of_a_real_specification_refuses_a_blank_at_its_own_place(source: Path) -> None:
    tree = yaml.load(source.read_text(encoding="utf-8"), Loader=Text)
    leaves = [p for p in places(tree) if p and isinstance(at(tree, p), str)]
    assert len(leaves) > 20
    for path in leaves:
        changed = copy.deepcopy(tree)
        at(changed, path[:-1])[path[-1]] = Raw('""')
        problems = _problems(dump(changed))
        written = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")
        # -- (one value where a list goes is its item [0]) --
        assert [p.path for p in problems] in ([written], [f"{written}[0]"]), (written, [p.format() for p in problems])
