"""Reads about activities: those a user may see, and the counts that feed indicators."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.queries.programmes import managed_programmes, visible_programmes
from vinhdanh.programmes.enums import IndicatorSource
from vinhdanh.programmes.models import (
    Activity,
    ActivityAttachment,
    ActivityKind,
    Indicator,
    Programme,
)
from vinhdanh.programmes.periods import Period
from vinhdanh.programmes.rules import manages_programme


def visible_activities(user: Any, programme: Programme) -> QuerySet[Activity]:
    activities = Activity.objects.filter(programme=programme).select_related("unit", "kind")
    if manages_programme(user, programme):
        return activities
    return activities.filter(unit_scope(user).q("unit"))


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """`visible_activities` over every programme the user sees (the API's list)."""
    activities = Activity.objects.filter(programme__in=visible_programmes(user)).select_related(
        "unit", "kind", "programme"
    )
    if unit_scope(user).everything:
        return activities
    return activities.filter(Q(programme__in=managed_programmes(user)) | unit_scope(user).q("unit"))


def activity_figures(programme: Programme, unit: Unit, period: Period) -> dict[str, int]:
    """For each indicator counted from activities: the unit's count in the period (by code)."""
    indicators = list(
        Indicator.objects.filter(programme=programme).exclude(source=IndicatorSource.MANUAL)
    )
    if not indicators:
        return {}
    rows = (
        Activity.objects.filter(
            programme=programme, unit=unit, date__range=(period.start, period.end)
        )
        .values("kind_id")
        .annotate(n=Count("id"), people=Sum("participants"))
    )
    by_kind = {r["kind_id"]: (r["n"], r["people"] or 0) for r in rows}
    figures = {}
    for indicator in indicators:
        n, people = by_kind.get(indicator.activity_kind_id or 0, (0, 0))
        figures[indicator.code] = (
            n if indicator.source == IndicatorSource.ACTIVITY_COUNT else people
        )
    return figures


def activity_attachments(activity: Activity) -> QuerySet[ActivityAttachment]:
    """The files of one activity the reader already sees: any other reads as absent."""
    return ActivityAttachment.objects.filter(activity=activity)


def activity_kinds(programme: Programme) -> QuerySet[ActivityKind]:
    """The kinds of activity of one programme: another programme's kind reads as absent."""
    return ActivityKind.objects.filter(programme=programme)
