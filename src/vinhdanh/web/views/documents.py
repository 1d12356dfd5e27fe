"""Document downloads (.docx in the Decree 30/2020 format) where the clerk needs them.

Thin: the object is looked up through the same visibility as its page; the document comes
from `vinhdanh.documents`. A document that cannot be made sends the reader back to the page
with the reason, in Vietnamese; nothing is generated.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.documents.domain.access import may_read_decision_paper
from vinhdanh.documents.domain.settings import (
    may_edit_settings,
    office_for,
    save_settings,
    settings_to_edit,
)
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces import files, issued, kept_papers
from vinhdanh.documents.interfaces.forms import OfficeSettingsForm
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.web.workflow.common import nomination_or_404, round_or_404


def _download(
    request: HttpRequest, make: Callable[[], tuple[str, bytes]], back: str
) -> HttpResponse:
    try:
        name, content = make()
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect(back)
    response = HttpResponse(content, content_type=files.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(visible_decisions(request.user), pk=pk)
    if not may_read_decision_paper(request.user, decision):
        # it lists recipients outside the reader's units: for them the paper does not exist
        raise Http404
    return _download(
        request, lambda: issued.decision_file(decision), reverse("web:decision", args=[pk])
    )


@login_required
@require_GET
def nomination_report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_or_404(request, pk)
    return _download(
        request,
        lambda: files.report_file(nomination),
        reverse("web:workflow_nomination", args=[pk]),
    )


def _round_document(
    request: HttpRequest, pk: int, make: Callable[..., tuple[str, bytes]]
) -> HttpResponse:
    round_ = round_or_404(request, pk)
    return _download(request, lambda: make(round_), reverse("web:workflow_round", args=[pk]))


@login_required
@require_GET
def round_submission_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's submission preview, or one it sent up (?submission=id), numbered."""
    raw = request.GET.get("submission", "")
    if not raw:
        return _round_document(request, pk, files.submission_file)
    round_ = round_or_404(request, pk)
    if not raw.isdigit():
        raise Http404
    entry = get_object_or_404(round_.submissions.all(), pk=int(raw))
    return _download(
        request,
        lambda: kept_papers.submission_download(entry),
        reverse("web:workflow_round", args=[pk]),
    )


@login_required
@require_GET
def round_notice_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's notice list (its latest notice, or a preview), or one notice it posted
    (?notice=id) exactly as it was numbered."""
    raw = request.GET.get("notice", "")
    if not raw:
        return _round_document(request, pk, kept_papers.notice_download)
    round_ = round_or_404(request, pk)
    if not raw.isdigit():
        raise Http404
    notice = get_object_or_404(round_.notices.all(), pk=int(raw))
    return _download(
        request,
        lambda: kept_papers.notice_download(round_, notice),
        reverse("web:workflow_round", args=[pk]),
    )


@login_required
@require_GET
def round_draft_decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_document(request, pk, files.draft_decision_file)


@login_required
@require_http_methods(["GET", "POST"])
def unit_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's document settings: what its documents print (office and administrators)."""
    unit = get_object_or_404(visible_units(request.user), pk=pk)
    if not may_edit_settings(request.user, unit):
        raise PermissionDenied
    instance = settings_to_edit(unit)
    defaults = office_for(unit)
    form = OfficeSettingsForm(request.POST or None, instance=instance, defaults=defaults)
    if request.method == "POST" and form.is_valid():
        save_settings(form.save(commit=False), actor=request.user)
        messages.success(request, _("The document settings were saved."))
        return redirect("web:document_settings", pk=unit.pk)
    return render(
        request,
        "web/documents/settings.html",
        {"unit": unit, "form": form, "bases": defaults.bases(timezone.localdate())},
    )
