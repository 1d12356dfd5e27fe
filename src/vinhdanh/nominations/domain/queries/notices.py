"""Reads for public notices: the public page (no login) and the office's view of comments.

The public sees only what a notice board shows: the nominee's name, unit, award kind and the
summary of achievements. Nothing else about a person leaves the system through these reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from vinhdanh.nominations.models import PublicComment, PublicNotice, Round


@dataclass(frozen=True)
class PublicNominee:
    nomination_id: int
    name: str
    unit: str
    award_kind: str
    summary: str


def published_notices(on: dt.date) -> QuerySet[PublicNotice]:
    """Notices that have started (open or closed): a future notice is not public yet."""
    return PublicNotice.objects.filter(starts_on__lte=on).select_related("round")


def open_notices(on: dt.date) -> QuerySet[PublicNotice]:
    return published_notices(on).filter(ends_on__gte=on).order_by("ends_on", "id")


def public_nominees(notice: PublicNotice) -> list[PublicNominee]:
    rows = notice.nominations.select_related(
        "person", "person__current_unit", "unit", "unit__parent", "kind"
    )
    nominees = []
    for n in rows.order_by("kind__sort_order", "person__sort_key", "unit__name", "id"):
        if n.person is not None:
            unit = n.person.current_unit
        else:
            unit = n.unit.parent if n.unit is not None else None
        nominees.append(
            PublicNominee(
                nomination_id=n.pk,
                name=n.subject_name,
                unit=unit.name if unit is not None else "",
                award_kind=n.kind.name,
                summary=n.achievement_summary,
            )
        )
    return nominees


def round_notices(round_: Round) -> QuerySet[PublicNotice]:
    return (
        round_.notices.select_related("register_entry")
        .prefetch_related("nominations")
        .order_by("-starts_on", "-id")
    )


def round_comments(round_: Round) -> QuerySet[PublicComment]:
    return (
        PublicComment.objects.filter(notice__round=round_)
        .select_related("notice", "nomination", "nomination__person", "nomination__unit")
        .order_by("-created_at", "-id")
    )
