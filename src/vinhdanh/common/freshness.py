"""A token that changes whenever the facts change, for caches of work derived from them.

Candidate lists and the award counts of the decisions list are costly at a province's scale
and read far more often than the facts behind them change. They are cached under keys that
include `facts_token()`; a committed change of a watched model (`watch`) gives the facts a new
token, so the next read computes afresh and the old entries are never read again (the cache
culls them). Signals see every save and delete, of the ORM and of the admin alike; bulk writes
call `facts_changed()` themselves (`audit.record_bulk` does for every import, the restore and
the demo generator clear the cache).

The token is a random value, not a counter: two concurrent changes never end on the same token
(a counter's lost update would), so a list computed between them is never kept under the last
one. It is replaced after the commit: a reader that computed from the old facts stored its
result under the old token.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

KEY = "vinhdanh:facts-token"
# Tests run inside a transaction that never commits: they renew the token at once (conftest).
RENEW_AT_COMMIT = True
_WATCHED: set[type[models.Model]] = set()


def watch(*watched: type[models.Model]) -> None:
    """Models whose rows are facts: a change of any of them changes the facts' token."""
    _WATCHED.update(watched)


def is_watched(model: type[models.Model]) -> bool:
    return model in _WATCHED


def facts_token() -> str:
    """The facts' current token (a new one when the cache has lost it: entries just miss)."""
    token: str | None = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid.uuid4().hex, None)
        token = cache.get(KEY) or uuid.uuid4().hex
    return token


def _new_token() -> None:
    cache.set(KEY, uuid.uuid4().hex, None)


def facts_changed() -> None:
    """The facts changed in the current transaction: a new token once it commits (once per
    transaction however many rows changed; nothing if it rolls back)."""
    if not connection.in_atomic_block or not RENEW_AT_COMMIT:
        _new_token()
        return
    if not any(entry[1] is _new_token for entry in connection.run_on_commit):
        transaction.on_commit(_new_token)


def models_changed(changed: Iterable[type[models.Model]]) -> None:
    if any(model in _WATCHED for model in changed):
        facts_changed()


def _saved_or_deleted(sender: type[models.Model], **kwargs: Any) -> None:
    if sender in _WATCHED:
        facts_changed()


def _links_changed(sender: type[models.Model], action: str, **kwargs: Any) -> None:
    # a many-to-many link table (an initiative's authors) is watched through its own model
    if action in ("post_add", "post_remove", "post_clear") and sender in _WATCHED:
        facts_changed()


def connect_signals() -> None:
    post_save.connect(_saved_or_deleted, dispatch_uid="vinhdanh_facts_post_save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="vinhdanh_facts_post_delete")
    m2m_changed.connect(_links_changed, dispatch_uid="vinhdanh_facts_m2m_changed")


T = TypeVar("T")
# How long a figure kept by `counted_since_change` may stay in the cache untouched.
KEPT_SECONDS = 24 * 3600


def counted_since_change(
    key: str, count: Callable[[], T], *, at_most_every: int
) -> tuple[T, dt.datetime]:
    """`count()` kept while the facts are unchanged, with when it was counted.

    After a change the figure is counted again at the next read, but at most once every
    `at_most_every` seconds: a busy day's edits would otherwise recount a million rows at each
    visit of a dashboard. Until then the kept figure is shown with its time (at most that many
    seconds behind the facts)."""
    token = facts_token()
    now = timezone.now()
    kept: tuple[str, T, dt.datetime] | None = cache.get(key)
    if kept is None or (kept[0] != token and (now - kept[2]).total_seconds() >= at_most_every):
        kept = (token, count(), now)
        cache.set(key, kept, KEPT_SECONDS)
    return kept[1], kept[2]
