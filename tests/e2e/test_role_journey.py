"""Every role's journey through links and buttons only (issue 9, point 3).

A small province built with factories: a department clerk opens a round and nominates a
person found by name typed without diacritics, attaches the achievement report and submits;
the provincial emulation office appraises, convenes the council and opens the vote; each
member finds the session in their inbox and votes; the office closes the session (confirming
that it cannot be undone) and proposes; the decider sees the count in the menu, opens the
nomination from the inbox and issues the decision; the award is then on the person's page.

Only the login page is opened by address; every other page is reached by clicking. Selectors
rely on addresses, element ids and classes, not on the interface language. Along the way the
test checks that actions a role cannot take are not offered to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import (
    InitiativeFactory,
    PersonFactory,
    PostFactory,
    TaskRatingFactory,
)
from vinhdanh.councils.enums import CouncilRole
from vinhdanh.councils.models import Council, CouncilMember
from vinhdanh.orgs.enums import UnitLevel

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
ISSUE = "/councils/decisions/issue/"


@dataclass
class Province:
    province: Any
    dept: Any
    person: Any
    members: list[str]


def _user(username: str, unit: Any = None, first: str = "", last: str = "", **flags: Any) -> Any:
    user = UserFactory(username=username, first_name=first, last_name=last)
    user.set_password(PASSWORD)
    user.save()
    if unit is not None:
        RoleFactory(user=user, unit=unit, **{"is_clerk": False, **flags})
    return user


@pytest.fixture
def small_province(settings) -> Province:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    dept = UnitFactory(name="Sở Tư pháp", parent=province, code="STP")
    _user("vanthu_stp", dept, "Lan", "Phạm Thị", is_clerk=True)
    _user("ban_tdkt", province, "Phương", "Nguyễn Thị", is_emulation_office=True)
    _user("chutich", province, "Bình", "Trần Văn", is_decider=True, title="Chủ tịch UBND tỉnh")

    # The nominee (the engine's example E10: Bằng khen of the province chair), and namesakes
    # that the search must tell apart.
    hong = PersonFactory(family_name="Nguyễn", middle_name="Thị", given_name="Hồng", code="STP-07")
    PostFactory(person=hong, unit=dept, title="Chuyên viên chính", start_date=dt.date(2015, 1, 1))
    for given in ("Hương", "Phong"):
        other = PersonFactory(family_name="Nguyễn", middle_name="Thị", given_name=given)
        PostFactory(person=other, unit=dept)
    for year in (2023, 2024):
        TaskRatingFactory(person=hong, year=year, rating="HTXSNV")
        InitiativeFactory(authors=[hong], recognised_on=dt.date(year, 11, 30))
    AwardFactory(
        person=hong,
        kind=kind("CSTDCS"),
        period=2024,
        decision=DecisionFactory(
            issuing_unit=dept,
            issuing_body="Sở Tư pháp tỉnh Hà Tĩnh",
            symbol="QĐ-STP",
            year=2025,
            signed_on=dt.date(2025, 1, 10),
        ),
    )

    council = Council.objects.create(unit=province, name="Hội đồng Thi đua - Khen thưởng tỉnh")
    members = []
    for i, (username, role) in enumerate(
        [
            ("uv_chutich", CouncilRole.CHAIR),
            ("uv_thuky", CouncilRole.SECRETARY),
            ("uv_thanhvien", CouncilRole.MEMBER),
        ]
    ):
        user = _user(username, province, is_council_member=True)
        person = PersonFactory(given_name=f"Ủy viên {i + 1}", user=user)
        CouncilMember.objects.create(council=council, user=user, person=person, role=role)
        members.append(username)
    return Province(province=province, dept=dept, person=hong, members=members)


class Browser:
    def __init__(self, browser: Any, base: str) -> None:
        self.browser = browser
        self.base = base
        self.context: Any = None
        self.page: Any = None

    def login(self, username: str) -> Any:
        """The only address typed: the login page."""
        if self.context is not None:
            self.context.close()
        self.context = self.browser.new_context(
            viewport={"width": 1280, "height": 1000}, locale="vi-VN"
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

    def menu(self, href: str) -> None:
        self.click(f'nav.mainnav a[href="{href}"]')

    def move(self, target: str, reason: str = "") -> None:
        form = self.page.locator(f"form.move-{target}")
        if reason:
            form.locator("textarea[name=reason]").fill(reason)
        with self.page.expect_navigation():
            form.locator("button[type=submit]").click()

    def state(self) -> str:
        classes = self.page.locator("h1 .badge.state").get_attribute("class") or ""
        return classes.split("state-")[-1]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_role_completes_its_part_by_clicking(live_server, small_province: Province) -> None:
    from playwright.sync_api import expect, sync_playwright

    world = small_province
    person = world.person
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        b = Browser(chromium, live_server.url)
        try:
            # 1. The clerk opens a round: menu → rounds → "open a round".
            page = b.login("vanthu_stp")
            expect(page.locator('nav.mainnav a[href="/councils/"]')).to_have_count(0)
            b.menu("/workflow/")
            b.click('nav.subnav a[href="/workflow/rounds/"]')
            b.click('a[href="/workflow/rounds/new/"]')
            page.fill("#id_name", "Khen thưởng năm 2024 — Sở Tư pháp đề nghị UBND tỉnh")
            page.select_option("#id_owning_unit", str(world.dept.pk))
            page.select_option("#id_decider_unit", str(world.province.pk))
            page.select_option("#id_decider_role", "chu_tich_ubnd_tinh")
            page.fill("#id_year", "2024")
            page.fill("#id_planned_decision_date", "2025-01-15")
            b.click("form.card button[type=submit].primary")
            assert re.search(r"/workflow/rounds/\d+/$", page.url)
            expect(page.locator(".no-clerk")).to_have_count(0)  # the unit has a clerk

            # 2. Nominates a person found by name, typed without diacritics.
            b.click('a[href$="/nominate/"]')
            kinds = page.locator("#id_kind option")
            offered = [kinds.nth(i).get_attribute("value") for i in range(kinds.count())]
            assert str(kind("BK_BT").pk) in offered
            assert str(kind("BK_TTG").pk) not in offered  # the Prime Minister's, not the chair's
            page.select_option("#id_kind", str(kind("BK_BT").pk))
            page.locator("#id_person_q").press_sequentially("nguyen thi hong", delay=20)
            choice = page.locator(f'#person-matches input[name=person][value="{person.pk}"]')
            expect(choice).to_be_visible()
            expect(page.locator("#person-matches input[name=person]")).to_have_count(1)
            choice.check()
            page.fill("#id_achievement_summary", "Hai năm liền hoàn thành xuất sắc nhiệm vụ")
            b.click("form.nomination-form button[value=save]")
            assert re.search(r"/workflow/nominations/\d+/$", page.url)
            expect(page.locator("h1")).to_contain_text("Nguyễn Thị Hồng")
            nomination_path = page.url.removeprefix(live_server.url)
            nomination_id = nomination_path.rstrip("/").rsplit("/", 1)[-1]

            # 3. Attaches the achievement report and submits.
            page.select_option("#id_kind", "achievement_report")
            page.set_input_files(
                "#id_file",
                {"name": "bao-cao-thanh-tich.pdf", "mimeType": "application/pdf", "buffer": PDF},
            )
            b.click('form[action$="/attachments/"] button[type=submit]')
            expect(page.locator('a[href^="/workflow/attachments/"]')).to_contain_text(
                "bao-cao-thanh-tich.pdf"
            )
            expect(page.locator(".issue-link")).to_have_count(0)
            b.move("submitted")
            assert b.state() == "submitted"
            expect(page.locator("form.move-appraised")).to_have_count(0)  # not the clerk's

            # 4. The office sees the count in the menu, appraises from its inbox.
            page = b.login("ban_tdkt")
            expect(page.locator("nav.mainnav .nav-count")).to_have_text("1")
            expect(page.locator(f'a[href="{ISSUE}"]')).to_have_count(0)
            b.menu("/workflow/")
            b.click(f'#inbox-to_appraise a[href="{nomination_path}"]')
            expect(page.locator(".issue-link")).to_have_count(0)
            b.move("appraised")
            assert b.state() == "appraised"

            # 5. Convenes the council, puts the nomination on the agenda, opens the vote.
            b.menu("/councils/")
            expect(page.locator(f'a[href="{ISSUE}"]')).to_have_count(0)  # not a decider
            b.click('main table a[href^="/councils/"]')
            convene = page.locator('form[action$="/sessions/"]')
            page.locator("details", has=convene).locator("summary").click()
            convene.locator("input[name=title]").fill("Phiên họp xét khen thưởng năm 2024")
            with page.expect_navigation():
                convene.locator("button[type=submit]").click()
            agenda = page.locator('form[action$="/agenda/"]')
            agenda.locator(f'input[name=nominations][value="{nomination_id}"]').check()
            with page.expect_navigation():
                agenda.locator("button[type=submit]").click()
            page.locator('details:has(form[action$="/attendance/"]) > summary').click()
            attendance = page.locator('form[action$="/attendance/"]')
            for box in attendance.locator("input[name=present]").all():
                box.check()
            with page.expect_navigation():
                attendance.locator("button[type=submit]").click()
            b.click('form[action$="/open/"] button')

            # 6. Each member finds the session in their inbox and votes by secret ballot.
            for username in world.members:
                page = b.login(username)
                expect(page.locator("nav.mainnav .nav-count")).to_be_visible()  # a ballot awaits
                expect(page.locator(f'a[href="{ISSUE}"]')).to_have_count(0)
                b.menu("/workflow/")
                b.click("#inbox-ballots a")
                page.check(f'input[name="n{nomination_id}"][value="for"]')
                b.click('form[action$="/vote/"] button[type=submit]')
                expect(page.locator(f'input[name="n{nomination_id}"]')).to_have_count(0)
            # A plain member (not chair or secretary) is not offered to run the session.
            expect(page.locator('form[action$="/close/"]')).to_have_count(0)

            # 7. The office closes the session, confirming that it cannot be undone.
            page = b.login("ban_tdkt")
            b.menu("/councils/")
            b.click('main table a[href^="/councils/"]')
            b.click('main table a[href^="/councils/sessions/"]')
            close = page.locator('form[action$="/close/"]')
            close.locator("input[name=confirm]").check()
            with page.expect_navigation():
                close.locator("button[type=submit]").click()
            assert page.url.endswith("/tally/")
            row = page.locator("table.councils-tally tbody tr").first
            expect(row.locator("td").nth(3)).to_have_text("3")  # for
            expect(row.locator(".badge.ok")).to_be_visible()  # passed

            # 8. …and proposes it to the decider from its inbox.
            b.menu("/workflow/")
            b.click(f'#inbox-to_propose a[href="{nomination_path}"]')
            assert b.state() == "voted"
            b.move("proposed")
            assert b.state() == "proposed"
            expect(page.locator(".issue-link")).to_have_count(0)  # the office does not decide

            # 9. The decider sees what awaits them, opens it and issues the decision.
            page = b.login("chutich")
            expect(page.locator("nav.mainnav .nav-count")).to_have_text("1")
            b.menu("/workflow/")
            expect(page.locator("#inbox-to_decide")).to_contain_text("Nguyễn Thị Hồng")
            b.click(f'#inbox-to_decide a[href="{nomination_path}"]')
            b.click(".issue-link a")
            form = page.locator("form.issue-decision")
            expect(
                form.locator(f'input[name=nominations][value="{nomination_id}"]')
            ).to_be_checked()
            expect(form.locator("#id_issuing_unit")).to_have_value(str(world.province.pk))
            expect(form.locator("#id_decider_role")).to_have_value("chu_tich_ubnd_tinh")
            expect(form.locator("#id_signer_name")).to_have_value("Trần Văn Bình")
            expect(form.locator("#id_signer_title")).to_have_value("Chủ tịch UBND tỉnh")
            form.locator("#id_issuing_body").fill("Ủy ban nhân dân tỉnh Hà Tĩnh")
            form.locator("input[name=confirm]").check()
            with page.expect_navigation():
                form.locator("button[type=submit].primary").click()
            assert re.search(r"/decisions/\d+/$", page.url)
            expect(page.locator("main")).to_contain_text("1/QĐ-UBND")
            expect(page.locator("nav.mainnav .nav-count")).to_have_count(0)  # nothing left

            # 10. The award is on the person's page (reached from the decision).
            b.click(f'main a[href="/people/{person.pk}/"]')
            timeline = page.locator(".timeline")
            expect(timeline).to_contain_text(kind("BK_BT").name_vi)
            expect(timeline).to_contain_text("1/QĐ-UBND")
        finally:
            chromium.close()
