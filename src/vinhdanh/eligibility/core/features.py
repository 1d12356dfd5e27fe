"""Per-subject derived features, computed set-based with polars.

Year-by-year history is folded into 63-bit masks: bit i is set when the fact holds for year
``period - i``. Consecutive runs ending at the period are then trailing ones, counts inside
a window are popcounts of ``mask & window``, and a run that must start after some year is
the trailing ones of the mask clipped to the years from that floor. Each part is a
group_by over one fact table (all parts run together with `collect_all`), then aligned on
the subjects by a left join on ``subject_id``: no Python per row anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from .facts import FactTables
from .parameters import Parameters
from .vocab import CHAIN_CODES, NON_CHAIN_AWARD_TYPES, RATING_RANK

BITS = 63  # years period-62 .. period; older history never matters for these rules
U64 = pl.UInt64
ZERO = pl.lit(0, U64)
INI_BASE_CAP = 5  # most base initiatives any rule needs in a window (R-BKTTG-OLD)
INI_HIGH_CAP = 2  # most ministry/province-level initiatives any rule needs (R-HCLD3-OLD)


def low(period: int) -> int:
    """The oldest year a mask can hold."""
    return period - (BITS - 1)


# Lookup tables: a gather is several times faster than an element-wise integer pow.
_POWERS = pl.Series("powers", [1 << i for i in range(BITS)], dtype=U64)
_LOW_MASKS = pl.Series("low_masks", [(1 << i) - 1 for i in range(BITS + 1)], dtype=U64)


def year_bit(year: pl.Expr, period: int) -> pl.Expr:
    """2**(period-year) for years inside the mask range, else 0."""
    inside = (year <= period) & (year >= low(period))
    shift = (pl.lit(period, pl.Int32) - year).clip(0, BITS - 1).fill_null(0)
    return pl.when(inside).then(pl.lit(_POWERS).gather(shift)).otherwise(pl.lit(0, U64))


def low_bits(n: pl.Expr) -> pl.Expr:
    """Mask of the n most recent years (period-n+1 .. period); n is clipped to 0..63."""
    return pl.lit(_LOW_MASKS).gather(n.clip(0, BITS).fill_null(0))


def years_from(first_year: pl.Expr, period: int) -> pl.Expr:
    """Mask of the years first_year .. period."""
    return low_bits(pl.lit(period + 1, pl.Int32) - first_year)


def run(mask: pl.Expr) -> pl.Expr:
    """Length of the run of set years ending at the period."""
    return mask.bitwise_trailing_ones().cast(pl.Int32)


def count(mask: pl.Expr) -> pl.Expr:
    return mask.bitwise_count_ones().cast(pl.Int32)


def prior_year(mask: pl.Expr, period: int) -> pl.Expr:
    """The latest set year strictly before the period, or null."""
    above = mask // pl.lit(2, U64)
    tz = above.bitwise_trailing_zeros().cast(pl.Int32)
    return pl.when(above > 0).then(pl.lit(period - 1, pl.Int32) - tz).otherwise(None)


def count_levels(masks: Iterable[str], window: pl.Expr) -> pl.Expr:
    """Items in a window, from k-th occurrence masks (mask k: years with at least k items)."""
    total: pl.Expr = pl.lit(0, pl.Int32)
    for name in masks:
        total = total + count(pl.col(name) & window)
    return total


def ini_masks(cls: str, cap: int) -> list[str]:
    return [f"im_{cls}{k}" for k in range(1, cap + 1)]


def _last_by(value: str, order: list[pl.Expr], where: pl.Expr) -> pl.Expr:
    """The value of the latest row (by `order`) among rows where `where` holds."""
    return pl.col(value).filter(where).sort_by([o.filter(where) for o in order]).last()


def discipline_features(
    discipline: pl.LazyFrame, p: int, on: date, params: Parameters
) -> pl.LazyFrame:
    """R-DISC-2, R-LDTT-6: only decisions taken by the decision date count."""
    months = pl.col("form").replace_strict(
        dict(params.discipline_months_by_form),
        default=params.discipline_default_months,
        return_dtype=pl.Int32,
    )
    end = pl.coalesce(
        pl.col("period_end"), pl.col("decision_date").dt.offset_by(pl.format("{}mo", months))
    )
    order = [pl.col("end"), pl.col("decision_date")]
    ov = pl.col("overlap")
    return (
        discipline.filter(pl.col("decision_date") <= on)
        .with_columns(
            end=end,
            assumed=pl.col("period_end").is_null(),
            overlap=(pl.col("decision_date") <= date(p, 12, 31)) & (end >= date(p, 1, 1)),
        )
        .group_by("subject_id")
        .agg(
            disc_floor=(pl.col("end").dt.year() + 1).max().cast(pl.Int32),
            disc_overlap=ov.any(),
            disc_last_to=pl.col("end").max(),
            disc_last_form=pl.col("form").sort_by([*order, pl.col("form")]).last(),
            disc_last_from=pl.col("decision_date").sort_by(order).last(),
            disc_last_assumed=pl.col("assumed").sort_by(order).last(),
            disc_ov_form=_last_by("form", order, ov),
            disc_ov_from=_last_by("decision_date", order, ov),
            disc_ov_to=_last_by("end", order, ov),
            disc_ov_assumed=_last_by("assumed", order, ov),
            disc_bad=(pl.col("period_end") < pl.col("decision_date")).any(),
        )
    )


def pending_features(pending: pl.LazyFrame, on: date) -> pl.LazyFrame:
    """R-DISC-1: reviews open on the decision date."""
    is_open = (pl.col("opened") <= on) & (pl.col("closed").is_null() | (pl.col("closed") > on))
    return pending.group_by("subject_id").agg(
        pend_open=is_open.sum().cast(pl.Int32),
        pend_kind=_last_by("kind", [pl.col("opened")], is_open),
        pend_opened=pl.col("opened").filter(is_open).max(),
        pend_bad=(pl.col("closed") < pl.col("opened")).any(),
    )


_RATING_ENUM = pl.Enum(sorted(RATING_RANK, key=RATING_RANK.__getitem__))


def rating_rank(col: str) -> pl.Expr:
    """HTXSNV 4 … KHTNV 1, null 0 (an Enum cast is much faster than a replace)."""
    return (pl.col(col).cast(_RATING_ENUM, strict=False).to_physical().cast(pl.Int8) + 1).fill_null(
        0
    )


def year_features(years: pl.LazyFrame, p: int) -> pl.LazyFrame:
    """Rating masks. Row-wise columns first: aggregations of plain columns are fast."""
    bit = pl.col("_bit")
    return (
        years.filter(pl.col("year").is_between(low(p), p))
        .with_columns(_bit=year_bit(pl.col("year"), p), _rank=rating_rank("rating"))
        .select(
            "subject_id",
            _good=pl.when(pl.col("_rank") >= 3).then(bit).otherwise(ZERO),
            _exc=pl.when(pl.col("_rank") == 4).then(bit).otherwise(ZERO),
            _rated=pl.when(pl.col("rating").is_not_null()).then(pl.col("year")),
        )
        .group_by("subject_id")
        .agg(
            m_good=pl.col("_good").bitwise_or(),
            m_exc=pl.col("_exc").bitwise_or(),
            min_rated_year=pl.col("_rated").min(),
        )
    )


def period_row(years: pl.LazyFrame, p: int) -> pl.LazyFrame:
    return (
        years.filter(pl.col("year") == p)
        .unique("subject_id", keep="any")
        .select(
            "subject_id",
            rating_p=pl.col("rating"),
            months_p=pl.col("months_worked"),
            movement_p=pl.col("movement_participation"),
            maternity_p=pl.col("leave_maternity_months"),
            injury_p=pl.col("leave_injury_months"),
            sick_p=pl.col("leave_sick_months"),
            other_leave_p=pl.col("leave_other_months"),
            training_p=pl.col("training_months"),
            training_ok_p=pl.col("training_ok"),
            training_result_ok_p=pl.col("training_result_ok"),
            training_course_p=pl.col("training_course_months"),
        )
    )


def _valid() -> pl.Expr:
    """Awards that count: every award not revoked (R-REV-2), whatever its decision date.

    The request's decision date selects the regime and the authority, not which history
    exists: an award for the same achievement decided after that date is still held, and the
    same achievement is never rewarded twice (R-PRIN-1, Law 06/2022 Art. 5(2)).
    """
    return ~pl.col("revoked").fill_null(False)


def award_features(
    awards: pl.LazyFrame,
    p: int,
    held_codes: list[str],
    achievement_id: str | None,
) -> list[pl.LazyFrame]:
    """Merit masks per chain code (R-TYPE-1: ad-hoc and thematic awards never feed chains),
    and which codes are already held for the period (R-PRIN-1).

    Only the rows that matter are read: the chain codes, and the period's own awards (the
    yearly LĐTT rows, most of the table, matter only for the period).
    """
    valid = _valid()
    chain = valid & ~pl.col("award_type").is_in(NON_CHAIN_AWARD_TYPES)
    bit = year_bit(pl.col("period"), p)
    at_p = pl.col("period") == p
    code = pl.col("code")
    masks = (
        awards.filter(pl.col("period").is_between(low(p), p) & code.is_in(CHAIN_CODES))
        .select(
            "subject_id",
            *(
                pl.when(chain & (code == c)).then(bit).otherwise(ZERO).alias(f"am_{c}")
                for c in CHAIN_CODES
            ),
            # CSTĐCS years that do not count (revoked, ad-hoc, thematic): explanations only.
            xm_CSTDCS=pl.when(~chain & (code == "CSTDCS")).then(bit).otherwise(ZERO),
            nonchain_BK_BT=valid & ~chain & (code == "BK_BT"),
            nonchain_BK_TTG=valid & ~chain & (code == "BK_TTG"),
            cstdbt_p_decision=pl.when(chain & at_p & (code == "CSTD_BT")).then(
                pl.col("decision_date")
            ),
        )
        .group_by("subject_id")
        .agg(
            *(pl.col(f"am_{c}").bitwise_or() for c in CHAIN_CODES),
            pl.col("xm_CSTDCS").bitwise_or(),
            pl.col("nonchain_BK_BT").any(),
            pl.col("nonchain_BK_TTG").any(),
            pl.col("cstdbt_p_decision").max(),
        )
    )
    held = (
        awards.filter(at_p & valid & code.is_in(held_codes))
        .select("subject_id", *((code == c).alias(f"held_{c}") for c in held_codes))
        .group_by("subject_id")
        .agg(pl.col(f"held_{c}").any() for c in held_codes)
    )
    frames = [masks, held]
    if achievement_id is not None:
        same = ~pl.col("revoked").fill_null(False) & (pl.col("achievement_id") == achievement_id)
        frames.append(
            awards.filter(same)
            .group_by("subject_id")
            .agg(
                ach_same=pl.lit(True),
                ach_code=pl.col("code").sort_by("period").last(),
                ach_period=pl.col("period").max(),
            )
        )
    return frames


def award_data_features(awards: pl.LazyFrame) -> pl.LazyFrame:
    """Whole-history facts for the data checks."""
    return (
        awards.select(
            "subject_id",
            _kept=pl.when(~pl.col("revoked").fill_null(False)).then(pl.col("period")),
            _early=pl.col("decision_date").dt.year() < pl.col("period"),
        )
        .group_by("subject_id")
        .agg(min_award_period=pl.col("_kept").min(), award_before_period=pl.col("_early").any())
    )


def prerequisite_features(awards: pl.LazyFrame, disc: pl.LazyFrame, p: int) -> pl.LazyFrame:
    """R-BKTTG-CN-1(b), R-HCLD3-CN-1: the first year a window may start after the prior
    form, ignoring awards for achievements before a discipline ended (R-DISC-2)."""
    dec = pl.col("decision_date")
    starts_after = (
        pl.when(dec.is_null())
        .then(pl.col("period") + 1)
        .otherwise(dec.dt.year() + ((dec.dt.month() != 1) | (dec.dt.day() != 1)).cast(pl.Int32))
    )
    chain = _valid() & ~pl.col("award_type").is_in(NON_CHAIN_AWARD_TYPES)
    code = pl.col("code")
    return (
        awards.filter(chain & code.is_in(["BK_BT", "BK_TTG"]) & (pl.col("period") <= p))
        .select("subject_id", "code", "period", avail=starts_after.cast(pl.Int32))
        .join(disc.select("subject_id", "disc_floor"), on="subject_id", how="left")
        .filter(pl.col("disc_floor").is_null() | (pl.col("period") >= pl.col("disc_floor")))
        .group_by("subject_id")
        .agg(
            avail_BK_BT=pl.col("avail").filter(code == "BK_BT").min(),
            avail_BK_TTG=pl.col("avail").filter(code == "BK_TTG").min(),
            prereq_BK_BT=pl.col("period").filter(code == "BK_BT").min(),
            prereq_BK_TTG=pl.col("period").filter(code == "BK_TTG").min(),
        )
    )


INI_CLASSES: tuple[tuple[str, int], ...] = (
    ("base", INI_BASE_CAP),  # any level
    ("bt", INI_HIGH_CAP),  # ministry/province scope or more (2013: recognised there)
    ("btr", INI_HIGH_CAP),  # the same, not stated as non-replicable (2022)
    ("tqr", 1),  # nationwide scope, not stated as non-replicable
)
INI_MASKS: tuple[str, ...] = tuple(
    f"im_{cls}{k}" for cls, cap in INI_CLASSES for k in range(1, cap + 1)
)


def initiative_features(initiatives: pl.LazyFrame, p: int, on: date) -> pl.LazyFrame:
    """k-th occurrence masks per level class; `after_*` counts those recognised after the
    period but by the decision date."""
    level = pl.col("level")
    replicable = pl.col("replicable").fill_null(True)  # the scope recognition implies it
    high = level.is_in(["bo_tinh", "toan_quoc"])
    per_year = (
        initiatives.filter(
            (pl.col("recognised_on") <= on) & pl.col("applied_effectively").fill_null(False)
        )
        .with_columns(year=pl.col("recognised_on").dt.year().cast(pl.Int32))
        .filter(pl.col("year") >= low(p))
        .group_by("subject_id", "year")
        .agg(
            n_base=pl.len().cast(pl.Int32),
            n_bt=high.sum().cast(pl.Int32),
            n_btr=(high & replicable).sum().cast(pl.Int32),
            n_tqr=((level == "toan_quoc") & replicable).sum().cast(pl.Int32),
        )
    )
    # Row-wise first: expressions inside an aggregation run once per group.
    after = pl.col("year") > p
    columns: list[pl.Expr] = []
    aggs: list[pl.Expr] = []
    for cls, cap in INI_CLASSES:
        n = pl.col(f"n_{cls}")
        for k in range(1, cap + 1):
            name = f"im_{cls}{k}"
            columns.append(pl.when(n >= k).then(pl.col("_bit")).otherwise(ZERO).alias(name))
            aggs.append(pl.col(name).bitwise_or())
        columns.append(pl.when(after).then(n).otherwise(0).alias(f"after_{cls}"))
        aggs.append(pl.col(f"after_{cls}").sum().cast(pl.Int32))
    per_year = per_year.with_columns(_bit=year_bit(pl.col("year"), p)).select(
        "subject_id", *columns
    )
    return per_year.group_by("subject_id").agg(aggs)


def request_tables(facts: FactTables, p: int) -> list[pl.LazyFrame]:
    members = (
        facts.members.filter(pl.col("year") == p)
        .unique("subject_id", keep="any")
        .select(
            "subject_id",
            mem_evaluated=pl.col("evaluated"),
            mem_completed=pl.col("completed_tasks"),
            mem_ldtt=pl.col("LDTT"),
            mem_cstdcs=pl.col("CSTDCS"),
            mem_disc=pl.col("disciplined_canh_cao_or_more"),
        )
    )
    council = facts.council.unique("subject_id", keep="any").select(
        "subject_id",
        c_total=pl.col("total_members"),
        c_present=pl.col("present"),
        c_for=pl.col("votes_for"),
        c_against=pl.col("votes_against"),
    )
    dossier = facts.dossier.unique("subject_id", keep="any").select(
        "subject_id",
        dos_old_unit=pl.col("old_unit_comments"),
        dos_months_old=pl.col("months_at_old_unit"),
        dos_notice_days=pl.col("public_notice_working_days"),
    )
    return [members, council, dossier]


def build_features(
    facts: FactTables,
    period: int,
    on: date,
    params: Parameters,
    held_codes: Iterable[str] = (),
    achievement_id: str | None = None,
) -> pl.DataFrame:
    """One row per subject with the features every rule set reads."""
    p = period
    held = sorted(set(held_codes))
    disc = discipline_features(facts.discipline, p, on, params)
    lazy_parts = [
        disc,
        pending_features(facts.pending_reviews, on),
        year_features(facts.years, p),
        period_row(facts.years, p),
        *award_features(facts.awards, p, held, achievement_id),
        award_data_features(facts.awards),
        prerequisite_features(facts.awards, disc, p),
        initiative_features(facts.initiatives, p, on),
        *request_tables(facts, p),
    ]
    # Aggregate each part, align it on the subjects' order, and stack the columns: each
    # join then copies only its own columns (a chain of joins re-copies all of them).
    subjects = facts.subjects.collect()
    ids = subjects.select("subject_id")
    aligned = [
        ids.join(part, on="subject_id", how="left", maintain_order="left").drop("subject_id")
        for part in pl.collect_all(lazy_parts)
    ]
    frame = pl.concat([subjects, *aligned], how="horizontal")

    masks = ["m_good", "m_exc", "xm_CSTDCS", *(f"am_{c}" for c in CHAIN_CODES), *INI_MASKS]
    flags = [
        "disc_overlap",
        "nonchain_BK_BT",
        "nonchain_BK_TTG",
        "disc_bad",
        "pend_bad",
        "award_before_period",
        *(f"held_{c}" for c in held),
    ]
    if achievement_id is not None:
        flags.append("ach_same")
    return frame.with_columns(
        *(pl.col(c).fill_null(0) for c in masks),
        *(pl.col(c).fill_null(False) for c in flags),
        *(pl.col(f"after_{cls}").fill_null(0) for cls, _cap in INI_CLASSES),
        pend_open=pl.col("pend_open").fill_null(0),
        rank_p=rating_rank("rating_p"),
        rec_year=pl.col("recruitment_date").dt.year().cast(pl.Int32),
        # Achievements count only from the end of a disciplinary period (R-DISC-2).
        floor=pl.max_horizontal(pl.col("disc_floor"), pl.lit(low(p), pl.Int32)),
        period=pl.lit(p, pl.Int32),
    )
