"""Years written in words roll over like years in digits, spelt again as the drafter spelt
them; those that stay (history, other years) are listed at their place."""

from __future__ import annotations

import difflib
import itertools

import pytest

import cchc_docgen
from cchc_docgen.rollover import year_words

from conftest import DATA

FIXTURE = DATA / "rollover" / "xa-2026-nam-bang-chu.yaml"
STYLES = [
    year_words.Style(thousand=thousand, hundreds=hundreds, single=single, five=five, one=one, four=four)
    for thousand, hundreds, single, five, one, four in itertools.product(("nghìn", "ngàn"), (True, False), ("linh", "lẻ"), ("lăm", "năm"), ("mốt", "một"), ("tư", "bốn"))
]  # fmt: skip

READ = [
    ("năm hai nghìn không trăm hai mươi sáu", 2026),
    ("năm hai ngàn hai mươi lăm", 2025),
    ("năm hai nghìn không trăm linh năm", 2005),
    ("năm hai nghìn không trăm mười lăm", 2015),
    ("năm hai nghìn hai mươi", 2020),
    ("Năm hai nghìn không trăm hai mươi mốt", 2021),
    ("năm một nghìn chín trăm chín mươi tư", 1994),
    # -- the sentence goes on with a number word: the longest reading that is a year --
    ("năm hai nghìn hai mươi sáu năm liền", 2026),
]


@pytest.mark.parametrize(("text", "year"), READ, ids=[text for text, _ in READ])
def test_a_year_written_in_words_is_read(text: str, year: int) -> None:
    [found] = year_words.find(text)
    assert found.year == year and text[found.start : found.end].split()[0] in ("hai", "một")


@pytest.mark.parametrize("text", ["trong năm một nghìn hồ sơ", "năm năm liền", "hai nghìn không trăm hai mươi sáu hồ sơ", "năm ba nghìn"])
def test_number_words_that_are_no_year_after_nam_are_not_read(text: str) -> None:
    assert year_words.find(text) == []


def test_every_year_spelt_in_every_wording_reads_back_as_itself_in_that_wording() -> None:
    checked = 0
    for style, year in itertools.product(STYLES, range(1940, 2100)):
        text = year_words.spell(year, style)
        [found] = year_words.find(f"Kế hoạch năm {text} của xã")
        assert found.year == year, text
        assert year_words.spell(year, found.style) == text
        checked += 1
    assert checked == len(STYLES) * 160


def test_a_plan_with_years_in_words_rolls_them_in_its_own_wording(office) -> None:
    result = cchc_docgen.roll_spec(FIXTURE, by=1)
    before, after = FIXTURE.read_text(encoding="utf-8").splitlines(), result.text.splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b] if len(before) == len(after) else None
    assert changed is not None, "".join(difflib.unified_diff(before, after))
    words = [(a, b) for a, b in changed if "hai" in a]
    assert words == [
        ("    noi_dung: Tổng kết công tác cải cách hành chính năm hai nghìn không trăm hai mươi sáu",
         "    noi_dung: Tổng kết công tác cải cách hành chính năm hai nghìn không trăm hai mươi bảy"),
        ("        - Phát huy kết quả năm hai ngàn hai mươi lăm; trong năm hai ngàn hai mươi sáu tỷ lệ hài lòng đạt trên 90%.",
         "        - Phát huy kết quả năm hai ngàn hai mươi lăm; trong năm hai ngàn hai mươi bảy tỷ lệ hài lòng đạt trên 90%."),
        # -- wrapped over two lines in the file: the drafter's line break stays --
        ("          hai mươi sáu trên mọi lĩnh vực.", "          hai mươi bảy trên mọi lĩnh vực."),
    ]  # fmt: skip
    spec = cchc_docgen.parse_spec(result.text)
    assert spec.plan.sections[0].items[2] == "Duy trì kết quả cải cách hành chính của năm hai nghìn không trăm hai mươi bảy trên mọi lĩnh vực."
    for document in cchc_docgen.render(spec).documents:
        office.register("roll-years-in-words", document.data)


def test_years_in_words_that_stay_are_listed_at_their_place() -> None:
    result = cchc_docgen.roll_spec(FIXTURE, by=1)
    lines = result.text.splitlines()
    kept = [note for note in result.years_kept if "'" in note.message]
    assert [(note.message.split(": ", 1)[1], note.hint) for note in kept] == [
        ("trong trích dẫn văn bản (lịch sử, giữ nguyên).", "Xem lại: nếu năm này nói về kỳ kế hoạch thì sửa thành 'hai nghìn không trăm hai mươi bảy'."),
        ("trước kỳ kế hoạch.", "Xem lại: nếu năm này nói về kỳ kế hoạch thì sửa thành 'hai ngàn hai mươi sáu'."),
        ("sau kỳ kế hoạch.", "Xem lại: nếu năm này nói về kỳ kế hoạch thì sửa thành 'hai nghìn không trăm ba mươi mốt'."),
    ]  # fmt: skip
    for note in kept:
        phrase = note.message.split("'")[1]
        assert lines[note.line - 1][note.column - 1 :].startswith(phrase)
    assert result.years_moved == 5  # -- the trích yếu's and closing's 2026, and three years in words --
