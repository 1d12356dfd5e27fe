"""Quotas (rules.md §5.3, R-CSTDCS-3): CSTĐCS at most a share of the LĐTT "in the unit".

The share is the engine's parameter `cstdcs_quota_of_ldtt` (15% under the 2013 regime; no
national cap under the 2022 regime unless a province or ministry sets one), for the round's
unit and decision date. The allowance is rounded down.

The unit is the quota level (`orgs...units.quota_unit`): a division's (phòng) people count in
their department's quota, a village's in its commune's. One computation, `quota_uses`, gives
a level's figures for the year: base = its people with LĐTT awarded or in a live nomination
of any round (plus, on a candidate list, those the engine finds eligible); use = its people's
CSTĐCS awarded or in a live nomination. The round's report and the candidate lists' "Trong tỷ
lệ" table both read it, so a person flagged over the quota on the list is over it in the
round too. Submitting beyond the allowance is refused unless the round carries a recorded
reason to exceed it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.models import AwardKind
from vinhdanh.common.freshness import facts_token
from vinhdanh.eligibility.domain.queries.candidates import CandidateList, CandidatePage
from vinhdanh.eligibility.domain.queries.quotas import (
    UnitQuota,
    _percent,
    quota_uses,
)
from vinhdanh.nominations.domain.parameters import parameters_for
from vinhdanh.nominations.enums import ACTIVE_STATES, NominationState
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.domain.queries.units import quota_unit
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person


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
    awarded: int  # already awarded for the year
    submitted: int  # in dossiers under way: submitted or further, not yet decided
    planned: int  # every live nomination, drafts included
    unit: Unit | None = None  # the unit the quota applies to (its quota level)

    @property
    def used(self) -> int:
        return self.awarded + self.submitted

    @property
    def remaining(self) -> int:
        return self.allowed - self.used

    @property
    def over(self) -> bool:
        return self.planned > self.allowed

    @property
    def applies(self) -> bool:
        """Worth showing: the unit has a base (LĐTT) for the year or the round nominates the
        kind. "25% of 0 LĐTT" on a round of Bằng khen only is noise."""
        return self.base_count > 0 or self.planned > 0

    @property
    def blocked(self) -> bool:
        return self.used >= self.allowed and self.planned > self.used

    @property
    def percent(self) -> str:
        return _percent(self.fraction)


def _short(code: str) -> str:
    kind = AwardKind.objects.filter(code=code).first()
    return (kind.short_vi or code) if kind is not None else code


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


def quota_report(round_: Round) -> list[QuotaLine]:
    """The round's quota lines: the use of the quota of the round's unit (at its quota level,
    the same figures as the candidate lists' "Within the quota" table)."""
    rules = rules_for(round_)
    if not rules:
        return []
    kinds = AwardKind.objects.in_bulk(
        [c for r in rules for c in (r.kind_code, r.base_code)], field_name="code"
    )
    level = quota_unit(round_.owning_unit)
    lines = []
    for rule in rules:
        if rule.kind_code not in kinds or rule.base_code not in kinds:
            continue
        (use,) = quota_uses([level], round_.year, rule.fraction)
        lines.append(
            QuotaLine(
                kind=kinds[rule.kind_code],
                base_kind=kinds[rule.base_code],
                fraction=rule.fraction,
                base_count=use.base_count,
                allowed=use.allowed,
                awarded=use.awarded,
                submitted=use.submitted,
                planned=use.used,
                unit=level,
            )
        )
    return lines


# The round page's quota lines are kept while the facts are unchanged (a dossier, an award,
# a parameter or a unit renews the token, common/freshness.py); counting a department's year
# reads tens of thousands of awards at 1,000,000 people.
QUOTA_PAGE_CACHE_SECONDS = 3600


def round_quota_lines(round_: Round) -> list[QuotaLine]:
    """`quota_report` for a page: from the cache while the facts and the round are unchanged.
    Checks that guard a change (`submission_blocker`, the drafts' quota) count afresh inside
    their transaction instead."""
    parts = [
        facts_token(),
        round_.pk,
        round_.owning_unit_id,
        round_.year,
        decision_date(round_).isoformat(),
    ]
    key = "vinhdanh:round-quota:" + ":".join(map(str, parts))
    lines: list[QuotaLine] | None = cache.get(key)
    if lines is None:
        lines = quota_report(round_)
        cache.set(key, lines, QUOTA_PAGE_CACHE_SECONDS)
    return lines


def submission_blocker(nomination: Nomination) -> str | None:
    """Why submitting this nomination would exceed the round's quota, or None."""
    round_ = nomination.round
    if round_.has_quota_override:
        return None
    for rule in rules_for(round_):
        if rule.kind_code != nomination.kind.code:
            continue
        # the quota the nominee counts in (the round's unit for a nominee without a unit)
        home = nomination.person.current_unit if nomination.person is not None else None
        level = quota_unit(home or round_.owning_unit)
        (use,) = quota_uses([level], round_.year, rule.fraction, exclude=nomination.pk)
        allowed, base = use.allowed, use.base_count
        used = use.awarded + use.submitted
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


def candidate_list_quotas(lst: CandidateList | CandidatePage) -> list[UnitQuota]:
    """The "Within the quota" table of a candidate list: one line per unit the quota applies
    to (a division's people count in its department), units in Vietnamese order."""
    return lst.level_quotas


# Nominations that have left the clerk's desk (or came back to it) use up the quota.
USING_STATES = ACTIVE_STATES - {NominationState.DRAFT}
# Nominations still on their way: a decided one is counted through its award.
PROPOSED_STATES = ACTIVE_STATES - {NominationState.DECIDED}


class LiveNominationCount:
    """The nominations' side of `quota_uses` (eligibility ranks below nominations): registered
    by nominations/apps.py."""

    def live(
        self, people: QuerySet[Person], code: str, period: int, exclude: int | None
    ) -> dict[int, tuple[str, int | None]]:
        qs = Nomination.objects.filter(
            person__in=people, kind__code=code, period=period, state__in=ACTIVE_STATES
        )
        if exclude is not None:
            qs = qs.exclude(pk=exclude)
        return {
            person: (state, unit)
            for person, state, unit in qs.values_list("person_id", "state", "person__current_unit")
        }

    def on_its_way(self, state: str) -> bool:
        return state in PROPOSED_STATES

    def submitted(self, state: str) -> bool:
        return state in USING_STATES
