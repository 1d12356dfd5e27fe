from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError

from tests.factories.orgs import RoleFactory, UnitFactory
from vinhdanh.orgs.enums import Capability, UnitLevel
from vinhdanh.orgs.models import CollectiveRating, RoleAssignment, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Unit]:
    province = UnitFactory(code="P", name="Tỉnh Quảng Trị", level=UnitLevel.PROVINCE)
    dept = UnitFactory(code="D", name="Sở Nội vụ", parent=province)
    division = UnitFactory(code="V", name="Phòng Thi đua", parent=dept, level=UnitLevel.DIVISION)
    other = UnitFactory(code="O", name="Sở Tư pháp", parent=province)
    return {"province": province, "dept": dept, "division": division, "other": other}


def test_unit_path_chains_ancestor_ids(tree: dict[str, Unit]) -> None:
    p, d, v = tree["province"], tree["dept"], tree["division"]

    assert p.path == f"/{p.pk}/"
    assert d.path == f"/{p.pk}/{d.pk}/"
    assert v.path == f"/{p.pk}/{d.pk}/{v.pk}/"
    assert (p.depth, d.depth, v.depth) == (0, 1, 2)
    assert Unit.objects.get(pk=v.pk).path == v.path


def test_unit_ancestors_from_root(tree: dict[str, Unit]) -> None:
    assert tree["division"].ancestors() == [tree["province"], tree["dept"]]
    assert tree["province"].ancestors() == []


def test_unit_descendants_of(tree: dict[str, Unit]) -> None:
    dept = tree["dept"]

    assert set(Unit.objects.descendants_of(dept)) == {dept, tree["division"]}
    assert list(Unit.objects.descendants_of(dept, include_self=False)) == [tree["division"]]


def test_unit_moved_to_another_parent_takes_its_subtree_along(tree: dict[str, Unit]) -> None:
    dept, division, other = tree["dept"], tree["division"], tree["other"]
    leaf = UnitFactory(code="L", parent=division, level=UnitLevel.OTHER)

    dept.parent = other
    dept.save()

    division.refresh_from_db()
    leaf.refresh_from_db()
    assert division.path == f"{other.path}{dept.pk}/{division.pk}/"
    assert leaf.path == f"{division.path}{leaf.pk}/"
    assert (division.depth, leaf.depth) == (3, 4)
    assert set(Unit.objects.descendants_of(other)) == {other, dept, division, leaf}


def test_unit_name_normalised_and_searchable_without_diacritics() -> None:
    unit = UnitFactory(name="  Sở   Giáo dục và Đào tạo ", short_name="SGDĐT", code="SGD")

    assert unit.name == "Sở Giáo dục và Đào tạo"
    assert Unit.objects.filter(search_key__contains="giao duc va dao tao").get() == unit
    assert Unit.objects.filter(search_key__contains="sgddt").get() == unit


def test_unit_validity_period() -> None:
    unit = UnitFactory(valid_from=dt.date(2010, 1, 1), valid_to=dt.date(2025, 6, 30))

    assert unit.is_valid_on(dt.date(2010, 1, 1))
    assert unit.is_valid_on(dt.date(2025, 6, 30))
    assert not unit.is_valid_on(dt.date(2025, 7, 1))
    assert not unit.is_valid_on(dt.date(2009, 12, 31))
    assert not unit.is_current
    assert list(Unit.objects.valid_on(dt.date(2025, 7, 1))) == []
    assert list(Unit.objects.valid_on(dt.date(2020, 1, 1))) == [unit]


def test_unit_code_unique() -> None:
    UnitFactory(code="SAME")

    with pytest.raises(IntegrityError):
        UnitFactory(code="SAME")


def test_role_has_only_its_capabilities() -> None:
    role = RoleFactory(is_clerk=False, is_council_member=True, is_decider=True)

    assert role.has(Capability.COUNCIL)
    assert role.has("decider")
    assert not role.has(Capability.CLERK)
    assert not role.has(Capability.OFFICE)
    assert not role.has(Capability.ADMIN)


def test_role_unique_per_user_and_unit() -> None:
    role = RoleFactory()

    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=role.user, unit=role.unit, is_head=True)


def test_collective_rating_one_per_unit_and_year() -> None:
    unit = UnitFactory()
    CollectiveRating.objects.create(unit=unit, year=2024, rating="HTXSNV")

    with pytest.raises(IntegrityError):
        CollectiveRating.objects.create(unit=unit, year=2024, rating="HTTNV")
