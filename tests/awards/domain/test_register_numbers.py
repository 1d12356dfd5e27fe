"""Numbers from the văn thư's register: checked free in the series, never handed out again."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import IntegrityError, connection, connections, transaction

from tests.documents.issuing import issue
from tests.nominations.world import World, build_world
from vinhdanh.awards.domain.errors import DecisionError, NumberTaken
from vinhdanh.awards.models import Decision
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def test_the_number_the_clerk_entered_is_the_decisions_number(world: World) -> None:
    decision = issue(world, number=125)
    assert decision.number_label == "125/QĐ-UBND"
    assert decision.number_entered is True
    event = AuditEvent.objects.filter(message="decision issued", object_id=str(decision.pk)).get()
    assert event.after["number_entered"] is True


def test_a_number_taken_in_the_series_is_refused_and_nothing_is_issued(world: World) -> None:
    first = issue(world, number=125, subject="Về việc khen thưởng đợt một")
    before = Decision.objects.count()
    with pytest.raises(NumberTaken) as refused:
        issue(world, number=125, symbol="QĐ-CT")  # the same kind (QĐ): the same series
    message = str(refused.value)
    assert "Số 125 năm 2025 đã có trong sổ văn bản đi của Tỉnh Hà Tĩnh" in message
    assert first.number_label in message
    assert "15/01/2025" in message
    assert Decision.objects.count() == before
    # The nomination of the refused decision is still waiting for a decision.
    assert Nomination.objects.filter(state=NominationState.PROPOSED).count() == 1


def test_the_same_number_is_free_in_another_kind_or_year(world: World) -> None:
    issue(world, number=7)
    next_year = issue(world, number=7, signed_on=dt.date(2026, 1, 5))
    assert (next_year.number, next_year.year) == (7, 2026)
    with transaction.atomic():
        from vinhdanh.awards.domain.numbering import take_number

        assert take_number(issuing_unit=world.province, year=2025, symbol="TTr-UBND", number=7)


def test_the_counter_never_hands_out_a_number_taken_by_hand(world: World) -> None:
    assert issue(world).number == 1
    assert issue(world, number=2).number == 2
    assert issue(world).number == 3
    issue(world, number=40)
    assert issue(world).number == 41


def test_a_number_out_of_range_is_refused(world: World) -> None:
    with pytest.raises(DecisionError, match="từ 1 đến 99999"):
        issue(world, number=0)


def test_the_database_refuses_a_second_number_in_a_series(world: World) -> None:
    decision = issue(world, number=9)
    twin = Decision(
        issuing_unit=decision.issuing_unit,
        issuing_body=decision.issuing_body,
        number=9,
        symbol="QĐ-CT",
        year=decision.year,
        signed_on=decision.signed_on,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_issues_at_once_with_the_same_number_one_wins() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, there is no race to test")
    world = build_world()
    barrier = threading.Barrier(2)
    won: list[Decision] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            decision = issue(world, number=300)
            with lock:
                won.append(decision)
        except NumberTaken as exc:
            with lock:
                refused.append(str(exc))
        except BaseException as exc:  # report in the main thread
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(won) == 1
    assert len(refused) == 1
    assert "Số 300 năm 2025 đã có trong sổ văn bản đi" in refused[0]
    assert list(Decision.objects.values_list("number", flat=True)) == [300]
