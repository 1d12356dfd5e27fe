"""A programme's period from report to review, by clicking only (issue 12, the end-to-end test).

A commune clerk enters and submits the quarter's report; the province's emulation office sees
the period's completeness change, returns one report with a reason, approves the others, locks
the period, generates the review and downloads the .docx — read back with python-docx and
converted by LibreOffice. The review page and the dashboard are photographed; set
VINHDANH_SCREENSHOTS=1 to refresh docs/screenshots/programme-review.png and
programme-dashboard.png with them.

Only the login page is opened by address. Selectors rely on addresses and element ids.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.documents.reading import read, table_cells, text
from tests.programmes.world import World, build_world
from vinhdanh.programmes.domain.activities import record_activity
from vinhdanh.programmes.domain.committees import (
    MemberSpec,
    create_committee,
    record_committee_decision,
)
from vinhdanh.programmes.enums import CommitteeDecisionKind, CommitteeRole, ReportState
from vinhdanh.programmes.models import PeriodLock, PeriodReport
from vinhdanh.programmes.periods import parse_period

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def last_ended_quarter(world: World) -> str:
    """The latest quarter that has ended (the programme page lists the latest eight)."""
    today = timezone.localdate()
    return [p for p in world.programme.periods() if p.end < today][-1].code


@pytest.fixture
def programme_world(settings) -> World:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    world = build_world()
    for user in (world.office, world.clerk_x):
        user.set_password(PASSWORD)
        user.save()
    quarter = last_ended_quarter(world)
    period = parse_period(quarter)
    committee = create_committee(
        actor=world.office,
        unit=world.province,
        name="Ban Chỉ đạo phổ biến, giáo dục pháp luật tỉnh",
        programme=world.programme,
    )
    record_committee_decision(
        actor=world.office,
        committee=committee,
        kind=CommitteeDecisionKind.SET_UP,
        number="215/QĐ-UBND",
        date=world.programme.starts_on,
        members=[
            MemberSpec("Nguyễn Văn Hùng", CommitteeRole.HEAD, "Phó Chủ tịch UBND tỉnh"),
            MemberSpec("Trần Thị Mai", CommitteeRole.DEPUTY, "Giám đốc Sở Tư pháp"),
            MemberSpec("Đặng Minh Tuấn", CommitteeRole.SECRETARY, "Trưởng phòng Sở Tư pháp"),
        ],
    )
    for unit, people in ((world.x, 120), (world.y, 85)):
        record_activity(
            actor=world.office,
            programme=world.programme,
            unit=unit,
            kind=world.dissemination,
            date=period.start,
            title=f"Hội nghị quán triệt tại {unit.name}",
            participants=people,
        )
    # Two communes have already sent their figures; An Xuân has not.
    world.report(world.y, quarter, {"sessions": 5, "rate": 70, "clubs": 1}, approve=False)
    world.report(world.z, quarter, {"sessions": 9, "rate": 90, "clubs": 4}, approve=False)
    return world


class Browser:
    def __init__(self, browser: Any, base: str) -> None:
        self.browser = browser
        self.base = base
        self.context: Any = None
        self.page: Any = None

    def login(self, username: str) -> Any:
        if self.context is not None:
            self.context.close()
        self.context = self.browser.new_context(
            viewport={"width": 1280, "height": 1000}, locale="vi-VN", accept_downloads=True
        )
        self.page = self.context.new_page()
        self.page.goto(f"{self.base}/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit].primary")
        self.page.wait_for_url(f"{self.base}/")
        return self.page

    def click(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.locator(selector).first.click()

    def to_programme(self, world: World) -> None:
        self.click('nav.mainnav a[href="/programmes/"]')
        self.click(f'main a[href="/programmes/{world.programme.pk}/"]')

    def to_period(self, world: World) -> None:
        code = last_ended_quarter(world)
        self.click(f'main a[href="/programmes/{world.programme.pk}/periods/{code}/"]')

    def stat(self) -> str:
        return str(self.page.locator(".stats .stat-value").first.inner_text())


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_from_a_commune_report_to_the_review_by_clicking(
    live_server, programme_world: World, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    w = programme_world
    pk = w.programme.pk
    quarter = last_ended_quarter(w)
    report_of = f"/programmes/{pk}/periods/{quarter}/units/"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        b = Browser(chromium, live_server.url)
        try:
            # 1. The office looks at the quarter: two of three communes have reported.
            page = b.login("office")
            b.to_programme(w)
            b.to_period(w)
            assert b.stat() == "2/3"

            # 2. An Xuân's clerk enters and submits the quarter's report.
            page = b.login("clerk_x")
            b.to_programme(w)
            expect(page.locator(f'main a[href^="/programmes/{pk}/review/"]')).to_have_count(0)
            b.click(f'main a[href="{report_of}{w.x.pk}/"]')
            page.fill("#id_i_sessions", "3")
            page.fill("#id_i_rate", "50")
            page.fill("#id_i_largest", "120")
            page.fill("#id_i_clubs", "2")
            page.check("input[name=i_done][value='1']")
            page.fill("#id_narrative", "Đã tổ chức 3 buổi tuyên truyền tại các thôn.")
            b.click("button[name=action][value=submit]")
            expect(page.locator(".badge.state-submitted")).to_be_visible()

            # 3. The office sees the completeness change, returns one report, approves two.
            page = b.login("office")
            b.to_programme(w)
            b.to_period(w)
            assert b.stat() == "3/3"
            b.click(f'main a[href="{report_of}{w.z.pk}/"]')
            page.fill("textarea[name=reason]", "Số buổi chưa khớp với biên bản, đề nghị rà soát.")
            b.click(f'form[action="{report_of}{w.z.pk}/return/"] button[type=submit]')
            expect(page.locator(".badge.state-returned")).to_be_visible()
            for unit in (w.x, w.y):
                b.click(f'main a[href="/programmes/{pk}/periods/{quarter}/"]')
                b.click(f'main a[href="{report_of}{unit.pk}/"]')
                b.click(f'form[action="{report_of}{unit.pk}/approve/"] button[type=submit]')
                expect(page.locator(".badge.state-approved")).to_be_visible()
            b.click(f'main a[href="/programmes/{pk}/periods/{quarter}/"]')
            assert b.stat() == "2/3"  # the returned report no longer counts as reported

            # 4. Locks the period.
            b.click(f'form[action="/programmes/{pk}/periods/{quarter}/lock/"] button[type=submit]')
            expect(page.locator("form[action$='/unlock/']")).to_be_visible()

            # 5. Generates the review for the quarter and downloads the report.
            b.click(f'nav a[href="/programmes/{pk}/review/"]')
            page.select_option("#id_kind", "preliminary")
            page.select_option("#id_start", quarter)
            page.select_option("#id_end", quarter)
            b.click("form.filters button[type=submit]")
            main = page.locator("main")
            expect(main).to_contain_text("2 báo cáo đã duyệt")
            expect(main).to_contain_text("Xã An Xuân")
            expect(main).to_contain_text("Nguyễn Văn Hùng")  # the committee in force
            chart = page.locator("img.prog-chart-img").first
            expect(chart).to_be_visible()
            # the SVG was drawn by the browser (a broken image has no natural size)
            assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
            shots = SCREENSHOTS if os.environ.get("VINHDANH_SCREENSHOTS") == "1" else tmp_path
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "programme-review.png"), full_page=True)
            with page.expect_download() as info:
                page.locator(f'a[href^="/programmes/{pk}/review/report.docx"]').click()
            download = info.value
            target = tmp_path / "bao-cao-so-ket.docx"
            download.save_as(str(target))

            # 6. The dashboard of the programme.
            b.click(f'nav a[href="/programmes/{pk}/dashboard/"]')
            expect(page.locator("#chart-completeness")).to_be_visible()
            expect(page.locator("#chart-completeness img")).to_be_visible()
            page.screenshot(path=str(shots / "programme-dashboard.png"), full_page=True)
        finally:
            chromium.close()

    assert re.fullmatch(rf"bao-cao-so-ket-\d+-{quarter}\.docx", download.suggested_filename)
    document = read(target.read_bytes())
    assert "BÁO CÁO" in text(document)
    cells = table_cells(document)
    # approved: An Xuân's 3 and Yên Bình's 5 sessions; Đông Giang's returned 9 is not counted
    assert cells[cells.index("Tỉnh Bình An") : cells.index("Tỉnh Bình An") + 2] == [
        "Tỉnh Bình An",
        "8",
    ]
    assert PeriodLock.objects.filter(
        programme=w.programme, period_code=quarter, locked=True
    ).exists()
    assert PeriodReport.objects.get(unit=w.z).state == ReportState.RETURNED
    soffice = shutil.which("soffice")
    if soffice is not None:
        from tests.documents.test_libreoffice import to_pdf_text

        pdf_text = " ".join(to_pdf_text(target.read_bytes(), tmp_path, "review").split())
        assert "BÁO CÁO" in pdf_text
        assert "Xã An Xuân" in pdf_text
