"""Reads of personal data through the API and the exports are recorded like the person page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.common.models import AuditEvent

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def scene(client):  # type: ignore[no-untyped-def]
    unit = UnitFactory(name="Sở Nội vụ")
    people = [PersonFactory(given_name=n) for n in ("Hồng", "Lan")]
    for person in people:
        PostFactory(person=person, unit=unit)
        person.refresh_from_db()
    clerk = RoleFactory(unit=unit, is_clerk=True).user
    clerk.refresh_from_db()
    client.force_login(clerk, backend=MODEL_BACKEND)
    return client, clerk, unit, people


def _list_events(clerk, channel):  # type: ignore[no-untyped-def]
    return AuditEvent.objects.filter(
        object_type="people.person", object_id="list", user_id=clerk.pk, after__channel=channel
    )


def test_api_person_detail_is_recorded_as_viewed(scene) -> None:  # type: ignore[no-untyped-def]
    client, clerk, _unit, people = scene

    assert client.get(f"/api/v1/people/{people[0].pk}/").status_code == 200

    event = AuditEvent.objects.get(
        object_type="people.person", object_id=str(people[0].pk), message="viewed"
    )
    assert (event.message, event.user_id, event.after["channel"]) == ("viewed", clerk.pk, "api")


def test_api_people_list_records_who_was_listed(scene) -> None:  # type: ignore[no-untyped-def]
    client, clerk, _unit, people = scene

    assert client.get("/api/v1/people/").status_code == 200

    assert _list_events(clerk, "api").get().after["person_ids"] == sorted(p.pk for p in people)


@pytest.mark.parametrize("export", ["web:people_xlsx", "web:unit_people_xlsx"])
def test_xlsx_exports_record_who_was_exported(scene, export) -> None:  # type: ignore[no-untyped-def]
    client, clerk, unit, people = scene
    url = reverse(export, args=[unit.pk]) if export == "web:unit_people_xlsx" else reverse(export)

    assert client.get(url).status_code == 200

    assert _list_events(clerk, "xlsx").get().after["person_ids"] == sorted(p.pk for p in people)
