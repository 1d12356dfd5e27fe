"""The committee's set-up and re-formation decisions as .docx, for whoever sees the programme."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from vinhdanh.programmes.domain.queries.programmes import committee_decisions, visible_programmes
from vinhdanh.programmes.interfaces.committee_docx import (
    committee_decision_filename,
    render_committee_decision,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_GET
def committee_decision_docx(
    request: HttpRequest, pk: int, committee_decision_pk: int
) -> HttpResponse:
    programme = get_object_or_404(visible_programmes(request.user), pk=pk)
    decision = get_object_or_404(committee_decisions(programme), pk=committee_decision_pk)
    response = HttpResponse(render_committee_decision(decision), content_type=DOCX)
    filename = committee_decision_filename(decision)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
