"""Each guess of the importer is placed at the field it is about, in the form's own paths;
a guess about the whole plan has no field; text that only looks like the mark is not a guess."""

from __future__ import annotations

from pathlib import Path

import pytest

import cchc_docgen
from cchc_docgen.web.opening import guess_paths

from conftest import DATA


@pytest.mark.parametrize("source", sorted((DATA / "import").glob("*.txt")), ids=lambda p: p.stem)
def test_every_guess_of_the_importer_is_placed_once(source: Path) -> None:
    result = cchc_docgen.import_plan(source)
    placed = guess_paths(result.text)
    assert sorted(note for _, note in placed) == sorted(result.guesses)
    data = cchc_docgen.parse_spec(result.text)  # -- the paths name values the plan has --
    assert data.issuer.level != "khac"  # -- each is a committee's plan: its level is read, from the header or the text --
    for path, note in placed:
        if path == "co_quan_ban_hanh.cap":
            assert f"'{data.issuer.level}'" in note


def test_a_guess_about_the_whole_plan_has_no_field_and_one_beside_a_value_names_it() -> None:
    result = cchc_docgen.import_plan(DATA / "import" / "kem-theo-khong-co-quyet-dinh.txt")
    placed = dict((note, path) for path, note in guess_paths(result.text))
    assert placed["dòng '(Ban hành kèm theo …)' mà không có quyết định trong tệp: giữ nguyên văn ở đầu mo_dau"] == ""
    assert placed["bản gốc không có ngày ban hành: chỉ ghi năm, hãy điền ngày"] == "ke_hoach.ngay"


def test_the_mark_inside_a_value_or_in_the_files_explanation_is_not_a_guess() -> None:
    text = (
        "# Hãy đọc lại những dòng có '# đoán:' (chương trình suy ra)\n"
        "nhiem_vu:\n"
        "  - noi_dung: 'Rà soát # đoán: không phải ghi chú'\n"
        "    phoi_hop: [vp, hcc]  # đoán: hai cơ quan phối hợp\n"
    )
    assert guess_paths(text) == [("nhiem_vu[0].phoi_hop", "hai cơ quan phối hợp")]
