"""In a Chromium set to English (en-US), the Vietnamese pages show no browser-native English:
the date field takes "17/07/2025" and saves 17 July 2025, and the file control reads "Chọn
tệp…" / "Chưa chọn tệp", then the chosen file's name, never "Choose File / No file chosen".

No page holds both controls, so the test opens the two of one journey: launching a movement
(its dates) and adding its plan (a file).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from vinhdanh.movements.models import Movement
from vinhdanh.orgs.enums import UnitLevel

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
NATIVE_ENGLISH = ("Choose File", "No file chosen", "mm/dd/yyyy", "Choose Files")


@pytest.fixture
def clerk(settings: Any, tmp_path: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    dept = UnitFactory(name="Sở Tư pháp", parent=province, code="STP")
    user = UserFactory(username="vanthu_stp")
    user.set_password(PASSWORD)
    user.save()
    RoleFactory(user=user, unit=dept, is_clerk=True)
    user.unit = dept  # the unit the test launches the movement for
    return user


def _no_native_english(page: Any) -> None:
    text = page.locator("body").inner_text()
    for words in NATIVE_ENGLISH:
        assert words not in text
    assert page.locator('input[type="date"]').count() == 0


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dates_and_files_speak_vietnamese_in_an_english_browser(live_server, clerk: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US")
        try:
            page = context.new_page()
            page.goto(f"{live_server.url}/login/")
            page.fill("#id_username", "vanthu_stp")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit].primary")
            page.wait_for_url(f"{live_server.url}/")

            # The dates: typed day first, as on paper.
            page.goto(f"{live_server.url}/workflow/movements/new/")
            _no_native_english(page)
            starts = page.locator("#id_starts_on")
            expect(starts).to_have_attribute("placeholder", "dd/mm/yyyy")
            page.fill("#id_name", "Phong trào thi đua Dân vận khéo")
            page.select_option("#id_launched_by", str(clerk.unit.pk))
            valid = "document.querySelector('#id_starts_on').validity.valid"
            starts.fill("hôm qua")
            assert page.evaluate(valid) is False  # the pattern is live in the browser
            starts.fill("2025-07-17")
            assert page.evaluate(valid) is True
            starts.fill("17/07/2025")
            assert page.evaluate(valid) is True
            page.fill("#id_ends_on", "31/12/2025")
            with page.expect_navigation():
                page.locator('form button[type="submit"].primary').click()
            movement = Movement.objects.get()
            assert movement.starts_on == dt.date(2025, 7, 17)
            assert movement.ends_on == dt.date(2025, 12, 31)
            expect(page.locator("main")).to_contain_text("17/07/2025")

            # The file: the Vietnamese button, then the chosen name beside it.
            _no_native_english(page)
            expect(page.locator(".file-pick-button")).to_have_text("Chọn tệp…")
            expect(page.locator(".file-pick-name")).to_have_text("Chưa chọn tệp")
            box = page.locator("#id_file").bounding_box()
            assert box is None or (box["width"] <= 1 and box["height"] <= 1)
            page.set_input_files(
                "#id_file",
                {"name": "ke-hoach.pdf", "mimeType": "application/pdf", "buffer": PDF},
            )
            expect(page.locator(".file-pick-name")).to_have_text("ke-hoach.pdf")
            # The keyboard reaches the hidden control through the tab order.
            page.locator("#id_title").focus()
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.id") == "id_file"
        finally:
            context.close()
            chromium.close()
