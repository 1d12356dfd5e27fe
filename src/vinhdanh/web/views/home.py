"""The dashboard: counts in the user's scope, the latest decisions, a quick search for people."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from vinhdanh.awards.domain.queries.awards import count_visible_awards
from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.common.freshness import counted_since_change
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.web.context_processors import menu_entries

if TYPE_CHECKING:
    from vinhdanh.awards.models import Decision

# Counts over a million rows are not free (seconds at 1,000,000 people): they are kept while
# the facts are unchanged, and after a change a dashboard may be up to two minutes behind; it
# says as of when (the cache is shared by the server's processes).
DASHBOARD_RECOUNT_SECONDS = 120
LATEST_DECISIONS = 8
# What the counts and the latest decisions read: a rating or a dossier saved leaves them kept.
COUNTED_MODELS = ("orgs.unit", "people.person", "awards.award", "awards.decision")
LISTED_MODELS = ("orgs.unit", "awards.decision")


def dashboard_counts(user: Any, today: dt.date) -> tuple[dict[str, int], dt.datetime]:
    """The counts in the user's units, and when they were counted."""

    def count() -> dict[str, int]:
        return {
            "units": visible_units(user).valid_on(today).count(),
            "people": visible_people(user).count(),
            "awards_this_year": count_visible_awards(
                user, decision__year=today.year, revoked_by__isnull=True
            ),
            "decisions": visible_decisions(user).count(),
        }

    key = f"vinhdanh:web:dashboard:{user.pk}:{today.isoformat()}"
    return counted_since_change(
        key, count, at_most_every=DASHBOARD_RECOUNT_SECONDS, watched=COUNTED_MODELS
    )


def latest_decisions(user: Any) -> list[Decision]:
    def latest() -> list[Decision]:
        decisions = visible_decisions(user).select_related("issuing_unit")
        return list(decisions.order_by("-signed_on", "-id")[:LATEST_DECISIONS])

    key = f"vinhdanh:web:latest-decisions:{user.pk}"
    return counted_since_change(
        key, latest, at_most_every=DASHBOARD_RECOUNT_SECONDS, watched=LISTED_MODELS
    )[0]


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
