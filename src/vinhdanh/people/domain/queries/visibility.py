"""Who may see which person: the one rule behind pages, exports, the API and the predicates.

A person is visible to a user whose roles reach the person's current unit (sub-units included
where the role says so), and always to the person themselves when a user account is linked to
them (`Person.user`): a staff member reads their own record, and nobody else's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.people.models import Person

NOTHING = Q(pk__in=[])


def own_person_q(user: Any, person_field: str = "") -> Q:
    """The person linked to the user ('' = a Person query, else the path to the person)."""
    if not _signed_in(user):
        return NOTHING
    prefix = f"{person_field}__" if person_field else ""
    return Q(**{f"{prefix}user_id": user.pk})


def people_q(user: Any, person_field: str = "") -> Q:
    """People in the user's units, and the user's own person (Q() = everyone: a superuser)."""
    if not _signed_in(user):
        return NOTHING
    scope = unit_scope(user)
    if scope.everything:
        return Q()  # careful: Q() | x would be x, so "everyone" is returned on its own
    prefix = f"{person_field}__" if person_field else ""
    return scope.q(f"{prefix}current_unit") | own_person_q(user, person_field)


def visible_people(user: Any) -> QuerySet[Person]:
    """Every list, page, export and API answer about people starts here."""
    return Person.objects.filter(people_q(user))


def is_own_person(user: Any, person: Person | None) -> bool:
    return (
        person is not None
        and _signed_in(user)
        and person.user_id is not None
        and person.user_id == user.pk
    )


def may_view_person(user: Any, person: Person) -> bool:
    """The same rule as `visible_people`, for one person already read."""
    if not _signed_in(user):
        return False
    return is_own_person(user, person) or unit_scope(user).contains(person.current_unit)


def own_person(user: Any) -> Person | None:
    """The person linked to the user, if any (read once per request object)."""
    if not _signed_in(user):
        return None
    if not hasattr(user, "_vinhdanh_own_person"):
        user._vinhdanh_own_person = (
            Person.objects.filter(user_id=user.pk).select_related("current_unit").first()
        )
    person: Person | None = user._vinhdanh_own_person
    return person


def _signed_in(user: Any) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
    )
