from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import tree_rows, unit_detail, visible_units
from vinhdanh.orgs.domain.units import merge_units, rename_unit
from vinhdanh.orgs.enums import UnitEventKind, UnitLevel

pytestmark = pytest.mark.django_db

BEFORE = dt.date(2025, 6, 30)
MERGER = dt.date(2025, 7, 1)


@pytest.fixture
def province():
    return UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE)


@pytest.fixture
def merged(province):
    """Two communes merged on 1 July 2025 into Xã Thạch Hà."""
    a = UnitFactory(name="Xã Thạch Long", parent=province, level=UnitLevel.COMMUNE)
    b = UnitFactory(name="Xã Thạch Sơn", parent=province, level=UnitLevel.COMMUNE)
    new = merge_units(
        units=[a, b],
        code="XA-TH",
        name="Xã Thạch Hà",
        effective_date=MERGER,
        decision={"number": "1665/NQ-UBTVQH15", "date": dt.date(2025, 6, 16)},
    )
    return a, b, new


def row_names(day, user):
    return [(r.depth, r.name) for r in tree_rows(day, unit_scope(user))]


def test_tree_rows_before_a_merger_show_the_old_units(merged):
    admin = UserFactory(is_superuser=True)
    assert row_names(BEFORE, admin) == [
        (0, "Tỉnh Hà Tĩnh"),
        (1, "Xã Thạch Long"),
        (1, "Xã Thạch Sơn"),
    ]


def test_tree_rows_after_a_merger_show_the_new_unit(merged):
    admin = UserFactory(is_superuser=True)
    assert row_names(MERGER, admin) == [(0, "Tỉnh Hà Tĩnh"), (1, "Xã Thạch Hà")]


def test_tree_rows_show_the_name_of_the_day(province):
    unit = UnitFactory(name="Sở Nội vụ", parent=province)
    rename_unit(unit=unit, new_name="Sở Nội vụ và Lao động", effective_date=MERGER)
    admin = UserFactory(is_superuser=True)
    assert (1, "Sở Nội vụ") in row_names(BEFORE, admin)
    assert (1, "Sở Nội vụ và Lao động") in row_names(MERGER, admin)


def test_tree_rows_of_a_clerk_start_at_their_unit(province):
    mine = UnitFactory(name="Sở Y tế", parent=province)
    UnitFactory(name="Bệnh viện tỉnh", parent=mine, level=UnitLevel.HOSPITAL)
    UnitFactory(name="Sở Tài chính", parent=province)
    clerk = RoleFactory(unit=mine).user
    assert row_names(dt.date(2024, 1, 1), clerk) == [(0, "Sở Y tế"), (1, "Bệnh viện tỉnh")]


def test_visible_units_follow_the_roles(province):
    mine = UnitFactory(parent=province)
    child = UnitFactory(parent=mine)
    other = UnitFactory(parent=province)
    clerk = RoleFactory(unit=mine).user
    exact = RoleFactory(unit=other, include_subunits=False).user
    assert set(visible_units(clerk)) == {mine, child}
    assert set(visible_units(exact)) == {other}
    assert set(visible_units(UserFactory(is_superuser=True))) == {province, mine, child, other}
    assert list(visible_units(UserFactory())) == []


def test_unit_detail_links_predecessors_and_successors_with_the_event(merged):
    a, b, new = merged
    clerk = RoleFactory(unit=new).user
    detail = unit_detail(new, scope=unit_scope(clerk))
    assert {r.unit for r in detail.predecessors} == {a, b}
    relation = detail.predecessors[0]
    assert relation.event.kind == UnitEventKind.MERGE
    assert relation.event.decision_number == "1665/NQ-UBTVQH15"
    assert relation.event.effective_date == MERGER
    assert not relation.visible  # the old communes are outside the new commune's scope
    assert detail.successors == []
    assert [e.event.kind for e in detail.events] == [UnitEventKind.MERGE]
    assert detail.ancestors[0].unit.name == "Tỉnh Hà Tĩnh"

    old = unit_detail(a, scope=unit_scope(UserFactory(is_superuser=True)))
    assert [r.unit for r in old.successors] == [new]
    assert old.successors[0].visible


def test_unit_detail_lists_current_sub_units_first(province):
    UnitFactory(name="Sở B", parent=province, valid_to=dt.date(2020, 1, 1))
    UnitFactory(name="Sở A", parent=province)
    UnitFactory(name="Sở Ă", parent=province)
    detail = unit_detail(province, scope=unit_scope(UserFactory(is_superuser=True)))
    assert [u.name for u in detail.children] == ["Sở A", "Sở Ă", "Sở B"]


def test_view_unit_and_audit_log_rules(province):
    mine = UnitFactory(parent=province)
    other = UnitFactory(parent=province)
    clerk = RoleFactory(unit=mine).user
    admin_role = RoleFactory(unit=mine, is_admin=True).user
    assert clerk.has_perm("orgs.view_unit", mine)
    assert not clerk.has_perm("orgs.view_unit", other)
    assert not clerk.has_perm("orgs.view_audit_log")
    assert admin_role.has_perm("orgs.view_audit_log")
    assert UserFactory(is_superuser=True).has_perm("orgs.view_audit_log")
