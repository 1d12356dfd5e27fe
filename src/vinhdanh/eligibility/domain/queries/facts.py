"""The adapter: read the engine's fact tables from the database in bulk.

One SQL query per fact table, streamed with fetchmany into polars frames; the same reading is
the baseline of the P1 benchmark. Queries are composed with the ORM (scoping stays in one
place) and executed raw, because materialising millions of model instances would cost more
than the whole evaluation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Q, QuerySet

from vinhdanh.awards.models import Award
from vinhdanh.eligibility.core.facts import SCHEMAS, FactTables
from vinhdanh.eligibility.core.vocab import DISCIPLINE_WARNING_OR_MORE, TRAINING_RESULTS_OK
from vinhdanh.orgs.domain.queries.rollup import add_up_tree, units_above
from vinhdanh.orgs.models import CollectiveRating, Unit
from vinhdanh.people.domain.queries.people import people_under
from vinhdanh.people.models import (
    Discipline,
    Initiative,
    Leave,
    PendingReview,
    Person,
    Post,
    TaskRating,
)

CHUNK = 200_000

# An award's facts, after the subject's id, as the engine's awards table names them.
_AWARD_COLUMNS = {
    "kind__code": "code",
    "period": "period",
    "decision__signed_on": "decision_date",
    "award_type": "award_type",
    "revoked_by_id": "revoked",
    "achievement_id": "achievement_id",
    "decision__decider_role": "decider_role",
}


@dataclass(frozen=True)
class FactQuery:
    """One fact table's SQL: the rows, and the engine's name for each column."""

    table: str
    rows: QuerySet[Any]
    columns: list[str]


def _award_query(awards: QuerySet[Award], subject: str) -> FactQuery:
    return FactQuery(
        "awards",
        awards.values_list(subject, *_AWARD_COLUMNS).order_by(),
        ["subject_id", *_AWARD_COLUMNS.values()],
    )


def person_queries(people: QuerySet[Person]) -> list[FactQuery]:
    """The person fact tables' queries (leave is read apart: it is spread over years)."""
    ids = people.values("pk")
    return [
        FactQuery(
            "subjects",
            people.values_list(
                "pk",
                "current_unit__level",
                "recruitment_date",
                "priority_group",
                "current_unit__priority_area",
                "current_unit_id",
            ).order_by(),
            [
                "subject_id",
                "unit_level",
                "recruitment_date",
                "priority",
                "area_priority",
                "unit_id",
            ],
        ),
        FactQuery(
            "years",
            TaskRating.objects.filter(person_id__in=ids)
            .values_list("person_id", "year", "rating", "months_worked", "movement_participation")
            .order_by(),
            ["subject_id", "year", "rating", "months_worked", "movement_participation"],
        ),
        _award_query(Award.objects.filter(person_id__in=ids), "person_id"),
        FactQuery(
            "initiatives",
            Initiative.authors.through.objects.filter(person_id__in=ids)
            .values_list(
                "person_id",
                "initiative__kind",
                "initiative__level",
                "initiative__recognised_on",
                "initiative__applied_effectively",
                "initiative__replicable",
            )
            .order_by(),
            ["subject_id", "kind", "level", "recognised_on", "applied_effectively", "replicable"],
        ),
        FactQuery(
            "discipline",
            Discipline.objects.filter(person_id__in=ids)
            .values_list("person_id", "form", "decision_date", "period_end")
            .order_by(),
            ["subject_id", "form", "decision_date", "period_end"],
        ),
        FactQuery(
            "pending_reviews",
            PendingReview.objects.filter(person_id__in=ids)
            .values_list("person_id", "kind", "opened", "closed")
            .order_by(),
            ["subject_id", "kind", "opened", "closed"],
        ),
    ]


def leave_query(people: QuerySet[Person]) -> QuerySet[Any]:
    return Leave.objects.filter(person_id__in=people.values("pk")).values_list(
        "person_id", "kind", "start_date", "end_date", "training_compliance", "training_result"
    )


def unit_queries(units: QuerySet[Unit]) -> list[FactQuery]:
    """The collectives' own fact tables' queries (members are aggregated apart)."""
    ids = units.values("pk")
    return [
        FactQuery(
            "subjects",
            units.values_list("pk", "level", "valid_to", "priority_area").order_by(),
            ["subject_id", "unit_level", "dissolved_on", "priority"],
        ),
        FactQuery(
            "years",
            CollectiveRating.objects.filter(unit_id__in=ids)
            .values_list("unit_id", "year", "rating")
            .order_by(),
            ["subject_id", "year", "rating"],
        ),
        _award_query(Award.objects.filter(unit_id__in=ids), "unit_id"),
        FactQuery(
            "pending_reviews",
            PendingReview.objects.filter(unit_id__in=ids)
            .values_list("unit_id", "kind", "opened", "closed")
            .order_by(),
            ["subject_id", "kind", "opened", "closed"],
        ),
    ]


def member_posts_query(paths: Iterable[str], first: int, last: int) -> FactQuery:
    """Main posts in the subtrees of these unit paths overlapping the years: who is a member
    of which collective when."""
    # One LIKE per subtree root: a whole province's collectives become a single condition.
    roots: list[str] = []
    for path in sorted(paths):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    path_filter = Q(pk__in=[])
    for path in roots:
        path_filter |= Q(unit__path__startswith=path)
    return FactQuery(
        "years",
        Post.objects.filter(path_filter, is_concurrent=False, start_date__lte=dt.date(last, 12, 31))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=dt.date(first, 1, 1)))
        .values_list("person_id", "unit__path", "start_date", "end_date")
        .order_by(),
        ["person_id", "path", "start_date", "end_date"],
    )


def _read(query: FactQuery) -> pl.DataFrame:
    return _frame(query.rows, query.columns, query.table)


def _frame(qs: QuerySet[Any], columns: list[str], table: str) -> pl.DataFrame:
    """Run a values_list queryset raw and build a frame typed like the engine's schema."""
    sql, params = qs.query.sql_with_params()
    schema = SCHEMAS[table]
    parts: list[pl.DataFrame] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            parts.append(pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None))
    if not parts:
        return pl.DataFrame(schema={c: schema.get(c, pl.String()) for c in columns})
    frame = pl.concat(parts, how="vertical_relaxed")
    casts = []
    for name in columns:
        target = schema.get(name)
        if target is None:
            continue
        if target == pl.Date() and frame.schema[name] == pl.String():
            casts.append(pl.col(name).str.to_date("%Y-%m-%d", strict=False).alias(name))
        else:
            casts.append(pl.col(name).cast(target, strict=False).alias(name))
    return frame.with_columns(casts) if casts else frame


def people_in(unit: Unit | None, scope_q: Q | None = None) -> QuerySet[Person]:
    qs = people_under(unit) if unit is not None else Person.objects.all()
    if scope_q is not None:
        qs = qs.filter(scope_q)
    return qs


def _award_facts(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col("revoked").is_not_null().alias("revoked"),
        pl.when(pl.col("achievement_id") == "")
        .then(None)
        .otherwise(pl.col("achievement_id"))
        .alias("achievement_id"),
    )


def person_facts(people: QuerySet[Person]) -> FactTables:
    """Fact tables for every person of the queryset (the batch path)."""
    frames = {q.table: _read(q) for q in person_queries(people)}
    subjects = (
        frames["subjects"]
        .with_columns(
            pl.lit("individual").alias("subject_type"),
            (
                pl.col("priority").fill_null(False)
                | pl.col("area_priority").cast(pl.Boolean).fill_null(False)
            ).alias("priority"),
        )
        .drop("area_priority")
    )
    return FactTables.build(
        subjects=subjects,
        years=_with_leave(frames["years"], people),
        awards=_award_facts(frames["awards"]),
        initiatives=frames["initiatives"],
        discipline=frames["discipline"],
        pending_reviews=frames["pending_reviews"],
    )


def _months_in_year(start: dt.date, end: dt.date, year: int) -> float:
    lo, hi = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
    return 0.0 if hi < lo else round(((hi - lo).days + 1) / 30.4375, 1)


_LEAVE_COLUMN = {
    "maternity": "leave_maternity_months",
    "injury_rescue": "leave_injury_months",
    "sick": "leave_sick_months",
    "other": "leave_other_months",
    "training": "training_months",
}


TrainingRow = tuple[int, int, float, bool | None, bool | None]
# person, kind, start, end, training compliance, training result (as Leave stores them)
LeaveRow = tuple[int, str, dt.date, dt.date, str | None, str | None]


def _course_months(start: dt.date, end: dt.date) -> float:
    return round(((end - start).days + 1) / 30.4375, 1)


def _spread_leave(
    leave: Iterable[LeaveRow], courses: list[TrainingRow]
) -> Iterator[tuple[int, int, str, float]]:
    """Months per year and column; each training course also adds, for every year it
    touches, its whole length, compliance and result (R-LDTT-5(b)) to `courses`."""
    for person_id, kind, start, end, compliance, result in leave:
        for year in range(start.year, end.year + 1):
            yield person_id, year, _LEAVE_COLUMN[kind], _months_in_year(start, end, year)
            if kind == "training":
                courses.append(
                    (
                        person_id,
                        year,
                        _course_months(start, end),
                        {"good": True, "poor": False}.get(compliance or ""),
                        (result in TRAINING_RESULTS_OK) if result else None,
                    )
                )


def _training(courses: list[TrainingRow]) -> pl.DataFrame:
    """Per person and year, as the case loader reads a year's courses: the longest course;
    compliance poor if any course was, good if all were, else unknown; result ok if every
    stated result is khá or better (unknown when none is stated)."""
    frame = pl.DataFrame(
        courses,
        schema={
            "subject_id": pl.Int64,
            "year": pl.Int32,
            "course": pl.Float64,
            "ok": pl.Boolean,
            "result_ok": pl.Boolean,
        },
        orient="row",
    )
    return frame.group_by("subject_id", "year").agg(
        training_course_months=pl.col("course").max(),
        training_ok=pl.when((~pl.col("ok")).any())
        .then(False)
        .when(pl.col("ok").is_not_null().all() & pl.col("ok").all())
        .then(True)
        .otherwise(None),
        training_result_ok=pl.when(pl.col("result_ok").is_not_null().any()).then(
            pl.col("result_ok").drop_nulls().all()
        ),
    )


def _with_leave(years: pl.DataFrame, people: QuerySet[Person]) -> pl.DataFrame:
    return years_with_leave(years, leave_query(people).iterator(chunk_size=5000))


def years_with_leave(years: pl.DataFrame, leave: Iterable[LeaveRow]) -> pl.DataFrame:
    """The year rows with the leave months pivoted onto them. Leave is rare: it is spread over
    years in Python. A year spent on training without a rating still gets a row
    (R-LDTT-5(b)). Also used by the demo, which holds its leave rows in memory."""
    courses: list[TrainingRow] = []
    rows = list(_spread_leave(leave, courses))
    if not rows:
        return years
    spread = (
        pl.DataFrame(rows, schema=["subject_id", "year", "column", "months"], orient="row")
        .with_columns(pl.col("subject_id").cast(pl.Int64), pl.col("year").cast(pl.Int32))
        .pivot(on="column", index=["subject_id", "year"], values="months", aggregate_function="sum")
    )
    if courses:
        spread = spread.join(_training(courses), on=["subject_id", "year"], how="left")
    keys = ["subject_id", "year"]
    years = years.with_columns(pl.col("subject_id").cast(pl.Int64), pl.col("year").cast(pl.Int32))
    joined = years.join(spread, on=keys, how="left")
    if courses:
        trained = spread.filter(pl.col("training_course_months").is_not_null()).select(keys)
        joined = pl.concat(
            [joined, trained.join(years, on=keys, how="anti").join(spread, on=keys, how="left")],
            how="diagonal_relaxed",
        )
    months = [c for c in spread.columns if c in _LEAVE_COLUMN.values()]
    joined = joined.with_columns([pl.col(c).fill_null(0.0) for c in months])
    if "movement_participation" in joined.columns:  # a training year: the case default
        joined = joined.with_columns(pl.col("movement_participation").fill_null(True))
    return joined


_SUBJECT_TYPE_BY_LEVEL = {"village": "village", "commune": "commune"}


def unit_facts(
    units: QuerySet[Unit], *, years: range, people: FactTables | None = None
) -> FactTables:
    """Fact tables for collectives, with member aggregates over each unit's whole subtree.

    `people`: person facts already loaded in the same batch; members' ratings, titles and
    discipline are then taken from them instead of being read a second time.
    """
    frames = {q.table: _read(q) for q in unit_queries(units)}
    subjects = frames["subjects"].with_columns(
        pl.col("unit_level")
        .replace_strict(_SUBJECT_TYPE_BY_LEVEL, default="collective", return_dtype=pl.String)
        .alias("subject_type"),
        pl.col("subject_id").alias("unit_id"),
    )
    return FactTables.build(
        subjects=subjects,
        years=frames["years"].with_columns(pl.lit(12.0).alias("months_worked")),
        awards=_award_facts(frames["awards"]),
        pending_reviews=frames["pending_reviews"],
        members=member_aggregates(units, years=years, people=people),
    )


_MEMBER_TITLES = ["LDTT", "CSTT", "CSTDCS"]
_ID_CHUNK = 20_000  # bound the parameters of one IN (...) list


def _empty_member_facts() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    return (
        pl.DataFrame(schema={"person_id": pl.Int64, "year": pl.Int32, "rating": pl.String}),
        pl.DataFrame(schema={"person_id": pl.Int64, "year": pl.Int32, "code": pl.String}),
        pl.DataFrame(schema={"person_id": pl.Int64, "year": pl.Int32, "disc": pl.Boolean}),
    )


def _member_facts_from(
    people: FactTables, first: int, last: int
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Members' ratings, unrevoked titles and discipline years from person facts in memory.

    Rows of people who are not members drop out in the joins with the member years.
    """
    ratings = (
        people.years.filter(pl.col("rating").is_not_null() & pl.col("year").is_between(first, last))
        .select(
            pl.col("subject_id").cast(pl.Int64).alias("person_id"),
            pl.col("year").cast(pl.Int32),
            pl.col("rating").cast(pl.String),
        )
        .collect()
    )
    titles = (
        people.awards.filter(
            pl.col("code").is_in(_MEMBER_TITLES)
            & ~pl.col("revoked")
            & pl.col("period").is_between(first, last)
        )
        .select(
            pl.col("subject_id").cast(pl.Int64).alias("person_id"),
            pl.col("period").cast(pl.Int32).alias("year"),
            pl.col("code").cast(pl.String),
        )
        .collect()
    )
    disciplined = (
        people.discipline.filter(pl.col("form").is_in(list(DISCIPLINE_WARNING_OR_MORE)))
        .select(
            pl.col("subject_id").cast(pl.Int64).alias("person_id"),
            pl.col("decision_date").dt.year().cast(pl.Int32).alias("year"),
            pl.lit(True).alias("disc"),
        )
        .unique()
        .collect()
    )
    return ratings, titles, disciplined


def _member_facts_read(
    ids: list[int], first: int, last: int
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The same three tables read from the database for members not already loaded."""
    ratings = _frame(
        TaskRating.objects.filter(person_id__in=ids, year__gte=first, year__lte=last)
        .values_list("person_id", "year", "rating")
        .order_by(),
        ["person_id", "year", "rating"],
        "years",
    ).select(
        pl.col("person_id").cast(pl.Int64),
        pl.col("year").cast(pl.Int32),
        pl.col("rating").cast(pl.String),
    )
    titles = _frame(
        Award.objects.filter(
            person_id__in=ids,
            kind__code__in=_MEMBER_TITLES,
            revoked_by__isnull=True,
            period__gte=first,
            period__lte=last,
        )
        .values_list("person_id", "period", "kind__code")
        .order_by(),
        ["person_id", "year", "code"],
        "years",
    ).select(
        pl.col("person_id").cast(pl.Int64),
        pl.col("year").cast(pl.Int32),
        pl.col("code").cast(pl.String),
    )
    disciplined = (
        _frame(
            Discipline.objects.filter(person_id__in=ids, form__in=list(DISCIPLINE_WARNING_OR_MORE))
            .values_list("person_id", "decision_date")
            .order_by(),
            ["person_id", "decision_date"],
            "discipline",
        )
        .select(
            pl.col("person_id").cast(pl.Int64),
            pl.col("decision_date").dt.year().cast(pl.Int32).alias("year"),
            pl.lit(True).alias("disc"),
        )
        .unique()
    )
    return ratings, titles, disciplined


def member_aggregates(
    units: QuerySet[Unit], *, years: range, people: FactTables | None = None
) -> pl.DataFrame:
    """Per (unit, year): members evaluated, completing tasks, LĐTT, CSTĐCS, disciplined.

    A member of a unit in a year is a person whose main post that year (the latest one
    overlapping the year) is in the unit or one of its sub-units.
    """
    unit_rows = list(units.values_list("pk", "path"))
    if not unit_rows:
        return pl.DataFrame(schema=dict(SCHEMAS["members"]))
    first, last = years.start, years.stop - 1
    if last - first >= 64:
        raise ValueError("member aggregates cover at most 64 years")
    targets = [pk for pk, _ in unit_rows]
    member_years = _member_years((p for _, p in unit_rows), first, last)
    # Only members whose post lies under a unit of the batch.
    in_batch = member_years.join(
        units_above(member_years.get_column("path").unique().to_list(), targets).select("path"),
        on="path",
        how="semi",
    )
    member_ids = in_batch.get_column("person_id").unique().cast(pl.Int64)
    facts = _member_facts(member_ids, people, first, last)
    counts = ["evaluated", "completed_tasks", "LDTT", "CSTDCS", "disciplined_canh_cao_or_more"]
    # Count per (post's unit, year) first, then add each count to the units of the batch above.
    return add_up_tree(
        _member_counts_per_path(in_batch, *facts, first=first, last=last),
        keys=["year"],
        columns=counts,
        targets=targets,
    ).rename({"unit_id": "subject_id"})


def _member_years(paths: Iterable[str], first: int, last: int) -> pl.DataFrame:
    """(person_id, year, path): the unit of each person's main post in each year of the window.

    Each post spreads over the years it overlaps; in a year with several, the latest counts.
    """
    posts = _read(member_posts_query(paths, first, last)).with_columns(
        pl.col("start_date").cast(pl.Date), pl.col("end_date").cast(pl.Date)
    )
    return (
        posts.with_columns(
            pl.int_ranges(
                pl.max_horizontal(pl.col("start_date").dt.year(), pl.lit(first)),
                pl.min_horizontal(pl.col("end_date").dt.year().fill_null(last), pl.lit(last)).cast(
                    pl.Int32
                )
                + 1,
                dtype=pl.Int32,
            ).alias("year")
        )
        .explode("year")
        .drop_nulls("year")
        .sort("start_date")
        .group_by(["person_id", "year"])
        .agg(pl.col("path").last())
    )


def _member_facts(
    member_ids: pl.Series, people: FactTables | None, first: int, last: int
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Ratings, titles and disciplines of the members: from `people` where loaded, else read."""
    ratings, titles, disciplined = _empty_member_facts()
    if people is not None:
        ratings, titles, disciplined = _member_facts_from(people, first, last)
        loaded = people.subjects.select("subject_id").collect().get_column("subject_id")
        member_ids = member_ids.filter(~member_ids.is_in(loaded.implode()))
    for start in range(0, member_ids.len(), _ID_CHUNK):
        ids = member_ids.slice(start, _ID_CHUNK).to_list()
        more = _member_facts_read(ids, first, last)
        ratings, titles, disciplined = (
            pl.concat([a, b], how="vertical_relaxed")
            for a, b in zip((ratings, titles, disciplined), more, strict=True)
        )
    return ratings, titles, disciplined


def _member_counts_per_path(
    members: pl.DataFrame,
    ratings: pl.DataFrame,
    titles: pl.DataFrame,
    disciplined: pl.DataFrame,
    *,
    first: int,
    last: int,
) -> pl.DataFrame:
    """Per (path, year) of the members' posts: the five counts (a few thousand groups).

    One integer key per (person, year) makes the joins cheap; the pipeline runs lazily.
    Years outside the window (at most 64) are dropped so that no key can reach another person's.
    """

    def keyed(frame: pl.DataFrame) -> pl.LazyFrame:
        return (
            frame.lazy()
            .filter(pl.col("year").is_between(first, last))
            .with_columns(
                (pl.col("person_id").cast(pl.Int64) * 64 + (pl.col("year") - first)).alias("key")
            )
        )

    def flag(frame: pl.DataFrame, name: str) -> pl.LazyFrame:
        return keyed(frame).select("key", pl.lit(True).alias(name)).unique()

    def count(flag_name: str) -> pl.Expr:
        return pl.col(flag_name).fill_null(False).sum().cast(pl.Int64)

    return (
        keyed(members)
        .join(keyed(ratings).select("key", "rating"), on="key", how="inner")
        .join(
            flag(titles.filter(pl.col("code").is_in(["LDTT", "CSTT"])), "ldtt"),
            on="key",
            how="left",
        )
        .join(flag(titles.filter(pl.col("code") == "CSTDCS"), "cstdcs"), on="key", how="left")
        .join(flag(disciplined, "disc"), on="key", how="left")
        .group_by(["path", "year"])
        .agg(
            pl.len().cast(pl.Int64).alias("evaluated"),
            pl.col("rating")
            .is_in(["HTXSNV", "HTTNV", "HTNV"])
            .sum()
            .cast(pl.Int64)
            .alias("completed_tasks"),
            count("ldtt").alias("LDTT"),
            count("cstdcs").alias("CSTDCS"),
            count("disc").alias("disciplined_canh_cao_or_more"),
        )
        .collect()
    )
