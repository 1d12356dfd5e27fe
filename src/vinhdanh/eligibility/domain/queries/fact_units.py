"""Where a fact lives: the units whose candidate lists a changed row can change.

A row about a person (a rating, an award, a post, a discipline …) is a fact of the person's
current unit and of every unit above it; common/freshness.py renews those units' tokens, and
the lists of the other units stay cached. None means "cannot say": the global token renews.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vinhdanh.people.models import Initiative, Person


def _unit_of_person(person_id: int | None) -> int | None:
    if person_id is None:
        return None
    return Person.objects.filter(pk=person_id).values_list("current_unit_id", flat=True).first()


def of_person(person: Person) -> Iterable[int | None]:
    return [person.current_unit_id]


def of_persons_row(row: Any) -> Iterable[int | None]:
    """A rating, a leave, a discipline: the person's unit."""
    return [_unit_of_person(row.person_id)]


def of_post(post: Any) -> Iterable[int | None]:
    """A post: the unit it is in (a collective's members) and the person's current unit."""
    return [post.unit_id, _unit_of_person(post.person_id)]


def of_subject(row: Any) -> Iterable[int | None]:
    """An award, a pending review, a nomination: its person's unit, or the unit it is of."""
    if row.person_id is not None:
        return [_unit_of_person(row.person_id)]
    return [row.unit_id]


def of_units_row(row: Any) -> Iterable[int | None]:
    """A collective's rating."""
    return [row.unit_id]


def of_initiative(initiative: Initiative) -> Iterable[int | None]:
    """An initiative: its authors' units (links added or removed renew the global token)."""
    if initiative.pk is None:
        return [None]
    return list(initiative.authors.values_list("current_unit_id", flat=True))
