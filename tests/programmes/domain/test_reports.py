"""Period reports: bad input saves nothing, completeness, approval and return, locking."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.programmes.world import World
from vinhdanh.common.models import AuditEvent
from vinhdanh.programmes.domain.errors import NotPermitted, ProgrammeError
from vinhdanh.programmes.domain.queries.reports import completeness
from vinhdanh.programmes.domain.reports import (
    approve_report,
    lock_period,
    return_report,
    save_report,
    unlock_period,
)
from vinhdanh.programmes.enums import ReportState
from vinhdanh.programmes.models import PeriodReport, ReportValue
from vinhdanh.programmes.periods import parse_period

Q1 = "2024-Q1"


def _save(world: World, values: dict[str, Any], **kw: Any) -> PeriodReport:
    args: dict[str, Any] = {
        "actor": world.clerk_x,
        "programme": world.programme,
        "unit": world.x,
        "period_code": Q1,
        "values": values,
    }
    args.update(kw)
    return save_report(**args)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"sessions": "ba"}, "Số buổi tuyên truyền"),
        ({"sessions": "2.5"}, "số nguyên"),
        ({"sessions": -1}, "âm"),
        ({"rate": "120"}, "0 đến 100"),
        ({"done": "chắc vậy"}, "có hoặc không"),
    ],
)
def test_save_report_with_a_bad_value_saves_nothing(
    world: World, values: dict[str, Any], message: str
) -> None:
    with pytest.raises(ProgrammeError) as excinfo:
        _save(world, {"largest": 10, **values})

    assert message in str(excinfo.value)
    assert not PeriodReport.objects.exists()
    assert not ReportValue.objects.exists()


def test_save_report_accepts_vietnamese_decimal_comma(world: World) -> None:
    report = _save(world, {"rate": "67,5", "done": "có"})

    assert {v.indicator.code: str(v.value) for v in report.values.all()} == {
        "rate": "67.5000",
        "done": "1.0000",
    }


def test_save_report_for_a_future_period_is_refused(world: World) -> None:
    with pytest.raises(ProgrammeError, match="chưa bắt đầu"):
        _save(world, {"sessions": 1}, period_code="2024-Q3", today=dt.date(2024, 5, 1))


def test_save_report_outside_the_programme_is_refused(world: World) -> None:
    world.clerk_x.role_assignments.update(unit=world.other)
    world.clerk_x._vinhdanh_roles = None  # the scope cache of this user object
    del world.clerk_x._vinhdanh_roles
    with pytest.raises(ProgrammeError, match="không thực hiện"):
        _save(world, {"sessions": 1}, unit=world.other)
    with pytest.raises(ProgrammeError, match="kỳ báo cáo"):
        _save(world, {"sessions": 1}, unit=world.other, period_code="2024-M01")


def test_clerk_cannot_report_for_another_unit(world: World) -> None:
    with pytest.raises(NotPermitted):
        _save(world, {"sessions": 1}, unit=world.y)
    assert not PeriodReport.objects.exists()


def test_submit_needs_every_indicator(world: World) -> None:
    with pytest.raises(ProgrammeError, match="Số câu lạc bộ pháp luật"):
        _save(world, {"sessions": 1}, submit=True)


def test_submitted_report_cannot_be_changed_until_returned(world: World) -> None:
    report = world.report(world.x, Q1, {"sessions": 2}, approve=False)
    with pytest.raises(ProgrammeError, match="trả lại"):
        _save(world, {"sessions": 5})

    with pytest.raises(ProgrammeError):
        return_report(actor=world.office, report=report, reason="  ")
    return_report(actor=world.office, report=report, reason="Số buổi chưa khớp biên bản")
    report = _save(world, {"sessions": 5})

    assert report.state == ReportState.DRAFT
    assert report.values.get(indicator=world.sessions).value == 5


def test_only_the_owner_office_approves(world: World) -> None:
    report = world.report(world.x, Q1, {"sessions": 2}, approve=False)
    with pytest.raises(NotPermitted):
        approve_report(actor=world.clerk_x, report=report)

    approve_report(actor=world.office, report=report)

    report.refresh_from_db()
    assert report.state == ReportState.APPROVED


def test_completeness_shows_who_has_not_reported_and_who_is_late(world: World) -> None:
    period = parse_period(Q1)  # due 10 April 2024
    on_time = world.report(world.x, Q1, {"sessions": 2})
    late = world.report(world.y, Q1, {"sessions": 2}, approve=False)
    PeriodReport.objects.filter(pk=on_time.pk).update(
        submitted_at=dt.datetime(2024, 4, 3, 9, tzinfo=dt.UTC)
    )
    PeriodReport.objects.filter(pk=late.pk).update(
        submitted_at=dt.datetime(2024, 4, 20, 9, tzinfo=dt.UTC)
    )
    approve_report(actor=world.office, report=late)  # approving keeps the day it came in
    return_report(actor=world.office, report=late, reason="Bổ sung thuyết minh")
    world.report(world.y, Q1, {"sessions": 3}, approve=False)
    PeriodReport.objects.filter(pk=late.pk).update(
        submitted_at=dt.datetime(2024, 4, 20, 9, tzinfo=dt.UTC)
    )

    early = completeness(world.programme, period, today=dt.date(2024, 4, 5))
    after = completeness(world.programme, period, today=dt.date(2024, 4, 30))

    assert early.expected == 3  # the communes, not the department
    assert early.reported == 2
    assert early.approved == 1
    assert PeriodReport.objects.get(pk=late.pk).values.get(indicator=world.sessions).value == 3
    assert [r.unit for r in early.missing] == [world.z]
    assert [r.unit for r in early.late] == [world.y]
    assert {r.unit for r in after.late} == {world.y, world.z}
    assert after.rate == 66


def test_locked_period_refuses_every_change_until_unlocked_with_a_reason(world: World) -> None:
    report = world.report(world.x, Q1, {"sessions": 2}, approve=False)
    lock_period(actor=world.office, programme=world.programme, period_code=Q1)

    with pytest.raises(ProgrammeError, match="đã khoá"):
        approve_report(actor=world.office, report=report)
    with pytest.raises(ProgrammeError, match="đã khoá"):
        _save(world, {"sessions": 1}, unit=world.y, actor=world.clerk_y)
    with pytest.raises(ProgrammeError):
        unlock_period(actor=world.office, programme=world.programme, period_code=Q1, reason="")
    with pytest.raises(NotPermitted):
        lock_period(actor=world.clerk_x, programme=world.programme, period_code="2024-Q2")

    unlock_period(
        actor=world.office, programme=world.programme, period_code=Q1, reason="Xã Yên Bình bổ sung"
    )
    _save(world, {"sessions": 1}, unit=world.y, actor=world.clerk_y)

    messages = list(
        AuditEvent.objects.filter(object_type="programmes.programme").values_list(
            "message", flat=True
        )
    )
    assert "period locked" in messages
    assert "period unlocked" in messages
