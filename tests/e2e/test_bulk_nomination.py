"""A clerk opens her department's candidate list, ticks two eligible people and nominates
them in the year's round with one click; the round then lists both drafts.

Headless Debian Chromium through Playwright against pytest-django's live server. Selectors
rely on element ids and names, not on the interface language.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.nominations.domain.nominations import create_round
from vinhdanh.nominations.models import Nomination
from vinhdanh.orgs.enums import UnitLevel

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"


@pytest.fixture
def scene(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    dept = UnitFactory(name="Sở Tư pháp", parent=province, code="STP")
    clerk = RoleFactory(unit=dept, user__username="vanthu_stp").user
    clerk.set_password(PASSWORD)
    clerk.save()
    people = []
    for family, middle, given in [
        ("Nguyễn", "Thị", "Hồng"),
        ("Trần", "Văn", "Bình"),
        ("Lê", "Thị", "Lan"),
    ]:
        person = PersonFactory(family_name=family, middle_name=middle, given_name=given)
        PostFactory(person=person, unit=dept, start_date=dt.date(2015, 1, 1))
        TaskRatingFactory(person=person, year=2024, rating="HTTNV")
        people.append(person)
    round_ = create_round(
        actor=clerk,
        name="Danh hiệu thi đua năm 2024 — Sở Tư pháp",
        owning_unit=dept,
        decider_unit=province,
        year=2024,
        planned_decision_date=dt.date(2025, 1, 15),
    )
    return {"dept": dept, "people": people, "round": round_}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_clerk_ticks_two_people_and_nominates_them(live_server, scene) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    hong, binh, lan = scene["people"]
    round_ = scene["round"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="vi-VN").new_page()
            page.goto(f"{live_server.url}/login/")
            page.fill("#id_username", "vanthu_stp")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit].primary")
            page.wait_for_url(f"{live_server.url}/")
            page.goto(
                f"{live_server.url}/eligibility/units/{scene['dept'].pk}/"
                "?year=2024&decision_date=2025-01-15&code=LDTT"
            )
            expect(page.locator(f"#tick-{lan.pk}")).to_be_visible()
            page.check(f"#tick-{hong.pk}")
            page.check(f"#tick-{binh.pk}")
            page.select_option("select[name=round]", str(round_.pk))
            with page.expect_navigation():
                page.click("button[name=nominate]")
            assert page.url == f"{live_server.url}/workflow/rounds/{round_.pk}/"
            body = page.locator("main")
            expect(body).to_contain_text("Nguyễn Thị Hồng")
            expect(body).to_contain_text("Trần Văn Bình")
            expect(body).not_to_contain_text("Lê Thị Lan")
        finally:
            browser.close()
    nominated = Nomination.objects.filter(round=round_)
    assert {n.person_id for n in nominated} == {hong.pk, binh.pk}
    assert {n.eligibility_outcome for n in nominated} == {"ELIGIBLE"}
