from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.api.world import World
from tests.factories.awards import DecisionFactory

ClientFor = Callable[[str], APIClient]


def _rows(client: APIClient, url: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


def test_award_kinds_readable_by_any_signed_in_user(world: World, client_for: ClientFor) -> None:
    from tests.factories.orgs import UserFactory

    client = APIClient()
    client.force_authenticate(UserFactory())  # no role at all

    codes = {r["code"] for r in _rows(client, "/api/v1/award-kinds/", limit=500)}

    assert {"LDTT", "CSTDCS", "HC_LAO_DONG_3", "BK_TTG"} <= codes


def test_award_kind_detail_by_code(world: World, client_for: ClientFor) -> None:
    response = client_for("clerk_b").get("/api/v1/award-kinds/CSTDCS/")

    assert response.status_code == 200
    data = response.json()
    assert data["name_vi"] == "Chiến sĩ thi đua cơ sở"
    assert data["subject_types"] == ["individual"]
    assert data["is_annual"] is True


def test_award_kinds_anonymous_is_refused(world: World, client_for: ClientFor) -> None:
    assert client_for("anonymous").get("/api/v1/award-kinds/").status_code in (401, 403)


def test_awards_clerk_sees_own_people_and_collective(world: World, client_for: ClientFor) -> None:
    ids = {r["id"] for r in _rows(client_for("clerk_a"), "/api/v1/awards/")}

    assert ids == {
        world.award_a.pk,
        world.award_sub_a.pk,
        world.award_unit_a.pk,
        world.award_province_a.pk,
    }


def test_award_detail_outside_scope_is_404(world: World, client_for: ClientFor) -> None:
    response = client_for("clerk_b").get(f"/api/v1/awards/{world.award_unit_a.pk}/")

    assert response.status_code == 404


def test_award_detail_shape(world: World, client_for: ClientFor) -> None:
    data = client_for("clerk_a").get(f"/api/v1/awards/{world.award_a.pk}/").json()

    assert data["kind"] == "LDTT"
    assert data["kind_name"] == "Lao động tiên tiến"
    assert data["person"] == {
        "id": world.person_a.pk,
        "code": "ZZPERSONA",
        "full_name": "Phạm Thị Alphabi",
    }
    assert data["unit"] is None
    assert data["decision"]["number_label"] == "7001/QĐ-ZZA"
    assert data["is_revoked"] is False


def test_awards_filters(world: World, client_for: ClientFor) -> None:
    client = client_for("office")
    url = "/api/v1/awards/"

    assert {r["id"] for r in _rows(client, url, kind="TTLDTT")} == {world.award_unit_a.pk}
    assert {r["id"] for r in _rows(client, url, unit=world.unit_a.pk)} == {world.award_unit_a.pk}
    assert {r["id"] for r in _rows(client, url, person=world.person_b.pk)} == {
        world.award_b.pk,
        world.award_province_b.pk,
    }
    assert _rows(client, url, period=2023) == []
    assert len(_rows(client, url, period=2024)) == 6


def test_awards_filter_revoked(world: World, client_for: ClientFor) -> None:
    revocation = DecisionFactory(kind="revocation", number=4242)
    world.award_b.revoked_by = revocation
    world.award_b.revocation_ground = "d"
    world.award_b.save()
    client = client_for("office")

    revoked = _rows(client, "/api/v1/awards/", revoked="true")
    live = _rows(client, "/api/v1/awards/", revoked="false")

    assert [r["id"] for r in revoked] == [world.award_b.pk]
    assert revoked[0]["revoked_by"]["number"] == 4242
    assert world.award_b.pk not in {r["id"] for r in live}
    assert len(live) == 5


def test_decisions_scoped_by_issuer_or_award_subject(world: World, client_for: ClientFor) -> None:
    ids = {r["id"] for r in _rows(client_for("clerk_b"), "/api/v1/decisions/")}

    assert ids == {world.decision_b.pk, world.decision_province.pk}


def test_decisions_listed_once_however_many_awards_in_scope(
    world: World, client_for: ClientFor
) -> None:
    rows = _rows(client_for("clerk_a"), "/api/v1/decisions/")

    assert sorted(r["id"] for r in rows) == sorted(
        [world.decision_a.pk, world.decision_province.pk]
    )


def test_decision_detail_outside_scope_is_404(world: World, client_for: ClientFor) -> None:
    response = client_for("clerk_b").get(f"/api/v1/decisions/{world.decision_a.pk}/")

    assert response.status_code == 404


def test_decision_detail_lists_only_awards_in_scope(world: World, client_for: ClientFor) -> None:
    url = f"/api/v1/decisions/{world.decision_province.pk}/"

    as_clerk_b = client_for("clerk_b").get(url).json()
    as_office = client_for("office").get(url).json()

    assert [a["id"] for a in as_clerk_b["awards"]] == [world.award_province_b.pk]
    assert "ZZPERSONA" not in str(as_clerk_b)
    assert {a["id"] for a in as_office["awards"]} == {
        world.award_province_a.pk,
        world.award_province_b.pk,
    }


def test_decisions_filters(world: World, client_for: ClientFor) -> None:
    client = client_for("superuser")
    url = "/api/v1/decisions/"

    assert [r["id"] for r in _rows(client, url, number=8001)] == [world.decision_b.pk]
    assert [r["id"] for r in _rows(client, url, issuing_body="so giao duc")] == [
        world.decision_b.pk
    ]
    assert [r["id"] for r in _rows(client, url, issuing_body="ỦY BAN nhân dân")] == [
        world.decision_province.pk
    ]
    assert _rows(client, url, year=2023) == []
    assert len(_rows(client, url, year=2024)) == 3


def test_decision_list_has_no_awards_detail_has(world: World, client_for: ClientFor) -> None:
    client = client_for("clerk_a")

    listed = _rows(client, "/api/v1/decisions/")[0]
    detail = client.get(f"/api/v1/decisions/{world.decision_a.pk}/").json()

    assert "awards" not in listed
    assert len(detail["awards"]) == 3
    assert detail["number_label"] == "7001/QĐ-ZZA"
    assert detail["issuing_unit"]["code"] == "ZZUNITA"


def test_api_root_lists_endpoints(world: World, client_for: ClientFor) -> None:
    data = client_for("clerk_a").get("/api/v1/").json()

    assert set(data) == {
        "units",
        "people",
        "awards",
        "decisions",
        "award-kinds",
        "programmes",
        "programme-activities",
        "programme-reports",
    }


def test_awards_id_filter_beyond_any_id_matches_nothing(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("superuser")

    for name in ("decision", "person", "unit"):
        assert _rows(client, "/api/v1/awards/", **{name: 10**30}) == []
        assert _rows(client, "/api/v1/awards/", **{name: -(10**30)}) == []


@pytest.mark.parametrize(
    "params",
    [
        {"period": "2024.5"},
        {"period": "2024.0"},
        {"revoked": "yes"},
        {"person": ""},
        {"revoked": ""},
    ],
)
def test_awards_filter_it_cannot_read_is_400_not_ignored(
    world: World, client_for: ClientFor, params: dict[str, str]
) -> None:
    response = client_for("superuser").get("/api/v1/awards/", params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_award_kinds_boolean_filter_reads_true_false_1_0(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("superuser")

    annual = _rows(client, "/api/v1/award-kinds/", is_annual="True", limit=500)
    not_annual = _rows(client, "/api/v1/award-kinds/", is_annual="0", limit=500)

    assert annual
    assert all(r["is_annual"] for r in annual)
    assert not any(r["is_annual"] for r in not_annual)
