"""Numbers of the register of outgoing documents (sổ văn bản đi): one series per issuing
unit, kind of document (QĐ, TTr, BB, TB …) and year (Decree 30/2020, Art. 15 and Appendix III).

The series belongs to the unit that issues (how its name is typed on the document does not
matter, nor does the rest of the symbol: 5/QĐ-UBND and 5/QĐ-CT of one unit and year are one
number twice). Imported history never counts: an import cannot push or fill the series.

A number comes either from Vinh Danh's counter (`next_number`) or from the văn thư, who keeps
the register, often in another system (`take_number`). Both lock the series' counter row
(SELECT … FOR UPDATE on PostgreSQL; SQLite transactions are IMMEDIATE, so writers are
serialised anyway) until the issuing transaction ends: a second issuer waits, then reads the
committed numbers. The counter hands out one more than the highest number in the series, so it
never gives a number the văn thư already took by hand; if the transaction rolls back, so does
the counter — no gap of its own.

Decisions and the other documents the register numbers (submissions, council minutes, public
notices: `OutgoingDocument`, entered by `register_document`) share the series machinery: a
number is free when neither table holds it in the series.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from vinhdanh.awards.domain.errors import DecisionError, NumberTaken
from vinhdanh.awards.models import Decision, DecisionCounter, OutgoingDocument
from vinhdanh.awards.models.decisions import document_kind_of
from vinhdanh.orgs.models import Unit

# A register's numbers stay readable; a typo such as 20255 for 255 is refused.
HIGHEST_NUMBER = 99_999


def series_of(symbol: str) -> str:
    """The kind of document that names the series ("QĐ" for "QĐ-UBND")."""
    return document_kind_of(symbol)


def _in_series(unit: Unit, year: int, series: str) -> QuerySet[Decision]:
    return Decision.objects.filter(
        issuing_unit=unit, year=year, series=series, imported=False, number__isnull=False
    )


def _documents_in_series(unit: Unit, year: int, series: str) -> QuerySet[OutgoingDocument]:
    return OutgoingDocument.objects.filter(issuing_unit=unit, year=year, series=series)


def _highest_issued(unit: Unit, year: int, series: str) -> int:
    values = [
        query.aggregate(m=Max("number"))["m"]
        for query in (
            _in_series(unit, year, series),
            _documents_in_series(unit, year, series),
        )
    ]
    return max(int(v or 0) for v in values)


def _is_taken(unit: Unit, year: int, series: str, number: int) -> bool:
    return (
        _in_series(unit, year, series).filter(number=number).exists()
        or _documents_in_series(unit, year, series).filter(number=number).exists()
    )


def _locked_counter(unit: Unit, year: int, series: str) -> DecisionCounter:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbers must be taken inside transaction.atomic()")
    counters = DecisionCounter.objects.select_for_update()
    counter = counters.filter(issuing_unit=unit, year=year, series=series).first()
    if counter is None:
        try:
            with transaction.atomic():  # a savepoint: another issuer may create it first
                DecisionCounter.objects.create(
                    issuing_unit=unit,
                    year=year,
                    series=series,
                    last_number=_highest_issued(unit, year, series),
                )
        except IntegrityError:
            pass
        counter = counters.get(issuing_unit=unit, year=year, series=series)
    return counter


def next_number(*, issuing_unit: Unit, year: int, symbol: str) -> int:
    """Reserve the next number; the caller creates the decision in the same transaction."""
    series = series_of(symbol)
    counter = _locked_counter(issuing_unit, year, series)
    number = max(counter.last_number, _highest_issued(issuing_unit, year, series)) + 1
    counter.last_number = number
    counter.save(update_fields=["last_number"])
    return number


def taken_message(*, issuing_unit: Unit, year: int, symbol: str, number: int) -> str:
    """Why a number cannot be used: which document of the series already holds it."""
    series = series_of(symbol)
    holder = _in_series(issuing_unit, year, series).filter(number=number).order_by("id").first()
    document = (
        _documents_in_series(issuing_unit, year, series)
        .filter(number=number)
        .order_by("id")
        .first()
    )
    values = {
        "number": number,
        "kind": series_of(symbol),
        "year": year,
        "unit": issuing_unit.name,
    }
    if holder is None and document is not None:
        return _(
            "Number %(number)s of %(year)s is already taken in the register of outgoing "
            "documents of %(unit)s (kind %(kind)s): %(document)s %(label)s of %(date)s. Take "
            "another number from the register."
        ) % {
            **values,
            "document": document.get_kind_display(),
            "label": document.number_label,
            "date": f"{document.signed_on:%d/%m/%Y}",
        }
    if holder is None:
        return (
            _(
                "Number %(number)s of %(year)s is already taken in the register of outgoing "
                "documents of %(unit)s (kind %(kind)s). Take another number from the register."
            )
            % values
        )
    return _(
        "Number %(number)s of %(year)s is already taken in the register of outgoing documents "
        "of %(unit)s (kind %(kind)s): decision %(label)s of %(date)s. Take another number "
        "from the register."
    ) % {**values, "label": holder.number_label, "date": f"{holder.signed_on:%d/%m/%Y}"}


def take_number(*, issuing_unit: Unit, year: int, symbol: str, number: int) -> int:
    """The number the văn thư entered, once it is known to be free in its series."""
    if not 1 <= number <= HIGHEST_NUMBER:
        raise DecisionError(
            _("A document number is a whole number from 1 to %(max)s.") % {"max": HIGHEST_NUMBER}
        )
    series = series_of(symbol)
    counter = _locked_counter(issuing_unit, year, series)
    if _is_taken(issuing_unit, year, series, number):
        raise NumberTaken(
            taken_message(issuing_unit=issuing_unit, year=year, symbol=symbol, number=number)
        )
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    return number
