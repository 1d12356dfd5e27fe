"""Errors of the nomination workflow; their message is shown to the user as is (translated)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class WorkflowError(ValueError):
    """The request breaks a rule of the workflow (state, reason, quota, notice window …)."""

    code = "invalid"


class MissingReason(WorkflowError):
    code = "reason_required"


class NotEligible(WorkflowError):
    code = "not_eligible"


class OverQuota(WorkflowError):
    code = "over_quota"


class NoticeOpen(WorkflowError):
    code = "notice_window"


class FieldError(WorkflowError):
    """A rule about one field of a form: `field` names it, so the form shows it there."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotPermitted(PermissionDenied):
    """The actor's roles do not allow this step for this round."""

    code = "not_permitted"
