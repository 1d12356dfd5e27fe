"""Work that takes longer than a request: a row the page polls for progress and the result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.enums import JobKind, JobStatus


class BackgroundJob(models.Model):
    """One piece of background work asked for by one user.

    The worker runs `vinhdanh.common.tasks.run_job(job id, attempt)`; a retry raises `attempt`,
    so a worker still busy with an older attempt finds itself superseded and stops.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="background_jobs",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=JobKind.choices)
    title = models.CharField(_("title"), max_length=300)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=32, blank=True)
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/", blank=True)
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last sign of life"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)

    @property
    def stuck(self) -> bool:
        """Queued or running with no sign of life for a long time: the worker is not running,
        or it was stopped in the middle (nothing half-written stays: the import is one
        transaction)."""
        if self.finished:
            return False
        limit = dt.timedelta(seconds=int(settings.JOB_STUCK_AFTER_SECONDS))
        return timezone.now() - self.updated_at > limit

    @property
    def may_retry(self) -> bool:
        return self.status == JobStatus.FAILED or self.stuck

    @property
    def percent(self) -> int | None:
        """How far, when the stage counts its steps (None: a stage done in one go)."""
        if not self.total or not self.done:
            return None
        return min(100, int(self.done * 100 / self.total))

    def param(self, name: str, default: Any = None) -> Any:
        return (self.params or {}).get(name, default)
