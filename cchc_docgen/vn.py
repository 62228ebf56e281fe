"""Vietnamese administrative wording: dates, numbers, numbering labels, file names.

Pure functions with no DOCX in sight, so the rules of Decree 30 on how a date or a
number is written can be tested on their own.
"""

from __future__ import annotations

import re
import unicodedata

from . import lazy
from .spec.scalars import BOLD_END, BOLD_START, ITALIC_END, ITALIC_START
from .spec.values import VnDate

LOCALE = "vi_VN"
BLANK_DAY = "     "  # room to write the day by hand once the document is signed
BLANK_NUMBER = "       "
# §7: điểm letters follow the Vietnamese alphabet (no f, j, w, z; đ after d).
LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]
# -- the capitals of Vietnamese (precomposed, as text is kept in NFC), for a regular expression's
# class ("[" + CAPITALS + "]"), each written out: in U+1EA0–U+1EF9 capitals and small letters
# alternate, so a range "Ạ-Ỹ" takes "ứng" for a capital, and a short list misses "Ứng Hòa", "Ý Yên", "Út" --
CAPITALS = "A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _month(month: int) -> str:
    # §3.4: months 1 and 2 are written 01 and 02; months 3–12 are not padded.
    return f"{month:02d}" if month < 3 else str(month)


def long_date(date: VnDate) -> str:
    """'ngày 05 tháng 01 năm 2021', with blanks for what a draft leaves open."""
    full = date.as_date()
    if full is not None:
        # -- what babel's vi_VN pattern "'ngày' dd 'tháng' M 'năm' y" writes (tests/test_vn.py
        # compares the two), without importing babel; the padding is Decree 30's (§3.4) --
        return f"ngày {full.day:02d} tháng {_month(full.month)} năm {full.year}"
    month = _month(date.month) if date.month else BLANK_DAY
    return f"ngày{BLANK_DAY}tháng {month} năm {date.year}"


def short_date(date: VnDate) -> str:
    """'20/5/2020' as references are cited; a draft leaves the day blank: '   /12/2022'."""
    full = date.as_date()
    if full is not None:
        return f"{full.day:02d}/{_month(full.month)}/{full.year}"
    if date.month:
        return f"{BLANK_DAY}/{_month(date.month)}/{date.year}"
    return f"{BLANK_DAY}/{BLANK_DAY}/{date.year}"


def place_and_date(place: str, date: VnDate | None, year: int) -> str:
    return f"{place}, {long_date(date or VnDate(year))}"


def document_number(number: int | None, symbol: str) -> str:
    """'Số: 05/KH-UBND'; a draft keeps room for the number (§3.3)."""
    if number is None:
        return f"Số:{BLANK_NUMBER}/{symbol}"
    return f"Số: {number:02d}/{symbol}"


def number_ref(number: int | None, symbol: str) -> str:
    """The number as cited in running text: '53/KH-UBND' or '    /QĐ-UBND'."""
    return f"{number:02d}/{symbol}" if number is not None else f"{BLANK_NUMBER}/{symbol}"


def format_number(value: float) -> str:
    """Vietnamese decimal comma: 88,21; thousands with dots: 1.234."""
    from babel.numbers import format_decimal  # -- babel costs a process 40 ms to import: only when asked --

    return format_decimal(value, locale=LOCALE)


def roman(n: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = []
    for value, numeral in numerals:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    """1 → a, 5 → đ, 24 → y, 25 → aa: a plan rarely has more than 24 điểm."""
    if n <= len(LETTERS):
        return LETTERS[n - 1]
    return letter((n - 1) // len(LETTERS)) + LETTERS[(n - 1) % len(LETTERS)]


def upper(text: str) -> str:
    return nfc(text).upper()


def lower_first(text: str) -> str:
    """'Cải cách hành chính' → 'cải cách hành chính' when it follows 'Kế hoạch' in a
    sentence; an acronym ('UBND …') keeps its capitals."""
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word[0].isupper() and not first_word.isupper():
        return text[0].lower() + text[1:]
    return text


def ensure_final_mark(text: str) -> str:
    """The body ends with './.' right after the last word (§6.1.7)."""
    stripped = text.rstrip()
    if stripped.endswith("./."):
        return stripped
    return stripped.rstrip(".;:, ") + "./."


def terminate(text: str, mark: str) -> str:
    """End a line with ';' or '.', replacing whatever the drafter typed there."""
    return text.rstrip().rstrip(".;,:") + mark


# Inline emphasis: **đậm** and *nghiêng* in a drafter's text become private-use marks the
# render step turns into bold or italic runs (``emphasis``); the loader refuses a text that
# holds one of them (``spec.scalars``). An asterisk next to a space or a bracket ("5 * 3",
# "(*)") stays an asterisk.
EMPHASIS_MARKS = BOLD_START + BOLD_END + ITALIC_START + ITALIC_END


@lazy.compiled
def _emphasis_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """**đậm** and *nghiêng*: compiled when a text first holds an asterisk, which most plans
    never do (and a check never asks)."""
    return (re.compile(r"(?<![\w*])\*\*(?=[^\s*)])(.+?)(?<=[^\s*(])\*\*(?![\w*])"),
            re.compile(r"(?<![\w*])\*(?=[^\s*)])(.+?)(?<=[^\s*(])\*(?![\w*])"))



_ANY_MARK = re.compile(f"[{EMPHASIS_MARKS}]")  # -- a regex, not str.translate: 10× faster on text without marks --


def mark_emphasis(text: str) -> str:
    text = plain(text)  # -- a Spec built in Python, not loaded (the loader refuses marks), may hold one: never taken for a mark --
    if "*" not in text:
        return text
    bold, italic = _emphasis_patterns()
    text = bold.sub(lambda m: BOLD_START + m.group(1) + BOLD_END, text)
    return italic.sub(lambda m: ITALIC_START + m.group(1) + ITALIC_END, text)


def has_marks(text: str) -> bool:
    return _ANY_MARK.search(text) is not None


def plain(text: str) -> str:
    """The text without emphasis marks, as a reader sees it."""
    return _ANY_MARK.sub("", text) if _ANY_MARK.search(text) else text


def slug(text: str, limit: int = 60) -> str:
    """ASCII file-name part: 'Cải cách hành chính năm 2026' → 'cai-cach-hanh-chinh-nam-2026'."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    if len(text) > limit:
        cut = text[: limit + 1]
        text = cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]
    return text or "van-ban"
