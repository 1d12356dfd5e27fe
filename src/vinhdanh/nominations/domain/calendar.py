"""Working days in Vietnam: weekends and public holidays (Tết and the other lunar ones
included, from the `holidays` package) are not counted; Saturdays made working days by a
government swap are.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import holidays


@lru_cache(maxsize=1)
def _calendar() -> Any:
    return holidays.country_holidays("VN")


def is_working_day(day: dt.date) -> bool:
    return bool(_calendar().is_working_day(day))


def holiday_name(day: dt.date) -> str | None:
    name = _calendar().get(day)
    return str(name) if name else None


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The last day of a window of `days` working days that opens on `start`.

    `start` counts as the first day when it is a working day; otherwise counting begins on the
    next working day.
    """
    if days < 1:
        raise ValueError("a window lasts at least one working day")
    day = start
    counted = 0
    while True:
        if is_working_day(day):
            counted += 1
            if counted == days:
                return day
        day += dt.timedelta(days=1)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days from `start` to `end`, both included (0 when end is before start)."""
    count = 0
    day = start
    while day <= end:
        if is_working_day(day):
            count += 1
        day += dt.timedelta(days=1)
    return count
