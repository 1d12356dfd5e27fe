"""Who is acting, and under which request id: set by the middleware or by a command."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActionContext:
    request_id: str
    source: str  # "web", "api", "cli:import", …
    actor: Any = None  # a user, or a zero-argument callable giving the user when asked

    def _user(self) -> Any:
        return self.actor() if callable(self.actor) else self.actor

    @property
    def user_id(self) -> int | None:
        return getattr(self._user(), "pk", None)  # AnonymousUser: None

    @property
    def username(self) -> str:
        return str(getattr(self._user(), "username", "") or "")


_current: ContextVar[ActionContext | None] = ContextVar("vinhdanh_action", default=None)


def current() -> ActionContext | None:
    return _current.get()


@contextlib.contextmanager
def acting(
    user: Any = None, *, source: str, request_id: str | None = None
) -> Iterator[ActionContext]:
    """Changes made inside are recorded as made by `user` (None: the system).

    `user` may be a callable: a request's user is read when each change is written, because
    the API authenticates (HTTP Basic, tokens) only after the middleware has run.
    """
    ctx = ActionContext(request_id=request_id or uuid.uuid4().hex, source=source, actor=user)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


@contextlib.contextmanager
def acting_as(actor: Any, source: str = "domain") -> Iterator[None]:
    """The actor a domain function was given is the truth: record changes as theirs, keeping
    the request id and source of the surrounding request or command."""
    ctx = current()
    if ctx is not None and ctx.user_id == getattr(actor, "pk", None):
        yield
        return
    with acting(
        actor,
        source=ctx.source if ctx is not None else source,
        request_id=ctx.request_id if ctx is not None else None,
    ):
        yield
