"""A member's inbox lists the open sessions where they still have a ballot to cast."""

from __future__ import annotations

import pytest

from tests.councils.builders import FOR, council_world, make_nomination, run_vote
from vinhdanh.councils.domain.queries.sessions import sessions_awaiting_vote
from vinhdanh.councils.domain.sessions import cast_ballots

pytestmark = pytest.mark.django_db


def test_present_members_see_the_session_until_they_have_voted() -> None:
    world = council_world(size=4)
    nomination = make_nomination(round=world.round)
    present = world.members[:3]
    session = run_vote(world, [nomination], present=present, close=False)
    voter, absent = present[0], world.members[3]
    assert [v.session for v in sessions_awaiting_vote(voter.user)] == [session]
    # Not marked present: cannot vote, so nothing is asked of them.
    assert sessions_awaiting_vote(absent.user) == []
    assert sessions_awaiting_vote(world.office) == []  # not a member
    cast_ballots(session=session, voter=voter.user, choices={nomination.pk: FOR})
    assert sessions_awaiting_vote(voter.user) == []


def test_a_closed_session_awaits_nobody() -> None:
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    run_vote(world, [nomination], present=world.members, close=True)
    assert all(sessions_awaiting_vote(m.user) == [] for m in world.members)
