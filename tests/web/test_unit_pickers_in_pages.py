"""Every "which unit?" in the web app is the unit picker; the organisation tree folds."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory
from tests.web.conftest import login
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(world):  # type: ignore[no-untyped-def]
    return UnitFactory(name="Chi cục Văn thư", parent=world.unit_a, valid_to=dt.date(2024, 12, 31))


def test_people_filter_offers_current_units_labelled_by_path(root_client, world, ended):  # type: ignore[no-untyped-def]
    html = root_client.get("/people/").content.decode()
    assert "data-unit-picker" in html
    assert "Sở Nội vụ › Phòng Công chức" in html
    assert "Chi cục Văn thư" not in html  # ended: not offered


def test_people_filter_still_takes_an_ended_unit_from_its_page(root_client, world, ended):  # type: ignore[no-untyped-def]
    PostFactory(
        person=PersonFactory(given_name="Xuân"),
        unit=ended,
        start_date=dt.date(2020, 1, 1),
        end_date=None,
    )
    response = root_client.get(f"/people/?unit={ended.pk}")
    assert response.status_code == 200
    assert not response.context["form"].errors
    html = response.content.decode()
    assert f'<option value="{ended.pk}" selected>Chi cục Văn thư</option>' in html


def test_round_form_offers_the_clerks_units_and_those_above(client, world):  # type: ignore[no-untyped-def]
    login(client, world.clerk_a)
    response = client.get("/workflow/rounds/new/")
    form = response.context["form"]
    owning = {u.pk for u in form.fields["owning_unit"].queryset}
    deciding = {u.pk for u in form.fields["decider_unit"].queryset}
    assert owning == {world.unit_a.pk, world.division_a.pk}
    assert deciding == {world.province.pk, world.unit_a.pk, world.division_a.pk}
    assert world.unit_b.pk not in owning | deciding
    assert "Sở Nội vụ › Phòng Công chức" in response.content.decode()


def test_movement_form_uses_the_picker(client, world):  # type: ignore[no-untyped-def]
    login(client, world.clerk_a)
    html = client.get("/workflow/movements/new/").content.decode()
    assert "data-unit-picker" in html
    assert "Sở Tài chính" not in html


def test_candidate_lists_unit_picker_goes_to_the_chosen_unit(client, world):  # type: ignore[no-untyped-def]
    login(client, world.clerk_a)
    page = client.get(f"/eligibility/units/{world.unit_a.pk}/")
    assert "data-unit-picker" in page.content.decode()
    response = client.get("/eligibility/units/", {"unit": world.division_a.pk, "year": 2025})
    assert response.status_code == 302
    assert response["Location"] == f"/eligibility/units/{world.division_a.pk}/?year=2025"
    outside = client.get("/eligibility/units/", {"unit": world.unit_b.pk})
    assert outside.status_code == 200
    assert outside.context["form"].errors


def test_tree_folds_and_opens_down_to_the_users_units(client, world):  # type: ignore[no-untyped-def]
    commune = UnitFactory(name="Xã Đông Kinh", parent=world.province, level=UnitLevel.COMMUNE)
    UnitFactory(name="Thôn 1", parent=commune, level=UnitLevel.VILLAGE)
    user = RoleFactory(unit=world.province).user
    login(client, user)
    html = client.get("/units/").content.decode()
    assert html.count("<details") == 3  # the province, Sở Nội vụ and the commune have children
    assert html.count("<details open") == 1  # the province (the user's unit) is open
    assert "Thôn 1" in html  # present, folded inside its commune
    expanded = client.get("/units/?expand=all").content.decode()
    assert expanded.count("<details open") == 3


def test_tree_of_a_division_clerk_opens_the_way_down_to_their_division(client, world):  # type: ignore[no-untyped-def]
    UnitFactory(name="Tổ Hồ sơ", parent=world.division_a, level=UnitLevel.OTHER)
    login(client, RoleFactory(unit=world.division_a).user)
    html = client.get("/units/").content.decode()
    assert html.count("<details open") == 1
    assert "Tổ Hồ sơ" in html
