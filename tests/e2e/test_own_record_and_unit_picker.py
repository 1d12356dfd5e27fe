"""In Chromium: a staff member opens their own record from the menu; a clerk finds a unit by
typing in the unit picker (no diacritics) and the people list follows.

Runs Debian's Chromium headless through Playwright against pytest-django's live server.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.orgs.enums import UnitLevel

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"


@pytest.fixture
def province(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The live server speaks plain http: cookies must not be marked Secure for the browser.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    root = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    units = {"root": root}
    for code, name in (("SYT", "Sở Y tế"), ("STP", "Sở Tư pháp"), ("SNV", "Sở Nội vụ")):
        department = UnitFactory(name=name, parent=root, code=code)
        units[code] = department
        units[f"{code}-VP"] = UnitFactory(
            name="Văn phòng Sở", parent=department, level=UnitLevel.DIVISION, code=f"{code}-VP"
        )
    return units


def _user(username: str):  # type: ignore[no-untyped-def]
    user = UserFactory(username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_member_opens_their_own_record_from_the_menu(live_server, province):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    minh = PersonFactory(family_name="Lê", middle_name="Anh", given_name="Minh", code="HT-0094")
    PostFactory(
        person=minh, unit=province["SYT-VP"], title="Chuyên viên", start_date=dt.date(2018, 1, 1)
    )
    TaskRatingFactory(person=minh, year=2024, rating="HTXSNV")
    AwardFactory(
        person=minh,
        kind=kind("LDTT"),
        period=2024,
        decision=DecisionFactory(
            issuing_unit=province["SYT"], number=12, year=2025, signed_on=dt.date(2025, 1, 10)
        ),
    )
    other = PersonFactory(family_name="Trần", middle_name="Văn", given_name="Bình")
    PostFactory(person=other, unit=province["SYT-VP"])
    minh.user = _user("canbo")
    minh.save(update_fields=["user"])

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            _log_in(page, live_server.url, "canbo")
            page.get_by_role("link", name="Hồ sơ của tôi").click()
            page.wait_for_url(f"**/people/{minh.pk}/")
            expect(page.locator("h1")).to_have_text("Lê Anh Minh")
            expect(page.locator("main")).to_contain_text("chỉ để xem")
            expect(page.locator(".timeline")).to_contain_text("Lao động tiên tiến")
            expect(page.locator("main")).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")
            expect(page.locator("main")).to_contain_text("Văn phòng Sở")
            active = page.locator('nav.mainnav a[aria-current="page"]')
            expect(active).to_have_text("Hồ sơ của tôi")

            page.get_by_role("link", name="Cá nhân", exact=True).click()
            expect(page.locator("#results")).to_contain_text("Lê Anh Minh")
            expect(page.locator("#results")).not_to_contain_text("Trần Văn Bình")
        finally:
            browser.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_clerk_finds_a_unit_by_typing_in_the_picker(live_server, province):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    for code, given in (("SYT-VP", "Hà"), ("STP-VP", "Tâm"), ("SNV-VP", "Vy")):
        PostFactory(
            person=PersonFactory(family_name="Phạm", middle_name="Thị", given_name=given),
            unit=province[code],
        )
    RoleFactory(unit=province["root"], user=_user("vanphong"))

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            _log_in(page, live_server.url, "vanphong")
            page.click('nav.mainnav a[href="/people/"]')
            results = page.locator("#results")
            expect(results).to_contain_text("Phạm Thị Tâm")

            search = page.locator(".unit-picker-search")
            expect(search).to_be_visible()  # the script shows the box
            select = page.locator("#id_unit")
            # Typed without diacritics: the three namesakes, told apart by their department.
            search.fill("van phong")
            expect(select.locator("option")).to_have_count(4)  # the placeholder and three
            expect(select).to_contain_text("Sở Tư pháp › Văn phòng Sở")
            select.select_option(label="Sở Y tế › Văn phòng Sở")
            expect(results).to_contain_text("Phạm Thị Hà")
            expect(results).not_to_contain_text("Phạm Thị Tâm")

            # Narrow enough and the only match is chosen: the list follows at once.
            search.fill("van phong so tu phap")
            expect(select.locator("option")).to_have_count(2)
            expect(results).to_contain_text("Phạm Thị Tâm")
            expect(results).not_to_contain_text("Phạm Thị Hà")
            assert f"unit={province['STP-VP'].pk}" in page.url
        finally:
            browser.close()
