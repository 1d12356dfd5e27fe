"""Secret ballots, who voted, written votes, recusals and the lock at closing."""

from __future__ import annotations

import datetime as dt
import uuid
from fractions import Fraction

import pytest
from django.db import connection

from tests.councils.builders import (
    AGAINST,
    FOR,
    council_world,
    make_nomination,
    run_vote,
)
from vinhdanh.common.models import AuditEvent
from vinhdanh.councils.domain.common import CouncilError, NotAllowed
from vinhdanh.councils.domain.queries import vote_result
from vinhdanh.councils.domain.sessions import (
    cast_ballots,
    close_session,
    record_hand_count,
    record_written_votes,
    recuse,
    set_attendance,
    withdraw_recusal,
)
from vinhdanh.councils.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotCast,
    Recusal,
    SessionLockedError,
)
from vinhdanh.eligibility.core import VoteRule
from vinhdanh.eligibility.domain.parameters import set_vote_rule

pytestmark = pytest.mark.django_db


def test_secret_ballot_table_holds_no_voter_identity():
    world = council_world(size=4)
    nomination = make_nomination(round=world.round)
    session = run_vote(
        world, [nomination], present=world.members, votes={nomination.pk: [FOR, FOR, AGAINST]}
    )
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(cursor, Ballot._meta.db_table)
        }
    assert columns == {"id", "session_id", "nomination_id", "choice"}
    rows = list(Ballot.objects.filter(session=session).values())
    assert len(rows) == 3
    user_ids = {m.user_id for m in world.members}
    for row in rows:
        assert isinstance(row["id"], uuid.UUID)
        assert set(row) == {"id", "session_id", "nomination_id", "choice"}
        assert row["choice"] in {FOR, AGAINST}
        ints = {v for v in row.values() if isinstance(v, int)}
        assert ints == {session.pk, nomination.pk}
        assert not (ints - {session.pk, nomination.pk}) & user_ids
    assert not AuditEvent.objects.filter(object_type="councils.ballot").exists()
    # who voted is known, how they voted is not
    assert BallotCast.objects.filter(session=session).count() == 3
    cast_columns = {f.column for f in BallotCast._meta.concrete_fields}
    assert "choice" not in cast_columns


def test_member_sees_only_that_they_voted(client):
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(
        world, [nomination], present=world.members, votes={nomination.pk: [FOR]}, close=False
    )
    voted = BallotCast.objects.get(session=session)
    assert voted.user_id == world.members[0].user_id
    assert not hasattr(voted, "choice")


def test_double_vote_is_refused():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(
        world, [nomination], present=world.members, votes={nomination.pk: [FOR]}, close=False
    )
    with pytest.raises(CouncilError):
        cast_ballots(session=session, voter=world.members[0].user, choices={nomination.pk: AGAINST})
    assert Ballot.objects.filter(session=session).count() == 1
    assert BallotCast.objects.filter(session=session).count() == 1


def test_ballot_for_several_nominations_is_all_or_nothing():
    world = council_world(size=3)
    first = make_nomination(round=world.round)
    second = make_nomination(round=world.round)
    session = run_vote(
        world, [first, second], present=world.members, votes={first.pk: [FOR]}, close=False
    )
    with pytest.raises(CouncilError):
        cast_ballots(
            session=session,
            voter=world.members[0].user,
            choices={second.pk: FOR, first.pk: FOR},
        )
    assert Ballot.objects.filter(session=session, nomination=second).count() == 0


def test_only_members_marked_present_vote_in_the_room():
    world = council_world(size=4)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members[:3], close=False)
    with pytest.raises(CouncilError):
        cast_ballots(session=session, voter=world.members[3].user, choices={nomination.pk: FOR})
    from tests.factories.orgs import UserFactory

    with pytest.raises(NotAllowed):
        cast_ballots(session=session, voter=UserFactory(), choices={nomination.pk: FOR})


def test_recused_member_cannot_vote_on_their_own_nomination():
    world = council_world(size=4)
    own = make_nomination(round=world.round, person=world.members[0].person)
    other = make_nomination(round=world.round)
    session = run_vote(world, [own, other], present=world.members, close=False)
    recusal = Recusal.objects.get(session=session, nomination=own)
    assert recusal.automatic
    assert recusal.member == world.members[0]
    with pytest.raises(CouncilError):
        cast_ballots(session=session, voter=world.members[0].user, choices={own.pk: FOR})
    assert cast_ballots(session=session, voter=world.members[0].user, choices={other.pk: FOR}) == 1
    with pytest.raises(CouncilError):
        withdraw_recusal(recusal=recusal, actor=world.office)


def test_manual_recusal_needs_a_reason_and_comes_before_the_vote():
    world = council_world(size=4)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, close=False)
    member = world.members[1]
    with pytest.raises(CouncilError):
        recuse(
            session=session, member=member, nomination=nomination, reason=" ", actor=world.office
        )
    recusal = recuse(
        session=session,
        member=member,
        nomination=nomination,
        reason="Có quan hệ gia đình với người được đề nghị",
        actor=world.office,
    )
    assert not recusal.automatic
    with pytest.raises(CouncilError):
        cast_ballots(session=session, voter=member.user, choices={nomination.pk: FOR})
    withdraw_recusal(recusal=recusal, actor=world.office)
    cast_ballots(session=session, voter=member.user, choices={nomination.pk: FOR})
    with pytest.raises(CouncilError):
        recuse(
            session=session, member=member, nomination=nomination, reason="x", actor=world.office
        )


def test_written_votes_of_absent_members_are_marked_and_counted():
    world = council_world(size=10)
    nomination = make_nomination(round=world.round, code="CSTD_BT")
    present, absent = world.members[:8], world.members[8:]
    session = run_vote(
        world, [nomination], present=present, votes={nomination.pk: [FOR] * 8}, close=False
    )
    for member in absent:
        record_written_votes(
            session=session, member=member, choices={nomination.pk: FOR}, actor=world.office
        )
    with pytest.raises(CouncilError):  # present members vote in the room
        record_written_votes(
            session=session, member=present[0], choices={nomination.pk: FOR}, actor=world.office
        )
    with pytest.raises(NotAllowed):
        record_written_votes(
            session=session, member=absent[0], choices={nomination.pk: FOR}, actor=present[1].user
        )
    written = BallotCast.objects.filter(session=session, written=True)
    assert {c.member_id for c in written} == {m.pk for m in absent}
    assert all(c.recorded_by == world.office for c in written)
    with pytest.raises(CouncilError):  # who voted in writing cannot be marked present
        set_attendance(session=session, present=world.members, actor=world.office)
    close_session(session=session, actor=world.office)
    result = vote_result(nomination)
    assert result is not None
    assert (result.for_votes, result.written_votes, result.denominator) == (10, 2, 10)
    assert result.present_members == 8
    assert result.passed


def test_show_of_hands_is_counted_by_the_secretary():
    world = council_world(size=5)
    set_vote_rule(
        rule=VoteRule(
            "GIAY_KHEN", Fraction(1, 2), "present_members", inclusive=False, method="show_of_hands"
        ),
        unit=None,
        valid_from=dt.date(2020, 1, 1),
    )
    nomination = make_nomination(round=world.round, code="GIAY_KHEN")
    session = run_vote(world, [nomination], present=world.members[:4], close=False)
    assert AgendaItem.objects.get(session=session).method == "show_of_hands"
    with pytest.raises(CouncilError):  # no secret ballot on a show-of-hands item
        cast_ballots(session=session, voter=world.members[0].user, choices={nomination.pk: FOR})
    with pytest.raises(CouncilError):
        record_hand_count(
            session=session,
            nomination=nomination,
            for_votes=5,
            against_votes=0,
            abstain_votes=0,
            actor=world.office,
        )
    record_hand_count(
        session=session,
        nomination=nomination,
        for_votes=3,
        against_votes=1,
        abstain_votes=0,
        actor=world.office,
    )
    close_session(session=session, actor=world.office)
    result = vote_result(nomination)
    assert result is not None
    assert result.passed
    assert result.method == "show_of_hands"
    assert (result.for_votes, result.denominator) == (3, 4)


def test_closed_session_and_its_ballots_are_immutable():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 3})
    assert session.is_closed
    ballot = Ballot.objects.filter(session=session).first()
    assert ballot is not None
    ballot.choice = AGAINST
    with pytest.raises(SessionLockedError):
        ballot.save()
    with pytest.raises(SessionLockedError):
        ballot.delete()
    with pytest.raises(SessionLockedError):
        Ballot.objects.filter(session=session).update(choice=AGAINST)
    with pytest.raises(SessionLockedError):
        Ballot.objects.filter(session=session).delete()
    with pytest.raises(SessionLockedError):
        BallotCast.objects.filter(session=session).delete()
    item = AgendaItem.objects.get(session=session)
    item.passed = False
    with pytest.raises(SessionLockedError):
        item.save()
    with pytest.raises(SessionLockedError):
        Attendance.objects.filter(session=session).first().delete()
    session.title = "Sửa lại"
    with pytest.raises(SessionLockedError):
        session.save()
    with pytest.raises(SessionLockedError):
        session.delete()
    session.refresh_from_db()
    with pytest.raises(CouncilError):
        cast_ballots(session=session, voter=world.members[0].user, choices={nomination.pk: FOR})
    with pytest.raises(CouncilError):
        close_session(session=session, actor=world.office)
    assert Ballot.objects.filter(session=session, choice=FOR).count() == 3


def test_closing_keeps_every_ballot_while_resealing_them():
    world = council_world(size=6)
    first = make_nomination(round=world.round)
    second = make_nomination(round=world.round)
    session = run_vote(
        world,
        [first, second],
        present=world.members,
        votes={first.pk: [FOR, FOR, AGAINST, FOR, FOR, FOR], second.pk: [AGAINST] * 6},
        close=False,
    )
    before_ids = set(Ballot.objects.filter(session=session).values_list("id", flat=True))
    close_session(session=session, actor=world.office)
    after = list(
        Ballot.objects.filter(session=session).values_list("id", "nomination_id", "choice")
    )
    assert len(after) == 12
    assert not before_ids & {row[0] for row in after}  # rewritten: nothing links to casting order
    assert sum(1 for _, n, c in after if n == first.pk and c == FOR) == 5
    assert sum(1 for _, n, c in after if n == second.pk and c == AGAINST) == 6


def test_closing_records_the_audit_events():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 3})
    messages = set(
        AuditEvent.objects.filter(
            object_type="councils.councilsession", object_id=str(session.pk)
        ).values_list("message", flat=True)
    )
    assert {"voting opened", "session closed", "attendance recorded"} <= messages
    assert AuditEvent.objects.filter(
        object_type="nominations.nomination", object_id=str(nomination.pk), action="action"
    ).exists()


def test_only_officers_run_a_session():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, close=False)
    ordinary = world.members[1]
    with pytest.raises(NotAllowed):
        close_session(session=session, actor=ordinary.user)
    secretary = world.secretary
    close_session(session=session, actor=secretary.user)  # the council's secretary may
    session.refresh_from_db()
    assert session.is_closed


def test_members_and_office_are_notified_after_commit(
    django_capture_on_commit_callbacks, mailoutbox
):
    from vinhdanh.nominations.models import Notification

    world = council_world(size=3)
    for member in world.members:
        member.user.email = f"{member.user.username}@example.vn"
        member.user.save()
    nomination = make_nomination(round=world.round)
    with django_capture_on_commit_callbacks(execute=True):
        session = run_vote(
            world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 3}
        )
    opened = Notification.objects.filter(verb="vote_open")
    assert {n.user_id for n in opened} == {m.user_id for m in world.members}
    closed = Notification.objects.filter(verb="session_closed")
    assert world.office.pk in {n.user_id for n in closed}
    assert all(str(session.pk) in n.url for n in closed)
    assert len(mailoutbox) >= 3
