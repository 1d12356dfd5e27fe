"""What a revocation decision does to nominations (Law 06/2022 Art. 93; rules.md §5.7).

Awards rank below nominations and never import them: `revoke_awards` sends
`awards.signals.awards_revoked` inside its transaction, and this receiver moves the nominations
that produced the revoked awards to "revoked" (through the workflow, which tells the nominees)
and flags the subjects' open nominations for review.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from vinhdanh.awards.models import Award, Decision
from vinhdanh.awards.signals import awards_revoked
from vinhdanh.nominations.domain.workflow import transition
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination

CLOSED_NOMINATION_STATES = (
    NominationState.DECIDED,
    NominationState.WITHDRAWN,
    NominationState.REJECTED,
    NominationState.REVOKED,
)


def flag_open_nominations(awards: Sequence[Award], *, note: str) -> list[int]:
    """Flag the revoked awards' subjects' open nominations for review; their ids."""
    flagged: list[int] = []
    for award in awards:
        subject = Q(person_id=award.person_id) if award.person_id else Q(unit_id=award.unit_id)
        open_nominations = Nomination.objects.filter(subject).exclude(
            state__in=CLOSED_NOMINATION_STATES
        )
        for nomination in open_nominations:
            if nomination.pk in flagged:
                continue
            nomination.needs_review = True
            nomination.review_note = note[:500]
            nomination.save(update_fields=["needs_review", "review_note", "updated_at"])
            flagged.append(nomination.pk)
    return flagged


def _on_awards_revoked(
    sender: Any,
    *,
    decision: Decision,
    awards: Sequence[Award],
    actor: Any,
    reason: str,
    note: str,
    **kwargs: Any,
) -> dict[str, list[int]]:
    flagged = flag_open_nominations(awards, note=note)
    revoked = []
    produced = Nomination.objects.filter(award__in=awards, state=NominationState.DECIDED)
    for nomination in produced.order_by("id"):
        transition(
            nomination=nomination,
            to=NominationState.REVOKED,
            actor=actor,
            reason=reason,
            decision=decision,
        )
        revoked.append(nomination.pk)
    told = Nomination.objects.filter(award__in=awards).values_list("award_id", flat=True)
    return {
        "flagged_nominations": flagged,
        "revoked_nominations": revoked,
        "told": [pk for pk in told if pk is not None],
    }


def connect() -> None:
    awards_revoked.connect(_on_awards_revoked, dispatch_uid="nominations-revoke")
