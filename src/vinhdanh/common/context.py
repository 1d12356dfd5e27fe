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
    user_id: int | None
    username: str
    request_id: str
    source: str  # "web", "api", "cli:import", …


_current: ContextVar[ActionContext | None] = ContextVar("vinhdanh_action", default=None)


def current() -> ActionContext | None:
    return _current.get()


@contextlib.contextmanager
def acting(
    user: Any = None, *, source: str, request_id: str | None = None
) -> Iterator[ActionContext]:
    ctx = ActionContext(
        user_id=getattr(user, "pk", None),
        username=getattr(user, "username", "") or "",
        request_id=request_id or uuid.uuid4().hex,
        source=source,
    )
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
