"""Ending a council membership: from the day after its last day the member no longer counts."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.councils.builders import (
    FOR,
    SESSION_DAY,
    council_world,
    decider_user,
    make_nomination,
    run_vote,
)
from vinhdanh.common.models import AuditEvent
from vinhdanh.councils.domain.common import CouncilError, NotAllowed
from vinhdanh.councils.domain.councils import end_membership
from vinhdanh.councils.domain.queries import vote_result

pytestmark = pytest.mark.django_db

DAY_BEFORE = SESSION_DAY - dt.timedelta(days=1)


def test_members_whose_membership_ended_no_longer_count_for_the_quorum():
    # Six of ten present misses the 2/3 quorum; with four memberships ended the day before,
    # the same six are the whole council.
    world = council_world(size=10)
    for member in world.members[6:]:
        end_membership(member=member, last_day=DAY_BEFORE, actor=world.office)
    nomination = make_nomination(round=world.round, code="CSTDCS")

    run_vote(world, [nomination], present=world.members[:6], votes={nomination.pk: [FOR] * 6})

    result = vote_result(nomination)
    assert result is not None
    assert (result.total_members, result.present_members) == (6, 6)
    assert result.quorum_met
    assert result.passed


def test_the_last_day_itself_still_counts_toward_the_total_members_denominator():
    world = council_world(size=10)
    end_membership(member=world.members[9], last_day=SESSION_DAY, actor=world.office)
    nomination = make_nomination(round=world.round, code="CSTD_BT")

    run_vote(world, [nomination], present=world.members[:9], votes={nomination.pk: [FOR] * 9})

    result = vote_result(nomination)
    assert result is not None
    assert (result.denominator_type, result.denominator) == ("total_members", 10)


def test_ending_is_audited_with_the_last_day():
    world = council_world(size=3)
    member = world.members[1]

    end_membership(member=member, last_day=DAY_BEFORE, actor=world.office)

    member.refresh_from_db()
    assert member.valid_to == DAY_BEFORE
    event = AuditEvent.objects.get(message="council membership ended", object_id=str(member.pk))
    assert event.after["last_day"] == DAY_BEFORE.isoformat()


def test_a_member_recorded_in_a_later_session_cannot_be_ended_before_it():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members, close=False)

    with pytest.raises(CouncilError, match="10/03/2025"):
        end_membership(member=world.members[1], last_day=DAY_BEFORE, actor=world.office)
    end_membership(member=world.members[1], last_day=SESSION_DAY, actor=world.office)


def test_a_membership_cannot_end_before_it_starts_nor_be_extended():
    world = council_world(size=3)
    member = world.members[1]
    member.valid_from = SESSION_DAY
    member.valid_to = SESSION_DAY + dt.timedelta(days=30)
    member.save()

    with pytest.raises(CouncilError):
        end_membership(member=member, last_day=DAY_BEFORE, actor=world.office)
    with pytest.raises(CouncilError, match="09/04/2025"):
        end_membership(member=member, last_day=dt.date(2025, 5, 1), actor=world.office)


def test_only_the_office_ends_a_membership():
    world = council_world(size=3)

    with pytest.raises(NotAllowed):
        end_membership(member=world.members[1], last_day=DAY_BEFORE, actor=decider_user(world.unit))
    with pytest.raises(NotAllowed):
        end_membership(member=world.members[1], last_day=DAY_BEFORE, actor=world.members[0].user)
