from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from tests.factories.orgs import UnitFactory, UserFactory
from vinhdanh.common.audit import record_action, record_bulk, snapshot
from vinhdanh.common.context import acting
from vinhdanh.common.models import AuditEvent
from vinhdanh.common.models.audit import AuditError
from vinhdanh.orgs.models import Unit

pytestmark = pytest.mark.django_db


def _events(obj: Unit) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="orgs.unit", object_id=str(obj.pk)).order_by("id")
    )


@pytest.fixture
def event() -> AuditEvent:
    unit = UnitFactory(name="Sở Tài chính")
    return _events(unit)[0]


def test_audit_event_save_on_existing_row_raises(event: AuditEvent) -> None:
    event.message = "rewritten"

    with pytest.raises(AuditError):
        event.save()


def test_audit_event_delete_raises(event: AuditEvent) -> None:
    with pytest.raises(AuditError):
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_queryset_update_raises(event: AuditEvent) -> None:
    with pytest.raises(AuditError):
        AuditEvent.objects.filter(pk=event.pk).update(message="rewritten")


def test_audit_queryset_delete_raises(event: AuditEvent) -> None:
    with pytest.raises(AuditError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_create_writes_one_event_with_who_and_request_id() -> None:
    user = UserFactory(username="can_bo")

    with acting(user, source="web", request_id="req-create-1"):
        unit = UnitFactory(name="Sở Y tế")

    [event] = _events(unit)
    assert event.action == AuditEvent.Action.CREATE
    assert event.before is None
    assert event.after is not None
    assert event.after["name"] == "Sở Y tế"
    assert (event.user_id, event.username) == (user.pk, "can_bo")
    assert (event.request_id, event.source) == ("req-create-1", "web")
    assert event.object_repr == "Sở Y tế"


def test_audit_update_writes_old_and_new_values() -> None:
    unit = UnitFactory(name="Sở Y tế")

    with acting(None, source="cli", request_id="req-update-1"):
        unit.name = "Sở Y tế tỉnh"
        unit.save()

    events = _events(unit)
    assert len(events) == 2
    update = events[1]
    assert update.action == AuditEvent.Action.UPDATE
    assert update.request_id == "req-update-1"
    assert ("name", "Sở Y tế", "Sở Y tế tỉnh") in update.changes
    assert [c[0] for c in update.changes] == ["name"]


def test_audit_save_without_change_writes_nothing() -> None:
    unit = UnitFactory()

    unit.save()

    assert len(_events(unit)) == 1


def test_audit_delete_writes_last_state() -> None:
    unit = UnitFactory(name="Phòng Giải thể")
    pk = unit.pk

    unit.delete()

    events = list(AuditEvent.objects.filter(object_type="orgs.unit", object_id=str(pk)))
    delete = next(e for e in events if e.action == AuditEvent.Action.DELETE)
    assert delete.before is not None
    assert delete.before["name"] == "Phòng Giải thể"
    assert delete.after is None


def test_audit_event_rolled_back_with_the_change() -> None:
    before = AuditEvent.objects.count()

    @transaction.atomic
    def create_then_fail() -> None:
        UnitFactory(code="ROLLBACK")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        create_then_fail()

    assert not Unit.objects.filter(code="ROLLBACK").exists()
    assert AuditEvent.objects.count() == before


def test_audit_snapshot_leaves_out_derived_columns() -> None:
    unit = UnitFactory(name="Sở Nội vụ")

    data = snapshot(unit)

    assert "search_key" not in data
    assert "path" not in data
    assert data["valid_from"] == "2000-01-01"


def test_audit_record_action_keeps_message_and_details() -> None:
    unit = UnitFactory()

    with acting(None, source="cli:test", request_id="req-action"):
        event = record_action(unit, "merge of A, B", event=12)

    assert event.action == AuditEvent.Action.ACTION
    assert event.message == "merge of A, B"
    assert event.after == {"event": 12}
    assert event.request_id == "req-action"


def test_audit_record_bulk_writes_one_create_per_row() -> None:
    units = Unit.objects.bulk_create(
        [Unit(code=f"B{i}", name=f"Bulk {i}", level="division") for i in range(3)]
    )
    before = AuditEvent.objects.count()

    assert record_bulk(units) == 3

    assert AuditEvent.objects.count() == before + 3


def test_audit_deleting_a_user_keeps_their_events() -> None:
    user = UserFactory(username="nghi_huu")
    with acting(user, source="web"):
        unit = UnitFactory()

    user.delete()

    [event] = _events(unit)
    assert event.user_id is not None
    assert event.username == "nghi_huu"


def test_audit_admin_is_read_only(event: AuditEvent) -> None:
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    base = "/admin/common/auditevent/"

    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", {"message": "x"}).status_code == 403
    assert client.get(f"{base}{event.pk}/delete/").status_code == 403
    assert client.post(f"{base}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{base}{event.pk}/change/", {"message": "x"}).status_code == 403
    response = client.post(
        base, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302, 403)
    assert AuditEvent.objects.filter(pk=event.pk, message="").exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)
def test_audit_raw_sql_update_refused_by_postgresql(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE common_auditevent SET message = %s WHERE id = %s", ["rewritten", event.pk]
        )

    assert AuditEvent.objects.get(pk=event.pk).message == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)
def test_audit_raw_sql_delete_refused_by_postgresql(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM common_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_file_field_logged_as_its_stored_name(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.base import ContentFile

    from vinhdanh.movements.models import Movement, MovementDocument

    settings.MEDIA_ROOT = tmp_path
    movement = Movement.objects.create(
        name="Phong trào thi đua", launched_by=UnitFactory(), starts_on=dt.date(2025, 1, 1)
    )
    document = MovementDocument(
        movement=movement,
        title="Kế hoạch",
        original_name="ke-hoach.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    document.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4\n"), save=True)

    event = AuditEvent.objects.get(object_type="movements.movementdocument")
    assert event.after is not None
    assert event.after["file"] == document.file.name
