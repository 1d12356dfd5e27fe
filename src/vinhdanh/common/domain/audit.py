"""Reads of the audit log: which rows it can name, and its events filtered as a reader asks."""

from __future__ import annotations

from django.apps import apps
from django.db.models import QuerySet

from vinhdanh.common.models import AuditEvent


def object_types() -> list[tuple[str, str]]:
    """The project's models as (app_label.model_name, readable name), as the log stores them."""
    types = [
        (f"{m._meta.app_label}.{m._meta.model_name}", str(m._meta.verbose_name).capitalize())
        for m in apps.get_models()
        if m.__module__.startswith("vinhdanh.") and m is not AuditEvent
    ]
    return sorted(types, key=lambda t: t[1])


def audit_events(
    *, object_type: str = "", object_id: str = "", username: str = "", request_id: str = ""
) -> QuerySet[AuditEvent]:
    """The events matching every filter given (empty = any), newest first."""
    events = AuditEvent.objects.all()
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if username:
        events = events.filter(username=username)
    if request_id:
        events = events.filter(request_id=request_id)
    return events.order_by("-time", "-id")
