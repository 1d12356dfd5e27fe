from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.enums import MilestoneKind, PeriodKind, ProgrammeStatus
from vinhdanh.programmes.periods import Period, periods_between


@audited
class Programme(models.Model):
    """Chương trình, kế hoạch, nghị quyết: implemented by a subtree of units over years."""

    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="programmes"
    )
    implementing_root = models.ForeignKey(
        Unit,
        verbose_name=_("implemented by (unit and its sub-units)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    units_as_of = models.DateField(_("sub-units as of"))
    reporting_levels = models.JSONField(
        _("levels that report"),
        default=list,
        blank=True,
        help_text=_("Empty: every unit under the implementing unit reports."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    period_kind = models.CharField(
        _("reporting period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("reports due (days after the period)"), default=10
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.ACTIVE
    )
    description = models.TextField(_("content"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def periods(self, until: dt.date | None = None) -> list[Period]:
        """The reporting periods of the programme (up to `until`, when given)."""
        end = self.ends_on if until is None else min(self.ends_on, until)
        return list(periods_between(self.period_kind, self.starts_on, end))

    def due_date(self, period: Period) -> dt.date:
        return period.end + dt.timedelta(days=self.report_due_days)


@audited
class ReviewMilestone(models.Model):
    """A planned sơ kết or tổng kết, covering a stretch of the programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=12, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=255)
    covers_from = models.DateField(_("covers from"))
    covers_to = models.DateField(_("covers until"))
    due_on = models.DateField(_("held by"))

    class Meta:
        verbose_name = _("review milestone")
        verbose_name_plural = _("review milestones")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title
