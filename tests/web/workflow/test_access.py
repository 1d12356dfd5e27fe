"""Every page of the workflow, for every role: login, scope (out of scope is 404), methods,
and markup the content security policy accepts. The URL list is read from the URLconf: a new
page that is not classified here fails the first test, so it cannot escape the matrix."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse
from django.utils import timezone

from tests.nominations.world import S, World, force_state
from vinhdanh.movements.domain.movements import add_movement_document, launch_movement, register
from vinhdanh.nominations.domain.nominations import add_attachment
from vinhdanh.nominations.domain.notices import post_notice
from vinhdanh.nominations.models import Notification
from vinhdanh.web import workflow_urls

pytestmark = pytest.mark.django_db

ROLES = ("clerk", "head", "office", "council", "decider", "clerk_b", "outsider")
IN_SCOPE = {"clerk", "head", "office", "council", "decider"}

PUBLIC = {"workflow_public_notices", "workflow_public_notice"}
LISTS = {
    "workflow_inbox",
    "workflow_notifications",
    "workflow_movements",
    "workflow_movement_new",
    "workflow_rounds",
    "workflow_round_new",
}
SCOPED = {
    "workflow_round",
    "workflow_nomination",
    "workflow_nomination_edit",
    "workflow_nomination_new",
    "workflow_nominee_search",
    "workflow_round_edit",
    "workflow_round_close",
    "workflow_round_withdraw",
    "workflow_attachment",
    "workflow_movement",
    "workflow_movement_document",
}
POST_ONLY = {
    "workflow_notifications_read_all",
    "workflow_notification_read",
    "workflow_movement_document_add",
    "workflow_movement_register",
    "workflow_registration_withdraw",
    "workflow_round_bulk",
    "workflow_round_quota_override",
    "workflow_round_notice",
    "workflow_nomination_transition",
    "workflow_nomination_override",
    "workflow_nomination_reevaluate",
    "workflow_attachment_add",
    "workflow_attachment_delete",
}
# POST endpoints on an object of the round or movement: out of scope → 404.
SCOPED_POST = POST_ONLY - {"workflow_notifications_read_all", "workflow_notification_read"}

PATTERNS: dict[str, URLPattern] = {
    p.name: p for p in workflow_urls.urlpatterns if isinstance(p, URLPattern) and p.name
}
OBJECT_OF = {
    "workflow_round": "round",
    "workflow_round_bulk": "round",
    "workflow_round_quota_override": "round",
    "workflow_round_notice": "round",
    "workflow_nomination_new": "round",
    "workflow_nominee_search": "round",
    "workflow_round_edit": "round",
    "workflow_round_close": "round",
    "workflow_round_withdraw": "round",
    "workflow_nomination": "nomination",
    "workflow_nomination_edit": "nomination",
    "workflow_nomination_transition": "nomination",
    "workflow_nomination_override": "nomination",
    "workflow_nomination_reevaluate": "nomination",
    "workflow_attachment_add": "nomination",
    "workflow_attachment": "attachment",
    "workflow_attachment_delete": "attachment",
    "workflow_movement": "movement",
    "workflow_movement_document_add": "movement",
    "workflow_movement_register": "movement",
    "workflow_movement_document": "document",
    "workflow_registration_withdraw": "registration",
    "workflow_public_notice": "notice",
    "workflow_notification_read": "notification",
}


def fixtures(world: World) -> dict[str, Any]:
    """One object of each kind a URL takes, all inside the Sở Tư pháp → province round."""
    nomination = world.nominate()
    pdf = b"%PDF-1.4\n%%EOF\n"
    attachment = add_attachment(
        actor=world.clerk,
        nomination=nomination,
        upload=SimpleUploadedFile("bao-cao.pdf", pdf, "application/pdf"),
    )
    movement = launch_movement(
        actor=world.clerk,
        launched_by=world.dept,
        name="Thi đua chuyển đổi số",
        kind="thematic",
        starts_on=dt.date(2024, 1, 1),
    )
    document = add_movement_document(
        actor=world.clerk,
        movement=movement,
        title="Kế hoạch",
        upload=SimpleUploadedFile("kh.pdf", pdf, "application/pdf"),
    )
    registration = register(
        actor=world.clerk,
        movement=movement,
        registering_unit=world.dept,
        person=nomination.person,
        target_kinds=[nomination.kind],
    )
    voted = force_state(world.nominate(), S.VOTED)
    notice = post_notice(
        actor=world.office,
        round=world.round,
        starts_on=timezone.localdate(),
        nominations=[voted],
    )
    return {
        "round": world.round,
        "nomination": nomination,
        "attachment": attachment,
        "movement": movement,
        "document": document,
        "registration": registration,
        "notice": notice,
        "notification": Notification.objects.create(user=world.clerk, message="Thông báo"),
    }


def drain(response: Any) -> Any:
    """Read a streamed download to its end: the test client then closes the file itself
    (calling close() here would also close the test's database connection)."""
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response


def get_status(client: Any, address: str) -> int:
    return int(drain(client.get(address)).status_code)


def url(name: str, objects: dict[str, Any]) -> str:
    key = OBJECT_OF.get(name)
    return reverse(f"web:{name}", args=[objects[key].pk] if key else [])


def test_every_workflow_url_is_classified() -> None:
    assert len(PATTERNS) == len(workflow_urls.urlpatterns)
    classes = [PUBLIC, LISTS, SCOPED, POST_ONLY]
    for name in PATTERNS:
        assert sum(name in c for c in classes) == 1, name
        assert ("<int:pk>" in str(PATTERNS[name].pattern)) == (name in OBJECT_OF), name


def test_anonymous_users_are_sent_to_login_except_on_public_pages(client, world: World) -> None:
    objects = fixtures(world)
    for name in PATTERNS:
        response = drain(client.get(url(name, objects)))
        if name in PUBLIC:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(client, world: World, role: str) -> None:
    objects = fixtures(world)
    client.force_login(getattr(world, role))
    for name in PATTERNS:
        status = get_status(client, url(name, objects))
        if name in POST_ONLY:
            assert status == 405, (name, status)
        elif name in SCOPED:
            expected = {200, 302} if role in IN_SCOPE else {404}
            assert status in expected, (name, role, status)
        else:
            assert status == 200, (name, role, status)


@pytest.mark.parametrize("role", ["clerk_b", "outsider"])
def test_actions_out_of_scope_are_not_found(client, world: World, role: str) -> None:
    objects = fixtures(world)
    client.force_login(getattr(world, role))
    for name in SCOPED_POST:
        response = client.post(url(name, objects), {"to": S.SUBMITTED, "reason": "x"})
        assert response.status_code == 404, name
    # Someone else's notification.
    assert client.post(url("workflow_notification_read", objects)).status_code == 404
    objects["nomination"].refresh_from_db()
    assert objects["nomination"].state == S.DRAFT


def test_pages_carry_no_inline_script_or_style(client, world: World, django_user_model) -> None:
    objects = fixtures(world)
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(root)
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    for name in PATTERNS:
        if name in POST_ONLY:
            continue
        response = drain(client.get(url(name, objects)))
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        assert " style=" not in html, name
        assert "<style" not in html, name
        assert not inline_script.search(html), name
