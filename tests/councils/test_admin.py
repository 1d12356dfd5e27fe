"""Sessions and ballots are read-only in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.councils.builders import FOR, council_world, make_nomination, run_vote
from tests.factories.orgs import UserFactory
from vinhdanh.councils.models import Ballot, BallotCast

pytestmark = pytest.mark.django_db


def test_ballots_and_sessions_cannot_be_changed_in_the_admin(client):
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 3})
    client.force_login(
        UserFactory(is_superuser=True, is_staff=True),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    ballot = Ballot.objects.filter(session=session).first()
    cast = BallotCast.objects.filter(session=session).first()
    for name, pk in [
        ("councils_ballot", ballot.pk),
        ("councils_ballotcast", cast.pk),
        ("councils_councilsession", session.pk),
    ]:
        change = reverse(f"admin:{name}_change", args=[pk])
        assert client.get(change).status_code == 200
        assert client.post(change, {}).status_code == 403
        assert client.post(reverse(f"admin:{name}_delete", args=[pk])).status_code == 403
        assert client.get(reverse(f"admin:{name}_add")).status_code == 403
    assert Ballot.objects.filter(session=session, choice=FOR).count() == 3
    # the thresholds stay editable data, on the office's vote-rule pages
    assert client.get(reverse("web:councils:threshold_new")).status_code == 200
