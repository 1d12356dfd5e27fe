from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory


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
