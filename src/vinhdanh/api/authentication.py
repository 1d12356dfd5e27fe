"""HTTP Basic for the API, held to the sign-in rules of the web site.

django-axes watches every `authenticate()` call, this one too: a locked-out account is
refused even with the right password, with a message that says so. An account that signs in
with a second factor cannot use a bare password here; it uses the web session.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular import authentication as spectacular_auth
from rest_framework import authentication, exceptions, status

from vinhdanh.orgs.domain import accounts


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"


class TwoFactorRequired(exceptions.APIException):
    status_code = status.HTTP_403_FORBIDDEN
    default_code = "two_factor_required"
    default_detail = _(
        "This account signs in with a verification code, so HTTP Basic with a password alone is "
        "refused: sign in on the web site and use that session."
    )


class BasicAuthentication(authentication.BasicAuthentication):
    def authenticate_credentials(
        self, userid: str, password: str, request: Any = None
    ) -> tuple[Any, None]:
        try:
            user, auth = super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            if getattr(request, "axes_locked_out", False):
                minutes = accounts.cool_off_minutes()
                exc = LockedOut(accounts.locked_out_message(minutes))
                exc.wait = minutes * 60  # type: ignore[attr-defined]
                raise exc from None
            raise
        if accounts.second_factor_needed(user):
            raise TwoFactorRequired
        return user, auth


class BasicScheme(spectacular_auth.BasicScheme):  # type: ignore[no-untyped-call]
    """The OpenAPI description of this HTTP Basic: the same as DRF's."""

    target_class = "vinhdanh.api.authentication.BasicAuthentication"
