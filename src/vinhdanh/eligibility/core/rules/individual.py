"""Individual emulation titles: LĐTT/CSTT, CSTĐCS, CSTĐ bộ/tỉnh, CSTĐ toàn quốc."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from ..checks import Check, Ctx, Msg, Row, RuleBuilder, RuleSet
from ..features import (
    INI_HIGH_CAP,
    count_levels,
    ini_masks,
    low_bits,
    prior_year,
    run,
    years_from,
)
from ..messages import Code, Level, mask_years, span
from ..vocab import Effect
from .common import (
    annual_discipline,
    award_type_for_title,
    chain_discipline,
    fails_if,
    only_if,
    procedure,
    reuse,
    subject_type,
)

INDIVIDUAL = ("individual",)


@dataclass(frozen=True)
class LdttRules:
    """Citations of the LĐTT standard under one regime."""

    rule: str = "R-LDTT-1"
    cite: str = "Law 06/2022 Art. 24(1)"
    recruit_rule: str = "R-LDTT-5"
    recruit_cite: str = "Circular 01/2024/TT-BNV Art. 1(5)"
    training_rule: str = "R-LDTT-5"
    training_cite: str = "Circular 01/2024/TT-BNV Art. 1(5)(b)"
    gap_cite: str = "Law 06/2022; Decree 98/2023 (before Circular 01/2024 took effect)"
    discipline_rule: str = "R-LDTT-6"
    discipline_cite: str = "Decree 98/2023 Art. 4; Decree 152/2025 (principles clause)"


# --- LĐTT standard (also the first half of CSTĐCS) --------------------------------------------


def ldtt_values(ctx: Ctx) -> dict[str, pl.Expr]:
    prm = ctx.params
    rec = pl.col("recruitment_date")
    since_recruitment = (
        (13 - rec.dt.month().cast(pl.Float64)) - (rec.dt.day().cast(pl.Float64) - 1) / 30
    ).clip(0, 12)
    training_failed = pl.col("training_ok_p").eq(False).fill_null(False)
    if prm.training_requires_result_kha:
        training_failed = training_failed | pl.col("training_result_ok_p").eq(False).fill_null(
            False
        )
    # Maternity, injury after combat/rescue, and training with good compliance count as
    # working time (R-LDTT-5(a),(b),(d)); sick and other leave do not.
    lost = (
        pl.col("sick_p").fill_null(0)
        + pl.col("other_leave_p").fill_null(0)
        + pl.when(training_failed).then(pl.col("training_p").fill_null(0)).otherwise(0.0)
    )
    service = pl.coalesce(pl.col("months_p"), since_recruitment)
    return {
        "is_recruit": (pl.col("rec_year") == ctx.period).fill_null(False),
        "service": service,
        "lost": lost,
        "countable": (service - lost).clip(0, None),
        "credited": pl.col("maternity_p").fill_null(0)
        + pl.col("injury_p").fill_null(0)
        + pl.when(training_failed).then(0.0).otherwise(pl.col("training_p").fill_null(0)),
    }


LONG_TRAINING_MONTHS = 12  # "đào tạo, bồi dưỡng từ 01 năm trở lên"


def long_training_checks(ctx: Ctx, law: LdttRules, long_course: pl.Expr) -> list[Check]:
    """R-LDTT-5(b), second sentence: a year or more of training in place of the rating.

    Known poor compliance, or a known result under khá where the sector requires khá
    (parameter `training_requires_result_kha`), bars the title; compliance or a required
    result that is not recorded needs a person to verify it.
    """
    p = ctx.period
    kha = ctx.params.training_requires_result_kha
    source = ctx.source("training_requires_result_kha")
    compliance = pl.col("training_ok_p")
    result = pl.col("training_result_ok_p")
    known_bad = compliance.eq(False).fill_null(False)
    unknown = compliance.is_null()
    if kha:
        known_bad = known_bad | result.eq(False).fill_null(False)
        unknown = unknown | result.is_null()

    def fields(row: Row) -> dict[str, Any]:
        return {
            "year": p,
            "months": row["training_course_p"],
            "kha": kha,
            "poor": row["training_ok_p"] is False,
            "weak": kha and row["training_result_ok_p"] is False,
            "source": source,
        }

    return [
        Check(
            "long_training",
            law.training_rule,
            law.training_cite,
            Effect.GATE,
            only_if(long_course, ~known_bad),
            lambda row, ok: (
                "ldtt.training_long.ok" if ok else "ldtt.training_long.fail",
                fields(row),
            ),
        ),
        Check(
            "long_training_unknown",
            law.training_rule,
            law.training_cite,
            Effect.REVIEW,
            fails_if(long_course & ~known_bad & unknown),
            lambda row, _ok: ("ldtt.training_long.unknown", fields(row)),
        ),
    ]


def ldtt_checks(ctx: Ctx, law: LdttRules) -> list[Check]:
    """The LĐTT standard: rating or long course, movement, working time, transfer, discipline."""
    return [
        *rating_checks(ctx, law),
        *recruit_checks(ctx, law),
        *absence_checks(ctx),
        transfer_check(),
        annual_discipline(ctx, law.discipline_rule, law.discipline_cite),
    ]


def rating_checks(ctx: Ctx, law: LdttRules) -> list[Check]:
    """The unit's rating of the year (or a year-long course in its place) and the movement."""
    p = ctx.period

    def rating_message(row: Row, ok: bool) -> Msg:
        if row["rating_p"] is None:
            return "ldtt.rating.missing", {"year": p}
        return ("ldtt.rating.ok" if ok else "ldtt.rating.fail"), {
            "year": p,
            "rating": row["rating_p"],
        }

    # R-LDTT-5(b), second sentence: a course of a year or more, followed with good compliance
    # (and, where a sector says so, a study result of khá or better), counts toward the LĐTT
    # evaluation: for a year spent on it without a unit rating it stands in for the rating.
    long_course = pl.col("rating_p").is_null() & (
        pl.col("training_course_p") >= LONG_TRAINING_MONTHS
    ).fill_null(False)
    return [
        Check(
            "rating",
            law.rule,
            law.cite,
            Effect.GATE,
            only_if(~long_course, pl.col("rank_p") >= 3),
            rating_message,
            need=lambda _row: ("need.rating", {"year": p}),
        ),
        *long_training_checks(ctx, law, long_course),
        Check(
            "participation",
            law.rule,
            law.cite,
            Effect.GATE,
            only_if(pl.col("movement_p").is_not_null(), pl.col("movement_p")),
            lambda _row, ok: (
                "ldtt.participation.ok" if ok else "ldtt.participation.fail",
                {"year": p},
            ),
        ),
    ]


def recruit_checks(ctx: Ctx, law: LdttRules) -> list[Check]:
    """R-LDTT-5: the minimum months of someone recruited during the year."""
    prm = ctx.params
    p = ctx.period
    minimum = prm.ldtt_min_months_new_recruit
    review = prm.ldtt_review_months_new_recruit
    source = ctx.source("ldtt_min_months_new_recruit")

    def recruit_fields(row: Row) -> dict[str, Any]:
        return {
            "recruited": row["recruitment_date"],
            "months": row["countable"],
            "credited": row["credited"],
            "min": minimum,
            "review": review,
            "year": p,
            "source": source,
        }

    checks = [
        Check(
            "new_recruit",
            law.recruit_rule,
            law.recruit_cite,
            Effect.GATE,
            only_if(ctx.v("is_recruit"), ctx.v("countable") >= minimum),
            lambda row, ok: ("ldtt.recruit.ok" if ok else "ldtt.recruit.fail", recruit_fields(row)),
        )
    ]
    if review is not None:
        # Between the repeal of the 10-month rule (Decree 91/2017) on 2024-01-01 and the
        # 6-month rule of Circular 01/2024 on 2024-04-15 no threshold was in force.
        checks.append(
            Check(
                "new_recruit_gap",
                law.recruit_rule,
                law.gap_cite,
                Effect.REVIEW,
                only_if(
                    ctx.v("is_recruit") & (ctx.v("countable") >= minimum),
                    ctx.v("countable") >= review,
                ),
                lambda row, _ok: ("ldtt.recruit.gap", recruit_fields(row)),
            )
        )
    checks.append(
        Check(
            "recruitment_unknown",
            law.recruit_rule,
            law.recruit_cite,
            Effect.REVIEW,
            fails_if(pl.col("recruitment_date").is_null() & (pl.col("months_p") < minimum)),
            lambda row, _ok: (
                "ldtt.recruit.unknown",
                {"months": row["months_p"], "min": minimum, "year": p},
            ),
        )
    )
    return checks


def absence_checks(ctx: Ctx) -> list[Check]:
    """R-LDTT-7: too many working days off bars the title, where a regime sets a limit."""
    prm = ctx.params
    limit = prm.absence_max_working_days
    if limit is None:
        return []
    days = ctx.v("lost") * prm.working_days_per_month
    return [
        Check(
            "absence",
            "R-LDTT-7",
            "Decree 91/2017 Art. 10",
            Effect.GATE,
            only_if(ctx.v("lost") > 0, days < limit),
            lambda row, ok: (
                "ldtt.absence.ok" if ok else "ldtt.absence.fail",
                {
                    "days": row["lost"] * prm.working_days_per_month,
                    "max": limit,
                    "year": ctx.period,
                    "source": ctx.source("absence_max_working_days"),
                },
            ),
        )
    ]


def transfer_check() -> Check:
    """R-LDTT-5: after six months or more in a previous unit, its comments are needed."""
    old_unit = pl.col("dos_old_unit")
    needs_comments = (old_unit == "missing").fill_null(False) | (
        (pl.col("dos_months_old") >= 6).fill_null(False) & (old_unit != "present").fill_null(True)
    )
    return Check(
        "transfer",
        "R-LDTT-5",
        "Circular 01/2024/TT-BNV Art. 1(5)(e)",
        Effect.GATE,
        only_if(old_unit.is_not_null() | pl.col("dos_months_old").is_not_null(), ~needs_comments),
        lambda row, ok: (
            "ldtt.transfer.ok" if ok else "ldtt.transfer.fail",
            {"months": row["dos_months_old"]},
        ),
        need=lambda _row: ("need.old_unit_comments", {}),
    )


def make_ldtt(law: LdttRules) -> RuleBuilder:
    def build(ctx: Ctx) -> RuleSet:
        checks = [
            subject_type(ctx, INDIVIDUAL, law.rule, law.cite),
            *award_type_for_title(ctx),
            *ldtt_checks(ctx, law),
            *procedure(ctx),
        ]
        return RuleSet(ctx.code, ldtt_values(ctx), checks)

    return build


# --- CSTĐCS ------------------------------------------------------------------------------------


def make_cstdcs(law: LdttRules, rule: str, cite: str, initiative_by_law: bool) -> RuleBuilder:
    """R-CSTDCS-1 (2022: HTXSNV or an initiative) / R-CSTDCS-2 (2013: initiative mandatory)."""

    def build(ctx: Ctx) -> RuleSet:
        p = ctx.period
        mandatory = initiative_by_law or ctx.params.cstdcs_requires_initiative
        by_param = mandatory and not initiative_by_law
        values = ldtt_values(ctx)
        values["ini_p"] = count_levels(ini_masks("base", 5), pl.lit(1, pl.UInt64))
        has_ini = ctx.v("ini_p") >= 1
        ok = has_ini if mandatory else (pl.col("rank_p") == 4) | has_ini
        source = ctx.source("cstdcs_requires_initiative")

        def message(row: Row, ok: bool) -> Msg:
            fields = {"year": p, "rating": row["rating_p"], "n": row["ini_p"], "source": source}
            if mandatory:
                key = "cstdcs.initiative.param" if by_param else "cstdcs.initiative"
                return f"{key}.{'ok' if ok else 'fail'}", fields
            if not ok:
                return "cstdcs.merit.fail", fields
            return ("cstdcs.merit.htxs" if row["rank_p"] == 4 else "cstdcs.merit.ini"), fields

        def need(_row: Row) -> Msg:
            return ("need.initiative_base" if mandatory else "need.cstdcs_merit"), {"year": p}

        checks = [
            subject_type(ctx, INDIVIDUAL, rule, cite),
            *award_type_for_title(ctx),
            *ldtt_checks(ctx, law),
            Check(
                "merit", "R-CSTDCS-4" if by_param else rule, cite, Effect.GATE, ok, message, need
            ),
            *procedure(ctx),
        ]
        return RuleSet(ctx.code, values, checks)

    return build


# --- windows for the higher-scope initiative (R-CSTDBT-3, rules.md §8.4) ------------------------


def initiative_checks(
    ctx: Ctx, rule: str, cite: str, level: str, window: int, need_key: str
) -> list[Check]:
    mode = ctx.params.initiative_window
    source = ctx.source("initiative_window")
    p = ctx.period
    inside = ctx.v("ini_in") >= 1
    outside = ctx.v("ini_out") >= 1
    gate = inside if mode == "inside_only" else inside | outside
    years = span(p - window + 1, p)

    def message(row: Row, ok: bool) -> Msg:
        fields = {"level": Level(level), "years": years, "n": row["ini_in"], "source": source}
        if not ok:
            return "initiative.fail", fields
        return ("initiative.ok" if row["ini_in"] >= 1 else "initiative.outside"), fields

    checks = [
        Check(
            "initiative", rule, cite, Effect.GATE, gate, message, need=lambda _row: (need_key, {})
        ),
    ]
    if mode == "review_outside":
        checks.append(
            Check(
                "initiative_window",
                "R-CSTDBT-3",
                "Law 06/2022 Art. 22; rules.md §8.4 (unsettled)",
                Effect.REVIEW,
                fails_if(~inside & outside),
                lambda _row, _ok: (
                    "initiative.window_review",
                    {"level": Level(level), "years": years, "source": source},
                ),
            )
        )
    return checks


# --- CSTĐ bộ/tỉnh -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CstdbtRules:
    rule: str = "R-CSTDBT-1"
    cite: str = "Law 06/2022 Art. 22(1)"
    initiative_cite: str = "Law 06/2022 Art. 22(1)(b), 22(2)"
    initiative_class: str = "btr"  # effective and replicable within the ministry/province
    reuse_cite: str = "Law 06/2022 Art. 5 (one achievement, one reward)"


CYCLE = 3  # consecutive CSTĐCS per CSTĐ bộ/tỉnh


def make_cstdbt(law: CstdbtRules) -> RuleBuilder:
    def build(ctx: Ctx) -> RuleSet:
        p = ctx.period
        cs = pl.col("am_CSTDCS") & years_from(pl.col("floor"), p)
        prior = prior_year(pl.col("am_CSTD_BT"), p)
        avail_from = pl.max_horizontal(pl.col("floor"), prior + 1)
        masks = ini_masks(law.initiative_class, INI_HIGH_CAP)
        values = {
            "run": run(cs),
            "run_prev": run(cs // 2),
            "prior": prior,
            "ini_in": count_levels(masks, low_bits(pl.lit(CYCLE))),
            "ini_out": count_levels(masks, years_from(avail_from, p) & ~low_bits(pl.lit(CYCLE)))
            + pl.col(f"after_{law.initiative_class}"),
        }

        checks = [
            subject_type(ctx, INDIVIDUAL, law.rule, law.cite),
            *award_type_for_title(ctx),
            run_check(ctx, "cstdcs_run", law.rule, law.cite, "CSTDCS", CYCLE),
            reuse(ctx, ctx.v("prior"), CYCLE, "R-CSTDBT-3", law.reuse_cite),
            *initiative_checks(
                ctx, law.rule, law.initiative_cite, "bo_tinh", CYCLE, "need.initiative_bt"
            ),
            Check(
                "timing",
                "R-CSTDBT-3",
                "practice (rules.md §5.6)",
                Effect.REVIEW,
                pl.lit(ctx.on.year <= p + 1),
                lambda _row, ok: (
                    "cstdbt.timing.ok" if ok else "cstdbt.timing.fail",
                    {"year": p, "on": ctx.on},
                ),
            ),
            chain_discipline(ctx, CYCLE),
            *procedure(ctx),
        ]
        return RuleSet(ctx.code, values, checks)

    return build


def run_check(ctx: Ctx, key: str, rule: str, cite: str, of: str, need: int) -> Check:
    """A run of `of` awards ending at the period (values 'run' and 'run_prev')."""
    p = ctx.period

    def message(row: Row, ok: bool) -> Msg:
        n = row["run"]
        excluded = [y for y in mask_years(row["xm_CSTDCS"], p) if y > p - need]
        return ("run.ok" if ok else ("run.fail" if n else "run.none")), {
            "of": Code(of),
            "n": n,
            "need": need,
            "year": p,
            "years": span(p - n + 1, p) if n else "",
            "excluded": ", ".join(str(y) for y in excluded),
        }

    def suggest(row: Row) -> Msg:
        have, start = (row["run"], p + 1) if row["run"] else (row["run_prev"], p)
        missing = max(1, need - have)
        return "need.run", {"of": Code(of), "n": missing, "years": span(start, start + missing - 1)}

    return Check(key, rule, cite, Effect.GATE, ctx.v("run") >= need, message, suggest)


# --- CSTĐ toàn quốc ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CstdtqRules:
    rule: str = "R-CSTDTQ-1"
    cite: str = "Law 06/2022 Art. 21"
    timing_cite: str = "Decree 91/2017 Art. 48(1)(a) (not confirmed for Decree 98/152)"
    six_cite: str = "Circular 07/2014/TT-BNV"


def make_cstdtq(law: CstdtqRules) -> RuleBuilder:
    def build(ctx: Ctx) -> RuleSet:
        p = ctx.period
        prm = ctx.params
        gap = prm.cstdtq_cycle_gap
        bt = pl.col("am_CSTD_BT") & years_from(pl.col("floor"), p)
        prior = prior_year(pl.col("am_CSTDTQ"), p)
        window = 2 * gap
        masks = ini_masks("tqr", 1)
        values = {
            "bt": bt,
            "prior": prior,
            "has_two": ((bt & pl.lit(1, pl.UInt64)) > 0) & ((bt & pl.lit(2**gap, pl.UInt64)) > 0),
            "ini_in": count_levels(masks, low_bits(pl.lit(window))),
            "ini_out": count_levels(
                masks,
                years_from(pl.max_horizontal(pl.col("floor"), prior + 1), p)
                & ~low_bits(pl.lit(window)),
            )
            + pl.col("after_tqr"),
            "bt_decided": pl.col("cstdbt_p_decision").dt.year().cast(pl.Int32),
            "cs_run": run(pl.col("am_CSTDCS") & years_from(pl.col("floor"), p)),
        }

        def two_message(row: Row, ok: bool) -> Msg:
            held = mask_years(row["bt"], p)
            return ("cstdtq.two.ok" if ok else "cstdtq.two.fail"), {
                "first": p - gap,
                "second": p,
                "held": ", ".join(str(y) for y in held),
            }

        def two_need(row: Row) -> Msg:
            held = mask_years(row["bt"], p)
            return "need.cstd_bt", {
                "years": ", ".join(str(y) for y in (p - gap, p) if y not in held)
            }

        checks = [
            subject_type(ctx, INDIVIDUAL, law.rule, law.cite),
            *award_type_for_title(ctx),
            Check(
                "two_cstd_bt",
                law.rule,
                law.cite,
                Effect.GATE,
                ctx.v("has_two"),
                two_message,
                two_need,
            ),
            reuse(ctx, ctx.v("prior"), gap + 1, "R-PRIN-1", "Law 06/2022 Art. 5(2)"),
            *initiative_checks(ctx, law.rule, law.cite, "toan_quoc", window, "need.initiative_tq"),
        ]
        if prm.cstdtq_timing != "off":
            timing_ok = pl.lit(ctx.on.year, pl.Int32) == ctx.v("bt_decided") + 1
            checks.append(
                Check(
                    "timing",
                    "R-CSTDTQ-2",
                    law.timing_cite,
                    Effect.GATE if prm.cstdtq_timing == "gate" else Effect.REVIEW,
                    only_if(ctx.v("bt_decided").is_not_null(), timing_ok),
                    lambda row, ok: (
                        "cstdtq.timing.ok" if ok else "cstdtq.timing.fail",
                        {
                            "decided": row["bt_decided"],
                            "expected": (row["bt_decided"] or 0) + 1,
                            "year": ctx.on.year,
                            "source": ctx.source("cstdtq_timing"),
                        },
                    ),
                )
            )
        if prm.cstdtq_requires_six_cstdcs:
            checks.append(
                Check(
                    "six_cstdcs",
                    "R-CSTDTQ-3",
                    law.six_cite,
                    Effect.GATE,
                    ctx.v("cs_run") >= 2 * CYCLE,
                    lambda row, ok: (
                        "cstdtq.six.ok" if ok else "cstdtq.six.fail",
                        {"n": row["cs_run"], "year": p},
                    ),
                )
            )
        checks += [chain_discipline(ctx, window), *procedure(ctx)]
        return RuleSet(ctx.code, values, checks)

    return build
