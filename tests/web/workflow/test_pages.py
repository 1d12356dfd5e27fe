"""The workflow as a clerk, an office and the public use it through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tests.factories.awards import kind
from tests.factories.people import PersonFactory
from tests.nominations.world import S, World, force_state
from vinhdanh.common.text import search_key
from vinhdanh.nominations.domain.notices import post_notice
from vinhdanh.nominations.models import Nomination, Notification, PublicComment, Round
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


def page(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_clerk_opens_a_round_and_nominates_through_the_pages(client, world: World) -> None:
    client.force_login(world.clerk)
    response = client.post(
        reverse("web:workflow_round_new"),
        {
            "name": "Danh hiệu thi đua năm 2024 — Sở Tư pháp (bổ sung)",
            "owning_unit": world.dept.pk,
            "decider_unit": world.province.pk,
            "year": 2024,
            "planned_decision_date": "2025-01-15",
        },
    )
    round_ = Round.objects.get(name__endswith="(bổ sung)")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:workflow_round", args=[round_.pk])
    person = world.person()
    url = reverse("web:workflow_nomination_new", args=[round_.pk])
    # The clerk finds the person by name, typed without diacritics (the plain-form search).
    found = client.post(url, {"action": "search", "person_q": search_key(person.full_name)})
    assert f'name="person" value="{person.pk}"' in found.content.decode()
    response = client.post(
        url,
        {
            "kind": kind("LDTT").pk,
            "person": person.pk,
            "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ được giao",
        },
    )
    nomination = Nomination.objects.get(round=round_)
    assert response["Location"] == reverse("web:workflow_nomination", args=[nomination.pk])
    html = page(client, response["Location"])
    assert person.full_name in html
    assert "R-LDTT-1" in html  # the engine's explanation is on the page
    assert str(S.DRAFT.label) in html


def test_nomination_form_refuses_a_person_outside_the_unit(client, world: World) -> None:
    client.force_login(world.clerk)
    outsider = PersonFactory()
    response = client.post(
        reverse("web:workflow_nomination_new", args=[world.round.pk]),
        {"kind": kind("LDTT").pk, "person": outsider.pk},
    )
    assert response.status_code == 200
    assert _("Choose a person of the nominating unit.") in response.content.decode()
    assert not Nomination.objects.exists()


def test_return_without_a_reason_shows_the_message_and_changes_nothing(
    client, world: World
) -> None:
    nomination = force_state(world.nominate(), S.SUBMITTED)
    client.force_login(world.office)
    url = reverse("web:workflow_nomination_transition", args=[nomination.pk])
    response = client.post(url, {"to": S.RETURNED, "reason": ""}, follow=True)
    expected = _("Give a reason: it is required to move a nomination to “%(target)s”.") % {
        "target": S.RETURNED.label
    }
    assert expected in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED
    client.post(url, {"to": S.RETURNED, "reason": "Thiếu biên bản họp bình xét"})
    nomination.refresh_from_db()
    assert nomination.state == S.RETURNED
    client.force_login(world.clerk)
    html = page(client, reverse("web:workflow_nomination", args=[nomination.pk]))
    assert "Thiếu biên bản họp bình xét" in html  # in the history


def test_forbidden_move_in_scope_is_403(client, world: World) -> None:
    nomination = world.nominate()
    client.force_login(world.council)
    response = client.post(
        reverse("web:workflow_nomination_transition", args=[nomination.pk]), {"to": S.SUBMITTED}
    )
    assert response.status_code == 403


def test_override_is_visible_on_every_later_page(client, world: World) -> None:
    nomination = world.nominate(person=world.person(rating=Rating.HTNV))
    client.force_login(world.head)
    html = page(client, reverse("web:workflow_nomination", args=[nomination.pk]))
    assert reverse("web:workflow_nomination_override", args=[nomination.pk]) in html
    client.post(
        reverse("web:workflow_nomination_override", args=[nomination.pk]),
        {"reason": "Thành tích đột xuất phòng chống bão lũ"},
    )
    client.force_login(world.clerk)
    client.post(
        reverse("web:workflow_nomination_transition", args=[nomination.pk]), {"to": S.SUBMITTED}
    )
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED
    client.force_login(world.office)
    for url in (
        reverse("web:workflow_nomination", args=[nomination.pk]),
        reverse("web:workflow_round", args=[world.round.pk]),
    ):
        assert "Thành tích đột xuất phòng chống bão lũ" in page(client, url)
    inbox = page(client, reverse("web:workflow_inbox"))
    assert nomination.person.full_name in inbox


def test_bulk_submit_from_the_round_page_reports_failures(client, world: World) -> None:
    good = world.nominate()
    weak = world.nominate(person=world.person(rating=Rating.HTNV))
    client.force_login(world.clerk)
    response = client.post(
        reverse("web:workflow_round_bulk", args=[world.round.pk]), {"to": S.SUBMITTED}, follow=True
    )
    html = response.content.decode()
    assert weak.person.full_name in html  # the failure names the nominee
    good.refresh_from_db()
    weak.refresh_from_db()
    assert (good.state, weak.state) == (S.SUBMITTED, S.DRAFT)


def test_attachment_upload_and_download_within_scope(client, world: World) -> None:
    nomination = world.nominate()
    client.force_login(world.clerk)
    client.post(
        reverse("web:workflow_attachment_add", args=[nomination.pk]),
        {
            "kind": "achievement_report",
            "file": SimpleUploadedFile("bao-cao-thanh-tich.pdf", PDF, "application/pdf"),
        },
    )
    attachment = nomination.attachments.get()
    url = reverse("web:workflow_attachment", args=[attachment.pk])
    client.force_login(world.office)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    client.force_login(world.clerk_b)
    response = client.get(url)
    assert response.status_code == 404
    # The stored file is not reachable under MEDIA_URL.
    client.force_login(world.clerk)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_upload_of_a_disguised_file_is_refused_with_a_message(client, world: World) -> None:
    nomination = world.nominate()
    client.force_login(world.clerk)
    response = client.post(
        reverse("web:workflow_attachment_add", args=[nomination.pk]),
        {
            "kind": "evidence",
            "file": SimpleUploadedFile("anh.png", b"<svg onload=alert(1)>", "image/png"),
        },
        follow=True,
    )
    assert not nomination.attachments.exists()
    assert response.status_code == 200


def test_notification_marked_read_with_htmx_returns_the_row(client, world: World) -> None:
    note = Notification.objects.create(user=world.clerk, message="Hồ sơ bị trả lại")
    client.force_login(world.clerk)
    response = client.post(
        reverse("web:workflow_notification_read", args=[note.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="notification-{note.pk}"' in html
    assert "unread" not in html
    note.refresh_from_db()
    assert note.is_read


def _open_notice(world: World):  # type: ignore[no-untyped-def]
    nomination = force_state(world.nominate(), S.VOTED)
    Nomination.objects.filter(pk=nomination.pk).update(
        achievement_summary="Có sáng kiến cải cách thủ tục hành chính"
    )
    return nomination, post_notice(
        actor=world.office, round=world.round, starts_on=timezone.localdate()
    )


def test_public_notice_page_needs_no_login_and_shows_no_personal_data(client, world: World) -> None:
    nomination, notice = _open_notice(world)
    person = nomination.person
    person.birth_date = dt.date(1980, 5, 17)
    person.save()
    listing = page(client, reverse("web:workflow_public_notices"))
    assert notice.title in listing
    html = page(client, reverse("web:workflow_public_notice", args=[notice.pk]))
    for shown in (person.full_name, "Sở Tư pháp", nomination.kind.name, "sáng kiến cải cách"):
        assert shown in html
    for hidden in (person.code, "17/05/1980", "1980-05-17", "R-LDTT-1"):
        assert hidden not in html


def test_public_comments_are_logged_and_rate_limited(client, world: World) -> None:
    cache.clear()
    nomination, notice = _open_notice(world)
    url = reverse("web:workflow_public_notice", args=[notice.pk])
    for i in range(5):
        response = client.post(url, {"nomination": nomination.pk, "content": f"Ý kiến {i}"})
        assert response.status_code == 302
    response = client.post(url, {"content": "Ý kiến thứ sáu"}, follow=True)
    assert PublicComment.objects.count() == 5
    comment = PublicComment.objects.first()
    assert (comment.nomination, comment.name) == (nomination, "")
    # The office sees them on the round page; the public page does not list them.
    assert "Ý kiến 0" not in page(client, url)
    client.force_login(world.office)
    assert "Ý kiến 0" in page(client, reverse("web:workflow_round", args=[world.round.pk]))
    cache.clear()


def test_a_notice_that_has_not_started_is_not_public(client, world: World) -> None:
    force_state(world.nominate(), S.VOTED)
    notice = post_notice(
        actor=world.office,
        round=world.round,
        starts_on=timezone.localdate() + dt.timedelta(days=7),
    )
    assert client.get(reverse("web:workflow_public_notice", args=[notice.pk])).status_code == 404


def test_the_chair_who_decides_cannot_propose_to_himself(client, world: World) -> None:
    """The provincial chair is head of the province and its decider: the tờ trình to him is the
    emulation office's step, so he sees no "Propose" button and the move is refused."""
    from tests.nominations.world import user_with

    chair = user_with(world.province, is_head=True, is_decider=True)
    nomination = force_state(world.nominate(), S.VOTED)
    client.force_login(chair)
    label = _("Propose to the decider")
    assert label not in page(client, reverse("web:workflow_nomination", args=[nomination.pk]))
    assert _("Propose all voted") not in page(
        client, reverse("web:workflow_round", args=[world.round.pk])
    )
    response = client.post(
        reverse("web:workflow_nomination_transition", args=[nomination.pk]), {"to": S.PROPOSED}
    )
    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.state == S.VOTED
    client.force_login(world.office)
    assert label in page(client, reverse("web:workflow_nomination", args=[nomination.pk]))


def test_a_round_whose_dossiers_are_decided_offers_close_not_cancel(client, world: World) -> None:
    force_state(world.nominate(), S.DECIDED)
    client.force_login(world.clerk)
    url = reverse("web:workflow_round", args=[world.round.pk])
    html = page(client, url)
    assert _("Close the round") in html
    assert _("Withdraw the round") not in html
    response = client.get(reverse("web:workflow_round_withdraw", args=[world.round.pk]))
    assert response.status_code == 302
    advice = _(
        "Nominations of this round have already passed appraisal and can no longer be "
        "withdrawn: close the round instead (its dossiers go on to their end)."
    )
    assert advice in page(client, url)
    world.round.refresh_from_db()
    assert world.round.is_open


def test_a_round_of_drafts_offers_cancel(client, world: World) -> None:
    world.nominate()
    client.force_login(world.clerk)
    assert _("Withdraw the round") in page(
        client, reverse("web:workflow_round", args=[world.round.pk])
    )


def test_post_notice_is_offered_to_the_office_when_there_is_someone_to_post(
    client, world: World
) -> None:
    from tests.nominations.world import user_with

    url = reverse("web:workflow_round", args=[world.round.pk])
    button = _("Post the appraised and voted nominees")
    nomination = world.nominate()
    client.force_login(world.office)
    assert button not in page(client, url)  # only a draft: nothing to publish
    force_state(nomination, S.APPRAISED)
    assert button in page(client, url)
    client.force_login(user_with(world.province, is_head=True, is_decider=True))
    assert button not in page(client, url)


def test_a_decision_date_before_the_deadlines_is_refused_on_its_field(client, world: World) -> None:
    client.force_login(world.clerk)
    response = client.post(
        reverse("web:workflow_round_new"),
        {
            "name": "Đợt ngày lộn xộn",
            "owning_unit": world.dept.pk,
            "decider_unit": world.province.pk,
            "year": 2024,
            "submission_deadline": "2025-01-20",
            "planned_decision_date": "2025-01-15",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["planned_decision_date"] == [
        _("The planned decision date cannot be before the submission or appraisal deadline.")
    ]
    assert not Round.objects.filter(name="Đợt ngày lộn xộn").exists()


def test_the_round_quota_shows_only_with_a_base(client, world: World) -> None:
    from vinhdanh.eligibility.models import ParameterValue

    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="25%", unit=world.province, valid_from=dt.date(2024, 1, 1)
    )
    world.nominate(code="BK_BT")
    client.force_login(world.clerk)
    url = reverse("web:workflow_round", args=[world.round.pk])
    html = page(client, url)
    assert "Đã được tặng trong năm" not in html  # Bằng khen only, no LĐTT: no quota row
    world.nominate()  # an LĐTT: the base of the CSTĐCS quota
    html = page(client, url)
    assert "Đã được tặng trong năm" in html


def test_the_round_quota_shows_awarded_and_under_way_apart_and_what_remains(
    client, world: World
) -> None:
    from tests.factories.awards import AwardFactory, DecisionFactory
    from vinhdanh.eligibility.models import ParameterValue
    from vinhdanh.nominations.domain.workflow import transition

    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="50%", unit=world.province, valid_from=dt.date(2024, 1, 1)
    )
    issued = DecisionFactory(signed_on=dt.date(2025, 1, 5), year=2025)
    holders = [world.person(rating=Rating.HTXSNV) for _ in range(6)]
    for person in holders:
        AwardFactory(person=person, kind=kind("LDTT"), period=2024, decision=issued)
    AwardFactory(person=holders[0], kind=kind("CSTDCS"), period=2024, decision=issued)
    submitted = world.nominate(person=holders[1], code="CSTDCS")
    transition(nomination=submitted, to=S.SUBMITTED, actor=world.clerk)
    client.force_login(world.clerk)

    html = page(client, reverse("web:workflow_round", args=[world.round.pk]))

    # 6 LĐTT → 3 allowed; 1 already awarded for the year, 1 in a dossier under way (and
    # submitted), 1 left
    assert (
        "<th>Được phép</th><th>Đã được tặng trong năm</th>"
        "<th>Trong hồ sơ đang xét</th><th>Còn lại</th><th>Trong đó đã trình</th>"
    ) in html
    assert "<td>3</td><td>1</td><td>1</td>\n        <td>1</td>\n        <td>1</td>" in html
    assert "Đã khen thưởng hoặc đã trình" not in html
    assert "vượt" not in html.replace("không vượt số được phép", "")


def test_a_round_shows_a_quota_only_for_a_title_it_can_hold(client, world: World) -> None:
    """The department's LĐTT of the year make a CSTĐCS quota; a round of Bằng khen decided
    by the province's chair, or an ad-hoc round, cannot hold CSTĐCS and shows no quota, while
    a round its director decides does."""
    from tests.factories.awards import AwardFactory, DecisionFactory
    from vinhdanh.eligibility.models import ParameterValue
    from vinhdanh.nominations.domain.nominations import create_round

    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="25%", unit=world.province, valid_from=dt.date(2024, 1, 1)
    )
    issued = DecisionFactory(signed_on=dt.date(2025, 1, 5), year=2025)
    for person in [world.person() for _n in range(4)]:
        AwardFactory(person=person, kind=kind("LDTT"), period=2024, decision=issued)

    def opened(name: str, decider_unit, **kw) -> str:  # type: ignore[no-untyped-def]
        round_ = create_round(
            actor=world.clerk,
            name=name,
            owning_unit=world.dept,
            decider_unit=decider_unit,
            year=2024,
            planned_decision_date=dt.date(2025, 1, 15),
            **kw,
        )
        return page(client, reverse("web:workflow_round", args=[round_.pk]))

    client.force_login(world.clerk)
    provincial = opened(
        "Bằng khen của Chủ tịch UBND tỉnh", world.province, decider_role="chu_tich_ubnd_tinh"
    )
    ad_hoc = opened("Khen thưởng đột xuất", world.province, award_type="DOT_XUAT")
    own = opened("Danh hiệu thi đua của Sở", world.dept, decider_role="giam_doc_so")

    for html in (provincial, ad_hoc):
        assert "Chiến sĩ thi đua cơ sở" not in html
        assert "<th>Được phép</th>" not in html
    assert "<td>Chiến sĩ thi đua cơ sở</td>" in own
    assert "<td>1</td><td>0</td><td>0</td>" in own  # 25% of 4 LĐTT


def test_a_draft_says_which_step_waits_for_the_public_notice(client, world: World) -> None:
    """The notice is posted after the appraisal and holds back the proposal to the decider:
    the clerk's “Trình” is not that step, and the page does not suggest it is."""
    import re

    nomination = world.nominate()  # LĐTT: a base-level list, posted 5 working days
    client.force_login(world.clerk)
    html = page(client, reverse("web:workflow_nomination", args=[nomination.pk]))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert (
        "Bắt buộc: công khai 5 ngày làm việc. Cơ quan thi đua, khen thưởng đăng công khai sau "
        "khi thẩm định; hồ sơ chỉ được trình cấp có thẩm quyền quyết định khi đã hết thời hạn "
        "công khai."
    ) in text
    assert "trước khi trình đề nghị" not in text
    assert "before" not in text


def test_a_draft_without_achievements_cannot_be_submitted(client, world: World) -> None:
    from vinhdanh.nominations.domain.nominations import add_attachment
    from vinhdanh.nominations.enums import AttachmentKind

    nomination = world.nominate()
    Nomination.objects.filter(pk=nomination.pk).update(achievement_summary="  ")
    client.force_login(world.clerk)
    url = reverse("web:workflow_nomination_transition", args=[nomination.pk])
    response = client.post(url, {"to": S.SUBMITTED}, follow=True)
    assert (
        f"Chưa thể trình hồ sơ của {nomination.subject_name} khi chưa có thành tích: nhập tóm "
        "tắt thành tích hoặc đính kèm báo cáo thành tích"
    ) in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT
    # The achievement report attached stands for the summary.
    add_attachment(
        actor=world.clerk,
        nomination=nomination,
        upload=SimpleUploadedFile("bao-cao-thanh-tich.pdf", PDF, content_type="application/pdf"),
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
    )
    client.post(url, {"to": S.SUBMITTED})
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED
