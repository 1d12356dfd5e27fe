"""Permission predicates for people (the `rules` package), built on unit scopes."""

from __future__ import annotations

from typing import Any

from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.rules import add_perm
from vinhdanh.people.models import Person


def can_view_person(user: Any, person: Person | None) -> bool:
    """The person's current unit is in the user's scope (the same rule as `visible_people`)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if person is None:
        return True
    return unit_scope(user).contains(person.current_unit)


add_perm("people.view_person", can_view_person)
