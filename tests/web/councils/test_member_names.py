"""Council members are picked and shown by the names of the people they are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.councils.builders import council_world
from tests.factories.orgs import RoleFactory, UserFactory
from tests.factories.people import PersonFactory
from tests.web.conftest import login

pytestmark = pytest.mark.django_db


def test_the_member_picker_lists_people_by_name_never_by_login(client):  # type: ignore[no-untyped-def]
    world = council_world(size=2)
    user = UserFactory(username="ntlan.stp", first_name="Lan", last_name="Nguyễn Thị")
    RoleFactory(user=user, unit=world.unit, is_clerk=True)
    other = UserFactory(username="tvbinh", first_name="X", last_name="Y")
    PersonFactory(family_name="Trần", middle_name="Văn", given_name="Bình", user=other)
    RoleFactory(user=other, unit=world.unit, is_clerk=True)
    body = (
        login(client, world.office)
        .get(reverse("web:councils:council", args=[world.council.pk]))
        .content.decode()
    )
    picker = body[body.index('name="user"') :]
    picker = picker[: picker.index("</select>")]
    assert "Nguyễn Thị Lan" in picker
    assert "Trần Văn Bình" in picker
    assert "ntlan.stp" not in picker
    assert "tvbinh" not in picker
