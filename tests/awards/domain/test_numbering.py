"""Register numbers: per issuing unit, kind of document and year; no gaps, no duplicates."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from tests.councils.builders import decider_user, make_nomination, make_round, province
from tests.factories.awards import DecisionFactory
from vinhdanh.awards.domain.numbering import next_number
from vinhdanh.awards.models import Decision
from vinhdanh.nominations.domain.issuing import issue_decision
from vinhdanh.nominations.enums import NominationState

BODY = "Ủy ban nhân dân tỉnh Hà Tĩnh"


def _issue(
    unit, decider, nomination, *, body=BODY, signed_on=dt.date(2025, 5, 20), symbol="QĐ-UBND"
):
    return issue_decision(
        issuing_unit=unit,
        issuing_body=body,
        symbol=symbol,
        signed_on=signed_on,
        signer_name="Trần Văn Bình",
        signer_title="Chủ tịch",
        decider_role="chu_tich_ubnd_tinh",
        subject="",
        legal_bases="Luật Thi đua, khen thưởng số 06/2022/QH15",
        nominations=[nomination],
        actor=decider,
    )


@pytest.mark.django_db
def test_numbers_run_per_issuing_unit_kind_and_year():
    unit = province()
    decider = decider_user(unit)
    rnd = make_round(decider_unit=unit)

    def proposed():
        return make_nomination(round=rnd, code="BK_BT", state=NominationState.PROPOSED)

    first = _issue(unit, decider, proposed())
    second = _issue(unit, decider, proposed(), body="  Ủy ban nhân dân tỉnh  Hà Tĩnh ")
    # The same unit under its short name: still its one series (it was 1 again before).
    short_name = _issue(unit, decider, proposed(), body="UBND tỉnh Hà Tĩnh")
    next_year = _issue(unit, decider, proposed(), signed_on=dt.date(2026, 1, 5))
    other_symbol = _issue(unit, decider, proposed(), symbol="QĐ-CT")
    other_unit = province("Tỉnh Nghệ An")
    elsewhere = _issue(
        other_unit,
        decider_user(other_unit),
        make_nomination(round=make_round(decider_unit=other_unit), code="BK_BT", state="proposed"),
        body="Ủy ban nhân dân tỉnh Nghệ An",
    )
    assert (first.number, second.number, short_name.number) == (1, 2, 3)
    assert first.number_label == "01/QĐ-UBND"
    assert elsewhere.number == 1
    assert (next_year.number, next_year.year) == (1, 2026)
    # QĐ-CT is the same kind of document (QĐ) as QĐ-UBND: one series in the register.
    assert (other_symbol.number, other_symbol.series) == (4, "QĐ")
    with transaction.atomic():  # a submission (Tờ trình) has its own series
        assert next_number(issuing_unit=unit, year=2025, symbol="TTr-UBND") == 1
        assert next_number(issuing_unit=unit, year=2025, symbol="ttr-snv") == 2


@pytest.mark.django_db
def test_imported_history_does_not_move_the_units_series():
    unit = province()
    decider = decider_user(unit)
    rnd = make_round(decider_unit=unit)
    DecisionFactory(
        issuing_body=BODY, number=9000, year=2025, signed_on=dt.date(2025, 1, 3), imported=True
    )
    decision = _issue(unit, decider, make_nomination(round=rnd, code="BK_BT", state="proposed"))
    assert decision.number == 1


@pytest.mark.django_db
def test_numbers_continue_after_the_units_own_earlier_decisions():
    unit = province()
    decider = decider_user(unit)
    rnd = make_round(decider_unit=unit)
    DecisionFactory(
        issuing_unit=unit, issuing_body=BODY, number=41, year=2025, signed_on=dt.date(2025, 1, 3)
    )
    decision = _issue(unit, decider, make_nomination(round=rnd, code="BK_BT", state="proposed"))
    assert decision.number == 42


@pytest.mark.django_db
def test_a_rolled_back_issue_leaves_no_gap():
    unit = province()
    decider = decider_user(unit)
    rnd = make_round(decider_unit=unit)

    class Abort(Exception):
        pass

    def issue_then_fail() -> None:
        with transaction.atomic():
            _issue(unit, decider, make_nomination(round=rnd, code="BK_BT", state="proposed"))
            raise Abort

    with pytest.raises(Abort):
        issue_then_fail()
    assert not Decision.objects.exists()
    decision = _issue(unit, decider, make_nomination(round=rnd, code="BK_BT", state="proposed"))
    assert decision.number == 1


def test_next_number_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError):
        next_number(issuing_unit=None, year=2025, symbol="QĐ-UBND")  # type: ignore[arg-type]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_parallel_issuers_get_numbers_one_to_twenty():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, there is no race to test")
    unit = province()
    decider = decider_user(unit)
    rnd = make_round(decider_unit=unit)
    nominations = [
        make_nomination(round=rnd, code="BK_BT", state=NominationState.PROPOSED) for _ in range(20)
    ]
    barrier = threading.Barrier(20)
    numbers: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(nomination):
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            decision = _issue(unit, decider, nomination)
            with lock:
                numbers.append(decision.number)
        except BaseException as exc:  # report in the main thread
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in nominations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sorted(numbers) == list(range(1, 21))
    assert sorted(Decision.objects.values_list("number", flat=True)) == list(range(1, 21))
