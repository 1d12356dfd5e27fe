"""What the worker does for the web: check and write a large import, build a province's
candidate lists. Each handler re-reads the asker's rights when it runs (a role withdrawn in the
meantime stops the work) and calls the same code as the pages (`run_import`, `candidate_list`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.common.domain.jobs import Progress
from vinhdanh.common.importing import ImportResult, run_import
from vinhdanh.common.xlsx import workbook_bytes
from vinhdanh.documents.domain.access import may_print_on_blanks
from vinhdanh.documents.domain.blanks import layouts_for
from vinhdanh.documents.domain.certificates import printable_awards
from vinhdanh.documents.interfaces import certificates
from vinhdanh.documents.interfaces.issued_certificates import keep_certificates, kept_papers
from vinhdanh.eligibility.domain.queries.candidates import candidate_list
from vinhdanh.eligibility.rules import may_list_candidates
from vinhdanh.nominations.domain.quotas import candidate_list_quotas
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.orgs.interfaces.scope import import_scope
from vinhdanh.web.views.eligibility import candidate_table, candidates_filename, quota_sheet

if TYPE_CHECKING:
    from vinhdanh.common.models import BackgroundJob

SOURCE = re.compile(r"^jobs/\d+/input\.(xlsx|csv)$")
MAX_PROBLEMS_KEPT = 1000


def import_source(job: BackgroundJob) -> Path | None:
    """The uploaded file an import job works on (None once it is gone)."""
    name = str(job.param("source", ""))
    if not SOURCE.match(name):
        return None
    path = Path(settings.MEDIA_ROOT) / name
    return path if path.is_file() else None


def result_json(result: ImportResult) -> dict[str, Any]:
    return {
        "ok": result.ok,
        "written": result.written,
        "rows": result.rows,
        "problem_count": len(result.problems),
        "problems": [[p.row, p.column, p.message] for p in result.problems[:MAX_PROBLEMS_KEPT]],
        "counts": [[label, n] for label, n in result.count_lines()],
        "preview_headers": result.preview_headers,
        "preview": result.preview,
    }


def _run(job: BackgroundJob, progress: Progress, *, dry_run: bool) -> dict[str, Any]:
    source = import_source(job)
    if source is None:
        return {
            "ok": False,
            "problem_count": 1,
            "problems": [[0, "", _("the uploaded file is no longer kept: upload it again")]],
        }
    scope = import_scope(job.owner)
    if scope.is_empty:
        raise PermissionDenied

    def written(result: ImportResult) -> None:
        progress.finish(result_json(result))

    result = run_import(
        kind=str(job.param("kind")),
        source=source,
        dry_run=dry_run,
        user=job.owner,
        audit_source="web:import",
        scope=scope,
        filename=str(job.param("name", "")),
        progress=progress,
        on_written=None if dry_run else written,
    )
    if not result.ok or not dry_run:
        source.unlink(missing_ok=True)  # nothing more to do with it
    return result_json(result)


def check_import(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    return _run(job, progress, dry_run=True)


def write_import(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    return _run(job, progress, dry_run=False)


def candidates_xlsx(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    unit = visible_units(job.owner).filter(pk=job.param("unit")).first()
    if unit is None or not may_list_candidates(job.owner, unit):
        raise PermissionDenied
    year = int(job.param("year"))
    progress("evaluate", force=True)
    day = job.params.get("decision_date")
    lst = candidate_list(
        unit=unit,
        period=year,
        scope=unit_scope(job.owner),
        decision_date=dt.date.fromisoformat(day) if day else None,
    )

    def writing(done: int, total: int) -> None:
        progress("list", done, total)

    headers, table = candidate_table(lst, writing)
    progress("file", force=True)
    quotas = candidate_list_quotas(lst)
    data = workbook_bytes(
        headers,
        table,
        title=_("Candidates %(year)s") % {"year": year},
        more=[quota_sheet(quotas)] if quotas else [],
    )
    name = default_storage.save(
        f"jobs/{job.pk}/{candidates_filename(unit, year)}", ContentFile(data)
    )
    progress.finish({"rows": len(table), "filename": Path(name).name}, file_name=name)
    return {}


def certificates_pdf(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    """A decision's certificates in one PDF (the same code as the page), kept for download."""
    decision = visible_decisions(job.owner).filter(pk=job.param("decision")).first()
    if decision is None:
        raise PermissionDenied
    progress("gather", force=True)
    awards = printable_awards(decision, job.owner)
    on_blanks = bool(job.param("blank"))
    if on_blanks and not may_print_on_blanks(job.owner, decision):
        raise PermissionDenied
    # An issued decision's text as issued (kept here if it was not yet: this is the worker).
    kept = keep_certificates(decision, quiet=False) if decision.is_issued else None
    if kept is not None:
        papers = kept_papers(kept, [a.pk for a in awards])
    else:
        papers = certificates.decision_certificates(decision, awards)
    progress("render", 0, len(papers), force=True)
    layouts = layouts_for(decision.issuing_unit) if on_blanks else None
    data = certificates.render_certificates(papers, layouts=layouts)
    progress("file", len(papers), len(papers), force=True)
    file_name = certificates.certificates_file_name(decision, on_blanks=on_blanks)
    name = default_storage.save(f"jobs/{job.pk}/{file_name}", ContentFile(data))
    progress.finish({"rows": len(papers), "filename": Path(name).name}, file_name=name)
    return {}
