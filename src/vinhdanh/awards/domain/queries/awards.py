"""Reads about awards: which ones a user may see, and a subject's awards with their decisions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from vinhdanh.awards.models import Award, Decision
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.orgs.models import Unit
from vinhdanh.people.domain.queries.visibility import own_person_q
from vinhdanh.people.models import Person

_AWARD_RELATED = (
    "kind",
    "decision",
    "decision__issuing_unit",
    "revoked_by",
    "person",
    "unit",
)


def units_in(scope: UnitScope) -> QuerySet[Unit, Any]:
    """The ids of the units in a scope, as a subquery (one indexed prefix scan on `path`)."""
    return Unit.objects.filter(scope.q()).values("pk")


def people_in(scope: UnitScope) -> QuerySet[Person, Any]:
    """The ids of the people whose current unit is in a scope, as a subquery."""
    return Person.objects.filter(current_unit__in=units_in(scope)).values("pk")


def awards_to_people_in(scope: UnitScope) -> QuerySet[Award]:
    if scope.everything:
        return Award.objects.filter(person__isnull=False)
    return Award.objects.filter(person__in=people_in(scope))


def awards_to_units_in(scope: UnitScope) -> QuerySet[Award]:
    if scope.everything:
        return Award.objects.filter(unit__isnull=False)
    return Award.objects.filter(unit__in=units_in(scope))


def visible_awards(user: Any) -> QuerySet[Award]:
    """Awards whose subject is in scope: a person whose current unit is in it, or a unit in it.

    Written as IN-subqueries (units by path → people by unit → awards by person), so the
    database walks indexes from the small scope instead of joining every award.
    """
    scope = unit_scope(user)
    if scope.everything:
        return Award.objects.all()
    own = own_person_q(user, "person")  # a staff member sees their own awards
    if scope.is_empty:
        return Award.objects.filter(own)
    return Award.objects.filter(Q(person__in=people_in(scope)) | Q(unit__in=units_in(scope)) | own)


def count_visible_awards(user: Any, **filters: Any) -> int:
    """The same set as `visible_awards`, counted as indexed parts (person XOR unit; the user's
    own awards when their person is outside their units)."""
    scope = unit_scope(user)
    own = Award.objects.filter(own_person_q(user, "person"))
    if scope.is_empty:
        return own.filter(**filters).count()
    count = (
        awards_to_people_in(scope).filter(**filters).count()
        + awards_to_units_in(scope).filter(**filters).count()
    )
    if not _own_person_in(scope, user):
        count += own.filter(**filters).count()
    return count


def _own_person_in(scope: UnitScope, user: Any) -> bool:
    # Asked of the one person in Python: excluding the scope's people in SQL reads them all.
    person = Person.objects.filter(own_person_q(user)).select_related("current_unit").first()
    return person is None or scope.contains(person.current_unit)


def person_awards(person: Person) -> QuerySet[Award]:
    """Every award of a person, revoked ones included, newest decision first."""
    return (
        Award.objects.filter(person=person)
        .select_related(*_AWARD_RELATED)
        .order_by("-decision__signed_on", "-period", "-id")
    )


def unit_awards(unit: Unit) -> QuerySet[Award]:
    """The collective awards of a unit, revoked ones included, newest decision first."""
    return (
        Award.objects.filter(unit=unit)
        .select_related(*_AWARD_RELATED)
        .order_by("-decision__signed_on", "-period", "-id")
    )


def standing_awards(decision: Decision) -> QuerySet[Award]:
    """A decision's awards not yet revoked: what a revocation may still take back."""
    return (
        Award.objects.filter(decision=decision, revoked_by__isnull=True)
        .select_related("kind", "person", "unit")
        .order_by("id")
    )


def decision_awards(decision: Decision) -> QuerySet[Award]:
    """Every award of a decision, revoked ones included (the domain says why it refuses)."""
    return Award.objects.filter(decision=decision)
