from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rest_framework.test import APIClient

from tests.api.world import World
from tests.factories.orgs import UnitFactory
from vinhdanh.orgs.enums import UnitLevel

ClientFor = Callable[[str], APIClient]


def _codes(response) -> set[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return {row["code"] for row in response.json()["results"]}


def test_units_anonymous_is_refused(world: World, client_for: ClientFor) -> None:
    response = client_for("anonymous").get("/api/v1/units/")

    assert response.status_code in (401, 403)


def test_units_clerk_sees_own_unit_and_subunits_only(world: World, client_for: ClientFor) -> None:
    codes = _codes(client_for("clerk_a").get("/api/v1/units/"))

    assert codes == {"ZZUNITA", "ZZUNITA1"}


def test_units_office_of_province_sees_whole_tree(world: World, client_for: ClientFor) -> None:
    codes = _codes(client_for("office").get("/api/v1/units/"))

    assert codes == {"HT", "ZZUNITA", "ZZUNITA1", "SOB"}


def test_unit_detail_outside_scope_is_404(world: World, client_for: ClientFor) -> None:
    response = client_for("clerk_b").get(f"/api/v1/units/{world.unit_a.pk}/")

    assert response.status_code == 404


def test_unit_detail_shows_parent_reference(world: World, client_for: ClientFor) -> None:
    data = client_for("clerk_a").get(f"/api/v1/units/{world.sub_a.pk}/").json()

    assert data["parent"] == {"id": world.unit_a.pk, "code": "ZZUNITA", "name": "Sở Khoa học Alpha"}
    assert data["level"] == UnitLevel.DIVISION
    assert data["is_current"] is True


def test_units_filter_by_level_and_parent(world: World, client_for: ClientFor) -> None:
    client = client_for("superuser")

    assert _codes(client.get("/api/v1/units/", {"level": "province"})) == {"HT"}
    assert _codes(client.get("/api/v1/units/", {"parent": world.province.pk})) == {
        "ZZUNITA",
        "SOB",
    }


def test_units_search_ignores_diacritics(world: World, client_for: ClientFor) -> None:
    client = client_for("superuser")

    assert _codes(client.get("/api/v1/units/", {"q": "so giao duc"})) == {"SOB"}
    assert _codes(client.get("/api/v1/units/", {"q": "Sở GIÁO dục"})) == {"SOB"}
    assert _codes(client.get("/api/v1/units/", {"q": "ha tinh"})) == {"HT"}


def test_units_valid_on_a_date(world: World, client_for: ClientFor) -> None:
    UnitFactory(
        code="OLD",
        name="Huyện Cũ",
        level=UnitLevel.DISTRICT,
        parent=world.province,
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    client = client_for("office")

    assert "OLD" in _codes(client.get("/api/v1/units/", {"on": "2025-06-30"}))
    assert "OLD" not in _codes(client.get("/api/v1/units/", {"on": "2025-07-01"}))
    assert "OLD" not in _codes(client.get("/api/v1/units/", {"current": "true"}))


def test_units_user_without_role_sees_nothing(db: None) -> None:
    from tests.factories.orgs import UserFactory

    UnitFactory()
    client = APIClient()
    client.force_authenticate(UserFactory())

    response = client.get("/api/v1/units/")

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_units_parent_beyond_any_id_matches_nothing(world: World, client_for: ClientFor) -> None:
    response = client_for("superuser").get("/api/v1/units/", {"parent": -(10**60)})

    assert _codes(response) == set()


def test_units_current_filter_refuses_what_is_not_a_boolean(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("superuser").get("/api/v1/units/", {"current": "maybe"})

    assert response.status_code == 400
    assert "current" in response.json()
