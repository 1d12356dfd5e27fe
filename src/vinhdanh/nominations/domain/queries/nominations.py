"""Reads of rounds and nominations: every list starts from what the user's roles reach.

A round (and its nominations) is visible to whoever holds a role over its nominating unit or
its deciding unit, sub-units included where the role says so: each level sees its own dossiers
and those of the units under it, nothing else. Out of scope is "not found", never "forbidden".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from vinhdanh.movements.domain.queries.movements import registered_kind_ids
from vinhdanh.nominations.enums import ACTIVE_STATES, NominationState, RoundStatus
from vinhdanh.nominations.models import Attachment, Nomination, NominationEvent, Round
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope

_NOMINATION_RELATED = (
    "round",
    "round__owning_unit",
    "round__decider_unit",
    "kind",
    "person",
    "person__current_unit",
    "unit",
    "decision",
    "award",
    "override_by",
)


def round_scope_q(scope: UnitScope, prefix: str = "") -> Q:
    return scope.q(f"{prefix}owning_unit") | scope.q(f"{prefix}decider_unit")


def visible_rounds(user: Any) -> QuerySet[Round]:
    scope = unit_scope(user)
    rounds = Round.objects.select_related("owning_unit", "decider_unit", "movement")
    if scope.everything:
        return rounds
    if scope.is_empty:
        return rounds.none()
    return rounds.filter(round_scope_q(scope))


def visible_nominations(user: Any) -> QuerySet[Nomination]:
    scope = unit_scope(user)
    nominations = Nomination.objects.select_related(*_NOMINATION_RELATED)
    if scope.everything:
        return nominations
    if scope.is_empty:
        return nominations.none()
    return nominations.filter(round_scope_q(scope, "round__"))


def rounds_with_counts(user: Any) -> QuerySet[Round]:
    return visible_rounds(user).annotate(
        n_total=Count("nominations"),
        n_draft=Count("nominations", filter=Q(nominations__state=NominationState.DRAFT)),
        n_open=Count(
            "nominations",
            filter=Q(
                nominations__state__in=[
                    NominationState.SUBMITTED,
                    NominationState.APPRAISED,
                    NominationState.RETURNED,
                    NominationState.VOTED,
                    NominationState.PROPOSED,
                ]
            ),
        ),
        n_decided=Count("nominations", filter=Q(nominations__state=NominationState.DECIDED)),
    )


def round_nominations(round_: Round) -> QuerySet[Nomination]:
    return round_.nominations.select_related(*_NOMINATION_RELATED).order_by(
        "kind__sort_order", "person__sort_key", "unit__name", "id"
    )


def history(nomination: Nomination) -> QuerySet[NominationEvent]:
    return nomination.events.select_related("actor").order_by("time", "id")


@dataclass(frozen=True)
class RegistrationMark:
    registered: bool
    any_registration: bool


def registration_marks(nominations: list[Nomination]) -> dict[int, RegistrationMark]:
    """Did each nominee register (đăng ký thi đua) for this kind in the nomination's year?"""
    marks: dict[int, RegistrationMark] = {}
    by_year: dict[int, list[Nomination]] = {}
    for n in nominations:
        by_year.setdefault(n.period, []).append(n)
    for year, items in by_year.items():
        kinds = registered_kind_ids(
            person_ids=[n.person_id for n in items if n.person_id],
            unit_ids=[n.unit_id for n in items if n.unit_id],
            year=year,
        )
        for n in items:
            key = ("person", n.person_id) if n.person_id else ("unit", n.unit_id or 0)
            registered = kinds.get(key, set())
            marks[n.pk] = RegistrationMark(n.kind_id in registered, bool(registered))
    return marks


def person_nominations(person: Any) -> QuerySet[Nomination]:
    """Every nomination of a person (their own record shows them), newest round first.

    Whoever may see the person sees this list; opening a nomination's page is still decided
    by `can_view` on its round.
    """
    return (
        Nomination.objects.filter(person=person)
        .select_related("round", "round__owning_unit", "round__decider_unit", "kind", "decision")
        .order_by("-round__year", "-id")
    )


NOMINEE_MATCHES = 20


def nominee_matches(round: Round, user: Any, query: str) -> tuple[list[Any], bool]:
    """People of the round's nominating unit whose name (or staff code) matches `query`,
    diacritics ignored ("nguyen thi hong" finds "Nguyễn Thị Hồng"), in Vietnamese order.

    Returns at most NOMINEE_MATCHES people and whether there were more.
    """
    from vinhdanh.awards.domain.queries.people import PeopleFilter, search_people
    from vinhdanh.people.domain.queries.people import name_terms

    if not name_terms(query):
        return [], False
    found = list(
        search_people(user=user, filters=PeopleFilter(query=query, unit=round.owning_unit))[
            : NOMINEE_MATCHES + 1
        ]
    )
    return found[:NOMINEE_MATCHES], len(found) > NOMINEE_MATCHES


@dataclass(frozen=True)
class OpenDossier:
    """A live dossier for a subject, title and period in a round still open for nominating;
    `may_open` says whether the reader reaches it (otherwise it is named, not linked)."""

    nomination: Nomination
    may_open: bool


def open_dossiers(
    user: Any,
    *,
    kind_code: str,
    period: int,
    people: Iterable[int] = (),
    units: Iterable[int] = (),
) -> dict[int, OpenDossier]:
    """Per person (or per collective) id: its dossier for the title and period in an open
    round, so a candidate list neither offers it again nor leaves the reader guessing why."""
    people, units = list(people), list(units)
    if not people and not units:
        return {}
    live = Nomination.objects.filter(
        kind__code=kind_code,
        period=period,
        state__in=ACTIVE_STATES,
        round__status=RoundStatus.OPEN,
    ).select_related("round")
    live = live.filter(person_id__in=people) if people else live.filter(unit_id__in=units)
    found = list(live.order_by("-pk"))
    reachable = set(
        visible_nominations(user).filter(pk__in=[n.pk for n in found]).values_list("pk", flat=True)
    )
    dossiers: dict[int, OpenDossier] = {}
    for n in found:
        subject = n.person_id if people else n.unit_id
        if subject is not None:
            dossiers.setdefault(subject, OpenDossier(n, n.pk in reachable))
    return dossiers


def visible_attachments(user: Any) -> QuerySet[Attachment]:
    """Attachments of the nominations the user may see: any other reads as absent."""
    return Attachment.objects.filter(nomination__in=visible_nominations(user)).select_related(
        "nomination"
    )
