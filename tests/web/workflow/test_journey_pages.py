"""What each role is offered on the journey's pages: only the actions it can take, the count
of what awaits it, the decider's way to issue, the person picker and the safeguards."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tests.factories.awards import kind
from tests.factories.orgs import UnitFactory
from tests.nominations.world import YEAR, S, World, force_state
from vinhdanh.nominations.domain.calendar import add_working_days
from vinhdanh.nominations.domain.nominations import create_round
from vinhdanh.nominations.enums import RoundStatus
from vinhdanh.nominations.models import Nomination, PublicNotice
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db

ISSUE = reverse("web:councils:issue")


def html(client, user, url: str) -> str:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_menu_counts_what_awaits_each_role(client, world: World) -> None:
    force_state(world.nominate(), S.SUBMITTED)
    force_state(world.nominate(), S.PROPOSED)
    home = reverse("web:home")
    assert 'class="badge count nav-count"' not in html(client, world.clerk_b, home)
    office = html(client, world.office, home)
    assert 'nav-count" title="' in office
    decider = html(client, world.decider, home)
    assert '<span class="badge count nav-count"' in decider


def test_only_deciders_are_offered_to_issue_a_decision(client, world: World) -> None:
    nomination = force_state(world.nominate(), S.PROPOSED)
    page = reverse("web:workflow_nomination", args=[nomination.pk])
    inbox = reverse("web:workflow_inbox")
    councils = reverse("web:councils:list")
    for user in (world.office, world.council, world.clerk, world.head):
        for url in (page, inbox):
            assert f'href="{ISSUE}' not in html(client, user, url), (user, url)
    for user in (world.office, world.council):
        assert f'href="{ISSUE}' not in html(client, user, councils)
    decider_page = html(client, world.decider, page)
    assert f'href="{ISSUE}?nomination={nomination.pk}"' in decider_page
    assert f'href="{ISSUE}?nomination={nomination.pk}"' in html(client, world.decider, inbox)


def test_the_issue_form_is_filled_from_the_nomination(client, world: World) -> None:
    nomination = force_state(world.nominate(), S.PROPOSED)
    world.round.decider_role = "chu_tich_ubnd_tinh"
    world.round.save()
    form = html(client, world.decider, f"{ISSUE}?nomination={nomination.pk}")
    assert re.search(rf'name="nominations" value="{nomination.pk}"[^>]*checked', form)
    assert f'<option value="{world.province.pk}" selected>' in form
    assert '<option value="chu_tich_ubnd_tinh" selected>' in form


def test_an_open_notice_is_shown_and_needs_a_reason_to_decide(client, world: World) -> None:
    nomination = force_state(world.nominate(code="BK_BT"), S.PROPOSED)
    today = timezone.localdate()
    notice = PublicNotice.objects.create(
        round=world.round,
        title="Công khai",
        starts_on=today,
        working_days=5,
        ends_on=add_working_days(today, 5),
    )
    notice.nominations.set([nomination])
    page = html(client, world.decider, ISSUE)
    assert notice.ends_on.strftime("%d/%m/%Y") in page
    assert 'name="notice_override_reason"' in page
    data = {
        "issuing_unit": world.province.pk,
        "issuing_body": "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "symbol": "QĐ-UBND",
        "signed_on": today.isoformat(),
        "signer_name": "Trần Văn Bình",
        "decider_role": "chu_tich_ubnd_tinh",
        "nominations": [nomination.pk],
        "confirm": "on",
    }
    refused = client.post(ISSUE, data)
    assert [str(m) for m in refused.context["messages"]] == [
        _(
            "The public notice on %(subject)s is open until %(end)s: a decision can be issued "
            "from %(next)s, or now with a recorded reason for not waiting."
        )
        % {
            "subject": nomination.subject_name,
            "end": notice.ends_on.strftime("%d/%m/%Y"),
            "next": (notice.ends_on + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        }
    ]
    nomination.refresh_from_db()
    assert nomination.state == S.PROPOSED
    response = client.post(ISSUE, {**data, "notice_override_reason": "Kịp trao dịp lễ"})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == S.DECIDED


def test_issuing_needs_the_confirmation_box(client, world: World) -> None:
    nomination = force_state(world.nominate(), S.PROPOSED)
    client.force_login(world.decider)
    client.post(
        ISSUE,
        {
            "issuing_unit": world.province.pk,
            "issuing_body": "Ủy ban nhân dân tỉnh Hà Tĩnh",
            "symbol": "QĐ-UBND",
            "signed_on": timezone.localdate().isoformat(),
            "signer_name": "Trần Văn Bình",
            "decider_role": "chu_tich_ubnd_tinh",
            "nominations": [nomination.pk],
        },
    )
    nomination.refresh_from_db()
    assert nomination.state == S.PROPOSED


def test_round_actions_are_offered_only_to_who_may_take_them(client, world: World) -> None:
    rounds = reverse("web:workflow_rounds")
    new = reverse("web:workflow_round_new")
    page = reverse("web:workflow_round", args=[world.round.pk])
    edit = reverse("web:workflow_round_edit", args=[world.round.pk])
    nominate = reverse("web:workflow_nomination_new", args=[world.round.pk])
    for user in (world.clerk, world.office):
        assert f'href="{new}"' in html(client, user, rounds)
        assert f'href="{edit}"' in html(client, user, page)
    for user in (world.council, world.decider):
        assert f'href="{new}"' not in html(client, user, rounds)
        text = html(client, user, page)
        assert f'href="{edit}"' not in text
        assert f'href="{nominate}"' not in text
    assert f'href="{nominate}"' in html(client, world.clerk, page)
    assert f'href="{nominate}"' not in html(client, world.office, page)


def test_a_round_without_a_clerk_says_so_and_can_be_withdrawn(client, world: World) -> None:
    lonely = UnitFactory(name="Sở Xây dựng", parent=world.province, level=UnitLevel.DEPARTMENT)
    round_ = create_round(
        actor=world.office,
        name="Khen thưởng năm 2024 — Sở Xây dựng",
        owning_unit=lonely,
        decider_unit=world.province,
        year=YEAR,
    )
    page = html(client, world.office, reverse("web:workflow_round", args=[round_.pk]))
    assert "no-clerk" in page
    assert "Sở Xây dựng" in page
    withdraw = reverse("web:workflow_round_withdraw", args=[round_.pk])
    assert f'href="{withdraw}"' in page
    assert 'name="confirm"' in html(client, world.office, withdraw)
    client.post(withdraw, {"reason": "Không có cán bộ thi đua"})  # not confirmed
    round_.refresh_from_db()
    assert round_.is_open
    client.post(withdraw, {"reason": "Không có cán bộ thi đua", "confirm": "on"})
    round_.refresh_from_db()
    assert round_.status == RoundStatus.WITHDRAWN
    page = html(client, world.office, reverse("web:workflow_round", args=[round_.pk]))
    assert "Không có cán bộ thi đua" in page
    assert f'href="{withdraw}"' not in page


def test_the_person_is_found_by_name_without_diacritics(client, world: World) -> None:
    hong = world.person(family_name="Nguyễn", middle_name="Thị", given_name="Hồng")
    phong = world.person(family_name="Nguyễn", middle_name="Thị", given_name="Phong")
    url = reverse("web:workflow_nominee_search", args=[world.round.pk])
    text = html(client, world.clerk, f"{url}?person_q=nguyen+thi+hong")
    assert f'value="{hong.pk}"' in text
    assert f'value="{phong.pk}"' not in text
    assert "Nguyễn Thị Hồng" in text
    # Someone of another department is not offered.
    other = world.person(unit=world.dept_b, family_name="Nguyễn", given_name="Hồng")
    assert f'value="{other.pk}"' not in html(client, world.clerk, f"{url}?person_q=hong")


def test_the_nomination_form_offers_only_the_deciders_titles(client, world: World) -> None:
    world.round.decider_role = "chu_tich_ubnd_tinh"
    world.round.save()
    form = html(client, world.clerk, reverse("web:workflow_nomination_new", args=[world.round.pk]))
    assert f'<option value="{kind("BK_BT").pk}">' in form
    assert f'<option value="{kind("BK_TTG").pk}">' not in form
    client.post(
        reverse("web:workflow_nomination_new", args=[world.round.pk]),
        {"kind": kind("BK_TTG").pk, "person": world.person().pk, "action": "save"},
    )
    assert not Nomination.objects.exists()


def test_closing_a_round_is_confirmed_on_its_own_page(client, world: World) -> None:
    close = reverse("web:workflow_round_close", args=[world.round.pk])
    page = html(client, world.clerk, close)
    assert _("I understand that this cannot be undone.") in page
    client.post(close, {"reason": "Hết hạn", "confirm": "on"})
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.CLOSED


def test_a_submit_that_would_be_refused_is_not_offered_to_the_clerk(client, world: World) -> None:
    nomination = world.nominate(world.person(rating=Rating.HTNV))  # not eligible for LĐTT
    assert not nomination.may_go_forward
    page = reverse("web:workflow_nomination", args=[nomination.pk])
    clerk = html(client, world.clerk, page)
    assert "move-submitted" not in clerk
    assert "held-moves" in clerk
    assert reverse("web:workflow_nomination_reevaluate", args=[nomination.pk]) in clerk
    head = html(client, world.head, page)  # may record why it goes forward
    assert "move-submitted" in head
    assert "held-moves" not in head


def test_withdrawing_a_nomination_asks_to_confirm_it_cannot_be_reopened(
    client, world: World
) -> None:
    nomination = world.nominate()
    client.force_login(world.clerk)
    page = client.get(reverse("web:workflow_nomination", args=[nomination.pk])).content.decode()
    assert re.search(r'class="move move-withdrawn".*?name="confirm"[^>]*required', page, re.S)
    url = reverse("web:workflow_nomination_transition", args=[nomination.pk])
    client.post(url, {"to": S.WITHDRAWN, "reason": "Nhầm người"})
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT
    client.post(url, {"to": S.WITHDRAWN, "reason": "Nhầm người", "confirm": "on"})
    nomination.refresh_from_db()
    assert nomination.state == S.WITHDRAWN


def test_the_decider_reaches_revocation_from_the_decision(client, world: World) -> None:
    nomination = force_state(world.nominate(code="BK_BT"), S.PROPOSED)
    client.force_login(world.decider)
    response = client.post(
        ISSUE,
        {
            "issuing_unit": world.province.pk,
            "issuing_body": "Ủy ban nhân dân tỉnh Hà Tĩnh",
            "symbol": "QĐ-UBND",
            "signed_on": timezone.localdate().isoformat(),
            "signer_name": "Trần Văn Bình",
            "decider_role": "chu_tich_ubnd_tinh",
            "nominations": [nomination.pk],
            "confirm": "on",
        },
    )
    decision_url = response["Location"]
    nomination.refresh_from_db()
    revoke = reverse("web:councils:revoke", args=[nomination.decision_id])
    assert f'href="{revoke}"' in html(client, world.decider, decision_url)
    assert f'href="{revoke}"' not in html(client, world.office, decision_url)


def test_launching_a_movement_is_offered_only_to_unit_managers(client, world: World) -> None:
    movements = reverse("web:workflow_movements")
    new = reverse("web:workflow_movement_new")
    assert f'href="{new}"' in html(client, world.clerk, movements)
    for user in (world.council, world.decider):
        assert f'href="{new}"' not in html(client, user, movements)
