"""Errors of the programmes domain; the message is shown to the user as is."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class ProgrammeError(ValueError):
    """The request breaks a rule (locked or future period, unit outside the programme …).

    `field` names what is wrong when it is one input (an import puts it in that column)."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class PeriodLocked(ProgrammeError):
    """The period is locked: nothing of it changes until the office unlocks it (API: 409)."""


class NotPermitted(PermissionDenied):
    """The actor's roles do not reach the unit or programme concerned."""
