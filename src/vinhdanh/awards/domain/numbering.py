"""Decision numbers: per issuing unit, year and symbol, with no gaps and no duplicates.

The series belongs to the unit that issues (how its name is typed on the decision does not
matter: "UBND tỉnh Hà Tĩnh" and "Ủy ban nhân dân tỉnh Hà Tĩnh" share one series). Imported
history never counts: an import cannot push or fill the series Vinh Danh keeps.

`next_number` must run inside the transaction that creates the decision. It locks the unit's
counter row (SELECT … FOR UPDATE on PostgreSQL; SQLite transactions are IMMEDIATE, so writers
are serialised anyway) until that transaction ends: a second issuer waits, then reads the
committed number. If the transaction rolls back, so does the counter — no gap.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max

from vinhdanh.awards.models import Decision, DecisionCounter
from vinhdanh.common.text import normalize
from vinhdanh.orgs.models import Unit


def _highest_issued(unit: Unit, year: int, symbol: str) -> int:
    """The highest number the unit's own series already holds."""
    value = Decision.objects.filter(
        issuing_unit=unit, year=year, symbol=symbol, imported=False, number__isnull=False
    ).aggregate(m=Max("number"))["m"]
    return int(value or 0)


def next_number(*, issuing_unit: Unit, year: int, symbol: str) -> int:
    """Reserve the next number; the caller creates the decision in the same transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must be called inside transaction.atomic()")
    symbol = normalize(symbol)
    counters = DecisionCounter.objects.select_for_update()
    counter = counters.filter(issuing_unit=issuing_unit, year=year, symbol=symbol).first()
    if counter is None:
        try:
            with transaction.atomic():  # a savepoint: another issuer may create it first
                DecisionCounter.objects.create(
                    issuing_unit=issuing_unit,
                    year=year,
                    symbol=symbol,
                    last_number=_highest_issued(issuing_unit, year, symbol),
                )
        except IntegrityError:
            pass
        counter = counters.get(issuing_unit=issuing_unit, year=year, symbol=symbol)
    number = max(counter.last_number, _highest_issued(issuing_unit, year, symbol)) + 1
    counter.last_number = number
    counter.save(update_fields=["last_number"])
    return number
