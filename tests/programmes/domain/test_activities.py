"""Recording activities: the unit must implement the programme; participants are never negative."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.programmes.world import World
from vinhdanh.programmes.domain.activities import record_activity
from vinhdanh.programmes.domain.errors import NotPermitted, ProgrammeError
from vinhdanh.programmes.domain.programmes import add_indicator
from vinhdanh.programmes.domain.queries.activities import activity_figures
from vinhdanh.programmes.enums import IndicatorSource
from vinhdanh.programmes.models import Activity
from vinhdanh.programmes.periods import parse_period


def _record(world: World, **kw: object) -> Activity:
    args: dict[str, object] = {
        "actor": world.clerk_x,
        "programme": world.programme,
        "unit": world.x,
        "kind": world.dissemination,
        "date": dt.date(2024, 2, 3),
        "title": "Hội nghị quán triệt Nghị quyết 05",
        "participants": 120,
    }
    args.update(kw)
    return record_activity(**args)  # type: ignore[arg-type]


def test_activities_feed_indicators_counted_from_them(world: World) -> None:
    add_indicator(
        actor=world.office,
        programme=world.programme,
        code="people",
        name="Lượt người tham dự",
        source=IndicatorSource.PARTICIPANTS,
        activity_kind=world.dissemination,
    )
    add_indicator(
        actor=world.office,
        programme=world.programme,
        code="held",
        name="Số hội nghị",
        source=IndicatorSource.ACTIVITY_COUNT,
        activity_kind=world.dissemination,
    )
    _record(world)
    _record(world, date=dt.date(2024, 3, 30), participants=80)
    _record(world, date=dt.date(2024, 4, 2), participants=500)

    assert activity_figures(world.programme, world.x, parse_period("2024-Q1")) == {
        "people": 200,
        "held": 2,
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"participants": -5}, "âm"),
        ({"unit": "other"}, "không thực hiện"),
        ({"date": dt.date(2023, 12, 31)}, "ngoài thời gian"),
    ],
)
def test_record_activity_refuses_bad_input(
    world: World, changes: dict[str, object], message: str
) -> None:
    if changes.get("unit") == "other":
        changes = {"unit": world.other, "actor": world.office}
    with pytest.raises(ProgrammeError, match=message):
        _record(world, **changes)
    assert not Activity.objects.exists()


def test_clerk_cannot_record_for_another_unit(world: World) -> None:
    with pytest.raises(NotPermitted):
        _record(world, unit=world.y)
