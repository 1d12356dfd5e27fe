"""About Vinh Danh: the version, the licence and where the documentation is."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


def _version() -> str:
    try:
        return version("vinhdanh")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "?"


@login_required
@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html", {"version": _version()})
