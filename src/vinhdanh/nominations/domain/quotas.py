"""Quotas per round (rules.md §5.3): CSTĐCS at most a share of the LĐTT nominations.

The share is the engine's parameter `cstdcs_quota_of_ldtt` (15% under the 2013 regime; no
national cap under the 2022 regime unless a province or ministry sets one), for the round's
unit and decision date. The allowance is rounded down. The report counts every live
nomination; submitting beyond the allowance is refused unless the round carries a recorded
reason to exceed it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.models import AwardKind
from vinhdanh.nominations.domain.parameters import parameters_for
from vinhdanh.nominations.enums import ACTIVE_STATES, NominationState
from vinhdanh.nominations.models import Nomination, Round

# Nominations that have left the clerk's desk (or came back to it) use up the quota.
USING_STATES = ACTIVE_STATES - {NominationState.DRAFT}


@dataclass(frozen=True)
class QuotaRule:
    kind_code: str
    base_code: str
    fraction: Fraction
    source: str  # the jurisdiction whose parameter applies ("" for the national default)


@dataclass(frozen=True)
class QuotaLine:
    kind: AwardKind
    base_kind: AwardKind
    fraction: Fraction
    base_count: int
    allowed: int
    used: int  # submitted or further
    planned: int  # every live nomination, drafts included

    @property
    def over(self) -> bool:
        return self.planned > self.allowed

    @property
    def blocked(self) -> bool:
        return self.used >= self.allowed and self.planned > self.used

    @property
    def percent(self) -> str:
        return _percent(self.fraction)


def _percent(fraction: Fraction) -> str:
    value = float(fraction * 100)
    return f"{value:g}"


def _short(code: str) -> str:
    kind = AwardKind.objects.filter(code=code).first()
    return (kind.short_vi or code) if kind is not None else code


def allowance(fraction: Fraction, base_count: int) -> int:
    return math.floor(fraction * base_count)


def decision_date(round_: Round) -> dt.date:
    return round_.planned_decision_date or timezone.localdate()


def rules_for(round_: Round) -> list[QuotaRule]:
    params = parameters_for(round_.owning_unit, decision_date(round_))
    if params.cstdcs_quota_of_ldtt is None:
        return []
    return [
        QuotaRule(
            "CSTDCS",
            "LDTT",
            params.cstdcs_quota_of_ldtt,
            params.jurisdiction or "",
        )
    ]


def _count(round_: Round, code: str, states: frozenset[str], exclude: int | None) -> int:
    qs = Nomination.objects.filter(round=round_, kind__code=code, state__in=states)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.count()


def quota_report(round_: Round) -> list[QuotaLine]:
    rules = rules_for(round_)
    if not rules:
        return []
    kinds = AwardKind.objects.in_bulk(
        [c for r in rules for c in (r.kind_code, r.base_code)], field_name="code"
    )
    lines = []
    for rule in rules:
        if rule.kind_code not in kinds or rule.base_code not in kinds:
            continue
        base = _count(round_, rule.base_code, ACTIVE_STATES, None)
        lines.append(
            QuotaLine(
                kind=kinds[rule.kind_code],
                base_kind=kinds[rule.base_code],
                fraction=rule.fraction,
                base_count=base,
                allowed=allowance(rule.fraction, base),
                used=_count(round_, rule.kind_code, USING_STATES, None),
                planned=_count(round_, rule.kind_code, ACTIVE_STATES, None),
            )
        )
    return lines


def submission_blocker(nomination: Nomination) -> str | None:
    """Why submitting this nomination would exceed the round's quota, or None."""
    round_ = nomination.round
    if round_.has_quota_override:
        return None
    for rule in rules_for(round_):
        if rule.kind_code != nomination.kind.code:
            continue
        base = _count(round_, rule.base_code, ACTIVE_STATES, None)
        allowed = allowance(rule.fraction, base)
        used = _count(round_, rule.kind_code, USING_STATES, nomination.pk)
        if used + 1 > allowed:
            return _(
                "Over the quota: at most %(allowed)s %(kind)s in this round (%(percent)s%% of "
                "%(base)s %(base_kind)s nominations, rounded down) and %(used)s already "
                "submitted. The head of the unit or the emulation office may record a reason "
                "to exceed the quota."
            ) % {
                "allowed": allowed,
                "kind": nomination.kind.short_vi or rule.kind_code,
                "percent": _percent(rule.fraction),
                "base": base,
                "base_kind": _short(rule.base_code),
                "used": used,
            }
    return None
