"""What the decision functions refuse with: a message the user reads as it is."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class DecisionError(ValueError):
    """The decision cannot be issued as asked; the message says why."""


class NumberTaken(DecisionError):
    """The number asked for is already in the register's series."""


class DecisionNotAllowed(PermissionDenied):
    """The actor is not a decider over the issuing unit."""
