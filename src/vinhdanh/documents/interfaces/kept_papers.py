"""Numbered papers kept exactly as issued: the submission, public notice and council minutes.

When the register numbers one of them (`awards.domain.register`), the `outgoing_registered`
signal fires after the step commits and the paper's .docx is rendered once and stored
(`KeptPaper`, pointing at the register entry). Every later download serves those bytes, so a
change of names, units or the office's settings never reaches what was sent up or posted.
Previews before numbering stay live. The minutes are rendered by the councils app (it ranks
above documents) through `keep_paper`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from vinhdanh.awards.enums import OutgoingKind
from vinhdanh.awards.models import OutgoingDocument
from vinhdanh.awards.signals import outgoing_registered
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces import files, papers
from vinhdanh.documents.models import KeptAsIssued, KeptPaper
from vinhdanh.nominations.models import PublicNotice, Round

log = logging.getLogger(__name__)

Make = Callable[[], tuple[str, bytes]]


def store(document: KeptAsIssued, name: str, content: bytes) -> KeptAsIssued:
    """Save `content` as the file of a new kept document (never replaced afterwards)."""
    document.name = name
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.size = len(content)
    document.file.save(name, ContentFile(content), save=False)
    with transaction.atomic():
        document.save()
    return document


def keep_paper(
    entry: OutgoingDocument, make: Make, signer: tuple[str, str] | None = None
) -> KeptPaper | None:
    """Render and store the entry's paper once, with who signs it (`signer`: name and title,
    else the submission's or notice's own signer); None when it cannot be made."""
    found = KeptPaper.objects.filter(entry=entry).first()
    if found is not None:
        return found
    try:
        name, content = make()
        signer_name, signer_title = signer if signer is not None else _signer(entry)
    except DocumentError as error:
        log.warning("register entry %s: no paper kept: %s", entry.pk, error)
        return None
    paper = KeptPaper(entry=entry, signer_name=signer_name, signer_title=signer_title)
    kept = store(paper, name, content)
    assert isinstance(kept, KeptPaper)
    return kept


def kept_file(entry: OutgoingDocument, make: Make) -> tuple[str, bytes]:
    """The stored paper of a numbered entry (kept now if it was numbered before papers were
    kept); when it cannot be made, the `DocumentError` says why."""
    kept = keep_paper(entry, make)
    if kept is None:
        return make()  # raises the reason for the clerk
    with kept.file.open("rb") as stream:
        return kept.name, stream.read()


def _maker(entry: OutgoingDocument) -> Make | None:
    if entry.kind == OutgoingKind.SUBMISSION and entry.round is not None:
        round_ = entry.round
        return lambda: files.submission_file(round_, entry)
    if entry.kind == OutgoingKind.NOTICE and entry.notice is not None:
        notice = entry.notice
        return lambda: files.notice_file(notice.round, notice)
    return None  # the minutes: the councils app keeps them


def _signer(entry: OutgoingDocument) -> tuple[str, str]:
    """The name and title of who signs a numbered submission or notice, as its paper prints."""
    if entry.kind == OutgoingKind.SUBMISSION and entry.round is not None:
        with translation.override("vi"):
            submission = papers.submission_paper(entry.round, entry=entry)
        return submission.signature.name, submission.signer_title
    if entry.kind == OutgoingKind.NOTICE and entry.notice is not None:
        with translation.override("vi"):
            notice = papers.notice_paper(entry.notice.round, entry.notice)
        return notice.signature.name, notice.signature.title
    return "", ""


def submission_download(entry: OutgoingDocument) -> tuple[str, bytes]:
    make = _maker(entry)
    assert make is not None
    return kept_file(entry, make)


def notice_download(round_: Round, notice: PublicNotice | None = None) -> tuple[str, bytes]:
    """A posted notice (by default the round's latest) as it was numbered; a notice numbered
    by no register, or a round with none posted yet, is rendered live (the preview)."""
    notice = notice or round_.notices.order_by("-starts_on", "-id").first()
    entry = OutgoingDocument.objects.filter(notice=notice).first() if notice else None
    if entry is None:
        return files.notice_file(round_, notice)
    make = _maker(entry)
    assert make is not None
    return kept_file(entry, make)


def _on_registered(sender: Any, entry: OutgoingDocument, **kwargs: Any) -> None:
    make = _maker(entry)
    if make is None:
        return
    try:
        keep_paper(entry, make)
    except Exception:  # never break the step that already committed
        log.exception("register entry %s: keeping the paper failed", entry.pk)


def connect() -> None:
    outgoing_registered.connect(_on_registered, dispatch_uid="documents-keep-papers")
