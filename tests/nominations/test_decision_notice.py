"""A decision waits for the nominees' public notice to close, unless the decider records why
it may not wait (issue 9, point 8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.councils.builders import decider_user, make_nomination, make_round, province
from vinhdanh.awards.models import Decision
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.domain.calendar import add_working_days
from vinhdanh.nominations.domain.issuing import NoticeStillOpen, issue_decision
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import PublicNotice

pytestmark = pytest.mark.django_db

P = NominationState.PROPOSED


def _posted(nomination, *, starts_on: dt.date, days: int = 10) -> PublicNotice:  # type: ignore[no-untyped-def]
    notice = PublicNotice.objects.create(
        round=nomination.round,
        title=nomination.round.name,
        starts_on=starts_on,
        working_days=days,
        ends_on=add_working_days(starts_on, days),
    )
    notice.nominations.set([nomination])
    return notice


def _issue(unit, decider, nominations, **extra):  # type: ignore[no-untyped-def]
    return issue_decision(
        issuing_unit=unit,
        issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh",
        symbol="QĐ-UBND",
        signed_on=timezone.localdate(),
        signer_name="Trần Văn Bình",
        signer_title="Chủ tịch",
        decider_role="chu_tich_ubnd_tinh",
        subject="",
        legal_bases="",
        nominations=nominations,
        actor=decider,
        **extra,
    )


def test_a_decision_during_the_notice_is_refused_with_the_day_it_ends() -> None:
    unit = province()
    decider = decider_user(unit)
    nomination = make_nomination(round=make_round(decider_unit=unit), code="BK_BT", state=P)
    notice = _posted(nomination, starts_on=timezone.localdate())
    with pytest.raises(NoticeStillOpen) as refused:
        _issue(unit, decider, [nomination])
    assert notice.ends_on.strftime("%d/%m/%Y") in str(refused.value)
    assert nomination.subject_name in str(refused.value)
    assert not Decision.objects.exists()
    nomination.refresh_from_db()
    assert nomination.state == P


def test_a_notice_that_has_not_started_also_holds_the_decision() -> None:
    unit = province()
    decider = decider_user(unit)
    nomination = make_nomination(round=make_round(decider_unit=unit), code="BK_BT", state=P)
    _posted(nomination, starts_on=timezone.localdate() + dt.timedelta(days=7))
    with pytest.raises(NoticeStillOpen):
        _issue(unit, decider, [nomination])


def test_the_decider_may_go_on_with_a_reason_which_is_audited() -> None:
    unit = province()
    decider = decider_user(unit)
    nomination = make_nomination(round=make_round(decider_unit=unit), code="BK_BT", state=P)
    _posted(nomination, starts_on=timezone.localdate())
    reason = "Kịp trao tại Lễ kỷ niệm ngày truyền thống; không có ý kiến phản ánh."
    decision = _issue(unit, decider, [nomination], notice_override_reason=reason)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECIDED
    event = AuditEvent.objects.get(message="decision issued before the public notice closed")
    assert event.object_id == str(nomination.pk)
    assert event.after["reason"] == reason
    assert event.user_id == decider.pk
    issued = AuditEvent.objects.get(message="decision issued", object_id=str(decision.pk))
    assert issued.after["notice_override"] == reason
    assert issued.after["notice_open"] == [nomination.pk]


def test_a_closed_notice_does_not_hold_the_decision() -> None:
    unit = province()
    decider = decider_user(unit)
    nomination = make_nomination(round=make_round(decider_unit=unit), code="BK_BT", state=P)
    _posted(nomination, starts_on=timezone.localdate() - dt.timedelta(days=40))
    decision = _issue(unit, decider, [nomination])
    assert decision.is_issued
    assert not AuditEvent.objects.filter(
        message="decision issued before the public notice closed"
    ).exists()
