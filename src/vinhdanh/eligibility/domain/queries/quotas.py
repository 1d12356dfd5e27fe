"""The CSTĐCS quota of a unit for a year and its use (rules.md R-CSTDCS-3): the one computation
behind a round's quota (nominations.domain.quotas) and the candidate lists' "Trong tỷ lệ".

The quota applies at a unit's quota level (`orgs.domain.queries.units.quota_unit`): a
division's (phòng) people count in their department's quota, a village's in its commune's.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from django.db.models import Q, QuerySet

from vinhdanh.awards.enums import DecisionStatus
from vinhdanh.awards.models import Award
from vinhdanh.orgs.domain.queries.units import quota_units
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person


class LiveNominations(Protocol):
    """Who is nominated for a title in a year. The nominations app ranks above this one
    (CONTRIBUTING.md, "Layers"): it registers its answer when it loads
    (`count_nominations_with`)."""

    def live(
        self, people: QuerySet[Person], code: str, period: int, exclude: int | None
    ) -> dict[int, tuple[str, int | None]]:
        """person id -> (state of their live nomination, decided ones included; their unit)."""
        ...

    def on_its_way(self, state: str) -> bool:
        """Not yet decided: a decided nomination is counted through its award."""
        ...

    def submitted(self, state: str) -> bool:
        """Past the clerk's desk (or back on it after a return)."""
        ...


class _NoNominations:
    def live(
        self, people: QuerySet[Person], code: str, period: int, exclude: int | None
    ) -> dict[int, tuple[str, int | None]]:
        return {}

    def on_its_way(self, state: str) -> bool:
        return False

    def submitted(self, state: str) -> bool:
        return False


_nominations: LiveNominations = _NoNominations()


def count_nominations_with(source: LiveNominations) -> None:
    global _nominations
    _nominations = source


def _percent(fraction: Fraction) -> str:
    value = float(fraction * 100)
    return f"{value:g}"


def allowance(fraction: Fraction, base_count: int) -> int:
    return math.floor(fraction * base_count)


class QuotaFigures:
    """The figures every quota table shows, with one meaning on every page (the candidate
    lists, a round's page, the .xlsx, the submission check's message): allowed; already
    awarded for the year; in dossiers under way (every live nomination not yet decided, drafts
    included); remaining = allowed − awarded − in dossiers, never below 0, with by how many the
    quota is exceeded apart."""

    allowed: int
    awarded: int
    proposed: int

    @property
    def used(self) -> int:
        """Awarded for the year or in a dossier under way."""
        return self.awarded + self.proposed

    @property
    def remaining(self) -> int:
        return max(0, self.allowed - self.used)

    @property
    def over_by(self) -> int:
        return max(0, self.used - self.allowed)

    @property
    def over(self) -> bool:
        return self.over_by > 0

    @property
    def room(self) -> int:
        """The places the candidates of the year compete for: what is allowed less what is
        already awarded (never below 0). The people already proposed are candidates on the
        list themselves, so they are ranked within it, not taken off it."""
        return max(0, self.allowed - self.awarded)


@dataclass(frozen=True)
class UnitQuota(QuotaFigures):
    """One unit's use of its CSTĐCS quota for the year (`unit` is the level it applies to)."""

    unit: Unit
    fraction: Fraction
    base_count: int  # the unit's LĐTT for the year
    allowed: int
    awarded: int
    proposed: int  # in a live nomination, not yet awarded (drafts included)
    submitted: int = 0  # of those, past the clerk's desk

    @property
    def percent(self) -> str:
        return _percent(self.fraction)


def _levels_by_unit(levels: list[Unit], cover: Unit | None) -> tuple[Q, dict[int, int]]:
    """The people of the levels (as a filter) and, for each unit under the levels, the id of
    the level (of `levels`) whose quota its people count in. A person of a nested level (a
    school under a department) counts in that one only. `cover`: a unit whose subtree holds
    most levels (a candidate list's unit), so the units are read with one or two path prefixes
    rather than one per level. Mapped per unit, not per person: a province has a few thousand
    units and may have a million people."""
    paths: list[str] = []
    for path in sorted({u.path for u in [*levels, *([cover] if cover else [])]}, key=len):
        if not any(path.startswith(kept) for kept in paths):
            paths.append(path)
    units = Q(pk__in=[])
    for path in paths:
        units |= Q(path__startswith=path)
    homes = quota_units(Unit.objects.filter(units))
    wanted = {level.pk for level in levels}
    # the people by their units' ids: see people_under (people.domain.queries.people)
    people = Q(current_unit_id__in=list(homes))
    return people, {unit: home.pk for unit, home in homes.items() if home.pk in wanted}


def quota_uses(
    levels: list[Unit],
    period: int,
    fraction: Fraction,
    *,
    projected_base: Mapping[int, int | None] | None = None,
    exclude: int | None = None,
    cover: Unit | None = None,
    kind_code: str = "CSTDCS",
    base_code: str = "LDTT",
    awarded_only: bool = False,
) -> list[UnitQuota]:
    """The CSTĐCS quota of each level (a `quota_unit`) for the year and its use, in the order
    given: the one computation behind a round's quota and the candidate lists' table.

    Base: the level's people with LĐTT for the year, awarded or proposed in a live nomination
    of any round, or in `projected_base` (a candidate list's people eligible for it, person id
    -> their unit). Use: its people with CSTĐCS for the year, awarded or proposed in a live
    nomination (`exclude` leaves out the nomination being submitted). Five queries whatever
    the number of levels; only the people holding or proposed for the two titles are read.
    `awarded_only`: the titles awarded, no nomination counted (the statistics of years past).
    """
    query, level_of_unit = _levels_by_unit(levels, cover)
    people = Person.objects.filter(query)  # a subquery: no list of ids however many people

    def issued(code: str) -> dict[int, int | None]:
        """person id -> their unit"""
        return dict(
            Award.objects.filter(
                person__in=people,
                kind__code=code,
                period=period,
                revoked_by__isnull=True,
                decision__status=DecisionStatus.ISSUED,
            ).values_list("person_id", "person__current_unit")
        )

    def nominated(code: str) -> dict[int, tuple[str, int | None]]:
        if awarded_only:
            return {}
        return _nominations.live(people, code, period, exclude)

    base = issued(base_code)
    base.update({pk: unit for pk, (_state, unit) in nominated(base_code).items()})
    base.update(projected_base or {})
    awarded = issued(kind_code)
    proposed = {
        pk: (state, unit)
        for pk, (state, unit) in nominated(kind_code).items()
        if pk not in awarded and _nominations.on_its_way(state)
    }

    def per_level(units: Iterable[int | None]) -> Counter[int | None]:
        return Counter(level_of_unit.get(unit) if unit is not None else None for unit in units)

    base_counts = per_level(base.values())
    awarded_counts = per_level(awarded.values())
    proposed_counts = per_level(unit for _state, unit in proposed.values())
    submitted_counts = per_level(
        unit for state, unit in proposed.values() if _nominations.submitted(state)
    )
    lines = []
    for level in levels:
        base_count = base_counts[level.pk]
        lines.append(
            UnitQuota(
                unit=level,
                fraction=fraction,
                base_count=base_count,
                allowed=allowance(fraction, base_count),
                awarded=awarded_counts[level.pk],
                proposed=proposed_counts[level.pk],
                submitted=submitted_counts[level.pk],
            )
        )
    return lines
