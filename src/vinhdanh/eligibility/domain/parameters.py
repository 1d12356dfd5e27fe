"""Changing the parameters the law leaves to ministries and provinces."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from vinhdanh.eligibility.core import VoteRule
from vinhdanh.eligibility.domain.queries.parameters import overlay_value
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


@transaction.atomic
def set_vote_rule(
    *,
    rule: VoteRule,
    unit: Unit | None,
    valid_from: dt.date,
    legal_basis: str = "",
    note: str = "",
) -> ParameterValue:
    """A council vote rule (R-VOTE-1/2) for one award code (or '*') in force from a date.

    Stored as a new version of the jurisdiction's `vote_rules` parameter that keeps its other
    codes: the engine's council check and the councils' tally then read it alike.
    """
    current = overlay_value("vote_rules", valid_from, unit) or {}
    value = {**current, rule.code: rule.to_overlay()}
    return set_parameter(
        key="vote_rules",
        value=value,
        unit=unit,
        valid_from=valid_from,
        legal_basis=legal_basis,
        note=note,
    )
