"""Which years in a piece of text name the plan's period, and what they become.

Decisions (the drafter reviews every year left unchanged, so the rules err on the side of
keeping):
- a year inside a document number ("30/2020/NĐ-CP") is part of a name: never touched, never listed;
- a year inside a citation ("Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh về …", "Luật
  … năm 2015", up to the end of the clause) is history: kept, listed;
- a range "2021 - 2025" moves only when it is exactly the plan's period, as a whole;
- a year written as a time ("năm 2026", "30/6/2026", "tháng 6/2026", "quý II/2026") moves when it
  lies inside the plan's period; one before it (last year's results, a baseline "so với năm
  2020") or after it (a target "đến năm 2030") is kept and listed;
- the two ends of a span of days "từ 15/12/2022 đến 14/3/2023" move together when either lies in the period;
- a four-digit number written without "năm" or "/" before it may be a quantity: kept, listed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..vn import CAPITALS

YEAR = r"(?:19[4-9]\d|20\d\d)"
# -- every four-digit year-like number, as the source and its parsed value both show it --
YEAR_TOKEN = re.compile(rf"(?<![\d.,])({YEAR})(?![\d/]|[.,]\d)")
# -- names with a year in them: a document number "30/2020/NĐ-CP", a standard "ISO 9001:2015" --
_DOCUMENT_NUMBER = re.compile(rf"\d{{1,5}}/{YEAR}/[A-Za-zĐđ][\w\-Đđ]*|\d+:{YEAR}")
_RANGE = re.compile(rf"(?<![\d.,/])({YEAR})(\s*[-–—]\s*)({YEAR})(?!\d)")
_FULL_DATE = re.compile(rf"(?<![\d/])(\d{{1,2}})/(\d{{1,2}})/({YEAR})(?!\d)")
_DATE = r"\d{1,2}/\d{1,2}/"
# -- a span of days "từ 15/12/2022 đến 14/3/2023" (a reporting period): both ends move together --
_DATE_SPAN = re.compile(rf"\b[Tt]ừ\s+(?:ngày\s+)?{_DATE}({YEAR})\s+(?:đến|tới)\s+(?:ngày\s+)?{_DATE}({YEAR})(?!\d)")
# -- a cited document: its number ("số 12/KH-UBND", "76/NQ-CP") or a law named with its year --
_CITATION_START = re.compile(
    rf"\b(?:số\s+\d+[\w/\-Đđ.]*|\d+/[\w\-Đđ]*[A-ZĐ][\w\-Đđ]*|(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh)\s+[{CAPITALS}])"
)
_CLAUSE_END = re.compile(r"[;:\n]|\.(?=\s|$)|$")
_COMMA = re.compile(r",\s+(?=\S)")
_TIME_WORD = re.compile(r"(?:năm|Năm|NĂM)\s+$")

KEPT_CITATION = "trong trích dẫn văn bản (lịch sử, giữ nguyên)"
KEPT_BEFORE = "trước kỳ kế hoạch"
KEPT_AFTER = "sau kỳ kế hoạch"
KEPT_RANGE = "giai đoạn khác với kỳ kế hoạch"
KEPT_UNCLEAR = "không rõ là năm hay con số"
KEPT_NO_DAY = "ngày không có trong năm mới"


@dataclass(frozen=True)
class Kept:
    """A year left as written: which year-like token of the text (its index), and why."""

    index: int
    year: int
    reason: str


@dataclass(frozen=True)
class Shifted:
    """What one text becomes: the new value of each year token moved (index → year), and the years kept."""

    moved: dict[int, int]
    kept: list[Kept]


def shift_free_text(text: str, period: tuple[int, int], by: int) -> Shifted:
    """The years of running text that name the plan's period, moved by ``by`` years."""
    tokens = list(YEAR_TOKEN.finditer(text))
    if not tokens:
        return Shifted({}, [])
    first, last = period
    skip = _spans(_DOCUMENT_NUMBER, text)
    cited = citation_spans(text)
    ranges = {m.start(1): m for m in _RANGE.finditer(text)} | {m.start(3): m for m in _RANGE.finditer(text)}
    dates = {m.start(3): m for m in _FULL_DATE.finditer(text)}
    spans = {m.start(group): m for m in _DATE_SPAN.finditer(text) for group in (1, 2)}
    moved: dict[int, int] = {}
    kept: list[Kept] = []
    for index, token in enumerate(tokens):
        start, year = token.start(1), int(token.group(1))
        if inside(start, skip):
            continue
        if inside(start, cited):
            kept.append(Kept(index, year, KEPT_CITATION))
            continue
        span = ranges.get(start)
        if span is not None:
            if (int(span.group(1)), int(span.group(3))) == period:
                moved[index] = year + by
            else:
                kept.append(Kept(index, year, KEPT_RANGE))
            continue
        pair = spans.get(start)
        if pair is not None and not any(first <= int(pair.group(g)) <= last for g in (1, 2)):
            kept.append(Kept(index, year, KEPT_BEFORE if year < first else KEPT_AFTER))
            continue
        before = text[:start]
        if pair is None and not (before.endswith("/") or _TIME_WORD.search(before[-12:])):
            kept.append(Kept(index, year, KEPT_UNCLEAR))
            continue
        if pair is None and (year < first or year > last):
            kept.append(Kept(index, year, KEPT_BEFORE if year < first else KEPT_AFTER))
            continue
        date = dates.get(start)
        if date is not None and not _exists(int(date.group(1)), int(date.group(2)), year + by):
            kept.append(Kept(index, year, KEPT_NO_DAY))
            continue
        moved[index] = year + by
    return Shifted(moved, kept)


def shift_year(text: str, period: tuple[int, int], by: int) -> Shifted:
    """A value that is a year (a milestone's 'nam'): moved inside the period, kept and listed outside."""
    found = YEAR_TOKEN.fullmatch(text.strip())
    if found is None:
        return shift_free_text(text, period, by)
    year = int(found.group(1))
    if period[0] <= year <= period[1]:
        return Shifted({0: year + by}, [])
    return Shifted({}, [Kept(0, year, KEPT_BEFORE if year < period[0] else KEPT_AFTER)])


def shift_in_period(text: str, period: tuple[int, int], by: int) -> Shifted:
    """Every year token inside the period moved, whatever its context (a file name: 'ke-hoach-2026-xa')."""
    tokens = YEAR_TOKEN.finditer(text)
    return Shifted({i: int(t.group(1)) + by for i, t in enumerate(tokens) if period[0] <= int(t.group(1)) <= period[1]}, [])


def shift_all(text: str, by: int) -> Shifted:
    """Every year token moved (a deadline, a period: all their years are the plan's)."""
    return Shifted({index: int(token.group(1)) + by for index, token in enumerate(YEAR_TOKEN.finditer(text))}, [])


def shifted_date(day: int, month: int, year: int) -> tuple[int, int]:
    """(day, year) of a deadline date moved to ``year``: 29/2 becomes 28/2 in a common year."""
    return min(day, calendar.monthrange(year, month)[1]), year


def _exists(day: int, month: int, year: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def citation_spans(text: str) -> list[tuple[int, int]]:
    """From a cited document's number to the end of its clause: ';', ':', a sentence's end, or
    a comma before a capital (the sentence's own subject: '…năm 2025, Ủy ban nhân dân xã ban hành…')."""
    spans: list[tuple[int, int]] = []
    for match in _CITATION_START.finditer(text):
        end = _CLAUSE_END.search(text, match.end())
        stop = end.start() if end else len(text)
        for comma in _COMMA.finditer(text, match.end(), stop):
            if text[comma.end()].isupper():
                stop = comma.start()
                break
        spans.append((match.start(), stop))
    return spans


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
