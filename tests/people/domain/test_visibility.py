"""One rule for who sees whom: the user's units, and the user's own person."""

from __future__ import annotations

import pytest

from tests.factories.awards import AwardFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.awards.domain.queries.awards import count_visible_awards, visible_awards
from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.people.domain.queries.visibility import (
    is_own_person,
    may_view_person,
    own_person,
    visible_people,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():  # type: ignore[no-untyped-def]
    health, justice = UnitFactory(name="Sở Y tế"), UnitFactory(name="Sở Tư pháp")
    minh, binh = PersonFactory(given_name="Minh"), PersonFactory(given_name="Bình")
    PostFactory(person=minh, unit=health)
    PostFactory(person=binh, unit=justice)
    minh.refresh_from_db()
    binh.refresh_from_db()
    minh.user = UserFactory(username="canbo")
    minh.save(update_fields=["user"])
    return health, justice, minh, binh


def test_staff_member_without_a_role_sees_only_themselves(office):  # type: ignore[no-untyped-def]
    _health, _justice, minh, binh = office
    user = minh.user
    assert list(visible_people(user)) == [minh]
    assert may_view_person(user, minh)
    assert not may_view_person(user, binh)
    assert is_own_person(user, minh)
    assert own_person(user) == minh


def test_staff_member_who_is_also_a_clerk_sees_their_units_and_themselves(office):  # type: ignore[no-untyped-def]
    _health, justice, minh, binh = office
    RoleFactory(user=minh.user, unit=justice)
    assert set(visible_people(minh.user)) == {minh, binh}


def test_user_without_a_person_or_role_sees_nobody(office):  # type: ignore[no-untyped-def]
    user = UserFactory(username="khach")
    assert list(visible_people(user)) == []
    assert own_person(user) is None


def test_own_awards_and_their_decisions_are_visible(office):  # type: ignore[no-untyped-def]
    _health, _justice, minh, binh = office
    mine = AwardFactory(person=minh, kind=kind("LDTT"), period=2024)
    AwardFactory(person=binh, kind=kind("LDTT"), period=2024)
    assert list(visible_awards(minh.user)) == [mine]
    assert count_visible_awards(minh.user) == 1
    assert list(visible_decisions(minh.user)) == [mine.decision]


def test_own_awards_are_counted_once_for_a_clerk_of_their_own_unit(office):  # type: ignore[no-untyped-def]
    health, _justice, minh, _binh = office
    RoleFactory(user=minh.user, unit=health)
    AwardFactory(person=minh, kind=kind("LDTT"), period=2024)
    assert count_visible_awards(minh.user) == 1
    assert visible_awards(minh.user).count() == 1


def test_own_awards_count_beside_the_units_of_a_clerk_elsewhere(office):  # type: ignore[no-untyped-def]
    _health, justice, minh, binh = office
    RoleFactory(user=minh.user, unit=justice)
    AwardFactory(person=minh, kind=kind("LDTT"), period=2024)
    AwardFactory(person=binh, kind=kind("LDTT"), period=2024)
    AwardFactory(person=binh, kind=kind("LDTT"), period=2023)
    assert count_visible_awards(minh.user) == 3 == visible_awards(minh.user).count()
