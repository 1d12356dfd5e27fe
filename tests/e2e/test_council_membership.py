"""The office ends a council member's membership from the council page, with a last day."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.councils.builders import council_world
from tests.e2e.test_person_search import CHROMIUM, CHROMIUM_ARGS, PASSWORD
from vinhdanh.councils.models import CouncilMember


@pytest.fixture
def world(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The live server speaks plain http: cookies must not be marked Secure for the browser.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    world = council_world(size=3)
    world.office.username = "vanphong_tdkt"
    world.office.set_password(PASSWORD)
    world.office.save()
    return world


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_office_ends_a_membership_with_a_last_day(live_server, world) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    member = world.members[1]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            page.goto(f"{live_server.url}/login/")
            page.fill("#id_username", "vanphong_tdkt")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit].primary")
            page.wait_for_url(f"{live_server.url}/")

            page.goto(f"{live_server.url}/councils/{world.council.pk}/")
            row = page.locator("tr", has_text=member.display_name)
            row.get_by_role("link", name="Kết thúc tư cách thành viên").click()
            page.wait_for_url(f"**/councils/members/{member.pk}/end/")
            page.fill("#id_last_day", "2025-06-30")
            page.get_by_role("button", name="Kết thúc tư cách thành viên").click()

            page.wait_for_url(f"{live_server.url}/councils/{world.council.pk}/")
            expect(page.locator("main")).to_contain_text("kết thúc vào ngày 30/06/2025")
            expect(row).to_contain_text("đến 30/06/2025")  # no first day was recorded
            expect(row).to_have_class("muted")  # no longer a member today
        finally:
            browser.close()
    assert CouncilMember.objects.get(pk=member.pk).valid_to == dt.date(2025, 6, 30)
