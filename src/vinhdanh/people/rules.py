"""Permission predicates for people (the `rules` package), built on unit scopes."""

from __future__ import annotations

from typing import Any

from vinhdanh.orgs.rules import add_perm
from vinhdanh.people.domain.queries.visibility import may_view_person
from vinhdanh.people.models import Person


def can_view_person(user: Any, person: Person | None) -> bool:
    """The person's current unit is in the user's scope, or the person is the user themselves
    (the same rule as `visible_people`)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if person is None:
        return True
    return may_view_person(user, person)


add_perm("people.view_person", can_view_person)
