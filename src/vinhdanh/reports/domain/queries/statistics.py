"""Statistics of emulation and commendation for a unit subtree and a range of years.

One grouped query over the awards of issued decisions (revoked awards left out), counted by
award kind, award type, subject (collective / individual / household), gender, the subject's
unit and the year the decision was signed. The subject's unit is placed in the tree as it stands
on `as_of` through its lineage (`orgs.domain.queries.rollup.placements`), so awards of units
merged or split in the 2025 reform count once, under the unit that carries their history.

Everything else — the tables of the statistics page, the statutory forms (`statistical_forms`),
the programme review's "commendations by level and form" — is read from `AwardStatistics`.
"""

from __future__ import annotations

import datetime as dt
import math
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
from vinhdanh.nominations.domain.parameters import parameters_for
from vinhdanh.orgs.domain.queries.rollup import path_ids, placements
from vinhdanh.orgs.domain.queries.scope import unit_scope
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
    """CSTĐCS awarded against LĐTT awarded, in one unit and one year (rules.md R-CSTDCS-3)."""

    unit: Unit
    year: int
    ldtt: int
    cstdcs: int
    share: Fraction | None  # the quota parameter in force; None: no quota

    @property
    def allowance(self) -> int | None:
        return None if self.share is None else math.floor(self.share * self.ldtt)

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
        """CSTĐCS against LĐTT per unit and year, for every unit that has either."""
        per = self.by("unit_id", "year", "code")
        pairs = sorted(
            {(u, y) for (u, y, code) in per if code in ("LDTT", "CSTDCS")},
            key=lambda p: (self.units[p[0]].path, p[1]),
        )
        share_for = share_for or _quota_share
        shares: dict[int, Fraction | None] = {}
        rows = []
        for unit_id, year in pairs:
            if year not in shares:
                shares[year] = share_for(self.root, year)
            rows.append(
                QuotaUse(
                    unit=self.units[unit_id],
                    year=year,
                    ldtt=per.get((unit_id, year, "LDTT"), 0),
                    cstdcs=per.get((unit_id, year, "CSTDCS"), 0),
                    share=shares[year],
                )
            )
        return rows


def _kind_order(kind: AwardKind) -> tuple[int, int, int]:
    levels = {"state": 0, "ministry_province": 1, "base": 2}
    return (levels.get(kind.level, 3), kind.sort_order, kind.pk)


def _quota_share(root: Unit, year: int) -> Fraction | None:
    """The CSTĐCS quota (share of LĐTT) in force at the end of the year for the root's rounds."""
    return parameters_for(root, dt.date(year, 12, 31)).cstdcs_quota_of_ldtt


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
