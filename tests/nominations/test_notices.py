"""Public notice: N working days (weekends and Vietnamese holidays excluded, Tết included),
and no proposal before the window has closed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories.awards import kind
from tests.nominations.world import S, World, force_state
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.nominations.domain.calendar import (
    add_working_days,
    holiday_name,
    is_working_day,
    working_days_between,
)
from vinhdanh.nominations.domain.errors import NoticeOpen, NotPermitted, WorkflowError
from vinhdanh.nominations.domain.notices import (
    add_public_comment,
    notice_requirement,
    post_notice,
)
from vinhdanh.nominations.domain.queries.notices import public_nominees
from vinhdanh.nominations.domain.workflow import transition

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: dt.date, hour: int = 9) -> time_machine.travel:
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour, tzinfo=HCM), tick=False
    )


def test_tet_2026_days_are_not_working_days() -> None:
    # Tết Bính Ngọ: 16–20 February 2026 are public holidays (Monday to Friday).
    for day in range(16, 21):
        assert not is_working_day(dt.date(2026, 2, day))
        assert holiday_name(dt.date(2026, 2, day))
    assert is_working_day(dt.date(2026, 2, 13))  # Friday before Tết
    assert not is_working_day(dt.date(2026, 2, 14))  # Saturday


def test_a_ten_day_window_opening_just_before_tet_ends_in_march() -> None:
    # 13/2 (Fri) is day 1; the Tết week and two weekends do not count; 5/3 is day 10.
    assert add_working_days(dt.date(2026, 2, 13), 10) == dt.date(2026, 3, 5)
    assert working_days_between(dt.date(2026, 2, 13), dt.date(2026, 3, 5)) == 10


def test_a_window_opening_on_a_holiday_starts_counting_on_the_next_working_day() -> None:
    assert add_working_days(dt.date(2026, 2, 17), 1) == dt.date(2026, 2, 23)
    assert add_working_days(dt.date(2025, 9, 1), 1) == dt.date(2025, 9, 3)  # National Day


def test_a_saturday_made_a_working_day_counts() -> None:
    # 26/4/2025 (Saturday) was worked to bridge the 30/4–1/5 holidays.
    assert add_working_days(dt.date(2025, 4, 25), 2) == dt.date(2025, 4, 26)


def test_window_must_be_at_least_one_day() -> None:
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 1, 5), 0)


@pytest.mark.django_db
def test_default_periods_follow_rules_5_5(world: World) -> None:
    on = dt.date(2025, 1, 15)
    state = notice_requirement(kind("HC_LAO_DONG_3"), unit=world.dept, on=on)
    assert (state.required, state.working_days) == (True, 10)
    honorary = notice_requirement(kind("AH_LD"), unit=world.dept, on=on)
    assert (honorary.required, honorary.working_days) == (True, 10)
    base = notice_requirement(kind("LDTT"), unit=world.dept, on=on)
    assert (base.required, base.working_days) == (True, 5)
    province_level = notice_requirement(kind("BK_BT"), unit=world.dept, on=on)
    assert province_level.required is False


@pytest.mark.django_db
def test_a_provincial_parameter_with_an_effective_date_sets_the_period(world: World) -> None:
    ParameterValue.objects.create(
        key="public_notice_working_days",
        value={"LDTT": 3, "BK_BT": 7},
        unit=world.province,
        valid_from=dt.date(2025, 7, 1),
    )
    before = notice_requirement(kind("LDTT"), unit=world.dept, on=dt.date(2025, 6, 30))
    after = notice_requirement(kind("LDTT"), unit=world.dept, on=dt.date(2025, 7, 1))
    bk = notice_requirement(kind("BK_BT"), unit=world.dept, on=dt.date(2025, 7, 1))
    assert before.working_days == 5
    assert (after.required, after.working_days) == (True, 3)
    assert (bk.required, bk.working_days) == (True, 7)
    elsewhere = notice_requirement(kind("LDTT"), unit=world.dept_b, on=dt.date(2025, 7, 1))
    assert elsewhere.working_days == 3  # the province's rule covers its departments


@pytest.mark.django_db
def test_round_cannot_be_proposed_before_the_window_closes(world: World) -> None:
    nomination = force_state(world.nominate(), S.VOTED)
    with at(dt.date(2026, 2, 10)):
        with pytest.raises(NoticeOpen) as error:
            transition(nomination=nomination, to=S.PROPOSED, actor=world.office)
        assert "5" in str(error.value)  # five working days are required; none posted
    with at(dt.date(2026, 2, 13)):
        notice = post_notice(actor=world.office, round=world.round, starts_on=dt.date(2026, 2, 13))
    # 13/2 is day 1, the Tết week does not count, 23–26/2 are days 2 to 5.
    assert (notice.working_days, notice.ends_on) == (5, dt.date(2026, 2, 26))
    with at(dt.date(2026, 2, 26), hour=17):
        with pytest.raises(NoticeOpen) as error:
            transition(nomination=nomination, to=S.PROPOSED, actor=world.office)
        assert "26/02/2026" in str(error.value)
        assert "27/02/2026" in str(error.value)
    nomination.refresh_from_db()
    assert nomination.state == S.VOTED
    with at(dt.date(2026, 2, 27)):
        transition(nomination=nomination, to=S.PROPOSED, actor=world.office)
    assert nomination.state == S.PROPOSED


@pytest.mark.django_db
def test_bulk_proposal_reports_every_nominee_still_on_notice(world: World) -> None:
    from vinhdanh.nominations.domain.workflow import bulk_transition

    first = force_state(world.nominate(), S.VOTED)
    second = force_state(world.nominate(), S.VOTED)
    with at(dt.date(2026, 2, 13)):
        post_notice(actor=world.office, round=world.round, starts_on=dt.date(2026, 2, 13))
        result = bulk_transition(round=world.round, to=S.PROPOSED, actor=world.office)
    assert result.done == []
    assert {n.pk for n, _ in result.failed} == {first.pk, second.pk}


@pytest.mark.django_db
def test_only_the_level_that_proposes_posts_notices(world: World) -> None:
    force_state(world.nominate(), S.VOTED)
    with at(dt.date(2026, 3, 2)), pytest.raises(NotPermitted):
        post_notice(actor=world.clerk, round=world.round, starts_on=dt.date(2026, 3, 2))


@pytest.mark.django_db
def test_a_notice_needs_posted_nominees_and_cannot_start_in_the_past(world: World) -> None:
    world.nominate()  # a draft is not posted
    with at(dt.date(2026, 3, 2)):
        with pytest.raises(WorkflowError):
            post_notice(actor=world.office, round=world.round, starts_on=dt.date(2026, 3, 2))
        force_state(world.nominate(), S.APPRAISED)
        with pytest.raises(WorkflowError):
            post_notice(actor=world.office, round=world.round, starts_on=dt.date(2026, 2, 27))
        with pytest.raises(WorkflowError):
            post_notice(
                actor=world.office, round=world.round, starts_on=dt.date(2026, 3, 2), working_days=2
            )


@pytest.mark.django_db
def test_public_comments_are_taken_only_while_the_window_is_open(world: World) -> None:
    nomination = force_state(world.nominate(), S.VOTED)
    with at(dt.date(2026, 3, 2)):
        notice = post_notice(actor=world.office, round=world.round, starts_on=dt.date(2026, 3, 2))
        comment = add_public_comment(
            notice=notice, content="Đồng chí này rất gương mẫu.", nomination=nomination
        )
        assert (comment.name, comment.nomination) == ("", nomination)
        with pytest.raises(WorkflowError):
            add_public_comment(notice=notice, content="   ")
    with at(notice.ends_on + dt.timedelta(days=1)), pytest.raises(NoticeOpen):
        add_public_comment(notice=notice, content="Muộn")


@pytest.mark.django_db
def test_the_public_sees_only_name_unit_kind_and_summary(world: World) -> None:
    nomination = force_state(world.nominate(), S.VOTED)
    with at(dt.date(2026, 3, 2)):
        notice = post_notice(actor=world.office, round=world.round, starts_on=dt.date(2026, 3, 2))
    (row,) = public_nominees(notice)
    assert set(row.__dataclass_fields__) == {
        "nomination_id",
        "name",
        "unit",
        "award_kind",
        "summary",
    }
    assert (row.name, row.unit) == (nomination.person.full_name, "Sở Tư pháp")
