"""An office member asks for the province's candidate lists: the page follows the worker by
itself (HTMX polling), then offers the .xlsx, which downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command

from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.orgs.enums import UnitLevel

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"


@pytest.fixture
def office(settings: Any, tmp_path: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CANDIDATES_INLINE_MAX_PEOPLE = 0  # every unit counts as a province
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    department = UnitFactory(name="Sở Nội vụ", parent=province, code="SNV")
    hong = PersonFactory(family_name="Nguyễn", middle_name="Thị", given_name="Hồng")
    PostFactory(person=hong, unit=department, start_date=dt.date(2015, 1, 1))
    TaskRatingFactory(person=hong, year=2024, rating="HTTNV")
    user = RoleFactory(
        unit=province, is_clerk=False, is_emulation_office=True, user__username="vanphong"
    ).user
    user.set_password(PASSWORD)
    user.save()
    return province


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_province_list_follows_the_worker_without_reloading_and_downloads(
    live_server: Any, office: Any
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="vi-VN")
            page.goto(f"{live_server.url}/login/")
            page.fill("#id_username", "vanphong")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit].primary")
            page.wait_for_url(f"{live_server.url}/")

            page.goto(f"{live_server.url}/eligibility/units/{office.pk}/candidates.xlsx?year=2024")
            page.get_by_role("button", name="Chuẩn bị tệp .xlsx").click()
            page.wait_for_url("**/jobs/*/")
            expect(page.locator(".job-progress progress")).to_be_visible()
            expect(page.locator(".job-progress")).to_contain_text("Đang chờ")
            loads: list[str] = []
            page.on("framenavigated", lambda frame: loads.append(frame.url))

            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

            link = page.get_by_role("link", name="Tải về danh-sach-du-dieu-kien-HT-2024.xlsx")
            expect(link).to_be_visible(timeout=10_000)  # the polling brought the result
            assert loads == []  # without a reload
            with page.expect_download() as download:
                link.click()
            assert download.value.suggested_filename == "danh-sach-du-dieu-kien-HT-2024.xlsx"
        finally:
            browser.close()
