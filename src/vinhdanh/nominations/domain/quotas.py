"""Quotas (rules.md §5.3, R-CSTDCS-3): CSTĐCS at most a share of the LĐTT "in the unit".

The share is the engine's parameter `cstdcs_quota_of_ldtt` (15% under the 2013 regime; no
national cap under the 2022 regime unless a province or ministry sets one), for the round's
unit and decision date. The allowance is rounded down.

The unit is the quota level (`orgs...units.quota_unit`): a division's (phòng) people count in
their department's quota, a village's in its commune's. One computation, `quota_uses`, gives
a level's figures for the year: base = its people with LĐTT awarded or in a live nomination
of any round (plus, on a candidate list, those the engine finds eligible); use = its people's
CSTĐCS awarded or in a live nomination. The round's report and the candidate lists' "Trong tỷ
lệ" table both read it and show the same figures with the same labels (`QuotaFigures`:
allowed, already awarded this year, in dossiers under way — drafts included —, remaining,
never below 0, and by how many it is exceeded); the round's page adds how many of the dossiers
are submitted. Submitting beyond the allowance (already awarded + submitted + this one; drafts
do not block) is refused unless the round carries a recorded reason to exceed it. A round's
page shows a quota only for a title the round can hold (`holds`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vinhdanh.awards.models import AwardKind
from vinhdanh.common.freshness import unit_token
from vinhdanh.eligibility.domain.queries.candidates import CandidateList, CandidatePage
from vinhdanh.eligibility.domain.queries.quotas import (
    QuotaFigures,
    UnitQuota,
    _percent,
    quota_uses,
)
from vinhdanh.nominations.domain.offers import meant_for
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
class QuotaLine(QuotaFigures):
    """A round's quota line: the figures of the candidate lists' table (`QuotaFigures`, the
    same meaning and labels), with how many of the dossiers under way are already submitted."""

    kind: AwardKind
    base_kind: AwardKind
    fraction: Fraction
    base_count: int
    allowed: int
    awarded: int  # already awarded for the year
    proposed: int  # in dossiers under way: every live nomination not yet decided, drafts too
    submitted: int  # of those, submitted or further (what a submission is checked against)
    unit: Unit | None = None  # the unit the quota applies to (its quota level)

    @property
    def applies(self) -> bool:
        """Worth showing: the unit has a base (LĐTT) for the year or a dossier for the kind.
        "25% of 0 LĐTT" with nothing proposed is noise."""
        return self.base_count > 0 or self.proposed > 0

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
    the same figures as the candidate lists' "Within the quota" table). Every rule's line: the
    checks read it for the title they check; the page keeps the titles the round can hold
    (`round_quota_lines`)."""
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
                proposed=use.proposed,
                submitted=use.submitted,
                unit=level,
            )
        )
    return lines


def holds(round_: Round, kind: AwardKind) -> bool:
    """Can the round hold nominations for `kind`, so that its quota concerns the round: the
    round is meant for it (its decider awards it, its type of award is one the kind is given
    as), or it holds a live nomination for it all the same (made before the round changed)."""
    return (
        meant_for(round_, kind)
        or Nomination.objects.filter(round=round_, kind=kind, state__in=ACTIVE_STATES).exists()
    )


# The round page's quota lines are kept while the facts of its quota level are unchanged (a
# dossier or an award there, a parameter or a unit renews them, common/freshness.py):
# counting a department's year reads tens of thousands of awards at 1,000,000 people.
QUOTA_PAGE_CACHE_SECONDS = 3600


def round_quota_lines(round_: Round) -> list[QuotaLine]:
    """The round page's quota lines: `quota_report` for the titles the round can hold
    (`holds`: a quota of CSTĐCS says nothing of a round of Bằng khen), from the cache while
    the facts and the round are unchanged. Checks that guard a change (`submission_blocker`,
    the drafts' quota) count afresh inside their transaction instead."""
    parts = [
        # the facts of the quota level's subtree (common/freshness.py)
        unit_token(quota_unit(round_.owning_unit)),
        round_.pk,
        round_.owning_unit_id,
        round_.year,
        decision_date(round_).isoformat(),
    ]
    # "v2": the lines' figures (QuotaLine) changed shape; no line of before is read back
    key = "vinhdanh:round-quota:v2:" + ":".join(map(str, parts))
    lines: list[QuotaLine] | None = cache.get(key)
    if lines is None:
        lines = quota_report(round_)
        cache.set(key, lines, QUOTA_PAGE_CACHE_SECONDS)
    # not kept: the round's decider and type of award may change while the facts do not
    return [line for line in lines if holds(round_, line.kind)]


def submission_blocker(nomination: Nomination) -> str | None:
    """Why submitting this nomination would exceed the round's quota, or None. Drafts do not
    block a submission: what is already awarded for the year and the dossiers already
    submitted, with this one, must stay within what is allowed."""
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
        if use.awarded + use.submitted + 1 > use.allowed:
            # on the quota tables this dossier is one of those under way
            shown = dataclasses.replace(use, proposed=use.proposed + 1)
            return over_quota_message(
                kind=nomination.kind.short_vi or rule.kind_code,
                unit=level,
                percent=_percent(rule.fraction),
                base_kind=_short(rule.base_code),
                figures=shown,
                why=ngettext(
                    "Of the dossiers under way, %(n)s other is already submitted: with "
                    "those already awarded this year, submitting this one too would go beyond "
                    "what is allowed.",
                    "Of the dossiers under way, %(n)s others are already submitted: with "
                    "those already awarded this year, submitting this one too would go beyond "
                    "what is allowed.",
                    use.submitted,
                )
                % {"n": use.submitted},
            )
    return None


def over_quota_message(
    *,
    kind: str,
    unit: Unit,
    percent: str,
    base_kind: str,
    figures: UnitQuota | QuotaLine,
    why: str,
) -> str:
    """Why a quota refuses a dossier, in the quota tables' own words (allowed, already
    awarded this year, in dossiers under way, remaining), then `why` this dossier does not
    fit."""
    values = {
        "kind": kind,
        "unit": unit.name,
        "allowed": figures.allowed,
        "percent": percent,
        "base": figures.base_count,
        "base_kind": base_kind,
        "awarded": figures.awarded,
        "proposed": figures.proposed,
        "remaining": figures.remaining,
        "over_by": figures.over_by,
    }
    if figures.over:
        text = _(
            "Over the %(kind)s quota of %(unit)s. Allowed: %(allowed)s (%(percent)s%% of the "
            "%(base)s %(base_kind)s of the year, rounded down); already awarded this year: "
            "%(awarded)s; in dossiers under way: %(proposed)s; remaining: %(remaining)s "
            "(over by %(over_by)s)."
        )
    else:
        text = _(
            "Over the %(kind)s quota of %(unit)s. Allowed: %(allowed)s (%(percent)s%% of the "
            "%(base)s %(base_kind)s of the year, rounded down); already awarded this year: "
            "%(awarded)s; in dossiers under way: %(proposed)s; remaining: %(remaining)s."
        )
    return " ".join(
        [
            text % values,
            why,
            _(
                "The head of the unit or the emulation office may record a reason to exceed "
                "the quota."
            ),
        ]
    )


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
