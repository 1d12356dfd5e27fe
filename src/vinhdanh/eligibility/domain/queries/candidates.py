"""Candidate lists: every person, or every collective, of a unit and its sub-units against
the annual titles and the forms the engine checks."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl
from django.db.models import QuerySet

from vinhdanh.awards.models import AwardKind
from vinhdanh.common.computed_once import computed_once
from vinhdanh.common.freshness import unit_token
from vinhdanh.common.text import collation_key
from vinhdanh.eligibility.core import BatchResult, Outcome, engine, evaluate_many
from vinhdanh.eligibility.core.engine import outcome_column
from vinhdanh.eligibility.domain.queries.facts import unit_facts
from vinhdanh.eligibility.domain.queries.parameters import parameters_for
from vinhdanh.eligibility.domain.queries.quotas import UnitQuota, quota_uses
from vinhdanh.eligibility.services import (
    COLLECTIVE_CODES,
    PERSON_CODES,
    batch_for_people,
    default_decision_date,
)
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.domain.queries.units import quota_unit, quota_units
from vinhdanh.orgs.models import Unit
from vinhdanh.people.domain.queries.people import people_under
from vinhdanh.people.models import Person

OUTCOMES = [o.value for o in Outcome]

# The collectives' lists: the collective titles, the flags, Bằng khen for collectives and the
# commune and village titles. Which units each one lists follows the catalogue's subjects.
COLLECTIVE_LIST_CODES: tuple[str, ...] = (
    *COLLECTIVE_CODES,
    "CTD_BT",
    "CTD_CP",
    "BK_BT",
    "XA_TB",
    "THON_VH",
)
# A collective's history the collective titles look back on (consecutive years, chains).
HISTORY_YEARS = 10


@dataclass
class CandidateRow:
    person: Person
    outcome: str
    rank: int | None = None
    within_quota: bool | None = None


@dataclass
class CandidateList:
    unit: Unit
    period: int
    decision_date: dt.date
    batch: BatchResult
    people: QuerySet[Person]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # each person's unit -> the unit whose CSTĐCS quota it counts in (orgs quota_units)
    quota_units: dict[int, Unit] = field(default_factory=dict)

    @property
    def quota_groups(self) -> dict[int, int]:
        return {unit_id: unit.pk for unit_id, unit in self.quota_units.items()}

    @cached_property
    def level_quotas(self) -> list[UnitQuota]:
        """Each quota level's CSTĐCS quota and use for the year, levels in Vietnamese order:
        the same figures as a round of that unit (quotas.quota_uses), with the people this
        list finds eligible for LĐTT added to the base."""
        fraction = self.batch.cstdcs_share
        if fraction is None:
            return []
        levels = {level.pk: level for level in self.quota_units.values()}
        ordered = sorted(levels.values(), key=lambda u: (collation_key(u.name), u.pk))
        return quota_uses(
            ordered,
            self.period,
            fraction,
            projected_base=self.ldtt_base_people(),
            cover=self.unit,
        )

    @property
    def quota(self) -> dict[int, int]:
        """CSTĐCS allowed per quota level."""
        return {q.unit.pk: q.allowed for q in self.level_quotas}

    def rows(
        self, code: str, outcome: str | None = "ELIGIBLE", limit: int = 500
    ) -> list[CandidateRow]:
        """The people for one title, priority group first (R-PRIN-5), in Vietnamese order."""
        frame = self.batch.frame.select(
            "subject_id", pl.col(outcome_column(code)).alias("outcome"), "priority"
        )
        if outcome is not None:
            frame = frame.filter(pl.col("outcome") == outcome)
        if code == "CSTDCS":
            # within the quota: ranked inside what the year's awards leave of each level's
            # quota (allowed − already awarded), the same figures as the quota table
            ranked = self.batch.cstdcs_quota(
                self.quota_groups,
                self.quota,
                {q.unit.pk: q.awarded for q in self.level_quotas},
            ).select("subject_id", "rank", "within_quota")
            frame = frame.join(ranked, on="subject_id", how="left")
        else:
            frame = frame.with_columns(
                pl.lit(None, dtype=pl.UInt32).alias("rank"),
                pl.lit(None, dtype=pl.Boolean).alias("within_quota"),
            )
        keys = pl.DataFrame(
            list(self.people.values_list("pk", "sort_key")),
            schema={"subject_id": pl.Int64, "sort_key": pl.String},
            orient="row",
        )
        top = (
            frame.join(keys, on="subject_id", how="inner")
            .sort(
                ["rank", "priority", "sort_key"], descending=[False, True, False], nulls_last=True
            )
            .head(limit)
        )
        # the list shows each person's unit: read with them, not one query per row
        people = Person.objects.select_related("current_unit").in_bulk(
            top.get_column("subject_id").to_list()
        )
        return [
            CandidateRow(people[r["subject_id"]], r["outcome"], r["rank"], r["within_quota"])
            for r in top.iter_rows(named=True)
            if r["subject_id"] in people
        ]

    def held_count(self, code: str) -> int:
        """How many in the list already hold the title for the period (R-PRIN-1): why an
        eligible list can be empty."""
        column = f"held_{code}"
        if column not in self.batch.frame.columns:
            return 0
        return int(self.batch.frame.get_column(column).fill_null(False).sum())

    def ldtt_base_people(self) -> dict[int, int | None]:
        """The people the engine counts in the CSTĐCS quota's base (LĐTT held for the year or
        eligible for it on this list), each with their unit."""
        frame = self.batch.frame.filter(self.batch.ldtt_base()).select("subject_id", "unit_id")
        return {int(pk): int(unit) if unit is not None else None for pk, unit in frame.iter_rows()}


def candidate_list(
    *,
    unit: Unit,
    period: int,
    scope: UnitScope,
    decision_date: dt.date | None = None,
    codes: Sequence[str] = PERSON_CODES,
) -> CandidateList:
    decision_date = decision_date or default_decision_date(period)
    people = people_under(unit, scope)
    batch = batch_for_people(people, period, decision_date, jurisdiction=unit, codes=tuple(codes))
    counts: dict[str, dict[str, int]] = {code: {} for code in codes}
    for row in batch.counts().iter_rows(named=True):
        counts[row["code"]][row["outcome"]] = row["len"]
    levels = quota_units(Unit.objects.filter(pk__in=people.values("current_unit")))
    return CandidateList(unit, period, decision_date, batch, people, counts, levels)


@dataclass(frozen=True)
class _PageData:
    """What one title's page of a list needs from the engine, as plain data (cacheable)."""

    counts: dict[str, dict[str, int]]
    # each quota level's CSTĐCS quota and use; the quota's nominations are facts too
    # (nominations/apps.py watches them), so a cached line never lags a dossier
    level_quotas: list[UnitQuota]
    held: int
    # (person id, outcome, rank, within quota) in the list's order
    rows: list[tuple[int, str, int | None, bool | None]]


@dataclass
class CandidatePage:
    """One title of a unit's candidate list as its page shows it (the counts of every title,
    the quota, the first `limit` rows): `candidate_page` keeps it in the cache."""

    unit: Unit
    period: int
    decision_date: dt.date
    code: str
    people: QuerySet[Person]
    data: _PageData

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        return self.data.counts

    @property
    def level_quotas(self) -> list[UnitQuota]:
        return self.data.level_quotas

    @property
    def quota(self) -> dict[int, int]:
        return {q.unit.pk: q.allowed for q in self.data.level_quotas}

    def held_count(self, code: str) -> int:
        return self.data.held if code == self.code else 0

    def rows(self) -> list[CandidateRow]:
        """The rows, with each person and their unit read now (a person who left the list's
        units since does not show)."""
        found = self.people.select_related("current_unit").in_bulk([r[0] for r in self.data.rows])
        return [
            CandidateRow(found[pk], outcome, rank, within)
            for pk, outcome, rank, within in self.data.rows
            if pk in found
        ]


# Lists up to this size are kept (a province's list is built by the worker instead).
PAGE_CACHE_MAX_PEOPLE = 50_000
PAGE_CACHE_SECONDS = 24 * 3600


@functools.cache
def rules_version() -> str:
    """A fingerprint of the engine's code and data: a new release of the rules renews lists."""
    root = Path(engine.__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".toml", ".yaml", ".yml", ".csv"}:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _scope_key(scope: UnitScope) -> str:
    return f"{scope.everything}|{','.join(sorted(scope.subtree_paths))}|{sorted(scope.exact_ids)}"


def candidate_page(
    *,
    unit: Unit,
    period: int,
    scope: UnitScope,
    decision_date: dt.date,
    code: str,
    outcome: str | None,
    limit: int = 500,
) -> CandidatePage:
    """`candidate_list(...).rows(code, outcome, limit)` with its counts and quota, from the
    cache while the facts (common/freshness.py), the rules and the user's units are unchanged."""
    people = people_under(unit, scope)
    parts = [
        # the facts of the unit's subtree, and of its quota level's when that lies above it: a
        # change in another commune leaves this list kept (common/freshness.py)
        unit_token(unit, quota_unit(unit)),
        rules_version(),
        unit.pk,
        unit.path,
        period,
        decision_date.isoformat(),
        code,
        outcome or "",
        limit,
        _scope_key(scope),
    ]
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    key = f"vinhdanh:candidates:{digest}"

    def compute() -> tuple[_PageData, bool]:
        lst = candidate_list(unit=unit, period=period, scope=scope, decision_date=decision_date)
        data = _PageData(
            counts=lst.counts,
            level_quotas=lst.level_quotas,
            held=lst.held_count(code),
            rows=[
                (r.person.pk, r.outcome, r.rank, r.within_quota)
                for r in lst.rows(code, outcome, limit)
            ],
        )
        return data, lst.batch.frame.height <= PAGE_CACHE_MAX_PEOPLE

    # several clerks opening the same cold list wait for one computation (common/computed_once)
    data = computed_once(key, compute, timeout=PAGE_CACHE_SECONDS)
    return CandidatePage(unit, period, decision_date, code, people, data)


@dataclass
class CollectiveRow:
    unit: Unit
    outcome: str


@dataclass
class CollectiveCandidateList:
    """The collectives of a subtree against each collective title, with the engine's answers."""

    unit: Unit
    period: int
    decision_date: dt.date
    batch: BatchResult
    units: dict[int, Unit]
    # Per code, the kinds of subject it goes to (collective, commune, village …).
    subjects: dict[str, frozenset[str]]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return self.batch.codes

    def _frame(self, code: str) -> pl.DataFrame:
        frame = self.batch.frame.select(
            "subject_id", "subject_type", pl.col(outcome_column(code)).alias("outcome")
        )
        types = self.subjects.get(code)
        if types:
            frame = frame.filter(pl.col("subject_type").is_in(list(types)))
        return frame

    def rows(
        self, code: str, outcome: str | None = "ELIGIBLE", limit: int = 500
    ) -> list[CollectiveRow]:
        """The units a title goes to, by their names in Vietnamese order."""
        frame = self._frame(code)
        if outcome is not None:
            frame = frame.filter(pl.col("outcome") == outcome)
        found = [
            (self.units[r["subject_id"]], r["outcome"])
            for r in frame.iter_rows(named=True)
            if r["subject_id"] in self.units
        ]
        found.sort(key=lambda pair: (collation_key(pair[0].name), pair[0].pk))
        return [CollectiveRow(unit, outcome) for unit, outcome in found[:limit]]

    def outcome_of(self, code: str, unit_id: int) -> str | None:
        """The outcome for one unit, or None when the title does not go to its kind."""
        frame = self._frame(code).filter(pl.col("subject_id") == unit_id)
        return frame.item(0, "outcome") if frame.height else None


def _collective_counts(
    batch: BatchResult, subjects: dict[str, frozenset[str]]
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for code in batch.codes:
        frame = batch.frame.select("subject_type", outcome=pl.col(outcome_column(code)))
        if subjects.get(code):
            frame = frame.filter(pl.col("subject_type").is_in(list(subjects[code])))
        counts[code] = dict(frame.group_by("outcome").len().iter_rows())
    return counts


def collective_candidate_list(
    *,
    unit: Unit,
    period: int,
    scope: UnitScope,
    decision_date: dt.date | None = None,
    codes: Sequence[str] = COLLECTIVE_LIST_CODES,
) -> CollectiveCandidateList:
    """Every collective of the unit's subtree (the unit included) that existed in the year."""
    decision_date = decision_date or default_decision_date(period)
    units = (
        Unit.objects.filter(path__startswith=unit.path, is_collective=True)
        .filter(scope.q())
        .filter(valid_from__lte=dt.date(period, 12, 31))
        .exclude(valid_to__lt=dt.date(period, 1, 1))
    )
    facts = unit_facts(units, years=range(period - HISTORY_YEARS + 1, period + 1))
    batch = evaluate_many(
        facts, tuple(codes), period, decision_date, parameters_for(decision_date, unit)
    )
    kinds = AwardKind.objects.filter(code__in=list(codes)).values_list("code", "subject_types")
    subjects = {
        code: frozenset(t for t in types or () if t != "individual") for code, types in kinds
    }
    return CollectiveCandidateList(
        unit,
        period,
        decision_date,
        batch,
        # the lists name each collective with its parent (many are called "Văn phòng Sở")
        units.select_related("parent").in_bulk(),
        subjects,
        _collective_counts(batch, subjects),
    )
