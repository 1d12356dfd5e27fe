"""The inbox (what awaits the user) and the notifications, with mark-as-read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from vinhdanh.councils.domain.queries.sessions import sessions_awaiting_vote, todo
from vinhdanh.nominations.domain.notifications import mark_read
from vinhdanh.nominations.domain.queries.inbox import unread_count, user_notifications
from vinhdanh.web.views.paging import paginate
from vinhdanh.web.views.people import is_partial
from vinhdanh.web.workflow.common import safe_next


@login_required
@require_GET
def inbox_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/workflow/inbox.html",
        {
            "sections": todo(request.user),
            "ballots": sessions_awaiting_vote(request.user),
            "notifications": list(user_notifications(request.user, unread_only=True)[:10]),
            "unread": unread_count(request.user),
        },
    )


@login_required
@require_GET
def notifications_page(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = paginate(
        user_notifications(request.user, unread_only=unread_only), request.GET.get("page")
    )
    return render(
        request,
        "web/workflow/notifications.html",
        {"page": page, "unread_only": unread_only, "unread": unread_count(request.user)},
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(user_notifications(request.user), pk=pk)
    mark_read(user=request.user, notification_ids=[note.pk])
    if is_partial(request):
        note.refresh_from_db()
        response = render(request, "web/workflow/_notification.html", {"n": note})
        patch_vary_headers(response, ["HX-Request"])
        return response
    return HttpResponseRedirect(safe_next(request, reverse("web:workflow_notifications")))


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    mark_read(user=request.user)
    return HttpResponseRedirect(reverse("web:workflow_notifications"))
