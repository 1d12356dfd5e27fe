"""Statistics of emulation and commendation for a unit subtree and a range of years.

One grouped query over the awards of issued decisions (revoked awards left out), counted by
award kind, award type, subject (collective / individual / household), gender, the subject's
unit and the year the decision was signed. The subject's unit is placed in the tree as it stands
on `as_of` through its lineage (`orgs.domain.queries.rollup.placements`), so awards of units
merged or split in the 2025 reform count once, under the unit that carries their history.

The quota table (`AwardStatistics.quota_use`) is the exception: it counts LĐTT and CSTĐCS by
the year they reward, at the quota level, with the quota computation of the rounds.

Everything else — the tables of the statistics page, the statutory forms (`statistical_forms`),
the programme review's "commendations by level and form" — is read from `AwardStatistics`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from vinhdanh.awards.enums import DecisionKind, DecisionStatus
from vinhdanh.awards.models import Award, AwardKind
from vinhdanh.common.text import collation_key
from vinhdanh.eligibility.domain.queries.quotas import allowance, quota_uses
from vinhdanh.eligibility.services import review_date
from vinhdanh.nominations.domain.parameters import parameters_for
from vinhdanh.orgs.domain.queries.pickers import unit_options
from vinhdanh.orgs.domain.queries.rollup import path_ids, placements
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import quota_units
from vinhdanh.orgs.models import Unit
from vinhdanh.orgs.models.units import UnitQuerySet

INDIVIDUAL = "individual"
COLLECTIVE = "collective"


@dataclass(frozen=True)
class Cell:
    """One group of awards: everything the tables can be cut by."""

    kind_id: int
    award_type: str
    subject: str  # INDIVIDUAL or COLLECTIVE
    gender: str  # "M", "F" or "" (collectives, or not recorded)
    unit_id: int  # the unit under the root that carries the subject's history
    year: int
    count: int


@dataclass(frozen=True)
class QuotaUse:
    """CSTĐCS awarded against LĐTT awarded, in one quota level and for one year (rules.md
    R-CSTDCS-3)."""

    unit: Unit
    label: str  # the unit's path below the root ("Sở Y tế › Văn phòng Sở")
    year: int  # the year the titles reward
    ldtt: int
    cstdcs: int
    share: Fraction | None  # the quota parameter in force; None: no quota

    @property
    def allowance(self) -> int | None:
        return None if self.share is None else allowance(self.share, self.ldtt)

    @property
    def percent(self) -> int | None:
        """CSTĐCS as whole percent of LĐTT."""
        return None if not self.ldtt else round(100 * self.cstdcs / self.ldtt)

    @property
    def over(self) -> bool:
        allowance = self.allowance
        return allowance is not None and self.cstdcs > allowance


@dataclass
class AwardStatistics:
    root: Unit
    year_from: int
    year_to: int
    as_of: dt.date
    cells: list[Cell]
    kinds: dict[int, AwardKind]
    units: dict[int, Unit]  # the units cells point at
    branches: list[Unit] = field(default_factory=list)  # the root's sub-units on `as_of`

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells)

    def where(self, predicate: Callable[[Cell], bool]) -> AwardStatistics:
        """The same statistics restricted to some cells (e.g. thematic awards only)."""
        return AwardStatistics(
            root=self.root,
            year_from=self.year_from,
            year_to=self.year_to,
            as_of=self.as_of,
            cells=[c for c in self.cells if predicate(c)],
            kinds=self.kinds,
            units=self.units,
            branches=self.branches,
        )

    def count(self, **match: Any) -> int:
        """Awards whose cell matches every given attribute; a value may be a collection.

        Besides the Cell fields: `code` (award kind code), `level`, `category`.
        """
        return sum(c.count for c in self.cells if self._matches(c, match))

    def _matches(self, cell: Cell, match: dict[str, Any]) -> bool:
        kind = self.kinds[cell.kind_id]
        for key, wanted in match.items():
            if key == "code":
                value: Any = kind.code
            elif key in ("level", "category"):
                value = getattr(kind, key)
            else:
                value = getattr(cell, key)
            if isinstance(wanted, str | int) or wanted is None:
                if value != wanted:
                    return False
            elif value not in wanted:
                return False
        return True

    def by(self, *dimensions: str) -> dict[tuple[Any, ...], int]:
        """Counts per combination of dimensions: Cell fields, or `code`, `level`, `category`,
        `branch` (the root's sub-unit the subject sits under; the root itself for its own)."""
        out: Counter[tuple[Any, ...]] = Counter()
        for cell in self.cells:
            out[tuple(self._value(cell, d) for d in dimensions)] += cell.count
        return dict(out)

    def _value(self, cell: Cell, dimension: str) -> Any:
        if dimension == "code":
            return self.kinds[cell.kind_id].code
        if dimension in ("level", "category"):
            return getattr(self.kinds[cell.kind_id], dimension)
        if dimension == "branch":
            return self.branch_of(cell.unit_id)
        return getattr(cell, dimension)

    def branch_of(self, unit_id: int) -> int:
        """The root's sub-unit (on the path of `unit_id`) — or the root's own id."""
        ids = path_ids(self.units[unit_id].path)
        below = ids[ids.index(self.root.pk) + 1 :] if self.root.pk in ids else []
        return below[0] if below else self.root.pk

    def kinds_by_level(self) -> list[tuple[AwardKind, int, int]]:
        """Commendations by level and form: (kind, collectives, individuals), catalogue order."""
        per = self.by("kind_id", "subject")
        rows = []
        for kind in sorted(self.kinds.values(), key=_kind_order):
            collectives = per.get((kind.pk, COLLECTIVE), 0)
            individuals = per.get((kind.pk, INDIVIDUAL), 0)
            if collectives or individuals:
                rows.append((kind, collectives, individuals))
        return rows

    def quota_use(
        self, share_for: Callable[[Unit, int], Fraction | None] | None = None
    ) -> list[QuotaUse]:
        """CSTĐCS against LĐTT per quota level and year, for every level that has either.

        Unlike the other tables, a year here is the year the titles reward (the award's
        period), not the year the decision was signed: a year's titles are decided at the
        year-end review early the next year. The levels are the quota levels under the root
        (`quota_units`: a division counts in its department, a village in its commune) and the
        figures come from the quota computation of the rounds and the candidate lists
        (`quota_uses`), awarded titles only. Levels in tree order, Vietnamese collation.
        """
        share_for = share_for or _quota_share
        levels = _quota_levels(self.root, self.as_of)
        if not levels:
            return []
        labels = {
            option.pk: option
            for option in unit_options(levels, root=self.root.path)
            if option.pk != self.root.pk
        }
        levels.sort(
            key=lambda u: (u.pk != self.root.pk, labels[u.pk].sort if u.pk in labels else ())
        )
        rows: list[QuotaUse] = []
        for year in _titled_years(self.year_from, self.year_to):
            share = share_for(self.root, year)
            for line in quota_uses(
                levels, year, share or Fraction(0), cover=self.root, awarded_only=True
            ):
                if line.base_count or line.awarded:
                    rows.append(
                        QuotaUse(
                            unit=line.unit,
                            label=labels[line.unit.pk].label
                            if line.unit.pk in labels
                            else line.unit.name,
                            year=year,
                            ldtt=line.base_count,
                            cstdcs=line.awarded,
                            share=share,
                        )
                    )
        order = {unit.pk: n for n, unit in enumerate(levels)}
        rows.sort(key=lambda row: (order[row.unit.pk], row.year))
        return rows


def _quota_levels(root: Unit, as_of: dt.date) -> list[Unit]:
    """The quota levels of the units under the root on `as_of` (the root's own when the root
    is itself a level); none above the root: their figures reach beyond its subtree."""
    homes = quota_units(Unit.objects.valid_on(as_of).filter(path__startswith=root.path))
    return list({h.pk: h for h in homes.values() if h.path.startswith(root.path)}.values())


def _titled_years(year_from: int, year_to: int) -> list[int]:
    """The years in the range that some LĐTT or CSTĐCS rewards (one query, so that a long
    range does not read the quota of every empty year)."""
    periods = (
        Award.objects.filter(
            kind__code__in=("LDTT", "CSTDCS"),
            period__range=(year_from, year_to),
            revoked_by__isnull=True,
            decision__status=DecisionStatus.ISSUED,
        )
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(period for period in periods if period is not None)


def _kind_order(kind: AwardKind) -> tuple[int, int, int]:
    levels = {"state": 0, "ministry_province": 1, "base": 2}
    return (levels.get(kind.level, 3), kind.sort_order, kind.pk)


def _quota_share(root: Unit, year: int) -> Fraction | None:
    """The CSTĐCS quota (share of LĐTT) for the titles of a year: the one in force at the
    year-end review that decides them (mid-January of the next year), for the root's rounds.
    Parameters are versioned by date: a share valid from 01/01/2025 caps the titles of 2024."""
    return parameters_for(root, review_date(year)).cstdcs_quota_of_ldtt


def award_statistics(
    root: Unit,
    year_from: int,
    year_to: int,
    *,
    as_of: dt.date | None = None,
    award_types: Collection[str] | None = None,
    kind_codes: Collection[str] | None = None,
    decisions: Iterable[int] | None = None,
) -> AwardStatistics:
    """The awards of issued decisions signed in [year_from, year_to] to subjects under `root`.

    `award_types`, `kind_codes` and `decisions` narrow the awards counted (a programme review
    counts its thematic awards, or the awards of its own decisions).
    """
    if year_to < year_from:
        year_from, year_to = year_to, year_from
    as_of = as_of or dt.date.today()
    awards = _counted_awards(year_from, year_to, award_types, kind_codes, decisions)
    cells, inside = _cells_under(root, awards, as_of)
    kinds = AwardKind.objects.in_bulk({c.kind_id for c in cells})
    units = {p.pk: p for p in inside.values()}
    branches = sorted(
        Unit.objects.valid_on(as_of).filter(parent=root), key=lambda u: collation_key(u.name)
    )
    return AwardStatistics(
        root=root,
        year_from=year_from,
        year_to=year_to,
        as_of=as_of,
        cells=cells,
        kinds=kinds,
        units=units | {root.pk: root},
        branches=branches,
    )


def _counted_awards(
    year_from: int,
    year_to: int,
    award_types: Collection[str] | None,
    kind_codes: Collection[str] | None,
    decisions: Iterable[int] | None,
) -> QuerySet[Award]:
    """Awards in force of issued award decisions signed in the years, narrowed as asked."""
    awards = Award.objects.filter(
        decision__status=DecisionStatus.ISSUED,
        decision__kind=DecisionKind.AWARD,
        decision__signed_on__range=(dt.date(year_from, 1, 1), dt.date(year_to, 12, 31)),
        revoked_by__isnull=True,
    )
    if award_types is not None:
        awards = awards.filter(award_type__in=list(award_types))
    if kind_codes is not None:
        awards = awards.filter(kind__code__in=list(kind_codes))
    if decisions is not None:
        awards = awards.filter(decision__in=list(decisions))
    return awards


def _cells_under(
    root: Unit, awards: QuerySet[Award], as_of: dt.date
) -> tuple[list[Cell], dict[int, Unit]]:
    """The counts per (kind, type, subject, gender, unit, year), each subject's unit placed in
    the tree as it stands on `as_of` (reformed units' awards go where their history went);
    and those placements that fall under the root."""
    # Subjects under the root by path, and those of ended units (their history may hang here).
    here = Q(unit__path__startswith=root.path) | Q(person__current_unit__path__startswith=root.path)
    ended = Q(unit__valid_to__isnull=False) | Q(person__current_unit__valid_to__isnull=False)
    groups = (
        awards.filter(here | ended)
        .annotate(
            subject_unit=Coalesce(F("unit_id"), F("person__current_unit_id")),
            year=F("decision__signed_on__year"),
            is_person=Case(When(person__isnull=False, then=Value(1)), default=Value(0)),
        )
        .values(
            "kind_id",
            "award_type",
            "subject_unit",
            "year",
            "person__gender",
            "is_person",
        )
        .annotate(n=Count("id"))
    )
    raw = [g for g in groups if g["subject_unit"] is not None]
    places = placements({g["subject_unit"] for g in raw}, as_of)
    inside = {u: p for u, p in places.items() if p.path.startswith(root.path)}
    # Several ended units may land in one place: their counts add up in one cell.
    merged: Counter[tuple[int, str, str, str, int, int]] = Counter()
    for g in raw:
        if g["subject_unit"] not in inside:
            continue
        subject = INDIVIDUAL if g["is_person"] else COLLECTIVE
        gender = (g["person__gender"] or "") if g["is_person"] else ""
        place = inside[g["subject_unit"]].pk
        merged[(g["kind_id"], g["award_type"], subject, gender, place, g["year"])] += g["n"]
    cells = [
        Cell(
            kind_id=kind_id,
            award_type=award_type,
            subject=subject,
            gender=gender,
            unit_id=unit_id,
            year=year,
            count=n,
        )
        for (kind_id, award_type, subject, gender, unit_id, year), n in sorted(merged.items())
    ]
    return cells, inside


def statistics_roots(user: Any, *, on: dt.date | None = None) -> UnitQuerySet:
    """The units whose whole subtree the user reaches: the roots they may take statistics of."""
    scope = unit_scope(user)
    units = Unit.objects.valid_on(on or dt.date.today())
    if scope.everything:
        return units
    query = Q(pk__in=[])
    for path in scope.subtree_paths:
        query |= Q(path__startswith=path)
    return units.filter(query)
