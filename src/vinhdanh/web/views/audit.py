"""The audit log (administrators only): who changed what, old → new, by request id."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vinhdanh.common.domain.audit import audit_events, object_types
from vinhdanh.web.forms import AuditFilterForm
from vinhdanh.web.views.paging import paginate


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("orgs.view_audit_log"):
        raise PermissionDenied
    form = AuditFilterForm(request.GET, object_types=object_types())
    form.is_valid()
    data = form.cleaned_data
    events = audit_events(
        object_type=data.get("object_type") or "",
        object_id=(data.get("object_id") or "").strip(),
        username=(data.get("user") or "").strip(),
        request_id=(data.get("request_id") or "").strip(),
    )
    page = paginate(events, request.GET.get("page"), count_cap=None)
    return render(request, "web/audit/log.html", {"form": form, "page": page})
