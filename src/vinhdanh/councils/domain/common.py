"""Small helpers shared by the councils domain functions."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied

from vinhdanh.common import context


class CouncilError(ValueError):
    """A council action that the rules refuse, with a message for the user."""


class NotAllowed(PermissionDenied):
    """The actor lacks the permission for this action."""


@contextlib.contextmanager
def acting_as(actor: Any, source: str = "domain") -> Iterator[None]:
    """Tag audit events with the actor when no request or command has done so already."""
    if context.current() is not None:
        yield
        return
    with context.acting(actor, source=source):
        yield


def require(actor: Any, perm: str, obj: Any, message: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise NotAllowed(message)
