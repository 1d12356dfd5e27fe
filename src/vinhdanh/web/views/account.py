"""Signing in (password, then a code where needed), the account's security page, the
administrators' page of lock-outs, the lock-out page itself and the password reset.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.common.context import acting_as
from vinhdanh.orgs.domain import accounts
from vinhdanh.web import signin


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("6-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )


class UsernameForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)


# --- Signing in -----------------------------------------------------------------------------


class SignInView(auth_views.LoginView):
    """Django's login form; an account that needs a second factor goes on to the code."""

    form_class = AuthenticationForm

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not accounts.second_factor_needed(user):
            return super().form_valid(form)
        return signin.begin_pending(self.request, user, self.get_redirect_url())


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """Second step: the 6-digit code from the authenticator app."""
    user = signin.pending_user(request)
    if user is None:
        messages.info(request, _("Please log in again."))
        return redirect("login")
    if accounts.must_set_up_second_factor(user):
        return redirect("account:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = accounts.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            return signin.finish(request, user, device)
        form.add_error("code", _wrong_code(accounts.code_wait_seconds(user)))
    return render(request, "web/account/login_code.html", {"form": form, "pending": user})


def _wrong_code(wait: int) -> str:
    message = _("The code is not right. Check the time on your phone and enter the newest code.")
    if wait > 0:
        message += " " + _("Wait %(seconds)d seconds before the next try.") % {"seconds": wait}
    return message


def _qr_svg(device: Any) -> str:
    """The key as a QR code: inline SVG, drawn on the server (no script, no image request)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_inline(scale=5, border=2, dark="#000", light="#fff", omitsize=False))


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up a TOTP app: while signing in (when it is required) or from the security page."""
    pending = signin.pending_user(request)
    user = pending if pending is not None else request.user
    if not getattr(user, "is_authenticated", False):
        return redirect("login")
    if accounts.two_factor_mode() == accounts.OFF:
        messages.info(request, _("Two-step verification is turned off on this server."))
        return redirect("account:security")
    device = accounts.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = accounts.confirm_device(user, form.cleaned_data["code"])
        if confirmed is not None:
            messages.success(request, _("Two-step verification is on for your account."))
            if pending is not None:
                return signin.finish(request, user, confirmed)
            from django_otp import login as otp_login

            otp_login(request, confirmed)
            return redirect("account:security")
        form.add_error("code", _wrong_code(accounts.code_wait_seconds(user, confirmed=False)))
    return render(
        request,
        "web/account/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(device)),
            "secret": accounts.secret_text(device),
            "pending": pending,
            "required": pending is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """Bảo mật tài khoản: the second factor of one's own account."""
    user = request.user
    if request.method == "POST":
        if request.POST.get("action") == "remove" and accounts.second_factor_is_optional(user):
            accounts.remove_second_factor(user, user)
            messages.success(request, _("Two-step verification is off for your account."))
        return redirect("account:security")
    return render(
        request,
        "web/account/security.html",
        {
            "mode": accounts.two_factor_mode(),
            "device": accounts.confirmed_device(user),
            "optional": accounts.second_factor_is_optional(user),
            "may_manage": accounts.may_manage_accounts(user),
        },
    )


# --- Lock-outs ------------------------------------------------------------------------------


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: what a locked-out sign-in sees (429)."""
    minutes = accounts.cool_off_minutes()
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": accounts.locked_out_message(minutes), "code": "locked_out"}, status=429
        )
    return render(
        request,
        "web/account/locked_out.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@login_required
@require_http_methods(["GET"])
def lockouts(request: HttpRequest) -> HttpResponse:
    """Administrators: the accounts now locked out, and resetting someone's second factor."""
    if not accounts.may_manage_accounts(request.user):
        raise PermissionDenied
    return render(
        request,
        "web/account/lockouts.html",
        {
            "lockouts": accounts.lockouts_visible_to(request.user),
            "reset_form": UsernameForm(),
            "minutes": accounts.cool_off_minutes(),
        },
    )


@login_required
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    if not accounts.may_manage_accounts(request.user):
        raise PermissionDenied
    form = UsernameForm(request.POST)
    if form.is_valid():
        username = form.cleaned_data["username"]
        try:
            accounts.unlock(request.user, username, reason="unlocked by an administrator")
        except PermissionError:
            messages.error(request, _("You cannot manage this account."))
        else:
            messages.success(request, _("%(name)s can sign in again.") % {"name": username})
    return redirect("account:lockouts")


@login_required
@require_POST
def reset_second_factor(request: HttpRequest) -> HttpResponse:
    if not accounts.may_manage_accounts(request.user):
        raise PermissionDenied
    form = UsernameForm(request.POST)
    if form.is_valid():
        user = (
            accounts.manageable_users(request.user)
            .filter(username=form.cleaned_data["username"])
            .first()
        )
        if user is None:
            messages.error(request, _("You cannot manage this account."))
        else:
            accounts.remove_second_factor(request.user, user)
            messages.success(
                request,
                _("The second factor of %(name)s was reset: they set up a new one at sign-in.")
                % {"name": user.username},
            )
    return redirect("account:lockouts")


# --- Password reset -------------------------------------------------------------------------


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email: str) -> Any:
        """At most PASSWORD_RESET_MAX_PER_HOUR e-mails to one address: no mailbox flooding.
        Beyond that the page answers as always, and nothing is sent."""
        key = "password-reset:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
        cache.add(key, 0, timeout=3600)
        try:
            sent = cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=3600)
            sent = 1
        if sent > settings.PASSWORD_RESET_MAX_PER_HOUR:
            return iter(())
        return super().get_users(email)


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer, after the same minimum time, whether or not the address is known."""

    form_class = ResetRequestForm
    template_name = "web/account/password_reset_form.html"
    email_template_name = "web/account/password_reset_email.txt"
    subject_template_name = "web/account/password_reset_subject.txt"
    success_url = reverse_lazy("account:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        started = time.monotonic()
        response = super().post(request, *args, **kwargs)
        rest = float(settings.PASSWORD_RESET_MIN_SECONDS) - (time.monotonic() - started)
        if rest > 0:
            time.sleep(rest)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "web/account/password_reset_confirm.html"
    success_url = reverse_lazy("account:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.user  # the account whose link it was: the change is theirs in the audit log
        with acting_as(user):
            response = super().form_valid(form)
            # Whoever can read the account's mailbox may sign in again at once.
            accounts.unlock(user, user.get_username(), reason="password reset by e-mail")
        return response


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login form would skip the code: every sign-in goes through one page."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("admin:index")
    return redirect_to_login(next_url)
