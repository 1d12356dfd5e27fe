"""Quota per round: CSTĐCS at most a share of the LĐTT of the round's unit for the year
(nominated in the round or already awarded), rounded down."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.nominations.world import S, World, force_state
from vinhdanh.eligibility.domain.queries.candidates import candidate_list
from vinhdanh.eligibility.domain.queries.quotas import allowance
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.nominations.domain.errors import NotPermitted, OverQuota
from vinhdanh.nominations.domain.nominations import record_quota_override
from vinhdanh.nominations.domain.quotas import (
    candidate_list_quotas,
    quota_report,
    round_quota_lines,
)
from vinhdanh.nominations.domain.workflow import bulk_transition, transition
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db


def _province_quota(world: World, value: str = "15%") -> None:
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value=value, unit=world.province, valid_from=dt.date(2024, 1, 1)
    )


def _cstdcs(world: World):  # type: ignore[no-untyped-def]
    """A nomination the engine finds eligible for CSTĐCS (example E04: HTXSNV and LĐTT)."""

    person = world.person(rating=Rating.HTXSNV)
    AwardFactory(
        person=person,
        period=2024,
        decision=DecisionFactory(signed_on=dt.date(2025, 1, 5), year=2025),
    )
    return world.nominate(person=person, code="CSTDCS")


def test_allowance_is_rounded_down() -> None:
    assert allowance(Fraction(15, 100), 13) == 1
    assert allowance(Fraction(15, 100), 14) == 2
    assert allowance(Fraction(15, 100), 6) == 0


def test_no_quota_under_the_2022_regime_without_a_provincial_rule(world: World) -> None:
    assert quota_report(world.round) == []


def test_quota_report_counts_the_round_and_marks_it_over(world: World) -> None:
    _province_quota(world)
    for _ in range(7):
        world.nominate()
    first, second = _cstdcs(world), _cstdcs(world)
    (line,) = quota_report(world.round)
    assert (line.kind.code, line.base_kind.code) == ("CSTDCS", "LDTT")
    # 7 LĐTT nominated + the 2 CSTĐCS nominees' LĐTT already awarded for the year; the two
    # drafts are in dossiers under way, which the candidate lists count too
    assert (line.base_count, line.allowed, line.awarded, line.proposed, line.submitted) == (
        9,
        1,
        0,
        2,
        0,
    )
    assert (line.remaining, line.over_by, line.over) == (0, 1, True)
    assert line.percent == "15"
    transition(nomination=first, to=S.SUBMITTED, actor=world.clerk)
    (line,) = quota_report(world.round)
    assert (line.proposed, line.submitted, line.remaining, line.over_by) == (2, 1, 0, 1)
    assert second.state == S.DRAFT


def test_submission_beyond_the_quota_is_blocked_with_the_numbers(world: World) -> None:
    _province_quota(world)
    for _ in range(7):
        world.nominate()
    first, second = _cstdcs(world), _cstdcs(world)
    transition(nomination=first, to=S.SUBMITTED, actor=world.clerk)
    with pytest.raises(OverQuota) as error:
        transition(nomination=second, to=S.SUBMITTED, actor=world.clerk)
    # in the words of the quota tables: the second draft is one of the dossiers under way
    assert str(error.value) == (
        "Vượt tỷ lệ CSTĐCS của Sở Tư pháp. Được phép: 1 (15% của 9 LĐTT trong năm, làm tròn "
        "xuống); đã được tặng trong năm: 0; trong hồ sơ đang xét: 2; còn lại: 0 (vượt 1). "
        "Trong số hồ sơ đang xét, 1 hồ sơ khác đã được trình: cộng với số đã được tặng trong "
        "năm, trình thêm hồ sơ này sẽ vượt số được phép. Thủ trưởng đơn vị hoặc cơ quan thi "
        "đua, khen thưởng có thể ghi lý do để vượt tỷ lệ."
    )
    second.refresh_from_db()
    assert second.state == S.DRAFT


def test_recorded_quota_override_lets_the_round_go_beyond(world: World) -> None:
    _province_quota(world)
    for _ in range(7):
        world.nominate()
    first, second = _cstdcs(world), _cstdcs(world)
    with pytest.raises(NotPermitted):
        record_quota_override(
            actor=world.clerk, round=world.round, reason="Đơn vị có nhiều thành tích"
        )
    record_quota_override(actor=world.head, round=world.round, reason="Đơn vị có nhiều thành tích")
    result = bulk_transition(round=world.round, to=S.SUBMITTED, actor=world.clerk)
    assert not result.failed
    assert {first.pk, second.pk} <= {n.pk for n in result.done}


def test_bulk_submission_reports_the_item_over_the_quota(world: World) -> None:
    _province_quota(world)
    ldtt = [world.nominate() for _ in range(7)]
    cstdcs = [_cstdcs(world), _cstdcs(world)]
    result = bulk_transition(round=world.round, to=S.SUBMITTED, actor=world.clerk)
    assert len(result.done) == 8
    ((failed, message),) = result.failed
    assert failed.pk == cstdcs[1].pk
    assert failed.state == S.DRAFT
    assert "15%" in message
    for n in ldtt:
        n.refresh_from_db()
    assert {n.state for n in ldtt} == {S.SUBMITTED}


def test_a_jurisdiction_rule_applies_only_below_it(world: World) -> None:
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="20%", unit=world.dept_b, valid_from=dt.date(2024, 1, 1)
    )
    world.nominate()
    assert quota_report(world.round) == []


def test_each_units_quota_use_against_hand_computed_figures(world: World) -> None:
    """50% of each unit's LĐTT (held or eligible), rounded down; used = CSTĐCS awarded for
    the year + live nominations for it."""

    _province_quota(world, "50%")
    a, b, c = world.person(), world.person(), world.person()
    d = world.person(rating=Rating.HTXSNV)
    issued = DecisionFactory(signed_on=dt.date(2025, 1, 10), year=2025)
    AwardFactory(person=d, kind=kind("LDTT"), period=2024, decision=issued)
    AwardFactory(person=d, kind=kind("CSTDCS"), period=2024, decision=issued)
    world.nominate(person=b, code="CSTDCS")
    world.nominate(person=c, code="CSTDCS")
    force_state(world.nominate(person=a, code="CSTDCS"), S.WITHDRAWN)  # no longer counts
    world.person(unit=world.dept_b), world.person(unit=world.dept_b)

    lst = candidate_list(
        unit=world.province,
        period=2024,
        scope=UnitScope(True, (), ()),
        decision_date=dt.date(2025, 1, 15),
    )
    lines = candidate_list_quotas(lst)
    figures = [
        (q.unit.name, q.base_count, q.allowed, q.awarded, q.proposed, q.remaining, q.over_by)
        for q in lines
    ]
    assert figures == [
        # 3 eligible + 1 held LĐTT → 2; 1 awarded + 2 proposed = 3: none left, one over.
        ("Sở Tư pháp", 4, 2, 1, 2, 0, 1),
        ("Sở Y tế", 2, 1, 0, 0, 1, 0),
    ]
    assert [q.over for q in lines] == [True, False]
    assert lines[0].percent == "50"


def test_no_unit_quota_without_a_quota_parameter(world: World) -> None:

    world.person()
    lst = candidate_list(
        unit=world.province,
        period=2024,
        scope=UnitScope(True, (), ()),
        decision_date=dt.date(2025, 1, 15),
    )
    assert candidate_list_quotas(lst) == []


def test_the_years_awards_count_in_the_rounds_quota(world: World) -> None:
    """LĐTT decided before the round opened are part of its base; a CSTĐCS already given
    for the year uses it (the unit's year, R-CSTDCS-3), so a round can start with no LĐTT
    nomination in it."""
    _province_quota(world, "50%")
    issued = DecisionFactory(signed_on=dt.date(2025, 1, 5), year=2025)
    holders = [world.person(rating=Rating.HTXSNV) for _ in range(4)]
    for person in holders:
        AwardFactory(person=person, kind=kind("LDTT"), period=2024, decision=issued)
    AwardFactory(person=holders[0], kind=kind("CSTDCS"), period=2024, decision=issued)
    AwardFactory(
        person=world.person(unit=world.dept_b), kind=kind("LDTT"), period=2024, decision=issued
    )
    (line,) = quota_report(world.round)
    assert (line.base_count, line.allowed, line.awarded, line.proposed, line.remaining) == (
        4,
        2,
        1,
        0,
        1,
    )
    nominated = world.nominate(person=holders[1], code="CSTDCS")
    (line,) = quota_report(world.round)
    assert (line.awarded, line.proposed, line.submitted, line.remaining) == (1, 1, 0, 0)
    transition(nomination=nominated, to=S.SUBMITTED, actor=world.clerk)
    (line,) = quota_report(world.round)
    assert (line.awarded, line.proposed, line.submitted, line.remaining) == (1, 1, 1, 0)


def test_the_round_pages_quota_lines_follow_a_change_at_once(world: World) -> None:
    """round_quota_lines keeps the page's lines in the cache; a dossier submitted, or a new
    nomination, shows in the next read all the same."""
    _province_quota(world)
    for _ in range(7):
        world.nominate()
    first = _cstdcs(world)
    (line,) = round_quota_lines(world.round)
    assert (line.base_count, line.proposed, line.submitted) == (8, 1, 0)
    assert round_quota_lines(world.round) == [line]  # kept
    transition(nomination=first, to=S.SUBMITTED, actor=world.clerk)
    (line,) = round_quota_lines(world.round)
    assert (line.proposed, line.submitted) == (1, 1)
    world.nominate()
    (line,) = round_quota_lines(world.round)
    assert line.base_count == 9
    assert round_quota_lines(world.round) == quota_report(world.round)
