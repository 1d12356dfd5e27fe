"""Optimistic locking: a save prepared on an older version of a record is refused, not merged.

A record that two people edit by form carries a `version`. The form (or the API body, or an
`If-Match` header) sends back the version it was read at; the domain function locks the row,
compares, and either saves and counts up, or raises `StaleEdit` with what differs between the
refused values and the saved ones. Nothing is lost: the saved record stays as it is and the
refused values go back to their author.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _


class Versioned(models.Model):
    """A counter of saved edits, compared before each edit by form or API."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class VersionField(forms.IntegerField):
    """The version the form was read at, sent back unseen."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)


@dataclass(frozen=True)
class Difference:
    """One field where the refused save and the saved record disagree, as a user reads them."""

    field: str
    field_label: str
    yours: str
    current: str


class StaleEdit(Exception):
    """Someone saved the record after the editor read it; their save is refused."""

    code = "stale"

    def __init__(self, *, record: models.Model, differences: list[Difference]) -> None:
        self.record = record
        self.current_version: int = record.version  # type: ignore[attr-defined]
        self.differences = differences
        super().__init__(self.message)

    @property
    def summary(self) -> str:
        return _(
            "Somebody else saved this %(what)s while you were editing it. Nothing of yours was "
            "saved, and nothing of theirs was lost. Compare, then save again to keep your values."
        ) % {"what": self.record._meta.verbose_name}

    @property
    def message(self) -> str:
        """The summary and every difference, for answers that are one text (the API)."""
        text = self.summary
        if not self.differences:
            return text
        lines = [
            _("%(field)s: yours “%(yours)s”, now saved “%(current)s”")
            % {"field": d.field_label, "yours": d.yours, "current": d.current}
            for d in self.differences
        ]
        return f"{text} " + "; ".join(lines) + "."

    def as_data(self) -> dict[str, Any]:
        """The API's answer: the message, the version to send next and the differences."""
        return {
            "detail": self.message,
            "code": self.code,
            "version": self.current_version,
            "changes": [
                {"field": d.field, "yours": d.yours, "current": d.current} for d in self.differences
            ],
        }


def _shown(field: models.Field[Any, Any], value: Any) -> str:
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date):
        return date_format(value, "d/m/Y")
    return str(value)


def differences(record: models.Model, submitted: Mapping[str, Any]) -> list[Difference]:
    """The submitted values that are not what the record now holds."""
    found = []
    for name, value in submitted.items():
        field = record._meta.get_field(name)
        current = getattr(record, name)
        if isinstance(value, str) and isinstance(current, str):
            same = value.strip() == current.strip()
        else:
            same = value == current
        if not same:
            found.append(
                Difference(
                    field=name,
                    field_label=str(field.verbose_name),  # type: ignore[union-attr]
                    yours=_shown(field, value),  # type: ignore[arg-type]
                    current=_shown(field, current),  # type: ignore[arg-type]
                )
            )
    return found


def check_version(record: models.Model, expected: int | None, submitted: Mapping[str, Any]) -> None:
    """Refuse the edit when the record (read under a row lock) moved past `expected`.

    `expected=None` is for callers that edit without a form (the demo story, scripts).
    """
    if expected is not None and expected != record.version:  # type: ignore[attr-defined]
        raise StaleEdit(record=record, differences=differences(record, submitted))


def count_edit(record: models.Model) -> None:
    """The record is about to be saved with an edit: the next editor must have read this one."""
    record.version += 1  # type: ignore[attr-defined]
