"""Small display helpers for the browsing pages (labels of stored codes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from vinhdanh.awards.enums import AwardType, SubjectType
from vinhdanh.people.enums import Rating

register = template.Library()


def _label(choices: type[Rating] | type[SubjectType] | type[AwardType], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register.filter
def rating_label(value: str) -> str:
    """'HTTNV' → 'Completed tasks well (HTTNV)' in the active language."""
    return _label(Rating, value)


@register.filter
def subject_labels(values: Iterable[str] | None) -> str:
    return ", ".join(_label(SubjectType, v) for v in values or [])


@register.filter
def award_type_labels(values: Iterable[str] | None) -> str:
    return ", ".join(_label(AwardType, v) for v in values or [])


@register.filter
def display(value: object) -> str:
    """An audit value readable: None as a dash, everything else as text."""
    if value is None or value == "":
        return "—"
    return str(value)


@register.filter
def visible_changes(event: Any) -> list[tuple[str, Any, Any]]:
    """An audit event's changed fields, leaving out those empty on both sides."""
    return [
        (name, old, new)
        for name, old, new in event.changes
        if not (old in (None, "") and new in (None, ""))
    ]
