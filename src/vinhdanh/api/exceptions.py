"""How the API answers errors: DRF's handler, plus the request-size refusals Django raises.

Django refuses a body with too many fields, files or bytes (DATA_UPLOAD_MAX_*) by raising a
SuspiciousOperation while DRF parses it; unhandled, that became the site's HTML "Bad Request"
page. The API answers it as every other 400: JSON with `detail` and `code`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from vinhdanh.api.authentication import LockedOut, TwoFactorRequired

SIGN_IN_REFUSALS = (LockedOut, TwoFactorRequired)
TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, TOO_LARGE):
        return Response(
            {
                "detail": _("The request is too large: too many fields, files or bytes."),
                "code": "too_large",
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled):
        seconds = max(1, int(getattr(exc, "wait", None) or 1))
        response.data = {
            "detail": _("Too many requests: wait %(seconds)d seconds and try again.")
            % {"seconds": seconds},
            "code": "throttled",
        }
    elif response is not None and isinstance(exc, SIGN_IN_REFUSALS):
        response.data = {"detail": exc.detail, "code": exc.default_code}
        wait = getattr(exc, "wait", None)
        if wait:
            response["Retry-After"] = str(int(wait))
    return response
