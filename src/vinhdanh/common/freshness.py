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

A unit's token (`unit_token`) narrows this for the candidate lists. A change whose row says
where it happened (a person's rating, award or post: `watch(..., where=...)` names the units)
renews the tokens of those units and of every unit above them, besides the facts' token: a
clerk rating people in one commune no longer renews the lists of the other communes of the
province. A change that cannot say where (a decision, a unit of the tree, a parameter, a bulk
write) renews the token of everywhere (`EVERYWHERE_KEY`), which every unit's token includes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

KEY = "vinhdanh:facts-token"
EVERYWHERE_KEY = "vinhdanh:facts-token:everywhere"
UNIT_KEY = "vinhdanh:facts-token:unit:{}"
# Tests run inside a transaction that never commits: they renew the token at once (conftest).
RENEW_AT_COMMIT = True
_WATCHED: set[type[models.Model]] = set()
# The units a row of a model is a fact of (ids; None: it cannot say, the global token renews).
Where = Callable[[Any], Iterable[int | None]]
_WHERE: dict[type[models.Model], Where] = {}
# Models whose row may move between units: the unit it leaves is read before the save.
_MOVES: set[type[models.Model]] = set()


def watch(*watched: type[models.Model], where: Where | None = None, moves: bool = False) -> None:
    """Models whose rows are facts: a change of any of them changes the facts' token. With
    `where`, of the units' tokens only those of the units it names and of the units above
    them; without, every unit's. `moves`: a row can change units (a person's current unit),
    and the unit it left is renewed too."""
    _WATCHED.update(watched)
    if where is not None:
        _WHERE.update(dict.fromkeys(watched, where))
        if moves:
            _MOVES.update(watched)


def is_watched(model: type[models.Model]) -> bool:
    return model in _WATCHED


def facts_token() -> str:
    """The facts' current token (a new one when the cache has lost it: entries just miss)."""
    token: str | None = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid.uuid4().hex, None)
        token = cache.get(KEY) or uuid.uuid4().hex
    return token


def unit_token(*units: Any) -> str:
    """The token of the facts of these units' subtrees: the token of everywhere and each
    unit's own, renewed by a change anywhere in its subtree (a candidate list's unit, and the
    level whose quota its people count in when that lies above it)."""
    keys = [EVERYWHERE_KEY, *(UNIT_KEY.format(unit.pk) for unit in dict.fromkeys(units))]
    tokens = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in tokens}
    if missing:
        for key, value in missing.items():
            cache.add(key, value, None)
        tokens.update(cache.get_many(list(missing)))
    return "|".join(tokens.get(key, uuid.uuid4().hex) for key in keys)


def _new_token() -> None:
    """Any fact may have changed, anywhere."""
    cache.set_many({KEY: uuid.uuid4().hex, EVERYWHERE_KEY: uuid.uuid4().hex}, None)


_units_and_above: Callable[[set[int]], set[int]] | None = None


def chain_units_with(units_and_above: Callable[[set[int]], set[int]]) -> None:
    """How to find the units above some units (the tree lives in orgs, above common)."""
    global _units_and_above
    _units_and_above = units_and_above


def _renew_units(unit_ids: set[int]) -> None:
    """New tokens for these units and every unit above them."""
    if _units_and_above is None:
        _new_token()
        return
    chain = _units_and_above(unit_ids) | unit_ids
    # a unit's token lost is a new one at the next read (as `facts_token`'s)
    cache.delete_many([UNIT_KEY.format(pk) for pk in chain])
    cache.set(KEY, uuid.uuid4().hex, None)  # what is not kept by unit changed all the same


def units_changed(unit_ids: Iterable[int | None]) -> None:
    """Facts of these units changed in the current transaction: their tokens (and those of the
    units above them) renew once it commits; a None among them renews the global token."""
    ids = set(unit_ids)
    if None in ids:
        facts_changed()
        return
    found = {int(pk) for pk in ids if pk is not None}
    if not found:
        return
    if not connection.in_atomic_block or not RENEW_AT_COMMIT:
        _renew_units(found)
        return
    # one renewal per transaction, for every unit it touched
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _UnitRenewal):
            entry[1].unit_ids |= found
            return
    transaction.on_commit(_UnitRenewal(found))


class _UnitRenewal:
    def __init__(self, unit_ids: set[int]) -> None:
        self.unit_ids = unit_ids

    def __call__(self) -> None:
        _renew_units(self.unit_ids)


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


def _where(sender: type[models.Model], row: Any) -> Iterable[int | None]:
    try:
        return list(_WHERE[sender](row))
    except Exception:  # a row that cannot say where it is (half-built, its person deleted)
        return [None]


def _before_save(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if sender in _MOVES and instance.pk is not None and not kwargs.get("raw"):
        stored = sender._base_manager.filter(pk=instance.pk).first()
        if stored is not None:
            units_changed(_where(sender, stored))


def _saved_or_deleted(sender: type[models.Model], instance: Any = None, **kwargs: Any) -> None:
    if sender not in _WATCHED:
        return
    if sender in _WHERE and instance is not None:
        units_changed(_where(sender, instance))
    else:
        facts_changed()


def _links_changed(sender: type[models.Model], action: str, **kwargs: Any) -> None:
    # a many-to-many link table (an initiative's authors) is watched through its own model
    if action in ("post_add", "post_remove", "post_clear") and sender in _WATCHED:
        facts_changed()


def connect_signals() -> None:
    pre_save.connect(_before_save, dispatch_uid="vinhdanh_facts_pre_save")
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
