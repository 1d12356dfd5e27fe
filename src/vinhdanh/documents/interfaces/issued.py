"""Keeping what was issued exactly as issued: the decision's .docx stored when it is issued.

`keep_issued` runs after the transaction that issues a decision commits (on the
`decision_issued` signal that `nominations.domain.issuing` sends then); `issued_file` serves the
stored file, or renders one for decisions issued before this existed (and then keeps it).
"""

from __future__ import annotations

import logging
from typing import Any

from vinhdanh.awards.models import Decision
from vinhdanh.awards.signals import decision_issued
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces.files import render_decision_file
from vinhdanh.documents.interfaces.kept_papers import store
from vinhdanh.documents.models import IssuedDocument

log = logging.getLogger(__name__)


def keep_issued(decision: Decision) -> IssuedDocument | None:
    """Render and store the decision's .docx once; None when it cannot be made."""
    found = IssuedDocument.objects.filter(decision=decision).first()
    if found is not None:
        return found
    try:
        name, content = render_decision_file(decision)
    except DocumentError as error:
        log.warning("decision %s: no document kept: %s", decision.pk, error)
        return None
    document = store(IssuedDocument(decision=decision), name, content)
    assert isinstance(document, IssuedDocument)
    return document


def issued_file(decision: Decision) -> tuple[str, bytes] | None:
    """The stored file of an issued decision (kept now if it was not yet)."""
    if not decision.is_issued:
        return None
    document = keep_issued(decision)
    if document is None:
        return None
    with document.file.open("rb") as stream:
        return document.name, stream.read()


def decision_file(decision: Decision) -> tuple[str, bytes]:
    """An issued decision: the file kept when it was issued; otherwise (a draft) rendered now."""
    kept = issued_file(decision)
    if kept is not None:
        return kept
    return render_decision_file(decision)


def _on_decision_issued(sender: Any, decision: Decision, **kwargs: Any) -> None:
    if decision.awards.exists():
        try:
            keep_issued(decision)
        except Exception:  # never break the issuing that already committed
            log.exception("decision %s: keeping the issued document failed", decision.pk)


def connect() -> None:
    decision_issued.connect(_on_decision_issued, dispatch_uid="documents-keep-issued")
