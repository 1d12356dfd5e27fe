"""A round after it is opened: the titles it offers (by the decider's authority), whether
anyone can nominate in it, and editing, closing or withdrawing it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.awards import kind
from tests.factories.orgs import UnitFactory
from tests.nominations.world import DECISION_DAY, YEAR, S, World, force_state, user_with
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.domain.errors import NotPermitted, WorkflowError
from vinhdanh.nominations.domain.nominations import create_nomination, create_round
from vinhdanh.nominations.domain.rounds import (
    close_round,
    offered_kinds,
    round_has_clerk,
    update_round,
    withdraw_round,
)
from vinhdanh.nominations.enums import RoundStatus
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db


def codes(round_) -> set[str]:  # type: ignore[no-untyped-def]
    return {k.code for k in offered_kinds(round_)}


def test_a_round_offers_only_what_its_decider_may_award(world: World) -> None:
    world.round.decider_role = "chu_tich_ubnd_tinh"
    world.round.save()
    offered = codes(world.round)
    assert {"BK_BT", "CSTD_BT"} <= offered
    assert not {"BK_TTG", "CSTDTQ", "HC_LAO_DONG_3"} & offered  # the State's and the PM's
    world.round.decider_role = "chu_tich_ubnd_xa"
    world.round.save()
    offered = codes(world.round)
    assert {"LDTT", "GIAY_KHEN"} <= offered
    assert "BK_BT" not in offered


def test_the_offer_follows_the_authority_table_in_force_on_the_decision_date(
    world: World,
) -> None:
    world.round.decider_role = "chu_tich_ubnd_huyen"
    world.round.planned_decision_date = DECISION_DAY  # January 2025: districts still decide
    world.round.save()
    assert "LDTT" in codes(world.round)
    world.round.planned_decision_date = DECISION_DAY.replace(year=2026)  # district abolished
    world.round.save()
    assert codes(world.round) == set()


def test_a_round_without_a_named_authority_offers_every_active_kind(world: World) -> None:
    assert world.round.decider_role == ""
    assert {"BK_BT", "BK_TTG", "LDTT"} <= codes(world.round)


def test_a_kind_outside_the_deciders_authority_cannot_be_nominated(world: World) -> None:
    world.round.decider_role = "chu_tich_ubnd_tinh"
    world.round.save()
    with pytest.raises(WorkflowError):
        create_nomination(
            actor=world.clerk, round=world.round, kind=kind("BK_TTG"), person=world.person()
        )
    assert world.nominate(code="BK_BT").kind.code == "BK_BT"


def test_a_round_of_a_unit_without_a_clerk_says_so(world: World) -> None:
    assert round_has_clerk(world.round)
    lonely = UnitFactory(name="Sở Xây dựng", parent=world.province, level=UnitLevel.DEPARTMENT)
    round_ = create_round(
        actor=world.office,
        name="Khen thưởng năm 2024 — Sở Xây dựng",
        owning_unit=lonely,
        decider_unit=world.province,
        year=YEAR,
    )
    assert not round_has_clerk(round_)
    user_with(lonely, is_head=True)
    assert round_has_clerk(round_)


def test_the_office_edits_then_closes_a_round_and_nothing_more_can_be_added(
    world: World,
) -> None:
    update_round(actor=world.office, round=world.round, name="Danh hiệu năm 2024 (sửa)")
    world.round.refresh_from_db()
    assert world.round.name == "Danh hiệu năm 2024 (sửa)"
    kept = world.nominate()
    with pytest.raises(WorkflowError):
        close_round(actor=world.office, round=world.round, reason="")
    close_round(actor=world.office, round=world.round, reason="Hết hạn nhận hồ sơ")
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.CLOSED
    assert AuditEvent.objects.filter(message="round closed", object_id=str(world.round.pk)).exists()
    with pytest.raises(WorkflowError):
        world.nominate()
    with pytest.raises(WorkflowError):
        update_round(actor=world.office, round=world.round, name="Lại sửa")
    kept.refresh_from_db()
    assert kept.state == S.DRAFT  # what was already in the round goes on


def test_withdrawing_a_round_withdraws_its_drafts(world: World) -> None:
    draft = world.nominate()
    withdraw_round(actor=world.clerk, round=world.round, reason="Mở nhầm đợt")
    draft.refresh_from_db()
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.WITHDRAWN
    assert draft.state == S.WITHDRAWN


def test_a_round_with_submitted_dossiers_cannot_be_withdrawn(world: World) -> None:
    force_state(world.nominate(), S.SUBMITTED)
    with pytest.raises(WorkflowError):
        withdraw_round(actor=world.clerk, round=world.round, reason="Mở nhầm đợt")
    world.round.refresh_from_db()
    assert world.round.is_open


def test_only_who_may_open_rounds_for_the_unit_may_change_one(world: World) -> None:
    for user in (world.council, world.decider, world.clerk_b, world.outsider):
        with pytest.raises(NotPermitted):
            update_round(actor=user, round=world.round, name="x")
        with pytest.raises(NotPermitted):
            close_round(actor=user, round=world.round, reason="x")


def test_round_dates_must_keep_their_order(world: World) -> None:
    from vinhdanh.nominations.domain.errors import FieldError

    world.round.submission_deadline = dt.date(2025, 1, 10)
    world.round.save()
    with pytest.raises(FieldError) as error:
        update_round(actor=world.clerk, round=world.round, appraisal_deadline=dt.date(2025, 1, 5))
    assert error.value.field == "appraisal_deadline"
    with pytest.raises(FieldError) as error:
        update_round(
            actor=world.clerk, round=world.round, planned_decision_date=dt.date(2025, 1, 9)
        )
    assert error.value.field == "planned_decision_date"
    update_round(actor=world.clerk, round=world.round, planned_decision_date=dt.date(2025, 1, 31))
