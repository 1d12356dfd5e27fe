"""Reads about programmes: which a user sees, which units implement them, the committee on a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from vinhdanh.orgs.domain.queries.rollup import path_ids
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import RoleAssignment, Unit
from vinhdanh.orgs.models.units import UnitQuerySet
from vinhdanh.programmes.models import (
    Committee,
    CommitteeDecision,
    CommitteeMembership,
    Programme,
)
from vinhdanh.programmes.periods import Period


def visible_programmes(user: Any) -> QuerySet[Programme]:
    """Programmes owned by the user's units, and those their units (or units above) implement."""
    scope = unit_scope(user)
    programmes = Programme.objects.select_related("owner_unit", "implementing_root")
    if scope.everything:
        return programmes
    if scope.is_empty:
        return programmes.none()
    paths = list(scope.subtree_paths) + list(
        Unit.objects.filter(pk__in=scope.exact_ids).values_list("path", flat=True)
    )
    above: set[int] = set()
    for path in paths:
        above.update(path_ids(path))
    return programmes.filter(
        scope.q("owner_unit") | Q(implementing_root_id__in=above) | scope.q("implementing_root")
    ).distinct()


def implementing_units(programme: Programme, *, day: dt.date | None = None) -> UnitQuerySet:
    """The units that report, valid on `day` (default: the day the programme's subtree is taken)."""
    units = Unit.objects.valid_on(day or programme.units_as_of).filter(
        path__startswith=programme.implementing_root.path
    )
    if programme.reporting_levels:
        return units.filter(level__in=programme.reporting_levels)
    return units.exclude(pk=programme.implementing_root_id)


def reporters_for_period(programme: Programme, period: Period) -> UnitQuerySet:
    """The units expected to report for a period: those implementing on its last day."""
    return implementing_units(programme, day=min(period.end, programme.ends_on))


def implements_during(programme: Programme, unit: Unit, start: dt.date, end: dt.date) -> bool:
    """Is `unit` one of the programme's reporting units at some day in [start, end]?"""
    if not unit.path.startswith(programme.implementing_root.path):
        return False
    if programme.reporting_levels:
        if unit.level not in programme.reporting_levels:
            return False
    elif unit.pk == programme.implementing_root_id:
        return False
    return unit.valid_from <= end and (unit.valid_to is None or unit.valid_to >= start)


def committee_as_of(committee: Committee, day: dt.date) -> list[CommitteeMembership]:
    """Who sat on the committee on `day`, head first."""
    order = {"head": 0, "deputy": 1, "member": 2, "secretary": 3}
    members = committee.memberships.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    return sorted(members.select_related("appointed_by"), key=lambda m: (order[m.role], m.pk))


def managed_programmes(user: Any) -> QuerySet[Programme]:
    """The programmes whose owner unit's office (or an administrator) the user is."""
    from vinhdanh.programmes.rules import MANAGERS

    scopes = [unit_scope(user, cap) for cap in MANAGERS]
    programmes = Programme.objects.all()
    if any(s.everything for s in scopes):
        return programmes
    query = Q(pk__in=[])
    for scope in scopes:
        if not scope.is_empty:
            query |= scope.q("owner_unit")
    return programmes.filter(query)


def committee_decisions(programme: Programme) -> QuerySet[CommitteeDecision]:
    """The decisions of a programme's committees: another programme's read as absent."""
    return CommitteeDecision.objects.select_related("committee", "committee__unit").filter(
        committee__programme=programme
    )


def owner_units(user: Any) -> UnitQuerySet:
    """Units whose programmes the user may run: their own office (or administrator) units."""
    if getattr(user, "is_superuser", False):
        return Unit.objects.filter(
            valid_to__isnull=True,
            level__in=[UnitLevel.PROVINCE, UnitLevel.DEPARTMENT, UnitLevel.DISTRICT],
        ).order_by("path")
    roles = RoleAssignment.objects.filter(user=user, unit__valid_to__isnull=True).filter(
        Q(is_emulation_office=True) | Q(is_admin=True)
    )
    return Unit.objects.filter(pk__in=roles.values("unit_id")).order_by("path")


def root_units(scopes: list[UnitScope]) -> UnitQuerySet:
    """Units a programme may cover (no villages), within the managers' scopes given."""
    units = Unit.objects.filter(valid_to__isnull=True).exclude(level=UnitLevel.VILLAGE)
    if any(s.everything for s in scopes):
        return units.order_by("path")
    return units.filter(scopes[0].q() | scopes[1].q()).order_by("path")
