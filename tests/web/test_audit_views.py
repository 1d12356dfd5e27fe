from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories.orgs import RoleFactory
from tests.web.conftest import login
from vinhdanh.common.context import acting

pytestmark = pytest.mark.django_db


def test_audit_log_is_closed_to_clerks(clerk_client, world):
    assert clerk_client.get(reverse("web:audit")).status_code == 403


def test_audit_log_shows_old_and_new_values(client, world):
    admin = RoleFactory(unit=world.province, is_admin=True, is_clerk=False).user
    with acting(admin, source="web", request_id="req-rename-1"):
        world.hong.current_title = "Phó Trưởng phòng"
        world.hong.save()
    login(client, admin)
    url = reverse("web:audit")
    response = client.get(url, {"object_type": "people.person", "request_id": "req-rename-1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert [e.request_id for e in response.context["page"].items] == ["req-rename-1"]
    assert "Chuyên viên chính" in html
    assert "Phó Trưởng phòng" in html
    assert 'class="old"' in html
    assert 'class="new"' in html


def test_audit_log_filters_by_user(root_client, world):
    response = root_client.get(reverse("web:audit"), {"user": "nobody-like-this"})
    assert response.context["page"].items == []


def test_audit_log_reads_in_vietnamese(root_client, world):
    from vinhdanh.common.audit import record_action
    from vinhdanh.movements.models import Movement

    movement = Movement.objects.first()
    with acting(None, source="web", request_id="req-vi-1"):
        record_action(world.hong, "viewed")
        if movement is not None:
            record_action(movement, "movement launched", kind="regular")
        world.hong.current_title = "Phó Trưởng phòng"
        world.hong.save()
    html = root_client.get(reverse("web:audit"), {"request_id": "req-vi-1"}).content.decode()
    assert "đã xem hồ sơ" in html
    assert "chức vụ hiện tại" in html.lower() or "chức vụ" in html
    assert "giao diện web" in html
    text = re.sub(r"<[^>]+>", " ", html)
    for raw in ("viewed", "current_title", "kind:", "True", "False", "people.person"):
        assert raw not in text, raw


def test_audit_values_are_shown_by_their_labels():
    from vinhdanh.movements.models import Movement
    from vinhdanh.web.audit_display import field_label, value_text

    assert value_text(Movement, "kind", "regular") == "Thường xuyên"
    assert value_text(None, "to_state", "submitted") == "Đã trình"
    assert value_text(None, "x", True) == "có"
    assert value_text(None, "starts_on", "2025-01-10") == "10/01/2025"
    assert field_label(Movement, "kind") != "kind"


def test_every_recorded_action_reads_in_vietnamese_on_the_audit_page() -> None:
    """Each literal message a `record_action` call stores is shown translated, not in English."""
    import ast
    from pathlib import Path

    from django.utils import translation

    from vinhdanh.web.audit_display import action_message

    root = Path(__file__).resolve().parents[2] / "src" / "vinhdanh"
    messages: set[str] = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if isinstance(node, ast.Call) and name == "record_action" and len(node.args) > 1:
                # A literal, or one of two literals; composed texts are shown by a pattern.
                argument = node.args[1]
                parts = (
                    [argument.body, argument.orelse]
                    if isinstance(argument, ast.IfExp)
                    else [argument]
                )
                messages |= {
                    c.value
                    for c in parts
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                }
    assert "entered in the register of outgoing documents" in messages
    with translation.override("vi"):
        english = sorted(m for m in messages if action_message(m) == m)
        assert english == []
        assert action_message("round closed") != "round closed"
