"""Decision numbers: per issuing body, year and symbol, with no gaps and no duplicates.

`next_number` must run inside the transaction that creates the decision. It locks the
body's counter row (SELECT … FOR UPDATE on PostgreSQL; SQLite transactions are IMMEDIATE, so
writers are serialised anyway) until that transaction ends: a second issuer waits, then reads
the committed number. If the transaction rolls back, so does the counter — no gap.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max

from vinhdanh.awards.models import Decision, DecisionCounter
from vinhdanh.common.text import normalize, search_key


def body_key_for(issuing_body: str) -> str:
    """The key Decision.save computes for its issuing body (spelling-insensitive)."""
    return search_key(normalize(issuing_body))


def _highest_issued(body_key: str, year: int, symbol: str) -> int:
    """The highest number already on a decision (e.g. imported history) for this key."""
    value = Decision.objects.filter(
        body_key=body_key, year=year, symbol=symbol, number__isnull=False
    ).aggregate(m=Max("number"))["m"]
    return int(value or 0)


def next_number(*, issuing_body: str, year: int, symbol: str) -> int:
    """Reserve the next number; the caller creates the decision in the same transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must be called inside transaction.atomic()")
    key = body_key_for(issuing_body)
    symbol = normalize(symbol)
    counters = DecisionCounter.objects.select_for_update()
    counter = counters.filter(body_key=key, year=year, symbol=symbol).first()
    if counter is None:
        try:
            with transaction.atomic():  # a savepoint: another issuer may create it first
                DecisionCounter.objects.create(
                    body_key=key,
                    year=year,
                    symbol=symbol,
                    last_number=_highest_issued(key, year, symbol),
                )
        except IntegrityError:
            pass
        counter = counters.get(body_key=key, year=year, symbol=symbol)
    # Numbers entered outside this counter (historic imports) are never reused.
    number = max(counter.last_number, _highest_issued(key, year, symbol)) + 1
    counter.last_number = number
    counter.save(update_fields=["last_number"])
    return number
