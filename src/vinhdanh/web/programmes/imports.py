"""A programme's imports page: activities, or one period's reports, from a spreadsheet.

Thin: the programme is one the user sees; the imports run in the programmes domain (all or
nothing, problems by row) and the page shows the problems, or what was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from vinhdanh.common.importing import ImportResult
from vinhdanh.common.importing.forms import ImportUploadForm
from vinhdanh.common.importing.template import template_bytes
from vinhdanh.common.xlsx import XLSX_TYPE
from vinhdanh.programmes.domain.errors import ProgrammeError
from vinhdanh.programmes.domain.queries.programmes import visible_programmes
from vinhdanh.programmes.interfaces import importing as import_domain
from vinhdanh.programmes.interfaces.imports import ActivityImporter, report_importer

if TYPE_CHECKING:
    from vinhdanh.programmes.models import Programme

MAX_PROBLEMS_SHOWN = 200


class ReportUploadForm(ImportUploadForm):
    period = forms.ChoiceField(label=gettext_lazy("Period"))

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        started = [p for p in programme.periods() if p.start <= today]
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.code, p.label) for p in reversed(started)]


def _programme(request: HttpRequest, pk: int) -> Programme:
    programme = get_object_or_404(visible_programmes(request.user), pk=pk)
    if not import_domain.may_import(request.user, programme):
        raise PermissionDenied
    return programme


def _page(
    request: HttpRequest,
    programme: Programme,
    *,
    activity_form: ImportUploadForm | None = None,
    report_form: ReportUploadForm | None = None,
    result: ImportResult | None = None,
    status: int = 200,
) -> HttpResponse:
    problems = result.problems if result is not None else []
    return render(
        request,
        "web/programmes/imports.html",
        {
            "programme": programme,
            "activity_form": activity_form or ImportUploadForm(prefix="a"),
            "report_form": report_form or ReportUploadForm(programme=programme, prefix="r"),
            "activity_columns": ActivityImporter.columns,
            "kinds": programme.activity_kinds.all(),
            "problems": problems[:MAX_PROBLEMS_SHOWN],
            "hidden_problems": max(0, len(problems) - MAX_PROBLEMS_SHOWN),
        },
        status=status,
    )


@login_required
@require_GET
def imports_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _programme(request, pk))


@login_required
@require_GET
def activities_template(request: HttpRequest, pk: int) -> HttpResponse:
    _programme(request, pk)
    response = HttpResponse(template_bytes(ActivityImporter), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-hoat-dong.xlsx"'
    return response


@login_required
@require_GET
def reports_template(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    importer = report_importer(programme, "")
    response = HttpResponse(template_bytes(importer), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-bao-cao-ky.xlsx"'
    return response


@login_required
@require_POST
def activities_upload(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    form = ImportUploadForm(request.POST, request.FILES, prefix="a")
    if not form.is_valid():
        return _page(request, programme, activity_form=form, status=400)
    upload = form.cleaned_data["file"]
    result = import_domain.import_activities(
        actor=request.user, programme=programme, source=upload.file, filename=upload.name
    )
    if not result.written:
        return _page(request, programme, result=result, status=400)
    messages.success(
        request,
        _("%(n)s activities were imported.") % {"n": result.counts.get("programmes.activity", 0)},
    )
    return redirect("web:programmes:activities", programme.pk)


@login_required
@require_POST
def reports_upload(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    form = ReportUploadForm(request.POST, request.FILES, programme=programme, prefix="r")
    if not form.is_valid():
        return _page(request, programme, report_form=form, status=400)
    upload = form.cleaned_data["file"]
    period = form.cleaned_data["period"]
    try:
        result = import_domain.import_reports(
            actor=request.user,
            programme=programme,
            period_code=period,
            source=upload.file,
            filename=upload.name,
        )
    except ProgrammeError as exc:
        messages.error(request, str(exc))
        return _page(request, programme, status=400)
    if not result.written:
        return _page(request, programme, result=result, status=400)
    messages.success(
        request,
        _("%(n)s reports were imported.") % {"n": result.counts.get("programmes.periodreport", 0)},
    )
    return redirect("web:programmes:period", programme.pk, period)
