"""Candidate lists: every person of a unit (and its sub-units) against every annual title."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl
from django.db.models import QuerySet

from vinhdanh.eligibility.core import BatchResult, Outcome
from vinhdanh.eligibility.core.engine import outcome_column
from vinhdanh.eligibility.services import PERSON_CODES, batch_for_people, default_decision_date
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

OUTCOMES = [o.value for o in Outcome]


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
    quota: dict[int, int] = field(default_factory=dict)

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
            ranked = self.batch.cstdcs_quota().select("subject_id", "rank", "within_quota")
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


def candidate_list(
    *,
    unit: Unit,
    period: int,
    scope: UnitScope,
    decision_date: dt.date | None = None,
    codes: Sequence[str] = PERSON_CODES,
) -> CandidateList:
    decision_date = decision_date or default_decision_date(period)
    people = Person.objects.filter(current_unit__path__startswith=unit.path).filter(
        scope.q("current_unit")
    )
    batch = batch_for_people(people, period, decision_date, jurisdiction=unit, codes=tuple(codes))
    counts: dict[str, dict[str, int]] = {code: {} for code in codes}
    for row in batch.counts().iter_rows(named=True):
        counts[row["code"]][row["outcome"]] = row["len"]
    quota: dict[int, int] = {}
    ranked = batch.cstdcs_quota()
    if ranked.height:
        quota = dict(ranked.select("unit_id", "quota").unique().iter_rows())
    return CandidateList(unit, period, decision_date, batch, people, counts, quota)
