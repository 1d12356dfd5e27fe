"""The workflow over REST: the same domain function, scoped reads, messages in Vietnamese."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext as _
from rest_framework.test import APIClient

from tests.nominations.world import S, World, force_state
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.models import Notification
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db

BASE = "/api/v1/workflow"


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_lists_are_scoped(world: World) -> None:
    nomination = world.nominate()
    for user in (world.clerk, world.office, world.decider):
        rounds = api(user).get(f"{BASE}/rounds/").json()["results"]
        assert [r["id"] for r in rounds] == [world.round.pk]
        items = api(user).get(f"{BASE}/nominations/").json()["results"]
        assert [n["id"] for n in items] == [nomination.pk]
        assert items[0]["kind"] == "LDTT"
    assert api(world.clerk_b).get(f"{BASE}/nominations/").json()["results"] == []
    assert api(world.clerk_b).get(f"{BASE}/nominations/{nomination.pk}/").status_code == 404
    assert api(None).get(f"{BASE}/nominations/").status_code in (401, 403)


def test_detail_has_checks_history_and_the_moves_offered(world: World) -> None:
    nomination = world.nominate()
    data = api(world.clerk).get(f"{BASE}/nominations/{nomination.pk}/").json()
    assert data["eligibility_outcome"] == "ELIGIBLE"
    assert data["eligibility_checks"][0]["rule"] == "R-LDTT-1"
    assert [e["to_state"] for e in data["events"]] == [S.DRAFT]
    assert {m["to"] for m in data["allowed_transitions"]} == {S.SUBMITTED, S.WITHDRAWN}


def test_transition_endpoint_moves_and_audits_with_the_request_id(world: World) -> None:
    nomination = world.nominate()
    response = api(world.clerk).post(
        f"{BASE}/nominations/{nomination.pk}/transition/",
        {"to": S.SUBMITTED},
        format="json",
        HTTP_X_REQUEST_ID="api-req-7",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == S.SUBMITTED
    event = AuditEvent.objects.get(object_id=str(nomination.pk), message__startswith="transition")
    assert (event.request_id, event.source, event.user_id) == ("api-req-7", "api", world.clerk.pk)


def test_transition_errors_carry_the_message(world: World) -> None:
    nomination = force_state(world.nominate(), S.SUBMITTED)
    response = api(world.office).post(
        f"{BASE}/nominations/{nomination.pk}/transition/", {"to": S.RETURNED}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": _("Give a reason: it is required to move a nomination to “%(target)s”.")
        % {"target": S.RETURNED.label},
        "code": "reason_required",
    }
    forbidden = api(world.clerk).post(
        f"{BASE}/nominations/{nomination.pk}/transition/", {"to": S.APPRAISED}, format="json"
    )
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "not_permitted"
    unknown = api(world.office).post(
        f"{BASE}/nominations/{nomination.pk}/transition/", {"to": "flying"}, format="json"
    )
    assert unknown.status_code == 400
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED


def test_override_through_the_api(world: World) -> None:
    nomination = world.nominate(person=world.person(rating=Rating.HTNV))
    refused = api(world.clerk).post(
        f"{BASE}/nominations/{nomination.pk}/transition/", {"to": S.SUBMITTED}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "not_eligible"
    done = api(world.head).post(
        f"{BASE}/nominations/{nomination.pk}/transition/",
        {"to": S.SUBMITTED, "override_reason": "Thành tích đột xuất"},
        format="json",
    )
    assert done.status_code == 200
    assert done.json()["override"]["reason"] == "Thành tích đột xuất"


def test_bulk_transition_reports_per_item(world: World) -> None:
    good = world.nominate()
    weak = world.nominate(person=world.person(rating=Rating.HTNV))
    response = api(world.clerk).post(
        f"{BASE}/rounds/{world.round.pk}/bulk-transition/", {"to": S.SUBMITTED}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["done"] == [good.pk]
    assert [f["nomination"] for f in data["failed"]] == [weak.pk]
    assert data["failed"][0]["detail"]


def test_notifications_are_the_callers_own(world: World) -> None:
    mine = Notification.objects.create(user=world.clerk, message="Của tôi")
    Notification.objects.create(user=world.office, message="Không phải của tôi")
    listed = api(world.clerk).get(f"{BASE}/notifications/").json()["results"]
    assert [n["id"] for n in listed] == [mine.pk]
    assert api(world.clerk).post(f"{BASE}/notifications/{mine.pk}/read/").status_code == 204
    mine.refresh_from_db()
    assert mine.is_read
    other = Notification.objects.get(user=world.office)
    assert api(world.clerk).post(f"{BASE}/notifications/{other.pk}/read/").status_code == 404


def test_workflow_endpoints_are_in_the_openapi_schema(world: World) -> None:
    response = api(world.clerk).get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert response.status_code == 200
    text = response.content.decode()
    for path in (
        "/api/v1/workflow/rounds/",
        "/api/v1/workflow/nominations/{id}/",
        "/api/v1/workflow/nominations/{id}/transition/",
        "/api/v1/workflow/rounds/{id}/bulk-transition/",
        "/api/v1/workflow/notifications/",
    ):
        assert path in text, path
    assert "TransitionInput" in text


def test_list_filter_it_cannot_read_is_400(world: World) -> None:
    world.nominate()

    response = api(world.office).get(f"{BASE}/nominations/", {"round": ""})

    assert response.status_code == 400
    assert "round" in response.json()


def test_id_filters_do_not_tell_an_outside_id_from_a_missing_one(world: World) -> None:
    nomination = world.nominate()
    missing = world.round.pk + 10_000

    mine = api(world.clerk).get(f"{BASE}/nominations/", {"round": world.round.pk})
    outside = api(world.clerk_b).get(f"{BASE}/nominations/", {"round": world.round.pk})
    absent = api(world.clerk_b).get(f"{BASE}/nominations/", {"round": missing})

    assert [n["id"] for n in mine.json()["results"]] == [nomination.pk]
    assert (outside.status_code, outside.json()["results"]) == (200, [])
    assert (absent.status_code, absent.json()["results"]) == (200, [])
    unit = world.round.owning_unit_id
    outside = api(world.clerk_b).get(f"{BASE}/rounds/", {"owning_unit": unit})
    absent = api(world.clerk_b).get(f"{BASE}/rounds/", {"owning_unit": unit + 10_000})
    assert outside.json()["results"] == absent.json()["results"] == []
    assert api(world.clerk_b).get(f"{BASE}/rounds/", {"owning_unit": "x"}).status_code == 400


def test_a_decider_heading_the_deciding_unit_cannot_propose_to_himself(world: World) -> None:
    from tests.nominations.world import user_with

    chair = user_with(world.province, is_head=True, is_decider=True)
    nomination = force_state(world.nominate(), S.VOTED)
    response = api(chair).post(
        f"{BASE}/nominations/{nomination.pk}/transition/", {"to": S.PROPOSED}, format="json"
    )
    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.state == S.VOTED
