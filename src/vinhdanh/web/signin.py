"""The two steps of signing in, and the rules every signed-in request is held to.

After the password, an account that needs a second factor is *not* signed in: the session
only remembers who is halfway (for a few minutes) until the code is given, or a device is set
up. `SignInPolicyMiddleware` holds every request to the same rules, so a session opened some
other way (the admin's login form, a role granted while signed in) cannot skip the code, and
a session ends a working day after its sign-in however busy it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from vinhdanh.orgs.domain import accounts

PENDING_USER = "signin_pending_user"
PENDING_AT = "signin_pending_at"
PENDING_BACKEND = "signin_pending_backend"
PENDING_NEXT = "signin_pending_next"
SIGNED_IN_AT = "signin_at"

# What a session signed in without its code may still reach (everything else: the code first).
_OPEN_PREFIXES = ("/logout/", "/static/", "/i18n/")


def begin_pending(request: HttpRequest, user: Any, next_url: str = "") -> HttpResponseRedirect:
    """The password was right; the code (or a device set-up) comes next."""
    request.session.cycle_key()  # a fresh session id before anything is remembered
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_AT] = time.time()
    request.session[PENDING_BACKEND] = getattr(
        user, "backend", "django.contrib.auth.backends.ModelBackend"
    )
    request.session[PENDING_NEXT] = next_url
    if accounts.must_set_up_second_factor(user):
        return redirect("account:two_factor_setup")
    return redirect("login_code")


def pending_user(request: HttpRequest) -> Any:
    """The account halfway through signing in, while the pause is short enough."""
    pk = request.session.get(PENDING_USER)
    started = request.session.get(PENDING_AT, 0)
    if pk is None or time.time() - float(started) > settings.TWO_FACTOR_PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def finish(request: HttpRequest, user: Any, device: Any) -> HttpResponseRedirect:
    """The code was right: sign in, verified with `device`."""
    next_url = request.session.get(PENDING_NEXT, "")
    user.backend = request.session.get(PENDING_BACKEND)
    user.otp_device = device  # django-otp marks the session verified on login
    for key in (PENDING_USER, PENDING_AT, PENDING_BACKEND, PENDING_NEXT):
        request.session.pop(key, None)
    auth_login(request, user)
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(next_url)
    return HttpResponseRedirect(reverse(settings.LOGIN_REDIRECT_URL))


def note_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """user_logged_in: the session's working day starts now."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class SignInPolicyMiddleware:
    """A session lasts a working day from its sign-in; a second factor, where needed, is used."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self.check(request)
        return refusal if refusal is not None else self.get_response(request)

    def check(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        signed_in_at = request.session.get(SIGNED_IN_AT)
        now = time.time()
        if signed_in_at is None:
            request.session[SIGNED_IN_AT] = now  # a session older than this rule
        elif now - float(signed_in_at) > settings.SESSION_COOKIE_AGE:
            logout(request)
            if _is_api(request):
                return JsonResponse(
                    {
                        "detail": _("Your session has expired. Please log in again."),
                        "code": "session_expired",
                    },
                    status=401,
                )
            messages.info(request, _("Your session has expired. Please log in again."))
            return redirect_to_login(request.get_full_path())
        if accounts.two_factor_mode() == accounts.OFF:
            return None
        is_verified = getattr(user, "is_verified", None)
        if callable(is_verified) and is_verified():
            return None
        if not accounts.second_factor_needed(user):
            return None
        if _is_api(request):
            return JsonResponse(
                {
                    "detail": _(
                        "This account signs in with a verification code: finish signing in "
                        "on the web site first."
                    ),
                    "code": "two_factor_required",
                },
                status=403,
            )
        if request.path.startswith(_OPEN_PREFIXES):
            return None
        # Signed in without the code (e.g. through another login form): back to the code.
        next_url = request.get_full_path()
        logout(request)
        return begin_pending(request, user, next_url)
