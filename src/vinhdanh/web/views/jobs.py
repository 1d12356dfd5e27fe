"""Background jobs as their owner sees them: progress (polled by HTMX, or a reload without
JavaScript), the result, the file to download, and "try again" for a failed or stuck job.

Only the user who asked sees a job: anyone else gets 404, as for something that does not exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from vinhdanh.awards.domain.queries.decisions import decision_by_pk, visible_decisions
from vinhdanh.common.domain.jobs import active_job, job_context, own_jobs, retry_job, start_job
from vinhdanh.common.enums import JobKind, JobStatus
from vinhdanh.common.importing import KINDS, importer_class
from vinhdanh.common.xlsx import XLSX_TYPE
from vinhdanh.eligibility.rules import may_list_candidates
from vinhdanh.orgs.domain.queries.units import unit_name, visible_units
from vinhdanh.orgs.interfaces.scope import import_scope
from vinhdanh.web.jobs import import_source

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vinhdanh.common.models import BackgroundJob

STAGES = {
    "read": gettext_lazy("Reading the file"),
    "check": gettext_lazy("Checking every row"),
    "write": gettext_lazy("Writing to the database"),
    "evaluate": gettext_lazy("Checking everyone against the law"),
    "list": gettext_lazy("Listing the candidates"),
    "file": gettext_lazy("Writing the .xlsx file"),
    "gather": gettext_lazy("Gathering the recipients"),
    "render": gettext_lazy("Laying out the certificates"),
    "keep": gettext_lazy("Keeping the certificates as issued"),
}


def job_title(job: BackgroundJob) -> str:
    """The job's name in the reader's language (the stored title is the asker's)."""
    if job.kind in (JobKind.IMPORT_CHECK, JobKind.IMPORT_WRITE) and job.param("kind") in KINDS:
        return f"{importer_class(job.param('kind')).title}: {job.param('name', '')}"
    if job.kind == JobKind.CERTIFICATES_PDF:
        decision = decision_by_pk(job.param("decision"))
        if decision is not None:
            return _("Certificates of decision %(number)s") % {"number": decision.number_label}
    if job.kind == JobKind.CERTIFICATES_KEEP:
        decision = decision_by_pk(job.param("decision"))
        if decision is not None:
            return _("Keep the certificates of decision %(number)s") % {
                "number": decision.number_label
            }
    if job.kind == JobKind.CANDIDATES_XLSX:
        name = unit_name(job.param("unit"))
        if name is not None:
            return _("Candidate lists %(year)s — %(unit)s") % {
                "year": job.param("year"),
                "unit": name,
            }
    return job.title


def _mine(request: HttpRequest) -> QuerySet[BackgroundJob]:
    return own_jobs(request.user)


def _own(request: HttpRequest, pk: int) -> BackgroundJob:
    return get_object_or_404(_mine(request), pk=pk)


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = [(job, job_title(job)) for job in _mine(request)[:50]]
    return render(request, "web/jobs/list.html", {"jobs": jobs})


@login_required
@require_GET
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own(request, pk)
    context = _context(job)
    if getattr(request, "htmx", False):
        return render(request, "web/jobs/_job.html", context)
    return render(request, "web/jobs/job.html", context)


def _context(job: BackgroundJob) -> dict[str, Any]:
    result = job.result or {}
    import_kinds = (JobKind.IMPORT_CHECK, JobKind.IMPORT_WRITE)
    return {
        "job": job,
        "title": job_title(job),
        "stage": STAGES.get(job.stage, ""),
        "result": result,
        "is_import": job.kind in import_kinds,
        "is_certificates": job.kind == JobKind.CERTIFICATES_PDF,
        "is_keep": job.kind == JobKind.CERTIFICATES_KEEP,
        "may_confirm": (
            job.kind == JobKind.IMPORT_CHECK
            and job.status == JobStatus.DONE
            and result.get("ok")
            and import_source(job) is not None
        ),
        "hidden_problems": max(0, result.get("problem_count", 0) - len(result.get("problems", []))),
    }


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own(request, pk)
    if job.may_retry:
        retry_job(job)
        messages.info(request, _("The work was started again."))
    return HttpResponseRedirect(reverse("web:job", args=[job.pk]))


@login_required
@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """After a background check found no problem: import the same file (or drop it)."""
    job = _own(request, pk)
    source = import_source(job)
    if job.kind != JobKind.IMPORT_CHECK or job.status != JobStatus.DONE or source is None:
        raise Http404
    if request.POST.get("cancel"):
        source.unlink(missing_ok=True)
        messages.info(request, _("The import was cancelled; nothing was written."))
        return HttpResponseRedirect(reverse("web:imports"))
    if not (job.result or {}).get("ok") or import_scope(request.user).is_empty:
        raise Http404
    # A second click (or a second tab) follows the import already under way.
    running = active_job(
        owner=request.user, kind=JobKind.IMPORT_WRITE, params={"source": job.param("source")}
    )
    if running is not None:
        return HttpResponseRedirect(reverse("web:job", args=[running.pk]))
    with transaction.atomic():
        write = start_job(
            owner=request.user,
            kind=JobKind.IMPORT_WRITE,
            title=job.title,
            params={**job.params, **job_context(request)},
        )
    return HttpResponseRedirect(reverse("web:job", args=[write.pk]))


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = _own(request, pk)
    if job.status != JobStatus.DONE or not job.result_file:
        raise Http404
    if job.kind == JobKind.CANDIDATES_XLSX:
        # The file lists people: the asker must still hold the right to list them.
        unit = visible_units(request.user).filter(pk=job.param("unit")).first()
        if unit is None or not may_list_candidates(request.user, unit):
            raise Http404
    content_type = XLSX_TYPE
    if job.kind == JobKind.CERTIFICATES_PDF:
        # The file names people: the asker must still see the decision.
        if not visible_decisions(request.user).filter(pk=job.param("decision")).exists():
            raise Http404
        content_type = "application/pdf"
    name = job.result_file.name or ""
    if not name.startswith(f"jobs/{job.pk}/") or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=Path(name).name,
        content_type=content_type,
    )
