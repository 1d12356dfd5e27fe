"""Background jobs: ask for one, run it (in the worker), report progress, retry it.

One task (`vinhdanh.common.tasks.run_job`) runs every kind; the work of each kind is a
handler named in HANDLERS, called with the job and a `Progress`. A handler returns the result
to keep (JSON) or raises; it may write the result itself inside its own transaction (see
`finish`), so that the work and "done" are committed together.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from vinhdanh.common import context
from vinhdanh.common.models import BackgroundJob, JobKind, JobStatus

logger = logging.getLogger(__name__)

HANDLERS: dict[str, str] = {
    JobKind.IMPORT_CHECK: "vinhdanh.web.jobs.check_import",
    JobKind.IMPORT_WRITE: "vinhdanh.web.jobs.write_import",
    JobKind.CANDIDATES_XLSX: "vinhdanh.web.jobs.candidates_xlsx",
    JobKind.CERTIFICATES_PDF: "vinhdanh.web.jobs.certificates_pdf",
    JobKind.CERTIFICATES_KEEP: "vinhdanh.documents.interfaces.issued_certificates.keep_job",
}
# Progress is written at most this often (seconds): a sign of life, not a load on the database.
HEARTBEAT = 1.0


class Superseded(Exception):
    """The job was started again (or cancelled) while this attempt was running."""


def job_dir(job: BackgroundJob) -> Path:
    """Where a job keeps its input and its files (under MEDIA_ROOT: never in the web root)."""
    return Path(settings.MEDIA_ROOT) / "jobs" / str(job.pk)


def job_context(request: Any) -> dict[str, Any]:
    """What a job keeps of the request that asked for it: its id (the audit ties the job's
    changes to it) and the language of the page (the result is written in it)."""
    ctx = context.current()
    return {
        "request_id": ctx.request_id if ctx is not None else None,
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
    }


def start_job(
    *, owner: Any, kind: str, title: str, params: dict[str, Any] | None = None
) -> BackgroundJob:
    job = BackgroundJob.objects.create(
        owner=owner, kind=kind, title=title[:300], params=params or {}
    )
    _enqueue(job)
    return job


def active_job(*, owner: Any, kind: str, params: dict[str, Any]) -> BackgroundJob | None:
    """The same work already asked for by the same user and not finished (a second click)."""
    for job in BackgroundJob.objects.filter(
        owner=owner, kind=kind, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
    )[:20]:
        if all(job.param(k) == v for k, v in params.items()) and not job.stuck:
            return job
    return None


def retry_job(job: BackgroundJob) -> BackgroundJob:
    """Start a failed or stuck job again from the beginning; an older attempt still running
    somewhere stops at its next progress report and writes nothing."""
    if not job.may_retry:
        raise ValueError("only a failed or stuck job is started again")
    BackgroundJob.objects.filter(pk=job.pk).update(
        attempt=job.attempt + 1,
        status=JobStatus.QUEUED,
        stage="",
        done=0,
        total=0,
        message="",
        result={},
        started_at=None,
        finished_at=None,
        updated_at=timezone.now(),
    )
    job.refresh_from_db()
    _enqueue(job)
    return job


def cancel_job(job: BackgroundJob) -> None:
    BackgroundJob.objects.filter(pk=job.pk).exclude(status=JobStatus.DONE).update(
        status=JobStatus.CANCELLED, attempt=job.attempt + 1, finished_at=timezone.now()
    )
    job.refresh_from_db()


def _enqueue(job: BackgroundJob) -> None:
    from vinhdanh.common.tasks import run_job

    pk, attempt = job.pk, job.attempt

    def send() -> None:
        result = run_job.enqueue(pk, attempt)
        BackgroundJob.objects.filter(pk=pk, attempt=attempt).update(task_id=str(result.id)[:64])

    # The worker must find the job row when it picks the task up.
    transaction.on_commit(send)


class Progress:
    """What the handler reports; each report is also a check that this attempt still counts."""

    def __init__(self, job: BackgroundJob) -> None:
        self.job = job
        self._last = 0.0

    def __call__(self, stage: str, done: int = 0, total: int = 0, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and stage == self.job.stage and now - self._last < HEARTBEAT:
            return
        self._last = now
        self.job.stage, self.job.done, self.job.total = stage, done, total
        changed = BackgroundJob.objects.filter(
            pk=self.job.pk, attempt=self.job.attempt, status=JobStatus.RUNNING
        ).update(stage=stage, done=done, total=total, updated_at=timezone.now())
        if not changed:
            raise Superseded

    def finish(self, result: dict[str, Any], *, file_name: str = "") -> None:
        """Mark the job done; inside the handler's transaction, this commits with the work
        (or is rolled back with it). Raises Superseded when another attempt took over."""
        fields: dict[str, Any] = {
            "status": JobStatus.DONE,
            "result": result,
            "finished_at": timezone.now(),
            "updated_at": timezone.now(),
        }
        if file_name:
            fields["result_file"] = file_name
        # The UPDATE locks the row: a retry waits until this attempt commits or rolls back.
        changed = BackgroundJob.objects.filter(
            pk=self.job.pk, attempt=self.job.attempt, status=JobStatus.RUNNING
        ).update(**fields)
        if not changed:
            raise Superseded
        self.job.status = JobStatus.DONE


def run(job_id: int, attempt: int) -> str:
    """The worker's side: claim the attempt, run the handler, record the outcome."""
    claimed = BackgroundJob.objects.filter(
        pk=job_id, attempt=attempt, status=JobStatus.QUEUED
    ).update(status=JobStatus.RUNNING, started_at=timezone.now(), updated_at=timezone.now())
    if not claimed:
        return "superseded"
    job = BackgroundJob.objects.select_related("owner").get(pk=job_id)
    progress = Progress(job)
    handler: Callable[[BackgroundJob, Progress], dict[str, Any] | None]
    handler = import_string(HANDLERS[job.kind])
    try:
        with (
            translation.override(job.param("lang") or settings.LANGUAGE_CODE),
            context.acting(job.owner, source=f"job:{job.kind}", request_id=job.param("request_id")),
        ):
            result = handler(job, progress)
        if job.status != JobStatus.DONE:
            progress.finish(result or {})
    except Superseded:
        return "superseded"
    except Exception as exc:
        logger.exception("background job %s (%s) failed", job.pk, job.kind)
        BackgroundJob.objects.filter(pk=job.pk, attempt=attempt).update(
            status=JobStatus.FAILED,
            # For the administrator (the page says it in the reader's language, without details).
            message=f"{type(exc).__module__}.{type(exc).__qualname__}",
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        return "failed"
    return "done"


def prune_jobs(*, keep_days: int, now: Any = None) -> int:
    """Forget finished jobs older than `keep_days`, with their files (an uploaded import file,
    a list of people): personal data is kept no longer than the work needs it. Unfinished
    jobs stay (a stuck one may still be retried)."""
    now = now or timezone.now()
    limit = now - dt.timedelta(days=keep_days)
    old = BackgroundJob.objects.filter(
        created_at__lt=limit,
        status__in=(JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED),
    )
    count = 0
    for job in old.iterator():
        shutil.rmtree(job_dir(job), ignore_errors=True)
        job.delete()
        count += 1
    return count


def own_jobs(user: Any) -> QuerySet[BackgroundJob]:
    """The jobs a user asked for: nobody else's job exists for them."""
    return BackgroundJob.objects.filter(owner_id=user.pk)
