from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.api.pagination import PagePagination


@pytest.fixture
def crowded(db: None) -> APIClient:
    """A unit of 23 people, several with exactly the same name."""
    unit = UnitFactory()
    for i in range(23):
        given = "Hùng" if i % 3 == 0 else f"Tên{i:02d}"
        PostFactory(person=PersonFactory(code=f"P{i:02d}", given_name=given), unit=unit)
    client = APIClient()
    client.force_authenticate(RoleFactory(unit=unit).user)
    return client


def _walk(client: APIClient, url: str, params: dict[str, Any] | None = None) -> list[Any]:
    pages = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append(body)
        if not body["next"]:
            return pages
        response = client.get(body["next"])


def test_people_cursor_walks_every_person_once_in_order(crowded: APIClient) -> None:
    everyone = crowded.get("/api/v1/people/", {"limit": 500}).json()["results"]

    pages = _walk(crowded, "/api/v1/people/", {"limit": 5})

    walked = [row["id"] for page in pages for row in page["results"]]
    assert walked == [row["id"] for row in everyone]
    assert len(walked) == 23
    assert [len(p["results"]) for p in pages] == [5, 5, 5, 5, 3]
    assert "count" not in pages[0]


def test_people_cursor_previous_returns_the_page_before(crowded: APIClient) -> None:
    first = crowded.get("/api/v1/people/", {"limit": 4}).json()
    second = crowded.get(first["next"]).json()
    third = crowded.get(second["next"]).json()

    back = crowded.get(third["previous"]).json()

    assert first["previous"] is None
    assert [r["id"] for r in back["results"]] == [r["id"] for r in second["results"]]
    assert back["next"] is not None


def test_people_cursor_garbage_is_404(crowded: APIClient) -> None:
    response = crowded.get("/api/v1/people/", {"cursor": "not-a-cursor"})

    assert response.status_code == 404


def test_people_list_does_not_count_the_table(crowded: APIClient) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = crowded.get("/api/v1/people/", {"limit": 5})

    assert response.status_code == 200
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


@pytest.mark.parametrize(
    "params", [{"limit": "abc"}, {"limit": "0"}, {"limit": "-5"}, {"limit": ""}]
)
def test_people_page_size_that_is_not_a_whole_number_is_400(
    crowded: APIClient, params: dict[str, str]
) -> None:
    response = crowded.get("/api/v1/people/", params)

    assert response.status_code == 400
    assert "limit" in response.json()


def _cursor(values: list[Any]) -> str:
    raw = json.dumps({"v": values, "r": 0}).encode()
    return base64.urlsafe_b64encode(raw).decode()


@pytest.mark.parametrize(
    "values", [[None, 1], ["a", 10**30], ["a", "x"], [{"k": 1}, 1], ["a", [1]]]
)
def test_people_cursor_with_values_no_row_can_hold_is_404(
    crowded: APIClient, values: list[Any]
) -> None:
    response = crowded.get("/api/v1/people/", {"cursor": _cursor(values)})

    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"limit": "2.5"}, {"limit": "1e3"}, {"offset": "-1"}, {"offset": "x"}, {"offset": ""}],
)
def test_page_limit_or_offset_that_is_not_a_whole_number_is_400(
    crowded: APIClient, params: dict[str, str]
) -> None:
    response = crowded.get("/api/v1/units/", params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_page_limit_is_capped_and_offset_past_the_end_is_empty(crowded: APIClient) -> None:
    request = Request(APIRequestFactory().get("/", {"limit": 10**6, "offset": 10**30}))

    assert PagePagination().get_limit(request) == 500
    far = crowded.get("/api/v1/units/", {"offset": 10**30})
    assert far.status_code == 200
    assert far.json()["results"] == []
