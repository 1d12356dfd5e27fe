"""The dashboard: counts in the user's scope, the latest decisions, a quick search for people."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from vinhdanh.awards.domain.queries.awards import count_visible_awards
from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.web.context_processors import menu_entries

if TYPE_CHECKING:
    from vinhdanh.awards.models import Decision

# Counts over a million rows are not free (seconds at 1,000,000 people): a dashboard may be a
# couple of minutes behind, and says as of when (the cache is shared by the server's processes).
DASHBOARD_CACHE_SECONDS = 120
LATEST_DECISIONS = 8


def dashboard_counts(user: Any, today: dt.date) -> tuple[dict[str, int], dt.datetime]:
    """The counts in the user's units, and when they were counted."""
    key = f"vinhdanh:web:dashboard:{user.pk}:{today.isoformat()}"
    cached: tuple[dict[str, int], dt.datetime] | None = cache.get(key)
    if cached is None:
        counts = {
            "units": visible_units(user).valid_on(today).count(),
            "people": visible_people(user).count(),
            "awards_this_year": count_visible_awards(
                user, decision__year=today.year, revoked_by__isnull=True
            ),
            "decisions": visible_decisions(user).count(),
        }
        cached = (counts, timezone.now())
        cache.set(key, cached, DASHBOARD_CACHE_SECONDS)
    return cached


def latest_decisions(user: Any) -> list[Decision]:
    key = f"vinhdanh:web:latest-decisions:{user.pk}"
    decisions: list[Decision] | None = cache.get(key)
    if decisions is None:
        latest = visible_decisions(user).select_related("issuing_unit")
        decisions = list(latest.order_by("-signed_on", "-id")[:LATEST_DECISIONS])
        cache.set(key, decisions, DASHBOARD_CACHE_SECONDS)
    return decisions


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    counts, as_of = dashboard_counts(request.user, today)
    return render(
        request,
        "web/home.html",
        {
            "today": today,
            "menu_urls": {url for url, _label in menu_entries(request.user)},
            "counts": counts,
            "counts_as_of": as_of,
            "latest_decisions": latest_decisions(request.user),
        },
    )
