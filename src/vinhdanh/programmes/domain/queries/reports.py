"""Reads about period reports: completeness of a period, the reports a user may open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from vinhdanh.common.text import collation_key
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.queries.programmes import (
    managed_programmes,
    reporters_for_period,
    visible_programmes,
)
from vinhdanh.programmes.enums import ReportState
from vinhdanh.programmes.models import PeriodLock, PeriodReport, Programme, ReportValue
from vinhdanh.programmes.periods import Period
from vinhdanh.programmes.rules import manages_programme


@dataclass(frozen=True)
class CompletenessRow:
    unit: Unit
    report: PeriodReport | None
    late: bool

    @property
    def state(self) -> str:
        return self.report.state if self.report is not None else ""

    @property
    def has_reported(self) -> bool:
        return self.report is not None and self.report.state in (
            ReportState.SUBMITTED,
            ReportState.APPROVED,
        )


@dataclass
class Completeness:
    """DHIS2's reporting rate for one period: who reported, who has not, who is late."""

    period: Period
    due: dt.date
    locked: bool
    rows: list[CompletenessRow] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def reported(self) -> int:
        return sum(1 for r in self.rows if r.has_reported)

    @property
    def approved(self) -> int:
        return sum(1 for r in self.rows if r.state == ReportState.APPROVED)

    @property
    def missing(self) -> list[CompletenessRow]:
        return [r for r in self.rows if not r.has_reported]

    @property
    def late(self) -> list[CompletenessRow]:
        return [r for r in self.rows if r.late]

    @property
    def rate(self) -> int:
        """Percentage of the expected units that have reported (rounded down)."""
        return 100 * self.reported // self.expected if self.expected else 100


def completeness(
    programme: Programme, period: Period, *, today: dt.date | None = None
) -> Completeness:
    """Every unit expected to report for the period, with its report and whether it is late.

    Late: submitted after the due date, or still not submitted once the due date has passed.
    """
    today = today or timezone.localdate()
    due = programme.due_date(period)
    units = list(reporters_for_period(programme, period))
    reports = {
        r.unit_id: r
        for r in PeriodReport.objects.filter(programme=programme, period_code=period.code)
    }
    rows = []
    for unit in sorted(units, key=lambda u: collation_key(u.name)):
        report = reports.get(unit.pk)
        submitted = report.submitted_at if report is not None else None
        if report is not None and report.state in (ReportState.SUBMITTED, ReportState.APPROVED):
            late = submitted is not None and timezone.localdate(submitted) > due
        else:
            late = today > due
        rows.append(CompletenessRow(unit, report, late))
    locked = PeriodLock.objects.filter(
        programme=programme, period_code=period.code, locked=True
    ).exists()
    return Completeness(period=period, due=due, locked=locked, rows=rows)


def locked_periods(programme: Programme) -> set[str]:
    return set(
        PeriodLock.objects.filter(programme=programme, locked=True).values_list(
            "period_code", flat=True
        )
    )


def visible_reports(user: Any, programme: Programme) -> QuerySet[PeriodReport]:
    """All the programme's reports for its office; a unit's own (and its sub-units') otherwise."""
    reports = PeriodReport.objects.filter(programme=programme).select_related("unit", "programme")
    if manages_programme(user, programme):
        return reports
    return reports.filter(unit_scope(user).q("unit"))


def reports_visible_to(user: Any) -> QuerySet[PeriodReport]:
    """`visible_reports` over every programme the user sees (the API's list)."""
    reports = PeriodReport.objects.filter(programme__in=visible_programmes(user)).select_related(
        "unit", "programme"
    )
    if unit_scope(user).everything:
        return reports
    return reports.filter(Q(programme__in=managed_programmes(user)) | unit_scope(user).q("unit"))


def reporting_units_for(user: Any, programme: Programme, period: Period) -> list[Unit]:
    """The units of the period the user may report for (as clerk or head)."""
    from vinhdanh.programmes.rules import REPORTERS

    scopes = [unit_scope(user, cap) for cap in REPORTERS]
    units = reporters_for_period(programme, period)
    if any(s.everything for s in scopes):
        return list(units)
    return [u for u in units if any(s.contains(u) for s in scopes)]


def period_reports(programme: Programme, period_code: str) -> QuerySet[PeriodReport]:
    """The units' reports of one period of a programme the reader already sees."""
    return PeriodReport.objects.filter(programme=programme, period_code=period_code)


def period_report(programme: Programme, unit: Unit, period_code: str) -> PeriodReport | None:
    return period_reports(programme, period_code).filter(unit=unit).first()


def with_values(reports: QuerySet[PeriodReport]) -> QuerySet[PeriodReport]:
    """Reports with their figures and each figure's indicator, in two more queries."""
    return reports.prefetch_related(
        Prefetch("values", queryset=ReportValue.objects.select_related("indicator"))
    )
