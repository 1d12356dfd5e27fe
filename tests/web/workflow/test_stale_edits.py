"""Two clerks edit the same nomination (or round): the later, stale save is refused, with what
differs, and neither edit is lost."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tests.nominations.world import World, user_with
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.models import Nomination, Round


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form_fields(nomination: Nomination, **changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "award_type": nomination.award_type,
        "period": nomination.period,
        "period_label": nomination.period_label,
        "achievement_summary": nomination.achievement_summary,
        "version": nomination.version,
    }
    return {**fields, **changes}


def test_stale_nomination_save_is_refused_with_the_differences(world: World) -> None:
    nomination = world.nominate()
    first, second = _client(world.clerk), _client(user_with(world.dept, is_clerk=True))
    url = reverse("web:workflow_nomination_edit", args=[nomination.pk])
    # Both open the form on the same version.
    assert f'name="version" value="{nomination.version}"' in first.get(url).content.decode()
    read = Nomination.objects.get(pk=nomination.pk)

    saved = first.post(url, _form_fields(read, achievement_summary="Bản của người thứ nhất."))
    assert saved.status_code == 302
    refused = second.post(url, _form_fields(read, achievement_summary="Bản của người thứ hai."))

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Có người khác đã lưu" in page
    assert "Tóm tắt thành tích" in page  # the field that differs, with both values
    assert "Bản của người thứ nhất." in page
    assert "Bản của người thứ hai." in page
    nomination.refresh_from_db()
    assert nomination.achievement_summary == "Bản của người thứ nhất."
    assert nomination.version == read.version + 1
    # The refused form carries the saved version: saving again keeps the second clerk's text.
    assert f'name="version" value="{nomination.version}"' in page
    again = second.post(url, _form_fields(nomination, achievement_summary="Bản của người thứ hai."))
    assert again.status_code == 302
    nomination.refresh_from_db()
    assert nomination.achievement_summary == "Bản của người thứ hai."


def test_fresh_nomination_save_is_audited_and_the_refused_one_is_not(world: World) -> None:
    nomination = world.nominate()
    other = user_with(world.dept, is_clerk=True)
    url = reverse("web:workflow_nomination_edit", args=[nomination.pk])
    read = Nomination.objects.get(pk=nomination.pk)
    events = AuditEvent.objects.filter(object_id=str(nomination.pk), action="update")
    before = events.count()

    _client(world.clerk).post(url, _form_fields(read, period_label="Năm 2024 (sửa)"))
    _client(other).post(url, _form_fields(read, period_label="Năm 2024 (ghi đè)"))

    new = list(events.order_by("id")[before:])
    assert [e.after.get("period_label") for e in new if "period_label" in (e.after or {})] == [
        "Năm 2024 (sửa)"
    ]
    assert new[-1].user == world.clerk


def test_stale_round_save_is_refused_and_the_first_is_kept(world: World) -> None:
    round_ = world.round
    url = reverse("web:workflow_round_edit", args=[round_.pk])
    read = Round.objects.get(pk=round_.pk)
    fields = {
        "name": read.name,
        "decider_role": read.decider_role,
        "period_label": read.period_label,
        "planned_decision_date": "2025-01-15",
        "note": "",
        "version": read.version,
    }
    head = _client(world.head)
    assert head.post(url, {**fields, "submission_deadline": "2024-12-20"}).status_code == 302
    refused = _client(world.clerk).post(url, {**fields, "submission_deadline": "2024-12-31"})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Hạn trình hồ sơ" in page
    assert "20/12/2024" in page
    assert "31/12/2024" in page
    round_.refresh_from_db()
    assert round_.submission_deadline == dt.date(2024, 12, 20)
