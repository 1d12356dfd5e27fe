from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.awards.enums import DecisionKind
from vinhdanh.orgs.domain.units import merge_units
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import CollectiveRating

pytestmark = pytest.mark.django_db


@pytest.fixture
def merger(world):
    """Two communes of the province merged on 01/07/2025."""
    long_ = UnitFactory(name="Xã Thạch Long", parent=world.province, level=UnitLevel.COMMUNE)
    son = UnitFactory(name="Xã Thạch Sơn", parent=world.province, level=UnitLevel.COMMUNE)
    new = merge_units(
        units=[long_, son],
        code="XA-TH",
        name="Xã Thạch Hà",
        effective_date=dt.date(2025, 7, 1),
        decision={"number": "1665/NQ-UBTVQH15"},
    )
    return long_, son, new


def tree_names(response):
    return [row.name for row in response.context["rows"]]


@pytest.mark.parametrize("day", ["30/06/2025", "2025-06-30"])
def test_tree_as_of_a_day_before_the_merger_shows_the_old_communes(root_client, merger, day):
    names = tree_names(root_client.get(reverse("web:units"), {"on": day}))
    assert "Xã Thạch Long" in names
    assert "Xã Thạch Sơn" in names
    assert "Xã Thạch Hà" not in names


def test_tree_as_of_a_day_after_the_merger_shows_the_new_commune(root_client, merger):
    response = root_client.get(reverse("web:units"), {"on": "01/07/2025"})
    names = tree_names(response)
    assert "Xã Thạch Hà" in names
    assert "Xã Thạch Long" not in names
    assert "01/07/2025" in response.content.decode()


def test_tree_with_a_bad_date_falls_back_to_today(root_client, world):
    response = root_client.get(reverse("web:units"), {"on": "31/02/2025"})
    assert response.status_code == 200
    assert response.context["is_today"]
    assert response.context["form"].errors


def test_tree_of_a_clerk_shows_their_units_only(clerk_client, world):
    names = tree_names(clerk_client.get(reverse("web:units")))
    assert names == ["Sở Nội vụ", "Phòng Công chức"]


def test_unit_page_shows_people_sub_units_awards_and_ratings(clerk_client, world):
    flag = AwardFactory(
        person=None,
        unit=world.unit_a,
        kind=kind("TTLDXS"),
        period=2024,
        decision=DecisionFactory(number=88, issuing_unit=world.province),
    )
    revoked = AwardFactory(
        person=None,
        unit=world.unit_a,
        kind=kind("TTLDTT"),
        period=2023,
        revoked_by=DecisionFactory(number=99, kind=DecisionKind.REVOCATION),
    )
    CollectiveRating.objects.create(unit=world.unit_a, year=2024, rating="HTXSNV")
    response = clerk_client.get(reverse("web:unit", args=[world.unit_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Hồng" in html
    assert "Phòng Công chức" in html
    assert "Tỉnh Hà Tĩnh" in html  # the parent chain, shown without a link
    assert f'href="{reverse("web:unit", args=[world.province.pk])}"' not in html
    assert flag.kind.name_vi in html
    assert "88/QĐ-UBND" in html
    assert 'class="award revoked"' in html
    assert "99/QĐ-UBND" in html
    assert revoked.kind.name_vi in html
    assert "rating-HTXSNV" in html


def test_unit_page_shows_predecessors_with_the_merger(root_client, merger):
    long_, _son, new = merger
    html = root_client.get(reverse("web:unit", args=[new.pk])).content.decode()
    assert "Xã Thạch Long" in html
    assert "Xã Thạch Sơn" in html
    assert "1665/NQ-UBTVQH15" in html
    assert "01/07/2025" in html
    old = root_client.get(reverse("web:unit", args=[long_.pk])).content.decode()
    assert f'href="{reverse("web:unit", args=[new.pk])}"' in old


def test_unit_people_export_lists_the_current_posts(clerk_client, world):
    PostFactory(person=PersonFactory(family_name="Đỗ", given_name="An"), unit=world.unit_a)
    response = clerk_client.get(reverse("web:unit_people_xlsx", args=[world.unit_a.pk]))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == ["Đỗ Văn An", "Nguyễn Thị Hồng"]
    assert rows[2][5] == "Chuyên viên chính"


def test_unit_page_of_an_exact_role_does_not_open_sub_units(client, world):
    from tests.web.conftest import login

    user = RoleFactory(unit=world.unit_a, include_subunits=False).user
    login(client, user)
    assert client.get(reverse("web:unit", args=[world.unit_a.pk])).status_code == 200
    assert client.get(reverse("web:unit", args=[world.division_a.pk])).status_code == 404
