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


def test_a_member_who_has_voted_has_nothing_left_on_his_to_do_page(client) -> None:
    """The inbox page and the menu's count no longer list a nomination the member voted on;
    the emulation office still sees it until the result is recorded."""
    from django.urls import reverse

    from tests.factories.orgs import RoleFactory
    from tests.web.conftest import login

    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    voter = world.members[0]
    RoleFactory(user=voter.user, unit=world.unit, is_clerk=False, is_council_member=True)
    session = run_vote(world, [nomination], present=world.members, close=False)
    login(client, voter.user)
    page = client.get(reverse("web:workflow_inbox")).content.decode()
    assert 'id="inbox-ballots"' in page
    assert 'id="inbox-to_vote"' in page

    cast_ballots(session=session, voter=voter.user, choices={nomination.pk: FOR})
    response = client.get(reverse("web:workflow_inbox"))
    page = response.content.decode()
    assert 'id="inbox-ballots"' not in page
    assert 'id="inbox-to_vote"' not in page
    assert "Đã thẩm định: chờ Hội đồng xét" not in page
    assert "Không có việc nào đang chờ xử lý." in page
    assert response.context["nav_awaiting"] == 0
    # Another member who has not voted still has it; the office records the result.
    other = world.members[1]
    RoleFactory(user=other.user, unit=world.unit, is_clerk=False, is_council_member=True)
    login(client, other.user)
    assert 'id="inbox-to_vote"' in client.get(reverse("web:workflow_inbox")).content.decode()
    login(client, world.office)
    assert 'id="inbox-to_vote"' in client.get(reverse("web:workflow_inbox")).content.decode()
