"""What a session page shows: the agenda, attendance, recusals, and the reader's own ballot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from vinhdanh.councils.domain.queries.councils import (
    automatic_recusals,
    member_for,
    members_on,
)
from vinhdanh.councils.domain.queries.tally import VoteResult, session_results
from vinhdanh.councils.enums import SessionStatus, VotingMethod
from vinhdanh.councils.models import (
    AgendaItem,
    Attendance,
    BallotCast,
    CouncilMember,
    CouncilSession,
    HandCount,
    Recusal,
)
from vinhdanh.nominations.domain.queries.inbox import InboxSection, awaiting_count, inbox
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Round


@dataclass(frozen=True)
class RecusalLine:
    member: CouncilMember
    nomination_id: int
    reason: str
    automatic: bool
    recusal: Recusal | None  # None: foreseen (the session has not opened)


@dataclass
class SessionView:
    session: CouncilSession
    items: list[AgendaItem]
    members: list[CouncilMember]
    present_ids: set[int]
    recusals: list[RecusalLine]
    me: CouncilMember | None
    voted_ids: set[int]  # nominations I have voted on
    ballot_items: list[AgendaItem]  # nominations I may still vote on
    cast_counts: dict[int, int]  # nomination -> number of members who voted (no choices)
    hand_counts: dict[int, HandCount]
    results: list[tuple[AgendaItem, VoteResult]] = field(default_factory=list)

    @property
    def absent(self) -> list[CouncilMember]:
        return [m for m in self.members if m.pk not in self.present_ids]

    @property
    def present(self) -> list[CouncilMember]:
        return [m for m in self.members if m.pk in self.present_ids]

    @property
    def am_present(self) -> bool:
        return self.me is not None and self.me.pk in self.present_ids

    @property
    def secret_items(self) -> list[AgendaItem]:
        return [i for i in self.items if i.method != VotingMethod.SHOW_OF_HANDS]

    @property
    def hand_items(self) -> list[AgendaItem]:
        return [i for i in self.items if i.method == VotingMethod.SHOW_OF_HANDS]


def session_view(session: CouncilSession, user: Any) -> SessionView:
    items = list(
        AgendaItem.objects.filter(session=session)
        .select_related(
            "nomination",
            "nomination__kind",
            "nomination__person",
            "nomination__unit",
            "nomination__round",
        )
        .order_by("position", "id")
    )
    members = members_on(session.council, session.date)
    by_id = {m.pk: m for m in members}
    present = set(Attendance.objects.filter(session=session).values_list("member_id", flat=True))
    lines = [
        RecusalLine(by_id.get(r.member_id, r.member), r.nomination_id, r.reason, r.automatic, r)
        for r in Recusal.objects.filter(session=session).select_related(
            "member__person", "member__user"
        )
    ]
    if session.status == SessionStatus.PLANNED:
        stored = {(line.member.pk, line.nomination_id) for line in lines}
        lines += [
            RecusalLine(p.member, p.nomination_id, p.reason, True, None)
            for p in automatic_recusals(session)
            if (p.member.pk, p.nomination_id) not in stored
        ]
    me = member_for(session, user)
    voted: set[int] = set()
    ballot_items: list[AgendaItem] = []
    if me is not None:
        voted = set(
            BallotCast.objects.filter(session=session, member=me).values_list(
                "nomination_id", flat=True
            )
        )
        mine_recused = {line.nomination_id for line in lines if line.member.pk == me.pk}
        ballot_items = [
            i
            for i in items
            if i.method == VotingMethod.SECRET_BALLOT
            and i.nomination_id not in voted
            and i.nomination_id not in mine_recused
        ]
    counts: dict[int, int] = {}
    for nomination_id in BallotCast.objects.filter(session=session).values_list(
        "nomination_id", flat=True
    ):
        counts[nomination_id] = counts.get(nomination_id, 0) + 1
    return SessionView(
        session=session,
        items=items,
        members=members,
        present_ids=present,
        recusals=lines,
        me=me,
        voted_ids=voted,
        ballot_items=ballot_items,
        cast_counts=counts,
        hand_counts={h.nomination_id: h for h in HandCount.objects.filter(session=session)},
        results=session_results(session),
    )


def agenda_candidates(session: CouncilSession) -> QuerySet[Nomination]:
    """Appraised nominations decided in the council's unit (or below) not yet on the agenda."""
    unit = session.council.unit
    on_agenda = AgendaItem.objects.filter(session=session).values("nomination_id")
    return (
        Nomination.objects.filter(
            state=NominationState.APPRAISED, round__decider_unit__path__startswith=unit.path
        )
        .exclude(pk__in=on_agenda)
        .select_related("kind", "person", "unit", "round")
        .order_by("round_id", "kind__sort_order", "id")
    )


def agenda_rounds(session: CouncilSession) -> QuerySet[Round]:
    unit = session.council.unit
    return (
        Round.objects.filter(
            decider_unit__path__startswith=unit.path,
            nominations__state=NominationState.APPRAISED,
        )
        .distinct()
        .order_by("-year", "name")
    )


def sessions_awaiting_vote(user: Any) -> list[SessionView]:
    """Open sessions of councils the user sits on where they still have a secret ballot to
    cast (they are marked present): what a council member's inbox shows."""
    if not getattr(user, "is_authenticated", False):
        return []
    sessions = (
        CouncilSession.objects.filter(status=SessionStatus.OPEN, council__members__user=user)
        .distinct()
        .select_related("council")
        .order_by("date", "id")
    )
    views = [session_view(s, user) for s in sessions]
    return [v for v in views if v.am_present and v.ballot_items]


def nominations_voted_by(user: Any) -> QuerySet[Any]:
    """The ids of the nominations the user has cast a ballot on, in any session."""
    return BallotCast.objects.filter(user=user).values("nomination_id")


def todo(user: Any) -> list[InboxSection]:
    """The inbox's sections without what a council member has already voted on (the sessions
    where a ballot is still to cast are `sessions_awaiting_vote`)."""
    return inbox(user, voted=nominations_voted_by(user))


def todo_count(user: Any) -> int:
    """The count beside the menu entry: nominations to act on, and sessions with a ballot."""
    if not getattr(user, "is_authenticated", False):
        return 0
    voted = nominations_voted_by(user)
    return awaiting_count(user, voted=voted) + len(sessions_awaiting_vote(user))


def agenda_nominations(session: CouncilSession) -> QuerySet[Nomination]:
    """The nominations on a session's agenda: any other one reads as absent from it."""
    return Nomination.objects.filter(agenda_items__session=session)


def session_recusals(session: CouncilSession) -> QuerySet[Recusal]:
    return Recusal.objects.filter(session=session)


def council_rounds(session: CouncilSession) -> QuerySet[Round]:
    """Rounds decided in the session's council unit or below: the only ones it can take."""
    return Round.objects.filter(decider_unit__path__startswith=session.council.unit.path)
