"""Costly results computed once however many ask at the same moment (common/computed_once)."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from vinhdanh.common.computed_once import computed_once


def _later(seconds: float, action) -> threading.Thread:  # type: ignore[no-untyped-def]
    """`action` run by another connection, as another server process would."""

    def run() -> None:
        time.sleep(seconds)
        try:
            action()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _computing(log: list[str], value: str, keep: bool = True):  # type: ignore[no-untyped-def]
    def compute() -> tuple[str, bool]:
        log.append(value)
        return value, keep

    return compute


@pytest.mark.django_db
def test_a_kept_result_is_not_computed_again() -> None:
    log: list[str] = []
    assert computed_once("k:once", _computing(log, "first"), timeout=60) == "first"
    assert computed_once("k:once", _computing(log, "second"), timeout=60) == "first"
    assert log == ["first"]
    assert computed_once("k:big", _computing(log, "big", keep=False), timeout=60) == "big"
    assert computed_once("k:big", _computing(log, "again", keep=False), timeout=60) == "again"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_waits_for_the_one_computing_and_takes_its_result() -> None:
    cache.add("k:shared:computing", "1", 60)  # another process is computing it
    other = _later(0.3, lambda: cache.set("k:shared", "theirs", 60))
    log: list[str] = []
    assert computed_once("k:shared", _computing(log, "mine"), timeout=60) == "theirs"
    other.join()
    assert log == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_computes_when_the_other_gave_up_without_a_result() -> None:
    cache.add("k:failed:computing", "1", 60)
    other = _later(0.3, lambda: cache.delete("k:failed:computing"))  # it failed
    log: list[str] = []
    assert computed_once("k:failed", _computing(log, "mine"), timeout=60) == "mine"
    other.join()
    assert log == ["mine"]
    assert cache.get("k:failed") == "mine"
    assert cache.get("k:failed:computing") is None  # released for the next one


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inside_a_transaction_nobody_is_waited_for() -> None:
    cache.add("k:atomic:computing", "1", 60)
    log: list[str] = []
    with transaction.atomic():
        assert computed_once("k:atomic", _computing(log, "mine"), timeout=60) == "mine"
    assert log == ["mine"]
