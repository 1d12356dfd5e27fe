"""The audit log (administrators only): who changed what, old → new, by request id."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vinhdanh.common.models import AuditEvent
from vinhdanh.web.forms import AuditFilterForm
from vinhdanh.web.views.paging import paginate


def object_types() -> list[tuple[str, str]]:
    """The project's models as (app_label.model_name, readable name), as the log stores them."""
    types = [
        (f"{m._meta.app_label}.{m._meta.model_name}", str(m._meta.verbose_name).capitalize())
        for m in apps.get_models()
        if m.__module__.startswith("vinhdanh.") and m is not AuditEvent
    ]
    return sorted(types, key=lambda t: t[1])


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("orgs.view_audit_log"):
        raise PermissionDenied
    form = AuditFilterForm(request.GET, object_types=object_types())
    form.is_valid()
    data = form.cleaned_data
    events = AuditEvent.objects.all()
    if data.get("object_type"):
        events = events.filter(object_type=data["object_type"])
    if data.get("object_id"):
        events = events.filter(object_id=data["object_id"].strip())
    if data.get("user"):
        events = events.filter(username=data["user"].strip())
    if data.get("request_id"):
        events = events.filter(request_id=data["request_id"].strip())
    page = paginate(events.order_by("-time", "-id"), request.GET.get("page"), count_cap=None)
    return render(request, "web/audit/log.html", {"form": form, "page": page})
