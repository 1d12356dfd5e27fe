"""Notifications go out after commit only (e-mail and in-app); the inbox lists what awaits
each role, in its scope."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from tests.factories.awards import AwardFactory, DecisionFactory
from tests.factories.orgs import UserFactory
from tests.nominations.world import S, World, force_state
from vinhdanh.nominations.domain.notifications import mark_read
from vinhdanh.nominations.domain.queries.inbox import inbox, unread_count
from vinhdanh.nominations.domain.workflow import bulk_transition, transition
from vinhdanh.nominations.models import Notification
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db


def test_submission_notifies_the_office_after_commit(
    world: World, django_capture_on_commit_callbacks
) -> None:
    nomination = world.nominate()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition(nomination=nomination, to=S.SUBMITTED, actor=world.clerk)
    # Nothing is sent while the transaction is open.
    assert mail.outbox == []
    assert not Notification.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    (email,) = mail.outbox
    assert email.to == ["bantdkt@tinh.example"]
    assert nomination.person.full_name in email.subject
    note = Notification.objects.get()
    assert (note.user, note.nomination, note.verb) == (world.office, nomination, S.SUBMITTED)
    assert note.url == f"/workflow/nominations/{nomination.pk}/"


def test_nothing_is_sent_when_the_transaction_rolls_back(
    world: World, django_capture_on_commit_callbacks
) -> None:
    nomination = world.nominate()

    def request_that_fails_later() -> None:
        with transaction.atomic():
            transition(nomination=nomination, to=S.SUBMITTED, actor=world.clerk)
            raise RuntimeError("something later in the same request failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        request_that_fails_later()
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT


def test_a_refused_transition_sends_nothing(
    world: World, django_capture_on_commit_callbacks
) -> None:
    nomination = force_state(world.nominate(), S.SUBMITTED)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValueError),
    ):
        transition(nomination=nomination, to=S.RETURNED, actor=world.office, reason="")
    assert callbacks == []
    assert mail.outbox == []


def test_return_tells_the_nominating_unit_why(
    world: World, django_capture_on_commit_callbacks
) -> None:
    nomination = force_state(world.nominate(), S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        transition(
            nomination=nomination,
            to=S.RETURNED,
            actor=world.office,
            reason="Thiếu báo cáo thành tích có xác nhận",
        )
    recipients = {tuple(m.to) for m in mail.outbox}
    assert recipients == {("vanthu@stp.example",), ("giamdoc@stp.example",)}
    assert all("Thiếu báo cáo thành tích có xác nhận" in m.body for m in mail.outbox)
    assert set(Notification.objects.values_list("user", flat=True)) == {
        world.clerk.pk,
        world.head.pk,
    }
    assert world.clerk_b.notifications.count() == 0


def test_the_actor_is_not_notified_of_their_own_move(
    world: World, django_capture_on_commit_callbacks
) -> None:
    nomination = force_state(world.nominate(), S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        transition(nomination=nomination, to=S.WITHDRAWN, actor=world.clerk)
    assert not world.clerk.notifications.exists()
    assert world.office.notifications.count() == 1


def test_the_nominee_hears_of_the_decision(
    world: World, django_capture_on_commit_callbacks
) -> None:
    person_user = UserFactory(email="nguoiduockhen@stp.example")
    nomination = world.nominate()
    nomination.person.user = person_user
    nomination.person.save()
    force_state(nomination, S.PROPOSED)
    decision = DecisionFactory(issuing_unit=world.province, number=125)
    award = AwardFactory(decision=decision, person=nomination.person)
    with django_capture_on_commit_callbacks(execute=True):
        transition(
            nomination=nomination,
            to=S.DECIDED,
            actor=world.decider,
            decision=decision,
            award=award,
        )
    mine = person_user.notifications.get()
    assert "125/QĐ-UBND" in mine.message


def test_bulk_action_sends_one_email_per_person(
    world: World, django_capture_on_commit_callbacks
) -> None:
    for _ in range(3):
        world.nominate()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = bulk_transition(round=world.round, to=S.SUBMITTED, actor=world.clerk)
    assert len(result.done) == 3
    assert len(callbacks) == 1
    (email,) = mail.outbox
    assert email.to == ["bantdkt@tinh.example"]
    assert email.body.count("\n- ") == 2  # three lines
    assert world.office.notifications.count() == 3


def test_mark_as_read(world: World, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            transition(nomination=world.nominate(), to=S.SUBMITTED, actor=world.clerk)
    first, second = world.office.notifications.order_by("id")
    assert unread_count(world.office) == 2
    assert mark_read(user=world.office, notification_ids=[first.pk]) == 1
    assert unread_count(world.office) == 1
    assert mark_read(user=world.clerk, notification_ids=[second.pk]) == 0  # not theirs
    assert mark_read(user=world.office) == 1
    assert unread_count(world.office) == 0


def _keys(user):  # type: ignore[no-untyped-def]
    return {s.key: [n.pk for n in s.items] for s in inbox(user)}


def test_inbox_lists_what_awaits_each_role(world: World) -> None:
    draft = world.nominate()
    weak = world.nominate(person=world.person(rating=Rating.HTNV))
    returned = force_state(world.nominate(), S.RETURNED)
    submitted = force_state(world.nominate(), S.SUBMITTED)
    appraised = force_state(world.nominate(), S.APPRAISED)
    voted = force_state(world.nominate(), S.VOTED)
    proposed = force_state(world.nominate(), S.PROPOSED)
    force_state(world.nominate(), S.DECIDED)

    assert _keys(world.clerk) == {
        "to_submit": [draft.pk, weak.pk],
        "returned": [returned.pk],
    }
    assert _keys(world.head) == {
        "to_submit": [draft.pk, weak.pk],
        "returned": [returned.pk],
        "override": [weak.pk],
    }
    assert _keys(world.office) == {
        "to_appraise": [submitted.pk],
        "to_vote": [appraised.pk],
        "to_propose": [voted.pk],
    }
    assert _keys(world.council) == {"to_vote": [appraised.pk]}
    assert _keys(world.decider) == {"to_decide": [proposed.pk]}
    assert _keys(world.clerk_b) == {}
    assert _keys(world.outsider) == {}


def test_inbox_of_another_province_is_empty(world: World) -> None:
    from tests.nominations.world import build_world

    other = build_world()
    force_state(other.nominate(), S.SUBMITTED)
    assert _keys(world.office) == {}


def test_every_notification_links_to_a_page_its_reader_may_open(
    world: World, django_capture_on_commit_callbacks
) -> None:
    """The pages' visibility rule decides: the nominee without a role is sent to their own
    record (they may not open the dossier), the others to the nomination."""
    from django.test import Client

    person_user = UserFactory(email="nguoiduockhen2@stp.example")
    nomination = world.nominate()
    nomination.person.user = person_user
    nomination.person.save()
    force_state(nomination, S.PROPOSED)
    decision = DecisionFactory(issuing_unit=world.province, number=126)
    award = AwardFactory(decision=decision, person=nomination.person)
    with django_capture_on_commit_callbacks(execute=True):
        transition(
            nomination=nomination, to=S.DECIDED, actor=world.decider, decision=decision, award=award
        )

    notes = list(Notification.objects.filter(nomination=nomination).select_related("user"))
    assert {n.user for n in notes} >= {person_user, world.clerk}
    for note in notes:
        client = Client()
        client.force_login(note.user)
        assert note.url, note.user
        assert client.get(note.url).status_code == 200, (note.user, note.url)
    mine = next(n for n in notes if n.user == person_user)
    assert mine.url == f"/people/{nomination.person.pk}/"


def test_a_creator_who_lost_the_role_hears_nothing_of_the_dossier(
    world: World, django_capture_on_commit_callbacks
) -> None:
    nomination = world.nominate()
    force_state(nomination, S.SUBMITTED)
    # moved to another post: no role in the unit any more
    world.clerk.role_assignments.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        transition(nomination=nomination, to=S.RETURNED, actor=world.office, reason="Thiếu hồ sơ")

    assert not Notification.objects.filter(user=world.clerk, nomination=nomination).exists()


def test_a_passing_vote_is_told_to_the_office_that_proposes_not_to_the_decider(
    world: World,
) -> None:
    """“… may be proposed to the decider” is the emulation office's step: the province's
    leader (head and decider, as the demo's lanhdao) is told only when it reaches him."""
    from tests.nominations.world import user_with
    from vinhdanh.nominations.domain.notifications import recipients

    leader = user_with(world.province, is_head=True, is_decider=True, email="lanhdao@tinh.example")
    nomination = force_state(world.nominate(), S.VOTED)
    assert recipients(nomination, S.VOTED) == {world.office.pk}
    assert leader.pk in recipients(nomination, S.PROPOSED)
