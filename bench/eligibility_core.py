"""Order-of-magnitude check for the pure eligibility core (not the P1 benchmark itself).

Synthesises N subjects with 10 years of history in polars and times `evaluate_many` over the
nine candidate-list codes. With --sqlite it also writes the fact rows to a temporary SQLite
file and times reading them back (cursor rows into polars frames, as an adapter would), and
prints the ratio, which holds on a busy machine. Usage:

    PYTHONPATH=src python bench/eligibility_core.py [N] [--sqlite]     # default N = 200000
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl

from vinhdanh.eligibility.core import CANDIDATE_CODES, FactTables, evaluate_many

FIRST_YEAR, LAST_YEAR = 2016, 2025


def _rand(expr: pl.Expr, seed: int, modulo: int) -> pl.Expr:
    """Deterministic pseudo-random integers in [0, modulo) from a hash."""
    return (expr.hash(seed) % modulo).cast(pl.Int64)


def synthesise(n: int) -> FactTables:
    sid = pl.int_range(1, n + 1, dtype=pl.Int64).alias("subject_id")
    subjects = (
        pl.select(sid)
        .with_columns(
            subject_type=pl.when(_rand(pl.col("subject_id"), 1, 100) < 5)
            .then(pl.lit("collective"))
            .otherwise(pl.lit("individual")),
            recruitment_date=pl.date(2000 + _rand(pl.col("subject_id"), 2, 26), 3, 1),
            priority=_rand(pl.col("subject_id"), 3, 10) == 0,
            unit_id=pl.col("subject_id") // 50,
        )
        .with_columns(
            recruitment_date=pl.when(pl.col("subject_type") == "individual").then(
                pl.col("recruitment_date")
            )
        )
    )
    years = (
        subjects.select("subject_id", "recruitment_date")
        .join(
            pl.DataFrame(
                {"year": list(range(FIRST_YEAR, LAST_YEAR + 1))}, schema={"year": pl.Int32}
            ),
            how="cross",
        )
        .filter(
            pl.col("recruitment_date").is_null()
            | (pl.col("year") >= pl.col("recruitment_date").dt.year())
        )
        .with_columns(r=_rand(pl.col("subject_id") * 100 + pl.col("year"), 4, 100))
        .select(
            "subject_id",
            "year",
            rating=pl.when(pl.col("r") < 20)
            .then(pl.lit("HTXSNV"))
            .when(pl.col("r") < 80)
            .then(pl.lit("HTTNV"))
            .when(pl.col("r") < 95)
            .then(pl.lit("HTNV"))
            .otherwise(pl.lit("KHTNV")),
            months_worked=pl.lit(12.0),
        )
    )
    ldtt = years.filter(pl.col("rating").is_in(["HTXSNV", "HTTNV"])).select(
        "subject_id", "year", code=pl.lit("LDTT")
    )
    cstdcs = years.filter(
        (pl.col("rating") == "HTXSNV") & (_rand(pl.col("subject_id") + pl.col("year"), 5, 2) == 0)
    ).select("subject_id", "year", code=pl.lit("CSTDCS"))
    forms = subjects.filter(_rand(pl.col("subject_id"), 6, 100) < 10).select(
        "subject_id",
        year=(2016 + _rand(pl.col("subject_id"), 7, 8)).cast(pl.Int32),
        code=pl.when(_rand(pl.col("subject_id"), 8, 3) == 0)
        .then(pl.lit("BK_TTG"))
        .when(_rand(pl.col("subject_id"), 8, 3) == 1)
        .then(pl.lit("CSTD_BT"))
        .otherwise(pl.lit("BK_BT")),
    )
    awards = pl.concat([ldtt, cstdcs, forms]).select(
        "subject_id",
        "code",
        period=pl.col("year"),
        decision_date=pl.date(pl.col("year"), 12, 20),
        award_type=pl.when(_rand(pl.col("subject_id") + pl.col("year"), 9, 50) == 0)
        .then(pl.lit("DOT_XUAT"))
        .otherwise(pl.lit("CONG_TRANG")),
        revoked=_rand(pl.col("subject_id") + pl.col("year"), 10, 500) == 0,
    )
    initiatives = subjects.filter(_rand(pl.col("subject_id"), 11, 10) < 3).select(
        "subject_id",
        kind=pl.lit("initiative"),
        level=pl.when(_rand(pl.col("subject_id"), 12, 10) < 7)
        .then(pl.lit("co_so"))
        .when(_rand(pl.col("subject_id"), 12, 10) < 9)
        .then(pl.lit("bo_tinh"))
        .otherwise(pl.lit("toan_quoc")),
        recognised_on=pl.date(2018 + _rand(pl.col("subject_id"), 13, 8), 11, 30),
        applied_effectively=pl.lit(True),
    )
    discipline = subjects.filter(_rand(pl.col("subject_id"), 14, 100) == 0).select(
        "subject_id",
        form=pl.lit("khien_trach"),
        decision_date=pl.date(2016 + _rand(pl.col("subject_id"), 15, 10), 6, 1),
    )
    pending = subjects.filter(_rand(pl.col("subject_id"), 16, 200) == 0).select(
        "subject_id", kind=pl.lit("investigation"), opened=pl.lit(date(2025, 11, 1))
    )
    members = subjects.filter(pl.col("subject_type") == "collective").select(
        "subject_id",
        year=pl.lit(LAST_YEAR, pl.Int32),
        evaluated=pl.lit(20, pl.Int64),
        completed_tasks=20 - _rand(pl.col("subject_id"), 17, 2),
        LDTT=10 + _rand(pl.col("subject_id"), 18, 11),
        CSTDCS=_rand(pl.col("subject_id"), 19, 3),
    )
    return FactTables.build(
        subjects=subjects,
        years=years,
        awards=awards,
        initiatives=initiatives,
        discipline=discipline,
        pending_reviews=pending,
        members=members,
    )


def sqlite_read_time(frames: dict[str, pl.DataFrame]) -> float:
    """Write the fact rows to SQLite (untimed), then time reading them all back."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "facts.sqlite3"
        with sqlite3.connect(path) as db:
            for name, frame in frames.items():
                marks = ", ".join("?" * frame.width)
                cols = ", ".join(
                    f"{c} DATE" if t == pl.Date else c for c, t in frame.schema.items()
                )
                db.execute(f"CREATE TABLE {name} ({cols})")
                db.executemany(f"INSERT INTO {name} VALUES ({marks})", frame.iter_rows())
        start = time.perf_counter()
        # Dates come back as date objects, as through Django's converters.
        with sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES) as db:
            for name, frame in frames.items():
                rows = db.execute(f"SELECT * FROM {name}").fetchall()
                pl.DataFrame(rows, schema=frame.schema, orient="row")
        return time.perf_counter() - start


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 200_000
    t0 = time.perf_counter()
    frames = {name: frame.collect() for name, frame in vars(synthesise(n)).items()}
    facts = FactTables(**{name: frame.lazy() for name, frame in frames.items()})
    rows = sum(frame.height for frame in frames.values())
    t1 = time.perf_counter()
    result = evaluate_many(facts, list(CANDIDATE_CODES), LAST_YEAR, date(2026, 1, 15))
    t2 = time.perf_counter()
    example = result.explain(1, code="CSTD_BT")
    t3 = time.perf_counter()
    elapsed = t2 - t1
    print(f"synthesised {n:,} subjects, {rows:,} fact rows in {t1 - t0:.1f} s")
    print(
        f"evaluate_many: {len(CANDIDATE_CODES)} codes in {elapsed:.2f} s "
        f"= {n / elapsed:,.0f} subjects/s ({n * len(CANDIDATE_CODES) / elapsed:,.0f} "
        f"subject-codes/s); one explanation in {1000 * (t3 - t2):.0f} ms "
        f"({example.outcome.value})"
    )
    print(result.counts().pivot("outcome", index="code", values="len").fill_null(0))
    if "--sqlite" in sys.argv:
        read = sqlite_read_time(frames)
        print(
            f"reading the same rows from SQLite: {read:.2f} s; "
            f"evaluate_many / read = {elapsed / read:.2f}"
        )


if __name__ == "__main__":
    main()
