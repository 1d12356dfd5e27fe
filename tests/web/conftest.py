from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.orgs.enums import UnitLevel


@pytest.fixture(autouse=True)
def _fast_passwords_and_fresh_cache(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # the dashboard caches its counts
    yield
    cache.clear()


@dataclass
class World:
    province: Any
    unit_a: Any
    division_a: Any
    unit_b: Any
    clerk_a: Any
    admin: Any
    hong: Any
    lan: Any
    decision: Any
    award: Any


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    """A province with two departments; a clerk of the first; one person in each."""
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    unit_a = UnitFactory(name="Sở Nội vụ", parent=province, code="SNV")
    division_a = UnitFactory(
        name="Phòng Công chức", parent=unit_a, level=UnitLevel.DIVISION, code="SNV-CC"
    )
    unit_b = UnitFactory(name="Sở Tài chính", parent=province, code="STC")
    clerk_a = RoleFactory(unit=unit_a, user__username="clerk_a").user
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    hong = PersonFactory(
        family_name="Nguyễn",
        middle_name="Thị",
        given_name="Hồng",
        code="SNV-001",
        birth_date=dt.date(1985, 4, 12),
    )
    PostFactory(person=hong, unit=unit_a, title="Chuyên viên chính", start_date=dt.date(2016, 1, 1))
    TaskRatingFactory(person=hong, year=2024, rating="HTXSNV")
    lan = PersonFactory(family_name="Trần", middle_name="Thị", given_name="Lan", code="STC-001")
    PostFactory(person=lan, unit=unit_b)
    decision = DecisionFactory(
        issuing_unit=province,
        number=125,
        year=2025,
        signed_on=dt.date(2025, 1, 15),
        subject="Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024",
    )
    award = AwardFactory(decision=decision, person=hong, kind=kind("CSTDCS"), period=2024)
    for person in (hong, lan):
        person.refresh_from_db()
    return World(province, unit_a, division_a, unit_b, clerk_a, admin, hong, lan, decision, award)


MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, user):  # type: ignore[no-untyped-def]
    # UserFactory does not save the password it sets (skip_postgeneration_save): use the stored
    # row, or the session's password hash would not match and the session would be dropped.
    user.refresh_from_db()
    # The first backend (rules) only answers permissions: log in through the model backend.
    client.force_login(user, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def clerk_client(client, world):  # type: ignore[no-untyped-def]
    return login(client, world.clerk_a)


@pytest.fixture
def root_client(client, world):  # type: ignore[no-untyped-def]
    return login(client, world.admin)
