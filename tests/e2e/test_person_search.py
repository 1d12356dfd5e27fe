"""A clerk logs in, finds a person by typing her name without diacritics, opens her record.

Runs Debian's Chromium headless through Playwright against pytest-django's live server.
Set VINHDANH_SCREENSHOTS=1 to also refresh docs/screenshots/person.png for the README.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.orgs.enums import UnitLevel

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "person.png"


@pytest.fixture
def clerk_with_people(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The live server speaks plain http: cookies must not be marked Secure for the browser.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    department = UnitFactory(name="Sở Nội vụ", parent=province, code="SNV")
    user = RoleFactory(unit=department, user__username="canbo_tdkt").user
    user.first_name, user.last_name = "Lê Thị", "Thu"
    user.set_password(PASSWORD)
    user.save()

    hong = PersonFactory(
        family_name="Nguyễn",
        middle_name="Thị",
        given_name="Hồng",
        code="SNV-0042",
        birth_date=dt.date(1986, 9, 2),
        gender="F",
    )
    PostFactory(
        person=hong, unit=department, title="Chuyên viên chính", start_date=dt.date(2016, 3, 1)
    )
    for year, rating in [(2022, "HTTNV"), (2023, "HTXSNV"), (2024, "HTXSNV")]:
        TaskRatingFactory(person=hong, year=year, rating=rating)
    decision = DecisionFactory(
        issuing_unit=province,
        number=125,
        year=2025,
        signed_on=dt.date(2025, 1, 15),
        subject="Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024",
    )
    AwardFactory(decision=decision, person=hong, kind=kind("CSTDCS"), period=2024)
    AwardFactory(
        person=hong,
        kind=kind("LDTT"),
        period=2023,
        decision=DecisionFactory(
            issuing_unit=department,
            issuing_body="Sở Nội vụ tỉnh Hà Tĩnh",
            symbol="QĐ-SNV",
            number=31,
            year=2024,
            signed_on=dt.date(2024, 1, 20),
            signer_name="Phan Văn Hải",
            signer_title="Giám đốc",
        ),
    )
    bình = PersonFactory(family_name="Trần", middle_name="Văn", given_name="Bình")
    PostFactory(person=bình, unit=department)
    return user


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_clerk_finds_a_person_without_diacritics_and_sees_her_award(live_server, clerk_with_people):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
            page.goto(f"{live_server.url}/")
            # Anonymous: sent to the login form.
            page.fill("#id_username", "canbo_tdkt")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit].primary")
            page.wait_for_url(f"{live_server.url}/")

            page.click('nav.mainnav a[href="/people/"]')
            results = page.locator("#results")
            expect(results).to_contain_text("Trần Văn Bình")
            page.fill("#id_q", "nguyen thi hong")  # typed without diacritics; HTMX updates
            expect(results).not_to_contain_text("Trần Văn Bình")
            link = results.get_by_role("link", name="Nguyễn Thị Hồng")
            expect(link).to_be_visible()
            assert "q=nguyen" in page.url  # the search is in the address bar, shareable

            link.click()
            page.wait_for_url("**/people/*/")
            expect(page.locator("h1")).to_have_text("Nguyễn Thị Hồng")
            awards = page.locator(".timeline")
            expect(awards).to_contain_text("Chiến sĩ thi đua cơ sở")
            expect(awards).to_contain_text("125/QĐ-UBND")
            expect(awards).to_contain_text("15/01/2025")

            if os.environ.get("VINHDANH_SCREENSHOTS") == "1":
                SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()
