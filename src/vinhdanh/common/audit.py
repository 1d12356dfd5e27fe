"""The change log: every create/update/delete of an audited model writes an AuditEvent.

Signals keep it in one place (NetBox's approach): a domain function cannot forget it, and the
event is written inside the same transaction as the change. Bulk writes (imports, the demo
generator) bypass signals and call `record_bulk` themselves.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import hashlib
import uuid
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from vinhdanh.common import context, freshness
from vinhdanh.common.models import AuditEvent

_AUDITED: set[type[models.Model]] = set()


def audited(model: type[models.Model]) -> type[models.Model]:
    """Class decorator: register a model for the change log."""
    _AUDITED.add(model)
    return model


def _jsonable(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""  # the stored path, not the file
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


# Derived columns are noise in the log; a login's timestamp is not a change of the account.
SKIPPED_FIELDS = frozenset({"search_key", "sort_key", "path", "last_login"})


def snapshot(instance: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        value = getattr(instance, field.attname)
        if field.name == "password":
            # Never the hash itself: a fingerprint shows that the password changed, and when.
            value = hashlib.sha256(str(value).encode()).hexdigest()[:12] if value else ""
        data[field.attname] = _jsonable(value)
    return data


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _event(
    action: str, instance: models.Model, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> AuditEvent:
    ctx = context.current()
    return AuditEvent(
        user_id=ctx.user_id if ctx else None,
        username=ctx.username if ctx else "",
        request_id=ctx.request_id if ctx else "",
        source=ctx.source if ctx else "system",
        action=action,
        object_type=_label(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
    )


def _pre_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if sender not in _AUDITED or kwargs.get("raw"):
        return
    before = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
        before = snapshot(old) if old is not None else None
    instance._audit_before = before  # type: ignore[attr-defined]


def _post_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if sender not in _AUDITED or kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if not created and before == after:
        return
    action = AuditEvent.Action.CREATE if created or before is None else AuditEvent.Action.UPDATE
    _event(action, instance, None if created else before, after).save()


def _post_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if sender not in _AUDITED:
        return
    _event(AuditEvent.Action.DELETE, instance, snapshot(instance), None).save()


def record_action(instance: models.Model, message: str, **after: Any) -> AuditEvent:
    """A named domain action (merge, revoke, import …) beside the field-level rows."""
    event = _event(AuditEvent.Action.ACTION, instance, None, _jsonable(after) or None)
    event.message = message[:500]
    event.save()
    return event


def record_system_action(object_type: str, object_id: str, message: str, **after: Any) -> None:
    """An action on the system as a whole (a restore), which no single row stands for."""
    ctx = context.current()
    AuditEvent.objects.create(
        user_id=ctx.user_id if ctx else None,
        username=ctx.username if ctx else "",
        request_id=ctx.request_id if ctx else "",
        source=ctx.source if ctx else "system",
        action=AuditEvent.Action.ACTION,
        object_type=object_type,
        object_id=object_id[:64],
        object_repr=object_id[:300],
        after=_jsonable(after) or None,
        message=message[:500],
    )


def record_bulk(instances: Iterable[models.Model], *, batch_size: int = 2000) -> int:
    """Creation events for rows written with bulk_create (signals do not fire there)."""
    instances = list(instances)
    events = [_event(AuditEvent.Action.CREATE, i, None, snapshot(i)) for i in instances]
    freshness.models_changed({type(i) for i in instances})
    # One multi-row INSERT per batch (imports write 100,000s of events; bulk_create compiles
    # every value and batches only 83 rows on SQLite). Imported here: importing imports audit.
    from vinhdanh.common.importing.bulk import insert_rows

    insert_rows(AuditEvent, events, batch_size=batch_size)
    return len(events)


_paused: ContextVar[bool] = ContextVar("vinhdanh_audit_paused", default=False)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No change events while a backup is loaded back (the restore records itself instead):
    loaddata saves rows raw, but many-to-many rows go through the ordinary signal."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _m2m_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    """Group and permission grants of a user (the admin's checkboxes are many-to-many rows)."""
    if action not in ("post_add", "post_remove", "post_clear") or type(instance) not in _AUDITED:
        return
    if _paused.get():
        return
    for name in ("groups", "user_permissions"):
        field = getattr(type(instance), name, None)
        if field is not None and field.through is sender:
            granted = sorted(str(p) for p in (pk_set or ()))
            _event(AuditEvent.Action.UPDATE, instance, None, {name: {action[5:]: granted}}).save()


def connect_signals() -> None:
    pre_save.connect(_pre_save, dispatch_uid="vinhdanh_audit_pre_save")
    post_save.connect(_post_save, dispatch_uid="vinhdanh_audit_post_save")
    post_delete.connect(_post_delete, dispatch_uid="vinhdanh_audit_post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="vinhdanh_audit_m2m_changed")
