"""One rule for what a user may see: for every kind of object and every role, the objects the
pages open are the objects the API lists and opens (issue 13, point 3).

The web's set is read from the pages themselves (a detail page answers 200, a list links to
it), the API's from its lists (every page) and detail answers, so a drift on either side fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from rest_framework.test import APIClient

from tests.api.world import ROLES, World, build_world
from tests.factories.awards import DecisionFactory
from tests.factories.orgs import UserFactory
from tests.test_permission_matrix import add_workflow
from vinhdanh.awards.enums import DecisionKind
from vinhdanh.awards.models import Award, Decision
from vinhdanh.councils.models import Council, CouncilSession
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

SIGNED_IN = [r for r in ROLES if r != "anonymous"] + ["staff_a"]


@dataclass(frozen=True)
class Kind:
    model: type[models.Model]
    web_page: str  # a detail page, "{pk}" filled in
    api: str  # the API's list; its detail is api + "{pk}/"
    web_list: str | None = None  # a page listing them (links to web_page), if there is one


KINDS = {
    "person": Kind(Person, "/people/{pk}/", "/api/v1/people/", "/people/"),
    "unit": Kind(Unit, "/units/{pk}/", "/api/v1/units/"),
    "decision": Kind(Decision, "/decisions/{pk}/", "/api/v1/decisions/", "/decisions/"),
    "round": Kind(Round, "/workflow/rounds/{pk}/", "/api/v1/workflow/rounds/", "/workflow/rounds/"),
    "nomination": Kind(Nomination, "/workflow/nominations/{pk}/", "/api/v1/workflow/nominations/"),
    "council": Kind(Council, "/councils/{pk}/", "/api/v1/councils/", "/councils/"),
    "session": Kind(CouncilSession, "/councils/sessions/{pk}/", "/api/v1/councils/sessions/"),
}


def _world() -> World:
    world = build_world()
    add_workflow(world)
    # A revocation by the province of unit A's award: the clerk of A reads it on the web.
    revocation = DecisionFactory(
        issuing_unit=world.province,
        issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh",
        number=9002,
        kind=DecisionKind.REVOCATION,
        revokes=world.decision_a,
        subject="Hủy bỏ khen thưởng",
    )
    Award.objects.filter(pk=world.award_a.pk).update(revoked_by=revocation)
    world.extra["revocation"] = revocation
    # A staff member without a role, linked to their own record in unit A.
    staff = UserFactory(username="staff_a")
    Person.objects.filter(pk=world.person_sub_a.pk).update(user=staff)
    world.users["staff_a"] = staff
    return world


def _api_ids(client: APIClient, url: str) -> set[int]:
    ids: set[int] = set()
    next_url: str | None = f"{url}?limit=500"
    while next_url:
        answer = client.get(next_url)
        assert answer.status_code == 200, (url, answer.status_code)
        data = answer.json()
        rows = data["results"] if isinstance(data, dict) else data
        ids |= {row["id"] for row in rows}
        next_url = data.get("next") if isinstance(data, dict) else None
    return ids


def _web_list_ids(client: Client, kind: Kind) -> set[int]:
    assert kind.web_list is not None
    page = client.get(kind.web_list)
    assert page.status_code == 200
    pattern = re.escape(kind.web_page).replace(re.escape("{pk}"), r"(\d+)")
    return {int(pk) for pk in re.findall(f'href="{pattern}"', page.content.decode())}


def _opens(client: Any, url: str) -> bool:
    status = client.get(url).status_code
    assert status in (200, 404), (url, status)
    return status == 200


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    return _world()


def _clients(user: Any) -> tuple[Client, APIClient]:
    web, api = Client(), APIClient()
    web.force_login(user)
    api.force_authenticate(user)
    return web, api


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("name", list(KINDS))
def test_the_api_shows_what_the_pages_show(world: World, role: str, name: str) -> None:
    kind = KINDS[name]
    web, api = _clients(world.users[role])
    every = list(kind.model._default_manager.values_list("pk", flat=True))

    on_web = {pk for pk in every if _opens(web, kind.web_page.format(pk=pk))}
    api_details = {pk for pk in every if _opens(api, f"{kind.api}{pk}/")}
    api_list = _api_ids(api, kind.api)

    assert api_details == on_web, f"{role}: API details {api_details} ≠ pages {on_web}"
    assert api_list == on_web, f"{role}: API list {api_list} ≠ pages {on_web}"
    if kind.web_list is not None and name != "person":  # the people list needs a search
        assert _web_list_ids(web, kind) == on_web


# Awards have no page of their own: the web shows them on their subject's page (a person's
# history, a unit's page) and to the staff member whose award it is.
def _award_shown_on_web(web: Client, award: Award) -> bool:
    if award.person_id is not None:
        return _opens(web, f"/people/{award.person_id}/")
    return _opens(web, f"/units/{award.unit_id}/")


@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_api_shows_the_awards_the_pages_show(world: World, role: str) -> None:
    web, api = _clients(world.users[role])
    awards = list(Award.objects.all())

    on_web = {a.pk for a in awards if _award_shown_on_web(web, a)}
    api_details = {a.pk for a in awards if _opens(api, f"/api/v1/awards/{a.pk}/")}

    assert api_details == on_web
    assert _api_ids(api, "/api/v1/awards/") == on_web


def test_a_clerk_opens_a_revocation_of_their_units_award_on_both(world: World) -> None:
    """The drift the probe found: 200 on the page, 404 from the API."""
    web, api = _clients(world.users["clerk_a"])
    revocation = world.extra["revocation"]

    assert web.get(f"/decisions/{revocation.pk}/").status_code == 200
    assert api.get(f"/api/v1/decisions/{revocation.pk}/").status_code == 200
    assert revocation.pk in _api_ids(api, "/api/v1/decisions/")
    clerk_b_api = _clients(world.users["clerk_b"])[1]
    assert clerk_b_api.get(f"/api/v1/decisions/{revocation.pk}/").status_code == 404
