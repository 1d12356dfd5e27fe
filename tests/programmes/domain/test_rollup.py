"""Roll-up arithmetic: each aggregation, and units merged, split or dissolved mid-programme."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.programmes.world import World
from vinhdanh.orgs.domain.units import dissolve_unit, merge_units, split_unit
from vinhdanh.programmes.domain.queries.rollup import roll_up
from vinhdanh.programmes.periods import parse_period

Q1, Q2, Q4_24, Q1_25 = "2024-Q1", "2024-Q2", "2024-Q4", "2025-Q1"


def _periods(*codes: str) -> list:  # type: ignore[type-arg]
    return [parse_period(c) for c in codes]


def test_rollup_each_aggregation_over_units_and_periods(world: World) -> None:
    w = world
    w.report(w.x, Q1, {"sessions": 3, "rate": 50, "largest": 120, "clubs": 2, "done": True})
    w.report(w.y, Q1, {"sessions": 5, "rate": 70, "largest": 80, "clubs": 1})
    w.report(w.z, Q1, {"sessions": 2, "rate": 90, "largest": 200, "clubs": 4})
    w.report(w.x, Q2, {"sessions": 4, "rate": 60, "largest": 100, "clubs": 3})
    w.report(w.y, Q2, {"sessions": 100, "rate": 100, "largest": 900}, approve=False)

    result = roll_up(w.programme, periods=_periods(Q1, Q2), as_of=dt.date(2024, 6, 30))
    province = result.rows[0].unit
    q1 = parse_period(Q1)

    assert province == w.province
    assert result.total(province, w.sessions) == 14  # the unapproved 100 does not count
    assert result.total(province, w.rate) == Decimal("67.5")
    assert result.total(province, w.largest) == 200
    assert result.total(province, w.clubs) == 3  # the latest period with figures: Q2
    assert result.total(province, w.done) == 1
    assert result.total(province, w.rate, q1) == 70
    assert result.total(province, w.clubs, q1) == 7  # within one period: added over units
    assert result.total(w.x, w.sessions) == 7
    assert result.total(w.y, w.sessions) == 5
    assert result.own(w.province, w.sessions) is None


def test_rollup_merged_units_count_once_under_their_successor(world: World) -> None:
    w = world
    w.report(w.x, Q4_24, {"sessions": 3, "rate": 50, "clubs": 2})
    w.report(w.y, Q4_24, {"sessions": 5, "rate": 70, "clubs": 1})
    merged = merge_units(
        units=[w.x, w.y], code="W", name="Xã An Yên", effective_date=dt.date(2025, 1, 1)
    )
    w.report(merged, Q1_25, {"sessions": 7, "rate": 80, "clubs": 4})
    w.report(w.z, Q1_25, {"sessions": 2, "rate": 40, "clubs": 1})

    result = roll_up(w.programme, periods=_periods(Q4_24, Q1_25), as_of=dt.date(2025, 6, 30))

    assert [r.unit for r in result.rows] == [w.province, merged, w.z]
    assert result.total(merged, w.sessions) == 15
    assert result.own(merged, w.sessions) == 7
    assert result.total(w.province, w.sessions) == 17
    assert result.total(merged, w.clubs) == 4  # not 2 + 1 + 4: the merged commune's stock
    assert result.total(w.province, w.clubs) == 5
    assert result.total(merged, w.rate).quantize(Decimal("0.01")) == Decimal("66.67")  # type: ignore[union-attr]
    assert {(h.unit, h.placed_under) for h in result.history} == {(w.x, merged), (w.y, merged)}
    assert result.own(w.x, w.sessions) == 3  # history kept at the unit that reported


def test_rollup_split_unit_counts_above_its_parts(world: World) -> None:
    w = world
    w.report(w.z, Q4_24, {"sessions": 6, "clubs": 4, "largest": 300})
    z1, z2 = split_unit(
        unit=w.z,
        parts=[
            {"code": "Z1", "name": "Xã Đông Giang 1"},
            {"code": "Z2", "name": "Xã Đông Giang 2"},
        ],
        effective_date=dt.date(2025, 1, 1),
    )
    w.report(z1, Q1_25, {"sessions": 2, "clubs": 3, "largest": 50})
    w.report(z2, Q1_25, {"sessions": 1, "clubs": 2, "largest": 60})

    result = roll_up(w.programme, periods=_periods(Q4_24, Q1_25), as_of=dt.date(2025, 6, 30))

    assert result.total(z1, w.sessions) == 2  # no part claims the old commune's figures
    assert result.total(z2, w.sessions) == 1
    assert result.total(w.province, w.sessions) == 9  # 6 + 2 + 1, each once
    assert result.total(w.province, w.clubs) == 5
    assert result.total(w.province, w.largest) == 300
    assert [(h.unit, h.placed_under) for h in result.history] == [(w.z, w.province)]


def test_rollup_dissolved_unit_counts_under_its_parent(world: World) -> None:
    w = world
    w.report(w.y, Q4_24, {"sessions": 4})
    dissolve_unit(unit=w.y, effective_date=dt.date(2025, 1, 1))

    result = roll_up(w.programme, periods=_periods(Q4_24, Q1_25), as_of=dt.date(2025, 6, 30))

    assert w.y not in [r.unit for r in result.rows]
    assert result.total(w.province, w.sessions) == 4
    assert [(h.unit, h.placed_under) for h in result.history] == [(w.y, w.province)]


def test_rollup_progress_against_target(world: World) -> None:
    w = world
    w.sessions.target = Decimal(20)
    w.sessions.save()
    w.report(w.x, Q1, {"sessions": 3})
    w.report(w.y, Q1, {"sessions": 2})

    result = roll_up(w.programme, periods=_periods(Q1), as_of=dt.date(2024, 3, 31))

    assert result.progress(w.sessions) == 25
    assert result.progress(w.rate) is None
