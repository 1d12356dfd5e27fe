from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.test import APIClient

from tests.api.world import World
from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.people.models import Person

ClientFor = Callable[[str], APIClient]


def _people(client: APIClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/people/", params)
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


def _codes(client: APIClient, **params: Any) -> set[str]:
    return {row["code"] for row in _people(client, **params)}


def test_people_anonymous_is_refused(world: World, client_for: ClientFor) -> None:
    assert client_for("anonymous").get("/api/v1/people/").status_code in (401, 403)


def test_people_clerk_sees_people_of_own_unit_tree(world: World, client_for: ClientFor) -> None:
    assert _codes(client_for("clerk_a")) == {"ZZPERSONA", "ZZPERSONA1"}
    assert _codes(client_for("clerk_b")) == {"CBSOB01"}


def test_person_detail_outside_scope_is_404(world: World, client_for: ClientFor) -> None:
    response = client_for("clerk_b").get(f"/api/v1/people/{world.person_a.pk}/")

    assert response.status_code == 404


def test_person_detail_shows_current_unit_and_post(world: World, client_for: ClientFor) -> None:
    data = client_for("clerk_a").get(f"/api/v1/people/{world.person_a.pk}/").json()

    assert data["full_name"] == "Phạm Thị Alphabi"
    assert data["current_unit"] == {
        "id": world.unit_a.pk,
        "code": "ZZUNITA",
        "name": "Sở Khoa học Alpha",
    }
    assert data["current_title"] == "Chuyên viên chính"
    assert "email" not in data


def test_person_birth_date_shown_to_clerk_and_office(world: World, client_for: ClientFor) -> None:
    url = f"/api/v1/people/{world.person_a.pk}/"

    assert client_for("clerk_a").get(url).json()["birth_date"] == "1980-05-01"
    assert client_for("office").get(url).json()["birth_date"] == "1980-05-01"
    assert client_for("superuser").get(url).json()["birth_date"] == "1980-05-01"


def test_person_birth_date_hidden_from_council_and_decider(
    world: World, client_for: ClientFor
) -> None:
    url = f"/api/v1/people/{world.person_a.pk}/"

    assert client_for("council").get(url).json()["birth_date"] is None
    assert client_for("decider").get(url).json()["birth_date"] is None
    rows = _people(client_for("council"), q="alphabi")
    assert [row["birth_date"] for row in rows] == [None]


def test_people_search_ignores_diacritics_and_case(world: World, client_for: ClientFor) -> None:
    client = client_for("office")

    assert _codes(client, q="pham thi alphabi") == {"ZZPERSONA"}
    assert _codes(client, q="PHẠM") == {"ZZPERSONA"}
    assert _codes(client, q="binh le") == {"CBSOB01"}
    assert _codes(client, q="cbsob01") == {"CBSOB01"}


def test_people_search_decomposed_input_finds_composed_name(
    world: World, client_for: ClientFor
) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Phạm")

    assert _codes(client_for("office"), q=decomposed) == {"ZZPERSONA"}


def test_people_filter_by_unit_with_and_without_subunits(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("office")

    assert _codes(client, unit=world.unit_a.pk) == {"ZZPERSONA"}
    assert _codes(client, unit=world.unit_a.pk, subunits="true") == {"ZZPERSONA", "ZZPERSONA1"}
    assert _codes(client, unit=world.province.pk, subunits="true") == {
        "ZZPERSONA",
        "ZZPERSONA1",
        "CBSOB01",
    }


def test_people_filter_by_unit_outside_scope_gives_nothing(
    world: World, client_for: ClientFor
) -> None:
    assert _codes(client_for("clerk_b"), unit=world.unit_a.pk, subunits="true") == set()


def test_people_filter_by_award_kind_skips_revoked(world: World, client_for: ClientFor) -> None:
    client = client_for("office")
    assert _codes(client, award="CSTDCS") == {"ZZPERSONA", "CBSOB01"}

    revocation = DecisionFactory(kind="revocation", number=9999)
    world.award_province_b.revoked_by = revocation
    world.award_province_b.save()

    assert _codes(client, award="cstdcs") == {"ZZPERSONA"}


def test_people_listed_in_vietnamese_order(world: World, client_for: ClientFor) -> None:
    for code, family, middle, given in [
        ("V1", "Trần", "Văn", "Đức"),
        ("V2", "Nguyễn", "Thị", "Ánh"),
        ("V3", "Lê", "Văn", "Dũng"),
        ("V4", "Hoàng", "Thị", "Anh"),
        ("V5", "Đỗ", "Minh", "Anh"),
        ("V6", "Bùi", "Thị", "Ân"),
    ]:
        PostFactory(
            person=PersonFactory(
                code=code, family_name=family, middle_name=middle, given_name=given
            ),
            unit=world.unit_b,
        )

    rows = _people(client_for("clerk_b"))

    assert [r["full_name"] for r in rows] == [
        "Đỗ Minh Anh",  # Anh < Ánh < Ân; same given name: middle Minh < Thị
        "Hoàng Thị Anh",
        "Nguyễn Thị Ánh",
        "Bùi Thị Ân",
        "Lê Văn Bình",
        "Lê Văn Dũng",  # d before đ
        "Trần Văn Đức",
    ]


def test_person_awards_nested_newest_first(world: World, client_for: ClientFor) -> None:
    AwardFactory(person=world.person_a, period=2022, kind=kind("LDTT"))

    response = client_for("clerk_a").get(f"/api/v1/people/{world.person_a.pk}/awards/")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["kind"], r["period"]) for r in rows] == [
        ("CSTDCS", 2024),
        ("LDTT", 2024),
        ("LDTT", 2022),
    ]


def test_person_awards_nested_filter_by_kind(world: World, client_for: ClientFor) -> None:
    response = client_for("clerk_a").get(
        f"/api/v1/people/{world.person_a.pk}/awards/", {"kind": "LDTT"}
    )

    assert [r["kind"] for r in response.json()["results"]] == ["LDTT"]


def test_person_awards_nested_outside_scope_is_404(world: World, client_for: ClientFor) -> None:
    response = client_for("clerk_b").get(f"/api/v1/people/{world.person_a.pk}/awards/")

    assert response.status_code == 404


def test_people_are_read_only(world: World, client_for: ClientFor) -> None:
    client = client_for("superuser")

    url = f"/api/v1/people/{world.person_a.pk}/"

    assert client.post("/api/v1/people/", {"code": "X"}).status_code in (403, 405)
    assert client.delete(url).status_code in (403, 405)
    assert client.patch(url, {"code": "X"}).status_code in (403, 405)
    assert Person.objects.filter(pk=world.person_a.pk, code="ZZPERSONA").exists()


def test_person_awards_nested_with_format_suffix(world: World, client_for: ClientFor) -> None:
    response = client_for("clerk_a").get(f"/api/v1/people/{world.person_a.pk}/awards.json")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 2


def test_people_role_without_subunits_sees_own_unit_only(world: World) -> None:
    from tests.factories.orgs import RoleFactory

    client = APIClient()
    client.force_authenticate(RoleFactory(unit=world.unit_a, include_subunits=False).user)

    assert _codes(client) == {"ZZPERSONA"}


def test_people_without_a_unit_seen_by_superuser_only(world: World, client_for: ClientFor) -> None:
    PersonFactory(code="NOUNIT")

    assert "NOUNIT" in _codes(client_for("superuser"), limit=500)
    assert "NOUNIT" not in _codes(client_for("office"), limit=500)


def test_people_unit_beyond_any_id_matches_nothing(world: World, client_for: ClientFor) -> None:
    client = client_for("superuser")

    assert _people(client, unit=10**30) == []
    assert _people(client, unit=10**30, subunits="true") == []


def test_person_awards_nested_filter_beyond_any_id_matches_nothing(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("superuser").get(
        f"/api/v1/people/{world.person_a.pk}/awards/", {"decision": 10**30}
    )

    assert response.status_code == 200
    assert response.json()["results"] == []
