"""Small helpers shared by the councils domain functions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


class CouncilError(ValueError):
    """A council action that the rules refuse, with a message for the user."""


class NotAllowed(PermissionDenied):
    """The actor lacks the permission for this action."""


def require(actor: Any, perm: str, obj: Any, message: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise NotAllowed(message)
