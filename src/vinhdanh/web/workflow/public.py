"""The public notice board: no login; nominee's name, unit, award kind and summary only.

Comments are rate-limited per client (a counter in the cache, keyed by a hash of the address;
the address itself is never stored).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vinhdanh.nominations.domain.errors import WorkflowError
from vinhdanh.nominations.domain.notices import add_public_comment
from vinhdanh.nominations.domain.queries.notices import (
    open_notices,
    public_nominees,
    published_notices,
)
from vinhdanh.nominations.interfaces.forms import PublicCommentForm
from vinhdanh.web.workflow.common import client_ip, error_text

COMMENT_LIMIT = 5  # comments per client …
COMMENT_WINDOW = 600  # … per 10 minutes


def _rate_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()
    return f"vinhdanh:public-comment:{digest[:32]}"


def comment_allowed(request: HttpRequest) -> bool:
    """Count this attempt; False once the client has sent COMMENT_LIMIT in the window."""
    key = _rate_key(request)
    if cache.add(key, 1, COMMENT_WINDOW):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, COMMENT_WINDOW)
        return True
    return count <= COMMENT_LIMIT


@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "web/workflow/public_notice_list.html",
        {"notices": list(open_notices(today)), "today": today},
    )


@require_http_methods(["GET", "POST"])
def notice_page(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    notice = get_object_or_404(published_notices(today), pk=pk)
    nominees = public_nominees(notice)
    choices = [(n.nomination_id, f"{n.name} — {n.award_kind}") for n in nominees]
    form = PublicCommentForm(request.POST or None, nominees=choices)
    if request.method == "POST":
        if not notice.is_open_on(today):
            raise Http404
        if not comment_allowed(request):
            messages.error(
                request, _("Too many opinions were sent from here: try again in a few minutes.")
            )
        elif form.is_valid():
            data = form.cleaned_data
            if not data["website"]:
                nomination = (
                    notice.nominations.filter(pk=data["nomination"]).first()
                    if data["nomination"]
                    else None
                )
                try:
                    add_public_comment(
                        notice=notice,
                        content=data["content"],
                        name=data["name"],
                        nomination=nomination,
                    )
                except WorkflowError as exc:
                    messages.error(request, error_text(exc))
                    return HttpResponseRedirect(request.path)
            messages.success(request, _("Thank you: your opinion was recorded."))
            return HttpResponseRedirect(reverse("web:workflow_public_notice", args=[notice.pk]))
    return render(
        request,
        "web/workflow/public_notice_detail.html",
        {
            "notice": notice,
            "nominees": nominees,
            "form": form,
            "is_open": notice.is_open_on(today),
            "today": today,
        },
    )
