"""Reporting periods: a month, quarter, half-year or year, named by a short code.

Codes sort in time order within a kind: "2025" (year), "2025-H1", "2025-Q3", "2025-M07".
Pure Python; the models and pages use the same `Period` values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from vinhdanh.programmes.enums import PeriodKind

_MONTHS_PER = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.YEAR: 12,
}
_LETTER = {PeriodKind.MONTH: "M", PeriodKind.QUARTER: "Q", PeriodKind.HALF_YEAR: "H"}
_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?P<letter>[MQH])(?P<n>\d{1,2}))?$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    kind: str
    index: int  # 1-based within the year (always 1 for a year)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def code(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return f"{self.year}"
        width = 2 if self.kind == PeriodKind.MONTH else 1
        return f"{self.year}-{_LETTER[PeriodKind(self.kind)]}{self.index:0{width}d}"

    @property
    def label(self) -> str:
        values = {"n": self.index, "year": self.year}
        if self.kind == PeriodKind.MONTH:
            return _("Month %(n)s/%(year)s") % values
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(n)s/%(year)s") % values
        if self.kind == PeriodKind.HALF_YEAR:
            return _("Half-year %(n)s/%(year)s") % values
        return _("Year %(year)s") % values

    def __str__(self) -> str:
        return self.label


def period_of(kind: PeriodKind | str, year: int, index: int) -> Period:
    months = _MONTHS_PER[PeriodKind(kind)]
    if not 1 <= index <= 12 // months:
        raise PeriodError(_("No such period: %(code)s.") % {"code": f"{year}/{index}"})
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    return Period(
        start=dt.date(year, first_month, 1),
        end=dt.date(year, last_month, calendar.monthrange(year, last_month)[1]),
        kind=str(PeriodKind(kind)),
        index=index,
    )


def parse_period(code: str) -> Period:
    match = _CODE.match(code.strip())
    if match is None:
        raise PeriodError(_("No such period: %(code)s.") % {"code": code})
    year = int(match["year"])
    letter = match["letter"]
    if letter is None:
        return period_of(PeriodKind.YEAR, year, 1)
    kind = {v: k for k, v in _LETTER.items()}[letter]
    return period_of(kind, year, int(match["n"]))


def period_containing(kind: PeriodKind | str, day: dt.date) -> Period:
    months = _MONTHS_PER[PeriodKind(kind)]
    return period_of(kind, day.year, (day.month - 1) // months + 1)


def periods_between(kind: PeriodKind | str, start: dt.date, end: dt.date) -> Iterator[Period]:
    """Every period of the kind that overlaps [start, end], in order."""
    period = period_containing(kind, start)
    while period.start <= end:
        yield period
        following = period.end + dt.timedelta(days=1)
        period = period_containing(kind, following)
