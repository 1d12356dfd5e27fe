"""No N+1 on the list pages: a page with 3N rows costs the same number of queries as with N.

Each case adds rows, counts the queries of one request, adds twice as many again and counts
again (the caches are cleared before each count, and a first request warms the process).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import UserFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from tests.nominations.world import YEAR, World, build_world
from vinhdanh.nominations.domain.nominations import create_round
from vinhdanh.people.enums import Rating
from vinhdanh.programmes.models import Programme

N = 3


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def _count(client: Client, url: str) -> tuple[int, list[str], int]:
    """Queries of one request, their SQL, and the size of the page (it grows with the rows)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), [q["sql"] for q in queries.captured_queries], len(response.content)


def _assert_flat(user: Any, url: str, add: Callable[[int], None]) -> None:
    client = Client()
    client.force_login(user)
    add(N)
    _count(client, url)  # warm: first-use caches of the process
    few, few_sql, few_size = _count(client, url)
    add(2 * N)
    many, many_sql, many_size = _count(client, url)
    assert many_size > few_size, f"{url}: the new rows are not on the page"
    extra = "\n".join(many_sql[len(few_sql) :][:10])
    assert many == few, f"{url}: {few} queries with {N} rows, {many} with {3 * N}:\n{extra}"


def _people(world: World, n: int) -> list[Any]:
    people = []
    for _ in range(n):
        post = PostFactory(unit=world.dept, person=PersonFactory())
        TaskRatingFactory(person=post.person, year=YEAR, rating=Rating.HTTNV)
        post.person.refresh_from_db()  # the post made the department its current unit
        people.append(post.person)
    return people


def _decisions(world: World, n: int) -> None:
    for person in _people(world, n):
        decision = DecisionFactory(issuing_unit=world.dept, issuing_body="Sở Tư pháp")
        AwardFactory(decision=decision, person=person, kind=kind("LDTT"))
        AwardFactory(decision=decision, person=None, unit=world.dept, kind=kind("TTLDTT"))


def test_people_search(world: World) -> None:
    _assert_flat(world.office, "/people/", lambda n: _people(world, n))


def test_person_page(world: World) -> None:
    person = _people(world, 1)[0]
    counter = iter(range(1990, 2100))

    def add(n: int) -> None:
        for _ in range(n):
            year = next(counter)
            TaskRatingFactory(person=person, year=year)
            decision = DecisionFactory(issuing_unit=world.dept, year=year)
            AwardFactory(decision=decision, person=person, kind=kind("LDTT"), period=year)
            PostFactory(
                person=person,
                unit=world.dept_b,
                start_date=dt.date(year, 1, 1),
                end_date=dt.date(year, 6, 30),
            )

    _assert_flat(world.office, f"/people/{person.pk}/", add)


def test_unit_candidate_list(world: World) -> None:
    url = f"/eligibility/units/{world.dept.pk}/?year={YEAR}"
    _assert_flat(world.office, url, lambda n: _people(world, n))


def test_nominations_of_a_round(world: World) -> None:
    def add(n: int) -> None:
        for person in _people(world, n):
            world.nominate(person)

    _assert_flat(world.office, f"/workflow/rounds/{world.round.pk}/", add)


def test_inbox(world: World) -> None:
    def add(n: int) -> None:
        for person in _people(world, n):
            world.nominate(person)

    _assert_flat(world.clerk, "/workflow/", add)


def test_decisions_list(world: World) -> None:
    _assert_flat(world.office, "/decisions/", lambda n: _decisions(world, n))


def test_rounds_list(world: World) -> None:
    def add(n: int) -> None:
        for i in range(n):
            create_round(
                actor=world.clerk,
                name=f"Đợt xét chuyên đề {i} {dt.datetime.now().timestamp()}",
                owning_unit=world.dept,
                decider_unit=world.province,
                year=YEAR,
            )

    _assert_flat(world.office, "/workflow/rounds/", add)


def test_home(world: World) -> None:
    def add(n: int) -> None:
        for person in _people(world, n):
            world.nominate(person)
        _decisions(world, n)

    _assert_flat(world.clerk, "/", add)


def test_audit_log(world: World) -> None:
    root = UserFactory(is_superuser=True, is_staff=True)
    _assert_flat(root, "/audit/", lambda n: _decisions(world, n))


def test_programmes_list(world: World) -> None:
    def add(n: int) -> None:
        for i in range(n):
            Programme.objects.create(
                name=f"Chương trình {i} {dt.datetime.now().timestamp()}",
                owner_unit=world.province,
                implementing_root=world.province,
                units_as_of=dt.date(2024, 1, 1),
                reporting_levels=[world.dept.level],
                starts_on=dt.date(2024, 1, 1),
                ends_on=dt.date(2028, 12, 31),
            )

    _assert_flat(world.office, "/programmes/", add)
