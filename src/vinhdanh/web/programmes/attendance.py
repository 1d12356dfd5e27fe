"""An activity's page: its attendance list (imported from .xlsx) and its attachments.

Thin: the activity is found among those the user may see; imports and uploads go through the
programmes domain; files are sent only from here, after the same check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from vinhdanh.common.audit import record_action
from vinhdanh.common.files import max_upload_bytes
from vinhdanh.common.importing import ImportResult
from vinhdanh.common.importing.forms import ImportUploadForm
from vinhdanh.common.importing.template import template_bytes
from vinhdanh.common.widgets import FileInput
from vinhdanh.common.xlsx import XLSX_TYPE
from vinhdanh.programmes.domain import activities as activity_domain
from vinhdanh.programmes.domain.errors import ProgrammeError
from vinhdanh.programmes.domain.queries.activities import activity_attachments, visible_activities
from vinhdanh.programmes.domain.queries.programmes import visible_programmes
from vinhdanh.programmes.interfaces.attendance import AttendanceImporter, import_attendance

if TYPE_CHECKING:
    from vinhdanh.programmes.models import Activity

MAX_PROBLEMS_SHOWN = 200


class AttachmentForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255, required=False)
    file = forms.FileField(
        label=gettext_lazy("File (PDF, Word, Excel, JPEG or PNG)"),
        widget=FileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # the attendance upload on the same page has its own "id_file": the "Chọn tệp…" label
        # must open this form's control, not that one
        kwargs.setdefault("auto_id", "id_attachment_%s")
        super().__init__(*args, **kwargs)


def _activity(request: HttpRequest, pk: int, activity_pk: int) -> Activity:
    programme = get_object_or_404(visible_programmes(request.user), pk=pk)
    return get_object_or_404(visible_activities(request.user, programme), pk=activity_pk)


def _page(
    request: HttpRequest,
    activity: Activity,
    *,
    result: ImportResult | None = None,
    upload_form: ImportUploadForm | None = None,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_change = activity_domain.may_change_activity(request.user, activity)
    problems = result.problems if result is not None else []
    return render(
        request,
        "web/programmes/activity.html",
        {
            "programme": activity.programme,
            "activity": activity,
            "attendees": activity.attendees.select_related("person"),
            "attachments": activity.attachments.all(),
            "can_change": can_change,
            "upload_form": (upload_form or ImportUploadForm()) if can_change else None,
            "attachment_form": (attachment_form or AttachmentForm()) if can_change else None,
            "columns": AttendanceImporter.columns,
            "problems": problems[:MAX_PROBLEMS_SHOWN],
            "hidden_problems": max(0, len(problems) - MAX_PROBLEMS_SHOWN),
            "max_mb": max_upload_bytes() // (1024 * 1024),
        },
        status=status,
    )


@login_required
@require_GET
def activity_page(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    return _page(request, _activity(request, pk, activity_pk))


@login_required
@require_GET
def attendance_template(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    _activity(request, pk, activity_pk)
    response = HttpResponse(template_bytes(AttendanceImporter), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-tham-du.xlsx"'
    return response


@login_required
@require_POST
def attendance_upload(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _activity(request, pk, activity_pk)
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, activity, upload_form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        result = import_attendance(
            actor=request.user, activity=activity, source=upload.file, filename=upload.name
        )
    except ProgrammeError as exc:
        messages.error(request, str(exc))
        return _page(request, activity, status=400)
    if not result.written:
        return _page(request, activity, result=result, status=400)
    messages.success(
        request,
        _("The attendance list was imported: %(n)s participants.") % {"n": result.rows},
    )
    return redirect("web:programmes:activity", pk, activity_pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _activity(request, pk, activity_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, activity, attachment_form=form, status=400)
    try:
        activity_domain.add_attachment(
            actor=request.user,
            activity=activity,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
    except ProgrammeError as exc:
        messages.error(request, str(exc))
        return _page(request, activity, attachment_form=form, status=400)
    messages.success(request, _("The file was attached."))
    return redirect("web:programmes:activity", pk, activity_pk)


@login_required
@require_GET
def attachment_download(
    request: HttpRequest, pk: int, activity_pk: int, activity_attachment_pk: int
) -> FileResponse:
    """Files are never served from MEDIA_URL: only here, to someone who sees the activity."""
    activity = _activity(request, pk, activity_pk)
    attachment = get_object_or_404(activity_attachments(activity), pk=activity_attachment_pk)
    record_action(attachment, "attachment downloaded", activity=activity.pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
