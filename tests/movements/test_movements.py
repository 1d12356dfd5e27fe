"""Movements launched by a unit, and registrations (đăng ký thi đua) of people and collectives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.awards import kind
from tests.nominations.world import World
from vinhdanh.common.models import AuditEvent
from vinhdanh.movements.domain.errors import MovementError, NotPermitted
from vinhdanh.movements.domain.movements import (
    add_movement_document,
    launch_movement,
    register,
    withdraw_registration,
)
from vinhdanh.movements.domain.queries.movements import (
    movement_registrations,
    movements_for_unit,
    registrations_for_subject,
    visible_movements,
)
from vinhdanh.movements.enums import MovementKind

pytestmark = pytest.mark.django_db


def _movement(world: World, **kw):  # type: ignore[no-untyped-def]
    values = {
        "actor": world.office,
        "launched_by": world.province,
        "name": "Phong trào thi đua yêu nước năm 2025",
        "kind": MovementKind.REGULAR,
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2025, 12, 31),
        "criteria": "Hoàn thành xuất sắc nhiệm vụ chính trị",
        "target_kinds": [kind("LDTT"), kind("CSTDCS"), kind("TTLDTT")],
    }
    values.update(kw)
    return launch_movement(**values)


def test_a_unit_launches_a_regular_movement_for_the_year(world: World) -> None:
    movement = _movement(world)
    assert movement.year == 2025
    assert set(movement.target_kinds.values_list("code", flat=True)) == {"LDTT", "CSTDCS", "TTLDTT"}
    event = AuditEvent.objects.get(
        object_type="movements.movement", object_id=str(movement.pk), message="movement launched"
    )
    assert event.user_id == world.office.pk


def test_a_thematic_movement_has_its_own_period(world: World) -> None:
    movement = _movement(
        world,
        launched_by=world.dept,
        actor=world.clerk,
        name="Thi đua chuyển đổi số 2024–2026",
        kind=MovementKind.THEMATIC,
        starts_on=dt.date(2024, 6, 1),
        ends_on=dt.date(2026, 6, 1),
    )
    assert movement.year is None
    with pytest.raises(MovementError):
        _movement(world, starts_on=dt.date(2025, 5, 1), ends_on=dt.date(2025, 4, 1))


def test_only_the_units_own_roles_launch_its_movements(world: World) -> None:
    with pytest.raises(NotPermitted):
        _movement(world, actor=world.clerk)  # a department clerk, for the province
    with pytest.raises(NotPermitted):
        _movement(world, actor=world.council)


def test_movements_are_seen_by_the_launcher_and_the_units_below(world: World) -> None:
    provincial = _movement(world)
    departmental = _movement(world, actor=world.clerk, launched_by=world.dept, name="Sở TP")
    assert set(visible_movements(world.clerk)) == {provincial, departmental}
    assert set(visible_movements(world.clerk_b)) == {provincial}
    assert set(visible_movements(world.office)) == {provincial, departmental}
    assert list(visible_movements(world.outsider)) == []
    assert set(movements_for_unit(world.dept_b)) == {provincial}


def test_people_and_collectives_register_with_the_titles_they_aim_for(world: World) -> None:
    movement = _movement(world)
    person = world.person()
    mine = register(
        actor=world.clerk,
        movement=movement,
        registering_unit=world.dept,
        person=person,
        target_kinds=[kind("LDTT"), kind("CSTDCS")],
        pledge="Hoàn thành xuất sắc nhiệm vụ",
        registered_on=dt.date(2025, 1, 15),
    )
    collective = register(
        actor=world.clerk,
        movement=movement,
        registering_unit=world.dept,
        unit=world.dept,
        target_kinds=[kind("TTLDTT")],
        registered_on=dt.date(2025, 1, 15),
    )
    assert mine.year == 2025
    assert list(registrations_for_subject(person=person, year=2025)) == [mine]
    assert list(registrations_for_subject(unit=world.dept, year=2025)) == [collective]
    # The launcher sees every registration; another department sees none of these.
    assert set(movement_registrations(movement, user=world.office)) == {mine, collective}
    assert list(movement_registrations(movement, user=world.clerk_b)) == []


def test_registration_rules(world: World) -> None:
    movement = _movement(world)
    person = world.person()
    with pytest.raises(NotPermitted):
        register(
            actor=world.clerk_b,
            movement=movement,
            registering_unit=world.dept,
            person=person,
            target_kinds=[kind("LDTT")],
        )
    with pytest.raises(MovementError):  # not the person's unit
        register(
            actor=world.clerk_b,
            movement=movement,
            registering_unit=world.dept_b,
            person=person,
            target_kinds=[kind("LDTT")],
        )
    with pytest.raises(MovementError):  # a collective title for a person
        register(
            actor=world.clerk,
            movement=movement,
            registering_unit=world.dept,
            person=person,
            target_kinds=[kind("TTLDTT")],
            registered_on=dt.date(2025, 1, 10),
        )
    with pytest.raises(MovementError):  # after the movement ended
        register(
            actor=world.clerk,
            movement=movement,
            registering_unit=world.dept,
            person=person,
            target_kinds=[kind("LDTT")],
            registered_on=dt.date(2026, 1, 2),
        )
    register(
        actor=world.clerk,
        movement=movement,
        registering_unit=world.dept,
        person=person,
        target_kinds=[kind("LDTT")],
        registered_on=dt.date(2025, 1, 10),
    )
    with pytest.raises(MovementError):  # twice
        register(
            actor=world.clerk,
            movement=movement,
            registering_unit=world.dept,
            person=person,
            target_kinds=[kind("LDTT")],
            registered_on=dt.date(2025, 1, 11),
        )


def test_withdrawn_registration_is_no_longer_counted(world: World) -> None:
    movement = _movement(world)
    person = world.person()
    registration = register(
        actor=world.clerk,
        movement=movement,
        registering_unit=world.dept,
        person=person,
        target_kinds=[kind("LDTT")],
        registered_on=dt.date(2025, 1, 10),
    )
    with pytest.raises(NotPermitted):
        withdraw_registration(actor=world.clerk_b, registration=registration)
    withdraw_registration(actor=world.clerk, registration=registration)
    assert list(registrations_for_subject(person=person)) == []


def test_movement_documents_are_checked_by_content(world: World) -> None:
    movement = _movement(world)
    document = add_movement_document(
        actor=world.office,
        movement=movement,
        title="Kế hoạch phát động",
        upload=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    assert document.content_type == "application/pdf"
    with pytest.raises(MovementError):
        add_movement_document(
            actor=world.office,
            movement=movement,
            title="Giả mạo",
            upload=SimpleUploadedFile("ke-hoach.pdf", b"#!/bin/sh\nrm -rf /", "application/pdf"),
        )
    with pytest.raises(NotPermitted):
        add_movement_document(
            actor=world.clerk,
            movement=movement,
            title="Không có quyền",
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n", "application/pdf"),
        )
