"""Who hears of a transition, and what they read; `common.notifications` sends it.

Nothing is sent while the transaction may still roll back: `schedule` registers the delivery
with `transaction.on_commit`. A bulk action schedules one delivery for all its items, so each
person receives one e-mail listing them rather than one e-mail per dossier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from vinhdanh.common.models import Notification
from vinhdanh.common.notifications import Note, notify
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import RoleAssignment, Unit

S = NominationState

_FLAG = {
    Capability.CLERK: "is_clerk",
    Capability.HEAD: "is_head",
    Capability.COUNCIL: "is_council_member",
    Capability.OFFICE: "is_emulation_office",
    Capability.DECIDER: "is_decider",
    Capability.ADMIN: "is_admin",
}

# Who is told, per new state: capabilities over the nominating (owning) or deciding unit.
_AUDIENCE: dict[str, tuple[tuple[str, tuple[Capability, ...]], ...]] = {
    S.SUBMITTED: (("decider_unit", (Capability.OFFICE,)),),
    S.APPRAISED: (
        ("decider_unit", (Capability.COUNCIL,)),
        ("owning_unit", (Capability.CLERK,)),
    ),
    S.RETURNED: (("owning_unit", (Capability.CLERK, Capability.HEAD)),),
    S.REJECTED: (("owning_unit", (Capability.CLERK, Capability.HEAD)),),
    S.WITHDRAWN: (("decider_unit", (Capability.OFFICE,)),),
    # Proposing is the emulation office's step (rules.is_proposer): the head of the deciding
    # unit is usually its decider, who is told when the proposal reaches him.
    S.VOTED: (("decider_unit", (Capability.OFFICE,)),),
    S.PROPOSED: (("decider_unit", (Capability.DECIDER,)),),
    S.DECIDED: (("owning_unit", (Capability.CLERK, Capability.HEAD)),),
    S.REVOKED: (("owning_unit", (Capability.CLERK, Capability.HEAD)),),
}

_MESSAGES: dict[str, str] = {
    S.SUBMITTED: gettext_noop(
        "%(subject)s (%(kind)s, %(round)s) was submitted and awaits appraisal."
    ),
    S.APPRAISED: gettext_noop(
        "%(subject)s (%(kind)s, %(round)s) was appraised and awaits the council."
    ),
    S.RETURNED: gettext_noop(
        "%(subject)s (%(kind)s, %(round)s) was returned for correction: %(reason)s"
    ),
    S.REJECTED: gettext_noop("%(subject)s (%(kind)s, %(round)s) was rejected: %(reason)s"),
    S.WITHDRAWN: gettext_noop(
        "%(subject)s (%(kind)s, %(round)s) was withdrawn by the nominating unit."
    ),
    S.VOTED: gettext_noop(
        "%(subject)s (%(kind)s, %(round)s) passed the council vote and may be proposed."
    ),
    S.PROPOSED: gettext_noop(
        "%(subject)s (%(kind)s, %(round)s) was proposed and awaits your decision."
    ),
    S.DECIDED: gettext_noop(
        "%(subject)s (%(kind)s, %(round)s) was awarded by decision %(decision)s."
    ),
    S.REVOKED: gettext_noop(
        "The award of %(subject)s (%(kind)s, %(round)s) was revoked: %(reason)s"
    ),
}


@dataclass(frozen=True)
class Change:
    nomination_id: int
    to_state: str
    actor_id: int | None
    reason: str


def users_with(unit: Unit, capabilities: Sequence[Capability]) -> set[int]:
    """Active users holding one of the capabilities over `unit` (directly or from above)."""
    above = [int(p) for p in unit.path.strip("/").split("/") if p]
    flags = reduce(or_, (Q(**{_FLAG[c]: True}) for c in capabilities))
    rows = (
        RoleAssignment.objects.filter(flags)
        .filter(Q(unit=unit) | Q(unit_id__in=above, include_subunits=True))
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
    )
    return set(rows)


def recipients(nomination: Nomination, to_state: str) -> set[int]:
    ids: set[int] = set()
    for field, capabilities in _AUDIENCE.get(to_state, ()):
        ids |= users_with(getattr(nomination.round, field), capabilities)
    person = nomination.person
    if to_state in (S.DECIDED, S.REVOKED) and person is not None and person.user_id is not None:
        ids.add(person.user_id)
    if to_state in (S.RETURNED, S.REJECTED) and nomination.created_by_id is not None:
        ids.add(nomination.created_by_id)
    return ids


def _url(nomination: Nomination) -> str:
    try:
        return reverse("web:workflow_nomination", args=[nomination.pk])
    except NoReverseMatch:
        return ""


def _own_record_url(nomination: Nomination) -> str:
    try:
        return reverse("web:person", args=[nomination.person_id])
    except NoReverseMatch:
        return ""


def readers(nomination: Nomination, user_ids: Iterable[int]) -> set[int]:
    """The users among `user_ids` who may open the nomination (the pages' visibility rule)."""
    from vinhdanh.nominations.domain.queries.nominations import visible_nominations

    users = get_user_model().objects.in_bulk(list(user_ids))
    return {
        pk
        for pk, user in users.items()
        if visible_nominations(user).filter(pk=nomination.pk).exists()
    }


def _addressed(nomination: Nomination, user_ids: set[int]) -> dict[int, str]:
    """Each recipient and the page the notification links to. A recipient who may not open the
    nomination hears of it only when it is their own award (linked to their own record); any
    other (a creator who has since lost the role) is not told about a dossier they cannot see."""
    may_open = readers(nomination, user_ids)
    subject_user = nomination.person.user_id if nomination.person is not None else None
    addressed = {pk: _url(nomination) for pk in may_open}
    if subject_user in user_ids and subject_user not in may_open:
        addressed[subject_user] = _own_record_url(nomination)
    return addressed


def message_for(nomination: Nomination, to_state: str, reason: str) -> str:
    decision = nomination.decision.number_label if nomination.decision is not None else ""
    return _(_MESSAGES[to_state]) % {
        "subject": nomination.subject_name,
        "kind": nomination.kind.short_vi or nomination.kind.code,
        "round": nomination.round.name,
        "reason": reason or "—",
        "decision": decision,
    }


def deliver(changes: Iterable[Change]) -> list[Notification]:
    """The notes of these transitions, recorded and sent (after commit)."""
    changes = list(changes)
    nominations = Nomination.objects.select_related(
        "round", "round__owning_unit", "round__decider_unit", "kind", "person", "unit", "decision"
    ).in_bulk([c.nomination_id for c in changes])
    notes: list[Note] = []
    for change in changes:
        nomination = nominations.get(change.nomination_id)
        if nomination is None or change.to_state not in _MESSAGES:
            continue
        text = message_for(nomination, change.to_state, change.reason)
        addressed = _addressed(
            nomination, recipients(nomination, change.to_state) - {change.actor_id}
        )
        for user_id, url in sorted(addressed.items()):
            notes.append(
                Note(
                    user_id=user_id,
                    message=text,
                    verb=change.to_state,
                    url=url,
                    nomination_id=nomination.pk,
                )
            )
    return notify(notes)


def schedule(changes: Sequence[Change]) -> None:
    """Deliver once the surrounding transaction commits; never if it rolls back."""
    if not changes:
        return
    payload = list(changes)
    transaction.on_commit(lambda: deliver(payload), robust=True)


@transaction.atomic
def mark_read(*, user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of a user's unread notifications as read; returns how many."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())
