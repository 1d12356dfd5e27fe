"""Errors of the movements domain; the message is shown to the user as is."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class MovementError(ValueError):
    """The request breaks a rule (period, duplicate, subject outside the unit …)."""


class NotPermitted(PermissionDenied):
    """The actor's roles do not reach the unit concerned."""
