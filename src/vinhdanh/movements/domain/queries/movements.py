"""Reads about movements and registrations, filtered by what the user's roles reach."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from vinhdanh.awards.models import AwardKind
from vinhdanh.movements.models import Movement, MovementDocument, Registration
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person


def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def _ancestor_ids(scope: UnitScope) -> set[int]:
    """Every unit on the way from the root to a unit of the scope (launchers above the user)."""
    ids: set[int] = set()
    for path in scope.subtree_paths:
        ids.update(_path_ids(path))
    if scope.exact_ids:
        for path in Unit.objects.filter(pk__in=scope.exact_ids).values_list("path", flat=True):
            ids.update(_path_ids(path))
    return ids


def visible_movements(user: Any) -> QuerySet[Movement]:
    """Movements of the user's units, of the units under them, and of the units above them."""
    scope = unit_scope(user)
    movements = Movement.objects.select_related("launched_by")
    if scope.everything:
        return movements
    if scope.is_empty:
        return movements.none()
    return movements.filter(scope.q("launched_by") | Q(launched_by_id__in=_ancestor_ids(scope)))


def movements_for_unit(unit: Unit) -> QuerySet[Movement]:
    """The movements a unit may register in: launched by the unit itself or a unit above it."""
    return Movement.objects.filter(launched_by_id__in=_path_ids(unit.path)).select_related(
        "launched_by"
    )


def movement_registrations(movement: Movement, *, user: Any) -> QuerySet[Registration]:
    """Registrations in a movement that the user's scope reaches (the launcher sees them all)."""
    scope = unit_scope(user)
    qs = (
        Registration.objects.filter(movement=movement)
        .select_related("person", "unit", "registering_unit")
        .prefetch_related(
            Prefetch("target_kinds", queryset=AwardKind.objects.order_by("sort_order"))
        )
    )
    if scope.everything or scope.contains(movement.launched_by):
        return qs
    return qs.filter(scope.q("registering_unit"))


def registrations_for_subject(
    *, person: Person | None = None, unit: Unit | None = None, year: int | None = None
) -> QuerySet[Registration]:
    """A subject's registrations still in force (for the nomination step), newest first."""
    qs = Registration.objects.filter(withdrawn_on__isnull=True)
    if person is not None:
        qs = qs.filter(person=person)
    elif unit is not None:
        qs = qs.filter(unit=unit)
    else:
        return qs.none()
    if year is not None:
        qs = qs.filter(year=year)
    return (
        qs.select_related("movement", "movement__launched_by")
        .prefetch_related("target_kinds")
        .order_by("-registered_on", "-id")
    )


def registered_kind_ids(
    *, person_ids: list[int], unit_ids: list[int], year: int
) -> dict[tuple[str, int], set[int]]:
    """For a list of subjects: which award kinds each registered for in a year (one query)."""
    through = Registration.target_kinds.through
    rows = through.objects.filter(
        Q(registration__person_id__in=person_ids) | Q(registration__unit_id__in=unit_ids),
        registration__year=year,
        registration__withdrawn_on__isnull=True,
    ).values_list("registration__person_id", "registration__unit_id", "awardkind_id")
    result: dict[tuple[str, int], set[int]] = {}
    for person_id, unit_id, kind_id in rows:
        key = ("person", person_id) if person_id is not None else ("unit", unit_id)
        result.setdefault(key, set()).add(kind_id)
    return result


def registrable_kinds(movement: Movement) -> QuerySet[AwardKind]:
    """The titles one may aim for in a movement: those it names, or the whole catalogue."""
    kinds = movement.target_kinds.filter(is_active=True)
    if not kinds.exists():
        kinds = AwardKind.objects.filter(is_active=True)
    return kinds.order_by("sort_order", "code")


def visible_documents(user: Any) -> QuerySet[MovementDocument]:
    """Documents of the movements the user may see: any other reads as absent."""
    return MovementDocument.objects.filter(movement__in=visible_movements(user))


def visible_registrations(user: Any) -> QuerySet[Registration]:
    """Registrations in the movements the user may see: any other reads as absent."""
    return Registration.objects.filter(movement__in=visible_movements(user))
