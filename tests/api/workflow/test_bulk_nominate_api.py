"""Bulk nomination over REST: all or none, a 400 with the problems of each item."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.nominations.world import World
from vinhdanh.nominations.models import Nomination
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(world: World) -> str:
    return f"/api/v1/workflow/rounds/{world.round.pk}/bulk-nominate/"


def test_bulk_nominate_creates_every_nomination(world: World) -> None:
    hong, lan = world.person(), world.person()
    response = api(world.clerk).post(
        url(world), {"kind": "LDTT", "people": [hong.pk, lan.pk]}, format="json"
    )
    assert response.status_code == 201
    created = Nomination.objects.filter(pk__in=response.json()["created"])
    assert {n.person for n in created} == {hong, lan}
    assert {n.eligibility_outcome for n in created} == {"ELIGIBLE"}


def test_bulk_nominate_refuses_everything_with_the_problems_of_each_item(world: World) -> None:
    hong = world.person()
    weak = world.person(rating=Rating.HTNV)
    nominated = world.person()
    world.nominate(person=nominated)
    response = api(world.clerk).post(
        url(world),
        {"kind": "LDTT", "people": [hong.pk, weak.pk, nominated.pk]},
        format="json",
    )
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "bulk_refused"
    assert [e["person"] for e in data["errors"]] == [weak.pk, nominated.pk]
    assert all(e["problems"] for e in data["errors"])
    assert Nomination.objects.count() == 1  # only the one made before


def test_bulk_nominate_out_of_scope_ids_are_refused_without_a_trace(world: World) -> None:
    ours = world.person()
    theirs = world.person(unit=world.dept_b)
    response = api(world.clerk).post(
        url(world), {"kind": "LDTT", "people": [ours.pk, theirs.pk]}, format="json"
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error == {
        "person": theirs.pk,
        "unit": None,
        "problems": ["Không tìm thấy trong các đơn vị của đồng chí."],
    }
    assert theirs.full_name not in response.content.decode()
    assert not Nomination.objects.exists()
    # Another unit's clerk does not see the round at all.
    other = api(world.clerk_b).post(
        url(world), {"kind": "LDTT", "people": [ours.pk]}, format="json"
    )
    assert other.status_code == 404
    assert not Nomination.objects.exists()


def test_bulk_nominate_needs_someone_and_a_known_title(world: World) -> None:
    assert api(world.clerk).post(url(world), {"kind": "LDTT"}, format="json").status_code == 400
    person = world.person()
    response = api(world.clerk).post(
        url(world), {"kind": "NOPE", "people": [person.pk]}, format="json"
    )
    assert response.status_code == 400
    assert "kind" in response.json()
