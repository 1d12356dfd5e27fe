from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.common.models import AuditEvent
from vinhdanh.orgs.domain.units import (
    UnitEventError,
    create_unit,
    dissolve_unit,
    merge_units,
    rename_unit,
    split_unit,
)
from vinhdanh.orgs.enums import UnitEventKind, UnitLevel
from vinhdanh.orgs.models import Unit, UnitEvent
from vinhdanh.people.models import Person, Post

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 7, 1)
EVE = dt.date(2025, 6, 30)


@pytest.fixture
def province() -> Unit:
    return UnitFactory(code="P", name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE)


def _communes(province: Unit, *codes: str) -> list[Unit]:
    return [
        UnitFactory(code=c, name=f"Xã {c}", parent=province, level=UnitLevel.COMMUNE) for c in codes
    ]


def _person_in(unit: Unit, code: str, title: str = "Công chức") -> Person:
    post = PostFactory(person=PersonFactory(code=code), unit=unit, title=title)
    return Person.objects.get(pk=post.person_id)


def test_create_unit_under_a_parent_that_did_not_exist_yet_refused(province: Unit) -> None:
    late = UnitFactory(code="LATE", parent=province, valid_from=dt.date(2026, 1, 1))

    with pytest.raises(UnitEventError):
        create_unit(code="X", name="Xã X", level="commune", parent=late, valid_from=DAY)


def test_merge_creates_successor_and_ends_predecessors_the_day_before(province: Unit) -> None:
    a, b = _communes(province, "A", "B")

    merged = merge_units(
        units=[a, b],
        code="AB",
        name="Xã Hợp Nhất",
        effective_date=DAY,
        decision={"number": "1681/NQ-UBTVQH15", "body": "Ủy ban Thường vụ Quốc hội"},
    )

    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.valid_to, b.valid_to) == (EVE, EVE)
    assert merged.valid_from == DAY
    assert merged.parent == province
    assert merged.level == UnitLevel.COMMUNE
    event = UnitEvent.objects.get(kind=UnitEventKind.MERGE)
    assert set(event.predecessors.all()) == {a, b}
    assert list(event.successors.all()) == [merged]
    assert event.decision_number == "1681/NQ-UBTVQH15"
    assert AuditEvent.objects.filter(
        object_type="orgs.unit", object_id=str(merged.pk), action="action"
    ).exists()


def test_merge_moves_open_posts_to_successor(province: Unit) -> None:
    a, b = _communes(province, "A", "B")
    person_a = _person_in(a, "CA", title="Chủ tịch")
    person_b = _person_in(b, "CB")

    merged = merge_units(units=[a, b], code="AB", name="Xã Hợp Nhất", effective_date=DAY)

    for person, old_unit, title in [(person_a, a, "Chủ tịch"), (person_b, b, "Công chức")]:
        person.refresh_from_db()
        assert person.current_unit == merged
        assert person.current_title == title
        old, new = Post.objects.filter(person=person).order_by("start_date")
        assert (old.unit, old.end_date) == (old_unit, EVE)
        assert (new.unit, new.start_date, new.end_date) == (merged, DAY, None)


def test_merge_keeps_closed_posts_where_they_were(province: Unit) -> None:
    a, b = _communes(province, "A", "B")
    retired = PostFactory(unit=a, start_date=dt.date(2000, 1, 1), end_date=dt.date(2020, 1, 1))

    merge_units(units=[a, b], code="AB", name="Xã Hợp Nhất", effective_date=DAY)

    assert list(Post.objects.filter(person_id=retired.person_id)) == [retired]


def test_merge_moves_sub_units_and_recomputes_paths(province: Unit) -> None:
    a, b = _communes(province, "A", "B")
    village = UnitFactory(code="T1", parent=a, level=UnitLevel.VILLAGE)
    group = UnitFactory(code="G1", parent=village, level=UnitLevel.OTHER)

    merged = merge_units(units=[a, b], code="AB", name="Xã Hợp Nhất", effective_date=DAY)

    village.refresh_from_db()
    group.refresh_from_db()
    assert village.parent == merged
    assert village.path == f"{merged.path}{village.pk}/"
    assert group.path == f"{village.path}{group.pk}/"
    assert set(Unit.objects.descendants_of(merged)) == {merged, village, group}
    assert not Unit.objects.descendants_of(a, include_self=False).exists()


def test_merge_needs_two_units(province: Unit) -> None:
    [a] = _communes(province, "A")

    with pytest.raises(UnitEventError):
        merge_units(units=[a], code="AA", name="Xã A", effective_date=DAY)


def test_merge_of_an_ended_unit_refused(province: Unit) -> None:
    a, b = _communes(province, "A", "B")
    a.valid_to = dt.date(2024, 12, 31)
    a.save()

    with pytest.raises(UnitEventError):
        merge_units(units=[a, b], code="AB", name="Xã Hợp Nhất", effective_date=DAY)

    assert not Unit.objects.filter(code="AB").exists()


def test_split_ends_unit_and_sends_people_to_first_part(province: Unit) -> None:
    [a] = _communes(province, "A")
    person = _person_in(a, "CA")

    north, south = split_unit(
        unit=a,
        parts=[{"code": "AN", "name": "Xã A Bắc"}, {"code": "AS", "name": "Xã A Nam"}],
        effective_date=DAY,
    )

    a.refresh_from_db()
    person.refresh_from_db()
    assert a.valid_to == EVE
    assert (north.valid_from, south.valid_from) == (DAY, DAY)
    assert north.parent == south.parent == province
    assert person.current_unit == north
    event = UnitEvent.objects.get(kind=UnitEventKind.SPLIT)
    assert set(event.successors.all()) == {north, south}


def test_split_needs_two_parts(province: Unit) -> None:
    [a] = _communes(province, "A")

    with pytest.raises(UnitEventError):
        split_unit(unit=a, parts=[{"code": "AN", "name": "Xã A Bắc"}], effective_date=DAY)


def test_rename_keeps_old_name_before_effective_date(province: Unit) -> None:
    [a] = _communes(province, "A")
    old_name = a.name

    event = rename_unit(unit=a, new_name="Phường Sông Trí", effective_date=DAY)

    a.refresh_from_db()
    assert a.name == "Phường Sông Trí"
    assert (event.old_name, event.new_name) == (old_name, "Phường Sông Trí")
    assert a.name_on(EVE) == old_name
    assert a.name_on(DAY) == "Phường Sông Trí"
    assert a.name_on(dt.date(2030, 1, 1)) == "Phường Sông Trí"
    assert a.valid_to is None


def test_rename_twice_each_period_keeps_its_name(province: Unit) -> None:
    [a] = _communes(province, "A")
    rename_unit(unit=a, new_name="Tên Hai", effective_date=dt.date(2020, 1, 1))
    rename_unit(unit=a, new_name="Tên Ba", effective_date=DAY)

    assert a.name_on(dt.date(2019, 6, 1)) == "Xã A"
    assert a.name_on(dt.date(2022, 6, 1)) == "Tên Hai"
    assert a.name_on(DAY) == "Tên Ba"


def test_dissolve_refused_while_sub_units_live(province: Unit) -> None:
    [a] = _communes(province, "A")
    UnitFactory(code="T1", parent=a, level=UnitLevel.VILLAGE)

    with pytest.raises(UnitEventError):
        dissolve_unit(unit=a, effective_date=DAY)

    a.refresh_from_db()
    assert a.valid_to is None


def test_dissolve_ends_unit_and_its_posts(province: Unit) -> None:
    [a] = _communes(province, "A")
    person = _person_in(a, "CA")

    dissolve_unit(unit=a, effective_date=DAY)

    a.refresh_from_db()
    assert a.valid_to == EVE
    post = Post.objects.get(person=person)
    assert post.end_date == EVE
    event = UnitEvent.objects.get(kind=UnitEventKind.DISSOLVE)
    assert list(event.predecessors.all()) == [a]
    assert not event.successors.exists()


def test_dissolve_allowed_once_sub_units_have_ended(province: Unit) -> None:
    [a] = _communes(province, "A")
    UnitFactory(code="T1", parent=a, level=UnitLevel.VILLAGE, valid_to=dt.date(2024, 12, 31))

    dissolve_unit(unit=a, effective_date=DAY)

    a.refresh_from_db()
    assert a.valid_to == EVE
