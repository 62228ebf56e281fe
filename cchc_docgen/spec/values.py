"""Value types a drafter writes as text: dates, plan periods, deadlines."""

from __future__ import annotations

import datetime as dt
import re

from ..records import record
from .scalars import digit_hint, shown
from .schema import Scalar
from .schema_json import caseless

# -- the forms each type reads, written once: ``parse`` matches them and the JSON Schema
# carries them as patterns. Digits are ASCII: "٢٠٢١" or "２０２１" is not a year to Word's reader --
_ISO = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
_DMY = r"(?:(?:([0-9]{1,2})\s*/\s*)?([0-9]{1,2})\s*/\s*)?([0-9]{4})"
_PERIOD = r"\s*([0-9]{4})(?:\s*[-–]\s*([0-9]{4}))?\s*"
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``, without importing calendar (0.6 ms of every
    command's start-up, for this one sum): Gregorian leap years, as datetime counts them."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


_DATE_HINT = "Viết ngày theo dạng ngày/tháng/năm, ví dụ 14/01/2021; bản dự thảo chưa có ngày thì viết tháng/năm (12/2022) hoặc chỉ năm (2022)."


# -- frozen dataclasses whose methods are written once (records): every command makes
# these three classes, and a plan only a few hundred values of them --


@record(frozen=True, order=True)
class VnDate(Scalar):
    """A date as Vietnamese documents write it; day (and month) may be blank in a draft."""

    year: int
    month: int | None = None
    day: int | None = None

    description = "Ngày ban hành: 14/01/2021; dự thảo chưa có ngày: 12/2022 hoặc 2022."
    pattern = rf"^\s*(?:{_ISO}|{_DMY})\s*$"
    years = (1000, 9999)

    @classmethod
    def parse(cls, text: str) -> VnDate:
        text = text.strip()
        iso = re.fullmatch(_ISO, text)
        if iso:
            year, month, day = (int(g) for g in iso.groups())
            return cls._checked(year, month, day, text)
        parts = re.fullmatch(_DMY, text)
        if not parts:
            raise ValueError(f"không đọc được ngày {shown(text)}.", digit_hint(text, _DATE_HINT))
        day_s, month_s, year_s = parts.groups()
        return cls._checked(int(year_s), int(month_s) if month_s else None, int(day_s) if day_s else None, text)

    @classmethod
    def _checked(cls, year: int, month: int | None, day: int | None, text: str) -> VnDate:
        if not 1945 <= year <= 2100:
            raise ValueError(f"năm {year} trong {shown(text)} không hợp lý.", _DATE_HINT)
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"tháng {month} trong {shown(text)} không tồn tại.", _DATE_HINT)
        if day is not None and month is not None:
            last = days_in_month(year, month)
            if not 1 <= day <= last:
                raise ValueError(f"ngày {day}/{month}/{year} không tồn tại (tháng {month} năm {year} có {last} ngày).", _DATE_HINT)
        return cls(year, month, day)

    @property
    def complete(self) -> bool:
        return self.month is not None and self.day is not None

    def as_date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


@record(frozen=True)
class Period(Scalar):
    """The years a plan covers: one year, or a span such as 2021-2025."""

    first: int
    last: int

    description = "Năm của kế hoạch (2026) hoặc giai đoạn (2021-2025)."
    pattern = f"^{_PERIOD}$"
    years = (1000, 9999)

    @classmethod
    def parse(cls, text: str) -> Period:
        match = re.fullmatch(_PERIOD, text)
        if not match:
            raise ValueError(f"không đọc được kỳ kế hoạch {shown(text)}.", digit_hint(text, "Viết một năm (2026) hoặc một giai đoạn (2021-2025)."))
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise ValueError(f"giai đoạn {shown(text)} kết thúc trước khi bắt đầu.", "Viết năm đầu trước, ví dụ 2021-2025.")
        return cls(first, last)

    def contains(self, start: dt.date, end: dt.date) -> bool:
        return dt.date(self.first, 1, 1) <= start and end <= dt.date(self.last, 12, 31)


_ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RECURRING = {
    "thường xuyên": "Thường xuyên",
    "thuong xuyen": "Thường xuyên",
    "hằng tháng": "Hằng tháng",
    "hằng quý": "Hằng quý",
    "hằng năm": "Hằng năm",
    "hàng tháng": "Hằng tháng",
    "hàng quý": "Hằng quý",
    "hàng năm": "Hằng năm",
    "cả năm": "Cả năm",
}
_DEADLINE_HINT = (
    "Viết thời hạn theo một trong các dạng: 30/6/2026; tháng 6/2026 (hoặc 06/2026); "
    "quý II/2026; 6 tháng đầu năm 2026; năm 2026; thường xuyên; hằng quý."
)


@record(frozen=True)
class Deadline(Scalar):
    """When a task must be done: the text as the table shows it, and the days it spans."""

    text: str
    start: dt.date | None  # None for recurring deadlines ("Thường xuyên")
    end: dt.date | None

    description = "Thời hạn: 30/6/2026, tháng 6/2026, quý II/2026, năm 2026, thường xuyên…"
    years = (1000, 9999)

    @classmethod
    def parse(cls, text: str) -> Deadline:
        raw = " ".join(text.split())
        low = raw.lower()
        if low in _RECURRING:
            return cls(_RECURRING[low], None, None)
        if re.fullmatch(_DAY_FORM, raw):
            date = VnDate.parse(raw).as_date()
            assert date is not None
            return cls(f"{date.day:02d}/{date.month:02d}/{date.year}" if date.month < 3 else f"{date.day:02d}/{date.month}/{date.year}", date, date)
        match = re.fullmatch(_MONTH_FORM, low)
        if match:
            month, year = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12:
                raise ValueError(f"tháng {month} trong thời hạn {shown(raw)} không tồn tại.", _DEADLINE_HINT)
            last = days_in_month(year, month)
            return cls(f"Tháng {month:02d}/{year}" if month < 3 else f"Tháng {month}/{year}", dt.date(year, month, 1), dt.date(year, month, last))
        match = re.fullmatch(_QUARTER_FORM, low)
        if match:
            quarter = _ROMAN_QUARTERS[match.group(1).upper()]
            year = int(match.group(2))
            first_month = 3 * quarter - 2
            last_day = days_in_month(year, first_month + 2)
            roman = ("I", "II", "III", "IV")[quarter - 1]
            return cls(f"Quý {roman}/{year}", dt.date(year, first_month, 1), dt.date(year, first_month + 2, last_day))
        match = re.fullmatch(_HALF_FORM, low)
        if match:
            year = int(match.group(2))
            if match.group(1) == "đầu":
                return cls(f"6 tháng đầu năm {year}", dt.date(year, 1, 1), dt.date(year, 6, 30))
            return cls(f"6 tháng cuối năm {year}", dt.date(year, 7, 1), dt.date(year, 12, 31))
        match = re.fullmatch(_YEAR_FORM, low)
        if match:
            year = int(match.group(1))
            return cls(f"Năm {year}", dt.date(year, 1, 1), dt.date(year, 12, 31))
        raise ValueError(f"không đọc được thời hạn {shown(raw)}.", digit_hint(raw, _DEADLINE_HINT))


# -- the deadline forms, matched on the text lower-cased with its blanks collapsed to one space --
_DAY_FORM = r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}"
_MONTH_FORM = r"(?:tháng\s+)?([0-9]{1,2})/([0-9]{4})"
_QUARTER_FORM = r"quý\s+(i{1,3}|iv|[1-4])\s*/\s*([0-9]{4})"
_HALF_FORM = r"6 tháng (đầu|cuối) năm\s+([0-9]{4})"
_YEAR_FORM = r"(?:năm\s+)?([0-9]{4})"
_FORMS = ("|".join(re.escape(word) for word in _RECURRING), _DAY_FORM, _MONTH_FORM, _QUARTER_FORM, _HALF_FORM, _YEAR_FORM)


class _WrittenForms:
    """``Deadline.pattern``: the forms as written (before lower-casing and collapsing), in
    any case, with any run of blanks between words. Built when first read (the JSON Schema,
    a value that fails to parse), not at import: making every letter caseless walks the
    Basic Multilingual Plane, a tenth of a second every process would pay for nothing."""

    def __get__(self, instance: object, owner: type) -> str:
        pattern = r"^\s*(?:" + "|".join(f"(?:{caseless(form.replace(chr(92) + ' ', ' ').replace(' ', chr(92) + 's+'))})" for form in _FORMS) + r")\s*$"
        owner.pattern = pattern  # type: ignore[attr-defined]  # -- the descriptor's work is done once --
        return pattern


Deadline.pattern = _WrittenForms()  # type: ignore[assignment]
