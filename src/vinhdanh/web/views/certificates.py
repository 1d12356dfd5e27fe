"""Certificates (PDF): a whole decision, one award, and the office's pre-printed blanks.

Thin: what the reader may print comes from `documents.domain.certificates` (only the awards
whose subject they see, of decisions they see); the PDF from `documents.interfaces`. A large
batch is made by the worker with progress, and the file is kept for download. An issued
decision's certificates come from the file kept when it was issued
(`documents.interfaces.issued_certificates`): the whole file, or the reader's pages cut from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vinhdanh.awards.domain.queries.decisions import awards_in_visible_decisions, visible_decisions
from vinhdanh.common.domain.jobs import active_job, job_context, start_job
from vinhdanh.common.enums import JobKind
from vinhdanh.documents.domain.access import may_print_on_blanks
from vinhdanh.documents.domain.blanks import (
    BlankLayout,
    blank_for,
    blank_or_new,
    layouts_for,
    save_blank,
    scan_of,
    unit_blanks,
)
from vinhdanh.documents.domain.certificates import (
    certificate_kinds,
    in_background,
    printable_awards,
    readable_certificates,
)
from vinhdanh.documents.domain.settings import may_edit_settings
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces import certificates
from vinhdanh.documents.interfaces.blank_forms import BlankForm
from vinhdanh.documents.interfaces.issued_certificates import (
    ensure_kept,
    kept_bytes,
    kept_pages,
    kept_papers,
)
from vinhdanh.orgs.domain.queries.units import visible_units

if TYPE_CHECKING:
    from vinhdanh.awards.models import Decision
    from vinhdanh.documents.models import IssuedCertificates
    from vinhdanh.orgs.models import Unit


def _pdf(name: str, content: bytes, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=certificates.PDF)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def _kept(request: HttpRequest, decision: Decision) -> IssuedCertificates | None:
    """The issued decision's kept certificates; None (with a message saying why) while they
    are being prepared. Raises DocumentError when they cannot be made."""
    state = ensure_kept(decision, request.user, quiet=False)
    if state.kept is None:
        messages.info(
            request,
            _(
                "The certificates of this decision are being prepared exactly as issued; "
                "they can be downloaded from this page as soon as they are ready."
            ),
        )
    return state.kept


def _on_blanks(request: HttpRequest) -> bool:
    return request.GET.get("blank") == "1" or request.POST.get("blank") == "1"


@login_required
@require_http_methods(["GET", "POST"])
def decision_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    """Every certificate of the decision the reader may print, in one PDF (a preview while
    the decision is a draft); `?blank=1` prints only the text on the office's blanks."""
    decision = get_object_or_404(visible_decisions(request.user), pk=pk)
    if decision.kind != "award":
        raise Http404
    back = reverse("web:decision", args=[pk])
    blank = _on_blanks(request)
    if blank and not may_print_on_blanks(request.user, decision):
        raise PermissionDenied
    readable = readable_certificates(decision, request.user)
    awards = readable.awards
    kept = None
    if decision.is_issued:
        # What was issued is served as issued: pages cut from the kept file, never re-rendered.
        if not blank and request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        try:
            kept = _kept(request, decision)
            if kept is None:
                return redirect(back)
            if not blank:
                content = (
                    kept_bytes(kept) if readable.whole else kept_pages(kept, [a.pk for a in awards])
                )
                return _pdf(kept.name, content)
        except DocumentError as error:
            messages.error(request, str(error))
            return redirect(back)
    if in_background(len(awards)):
        if request.method != "POST":
            return render(
                request,
                "web/documents/certificates_start.html",
                {"decision": decision, "count": len(awards), "blank": blank},
            )
        params = {"decision": decision.pk, "blank": blank}
        job = active_job(owner=request.user, kind=JobKind.CERTIFICATES_PDF, params=params)
        if job is None:
            job = start_job(
                owner=request.user,
                kind=JobKind.CERTIFICATES_PDF,
                title=str(
                    _("Certificates of decision %(number)s") % {"number": decision.number_label}
                ),
                params={**params, **job_context(request)},
            )
        return HttpResponseRedirect(reverse("web:job", args=[job.pk]))
    if request.method != "GET":
        # only a large batch is started by a POST; a small one is a plain download
        return HttpResponseNotAllowed(["GET"])
    try:
        if kept is not None:  # on the blanks: the text as issued, at today's positions
            papers = kept_papers(kept, [a.pk for a in awards])
        else:
            papers = certificates.decision_certificates(decision, awards)
        layouts = layouts_for(decision.issuing_unit) if blank else None
        content = certificates.render_certificates(papers, layouts=layouts)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect(back)
    return _pdf(certificates.certificates_file_name(decision, on_blanks=blank), content)


@login_required
@require_GET
def award_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """One recipient's certificate (from the person's, the unit's or the decision's page)."""
    award = get_object_or_404(awards_in_visible_decisions(request.user), pk=pk)
    if award not in printable_awards(award.decision, request.user):
        raise Http404
    blank = _on_blanks(request)
    if blank and not may_print_on_blanks(request.user, award.decision):
        raise PermissionDenied
    layouts = layouts_for(award.decision.issuing_unit) if blank else None
    try:
        if award.decision.is_issued:
            kept = _kept(request, award.decision)
            if kept is None:
                return redirect("web:decision", pk=award.decision_id)
            if layouts is None:
                content = kept_pages(kept, [award.pk])
            else:
                papers = kept_papers(kept, [award.pk])
                content = certificates.render_certificates(papers, layouts=layouts)
        else:
            paper = certificates.award_certificate(award)
            content = certificates.render_certificates([paper], layouts=layouts)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect("web:decision", pk=award.decision_id)
    return _pdf(
        certificates.certificates_file_name(award.decision, award, on_blanks=blank), content
    )


def _editable_unit(request: HttpRequest, pk: int) -> Unit:
    unit = get_object_or_404(visible_units(request.user), pk=pk)
    if not may_edit_settings(request.user, unit):
        raise PermissionDenied
    return unit


@login_required
@require_GET
def blank_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's pre-printed blanks, one per certificate kind of the catalogue."""
    unit = _editable_unit(request, pk)
    kept = unit_blanks(unit)
    kinds = [(kind, kept.get(kind.pk)) for kind in certificate_kinds()]
    return render(request, "web/documents/blanks.html", {"unit": unit, "kinds": kinds})


@login_required
@require_http_methods(["GET", "POST"])
def blank_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    unit = _editable_unit(request, pk)
    kind = get_object_or_404(certificate_kinds(), code=code)
    blank = blank_or_new(unit, kind)
    layout = BlankLayout.from_json(blank.positions)
    form = BlankForm(request.POST or None, request.FILES or None, layout=layout)
    if request.method == "POST" and form.is_valid():
        blank.positions = form.layout().as_json()
        upload = form.cleaned_data.get("scan")
        if upload:
            blank.scan_name = (upload.name or "")[:255]
            blank.scan.save(upload.name or "scan", upload, save=False)
        save_blank(blank, actor=request.user)
        messages.success(request, _("The positions on the blank were saved."))
        return redirect("web:certificate_blank", pk=unit.pk, code=kind.code)
    return render(
        request,
        "web/documents/blank.html",
        {"unit": unit, "kind": kind, "blank": blank, "form": form, "rows": form.bound_rows()},
    )


@login_required
@require_GET
def blank_preview(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """An example certificate on the blank: over its scan, or (`?text=1`) the text alone, as
    it will be printed."""
    unit = _editable_unit(request, pk)
    kind = get_object_or_404(certificate_kinds(), code=code)
    blank = blank_for(unit, kind)
    layout = BlankLayout.from_json(blank.positions if blank else None)
    scans = {}
    if blank is not None and request.GET.get("text") != "1":
        scan = scan_of(blank)
        if scan is not None:
            scans[kind.code] = scan
    content = certificates.render_certificates(
        [certificates.sample_certificate(unit, kind)], layouts={kind.code: layout}, scans=scans
    )
    return _pdf(f"phoi-{kind.code.lower()}.pdf", content, inline=True)
