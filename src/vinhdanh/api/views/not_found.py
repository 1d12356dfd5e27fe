"""Any other address under /api/: a JSON 404 like the API's own, not the site's HTML page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's handler404: under /api/, `{"detail": ...}`; elsewhere, Django's page.

    The API's views answer their own 404s; this covers addresses no route matches, such as
    an id that is not a number (`/api/v1/units/abc/`).
    """
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": str(NotFound.default_detail)},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return defaults.page_not_found(request, exception)
