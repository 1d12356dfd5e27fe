"""Parameters in force on a date for a jurisdiction: regime defaults + the office's rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from vinhdanh.eligibility.core import Parameters, VoteRule, regimes
from vinhdanh.eligibility.core.parameters import GENERAL, national_defaults
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.models import Unit


def _in_force(on: dt.date, unit: Unit | None) -> list[ParameterValue]:
    """The latest row of each key and jurisdiction in force on `on`, least specific first."""
    ancestor_ids = [int(p) for p in unit.path.strip("/").split("/") if p] if unit else []
    rows = (
        ParameterValue.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .filter(Q(unit__isnull=True) | Q(unit_id__in=ancestor_ids))
        .select_related("unit")
    )
    latest: dict[tuple[str, int | None], ParameterValue] = {}
    for row in rows:
        key = (row.key, row.unit_id)
        if key not in latest or (row.valid_from, row.pk) > (latest[key].valid_from, latest[key].pk):
            latest[key] = row
    return sorted(latest.values(), key=lambda r: (r.unit.depth if r.unit else -1, r.valid_from))


def overlay_rows(on: dt.date, unit: Unit | None = None) -> list[ParameterValue]:
    """The rows that decide each key: the most specific jurisdiction, then the latest start."""
    best: dict[str, ParameterValue] = {}
    for row in _in_force(on, unit):
        best[row.key] = row  # least specific first: the last one wins
    return list(best.values())


def parameters_for(on: dt.date, unit: Unit | None = None) -> Parameters:
    """Regime defaults, then each jurisdiction's rows from the widest to the unit's own.

    A scalar is decided by the most specific row; a mapping (vote rules, posting days, …) is
    merged entry by entry, so a province's rule for one code keeps the national ones.
    """
    regime = regimes.select(on)
    params = regime.default_parameters(on)
    for row in _in_force(on, unit):
        params = params.with_overlay(
            {row.key: row.value}, jurisdiction=row.unit.name if row.unit else None
        )
    return params


def vote_rule_for(on: dt.date, unit: Unit | None, code: str) -> VoteRule:
    """The council vote rule for an award code (R-VOTE-1/2): the one source read by the
    engine's council check and by the councils' tally. Before any regime, national law."""
    try:
        params = parameters_for(on, unit)
    except regimes.RegimeError:
        params = national_defaults()
    rule = params.vote_rule(code) or national_defaults().vote_rule(GENERAL)
    assert rule is not None  # the national defaults always carry the general rule
    return rule


def vote_rules_in_force(on: dt.date, unit: Unit | None) -> list[VoteRule]:
    """Every vote rule in force for a jurisdiction, the general one last."""
    try:
        params = parameters_for(on, unit)
    except regimes.RegimeError:
        params = national_defaults()
    return sorted(params.vote_rules, key=lambda r: (r.code == GENERAL, r.code))


def overlay_value(key: str, on: dt.date, unit: Unit | None) -> Any:
    """The value of the jurisdiction's own row of a key in force on `on` (None if none)."""
    row = (
        ParameterValue.objects.filter(key=key, unit=unit, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from", "-pk")
        .first()
    )
    return row.value if row is not None else None


def office_rows(scope: UnitScope) -> list[ParameterValue]:
    """Every row an office may read on the parameters page: its units' and the national ones."""
    return list(
        ParameterValue.objects.filter(scope.q("unit") | Q(unit__isnull=True)).select_related("unit")
    )


def vote_rule_history(unit_ids: set[int]) -> list[ParameterValue]:
    """Every vote-rule row, national and of the given units, newest first per jurisdiction."""
    return list(
        ParameterValue.objects.filter(key="vote_rules")
        .filter(Q(unit__isnull=True) | Q(unit_id__in=unit_ids))
        .select_related("unit")
        .order_by("unit__path", "-valid_from", "-pk")
    )
