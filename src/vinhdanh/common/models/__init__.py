from vinhdanh.common.enums import JobKind, JobStatus
from vinhdanh.common.models.audit import AuditEvent
from vinhdanh.common.models.jobs import BackgroundJob
from vinhdanh.common.models.notifications import Notification

__all__ = ["AuditEvent", "BackgroundJob", "JobKind", "JobStatus", "Notification"]
