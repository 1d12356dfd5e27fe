from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    ACTIVE = "active", _("Being implemented")
    CLOSED = "closed", _("Closed")


class PeriodKind(models.TextChoices):
    """How often units report (DHIS2's period types, as Vietnamese bodies use them)."""

    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Half-yearly")
    YEAR = "year", _("Yearly")


class MilestoneKind(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary review (sơ kết)")
    FINAL = "final", _("Final review (tổng kết)")


class CommitteeRole(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class CommitteeDecisionKind(models.TextChoices):
    SET_UP = "set_up", _("Set-up (thành lập)")
    REFORM = "reform", _("Re-formation (kiện toàn)")


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes / no")


class Aggregation(models.TextChoices):
    """How figures combine across units and periods.

    SUM adds everything; AVERAGE is the mean of the reported values; MAX the largest; LAST takes
    each unit's latest period in the range, then adds the units (a stock, e.g. clubs in operation).
    """

    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    MAX = "max", _("Maximum")
    LAST = "last", _("Last value")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


# Which state a report may move to from which, and who acts (see rules.py).
TRANSITIONS: dict[str, frozenset[str]] = {
    ReportState.DRAFT: frozenset({ReportState.DRAFT, ReportState.SUBMITTED}),
    ReportState.RETURNED: frozenset({ReportState.DRAFT, ReportState.SUBMITTED}),
    ReportState.SUBMITTED: frozenset({ReportState.APPROVED, ReportState.RETURNED}),
    ReportState.APPROVED: frozenset({ReportState.RETURNED}),
}


class IndicatorSource(models.TextChoices):
    """Where a unit's figure comes from: typed in, or counted from its recorded activities."""

    MANUAL = "manual", _("Typed in by the unit")
    ACTIVITY_COUNT = "activity_count", _("Number of activities of a kind")
    PARTICIPANTS = "participants", _("Participants in activities of a kind")
