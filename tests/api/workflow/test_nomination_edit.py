"""Editing a nomination over the API names the version read; a stale edit is refused with what
differs (409 for a body version, 412 for If-Match), and a write naming no version is refused."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient

from tests.nominations.world import World, user_with
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.models import Nomination


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(nomination: Nomination) -> str:
    return f"/api/v1/workflow/nominations/{nomination.pk}/"


def test_stale_body_version_gets_409_with_the_differences(world: World) -> None:
    nomination = world.nominate()
    first, second = _client(world.clerk), _client(user_with(world.dept, is_clerk=True))
    read = first.get(_url(nomination))
    version = read.json()["version"]
    assert read["ETag"] == f'"{version}"'

    saved = first.patch(
        _url(nomination),
        {"version": version, "period_label": "Năm 2024 (bản một)"},
        format="json",
    )
    stale = second.patch(
        _url(nomination),
        {"version": version, "period_label": "Năm 2024 (bản hai)"},
        format="json",
    )

    assert saved.status_code == 200
    assert saved.json()["version"] == version + 1
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale"
    assert body["version"] == version + 1
    assert body["changes"] == [
        {"field": "period_label", "yours": "Năm 2024 (bản hai)", "current": "Năm 2024 (bản một)"}
    ]
    assert "Có người khác đã lưu" in body["detail"]
    nomination.refresh_from_db()
    assert nomination.period_label == "Năm 2024 (bản một)"
    audited = AuditEvent.objects.filter(object_id=str(nomination.pk), action="update")
    assert [e.after["period_label"] for e in audited if "period_label" in (e.after or {})] == [
        "Năm 2024 (bản một)"
    ]


def test_stale_if_match_gets_412_and_a_fresh_one_saves(world: World) -> None:
    nomination = world.nominate()
    client = _client(world.clerk)
    tag = client.get(_url(nomination))["ETag"]
    assert (
        client.patch(
            _url(nomination), {"achievement_summary": "Bản mới."}, format="json", HTTP_IF_MATCH=tag
        ).status_code
        == 200
    )

    stale = client.patch(
        _url(nomination), {"achievement_summary": "Bản cũ."}, format="json", HTTP_IF_MATCH=tag
    )
    fresh_tag = client.get(_url(nomination))["ETag"]
    fresh = client.patch(
        _url(nomination), {"achievement_summary": "Bản cũ."}, format="json", HTTP_IF_MATCH=fresh_tag
    )

    assert stale.status_code == 412
    assert stale.json()["changes"][0]["current"] == "Bản mới."
    assert fresh.status_code == 200
    nomination.refresh_from_db()
    assert nomination.achievement_summary == "Bản cũ."


def test_an_edit_naming_no_version_is_refused(world: World) -> None:
    nomination = world.nominate()

    answer = _client(world.clerk).patch(
        _url(nomination), {"period_label": "Không phiên bản"}, format="json"
    )

    assert answer.status_code == 428
    nomination.refresh_from_db()
    assert nomination.period_label != "Không phiên bản"


def test_another_units_clerk_cannot_find_the_nomination_to_edit(world: World) -> None:
    nomination = world.nominate()

    answer = _client(world.clerk_b).patch(
        _url(nomination), {"version": 1, "period_label": "Ghi đè"}, format="json"
    )

    assert answer.status_code == 404
