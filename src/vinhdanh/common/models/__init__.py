from vinhdanh.common.models.audit import AuditEvent
from vinhdanh.common.models.jobs import BackgroundJob, JobKind, JobStatus

__all__ = ["AuditEvent", "BackgroundJob", "JobKind", "JobStatus"]
