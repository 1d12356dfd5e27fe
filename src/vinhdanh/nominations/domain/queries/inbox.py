"""A user's inbox: the nominations waiting for them, by role and scope.

Each section is built from the same actor table as the permission predicates
(nominations.rules.ACTORS), so the inbox lists exactly what the user may act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.models import Notification
from vinhdanh.nominations.enums import NominationState, Outcome
from vinhdanh.nominations.models import Nomination
from vinhdanh.nominations.rules import ACTORS
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.enums import Capability

S = NominationState
LIMIT = 50


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    states: tuple[str, ...]
    actor: str  # a key of rules.ACTORS
    needs_override: bool = False
    # A council member's part of the section is done once he has voted on the nomination
    # (the emulation office still records the result).
    done_by_voting: bool = False


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
        "to_vote",
        _("Appraised: awaiting the council"),
        (S.APPRAISED,),
        "is_council_secretariat",
        done_by_voting=True,
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


def section_queryset(
    section: Section, user: Any, *, voted: QuerySet[Any] | None = None
) -> QuerySet[Nomination]:
    """The section's nominations the user may act on. `voted` (the ids of the nominations the
    user has cast a ballot on, from the councils) leaves out what a council member has done."""
    actor = ACTORS[section.actor]
    scopes = {
        cap: unit_scope(user, cap, subunits=actor.reaches_subunits(cap))
        for cap in actor.capabilities
    }
    if all(s.is_empty for s in scopes.values()):
        return Nomination.objects.none()
    qs = Nomination.objects.filter(state__in=section.states)
    field = f"round__{actor.unit_field}"
    parts: list[Q] = []
    unconditional = False
    for cap, scope in scopes.items():
        if scope.is_empty:
            continue
        done = section.done_by_voting and cap == Capability.COUNCIL and voted is not None
        if scope.everything and not done:
            unconditional = True
            break
        part = Q() if scope.everything else scope.q(field)
        if done:
            part &= ~Q(pk__in=voted)
        parts.append(part)
    if not unconditional:
        qs = qs.filter(reduce(or_, parts))
    if section.needs_override:
        qs = qs.exclude(eligibility_outcome=Outcome.ELIGIBLE).filter(override_reason="")
    return qs.select_related(
        "round", "round__owning_unit", "round__decider_unit", "kind", "person", "unit"
    ).order_by("round__submission_deadline", "round_id", "kind__sort_order", "id")


def awaiting_count(user: Any, *, voted: QuerySet[Any] | None = None) -> int:
    """How many nominations wait for this user to act (the count beside the menu entry):
    the inbox's sections in one query (`voted`: as for `section_queryset`)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    ids = None
    for section in SECTIONS:
        qs = section_queryset(section, user, voted=voted)
        if qs.query.is_empty():
            continue
        part = qs.order_by().values("pk")
        ids = part if ids is None else ids.union(part)
    return 0 if ids is None else ids.count()


def inbox(
    user: Any, *, limit: int = LIMIT, voted: QuerySet[Any] | None = None
) -> list[InboxSection]:
    sections = []
    for section in SECTIONS:
        qs = section_queryset(section, user, voted=voted)
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
