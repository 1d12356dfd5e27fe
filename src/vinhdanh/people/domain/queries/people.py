"""Reads about people within the people app: names as search terms, the posts of a unit.

Who a user may see is `people.domain.queries.visibility`; the people list filtered by the
awards held and a person's whole record (with awards) are read above awards, in
`awards.domain.queries.people` (people rank below awards and never import them).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from vinhdanh.common.text import search_key
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person, Post


def name_terms(query: str) -> list[str]:
    """'Nguyễn Thị Hồng', 'nguyen thi hong' and decomposed (NFD) input give the same terms."""
    return search_key(query).split()


def unit_people(unit: Unit, *, on: dt.date) -> QuerySet[Post]:
    """The posts held in a unit on a day (concurrent posts included), people in Vietnamese order."""
    return (
        Post.objects.filter(unit=unit, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("person")
        .order_by("person__sort_key", "person_id", "is_concurrent")
    )


def people_under(unit: Unit, scope: UnitScope | None = None) -> QuerySet[Person]:
    """The people whose current unit is `unit` or below it, within `scope` when given.

    By the subtree's unit ids, read first: a path pattern joined to the units hides from
    PostgreSQL's planner how few people a commune has (a few thousand of a million), and it
    then reads every person; with the ids it takes the index on the current unit."""
    units = list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    people = Person.objects.filter(current_unit_id__in=units)
    return people.filter(scope.q("current_unit")) if scope is not None else people


def person_by_code(code: str, under: Unit) -> Person | None:
    """The person with a staff code working in `under` or below (None: nobody there has it)."""
    return Person.objects.filter(code=code, current_unit__path__startswith=under.path).first()
