"""Reads about people with their awards: the searchable people list (filtered by the awards
held) and a person's whole record. They sit in awards because they read both people and
awards; people rank below awards (CONTRIBUTING.md, "Layers").

Scale: the list filters on the indexed `search_key` and sorts on the indexed `sort_key`
(Vietnamese order, given name first); "this unit and its sub-units" is a prefix match on the
unit's materialised `path`. Every list selects its related rows up front (no N+1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from vinhdanh.awards.domain.queries.awards import person_awards
from vinhdanh.awards.models import Award, AwardKind
from vinhdanh.orgs.models import Unit
from vinhdanh.people.domain.queries.people import name_terms
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.people.models import (
    Discipline,
    Initiative,
    Leave,
    PendingReview,
    Person,
    Post,
    TaskRating,
)


@dataclass(frozen=True)
class PeopleFilter:
    """What the people list is filtered by; every field optional."""

    query: str = ""
    unit: Unit | None = None
    include_subunits: bool = True
    award_kind: AwardKind | None = None
    award_year: int | None = None


def search_people(*, user: Any, filters: PeopleFilter) -> QuerySet[Person]:
    """The people list a user sees, filtered, in Vietnamese order (given name first).

    Each word of the query must start a word of the name or the staff code (the search key
    holds both, without diacritics and lower-cased), so "hong" finds Hồng but not Phong.
    """
    qs = visible_people(user)
    terms = name_terms(filters.query)
    for term in terms:
        qs = qs.filter(Q(search_key__startswith=term) | Q(search_key__contains=f" {term}"))
    if filters.unit is not None:
        if filters.include_subunits:
            qs = qs.filter(current_unit__path__startswith=filters.unit.path)
        else:
            qs = qs.filter(current_unit=filters.unit)
    if filters.award_kind is not None or filters.award_year is not None:
        held = Award.objects.filter(person=OuterRef("pk"), revoked_by__isnull=True)
        if filters.award_kind is not None:
            held = held.filter(kind=filters.award_kind)
        if filters.award_year is not None:
            held = held.filter(period=filters.award_year)
        qs = qs.filter(Exists(held))
    qs = qs.select_related("current_unit")
    if terms and connection.vendor != "postgresql":
        # People matching a name sit together in given-name order (all the Hồng in one stretch),
        # so walking the sort_key index from the start to find a rare name reads most of the
        # table; SQLite cannot tell a rare name from a common one, so it fetches the matches
        # and sorts them. PostgreSQL can (its statistics estimate each pattern, and the trigram
        # index of people 0003 serves "% hong%"): it fetches and sorts the few matches of a rare
        # name, and walks the index for a common one ("le", a tenth of a million people), where
        # the first page is found after a few hundred rows instead of sorting 100,000.
        return qs.order_by(Lower("sort_key"), "id")
    return qs.order_by("sort_key", "id")


@dataclass
class PersonHistory:
    """Everything a person's page shows, read in a fixed number of queries."""

    person: Person
    today: dt.date
    posts: list[Post]
    ratings: list[TaskRating]
    initiatives: list[Initiative]
    disciplines: list[Discipline]
    leaves: list[Leave]
    pending_reviews: list[PendingReview]
    awards: list[Award]
    current_posts: list[Post] = field(init=False)
    open_reviews: list[PendingReview] = field(init=False)

    def __post_init__(self) -> None:
        self.current_posts = [p for p in self.posts if p.covers(self.today)]
        self.open_reviews = [r for r in self.pending_reviews if r.closed is None]

    @property
    def active_awards(self) -> list[Award]:
        return [a for a in self.awards if not a.is_revoked]

    @property
    def revoked_awards(self) -> list[Award]:
        return [a for a in self.awards if a.is_revoked]


def person_history(person: Person, *, today: dt.date | None = None) -> PersonHistory:
    return PersonHistory(
        person=person,
        today=today or dt.date.today(),
        posts=list(
            person.posts.select_related("unit").order_by("-start_date", "is_concurrent", "-id")
        ),
        ratings=list(person.ratings.select_related("unit").order_by("-year")),
        initiatives=list(person.initiatives.order_by("-recognised_on", "-id")),
        disciplines=list(person.disciplines.order_by("-decision_date", "-id")),
        leaves=list(person.leaves.order_by("-start_date", "-id")),
        pending_reviews=list(person.pending_reviews.order_by("-opened", "-id")),
        awards=list(person_awards(person)),
    )
