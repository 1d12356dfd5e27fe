"""Reads about councils: who sits on them, their quorum, thresholds and recusals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from vinhdanh.councils.domain.arithmetic import DenominatorKind, Threshold
from vinhdanh.councils.enums import CouncilRole, DenominatorType, SessionStatus
from vinhdanh.councils.models import (
    AgendaItem,
    Attendance,
    BallotCast,
    Council,
    CouncilMember,
    CouncilQuorum,
    CouncilSession,
    Recusal,
)
from vinhdanh.councils.models.councils import valid_on_q
from vinhdanh.eligibility.core import VoteRule
from vinhdanh.eligibility.core.messages import cite_text
from vinhdanh.eligibility.domain.queries.parameters import vote_rule_for
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import RoleAssignment
from vinhdanh.people.domain.queries.visibility import NOTHING

DEFAULT_QUORUM = Fraction(2, 3)


# --- members -----------------------------------------------------------------------------


def members_on(council: Council, day: dt.date) -> list[CouncilMember]:
    """The members of a council on a day (chair first)."""
    order = {role: i for i, role in enumerate(CouncilRole.values)}
    members = (
        CouncilMember.objects.filter(council=council)
        .filter(valid_on_q(day))
        .select_related("user", "person", "person__current_unit", "unit")
    )
    return sorted(members, key=lambda m: (order.get(m.role, 99), m.display_name, m.pk))


def visible_members(user: Any) -> QuerySet[CouncilMember]:
    """Memberships of the councils the user may see, with their council and names."""
    return CouncilMember.objects.filter(council__in=visible_councils(user)).select_related(
        "council", "person", "user"
    )


def sessions_recording(member: CouncilMember, *, after: dt.date) -> QuerySet[CouncilSession]:
    """The council's sessions after a day that record the member: present, recused or voting."""
    recorded = (
        Q(pk__in=Attendance.objects.filter(member=member).values("session_id"))
        | Q(pk__in=Recusal.objects.filter(member=member).values("session_id"))
        | Q(pk__in=BallotCast.objects.filter(member=member).values("session_id"))
    )
    return CouncilSession.objects.filter(
        recorded, council_id=member.council_id, date__gt=after
    ).order_by("date", "id")


def member_for(session: CouncilSession, user: Any) -> CouncilMember | None:
    """The user's membership of the session's council on the session date."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        CouncilMember.objects.filter(council_id=session.council_id, user=user)
        .filter(valid_on_q(session.date))
        .select_related("person", "user")
        .first()
    )


def member_units(member: CouncilMember) -> set[int]:
    """The member's own units: the unit they represent, their person's current unit, and the
    units where they hold a working role (clerk, head, office, decider, admin).

    A role that is *only* council membership does not count: it is held in the council's
    unit by construction and says nothing about where the member works.
    """
    units: set[int] = set()
    if member.unit_id is not None:
        units.add(member.unit_id)
    person = member.person
    if person is None:
        person = getattr(member.user, "person", None)
    if person is not None and person.current_unit_id is not None:
        units.add(person.current_unit_id)
    working = (
        Q(is_clerk=True)
        | Q(is_head=True)
        | Q(is_emulation_office=True)
        | Q(is_decider=True)
        | Q(is_admin=True)
    )
    units.update(
        RoleAssignment.objects.filter(user_id=member.user_id)
        .filter(working)
        .values_list("unit_id", flat=True)
    )
    return units


def _member_person_id(member: CouncilMember) -> int | None:
    if member.person_id is not None:
        return member.person_id
    person = getattr(member.user, "person", None)
    return person.pk if person is not None else None


@dataclass(frozen=True)
class ProposedRecusal:
    member: CouncilMember
    nomination_id: int
    reason: str


def automatic_recusals(session: CouncilSession) -> list[ProposedRecusal]:
    """Members who must not vote on a nomination: the nominee, or a member of the nominated
    collective (their own unit)."""
    items = list(
        AgendaItem.objects.filter(session=session).select_related(
            "nomination", "nomination__person", "nomination__unit"
        )
    )
    found: list[ProposedRecusal] = []
    for member in members_on(session.council, session.date):
        person_id = _member_person_id(member)
        units = member_units(member)
        for item in items:
            nomination = item.nomination
            nominee = nomination.person
            if nominee is not None:
                if nominee.pk == person_id or (
                    nominee.user_id is not None and nominee.user_id == member.user_id
                ):
                    found.append(
                        ProposedRecusal(member, nomination.pk, _("The member is the nominee."))
                    )
            elif nomination.unit_id is not None and nomination.unit_id in units:
                found.append(
                    ProposedRecusal(
                        member, nomination.pk, _("The nominated collective is the member's unit.")
                    )
                )
    return found


def recused_pairs(session: CouncilSession) -> set[tuple[int, int]]:
    """(member id, nomination id) of every recusal of the session, stored or automatic."""
    pairs = set(Recusal.objects.filter(session=session).values_list("member_id", "nomination_id"))
    if session.status == SessionStatus.PLANNED:
        pairs |= {(r.member.pk, r.nomination_id) for r in automatic_recusals(session)}
    return pairs


# --- quorum and thresholds -----------------------------------------------------------------


def quorum_on(council: Council, day: dt.date) -> Fraction:
    row = (
        CouncilQuorum.objects.filter(council=council, valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )
    if row is None:
        return DEFAULT_QUORUM
    return Fraction(row.numerator, row.denominator)


@dataclass(frozen=True)
class ThresholdSpec:
    """The rule that applies to one nomination in one session."""

    threshold: Threshold
    quorum: Fraction
    method: str  # "" = the session's method
    rule: VoteRule


def _denominator_kind(value: str) -> DenominatorKind:
    if value == DenominatorType.TOTAL_MEMBERS:
        return "total_members"
    return "present_members"


def threshold_for(*, council: Council, award_code: str, day: dt.date) -> ThresholdSpec:
    """The vote rule in force on the session date for the council's unit (R-VOTE-1/2): the
    engine's `vote_rules` parameter, the one source the eligibility engine reads too. The
    rule's quorum, when it has one, replaces the council's own."""
    rule = vote_rule_for(day, council.unit, award_code.upper())
    quorum = rule.quorum if rule.quorum is not None else quorum_on(council, day)
    threshold = Threshold(
        rule.threshold.numerator,
        rule.threshold.denominator,
        rule.inclusive,
        _denominator_kind(rule.denominator),
    )
    return ThresholdSpec(threshold, quorum, rule.method, rule)


def citation_of(rule: VoteRule, lang: str = "vi") -> str:
    """The rule id and legal basis of a vote rule, as the minutes (in Vietnamese) print it."""
    cite = cite_text(rule.cite, lang)
    return cite if rule.rule in cite else f"{rule.rule}: {cite}"


# --- visibility ----------------------------------------------------------------------------


# Who reads a council and its sessions besides its members: these roles over its unit.
READERS = (Capability.OFFICE, Capability.DECIDER, Capability.HEAD)


def _readers_q(user: Any, prefix: str = "") -> Q:
    query = NOTHING
    for capability in READERS:
        scope = unit_scope(user, capability)
        if not scope.is_empty:
            query |= scope.q(f"{prefix}unit")
    return query


def visible_councils(user: Any) -> QuerySet[Council]:
    """Councils the user reads (`councils.view_council`): the office, decider or head over the
    council's unit, and today's members. Pages, lists and the API all start here."""
    councils = Council.objects.select_related("unit")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return councils.none()
    if user.is_superuser:
        return councils.all()
    today = CouncilMember.objects.filter(user=user).filter(valid_on_q(dt.date.today()))
    return councils.filter(_readers_q(user) | Q(pk__in=today.values("council_id")))


def visible_sessions(user: Any) -> QuerySet[CouncilSession]:
    """Sessions the user reads (`councils.view_session`): the same readers, and the members of
    the council on the session's day."""
    sessions = CouncilSession.objects.select_related("council", "council__unit")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return sessions.none()
    if user.is_superuser:
        return sessions.all()
    on_the_day = CouncilMember.objects.filter(user=user, council=OuterRef("council_id")).filter(
        (Q(valid_from__isnull=True) | Q(valid_from__lte=OuterRef("date")))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("date")))
    )
    return sessions.filter(_readers_q(user, "council__") | Q(Exists(on_the_day)))
