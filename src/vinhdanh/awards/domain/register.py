"""Entering a submission, council minutes or public notice in the register of outgoing
documents (sổ văn bản đi) at the moment it becomes official: the submission when the
nominations are proposed to the decider, the minutes when the session closes, the notice when
it is posted. The number comes from the same series and lock as decisions
(`awards.domain.numbering`): the series' next number, or the one the văn thư entered.

Callers run inside the transaction that makes the document official, so a refusal (a number
already taken) undoes the whole step and a rolled-back step leaves no number behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from vinhdanh.awards.domain.numbering import next_number, take_number
from vinhdanh.awards.enums import OUTGOING_SERIES, OutgoingKind
from vinhdanh.awards.models import OutgoingDocument
from vinhdanh.awards.signals import letterhead_symbol, outgoing_registered
from vinhdanh.common.audit import record_action
from vinhdanh.orgs.models import Unit

# The issuing body of council minutes is the council (Hội đồng Thi đua - Khen thưởng).
COUNCIL_SYMBOL = "HĐTĐKT"


def symbol_for(kind: str, unit: Unit, on: dt.date | None = None, *, council: bool = False) -> str:
    """ "TTr-UBND", "TB-SNV", "BB-HĐTĐKT": the kind, then the issuing body's abbreviation
    (the council's for its minutes, and for a submission the council sends up, `council`)."""
    if kind == OutgoingKind.MINUTES or council:
        return f"{OUTGOING_SERIES[kind]}-{COUNCIL_SYMBOL}"
    # the letterheads rank above awards: the documents app answers (awards.signals)
    answers = letterhead_symbol.send(sender=OutgoingDocument, unit=unit, on=on)
    body = next((str(a) for _r, a in answers if a), "") or unit.code or "UBND"
    return f"{OUTGOING_SERIES[kind]}-{body}"


def register_document(
    *,
    kind: OutgoingKind,
    issuing_unit: Unit,
    signed_on: dt.date,
    subject: str,
    actor: Any,
    number: int | None = None,
    round: Any = None,
    session: Any = None,
    notice: Any = None,
    nominations: Iterable[Any] = (),
    by_council: bool = False,
) -> OutgoingDocument:
    """Number the document and record it; `number` is the văn thư's, else the series' next.
    `by_council`: the unit's council issues it (a submission its council sends up)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("documents are numbered inside the step that makes them official")
    symbol = symbol_for(kind, issuing_unit, signed_on, council=by_council)
    year = signed_on.year
    if number is None:
        taken = next_number(issuing_unit=issuing_unit, year=year, symbol=symbol)
    else:
        taken = take_number(issuing_unit=issuing_unit, year=year, symbol=symbol, number=number)
    document = OutgoingDocument.objects.create(
        kind=kind,
        issuing_unit=issuing_unit,
        number=taken,
        symbol=symbol,
        number_entered=number is not None,
        year=year,
        signed_on=signed_on,
        subject=subject[:500],
        round=round,
        session=session,
        notice=notice,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    items = list(nominations)
    if items:
        document.nominations.set(items)
    record_action(
        document,
        "entered in the register of outgoing documents",
        number=document.number_label,
        kind=kind,
        number_entered=document.number_entered,
    )
    # the paper is kept once the step commits: a rolled-back step leaves no file behind
    pk = document.pk
    transaction.on_commit(lambda: _registered(pk), robust=True)
    return document


def _registered(pk: int) -> None:
    """Re-read after commit: the step may have changed what it numbered (the minutes' data)."""
    entry = OutgoingDocument.objects.filter(pk=pk).first()
    if entry is not None:
        outgoing_registered.send(sender=OutgoingDocument, entry=entry)
