from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.common.versioning import Versioned
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.enums import Aggregation, IndicatorSource, ReportState, ValueType
from vinhdanh.programmes.models.activities import ActivityKind
from vinhdanh.programmes.models.programmes import Programme
from vinhdanh.programmes.periods import Period, parse_period


@audited
class Indicator(models.Model):
    """Chỉ tiêu: a figure every reporting unit gives each period."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    measure = models.CharField(_("unit of measure"), max_length=60, blank=True)
    value_type = models.CharField(
        _("value type"), max_length=12, choices=ValueType.choices, default=ValueType.INTEGER
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    target = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(
        _("source"), max_length=16, choices=IndicatorSource.choices, default=IndicatorSource.MANUAL
    )
    activity_kind = models.ForeignKey(
        ActivityKind,
        verbose_name=_("activity kind"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="uniq_indicator_code")
        ]

    def __str__(self) -> str:
        return self.name


@audited
class PeriodReport(Versioned):
    """Báo cáo định kỳ: one unit's figures for one period of one programme."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    period_code = models.CharField(_("period"), max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    narrative = models.TextField(_("narrative"), blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("approved or returned"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        ordering = ["period_start", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "unit", "period_code"], name="uniq_period_report"
            )
        ]
        indexes = [models.Index(fields=["programme", "period_code", "state"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period.label}"

    @property
    def period(self) -> Period:
        return parse_period(self.period_code)


@audited
class ReportValue(models.Model):
    """One indicator's figure in a report (yes/no is stored as 1/0)."""

    report = models.ForeignKey(PeriodReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="uniq_report_value")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value}"

    @property
    def number(self) -> Decimal:
        return self.value


@audited
class PeriodLock(models.Model):
    """A period of a programme closed for edits (DHIS2's data-input lock); unlocking is reasoned."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="locks")
    period_code = models.CharField(_("period"), max_length=10)
    locked = models.BooleanField(_("locked"), default=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlock_reason = models.TextField(_("reason for unlocking"), blank=True)

    class Meta:
        verbose_name = _("period lock")
        verbose_name_plural = _("period locks")
        constraints = [
            models.UniqueConstraint(fields=["programme", "period_code"], name="uniq_period_lock")
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.period_code}"
