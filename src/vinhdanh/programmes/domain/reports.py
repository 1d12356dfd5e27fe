"""Period reports: a unit saves and submits its figures; the owner's office approves or returns
them and locks the period. One function per change; every change is audited.

The state changes follow `enums.TRANSITIONS`; a locked period refuses every change to its
reports until the office unlocks it, with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.versioning import Difference, StaleEdit, count_edit, differences
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.errors import NotPermitted, PeriodLocked, ProgrammeError
from vinhdanh.programmes.domain.queries.programmes import implements_during
from vinhdanh.programmes.enums import TRANSITIONS, ReportState, ValueType
from vinhdanh.programmes.models import (
    Indicator,
    PeriodLock,
    PeriodReport,
    Programme,
    ReportValue,
)
from vinhdanh.programmes.periods import Period, PeriodError, parse_period
from vinhdanh.programmes.rules import manages_programme, reports_for_unit

_YES = {"1", "true", "yes", "có", "co", "x"}
_NO = {"0", "false", "no", "không", "khong", ""}
_PLACES = Decimal("0.0001")


def clean_value(indicator: Indicator, raw: Any) -> Decimal:
    """The figure as stored (yes/no as 1/0), or a message saying what is wrong with it."""
    name = indicator.name
    if indicator.value_type == ValueType.YES_NO:
        if isinstance(raw, bool):
            return Decimal(int(raw))
        text = str(raw).strip().casefold()
        if text in _YES:
            return Decimal(1)
        if text in _NO:
            return Decimal(0)
        raise ProgrammeError(_("%(indicator)s: answer yes or no.") % {"indicator": name})
    if isinstance(raw, Decimal | int) and not isinstance(raw, bool):
        number = Decimal(raw)
    else:
        text = str(raw).strip().replace(" ", "")
        if indicator.value_type != ValueType.INTEGER:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            raise ProgrammeError(
                (
                    _("%(indicator)s: enter a whole number.")
                    if indicator.value_type == ValueType.INTEGER
                    else _("%(indicator)s: enter a number.")
                )
                % {"indicator": name}
            )
    if number < 0:
        raise ProgrammeError(_("%(indicator)s cannot be negative.") % {"indicator": name})
    if indicator.value_type == ValueType.INTEGER and number != number.to_integral_value():
        raise ProgrammeError(_("%(indicator)s: enter a whole number.") % {"indicator": name})
    if indicator.value_type == ValueType.PERCENTAGE and number > 100:
        raise ProgrammeError(
            _("%(indicator)s is a percentage: between 0 and 100.") % {"indicator": name}
        )
    if number >= Decimal(10) ** 13:
        raise ProgrammeError(_("%(indicator)s is too large.") % {"indicator": name})
    return number.quantize(_PLACES)


def reporting_period(programme: Programme, code: str, *, today: dt.date | None = None) -> Period:
    """The period named by `code`, if the programme has it and it has begun."""
    try:
        period = parse_period(code)
    except PeriodError as exc:
        raise ProgrammeError(str(exc)) from exc
    if period.kind != programme.period_kind or period not in programme.periods():
        raise ProgrammeError(
            _("%(period)s is not a reporting period of this programme.") % {"period": period}
        )
    if period.start > (today or timezone.localdate()):
        raise ProgrammeError(
            _("%(period)s has not begun: it cannot be reported yet.") % {"period": period}
        )
    return period


def is_locked(programme: Programme, period_code: str) -> bool:
    return PeriodLock.objects.filter(
        programme=programme, period_code=period_code, locked=True
    ).exists()


def refuse_if_period_locked(programme: Programme, period: Period) -> None:
    if is_locked(programme, period.code):
        raise PeriodLocked(
            _("%(period)s is locked: its reports cannot be changed.") % {"period": period}
        )


def _move(report: PeriodReport, state: ReportState) -> None:
    if state not in TRANSITIONS.get(report.state, frozenset()):
        raise ProgrammeError(
            _("A report that is %(state)s cannot become %(new)s.")
            % {"state": report.get_state_display().lower(), "new": state.label.lower()}
        )
    report.state = state


def check_report(
    *,
    actor: Any,
    programme: Programme,
    unit: Unit,
    period_code: str,
    values: Mapping[str, Any],
    submit: bool = False,
    today: dt.date | None = None,
) -> tuple[Period, dict[str, Decimal]]:
    """Every rule a unit's report must meet before anything is written: the period and its
    figures as stored, or the first rule broken (`field`: the indicator code when a value)."""
    if not reports_for_unit(actor, unit):
        raise NotPermitted(_("You may not report for %(unit)s.") % {"unit": unit})
    period = reporting_period(programme, period_code, today=today)
    if not implements_during(programme, unit, period.start, period.end):
        raise ProgrammeError(
            _("%(unit)s does not implement this programme in %(period)s.")
            % {"unit": unit, "period": period},
            field="unit",
        )
    refuse_if_period_locked(programme, period)
    indicators = {i.code: i for i in programme.indicators.all()}
    unknown = sorted(set(values) - set(indicators))
    if unknown:
        raise ProgrammeError(_("Unknown indicator: %(code)s.") % {"code": ", ".join(unknown)})
    cleaned: dict[str, Decimal] = {}
    for code, raw in values.items():
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            cleaned[code] = clean_value(indicators[code], raw)
        except ProgrammeError as exc:
            raise ProgrammeError(str(exc), field=code) from exc
    if submit:
        missing = [i.name for code, i in indicators.items() if code not in cleaned]
        if missing:
            raise ProgrammeError(
                _("Enter a value for %(indicator)s before submitting.")
                % {"indicator": ", ".join(missing)}
            )
    current = (
        PeriodReport.objects.filter(programme=programme, unit=unit, period_code=period.code)
        .values_list("state", flat=True)
        .first()
    )
    if current is not None and current not in (ReportState.DRAFT, ReportState.RETURNED):
        raise ProgrammeError(
            _("This report is %(state)s: the office must return it before it can change.")
            % {"state": ReportState(current).label.lower()}
        )
    return period, cleaned


@transaction.atomic
def save_report(
    *,
    actor: Any,
    programme: Programme,
    unit: Unit,
    period_code: str,
    values: Mapping[str, Any],
    narrative: str = "",
    submit: bool = False,
    today: dt.date | None = None,
    version: int | None = None,
) -> PeriodReport:
    """A unit's clerk saves its figures for a period (by indicator code), and may submit them.

    Every value is checked before anything is written: one wrong value and nothing is saved.
    `version` is the one the form was read at (0: no report yet); a report saved by someone
    else since then is not overwritten (`StaleEdit`, with what differs).
    """
    period, cleaned = check_report(
        actor=actor,
        programme=programme,
        unit=unit,
        period_code=period_code,
        values=values,
        submit=submit,
        today=today,
    )
    indicators = {i.code: i for i in programme.indicators.all()}
    report = (
        PeriodReport.objects.select_for_update()
        .filter(programme=programme, unit=unit, period_code=period.code)
        .first()
    )
    with acting_as(actor):
        if report is None:
            report = PeriodReport(
                programme=programme,
                unit=unit,
                period_code=period.code,
                period_start=period.start,
                period_end=period.end,
            )
        elif version is not None and version != report.version:
            raise StaleEdit(
                record=report,
                differences=_report_differences(report, indicators, cleaned, narrative),
            )
        elif report.state not in (ReportState.DRAFT, ReportState.RETURNED):
            raise ProgrammeError(
                _("This report is %(state)s: the office must return it before it can change.")
                % {"state": report.get_state_display().lower()}
            )
        _move(report, ReportState.SUBMITTED if submit else ReportState.DRAFT)
        if report.pk is not None:
            count_edit(report)
        report.narrative = narrative.strip()
        if submit:
            report.submitted_at = timezone.now()
            report.submitted_by = actor if getattr(actor, "pk", None) else None
        report.save()
        existing = {v.indicator.code: v for v in report.values.select_related("indicator")}
        for code, number in cleaned.items():
            row = existing.pop(code, None)
            if row is None:
                ReportValue.objects.create(report=report, indicator=indicators[code], value=number)
            elif row.value != number:
                row.value = number
                row.save(update_fields=["value"])
        for row in existing.values():  # cleared in the form
            row.delete()
        if submit:
            record_action(report, "report submitted", period=period.code, unit=unit.pk)
    return report


def _report_differences(
    report: PeriodReport,
    indicators: Mapping[str, Indicator],
    cleaned: Mapping[str, Decimal],
    narrative: str,
) -> list[Difference]:
    """The refused figures that are not the saved ones, indicator by indicator."""
    saved = {v.indicator.code: v.value for v in report.values.select_related("indicator")}
    found = []
    for code, indicator in indicators.items():
        yours, current = cleaned.get(code), saved.get(code)
        if yours != current:
            found.append(
                Difference(
                    field=code,
                    field_label=indicator.name,
                    yours="—" if yours is None else str(yours.normalize()),
                    current="—" if current is None else str(current.normalize()),
                )
            )
    return found + differences(report, {"narrative": narrative})


# Approving or returning touches only these: the unit's figures and dates stay as they were.
_DECISION_FIELDS = ["state", "return_reason", "decided_at", "decided_by", "updated_at"]


def _decide(actor: Any, report: PeriodReport) -> None:
    if not manages_programme(actor, report.programme):
        raise NotPermitted(_("You may not approve or return reports of this programme."))
    refuse_if_period_locked(report.programme, report.period)


@transaction.atomic
def approve_report(*, actor: Any, report: PeriodReport) -> PeriodReport:
    _decide(actor, report)
    with acting_as(actor):
        _move(report, ReportState.APPROVED)
        report.return_reason = ""
        report.decided_at = timezone.now()
        report.decided_by = actor if getattr(actor, "pk", None) else None
        report.save(update_fields=_DECISION_FIELDS)
        record_action(report, "report approved", period=report.period_code)
    return report


@transaction.atomic
def return_report(*, actor: Any, report: PeriodReport, reason: str) -> PeriodReport:
    """Send a report back to its unit, saying why."""
    _decide(actor, report)
    if not reason.strip():
        raise ProgrammeError(_("Say why the report is returned."))
    with acting_as(actor):
        _move(report, ReportState.RETURNED)
        report.return_reason = reason.strip()
        report.decided_at = timezone.now()
        report.decided_by = actor if getattr(actor, "pk", None) else None
        report.save(update_fields=_DECISION_FIELDS)
        record_action(report, "report returned", period=report.period_code, reason=reason.strip())
    return report


@transaction.atomic
def lock_period(*, actor: Any, programme: Programme, period_code: str) -> PeriodLock:
    """Close a period: its reports can no longer be changed, submitted, approved or returned."""
    if not manages_programme(actor, programme):
        raise NotPermitted(_("You may not lock periods of this programme."))
    period = reporting_period(programme, period_code)
    with acting_as(actor):
        lock, _created = PeriodLock.objects.get_or_create(
            programme=programme, period_code=period.code
        )
        if lock.locked and not _created:
            raise ProgrammeError(_("%(period)s is already locked.") % {"period": period})
        lock.locked = True
        lock.unlock_reason = ""
        lock.changed_by = actor if getattr(actor, "pk", None) else None
        lock.save()
        record_action(programme, "period locked", period=period.code)
    return lock


@transaction.atomic
def unlock_period(*, actor: Any, programme: Programme, period_code: str, reason: str) -> PeriodLock:
    if not manages_programme(actor, programme):
        raise NotPermitted(_("You may not unlock periods of this programme."))
    if not reason.strip():
        raise ProgrammeError(_("Say why the period is unlocked."))
    lock = PeriodLock.objects.filter(programme=programme, period_code=period_code).first()
    if lock is None or not lock.locked:
        raise ProgrammeError(_("This period is not locked."))
    with acting_as(actor):
        lock.locked = False
        lock.unlock_reason = reason.strip()
        lock.changed_by = actor if getattr(actor, "pk", None) else None
        lock.save()
        record_action(programme, "period unlocked", period=period_code, reason=reason.strip())
    return lock
