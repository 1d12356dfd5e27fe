"""Parameters in force on a date for a jurisdiction: regime defaults + the office's rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from vinhdanh.eligibility.core import Parameters, regimes
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.orgs.models import Unit


def overlay_rows(on: dt.date, unit: Unit | None = None) -> list[ParameterValue]:
    """The rows that decide each key: the most specific jurisdiction, then the latest start."""
    ancestor_ids = [int(p) for p in unit.path.strip("/").split("/") if p] if unit else []
    rows = (
        ParameterValue.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .filter(Q(unit__isnull=True) | Q(unit_id__in=ancestor_ids))
        .select_related("unit")
    )
    best: dict[str, tuple[tuple[int, dt.date], ParameterValue]] = {}
    for row in rows:
        rank = (row.unit.depth if row.unit else -1, row.valid_from)
        if row.key not in best or rank > best[row.key][0]:
            best[row.key] = (rank, row)
    return [row for _, row in best.values()]


def parameters_for(on: dt.date, unit: Unit | None = None) -> Parameters:
    regime = regimes.select(on)
    params = regime.default_parameters(on)
    rows = overlay_rows(on, unit)
    if not rows:
        return params
    overlay: dict[str, Any] = {row.key: row.value for row in rows}
    jurisdiction = next((row.unit.name for row in rows if row.unit), None)
    return params.with_overlay(overlay, jurisdiction=jurisdiction)
