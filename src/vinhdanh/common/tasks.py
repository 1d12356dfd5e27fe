"""The one background task: run a `BackgroundJob` (see `vinhdanh.common.domain.jobs`)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int, attempt: int) -> str:
    from vinhdanh.common.domain.jobs import run

    return run(job_id, attempt)
