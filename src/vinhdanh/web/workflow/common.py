"""Shared bits of the workflow views: lookups within the user's scope and domain errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from vinhdanh.movements.domain.errors import MovementError
from vinhdanh.nominations.domain.errors import WorkflowError
from vinhdanh.nominations.domain.queries.nominations import visible_nominations, visible_rounds

if TYPE_CHECKING:
    from vinhdanh.nominations.models import Nomination, Round

T = TypeVar("T")

DOMAIN_ERRORS = (WorkflowError, MovementError)


def round_or_404(request: HttpRequest, pk: int) -> Round:
    return get_object_or_404(visible_rounds(request.user), pk=pk)


def nomination_or_404(request: HttpRequest, pk: int) -> Nomination:
    return get_object_or_404(visible_nominations(request.user), pk=pk)


def error_text(exc: Exception) -> str:
    return str(exc.args[0]) if exc.args else str(exc)


def attempt(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    success: str,
    redirect_to: str,
) -> HttpResponse:
    """Run a domain action; on a rule error show its message, on success `success`.

    A permission error (PermissionDenied) is left to Django: 403.
    """
    try:
        action()
    except DOMAIN_ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, success)
    return HttpResponseRedirect(redirect_to)


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = str(request.POST.get("next") or request.GET.get("next") or "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "") or "")


def form_errors(form: Any) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
