"""The whole path in a browser: a department proposes to the province.

Clerk drafts and submits → the provincial emulation office returns it with a reason → the
clerk fixes and resubmits → the office appraises → the council votes by secret ballot with
one member recused → the office proposes → the chair of the provincial People's Committee
issues the decision → its number appears, and the person's history shows the award.

Headless Debian Chromium through Playwright against pytest-django's live server. Selectors
rely on form actions and element ids, not on the interface language.
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
from vinhdanh.nominations.domain.nominations import create_round
from vinhdanh.orgs.enums import UnitLevel

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


@dataclass
class Scene:
    person: Any
    round: Any
    council: Any
    recused_member: Any


def _user(username: str, unit: Any = None, **flags: bool) -> Any:
    user = UserFactory(username=username)
    user.set_password(PASSWORD)
    user.save()
    if unit is not None:
        RoleFactory(user=user, unit=unit, **{"is_clerk": False, **flags})
    return user


@pytest.fixture
def scene(settings) -> Scene:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    dept = UnitFactory(name="Sở Tư pháp", parent=province, code="STP")
    clerk = _user("vanthu_stp", dept, is_clerk=True)
    office = _user("ban_tdkt", province, is_emulation_office=True)
    _user("chutich", province, is_decider=True)

    # The nominee: the facts of the engine's example E10 (Bằng khen of the province chair).
    hong = PersonFactory(family_name="Nguyễn", middle_name="Thị", given_name="Hồng", code="STP-07")
    PostFactory(person=hong, unit=dept, title="Chuyên viên chính", start_date=dt.date(2015, 1, 1))
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
    round_ = create_round(
        actor=clerk,
        name="Khen thưởng năm 2024 — Sở Tư pháp đề nghị UBND tỉnh",
        owning_unit=dept,
        decider_unit=province,
        decider_role="chu_tich_ubnd_tinh",
        year=2024,
        planned_decision_date=dt.date(2025, 1, 15),
    )

    council = Council.objects.create(unit=province, name="Hội đồng Thi đua - Khen thưởng tỉnh")
    members = []
    for i, (username, role) in enumerate(
        [
            ("uv_chutich", CouncilRole.CHAIR),
            ("uv_thuky", CouncilRole.SECRETARY),
            ("uv_stp", CouncilRole.MEMBER),
        ]
    ):
        user = _user(username)
        person = PersonFactory(given_name=f"Ủy viên {i + 1}", user=user)
        members.append(
            CouncilMember.objects.create(council=council, user=user, person=person, role=role)
        )
    office.first_name = "Ban Thi đua"
    office.save()
    return Scene(person=hong, round=round_, council=council, recused_member=members[2])


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
            viewport={"width": 1280, "height": 1000}, locale="vi-VN"
        )
        self.page = self.context.new_page()
        self.page.goto(f"{self.base}/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit].primary")
        self.page.wait_for_url(f"{self.base}/")
        return self.page

    def go(self, path: str) -> Any:
        self.page.goto(f"{self.base}{path}")
        return self.page

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
def test_nomination_goes_from_draft_to_decision_and_history(live_server, scene: Scene) -> None:
    from playwright.sync_api import expect, sync_playwright

    person = scene.person
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        b = Browser(chromium, live_server.url)
        try:
            # 1. The department clerk drafts the nomination and attaches the report.
            page = b.login("vanthu_stp")
            b.go(f"/workflow/rounds/{scene.round.pk}/")
            page.click(f'a[href="/workflow/rounds/{scene.round.pk}/nominate/"]')
            page.select_option("#id_kind", str(kind("BK_BT").pk))
            page.fill("#id_person_q", "nguyen thi hong")
            with page.expect_navigation():
                page.click("form.nomination-form button[value=search]")
            page.check(f'#person-matches input[name=person][value="{person.pk}"]')
            page.fill("#id_achievement_summary", "Hai năm liền hoàn thành xuất sắc nhiệm vụ")
            with page.expect_navigation():
                page.click("form.nomination-form button[value=save]")
            assert re.search(r"/workflow/nominations/\d+/$", page.url)
            nomination_path = page.url.removeprefix(live_server.url)
            expect(page.locator("h1")).to_contain_text("Nguyễn Thị Hồng")
            expect(page.locator(".eligibility .badge.outcome-ELIGIBLE")).to_be_visible()
            expect(page.locator("table.checks")).to_contain_text("R-BKBT")
            page.select_option("#id_kind", "achievement_report")
            page.set_input_files(
                "#id_file",
                {"name": "bao-cao-thanh-tich.pdf", "mimeType": "application/pdf", "buffer": PDF},
            )
            with page.expect_navigation():
                page.click('form[action$="/attachments/"] button[type=submit]')
            expect(page.locator('a[href^="/workflow/attachments/"]')).to_contain_text(
                "bao-cao-thanh-tich.pdf"
            )
            b.move("submitted")
            assert b.state() == "submitted"

            # 2. The provincial office returns it: a reason is required.
            page = b.login("ban_tdkt")
            b.go("/workflow/")
            page.click(f'#inbox-to_appraise a[href="{nomination_path}"]')
            b.move("returned", "Thiếu biên bản họp bình xét của Sở")
            assert b.state() == "returned"

            # 3. The clerk sees the reason, fixes the dossier and resubmits.
            page = b.login("vanthu_stp")
            b.go("/workflow/")
            page.click(f'#inbox-returned a[href="{nomination_path}"]')
            expect(page.locator(".history")).to_contain_text("Thiếu biên bản họp bình xét của Sở")
            page.click(f'a[href="{nomination_path}edit/"]')
            page.fill(
                "#id_achievement_summary",
                "Hai năm liền hoàn thành xuất sắc nhiệm vụ; đã bổ sung biên bản họp bình xét",
            )
            with page.expect_navigation():
                page.click("form.card button[type=submit]")
            b.move("submitted")
            assert b.state() == "submitted"

            # 4. The office appraises, then runs the council session.
            page = b.login("ban_tdkt")
            b.go(nomination_path)
            b.move("appraised")
            assert b.state() == "appraised"
            b.go(f"/councils/{scene.council.pk}/")
            convene = page.locator(f'form[action$="/councils/{scene.council.pk}/sessions/"]')
            page.locator("details", has=convene).locator("summary").click()
            convene.locator("input[name=title]").fill("Phiên họp xét khen thưởng năm 2024")
            with page.expect_navigation():
                convene.locator("button[type=submit]").click()
            session_path = page.url.removeprefix(live_server.url)
            nomination_id = nomination_path.rstrip("/").rsplit("/", 1)[-1]
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
            page.locator('details:has(form[action$="/recusals/"]) > summary').click()
            recusal = page.locator('form[action$="/recusals/"]')
            recusal.locator("select[name=member]").select_option(str(scene.recused_member.pk))
            recusal.locator("select[name=nomination]").select_option(nomination_id)
            recusal.locator("textarea[name=reason]").fill(
                "Giám đốc Sở Tư pháp, đơn vị có người được đề nghị"
            )
            with page.expect_navigation():
                recusal.locator("button[type=submit]").click()
            with page.expect_navigation():
                page.click('form[action$="/open/"] button')

            # 5. Two members vote for it by secret ballot; the recused one cannot.
            for username in ("uv_chutich", "uv_thuky"):
                page = b.login(username)
                b.go(session_path)
                page.check(f'input[name="n{nomination_id}"][value="for"]')
                with page.expect_navigation():
                    page.click('form[action$="/vote/"] button[type=submit]')
            page = b.login("uv_stp")
            b.go(session_path)
            expect(page.locator(f'input[name="n{nomination_id}"]')).to_have_count(0)

            # 6. The office closes the session (the nomination becomes "voted") and proposes.
            page = b.login("ban_tdkt")
            b.go(session_path)
            page.check('form[action$="/close/"] input[name=confirm]')
            with page.expect_navigation():
                page.click('form[action$="/close/"] button')
            b.go(f"{session_path}tally/")
            row = page.locator("table.councils-tally tbody tr").first
            expect(row.locator("td").nth(3)).to_have_text("2")  # for
            expect(row.locator("td").nth(6)).to_contain_text("1")  # 2 voters (1 recused)
            expect(row.locator(".badge.ok")).to_be_visible()  # passed
            b.go(nomination_path)
            assert b.state() == "voted"
            b.move("proposed")
            assert b.state() == "proposed"

            # 7. The chair of the provincial People's Committee issues the decision.
            page = b.login("chutich")
            b.go("/workflow/")
            expect(page.locator("#inbox-to_decide")).to_contain_text("Nguyễn Thị Hồng")
            b.go("/councils/decisions/issue/")
            page.select_option("#id_issuing_unit", str(scene.round.decider_unit_id))
            page.fill("#id_issuing_body", "Ủy ban nhân dân tỉnh Hà Tĩnh")
            page.fill("#id_signer_name", "Trần Văn Bình")
            page.fill("#id_signer_title", "Chủ tịch")
            page.select_option("#id_decider_role", "chu_tich_ubnd_tinh")
            page.check(f'input[name=nominations][value="{nomination_id}"]')
            page.check("form.issue-decision input[name=confirm]")
            with page.expect_navigation():
                page.click("form button[type=submit].primary")
            assert re.search(r"/decisions/\d+/$", page.url)
            expect(page.locator("main")).to_contain_text("01/QĐ-UBND")

            # 8. The decision number is on the dossier; the award is in the person's history.
            b.go(nomination_path)
            assert b.state() == "decided"
            expect(page.locator(".decision-number")).to_have_text("01/QĐ-UBND")
            b.go(f"/people/{person.pk}/")
            timeline = page.locator(".timeline")
            expect(timeline).to_contain_text(kind("BK_BT").name_vi)
            expect(timeline).to_contain_text("01/QĐ-UBND")
        finally:
            chromium.close()
