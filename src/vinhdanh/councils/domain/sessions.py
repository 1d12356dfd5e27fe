"""Council sessions: one function per change (Zulip's do_* shape).

Each function checks the permission, locks the session row, changes it, writes the audit
event in the same transaction and leaves notifications for after the commit. Votes and the
closing take the session lock (SELECT … FOR UPDATE; SQLite transactions are IMMEDIATE), so
parallel voters are serialised, nobody votes after closing, and no vote is lost.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.domain.errors import DecisionError
from vinhdanh.awards.domain.register import register_document
from vinhdanh.awards.enums import OutgoingKind
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.councils.domain.common import CouncilError, NotAllowed, require
from vinhdanh.councils.domain.notify import notify_session_closed, notify_voting_open
from vinhdanh.councils.domain.queries.councils import (
    automatic_recusals,
    citation_of,
    member_for,
    members_on,
    threshold_for,
)
from vinhdanh.councils.domain.queries.minutes import build_minutes
from vinhdanh.councils.domain.queries.tally import count_session, item_method
from vinhdanh.councils.enums import Choice, SessionStatus, VotingMethod
from vinhdanh.councils.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotCast,
    Council,
    CouncilMember,
    CouncilSession,
    HandCount,
    Recusal,
)
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Round

_RUN = "councils.run_session"


def _locked(session: CouncilSession) -> CouncilSession:
    """Re-read the session under a row lock (the state may have changed meanwhile)."""
    return (
        CouncilSession.objects.select_for_update(of=("self",))  # not the council or unit rows
        .select_related("council", "council__unit")
        .get(pk=session.pk)
    )


def _require_status(session: CouncilSession, *allowed: str) -> None:
    if session.status not in allowed:
        if session.status == SessionStatus.CLOSED:
            raise CouncilError(_("The session is closed."))
        if session.status == SessionStatus.OPEN:
            raise CouncilError(_("Voting has already opened."))
        raise CouncilError(_("Voting has not opened yet."))


def _in_council_tree(council: Council, nomination: Nomination) -> bool:
    decider = nomination.round.decider_unit
    return decider.pk == council.unit_id or decider.path.startswith(council.unit.path)


@transaction.atomic
def create_session(
    *,
    council: Council,
    title: str,
    date: dt.date,
    actor: Any,
    place: str = "",
    method: str = VotingMethod.SECRET_BALLOT,
) -> CouncilSession:
    require(actor, _RUN, council, _("You may not convene this council."))
    if not title.strip():
        raise CouncilError(_("The session needs a title."))
    if method not in VotingMethod.values:
        raise CouncilError(_("Unknown voting method."))
    if not members_on(council, date):
        raise CouncilError(_("The council has no members on that date."))
    with acting_as(actor):
        return CouncilSession.objects.create(
            council=council, title=title.strip(), date=date, place=place.strip(), method=method
        )


@transaction.atomic
def add_to_agenda(
    *,
    session: CouncilSession,
    actor: Any,
    nominations: Iterable[Nomination] = (),
    rounds: Iterable[Round] = (),
) -> list[AgendaItem]:
    """Put appraised nominations (one by one, or every appraised one of a round) on the agenda."""
    session = _locked(session)
    require(actor, _RUN, session, _("You may not change this session."))
    _require_status(session, SessionStatus.PLANNED)
    rounds = list(rounds)
    wanted = {n.pk for n in nominations}
    wanted |= set(
        Nomination.objects.filter(round__in=rounds, state=NominationState.APPRAISED).values_list(
            "pk", flat=True
        )
    )
    if not wanted:
        raise CouncilError(_("There is no appraised nomination to put on the agenda."))
    candidates = Nomination.objects.filter(pk__in=wanted).select_related(
        "round__decider_unit", "kind"
    )
    already = set(
        AgendaItem.objects.filter(session=session).values_list("nomination_id", flat=True)
    )
    position = (
        AgendaItem.objects.filter(session=session).aggregate(m=models.Max("position"))["m"] or 0
    )
    created: list[AgendaItem] = []
    with acting_as(actor):
        for nomination in sorted(candidates, key=lambda n: (n.kind.sort_order, n.pk)):
            if nomination.pk in already:
                continue
            if nomination.state != NominationState.APPRAISED:
                raise CouncilError(
                    _("%(nomination)s has not been appraised: it cannot be voted on.")
                    % {"nomination": nomination}
                )
            if not _in_council_tree(session.council, nomination):
                raise CouncilError(
                    _("%(nomination)s is decided outside this council's unit.")
                    % {"nomination": nomination}
                )
            position += 1
            created.append(
                AgendaItem.objects.create(session=session, nomination=nomination, position=position)
            )
        if rounds:
            session.rounds.add(*rounds)
        record_action(session, "agenda changed", added=[i.nomination_id for i in created])
    return created


@transaction.atomic
def remove_from_agenda(*, session: CouncilSession, nomination: Nomination, actor: Any) -> None:
    session = _locked(session)
    require(actor, _RUN, session, _("You may not change this session."))
    _require_status(session, SessionStatus.PLANNED)
    item = AgendaItem.objects.filter(session=session, nomination=nomination).first()
    if item is None:
        raise CouncilError(_("This nomination is not on the agenda."))
    with acting_as(actor):
        item.delete()
        record_action(session, "agenda changed", removed=[nomination.pk])


@transaction.atomic
def set_attendance(
    *, session: CouncilSession, present: Iterable[CouncilMember], actor: Any
) -> list[CouncilMember]:
    """Record who is present (replaces the list). A member who has voted stays present."""
    session = _locked(session)
    require(actor, _RUN, session, _("You may not change this session."))
    _require_status(session, SessionStatus.PLANNED, SessionStatus.OPEN)
    members = {m.pk: m for m in members_on(session.council, session.date)}
    wanted = {m.pk for m in present}
    strangers = wanted - set(members)
    if strangers:
        raise CouncilError(_("Only members of the council on the session date can attend."))
    current = set(Attendance.objects.filter(session=session).values_list("member_id", flat=True))
    voted = set(
        BallotCast.objects.filter(session=session, written=False).values_list(
            "member_id", flat=True
        )
    )
    if (current - wanted) & voted:
        raise CouncilError(_("A member who has already voted cannot be marked absent."))
    written = set(
        BallotCast.objects.filter(session=session, written=True).values_list("member_id", flat=True)
    )
    if (wanted - current) & written:
        raise CouncilError(_("A member who voted in writing cannot be marked present."))
    with acting_as(actor):
        for attendance in Attendance.objects.filter(
            session=session, member_id__in=current - wanted
        ):
            attendance.delete()
        for member_id in sorted(wanted - current):
            Attendance.objects.create(session=session, member_id=member_id)
        record_action(session, "attendance recorded", present=sorted(wanted))
    return [members[pk] for pk in sorted(wanted)]


@transaction.atomic
def recuse(
    *,
    session: CouncilSession,
    member: CouncilMember,
    nomination: Nomination,
    reason: str,
    actor: Any,
) -> Recusal:
    """A manual recusal, with its reason (before the member has voted on that nomination)."""
    session = _locked(session)
    is_self = member.user_id == getattr(actor, "pk", None)
    if not is_self:
        require(actor, _RUN, session, _("You may not change this session."))
    _require_status(session, SessionStatus.PLANNED, SessionStatus.OPEN)
    if not reason.strip():
        raise CouncilError(_("A recusal needs a reason."))
    if member.council_id != session.council_id or not member.is_valid_on(session.date):
        raise CouncilError(_("Only members of the council on the session date can recuse."))
    if not AgendaItem.objects.filter(session=session, nomination=nomination).exists():
        raise CouncilError(_("This nomination is not on the agenda."))
    if BallotCast.objects.filter(session=session, nomination=nomination, member=member).exists():
        raise CouncilError(_("The member has already voted on this nomination."))
    if Recusal.objects.filter(session=session, nomination=nomination, member=member).exists():
        raise CouncilError(_("The member is already recused from this nomination."))
    with acting_as(actor):
        return Recusal.objects.create(
            session=session,
            member=member,
            nomination=nomination,
            reason=reason.strip(),
            automatic=False,
            recorded_by=actor,
        )


@transaction.atomic
def withdraw_recusal(*, recusal: Recusal, actor: Any) -> None:
    session = _locked(recusal.session)
    require(actor, _RUN, session, _("You may not change this session."))
    _require_status(session, SessionStatus.PLANNED, SessionStatus.OPEN)
    if recusal.automatic:
        raise CouncilError(_("An automatic recusal (the nominee or their unit) cannot be lifted."))
    with acting_as(actor):
        recusal.delete()


@transaction.atomic
def open_session(*, session: CouncilSession, actor: Any) -> CouncilSession:
    """Open the vote: fix each item's method and record the automatic recusals."""
    session = _locked(session)
    require(actor, _RUN, session, _("You may not run this session."))
    _require_status(session, SessionStatus.PLANNED)
    items = list(AgendaItem.objects.filter(session=session).select_related("nomination__kind"))
    if not items:
        raise CouncilError(_("The agenda is empty."))
    existing = set(
        Recusal.objects.filter(session=session).values_list("member_id", "nomination_id")
    )
    with acting_as(actor):
        for item in items:
            spec = threshold_for(
                council=session.council, award_code=item.nomination.kind.code, day=session.date
            )
            item.method = item_method(session, item, spec.method)
            item.save(update_fields=["method"])
        for proposal in automatic_recusals(session):
            if (proposal.member.pk, proposal.nomination_id) in existing:
                continue
            Recusal.objects.create(
                session=session,
                member=proposal.member,
                nomination_id=proposal.nomination_id,
                automatic=True,
                reason=proposal.reason,
            )
        session.status = SessionStatus.OPEN
        session.opened_at = timezone.now()
        session.save(update_fields=["status", "opened_at"])
        record_action(session, "voting opened")
    transaction.on_commit(lambda: notify_voting_open(session_id=session.pk), robust=True)
    return session


def _check_choices(
    session: CouncilSession, member: CouncilMember, choices: Mapping[int, str]
) -> dict[int, str]:
    if not choices:
        raise CouncilError(_("The ballot is empty."))
    items = {
        i.nomination_id: i
        for i in AgendaItem.objects.filter(session=session).only("nomination_id", "method")
    }
    recused = set(
        Recusal.objects.filter(session=session, member=member).values_list(
            "nomination_id", flat=True
        )
    )
    already = set(
        BallotCast.objects.filter(session=session, member=member).values_list(
            "nomination_id", flat=True
        )
    )
    clean: dict[int, str] = {}
    for nomination_id, choice in choices.items():
        item = items.get(nomination_id)
        if item is None:
            raise CouncilError(_("A nomination on the ballot is not on the agenda."))
        if item.method != VotingMethod.SECRET_BALLOT:
            raise CouncilError(_("This nomination is voted by show of hands."))
        if choice not in Choice.values:
            raise CouncilError(_("A ballot says for, against or abstain."))
        if nomination_id in recused:
            raise CouncilError(_("You are recused from a nomination on this ballot."))
        if nomination_id in already:
            raise CouncilError(_("You have already voted on this nomination."))
        clean[nomination_id] = choice
    return clean


def _store(
    session: CouncilSession,
    member: CouncilMember,
    choices: dict[int, str],
    *,
    written: bool,
    recorded_by: Any,
) -> int:
    try:
        with transaction.atomic():
            for nomination_id, choice in choices.items():
                BallotCast.objects.create(
                    session=session,
                    nomination_id=nomination_id,
                    member=member,
                    user_id=member.user_id,
                    written=written,
                    recorded_by=recorded_by,
                )
                Ballot.objects.create(session=session, nomination_id=nomination_id, choice=choice)
    except IntegrityError as exc:  # the unique constraint: a second vote
        raise CouncilError(_("You have already voted on this nomination.")) from exc
    return len(choices)


@transaction.atomic
def cast_ballots(*, session: CouncilSession, voter: Any, choices: Mapping[int, str]) -> int:
    """A present member's secret ballot: {nomination id: for/against/abstain}.

    Stores one anonymous `Ballot` per choice and one `BallotCast` (who voted) per nomination.
    """
    session = _locked(session)
    _require_status(session, SessionStatus.OPEN)
    member = member_for(session, voter)
    if member is None:
        raise NotAllowed(_("Only members of the council vote."))
    if not Attendance.objects.filter(session=session, member=member).exists():
        raise CouncilError(
            _("You are not marked present: ask the secretary to record your attendance.")
        )
    clean = _check_choices(session, member, choices)
    with acting_as(voter):
        count = _store(session, member, clean, written=False, recorded_by=None)
    return count


@transaction.atomic
def record_written_votes(
    *, session: CouncilSession, member: CouncilMember, choices: Mapping[int, str], actor: Any
) -> int:
    """An absent member's written vote, entered by the secretary (marked written)."""
    session = _locked(session)
    require(actor, _RUN, session, _("Only the secretary records written votes."))
    _require_status(session, SessionStatus.OPEN)
    if member.council_id != session.council_id or not member.is_valid_on(session.date):
        raise CouncilError(_("Only members of the council on the session date can vote."))
    if Attendance.objects.filter(session=session, member=member).exists():
        raise CouncilError(_("The member is present: they vote in the room."))
    clean = _check_choices(session, member, choices)
    with acting_as(actor):
        count = _store(session, member, clean, written=True, recorded_by=actor)
        record_action(session, "written vote recorded", member=member.pk, nominations=len(clean))
    return count


@transaction.atomic
def record_hand_count(
    *,
    session: CouncilSession,
    nomination: Nomination,
    for_votes: int,
    against_votes: int,
    abstain_votes: int,
    actor: Any,
) -> HandCount:
    """The secretary's count of a show-of-hands vote (may be corrected until closing)."""
    session = _locked(session)
    require(actor, _RUN, session, _("Only the secretary records a show of hands."))
    _require_status(session, SessionStatus.OPEN)
    item = AgendaItem.objects.filter(session=session, nomination=nomination).first()
    if item is None:
        raise CouncilError(_("This nomination is not on the agenda."))
    if item.method != VotingMethod.SHOW_OF_HANDS:
        raise CouncilError(_("This nomination is voted by secret ballot."))
    if min(for_votes, against_votes, abstain_votes) < 0:
        raise CouncilError(_("Counts cannot be negative."))
    present = set(Attendance.objects.filter(session=session).values_list("member_id", flat=True))
    recused = set(
        Recusal.objects.filter(session=session, nomination=nomination).values_list(
            "member_id", flat=True
        )
    )
    voters = len(present - recused)
    if for_votes + against_votes + abstain_votes > voters:
        raise CouncilError(_("More hands than members who may vote (%(n)d).") % {"n": voters})
    with acting_as(actor):
        hand, _created = HandCount.objects.update_or_create(
            session=session,
            nomination=nomination,
            defaults={
                "for_votes": for_votes,
                "against_votes": against_votes,
                "abstain_votes": abstain_votes,
                "recorded_by": actor,
            },
        )
    return hand


def _reseal_ballots(session: CouncilSession) -> None:
    """Rewrite the session's ballots in random order, in this (closing) transaction.

    Contents are unchanged (checked); what goes is any trace of the order or transaction in
    which each ballot was cast (SQLite rowid, PostgreSQL xmin/ctid), the last thing that could
    link a ballot to its `BallotCast` row.
    """
    rows = list(Ballot.objects.filter(session=session).values_list("nomination_id", "choice"))
    before = Counter(rows)
    random.SystemRandom().shuffle(rows)
    models.QuerySet.delete(Ballot.objects.filter(session=session))  # bypasses the guard
    Ballot.objects.bulk_create(
        [Ballot(session=session, nomination_id=n, choice=c) for n, c in rows]
    )
    after = Counter(Ballot.objects.filter(session=session).values_list("nomination_id", "choice"))
    if before != after:  # pragma: no cover - a database that loses rows
        raise CouncilError(_("The ballots could not be sealed."))


@transaction.atomic
def close_session(
    *, session: CouncilSession, actor: Any, number: int | None = None
) -> CouncilSession:
    """Close the vote: freeze the tally per nomination, seal the ballots, write the minutes,
    and move each nomination that passed to "voted" (when the actor may record it).

    The minutes become official: they take their number (BB-HĐTĐKT) from the register of
    outgoing documents of the council's unit, `number` when the văn thư gives it; the number
    is frozen in the minutes with the rest."""
    from vinhdanh.nominations.domain.workflow import transition
    from vinhdanh.nominations.rules import is_council_secretariat

    session = _locked(session)
    require(actor, _RUN, session, _("You may not run this session."))
    _require_status(session, SessionStatus.OPEN)
    counted = count_session(session)
    now = timezone.now()
    with acting_as(actor):
        for count in counted:
            result = count.as_result()
            item = count.item
            item.method = count.method
            item.threshold_citation = citation_of(count.rule)
            item.threshold_numerator = count.threshold.numerator
            item.threshold_denominator = count.threshold.denominator
            item.threshold_inclusive = count.threshold.inclusive
            item.denominator_type = count.threshold.denominator_type
            item.total_members = result.total_members
            item.present_members = result.present_members
            item.recused_members = result.recused_members
            item.eligible_voters = result.eligible_voters
            item.for_votes = result.for_votes
            item.against_votes = result.against_votes
            item.abstain_votes = result.abstain_votes
            item.written_votes = result.written_votes
            item.denominator = result.denominator
            item.quorum_met = result.quorum_met
            item.passed = result.passed
            item.outcome = result.outcome
            item.save()
        _reseal_ballots(session)
        session.minutes = build_minutes(session, counted, closed_at=now)
        try:
            entry = register_document(
                kind=OutgoingKind.MINUTES,
                issuing_unit=session.council.unit,
                signed_on=session.date,
                subject=session.title,
                actor=actor,
                number=number,
                session=session,
            )
        except DecisionError as error:  # the văn thư's number is taken: the session stays open
            raise CouncilError(str(error)) from error
        session.minutes["number"] = entry.number
        session.minutes["symbol"] = entry.symbol
        session.status = SessionStatus.CLOSED
        session.closed_at = now
        session.closed_by = actor
        session.save(update_fields=["minutes", "status", "closed_at", "closed_by"])
        record_action(
            session,
            "session closed",
            passed=[c.item.nomination_id for c in counted if c.verdict.passed],
            failed=[c.item.nomination_id for c in counted if not c.verdict.passed],
        )
        for count in counted:
            nomination = Nomination.objects.select_for_update().get(pk=count.item.nomination_id)
            if (
                count.verdict.passed
                and nomination.state == NominationState.APPRAISED
                and is_council_secretariat(actor, nomination)
            ):
                transition(nomination=nomination, to=NominationState.VOTED, actor=actor)
    transaction.on_commit(lambda: notify_session_closed(session_id=session.pk), robust=True)
    return session
