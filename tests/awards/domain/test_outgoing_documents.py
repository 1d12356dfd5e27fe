"""Submissions, council minutes and public notices take their numbers from the register of
outgoing documents, in the same series and under the same lock as decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from tests.documents.issuing import issue
from tests.nominations.world import (
    S,
    World,
    build_world,
    force_state,
    interior_office,
    no_public_notice,
)
from vinhdanh.awards.domain.errors import NumberTaken
from vinhdanh.awards.domain.register import register_document
from vinhdanh.awards.enums import OutgoingKind
from vinhdanh.awards.models import OutgoingDocument
from vinhdanh.awards.models.decisions import ImmutableError
from vinhdanh.nominations.domain.errors import WorkflowError
from vinhdanh.nominations.domain.notices import post_notice
from vinhdanh.nominations.domain.workflow import bulk_transition
from vinhdanh.nominations.models import Nomination, PublicNotice

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.date(2026, 3, 2)


def at(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, tzinfo=HCM), tick=False)


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _notice(world: World, number: int | None = None, day: dt.date = DAY) -> PublicNotice:
    force_state(world.nominate(), S.VOTED)
    with at(day):
        return post_notice(actor=world.office, round=world.round, starts_on=day, number=number)


def test_posting_a_notice_numbers_it_in_the_units_register(world: World) -> None:
    first = _notice(world)
    second = _notice(world)
    labels = [n.register_entry.number_label for n in (first, second)]
    assert labels == ["01/TB-STP", "02/TB-STP"]
    entry = first.register_entry
    assert (entry.issuing_unit, entry.year, entry.series, entry.signed_on) == (
        world.dept,
        2026,
        "TB",
        DAY,
    )
    assert not entry.number_entered


def test_each_kind_unit_and_year_is_its_own_series(world: World) -> None:
    def enter(kind: OutgoingKind, unit: Any, day: dt.date) -> str:
        with transaction.atomic():
            entry = register_document(
                kind=kind, issuing_unit=unit, signed_on=day, subject="x", actor=world.office
            )
        return entry.number_label

    issue(world)  # 01/QĐ-UBND of the province, 2025
    assert enter(OutgoingKind.SUBMISSION, world.province, dt.date(2025, 2, 1)) == "01/TTr-UBND"
    assert enter(OutgoingKind.SUBMISSION, world.province, dt.date(2025, 3, 1)) == "02/TTr-UBND"
    assert enter(OutgoingKind.MINUTES, world.province, dt.date(2025, 3, 1)) == "01/BB-HĐTĐKT"
    assert enter(OutgoingKind.NOTICE, world.province, dt.date(2025, 3, 1)) == "01/TB-UBND"
    assert enter(OutgoingKind.SUBMISSION, world.dept, dt.date(2025, 3, 1)) == "01/TTr-STP"
    assert enter(OutgoingKind.SUBMISSION, world.province, dt.date(2026, 1, 2)) == "01/TTr-UBND"
    # the decision series goes on by itself
    assert issue(world).number_label == "02/QĐ-UBND"


def test_a_number_the_van_thu_took_is_refused_when_taken_and_nothing_is_posted(
    world: World,
) -> None:
    _notice(world, number=5)
    posted = PublicNotice.objects.count()
    with pytest.raises(WorkflowError) as refused:
        _notice(world, number=5)
    assert str(refused.value) == (
        "Số 5 năm 2026 đã có trong sổ văn bản đi của Sở Tư pháp (loại văn bản TB): Thông báo "
        "công khai số 05/TB-STP ngày 02/03/2026. Đề nghị lấy số khác trong sổ."
    )
    assert PublicNotice.objects.count() == posted
    # the counter never hands out a number taken by hand
    assert _notice(world).register_entry.number_label == "06/TB-STP"
    assert _notice(world, number=3).register_entry.number_entered


def test_a_decision_and_a_document_of_one_series_never_share_a_number(world: World) -> None:
    issue(world, number=7, symbol="TTr-UBND")  # a decision typed with another kind
    with transaction.atomic(), pytest.raises(NumberTaken) as refused:
        register_document(
            kind=OutgoingKind.SUBMISSION,
            issuing_unit=world.province,
            signed_on=dt.date(2025, 1, 20),
            subject="x",
            actor=world.office,
            number=7,
        )
    assert "Quyết định số 07/TTr-UBND" in str(refused.value)
    with transaction.atomic():
        entry = register_document(
            kind=OutgoingKind.SUBMISSION,
            issuing_unit=world.province,
            signed_on=dt.date(2025, 1, 20),
            subject="x",
            actor=world.office,
        )
    assert entry.number == 8


def test_proposing_to_the_decider_sends_a_numbered_submission_up(world: World) -> None:
    office = interior_office(world)
    no_public_notice()
    voted = [force_state(world.nominate(), S.VOTED) for _ in range(2)]
    with at(DAY):
        result = bulk_transition(round=world.round, to=S.PROPOSED, actor=world.office)
    assert result.submission is not None
    # sent up by the province's emulation office (Sở Nội vụ), in its register: not by the
    # department that nominated
    assert result.submission.number_label == "01/TTr-SNV"
    assert result.submission.issuing_unit == office
    assert result.submission.signed_on == DAY
    assert set(result.submission.nominations.all()) == set(voted)
    assert list(world.round.submissions.all()) == [result.submission]
    # other steps send nothing up
    force_state(world.nominate(), S.APPRAISED)
    other = bulk_transition(round=world.round, to=S.VOTED, actor=world.office)
    assert other.submission is None


def test_a_taken_submission_number_moves_nothing(world: World) -> None:
    no_public_notice()
    force_state(world.nominate(), S.VOTED)
    with at(DAY):
        bulk_transition(round=world.round, to=S.PROPOSED, actor=world.office, number=4)
    waiting = force_state(world.nominate(), S.VOTED)
    with at(DAY), pytest.raises(WorkflowError) as refused:
        bulk_transition(round=world.round, to=S.PROPOSED, actor=world.office, number=4)
    assert "Tờ trình số 04/TTr-HĐTĐKT ngày 02/03/2026" in str(refused.value)
    assert Nomination.objects.get(pk=waiting.pk).state == S.VOTED
    assert OutgoingDocument.objects.count() == 1


def test_a_numbered_document_cannot_be_changed(world: World) -> None:
    entry = _notice(world).register_entry
    entry.number = 9
    with pytest.raises(ImmutableError, match="Không được sửa đổi"):
        entry.save()


def test_a_nomination_proposed_alone_goes_up_with_its_own_submission(world: World) -> None:
    from vinhdanh.nominations.domain.workflow import transition

    no_public_notice()
    nomination = force_state(world.nominate(), S.VOTED)
    with at(DAY):
        transition(nomination=nomination, to=S.PROPOSED, actor=world.office, number=9)
    entry = OutgoingDocument.objects.get()
    # no Sở Nội vụ in this province's tree: its council proposes, in the province's register
    assert entry.number_label == "09/TTr-HĐTĐKT"
    assert entry.issuing_unit == world.province
    assert entry.number_entered
    assert list(entry.nominations.all()) == [nomination]
