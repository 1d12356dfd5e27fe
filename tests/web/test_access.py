"""Every page: login required, out-of-scope objects are 404, CSP-safe markup, the main menu."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.factories.awards import AwardFactory, DecisionFactory
from tests.factories.orgs import RoleFactory
from vinhdanh.web.context_processors import navigation

pytestmark = pytest.mark.django_db


def page_urls(world):
    return [
        reverse("web:home"),
        reverse("web:units"),
        reverse("web:unit", args=[world.unit_a.pk]),
        reverse("web:unit_people_xlsx", args=[world.unit_a.pk]),
        reverse("web:people"),
        reverse("web:people_xlsx"),
        reverse("web:person", args=[world.hong.pk]),
        reverse("web:catalogue"),
        reverse("web:decisions"),
        reverse("web:decision", args=[world.decision.pk]),
        reverse("web:audit"),
    ]


def test_pages_redirect_anonymous_users_to_login(client, world):
    for url in page_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_pages_open_for_a_clerk_except_the_audit_log(clerk_client, world):
    for url in page_urls(world):
        expected = 403 if url == reverse("web:audit") else 200
        assert clerk_client.get(url).status_code == expected, url


def test_objects_outside_the_clerks_units_are_not_found(clerk_client, world):
    elsewhere = DecisionFactory(issuing_unit=world.unit_b, issuing_body="Sở Tài chính")
    AwardFactory(decision=elsewhere, person=world.lan)
    for url in [
        reverse("web:person", args=[world.lan.pk]),
        reverse("web:unit", args=[world.unit_b.pk]),
        reverse("web:unit", args=[world.province.pk]),
        reverse("web:unit_people_xlsx", args=[world.unit_b.pk]),
        reverse("web:decision", args=[elsewhere.pk]),
        reverse("web:person", args=[999_999]),
    ]:
        assert clerk_client.get(url).status_code == 404, url


def test_pages_carry_no_inline_script_or_style(root_client, world):
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    for url in page_urls(world):
        response = root_client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        assert " style=" not in html, url
        assert "<style" not in html, url
        assert not inline_script.search(html), url


def nav_for(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return navigation(request)["nav_items"]


def test_navigation_for_a_clerk_has_no_audit_log(world):
    labels_urls = [(item["url"], item["active"]) for item in nav_for(world.clerk_a, "/people/3/")]
    urls = [url for url, _ in labels_urls]
    assert reverse("web:audit") not in urls
    assert urls[:5] == [
        reverse("web:home"),
        reverse("web:units"),
        reverse("web:people"),
        reverse("web:catalogue"),
        reverse("web:decisions"),
    ]
    assert [url for url, active in labels_urls if active] == [reverse("web:people")]


def test_navigation_shows_the_audit_log_to_admins(world):
    unit_admin = RoleFactory(unit=world.unit_a, is_admin=True, is_clerk=False).user
    for user in (world.admin, unit_admin):
        assert reverse("web:audit") in [item["url"] for item in nav_for(user)]


def test_navigation_is_empty_for_anonymous_users(world):
    from django.contrib.auth.models import AnonymousUser

    assert nav_for(AnonymousUser()) == []


def test_navigation_marks_home_active_only_on_home(world):
    items = nav_for(world.clerk_a, "/")
    assert [item["url"] for item in items if item["active"]] == [reverse("web:home")]


def test_navigation_leads_to_nominations_councils_and_parameters_by_role(world):
    council_member = RoleFactory(unit=world.unit_a, is_clerk=False, is_council_member=True).user
    office = RoleFactory(unit=world.unit_a, is_clerk=False, is_emulation_office=True).user
    inbox = reverse("web:workflow_inbox")
    councils = reverse("web:councils:list")
    parameters = reverse("web:eligibility_parameters")

    def urls(user):
        return {item["url"] for item in nav_for(user)}

    assert inbox in urls(world.clerk_a)
    assert not {councils, parameters} & urls(world.clerk_a)
    assert councils in urls(council_member)
    assert parameters not in urls(council_member)
    assert reverse("web:imports") not in urls(council_member)  # it would answer 403
    assert reverse("web:imports") in urls(world.clerk_a)
    assert {inbox, councils, parameters} <= urls(office)
    assert {inbox, councils, parameters} <= urls(world.admin)
