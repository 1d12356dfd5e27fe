"""An issued decision's certificates, kept exactly as issued (issue 11, point 5).

When a decision is issued its certificates are rendered once — the whole decision, one page per
recipient — and stored (`IssuedCertificates`) with, for each page, the award and the text
printed on it. From then on every download of that decision's certificates, the whole file or
one recipient's page, comes from the stored file (pages cut with pypdf), never re-rendered; the
pre-printed-blank mode prints the stored text at the office's current positions. Drafts are
rendered live ("DỰ THẢO").

When: right after the issuing transaction commits (`decision_issued`), in the same request for
a decision of up to `in_background` certificates (a few seconds at most, as for the .docx);
above that, as background work (`JobKind.CERTIFICATES_KEEP`) owned by whoever issued it, with
progress, while the decision page says the certificates are being prepared. A decision issued
before this existed is kept the first time its certificates are asked for, or by
`vinhdanh documents keep-certificates`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from vinhdanh.awards.enums import DecisionKind, DecisionStatus
from vinhdanh.awards.models import Decision
from vinhdanh.awards.signals import decision_issued
from vinhdanh.common.domain.jobs import Progress, start_job
from vinhdanh.common.models import BackgroundJob, JobKind, JobStatus
from vinhdanh.documents.domain.certificates import certificate_kinds, in_background
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces import certificates
from vinhdanh.documents.interfaces.certificates import Certificate
from vinhdanh.documents.models import IssuedCertificates

log = logging.getLogger(__name__)

Report = Callable[[str, int, int], None]


@dataclass(frozen=True)
class KeptCertificates:
    """Where an issued decision's certificates stand: kept, or being prepared by `job`."""

    kept: IssuedCertificates | None
    job: BackgroundJob | None = None

    @property
    def preparing(self) -> bool:
        return self.kept is None and self.job is not None


def _keeps(decision: Decision) -> bool:
    return decision.is_issued and decision.kind == "award"


def keep_certificates(
    decision: Decision, report: Report | None = None, *, quiet: bool = True
) -> IssuedCertificates | None:
    """Render and store the decision's certificates once; None when it gives none or they
    cannot be made (a missing signer, a name the font cannot print: logged, or raised as the
    `DocumentError` with its Vietnamese message unless `quiet`)."""
    found = IssuedCertificates.objects.filter(decision=decision).first()
    if found is not None or not _keeps(decision):
        return found
    say = report or (lambda _stage, _done, _total: None)
    say("gather", 0, 0)
    awards = certificates.issued_awards(decision)
    if not awards:
        return None
    try:
        with translation.override("vi"):  # the paper and its refusals are in Vietnamese
            papers = certificates.decision_certificates(decision, awards)
            say("render", 0, len(papers))
            content = certificates.render_certificates(papers)
    except DocumentError as error:
        if not quiet:
            raise
        log.warning("decision %s: no certificates kept: %s", decision.pk, error)
        return None
    say("keep", len(papers), len(papers))
    name = certificates.certificates_file_name(decision)
    kept = IssuedCertificates(
        decision=decision,
        name=name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        pages=[{"award": a.pk, "fields": p.as_json()} for a, p in zip(awards, papers, strict=True)],
    )
    kept.file.save(name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            kept.save()
    except IntegrityError:  # kept by another request meanwhile: that one stands
        kept.file.delete(save=False)
        return IssuedCertificates.objects.filter(decision=decision).first()
    return kept


def unkept_decisions(
    *, ids: Iterable[int] | None = None, since: dt.date | None = None
) -> QuerySet[Decision]:
    """Issued award decisions with certificates to give and none kept yet (the backfill)."""
    decisions = Decision.objects.filter(
        status=DecisionStatus.ISSUED,
        kind=DecisionKind.AWARD,
        issued_certificates__isnull=True,
        awards__kind__in=certificate_kinds(),
    )
    if ids is not None:
        decisions = decisions.filter(pk__in=list(ids))
    if since is not None:
        decisions = decisions.filter(signed_on__gte=since)
    return decisions.distinct().order_by("signed_on", "id")


def _keep_job(decision: Decision) -> BackgroundJob | None:
    for job in BackgroundJob.objects.filter(
        kind=JobKind.CERTIFICATES_KEEP, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
    ).order_by("-pk")[:50]:
        if job.param("decision") == decision.pk and not job.stuck:
            return job
    return None


def certificates_state(decision: Decision) -> KeptCertificates:
    kept = IssuedCertificates.objects.filter(decision=decision).first()
    return KeptCertificates(kept, None if kept is not None else _keep_job(decision))


def ensure_kept(decision: Decision, owner: Any, *, quiet: bool = True) -> KeptCertificates:
    """The kept certificates of an issued decision, made now if small, else started as
    background work owned by `owner` (nothing is started twice)."""
    state = certificates_state(decision)
    if state.kept is not None or state.job is not None or not _keeps(decision):
        return state
    count = len(certificates.issued_awards(decision))
    if in_background(count) and getattr(owner, "pk", None) is not None:
        job = start_job(
            owner=owner,
            kind=JobKind.CERTIFICATES_KEEP,
            title=str(_("Keep the certificates of decision %(number)s"))
            % {"number": decision.number_label},
            params={"decision": decision.pk, "lang": "vi"},
        )
        return KeptCertificates(None, job)
    return KeptCertificates(keep_certificates(decision, quiet=quiet))


def keep_job(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    """The worker's side of `ensure_kept`: the decision's certificates, kept as issued."""
    decision = Decision.objects.filter(pk=job.param("decision")).first()
    if decision is None:
        return {"rows": 0}

    def report(stage: str, done: int, total: int) -> None:
        progress(stage, done, total, force=True)

    kept = keep_certificates(decision, report)
    return {"rows": len(kept.pages) if kept is not None else 0}


# --- what is served -------------------------------------------------------------------------


def kept_bytes(kept: IssuedCertificates) -> bytes:
    with kept.file.open("rb") as stream:
        return bytes(stream.read())


def kept_pages(kept: IssuedCertificates, award_ids: Iterable[int]) -> bytes:
    """The pages of these awards, cut from the kept file in its order (a reader who sees
    only some recipients gets only theirs)."""
    wanted = set(award_ids)
    pages = [i for i, page in enumerate(kept.pages) if page.get("award") in wanted]
    if not pages:
        raise DocumentError(_("There is no certificate to print."))
    if len(pages) == len(kept.pages):
        return kept_bytes(kept)
    reader = PdfReader(io.BytesIO(kept_bytes(kept)))
    writer = PdfWriter()
    for index in pages:
        writer.add_page(reader.pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def kept_papers(kept: IssuedCertificates, award_ids: Iterable[int]) -> list[Certificate]:
    """The text printed on these awards' certificates when the decision was issued (for the
    pre-printed blanks), in the file's order."""
    wanted = set(award_ids)
    return [
        Certificate.from_json(page["fields"]) for page in kept.pages if page.get("award") in wanted
    ]


def _on_decision_issued(sender: Any, decision: Decision, actor: Any = None, **kwargs: Any) -> None:
    try:
        ensure_kept(decision, actor)
    except Exception:  # never break the issuing that already committed
        log.exception("decision %s: keeping the issued certificates failed", decision.pk)


def connect() -> None:
    decision_issued.connect(_on_decision_issued, dispatch_uid="documents-keep-certificates")
