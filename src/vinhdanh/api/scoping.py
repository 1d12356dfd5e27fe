"""What an API caller may read: every queryset of the API starts here.

The scope is the set of units the caller's roles reach (`unit_scope`, any capability). Lists
and details both filter through these functions, so an object outside the scope is missing
from lists and answers 404 on its detail URL.

The web UI has its own selectors in `*/domain/queries/`; these mirror the same rules for the
API and may be folded into them once both settle.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.orgs.models import Unit
from vinhdanh.people.domain.queries import visibility as people_visibility
from vinhdanh.people.domain.queries.visibility import own_person_q
from vinhdanh.people.models import Person


def scope_of(user: Any) -> UnitScope:
    return unit_scope(user)


def visible_units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_of(user).q())


def visible_people(user: Any) -> QuerySet[Person]:
    """People in scope and the caller's own person: the rule of the people domain."""
    return people_visibility.visible_people(user)


def _award_q(scope: UnitScope, prefix: str = "", user: Any = None) -> Q:
    """Awards whose person's current unit, or whose collective, is in scope; and the caller's
    own awards."""
    query = scope.q(f"{prefix}person__current_unit") | scope.q(f"{prefix}unit")
    if user is not None:
        query |= own_person_q(user, f"{prefix}person")
    return query


def visible_awards(user: Any) -> QuerySet[Award]:
    scope = scope_of(user)
    awards = Award.objects.all()
    if scope.everything:
        return awards
    return awards.filter(_award_q(scope, user=user))


def visible_decisions(user: Any) -> QuerySet[Decision]:
    """Decisions issued by a unit in scope, or awarding someone in scope (no duplicates)."""
    scope = scope_of(user)
    decisions = Decision.objects.all()
    if scope.everything:
        return decisions
    awarding_in_scope = Award.objects.filter(decision=OuterRef("pk")).filter(
        _award_q(scope, user=user)
    )
    return decisions.filter(scope.q("issuing_unit") | Q(Exists(awarding_in_scope)))


def award_kinds() -> QuerySet[AwardKind]:
    """The catalogue is public to every signed-in user."""
    return AwardKind.objects.all()
