"""Nominating several people or collectives from a candidate list in one step: all or none."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.nominations.world import World
from vinhdanh.common.models import AuditEvent
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.nominations.domain.errors import NotPermitted, WorkflowError
from vinhdanh.nominations.domain.nominations import BulkRefused, create_nominations
from vinhdanh.nominations.domain.rounds import close_round, rounds_open_for
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, NominationEvent
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db


def test_bulk_nomination_creates_a_draft_per_person_with_its_eligibility(world: World) -> None:
    hong, lan = world.person(given_name="Hồng"), world.person(given_name="Lan")
    created = create_nominations(
        actor=world.clerk, round=world.round, kind=kind("LDTT"), people=[hong, lan]
    )
    assert [n.person for n in created] == [hong, lan]
    for nomination in Nomination.objects.filter(round=world.round):
        assert nomination.state == NominationState.DRAFT
        assert nomination.eligibility_outcome == "ELIGIBLE"
        assert any(c["rule"] == "R-LDTT-1" and c["ok"] for c in nomination.eligibility_checks)
        assert NominationEvent.objects.filter(nomination=nomination, to_state="draft").exists()
    audit = AuditEvent.objects.get(message="nominations created together")
    assert audit.object_id == str(world.round.pk)
    assert audit.after["count"] == 2


def test_bulk_nomination_is_refused_as_a_whole_when_one_is_not_eligible(world: World) -> None:
    hong = world.person(given_name="Hồng")
    weak = world.person(rating=Rating.HTNV, given_name="Minh")
    with pytest.raises(BulkRefused) as refused:
        create_nominations(
            actor=world.clerk, round=world.round, kind=kind("LDTT"), people=[hong, weak]
        )
    assert not Nomination.objects.exists()
    assert [line.subject for line in refused.value.refused] == [weak]
    (reason,) = refused.value.refused[0].problems
    assert "HTNV" in reason  # the engine's own reason: the rating is below HTTNV
    assert [line.problems for line in refused.value.lines if line.subject == hong] == [()]


def test_bulk_nomination_refuses_a_person_already_nominated(world: World) -> None:
    hong, lan = world.person(), world.person()
    world.nominate(person=hong)
    with pytest.raises(BulkRefused) as refused:
        create_nominations(
            actor=world.clerk, round=world.round, kind=kind("LDTT"), people=[lan, hong]
        )
    assert Nomination.objects.count() == 1
    (line,) = refused.value.refused
    assert line.subject == hong
    assert line.problems == (f"{hong} đã được đề nghị Lao động tiên tiến trong đợt xét này.",)


def test_bulk_nomination_refuses_someone_outside_the_rounds_unit(world: World) -> None:
    ours = world.person()
    theirs = world.person(unit=world.dept_b)
    with pytest.raises(BulkRefused) as refused:
        create_nominations(
            actor=world.clerk, round=world.round, kind=kind("LDTT"), people=[ours, theirs]
        )
    assert not Nomination.objects.exists()
    assert [line.subject for line in refused.value.refused] == [theirs]
    assert f"{theirs} không thuộc Sở Tư pháp" in refused.value.refused[0].problems[0]


def test_bulk_nomination_in_a_closed_round_or_by_another_clerk_is_refused(world: World) -> None:
    person = world.person()
    with pytest.raises(NotPermitted):
        create_nominations(
            actor=world.clerk_b, round=world.round, kind=kind("LDTT"), people=[person]
        )
    close_round(actor=world.clerk, round=world.round, reason="Hết hạn nộp hồ sơ.")
    with pytest.raises(WorkflowError):
        create_nominations(actor=world.clerk, round=world.round, kind=kind("LDTT"), people=[person])
    assert not Nomination.objects.exists()


def _cstdcs_candidate(world: World):  # type: ignore[no-untyped-def]
    person = world.person(rating=Rating.HTXSNV)
    AwardFactory(
        person=person,
        period=2024,
        decision=DecisionFactory(signed_on=dt.date(2025, 1, 5), year=2025),
    )
    return person


def test_bulk_nomination_over_the_rounds_quota_is_refused(world: World) -> None:
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="25%", unit=world.province, valid_from=dt.date(2024, 1, 1)
    )
    world.nominate()
    world.nominate()
    # 2 LĐTT nominations + the 2 candidates' LĐTT awarded: floor(25% × 4) = 1 CSTĐCS
    first, second = _cstdcs_candidate(world), _cstdcs_candidate(world)
    with pytest.raises(BulkRefused) as refused:
        create_nominations(
            actor=world.clerk, round=world.round, kind=kind("CSTDCS"), people=[first, second]
        )
    assert not Nomination.objects.filter(kind__code="CSTDCS").exists()
    (line,) = refused.value.refused
    assert line.subject == second
    # in the quota tables' own words
    assert line.problems[0] == (
        "Vượt tỷ lệ CSTĐCS của Sở Tư pháp. Được phép: 1 (25% của 4 LĐTT trong năm, làm tròn "
        "xuống); đã được tặng trong năm: 0; trong hồ sơ đang xét: 0; còn lại: 1. "
        "Đề nghị thêm 2 hồ sơ, chỉ còn chỗ cho 1. "
        "Thủ trưởng đơn vị hoặc cơ quan thi đua, khen thưởng có thể ghi lý do để vượt tỷ lệ."
    )
    created = create_nominations(
        actor=world.clerk, round=world.round, kind=kind("CSTDCS"), people=[first]
    )
    assert len(created) == 1


def test_rounds_open_for_offers_the_clerks_open_rounds_of_the_year(world: World) -> None:
    ldtt = kind("LDTT")
    assert rounds_open_for(world.clerk, unit=world.dept, year=2024, kind=ldtt) == [world.round]
    assert rounds_open_for(world.clerk, unit=world.dept, year=2023, kind=ldtt) == []
    assert rounds_open_for(world.clerk_b, unit=world.dept, year=2024, kind=ldtt) == []
    assert rounds_open_for(world.clerk_b, unit=world.dept_b, year=2024, kind=ldtt) == []
    close_round(actor=world.clerk, round=world.round, reason="Hết hạn nộp hồ sơ.")
    assert rounds_open_for(world.clerk, unit=world.dept, year=2024, kind=ldtt) == []
