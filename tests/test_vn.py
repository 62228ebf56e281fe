"""Decree 30's ways of writing dates, numbers and labels (§3.3, §3.4, §7)."""

from __future__ import annotations

import pytest

from cchc_docgen import vn
from cchc_docgen.spec.values import VnDate


@pytest.mark.parametrize(("date", "expected"), [
    (VnDate(2021, 1, 5), "ngày 05 tháng 01 năm 2021"),
    (VnDate(2021, 2, 28), "ngày 28 tháng 02 năm 2021"),
    (VnDate(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
    (VnDate(2026, 12, 9), "ngày 09 tháng 12 năm 2026"),
    (VnDate(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
])
def test_days_below_ten_and_months_one_and_two_are_padded(date: VnDate, expected: str) -> None:
    assert vn.long_date(date) == expected


def test_a_draft_date_keeps_room_for_the_day() -> None:
    assert vn.long_date(VnDate(2022, 12)) == f"ngày{vn.BLANK_DAY}tháng 12 năm 2022"
    assert vn.short_date(VnDate(2022, 12)) == f"{vn.BLANK_DAY}/12/2022"


def test_references_use_the_short_form_with_the_same_padding() -> None:
    assert vn.short_date(VnDate(2020, 5, 20)) == "20/5/2020"
    assert vn.short_date(VnDate(2022, 1, 6)) == "06/01/2022"


@pytest.mark.parametrize(("number", "expected"), [(5, "Số: 05/KH-UBND"), (53, "Số: 53/KH-UBND"), (1024, "Số: 1024/KH-UBND")])
def test_document_numbers_below_ten_get_a_leading_zero(number: int, expected: str) -> None:
    assert vn.document_number(number, "KH-UBND") == expected


def test_an_unnumbered_document_leaves_the_number_blank() -> None:
    assert vn.document_number(None, "QĐ-UBND").startswith("Số: ") and vn.document_number(None, "QĐ-UBND").endswith(" /QĐ-UBND")


def test_numbers_use_the_vietnamese_decimal_comma() -> None:
    assert vn.format_number(88.21) == "88,21"
    assert vn.format_number(1234567) == "1.234.567"


def test_diem_letters_follow_the_vietnamese_alphabet() -> None:
    assert [vn.letter(n) for n in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert "f" not in [vn.letter(n) for n in range(1, 25)]


def test_roman_numerals_number_the_parts() -> None:
    assert [vn.roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]


def test_the_body_ends_with_the_final_mark_once() -> None:
    assert vn.ensure_final_mark("thi hành Quyết định này.") == "thi hành Quyết định này./."
    assert vn.ensure_final_mark("thi hành Quyết định này./.") == "thi hành Quyết định này./."


def test_file_names_are_ascii_and_cut_between_words() -> None:
    name = vn.slug("Cải cách hành chính năm 2026 của đặc khu Phú Quốc, tỉnh An Giang và các xã lân cận", 40)
    assert name.isascii() and len(name) <= 40 and not name.endswith("-")
    assert name.startswith("cai-cach-hanh-chinh-nam-2026-cua-dac")


def test_long_dates_are_written_as_babel_writes_them() -> None:
    """vn writes long dates itself (babel costs a process 40 ms to import); every day of
    two centuries comes out as babel's vi_VN pattern with Decree 30's padding wrote it."""
    import datetime as dt

    from babel.dates import format_date

    day, mismatches = dt.date(1900, 1, 1), []
    while day.year < 2100:
        pattern = "'ngày' dd 'tháng' MM 'năm' y" if day.month < 3 else "'ngày' dd 'tháng' M 'năm' y"
        if vn.long_date(VnDate(day.year, day.month, day.day)) != format_date(day, pattern, locale="vi_VN"):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []
