"""Changing the parameters the law leaves to ministries and provinces."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.orgs.models import Unit


@transaction.atomic
def set_parameter(
    *,
    key: str,
    value: Any,
    unit: Unit | None,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    legal_basis: str = "",
    note: str = "",
) -> ParameterValue:
    """A new value in force from `valid_from`; the previous open value of the same key and
    jurisdiction ends the day before, so history stays and decisions already taken keep the
    value they were taken under. Raises ValidationError on a bad key or value."""
    previous = ParameterValue.objects.select_for_update().filter(
        key=key, unit=unit, valid_to__isnull=True, valid_from__lt=valid_from
    )
    row = ParameterValue(
        key=key,
        value=value,
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
        legal_basis=legal_basis,
        note=note,
    )
    row.full_clean()
    for old in previous:
        old.valid_to = valid_from - dt.timedelta(days=1)
        old.save()
    row.save()
    return row
