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

A cache that depends on a few models only asks for their token (`facts_token(Award, Decision)`
for the decisions' award counts): a rating saved does not renew it. Every bulk write renews
every token.
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
BULK_KEY = "vinhdanh:facts-token:bulk"
MODEL_KEY = "vinhdanh:facts-token:model:{}"
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


def facts_token(*watched: type[models.Model] | str) -> str:
    """The facts' current token (a new one when the cache has lost it: entries just miss).
    With models (or their labels, "awards.award"): the token of those models' rows only (a
    task rating does not change the award counts of the decisions list), renewed also by every
    bulk write."""
    if not watched:
        return _tokens([KEY])
    labels = [m if isinstance(m, str) else m._meta.label_lower for m in watched]
    return _tokens([BULK_KEY, *(MODEL_KEY.format(label) for label in labels)])


def unit_token(*units: Any) -> str:
    """The token of the facts of these units' subtrees: the token of everywhere and each
    unit's own, renewed by a change anywhere in its subtree (a candidate list's unit, and the
    level whose quota its people count in when that lies above it)."""
    return _tokens([EVERYWHERE_KEY, *(UNIT_KEY.format(unit.pk) for unit in dict.fromkeys(units))])


def _tokens(keys: list[str]) -> str:
    tokens = cache.get_many(keys)
    missing = [key for key in keys if key not in tokens]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        tokens.update(cache.get_many(missing))
    return "|".join(tokens.get(key, uuid.uuid4().hex) for key in keys)


_units_and_above: Callable[[set[int]], set[int]] | None = None


def chain_units_with(units_and_above: Callable[[set[int]], set[int]]) -> None:
    """How to find the units above some units (the tree lives in orgs, above common)."""
    global _units_and_above
    _units_and_above = units_and_above


class _Renewal:
    """What one transaction changed, renewed once when it commits: the facts' token always;
    the watched models' tokens; the units' (and those above them) or, when a change could not
    say where, everywhere's; after a bulk write, every token."""

    def __init__(self) -> None:
        self.models: set[str] = set()
        self.units: set[int] = set()
        self.everywhere = False
        self.bulk = False

    def __call__(self) -> None:
        stale = [MODEL_KEY.format(label) for label in self.models]
        if self.bulk:
            stale.append(BULK_KEY)
        if self.everywhere or self.bulk or (self.units and _units_and_above is None):
            stale.append(EVERYWHERE_KEY)
        elif self.units and _units_and_above is not None:
            chain = _units_and_above(self.units) | self.units
            stale.extend(UNIT_KEY.format(pk) for pk in chain)
        # a lost token is a new one at the next read
        cache.delete_many(stale)
        cache.set(KEY, uuid.uuid4().hex, None)


def _renewal() -> _Renewal:
    """The current transaction's renewal (run now, outside one)."""
    if connection.in_atomic_block and RENEW_AT_COMMIT:
        for entry in connection.run_on_commit:
            if isinstance(entry[1], _Renewal):
                return entry[1]
        renewal = _Renewal()
        transaction.on_commit(renewal)
        return renewal
    return _Renewal()


def _changed(
    model: type[models.Model] | None, units: Iterable[int | None] = (), bulk: bool = False
) -> None:
    renewal = _renewal()
    if model is not None:
        renewal.models.add(model._meta.label_lower)
    found = set(units)
    if None in found:
        renewal.everywhere = True
    renewal.units.update(int(pk) for pk in found if pk is not None)
    renewal.bulk |= bulk
    if not (connection.in_atomic_block and RENEW_AT_COMMIT):
        renewal()


def facts_changed() -> None:
    """Facts changed in bulk in the current transaction (rows written past the signals): every
    token renews once it commits (once per transaction however many rows changed; nothing if
    it rolls back)."""
    _changed(None, bulk=True)


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
            _changed(sender, _where(sender, stored))


def _saved_or_deleted(sender: type[models.Model], instance: Any = None, **kwargs: Any) -> None:
    if sender not in _WATCHED:
        return
    if sender in _WHERE and instance is not None:
        _changed(sender, _where(sender, instance))
    else:
        _changed(sender, [None])


def _links_changed(sender: type[models.Model], action: str, **kwargs: Any) -> None:
    # a many-to-many link table (an initiative's authors) is watched through its own model
    if action in ("post_add", "post_remove", "post_clear") and sender in _WATCHED:
        _changed(sender, [None])


def connect_signals() -> None:
    pre_save.connect(_before_save, dispatch_uid="vinhdanh_facts_pre_save")
    post_save.connect(_saved_or_deleted, dispatch_uid="vinhdanh_facts_post_save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="vinhdanh_facts_post_delete")
    m2m_changed.connect(_links_changed, dispatch_uid="vinhdanh_facts_m2m_changed")


T = TypeVar("T")
# How long a figure kept by `counted_since_change` may stay in the cache untouched.
KEPT_SECONDS = 24 * 3600


def counted_since_change(
    key: str, count: Callable[[], T], *, at_most_every: int, watched: Iterable[str] = ()
) -> tuple[T, dt.datetime]:
    """`count()` kept while the facts are unchanged, with when it was counted.

    After a change the figure is counted again at the next read, but at most once every
    `at_most_every` seconds: a busy day's edits would otherwise recount a million rows at each
    visit of a dashboard. Until then the kept figure is shown with its time (at most that many
    seconds behind the facts). `watched`: the labels of the models the figure counts (all
    when none is given)."""
    token = facts_token(*watched)
    now = timezone.now()
    kept: tuple[str, T, dt.datetime] | None = cache.get(key)
    if kept is None or (kept[0] != token and (now - kept[2]).total_seconds() >= at_most_every):
        kept = (token, count(), now)
        cache.set(key, kept, KEPT_SECONDS)
    return kept[1], kept[2]
