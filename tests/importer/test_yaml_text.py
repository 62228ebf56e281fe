"""The imported specification marks every guess where a drafter reads it."""

from __future__ import annotations

import cchc_docgen

from conftest import DATA


def test_every_guess_is_a_comment_in_the_yaml_and_notes_list_their_source_line() -> None:
    imported = cchc_docgen.import_plan(DATA / "seeds" / "tan-uyen-2023.txt")
    assert imported.guesses
    for guess in imported.guesses:
        assert f"# đoán: {guess}" in imported.text
    assert imported.notes
    summary = imported.text.split("# ---- Những chỗ chương trình chưa hiểu (xem lại trong bản gốc):\n")[1]
    assert summary.splitlines() == [f"# - {note}" for note in imported.notes]


def test_the_yaml_keeps_the_text_as_written_through_quoting() -> None:
    imported = cchc_docgen.import_plan(DATA / "seeds" / "thang-binh-2021.txt")
    spec = cchc_docgen.parse_spec(imported.text)
    assert spec.plan.opening[0].endswith("xây dựng kế hoạch thực hiện cụ thể như sau:")
    assert spec.plan.number == 53 and spec.issuer.area == "Thăng Bình"
