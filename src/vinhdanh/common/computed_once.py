"""Costly results computed once however many ask for them at the same moment.

A commune's candidate list takes about a second to compute at a province's scale. When several
clerks open it together (the morning a round opens), or one reloads it while it is still being
computed, each request used to compute it again, in parallel, and all of them were slow. Here
the first request computes and the others wait for its result in the shared cache (every
server process sees it), and take it when it lands.

A waiter computes by itself when the one computing gave up without keeping a result (an error,
or a result too large to keep), or after `WAIT_SECONDS`: the lock only saves work, it is never
needed for a correct answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

T = TypeVar("T")

WAIT_SECONDS = 60.0
POLL_SECONDS = 0.1
# A computation that died without releasing the lock (a killed worker) frees it after this.
LOCK_SECONDS = 120


def computed_once(key: str, compute: Callable[[], tuple[T, bool]], *, timeout: int) -> T:
    """The cached value under `key`, or `compute()` run by one request at a time.

    `compute` returns the value and whether to keep it (for `timeout` seconds)."""
    found: T | None = cache.get(key)
    if found is not None:
        return found
    if connection.in_atomic_block:
        # the lock and the result, written by this connection, stay invisible to the others
        # until the transaction commits: waiting for them could not help anybody
        return _compute_and_keep(key, compute, timeout)
    lock = f"{key}:computing"
    deadline = time.monotonic() + WAIT_SECONDS
    while not cache.add(lock, "1", LOCK_SECONDS):
        if time.monotonic() >= deadline:
            return _compute_and_keep(key, compute, timeout)
        time.sleep(POLL_SECONDS)
        found = cache.get(key)
        if found is not None:
            return found
    try:
        return _compute_and_keep(key, compute, timeout)
    finally:
        cache.delete(lock)


def _compute_and_keep(key: str, compute: Callable[[], tuple[T, bool]], timeout: int) -> T:
    value, keep = compute()
    if keep:
        cache.set(key, value, timeout)
    return value
