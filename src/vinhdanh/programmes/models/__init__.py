from vinhdanh.programmes.models.activities import (
    Activity,
    ActivityAttachment,
    ActivityAttendee,
    ActivityKind,
)
from vinhdanh.programmes.models.committees import (
    Committee,
    CommitteeDecision,
    CommitteeMembership,
)
from vinhdanh.programmes.models.programmes import Programme, ReviewMilestone
from vinhdanh.programmes.models.reports import Indicator, PeriodLock, PeriodReport, ReportValue

__all__ = [
    "Activity",
    "ActivityAttachment",
    "ActivityAttendee",
    "ActivityKind",
    "Committee",
    "CommitteeDecision",
    "CommitteeMembership",
    "Indicator",
    "PeriodLock",
    "PeriodReport",
    "Programme",
    "ReportValue",
    "ReviewMilestone",
]
