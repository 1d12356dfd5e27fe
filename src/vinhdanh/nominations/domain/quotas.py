"""Quotas (rules.md §5.3): CSTĐCS at most a share of the LĐTT, per round and per unit.

The share is the engine's parameter `cstdcs_quota_of_ldtt` (15% under the 2013 regime; no
national cap under the 2022 regime unless a province or ministry sets one), for the round's
unit and decision date. The allowance is rounded down. The report counts every live
nomination and the year's LĐTT and CSTĐCS already awarded to the people of the round's unit;
submitting beyond the allowance is refused unless the round carries a recorded reason to
exceed it.

Per unit (the "Trong tỷ lệ" column of the candidate lists), the base is the unit's LĐTT for
the year (held or eligible) and the use is its people's CSTĐCS for that year: already awarded,
or proposed in a live nomination of any round.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.enums import DecisionStatus
from vinhdanh.awards.models import Award, AwardKind
from vinhdanh.common.text import collation_key
from vinhdanh.eligibility.domain.queries.candidates import CandidateList, CandidatePage
from vinhdanh.nominations.domain.parameters import parameters_for
from vinhdanh.nominations.enums import ACTIVE_STATES, NominationState
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

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
    """The round's live nominations for `code`, and the year's `code` already awarded to
    people of the round's unit outside it: LĐTT decided earlier are part of the base, a
    CSTĐCS already given uses the quota (R-CSTDCS-3 counts the unit's year)."""
    qs = Nomination.objects.filter(round=round_, kind__code=code, state__in=states)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    in_round = Nomination.objects.filter(
        round=round_, kind__code=code, state__in=ACTIVE_STATES, person__isnull=False
    ).values("person")
    held = (
        Award.objects.filter(
            kind__code=code,
            period=round_.year,
            revoked_by__isnull=True,
            decision__status=DecisionStatus.ISSUED,
            person__current_unit__path__startswith=round_.owning_unit.path,
        )
        .exclude(person__in=in_round)
        .values("person")
        .distinct()
    )
    return qs.count() + held.count()


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
                "the %(base)s %(base_kind)s of the year, awarded or nominated, rounded down) "
                "and %(used)s already awarded or submitted. The head of the unit or the "
                "emulation office may record a reason to exceed the quota."
            ) % {
                "allowed": allowed,
                "kind": nomination.kind.short_vi or rule.kind_code,
                "percent": _percent(rule.fraction),
                "base": base,
                "base_kind": _short(rule.base_code),
                "used": used,
            }
    return None


# Nominations still on their way: a decided one is counted through its award.
PROPOSED_STATES = ACTIVE_STATES - {NominationState.DECIDED}


@dataclass(frozen=True)
class UnitQuota:
    """One unit's use of its CSTĐCS quota for a year."""

    unit: Unit
    fraction: Fraction
    base_count: int  # the unit's LĐTT for the year
    allowed: int
    awarded: int
    proposed: int  # in a live nomination, not yet awarded

    @property
    def used(self) -> int:
        return self.awarded + self.proposed

    @property
    def remaining(self) -> int:
        return self.allowed - self.used

    @property
    def over(self) -> bool:
        return self.used > self.allowed

    @property
    def percent(self) -> str:
        return _percent(self.fraction)


def _by_unit(rows: QuerySet[Any]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for unit_id, person_id in rows:
        if unit_id is not None:
            found.setdefault(unit_id, set()).add(person_id)
    return found


def unit_quotas(
    *,
    fraction: Fraction | None,
    ldtt_by_unit: dict[int, int],
    people: QuerySet[Person],
    period: int,
    kind_code: str = "CSTDCS",
) -> list[UnitQuota]:
    """Each unit's CSTĐCS quota for the year and its use, units in Vietnamese order.

    `ldtt_by_unit` is the base per unit (the candidate list's LĐTT, held or eligible); the use
    counts the awards and live nominations of `people` (the list's people) for `period`.
    """
    if fraction is None:
        return []
    awarded = _by_unit(
        Award.objects.filter(
            person__in=people,
            kind__code=kind_code,
            period=period,
            revoked_by__isnull=True,
            decision__status=DecisionStatus.ISSUED,
        ).values_list("person__current_unit_id", "person_id")
    )
    proposed = _by_unit(
        Nomination.objects.filter(
            person__in=people, kind__code=kind_code, period=period, state__in=PROPOSED_STATES
        ).values_list("person__current_unit_id", "person_id")
    )
    ids = set(ldtt_by_unit) | set(awarded) | set(proposed)
    units = Unit.objects.in_bulk(list(ids))
    lines = []
    for unit_id, unit in units.items():
        done = awarded.get(unit_id, set())
        base = ldtt_by_unit.get(unit_id, 0)
        lines.append(
            UnitQuota(
                unit=unit,
                fraction=fraction,
                base_count=base,
                allowed=allowance(fraction, base),
                awarded=len(done),
                proposed=len(proposed.get(unit_id, set()) - done),
            )
        )
    lines.sort(key=lambda q: (collation_key(q.unit.name), q.unit.pk))
    return lines


def candidate_list_quotas(lst: CandidateList | CandidatePage) -> list[UnitQuota]:
    """The "Trong tỷ lệ" figures of a candidate list: the share its ranking used, each unit's
    LĐTT in the list, and the CSTĐCS of the list's people for the year."""
    return unit_quotas(
        fraction=lst.cstdcs_share,
        ldtt_by_unit=lst.ldtt_by_unit(),
        people=lst.people,
        period=lst.period,
    )
