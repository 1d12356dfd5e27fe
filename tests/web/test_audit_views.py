from __future__ import annotations

import ast
import re
from pathlib import Path

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


def _calls(*names: str) -> list[ast.Call]:
    """The calls of these functions anywhere in the source tree."""
    root = Path(__file__).resolve().parents[2] / "src" / "vinhdanh"
    found = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if isinstance(node, ast.Call) and name in names:
                found.append(node)
    return found


def test_every_recorded_action_reads_in_vietnamese_on_the_audit_page() -> None:
    """Each literal message a `record_action` call stores is shown translated, not in English."""
    from django.utils import translation

    from vinhdanh.web.audit_display import action_message

    messages: set[str] = set()
    for node in _calls("record_action"):
        if len(node.args) > 1:
            # A literal, or one of two literals; composed texts are shown by a pattern.
            argument = node.args[1]
            parts = (
                [argument.body, argument.orelse] if isinstance(argument, ast.IfExp) else [argument]
            )
            messages |= {
                c.value for c in parts if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
    assert "entered in the register of outgoing documents" in messages
    with translation.override("vi"):
        english = sorted(m for m in messages if action_message(m) == m)
        assert english == []
        assert action_message("round closed") != "round closed"


def _visible(html: str) -> str:
    """The text a reader sees without opening anything (a closed <details> shows its summary)."""
    html = re.sub(r"<details.*?<summary>(.*?)</summary>.*?</details>", r"\1", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_an_export_of_people_reads_in_vietnamese_with_its_ids_summarised(root_client, world):
    from vinhdanh.people.domain.reads import record_people_read

    with acting(None, source="web", request_id="req-export-1"):
        record_people_read(range(1, 3001), channel="xlsx", what="people list export")
        record_people_read([5, 6], channel="api", what="people list")
        record_people_read(
            range(1, 40), channel="xlsx", what=f"people of unit {world.unit_a.pk} export"
        )
    html = root_client.get(reverse("web:audit"), {"request_id": "req-export-1"}).content.decode()
    text = _visible(html)
    assert "đã xem danh sách 3.000 người (xuất danh sách người ra tệp)" in text
    assert "3.000 người: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 … (và 2.990 người khác)" in text
    assert f"xuất danh sách người của {world.unit_a.name} (#{world.unit_a.pk})" in text
    assert "tệp Excel (.xlsx)" in text
    assert "Cá nhân: một danh sách người" in text
    assert "giao diện lập trình (API)" in text
    for raw in ("listed", "people", "export", "what:", "person ids", "#list", "channel"):
        assert raw not in text, raw
    assert "2999" not in text  # only in the closed “Xem tất cả”
    assert "Xem tất cả" in text
    assert "2999, 3000" in html
    assert len(text) < 5000


def test_every_detail_key_of_a_recorded_action_has_a_vietnamese_label() -> None:
    """The keyword details `record_action` / `record_system_action` calls store are shown by
    a Vietnamese label, not by their English key."""
    from django.utils import translation

    from vinhdanh.web.audit_display import field_label

    keys = {
        k.arg
        for node in _calls("record_action", "record_system_action")
        for k in node.keywords
        if k.arg is not None
    }
    assert {"person_ids", "what", "channel"} <= keys
    with translation.override("vi"):
        english = sorted(k for k in keys if field_label(None, k) == k.replace("_", " "))
    assert english == []
