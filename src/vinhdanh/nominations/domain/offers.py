"""Which titles and forms a round may hold: read by the round's forms, the nominations' checks
and the round's quota lines (a quota shows only on a round that can hold its title)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from vinhdanh.awards.domain.decisions import kinds_within_authority
from vinhdanh.awards.models import AwardKind
from vinhdanh.nominations.models import Round


def decision_day(round: Round) -> dt.date:
    return round.planned_decision_date or timezone.localdate()


def offered_kinds(round: Round, kinds: Any = None) -> list[AwardKind]:
    """The active titles and forms the round's decider may award on its decision date.

    The authority table is the one that issuing a decision checks (awards.domain.decisions);
    a round without a named authority offers every active kind.
    """
    if kinds is None:
        kinds = AwardKind.objects.filter(is_active=True).order_by("sort_order", "code")
    listed: list[AwardKind] = list(kinds)
    if not round.decider_role:
        return listed
    return kinds_within_authority(
        decider_role=round.decider_role,
        on=decision_day(round),
        unit=round.decider_unit,
        kinds=listed,
    )


def meant_for(round: Round, kind: AwardKind) -> bool:
    """Is the round one for `kind`: its decider may award it and the round's type of award is
    one the kind is given as (an annual title is given as regular merit, not in an ad-hoc or
    a thematic round)? A round of Bằng khen decided by the province's chair is not one for
    CSTĐCS, which a unit's head awards."""
    types = list(kind.award_types or [])
    if types and round.award_type not in types:
        return False
    return bool(offered_kinds(round, [kind]))
