"""The value types' own arithmetic: the days of a month, counted without the calendar module."""

from __future__ import annotations

import calendar

from cchc_docgen.spec.values import days_in_month


def test_days_in_month_is_calendars_for_every_month_of_every_year() -> None:
    assert all(days_in_month(year, month) == calendar.monthrange(year, month)[1] for year in range(1, 10000) for month in range(1, 13))
