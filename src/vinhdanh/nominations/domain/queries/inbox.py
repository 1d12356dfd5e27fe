"""A user's inbox: the nominations waiting for them, by role and scope.

Each section is built from the same actor table as the permission predicates
(nominations.rules.ACTORS), so the inbox lists exactly what the user may act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.models import Notification
from vinhdanh.nominations.enums import NominationState, Outcome
from vinhdanh.nominations.models import Nomination
from vinhdanh.nominations.rules import ACTORS
from vinhdanh.orgs.domain.queries.scope import unit_scope

S = NominationState
LIMIT = 50


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    states: tuple[str, ...]
    actor: str  # a key of rules.ACTORS
    needs_override: bool = False


SECTIONS: tuple[Section, ...] = (
    Section("to_submit", _("Drafts to complete and submit"), (S.DRAFT,), "is_nominating_clerk"),
    Section("returned", _("Returned for correction"), (S.RETURNED,), "is_nominating_clerk"),
    Section(
        "override",
        _("Not found eligible: decide whether they go forward"),
        (S.DRAFT, S.RETURNED),
        "is_nominating_head",
        needs_override=True,
    ),
    Section("to_appraise", _("Awaiting appraisal"), (S.SUBMITTED,), "is_appraising_office"),
    Section(
        "to_vote", _("Appraised: awaiting the council"), (S.APPRAISED,), "is_council_secretariat"
    ),
    Section("to_propose", _("Passed the council: to propose"), (S.VOTED,), "is_proposer"),
    Section("to_decide", _("Proposed: awaiting a decision"), (S.PROPOSED,), "is_decider"),
)


@dataclass
class InboxSection:
    key: str
    title: str
    items: list[Nomination]
    total: int


def section_queryset(section: Section, user: Any) -> QuerySet[Nomination]:
    actor = ACTORS[section.actor]
    scopes = [
        unit_scope(user, cap, subunits=actor.reaches_subunits(cap)) for cap in actor.capabilities
    ]
    if all(s.is_empty for s in scopes):
        return Nomination.objects.none()
    qs = Nomination.objects.filter(state__in=section.states)
    if not any(s.everything for s in scopes):
        field = f"round__{actor.unit_field}"
        qs = qs.filter(reduce(or_, (s.q(field) for s in scopes if not s.is_empty)))
    if section.needs_override:
        qs = qs.exclude(eligibility_outcome=Outcome.ELIGIBLE).filter(override_reason="")
    return qs.select_related(
        "round", "round__owning_unit", "round__decider_unit", "kind", "person", "unit"
    ).order_by("round__submission_deadline", "round_id", "kind__sort_order", "id")


def awaiting_count(user: Any) -> int:
    """How many nominations wait for this user to act (the count beside the menu entry):
    the inbox's sections in one query."""
    if not getattr(user, "is_authenticated", False):
        return 0
    ids = None
    for section in SECTIONS:
        qs = section_queryset(section, user)
        if qs.query.is_empty():
            continue
        part = qs.order_by().values("pk")
        ids = part if ids is None else ids.union(part)
    return 0 if ids is None else ids.count()


def inbox(user: Any, *, limit: int = LIMIT) -> list[InboxSection]:
    sections = []
    for section in SECTIONS:
        qs = section_queryset(section, user)
        items = list(qs[:limit])
        if not items:
            continue
        total = len(items) if len(items) < limit else qs.count()
        sections.append(InboxSection(section.key, str(section.title), items, total))
    return sections


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def user_notifications(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user=user).select_related("nomination")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")
