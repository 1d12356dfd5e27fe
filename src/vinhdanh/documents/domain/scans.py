"""The signed scan of an issued decision: the paper as signed and stamped, kept beside the
decision (which itself stays exactly as issued).

Only a real PDF is taken (the content is read, and a PDF reader must open it), within a size
limit, stored once under a random name outside the web root. Replacing a scan adds a new row
pointing at the one it replaces, with a reason; both steps are in the audit log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from vinhdanh.awards.models import Decision
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.files import UploadError, check_pdf
from vinhdanh.common.text import normalize
from vinhdanh.documents.domain.queries.scans import current_scan
from vinhdanh.documents.models import SignedScan

DEFAULT_SCAN_MAX_BYTES = 25 * 1024 * 1024


class ScanError(ValueError):
    """The scan cannot be recorded as asked; the message says why."""


def scan_max_bytes() -> int:
    return int(getattr(settings, "VINHDANH_SCAN_MAX_BYTES", DEFAULT_SCAN_MAX_BYTES))


def may_record_scan(user: Any, decision: Decision) -> bool:
    """An issued decision of Vinh Danh's own register, and a keeper of that register."""
    return (
        decision.is_issued
        and not decision.imported
        and decision.issuing_unit is not None
        and bool(user.has_perm("awards.keep_register", decision.issuing_unit))
    )


@transaction.atomic
def record_signed_scan(
    *, decision: Decision, upload: UploadedFile[Any], actor: Any, reason: str = ""
) -> SignedScan:
    """Attach the signed scan to an issued decision, or replace the current one (with why)."""
    if not decision.is_issued or decision.imported or decision.issuing_unit is None:
        raise ScanError(_("A signed scan can be attached only to a decision issued in Vinh Danh."))
    if not actor.has_perm("awards.keep_register", decision.issuing_unit):
        raise PermissionDenied
    try:
        checked, pages = check_pdf(upload, limit=scan_max_bytes())
    except UploadError as error:
        raise ScanError(str(error)) from error
    # One replacement at a time per decision: lock its row (never changed: it is issued).
    Decision.objects.select_for_update().filter(pk=decision.pk).first()
    current = current_scan(decision)
    reason = normalize(reason)
    if current is not None and current.sha256 == checked.sha256:
        raise ScanError(_("This file is already the decision's signed scan."))
    if current is not None and not reason:
        raise ScanError(_("Say why the signed scan is replaced: the earlier one is kept."))
    with acting_as(actor):
        scan = SignedScan(
            decision=decision,
            original_name=checked.original_name,
            sha256=checked.sha256,
            size=checked.size,
            pages=pages,
            replaces=current,
            reason=reason[:500],
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        scan.file.save(checked.original_name, upload, save=False)
        scan.save()
        record_action(
            decision,
            "signed scan replaced" if current is not None else "signed scan attached",
            scan=scan.pk,
            file=scan.original_name,
            sha256=scan.sha256,
            pages=pages,
            replaces=current.pk if current is not None else None,
            reason=reason,
        )
    return scan
