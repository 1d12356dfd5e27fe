"""A staff member linked to a person (`Person.user`) reads their own record, and nobody else's:
page, people list, .xlsx export, API, eligibility and the decisions that awarded them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.factories.awards import AwardFactory, kind
from tests.factories.orgs import UserFactory
from tests.web.conftest import World, login
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.people.rules import can_view_person


@pytest.fixture
def canbo(world: World):  # type: ignore[no-untyped-def]
    """Nguyễn Thị Hồng's own account: no role in any unit."""
    user = UserFactory(username="canbo")
    world.hong.user = user
    world.hong.save(update_fields=["user"])
    return user


@pytest.fixture
def canbo_client(client, canbo):  # type: ignore[no-untyped-def]
    return login(client, canbo)


def test_own_record_page_opens_read_only(canbo_client, world):  # type: ignore[no-untyped-def]
    response = canbo_client.get(f"/people/{world.hong.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Thị Hồng" in html
    assert "hồ sơ của chính đồng chí, chỉ để xem" in html
    assert "Chiến sĩ thi đua cơ sở" in html  # the awards timeline
    assert "Hoàn thành xuất sắc nhiệm vụ" in html  # the ratings
    assert "Chuyên viên chính" in html  # the posts
    assert "12/04/1985" in html  # one's own date of birth
    assert '<form method="post"' not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_another_persons_page_is_not_found(canbo_client, world):  # type: ignore[no-untyped-def]
    assert canbo_client.get(f"/people/{world.lan.pk}/").status_code == 404
    assert canbo_client.get(f"/eligibility/people/{world.lan.pk}/").status_code == 404


def test_own_eligibility_opens(canbo_client, world):  # type: ignore[no-untyped-def]
    assert canbo_client.get(f"/eligibility/people/{world.hong.pk}/").status_code == 200


def test_people_list_shows_only_oneself(canbo_client, world):  # type: ignore[no-untyped-def]
    response = canbo_client.get("/people/")
    html = response.content.decode()
    assert "1 người" in html
    assert "Nguyễn Thị Hồng" in html
    assert "Trần Thị Lan" not in html
    assert 'name="unit"' not in html  # no units to filter by
    assert list(response.context["page"].items) == [world.hong]


def test_people_export_holds_only_oneself(canbo_client, world):  # type: ignore[no-untyped-def]
    response = canbo_client.get("/people/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == ["Nguyễn Thị Hồng"]


def test_menu_leads_to_my_record(canbo_client, world):  # type: ignore[no-untyped-def]
    html = canbo_client.get("/").content.decode()
    assert f'href="/people/{world.hong.pk}/">Hồ sơ của tôi</a>' in html
    menu = html.split('<nav class="mainnav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/units/"' not in menu  # no units of their own: no organisation tree


def test_menu_has_no_my_record_for_a_user_without_a_person(clerk_client):  # type: ignore[no-untyped-def]
    assert "Hồ sơ của tôi" not in clerk_client.get("/").content.decode()


def test_decision_of_ones_own_award_opens(canbo_client, world):  # type: ignore[no-untyped-def]
    response = canbo_client.get(f"/decisions/{world.decision.pk}/")
    assert response.status_code == 200
    assert "Nguyễn Thị Hồng" in response.content.decode()


def test_api_shows_only_oneself(canbo, world):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(canbo)
    listed = api.get("/api/v1/people/").json()["results"]
    assert [row["code"] for row in listed] == [world.hong.code]
    assert api.get(f"/api/v1/people/{world.hong.pk}/").status_code == 200
    assert api.get(f"/api/v1/people/{world.lan.pk}/").status_code == 404
    awards = api.get(f"/api/v1/people/{world.hong.pk}/awards/").json()["results"]
    assert len(awards) == 1


def test_decision_shows_ones_own_line_and_not_the_others(canbo, canbo_client, world):  # type: ignore[no-untyped-def]
    AwardFactory(decision=world.decision, person=world.lan, kind=kind("CSTDCS"), period=2024)
    html = canbo_client.get(f"/decisions/{world.decision.pk}/").content.decode()
    assert "Nguyễn Thị Hồng" in html
    assert "Trần Thị Lan" not in html
    api = APIClient()
    api.force_authenticate(canbo)
    response = api.get(f"/api/v1/decisions/{world.decision.pk}/")
    assert response.status_code == 200
    assert "Trần Thị Lan" not in response.content.decode()
    assert "Nguyễn Thị Hồng" in response.content.decode()


def test_rule_and_query_agree(canbo, world):  # type: ignore[no-untyped-def]
    assert list(visible_people(canbo)) == [world.hong]
    assert can_view_person(canbo, world.hong)
    assert not can_view_person(canbo, world.lan)


def test_clerk_keeps_seeing_their_unit_and_not_the_others(world):  # type: ignore[no-untyped-def]
    assert set(visible_people(world.clerk_a)) == {world.hong}
    assert set(visible_people(world.admin)) == {world.hong, world.lan}


def test_the_home_page_offers_only_tiles_the_staff_member_can_open(canbo_client):  # type: ignore[no-untyped-def]
    html = canbo_client.get("/").content.decode()
    stats = html.split('class="stats"', 1)[1].split("</section>", 1)[0]
    assert 'href="/units/"' not in stats
    assert "Đơn vị" not in stats
    assert 'href="/people/"' in stats  # the People page lists their own record
    assert 'href="/decisions/"' in stats


def test_the_home_page_offers_the_units_tile_to_a_clerk(clerk_client):  # type: ignore[no-untyped-def]
    html = clerk_client.get("/").content.decode()
    assert 'class="stat" href="/units/"' in html
