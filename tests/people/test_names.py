"""Users are named as the people they are, in Vietnamese order (family, middle, given)."""

from __future__ import annotations

import pytest

from tests.factories.orgs import UserFactory
from tests.factories.people import PersonFactory
from vinhdanh.people.names import user_display_name, users_by_name

pytestmark = pytest.mark.django_db


def test_a_user_linked_to_a_person_is_named_by_the_person() -> None:
    user = UserFactory(username="lanhdao", first_name="Bình", last_name="Trần Văn")
    PersonFactory(family_name="Trần", middle_name="Văn", given_name="Bình", user=user)
    user.refresh_from_db()
    assert user_display_name(user) == "Trần Văn Bình"
    assert user.get_full_name() == "Bình Trần Văn"  # Django's western order: never shown


def test_a_user_without_a_person_is_named_family_name_first() -> None:
    user = UserFactory(username="vanphong", first_name="Phương", last_name="Nguyễn Thị")
    assert user_display_name(user) == "Nguyễn Thị Phương"


def test_a_user_with_no_name_at_all_falls_back_to_the_login() -> None:
    assert user_display_name(UserFactory(username="khach")) == "khach"
    assert user_display_name(None) == ""


def test_users_are_listed_by_name() -> None:
    from django.contrib.auth import get_user_model

    b = UserFactory(username="a1", first_name="Bình", last_name="Trần Văn")
    a = UserFactory(username="z9", first_name="An", last_name="Lê Thị")
    users = users_by_name(get_user_model().objects.filter(pk__in=[a.pk, b.pk]))
    assert [user_display_name(u) for u in users] == ["Lê Thị An", "Trần Văn Bình"]
