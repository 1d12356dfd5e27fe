"""The review's numbers: the sums of the approved reports, through a merger and a split."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.programmes.review_world import Q1_25, Q4_24, build_history
from tests.programmes.world import World
from vinhdanh.programmes.domain.queries.review import build_review, review_periods
from vinhdanh.programmes.enums import MilestoneKind


def _review(w: World):  # type: ignore[no-untyped-def]
    periods = review_periods(w.programme, Q4_24, Q1_25)
    return build_review(w.programme, periods, kind=MilestoneKind.PRELIMINARY)


def test_review_totals_are_the_sums_of_the_approved_reports(world: World) -> None:
    w = world
    h = build_history(w)
    review = _review(w)
    i = review.indicators.index(w.sessions)
    rows = {u.row.unit: u for u in review.units}

    # 3 + 5 + 6 in Q4 2024, then 7 + 2 in Q1 2025 (Đông Giang 2's report is not approved)
    assert rows[w.province].values[i] == 23
    assert rows[h.merged].values[i] == 15  # An Xuân's 3 and Yên Bình's 5 count under An Yên
    assert rows[h.z1].values[i] == 2  # no part claims the old commune's 6
    assert rows[h.z2].values[i] is None
    assert [u.row.unit for u in review.units] == [w.province, h.merged, h.z1, h.z2]
    assert [(f.period.code, f.values[i], f.reports) for f in review.by_period] == [
        (Q4_24, 14, 3),
        (Q1_25, 9, 2),
    ]
    assert review.approved_reports == 5
    target = review.targets[i]
    assert (target.total, target.progress) == (23, 47)  # 23 of 48
    rate = review.indicators.index(w.rate)
    assert rows[w.province].values[rate] == Decimal(70)  # (50 + 70 + 90 + 80 + 60) / 5
    clubs = review.indicators.index(w.clubs)
    assert rows[w.province].values[clubs] == 7  # Q1 2025, the latest period: 4 + 3


def test_review_counts_activities_in_range_through_the_lineage(world: World) -> None:
    w = world
    h = build_history(w)
    review = _review(w)
    rows = {u.row.unit: u for u in review.units}

    assert (review.sessions, review.participants) == (3, 180)  # the April session is outside
    assert (rows[h.merged].sessions, rows[h.merged].participants) == (2, 150)
    assert (rows[w.province].sessions, rows[w.province].participants) == (3, 180)
    assert [(y.year, y.sessions, y.participants) for y in review.years] == [
        (2024, 1, 100),
        (2025, 2, 80),
    ]


def test_review_reads_the_committee_as_of_each_decision(world: World) -> None:
    w = world
    build_history(w)
    review = _review(w)

    [(_committee, stages)] = review.committees
    assert [s.decision.number for s in stages] == ["15/QĐ-UBND", "210/QĐ-UBND"]
    assert [m.full_name for m in stages[0].members] == ["Nguyễn Văn Hùng", "Trần Thị Mai"]
    assert [m.full_name for m in stages[1].members] == ["Nguyễn Văn Hùng", "Lê Quốc Bảo"]
    assert stages[0].until == dt.date(2025, 1, 31)
    assert stages[1].until is None


def test_review_lists_the_thematic_commendations_by_level_and_form(world: World) -> None:
    w = world
    h = build_history(w)
    review = _review(w)
    c = review.commendations

    assert (c.total_collectives, c.total_individuals) == (2, 1)
    assert [(r.form, r.collectives, r.individuals) for r in c.rows] == [
        ("Bằng khen của Bộ, ban, ngành, tỉnh", 1, 1),
        ("Giấy khen", 1, 0),
    ]
    assert [e.name for e in c.individuals] == ["Phạm Thị Hoa"]
    assert c.individuals[0].unit == h.merged.name
    revoked = h.round.nominations.get(unit=h.z1).award
    revoked.revoked_by = revoked.decision
    revoked.save()
    assert _review(w).commendations.total_collectives == 1  # a revoked award no longer counts
