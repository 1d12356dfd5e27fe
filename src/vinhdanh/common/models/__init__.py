from vinhdanh.common.models.audit import AuditEvent

__all__ = ["AuditEvent"]
