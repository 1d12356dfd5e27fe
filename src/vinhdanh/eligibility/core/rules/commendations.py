"""Forms of commendation with checkable merit routes: BK_BT, BK_TTG, HC_LAO_DONG_3."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..checks import Check, Ctx, Msg, Row, RuleBuilder, RuleSet
from ..features import count, count_levels, ini_masks, low_bits, prior_year, run, years_from
from ..messages import Code, Level, span
from ..vocab import Effect
from .common import chain_discipline, fails_if, only_if, procedure, reuse, subject_type

IND_OR_COLL = ("individual", "collective")
IS_INDIVIDUAL = pl.col("subject_type") == "individual"


def individual_only(check: Check) -> Check:
    """Restrict a criterion to individuals (collective criteria are handled separately)."""
    return Check(
        check.key,
        check.rule,
        check.cite,
        check.effect,
        only_if(IS_INDIVIDUAL, check.ok),
        check.message,
        check.need,
    )


def collective_review(ctx: Ctx, rule: str, cite: str) -> Check:
    return Check(
        "collective_criteria",
        rule,
        cite,
        Effect.REVIEW,
        fails_if(~IS_INDIVIDUAL),
        lambda _row, _ok: ("criteria.collective_unavailable", {"code": Code(ctx.code)}),
    )


def non_merit_review(ctx: Ctx, rule: str, cite: str) -> Check:
    """Ad-hoc, thematic and other non-merit routes rest on a judgement of the achievement."""
    return Check(
        "award_type",
        rule,
        cite,
        Effect.REVIEW,
        pl.lit(False),
        lambda _row, _ok: (
            "criteria.non_merit",
            {"code": Code(ctx.code), "award_type": ctx.request.award_type},
        ),
    )


# --- Bằng khen bộ/tỉnh (Art. 74(1)(d)) ----------------------------------------------------------

BKBT_RULE, BKBT_CITE = "R-BKBT-CN-1", "Law 06/2022 Art. 74(1)(d)"


def bkbt_2022(ctx: Ctx) -> RuleSet:
    p = ctx.period
    if ctx.request.award_type != "CONG_TRANG":
        return _non_merit(ctx, BKBT_RULE, "Law 06/2022 Art. 74(1)(a)-(c)")
    prior = prior_year(pl.col("am_BK_BT"), p)
    lo = pl.max_horizontal(pl.col("floor"), prior + 1)
    values = {
        "prior": prior,
        "cs_run": run(pl.col("am_CSTDCS") & years_from(lo, p)),
        "ex_run": run(pl.col("m_exc") & years_from(lo, p)),
    }
    values["ini"] = count_levels(ini_masks("base", 5), low_bits(values["ex_run"]))
    ok = (ctx.v("cs_run") >= 2) | ((ctx.v("ex_run") >= 2) & (ctx.v("ini") >= 2))

    def message(row: Row, ok: bool) -> Msg:
        cs, ex, ini = row["cs_run"], row["ex_run"], row["ini"]
        fields = {
            "cs": cs,
            "cs_years": span(p - cs + 1, p) if cs else "—",
            "ex": ex,
            "ex_years": span(p - ex + 1, p) if ex else "—",
            "ini": ini,
        }
        if not ok:
            return "bkbt.route_d.fail", fields
        return ("bkbt.route_d.cstdcs" if cs >= 2 else "bkbt.route_d.htxs"), fields

    def need(row: Row) -> Msg:
        if row["ex_run"] >= 2:
            return "need.initiative_base_n", {"n": 2 - row["ini"]}
        return "need.run", {
            "of": Code("CSTDCS"),
            "n": 1,
            "years": span(p + 1, p + 1) if row["cs_run"] else str(p),
        }

    checks = [
        subject_type(ctx, IND_OR_COLL, BKBT_RULE, BKBT_CITE),
        individual_only(Check("route_d", BKBT_RULE, BKBT_CITE, Effect.GATE, ok, message, need)),
        individual_only(reuse(ctx, ctx.v("prior"), 2, "R-PRIN-1", "Law 06/2022 Art. 5(2)")),
        collective_review(ctx, "R-BKBT-CN-3", "Law 06/2022 Art. 74"),
        chain_discipline(ctx, 2),
        *procedure(ctx),
    ]
    return RuleSet(ctx.code, values, checks)


def bkbt_2013(ctx: Ctx) -> RuleSet:
    """The 2013-era criteria are not in the rule digest (rules.md §7.1): a person decides."""
    checks = [
        subject_type(ctx, IND_OR_COLL, BKBT_RULE, "Law 2003/2013; Decree 91/2017"),
        Check(
            "criteria_2013",
            BKBT_RULE,
            "Law 2003/2013; Decree 91/2017 (criteria not in rules.md §7.1)",
            Effect.REVIEW,
            pl.lit(False),
            lambda _row, _ok: ("criteria.unavailable_2013", {"code": Code(ctx.code)}),
        ),
        *procedure(ctx),
    ]
    return RuleSet(ctx.code, {}, checks)


def _non_merit(ctx: Ctx, rule: str, cite: str) -> RuleSet:
    checks = [
        subject_type(ctx, IND_OR_COLL, rule, cite),
        non_merit_review(ctx, rule, cite),
        *procedure(ctx),
    ]
    return RuleSet(ctx.code, {}, checks)


# --- Bằng khen Thủ tướng and HCLĐ hạng Ba: prerequisite + multi-year window -------------------


@dataclass(frozen=True)
class ChainForm:
    """A form that needs a prior form and then N consecutive years up to the proposal."""

    prereq: str  # BK_BT for BK_TTG, BK_TTG for HC_LAO_DONG_3
    rule: str
    cite: str
    order_param: str  # parameter: window must start after the prerequisite decision
    order_rule: str
    type_rule: str  # the prerequisite may not be ad-hoc or thematic
    htxs_needed: int  # HTXSNV years needed inside the window (HCLĐ3: 1)
    non_merit_rule: str
    non_merit_cite: str
    collective_cite: str


YEARS_NEEDED = 5
CSTDCS_NEEDED = 3

BKTTG = ChainForm(
    prereq="BK_BT",
    rule="R-BKTTG-CN-1",
    cite="Law 06/2022 Art. 73(1)(b)",
    order_param="bkttg_window_after_prereq",
    order_rule="R-BKTTG-CN-2",
    type_rule="R-BKTTG-CN-3",
    htxs_needed=0,
    non_merit_rule="R-BKTTG-CN-1",
    non_merit_cite="Law 06/2022 Art. 73(1)(a),(c)",
    collective_cite="Law 06/2022 Art. 73(2)",
)
HCLD3 = ChainForm(
    prereq="BK_TTG",
    rule="R-HCLD3-CN-1",
    cite="Law 06/2022 Art. 44(1)(e)",
    order_param="hcld3_window_after_prereq",
    order_rule="R-HCLD3-CN-1",
    type_rule="R-TYPE-1",
    htxs_needed=1,
    non_merit_rule="R-HCLD3-CN-3",
    non_merit_cite="Law 06/2022 Art. 44(2)",
    collective_cite="Law 06/2022 Art. 44",
)


def _window_values(ctx: Ctx, form: ChainForm, rating_mask: str) -> dict[str, pl.Expr]:
    p = ctx.period
    prior = prior_year(pl.col(f"am_{ctx.code}"), p)
    lo0 = pl.max_horizontal(pl.col("floor"), prior + 1)
    lo1 = pl.max_horizontal(lo0, pl.col(f"avail_{form.prereq}"))
    w0 = run(pl.col(rating_mask) & years_from(lo0, p))
    w1 = run(pl.col(rating_mask) & years_from(lo1, p))
    return {
        "prior": prior,
        "avail": pl.col(f"avail_{form.prereq}"),
        "prereq_period": pl.col(f"prereq_{form.prereq}"),
        "w0": w0,
        "cs0": count(pl.col("am_CSTDCS") & low_bits(w0)),
        "ex0": count(pl.col("m_exc") & low_bits(w0)),
        "w1": w1,
        "cs1": count(pl.col("am_CSTDCS") & low_bits(w1)),
        "ex1": count(pl.col("m_exc") & low_bits(w1)),
    }


def _prereq_checks(ctx: Ctx, form: ChainForm, cite: str) -> list[Check]:
    has = ctx.v("avail").is_not_null()
    return [
        individual_only(
            Check(
                "prerequisite",
                form.rule,
                cite,
                Effect.GATE,
                has,
                lambda row, ok: (
                    "prereq.ok" if ok else "prereq.fail",
                    {"prereq": Code(form.prereq), "period": row["prereq_period"]},
                ),
                need=lambda _row: ("need.prereq", {"prereq": Code(form.prereq)}),
            )
        ),
        individual_only(
            Check(
                "prerequisite_type",
                form.type_rule,
                "Decree 152/2025 (principles clause); R-TYPE-1",
                Effect.GATE,
                fails_if(~has & pl.col(f"nonchain_{form.prereq}")),
                lambda _row, _ok: ("prereq.non_merit", {"prereq": Code(form.prereq)}),
            )
        ),
    ]


def make_chain_form_2022(form: ChainForm) -> RuleBuilder:
    def build(ctx: Ctx) -> RuleSet:
        p = ctx.period
        if ctx.code == "HC_LAO_DONG_3" and ctx.request.award_type == "CONG_HIEN":
            return _non_merit(ctx, "R-HCLD3-CN-2", "Decree 152/2025 Art. 21")
        if ctx.request.award_type != "CONG_TRANG":
            return _non_merit(ctx, form.non_merit_rule, form.non_merit_cite)
        values = _window_values(ctx, form, "m_good")
        order_on = bool(getattr(ctx.params, form.order_param))

        def window_fields(row: Row, suffix: str) -> dict[str, object]:
            w = row[f"w{suffix}"]
            return {
                "n": w,
                "years": span(p - w + 1, p) if w else "—",
                "min": YEARS_NEEDED,
                "cs": row[f"cs{suffix}"],
                "cs_min": CSTDCS_NEEDED,
                "ex": row[f"ex{suffix}"],
                "prereq": Code(form.prereq),
                "avail": row["avail"],
                "source": ctx.source(form.order_param),
            }

        def window_message(row: Row, ok: bool) -> Msg:
            return ("window.ok" if ok else "window.fail"), window_fields(row, "0")

        def window_need(row: Row) -> Msg:
            missing = YEARS_NEEDED - row["w0"]
            return "need.good_years", {"n": missing, "years": span(p + 1, p + missing)}

        checks = [
            subject_type(ctx, IND_OR_COLL, form.rule, form.cite),
            *_prereq_checks(ctx, form, form.cite),
            individual_only(
                Check(
                    "window",
                    form.rule,
                    form.cite,
                    Effect.GATE,
                    ctx.v("w0") >= YEARS_NEEDED,
                    window_message,
                    window_need,
                )
            ),
            individual_only(
                Check(
                    "cstdcs_in_window",
                    form.rule,
                    form.cite,
                    Effect.GATE,
                    ctx.v("cs0") >= CSTDCS_NEEDED,
                    lambda row, ok: (
                        "window.cstdcs.ok" if ok else "window.cstdcs.fail",
                        window_fields(row, "0"),
                    ),
                    need=lambda row: ("need.cstdcs_count", {"n": CSTDCS_NEEDED - row["cs0"]}),
                )
            ),
        ]
        passes0 = (ctx.v("w0") >= YEARS_NEEDED) & (ctx.v("cs0") >= CSTDCS_NEEDED)
        passes1 = (ctx.v("w1") >= YEARS_NEEDED) & (ctx.v("cs1") >= CSTDCS_NEEDED)
        if form.htxs_needed:
            checks.append(
                individual_only(
                    Check(
                        "htxsnv_in_window",
                        form.rule,
                        form.cite,
                        Effect.GATE,
                        ctx.v("ex0") >= form.htxs_needed,
                        lambda row, ok: (
                            "window.htxs.ok" if ok else "window.htxs.fail",
                            window_fields(row, "0"),
                        ),
                        need=lambda _row: ("need.htxs", {}),
                    )
                )
            )
            passes0 = passes0 & (ctx.v("ex0") >= form.htxs_needed)
            passes1 = passes1 & (ctx.v("ex1") >= form.htxs_needed)
        if order_on:
            # Decisive only when the window without the ordering would pass.
            checks.append(
                individual_only(
                    Check(
                        "window_order",
                        form.order_rule,
                        f"{form.cite}; rules.md §8.5 (unsettled, parameter {form.order_param})",
                        Effect.GATE,
                        only_if(ctx.v("avail").is_not_null() & passes0, passes1),
                        lambda row, ok: (
                            "window.order.ok" if ok else "window.order.fail",
                            window_fields(row, "1"),
                        ),
                    )
                )
            )
        checks += [
            individual_only(
                reuse(ctx, ctx.v("prior"), YEARS_NEEDED, "R-PRIN-1", "Law 06/2022 Art. 5(2)")
            ),
            collective_review(ctx, form.rule, form.collective_cite),
            chain_discipline(ctx, YEARS_NEEDED),
            *procedure(ctx),
        ]
        return RuleSet(ctx.code, values, checks)

    return build


@dataclass(frozen=True)
class OldChainForm:
    """2013 routes: prerequisite + 5 subsequent consecutive years HTXSNV + initiatives."""

    form: ChainForm
    rule: str
    cite: str
    initiative_class: str  # base (BK_TTG: 5 base initiatives) / bt (HCLĐ3: 2 at bo/tinh)
    initiatives_needed: int
    level: str


BKTTG_OLD = OldChainForm(BKTTG, "R-BKTTG-OLD", "Decree 91/2017 Art. 38(1)(c)", "base", 5, "co_so")
HCLD3_OLD = OldChainForm(HCLD3, "R-HCLD3-OLD", "Decree 91/2017 Art. 24", "bt", 2, "bo_tinh")


def make_chain_form_2013(old: OldChainForm) -> RuleBuilder:
    def build(ctx: Ctx) -> RuleSet:
        p = ctx.period
        if ctx.request.award_type != "CONG_TRANG":
            return _non_merit(ctx, old.rule, old.cite)
        values = _window_values(ctx, old.form, "m_exc")
        cap = 5 if old.initiative_class == "base" else 2
        # "The next 5 years" after the prerequisite: the ordering is part of the old text.
        values["ini"] = count_levels(ini_masks(old.initiative_class, cap), low_bits(values["w1"]))

        def fields(row: Row) -> dict[str, object]:
            w = row["w1"]
            return {
                "n": w,
                "years": span(p - w + 1, p) if w else "—",
                "min": YEARS_NEEDED,
                "ini": row["ini"],
                "ini_min": old.initiatives_needed,
                "level": Level(old.level),
                "prereq": Code(old.form.prereq),
            }

        checks = [
            subject_type(ctx, IND_OR_COLL, old.rule, old.cite),
            *_prereq_checks(ctx, old.form, old.cite),
            individual_only(
                Check(
                    "window",
                    old.rule,
                    old.cite,
                    Effect.GATE,
                    ctx.v("w1") >= YEARS_NEEDED,
                    lambda row, ok: ("window.old.ok" if ok else "window.old.fail", fields(row)),
                )
            ),
            individual_only(
                Check(
                    "initiatives_in_window",
                    old.rule,
                    old.cite,
                    Effect.GATE,
                    ctx.v("ini") >= old.initiatives_needed,
                    lambda row, ok: ("window.ini.ok" if ok else "window.ini.fail", fields(row)),
                )
            ),
            individual_only(
                reuse(
                    ctx,
                    ctx.v("prior"),
                    YEARS_NEEDED,
                    "R-PRIN-1",
                    "Law 2003/2013 (no several forms for one achievement)",
                )
            ),
            collective_review(ctx, old.rule, old.cite),
            chain_discipline(ctx, YEARS_NEEDED),
            *procedure(ctx),
        ]
        return RuleSet(ctx.code, values, checks)

    return build
