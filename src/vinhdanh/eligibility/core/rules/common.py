"""Checks shared by every award code: principles, procedure, authority and data sanity."""

from __future__ import annotations

import dataclasses
from typing import Any

import polars as pl

from ..checks import Check, Ctx, Msg, Row, fixed
from ..messages import Code, Denominator, Form, PendKind, Percent, Role, SubjectType, span
from ..vocab import TITLE_CODES, Effect

CITE_PRINCIPLES = "Decree 98/2023 Art. 4; Decree 152/2025 (principles clause)"
CITE_ART5 = "Law 06/2022 Art. 5(2)"
CITE_DATA = "rules.md Appendix B (data model)"
NULL_BOOL = pl.lit(None, pl.Boolean)


def only_if(cond: pl.Expr, ok: pl.Expr) -> pl.Expr:
    """`ok` where `cond` holds, null (not applicable) elsewhere."""
    return pl.when(cond.fill_null(False)).then(ok).otherwise(NULL_BOOL)


def fails_if(cond: pl.Expr) -> pl.Expr:
    """A check that is listed only when it fails."""
    return pl.when(cond.fill_null(False)).then(pl.lit(False)).otherwise(NULL_BOOL)


def const(value: bool) -> pl.Expr:
    return pl.lit(value, pl.Boolean)


# --- subject type ---------------------------------------------------------------------------


def subject_type(ctx: Ctx, allowed: tuple[str, ...], rule: str, cite: str) -> Check:
    def message(row: Row, ok: bool) -> Msg:
        return ("subject_type.ok" if ok else "subject_type.fail"), {
            "code": Code(ctx.code),
            "type": SubjectType(row["subject_type"] or ""),
            "allowed": tuple(SubjectType(t) for t in allowed),
        }

    return Check(
        "subject_type",
        rule,
        cite,
        Effect.GATE,
        pl.col("subject_type").is_in(allowed).fill_null(False),
        message,
    )


def award_type_for_title(ctx: Ctx) -> list[Check]:
    """Emulation titles are annual merit titles: no ad-hoc or thematic title exists."""
    if ctx.code not in TITLE_CODES or ctx.request.award_type == "CONG_TRANG":
        return []
    return [
        Check(
            "award_type",
            "R-TYPE-1",
            "Law 06/2022 Art. 8",
            Effect.GATE,
            const(False),
            fixed("award_type.title", code=Code(ctx.code), award_type=ctx.request.award_type),
        )
    ]


def review(ctx: Ctx, key: str, rule: str, cite: str, message: str, **fields: Any) -> Check:
    """A point the engine cannot settle from the facts: a person decides."""
    return Check(
        key, rule, cite, Effect.REVIEW, const(False), fixed(message, code=Code(ctx.code), **fields)
    )


# --- discipline and pending reviews -----------------------------------------------------------


def pending(ctx: Ctx) -> Check:
    def message(row: Row, _ok: bool) -> Msg:
        return "pending.fail", {
            "kind": PendKind(row["pend_kind"] or ""),
            "opened": row["pend_opened"],
            "on": ctx.on,
        }

    return Check(
        "pending_review",
        "R-DISC-1",
        CITE_PRINCIPLES,
        Effect.DEFER,
        fails_if(pl.col("pend_open") > 0),
        message,
        shared=True,
    )


def annual_discipline(ctx: Ctx, rule: str = "R-DISC-2", cite: str = CITE_PRINCIPLES) -> Check:
    """R-LDTT-6 default: a discipline overlapping the year bars the year's title."""
    mode = ctx.params.annual_discipline_mode
    p = ctx.period
    has = pl.col("disc_floor").is_not_null()
    ok = ~pl.col("disc_overlap") if mode == "overlap" else pl.col("disc_floor") <= p
    source = ctx.source("annual_discipline_mode")

    def message(row: Row, ok: bool) -> Msg:
        # On failure under "overlap", name the record that overlaps; otherwise the latest.
        pre = "disc_ov_" if (mode == "overlap" and not ok) else "disc_last_"
        kind = "overlap" if mode == "overlap" else "end"
        return f"discipline.{kind}.{'ok' if ok else 'fail'}", {
            "year": p,
            "form": Form(row[pre + "form"]),
            "from": row[pre + "from"],
            "to": row[pre + "to"],
            "assumed": bool(row[pre + "assumed"]),
            "source": source,
        }

    return Check("discipline", rule, cite, Effect.GATE, only_if(has, ok), message)


def chain_discipline(ctx: Ctx, window: int) -> Check:
    """R-DISC-2: the years a multi-year title needs must all follow the disciplinary period."""
    first_needed = ctx.period - window + 1

    def message(row: Row, ok: bool) -> Msg:
        return ("discipline.chain.ok" if ok else "discipline.chain.fail"), {
            "form": Form(row["disc_last_form"]),
            "to": row["disc_last_to"],
            "floor": row["disc_floor"],
            "first": first_needed,
            "years": span(first_needed, ctx.period),
            "assumed": bool(row["disc_last_assumed"]),
        }

    return Check(
        "discipline",
        "R-DISC-2",
        CITE_PRINCIPLES,
        Effect.GATE,
        only_if(pl.col("disc_floor").is_not_null(), pl.col("disc_floor") <= first_needed),
        message,
    )


# --- one achievement, one reward (R-PRIN-1) -----------------------------------------------------


def already_awarded(ctx: Ctx) -> list[Check]:
    if ctx.code not in TITLE_CODES:
        return []
    return [
        Check(
            "already_awarded",
            "R-PRIN-1",
            CITE_ART5,
            Effect.GATE,
            fails_if(pl.col(f"held_{ctx.code}")),
            fixed("already_awarded.fail", code=Code(ctx.code), year=ctx.period),
        )
    ]


def same_achievement(ctx: Ctx) -> list[Check]:
    achievement = ctx.request.achievement_id
    if achievement is None:
        return []

    def message(row: Row, ok: bool) -> Msg:
        if ok:
            return "achievement.ok", {"achievement": achievement}
        return "achievement.fail", {
            "achievement": achievement,
            "code": Code(row["ach_code"] or ""),
            "period": row["ach_period"],
        }

    return [
        Check("same_achievement", "R-PRIN-1", CITE_ART5, Effect.GATE, ~pl.col("ach_same"), message)
    ]


def reuse(ctx: Ctx, prior: pl.Expr, window: int, rule: str, cite: str) -> Check:
    """A later award of the same kind may not reuse years an earlier one was based on."""
    first_needed = ctx.period - window + 1

    def message(row: Row, ok: bool) -> Msg:
        return ("reuse.ok" if ok else "reuse.fail"), {
            "code": Code(ctx.code),
            "prior": row["prior"],
            "years": span(first_needed, ctx.period),
        }

    return Check(
        "reuse",
        rule,
        cite,
        Effect.GATE,
        only_if(prior.is_not_null(), prior < first_needed),
        message,
    )


# --- collectives dissolved in the 2025 restructuring ---------------------------------------------


def dissolved(ctx: Ctx) -> Check:
    gone = (
        (pl.col("subject_type") != "individual")
        & pl.col("dissolved_on").is_not_null()
        & (pl.col("dissolved_on") <= ctx.on)
    )
    settled = ctx.on >= ctx.params.dissolved_rule_from

    def message(row: Row, _ok: bool) -> Msg:
        return ("dissolved.fail" if settled else "dissolved.review"), {
            "date": row["dissolved_on"],
            "from": ctx.params.dissolved_rule_from,
        }

    return Check(
        "dissolved",
        "R-AUTH-2025-3",
        "Circular 15/2025/TT-BNV (R-MERGE-1)",
        Effect.GATE if settled else Effect.REVIEW,
        fails_if(gone),
        message,
        shared=True,
    )


# --- council vote (R-VOTE-1/2) --------------------------------------------------------------------


def council(ctx: Ctx) -> list[Check]:
    has = pl.col("c_total").is_not_null()
    rule = ctx.params.vote_rule(ctx.code)
    if rule is None:
        return [
            Check(
                "council_threshold",
                "R-VOTE-2",
                "council rules of procedure (R-VOTE-2)",
                Effect.REVIEW,
                fails_if(has),
                fixed("council.no_rule", code=Code(ctx.code)),
            )
        ]
    source = ctx.source("vote_rules")
    checks: list[Check] = []
    if rule.quorum is not None:
        q = rule.quorum

        def quorum_message(row: Row, ok: bool) -> Msg:
            return ("council.quorum.ok" if ok else "council.quorum.fail"), {
                "present": row["c_present"],
                "total": row["c_total"],
                "quorum": Percent(q.numerator, q.denominator),
                "source": source,
            }

        checks.append(
            Check(
                "council_quorum",
                "R-VOTE-2",
                rule.cite,
                Effect.GATE,
                only_if(
                    has,
                    (
                        pl.col("c_present") * q.denominator >= q.numerator * pl.col("c_total")
                    ).fill_null(False),
                ),
                quorum_message,
            )
        )
    t = rule.threshold
    den_col = "c_total" if rule.denominator == "total_members" else "c_present"
    votes, needed = pl.col("c_for") * t.denominator, t.numerator * pl.col(den_col)
    passes = votes >= needed if rule.inclusive else votes > needed

    def threshold_message(row: Row, ok: bool) -> Msg:
        votes, den = row["c_for"], row[den_col]
        return ("council.threshold.ok" if ok else "council.threshold.fail"), {
            "votes": votes,
            "den": den,
            "share": Percent(votes, den) if den else Percent(0, 1),
            "threshold": Percent(t.numerator, t.denominator),
            "denominator": Denominator(rule.denominator),
            "assumed": rule.assumed,
            "source": source,
            "inclusive": rule.inclusive,
            "strict": not rule.inclusive,
        }

    checks.append(
        Check(
            "council_threshold",
            rule.rule,
            rule.cite,
            Effect.GATE,
            only_if(has, passes.fill_null(False)),
            threshold_message,
        )
    )
    return checks


# --- authority (scalar: one decider for the whole request) ----------------------------------------


def authority(ctx: Ctx) -> list[Check]:
    role = ctx.request.decider_role
    if role is None:
        return []
    row = ctx.params.authority_for(role, ctx.code, ctx.on)
    status = row.status if row is not None else "denied"
    fields: dict[str, Any] = {"role": Role(role), "code": Code(ctx.code), "date": ctx.on}
    if row is None:
        # Cite the clause that gives this role its powers, and say what they are.
        powers, row = ctx.params.powers_of(role, ctx.on)
        fields["powers"] = tuple(Code(c) for c in powers)
    if row is not None:
        rule, cite = row.rule, row.cite
    else:
        rule, cite = "R-AUTH-80", "Law 06/2022 Art. 78–80"
    if status == "unsettled":
        return [
            Check(
                "authority",
                rule,
                cite,
                Effect.REVIEW,
                const(False),
                fixed("authority.unsettled", **fields),
            )
        ]
    if status == "allowed":
        key = "authority.ok"
    elif rule == "R-AUTH-2025-1":
        key = "authority.district_gone"
    else:
        key = "authority.fail"
    return [
        Check(
            "authority",
            rule,
            cite,
            Effect.AUTHORITY,
            const(status == "allowed"),
            fixed(key, **fields),
        )
    ]


def public_notice(ctx: Ctx) -> list[Check]:
    required = ctx.params.public_notice_working_days.get(ctx.code)
    if required is None:
        return []
    source = ctx.source("public_notice_working_days")

    def message(row: Row, ok: bool) -> Msg:
        return ("notice.ok" if ok else "notice.fail"), {
            "days": row["dos_notice_days"],
            "required": required,
            "source": source,
        }

    return [
        Check(
            "public_notice",
            "R-PUB-3",
            "internal rules (R-PUB-3)",
            Effect.GATE,
            only_if(pl.col("dos_notice_days").is_not_null(), pl.col("dos_notice_days") >= required),
            message,
        )
    ]


# --- data sanity: impossible histories become checks, never crashes -----------------------------


def data_checks(ctx: Ctx) -> list[Check]:
    p = ctx.period
    leave = (
        pl.col("maternity_p").fill_null(0)
        + pl.col("injury_p").fill_null(0)
        + pl.col("sick_p").fill_null(0)
        + pl.col("other_leave_p").fill_null(0)
    )
    members_bad = pl.any_horizontal(
        pl.col(c) > pl.col("mem_evaluated")
        for c in ("mem_completed", "mem_ldtt", "mem_cstdcs", "mem_disc")
    )
    council_bad = (pl.col("c_present") > pl.col("c_total")) | (
        pl.col("c_for") + pl.col("c_against").fill_null(0) > pl.col("c_total")
    )

    def f(key: str, **extra: Any) -> Any:
        def message(row: Row, _ok: bool) -> Msg:
            fields = {name: row[col] for name, col in extra.items()}
            fields["year"] = p
            return key, fields

        return message

    checks = [
        Check(
            "data_rating_before_recruitment",
            "DATA-1",
            CITE_DATA,
            Effect.DATA,
            fails_if(pl.col("min_rated_year") < pl.col("rec_year")),
            f(
                "data.rating_before_recruitment",
                first="min_rated_year",
                recruited="recruitment_date",
            ),
        ),
        Check(
            "data_award_before_recruitment",
            "DATA-2",
            CITE_DATA,
            Effect.DATA,
            fails_if(pl.col("min_award_period") < pl.col("rec_year")),
            f(
                "data.award_before_recruitment",
                first="min_award_period",
                recruited="recruitment_date",
            ),
        ),
        Check(
            "data_award_dates",
            "DATA-3",
            CITE_DATA,
            Effect.DATA,
            fails_if(pl.col("award_before_period")),
            f("data.award_before_period"),
        ),
        Check(
            "data_months",
            "DATA-4",
            CITE_DATA,
            Effect.DATA,
            fails_if(
                (pl.col("months_p") > 12)
                | (
                    leave + pl.col("training_p").fill_null(0)
                    > pl.col("months_p").fill_null(12.0) + 1e-9
                )
            ),
            f("data.months", months="months_p"),
        ),
        Check(
            "data_members",
            "DATA-5",
            CITE_DATA,
            Effect.DATA,
            fails_if(members_bad),
            f("data.members", evaluated="mem_evaluated"),
        ),
        Check(
            "data_council",
            "DATA-6",
            CITE_DATA,
            Effect.DATA,
            fails_if(council_bad),
            f("data.council", total="c_total", present="c_present", votes="c_for"),
        ),
        Check(
            "data_dates",
            "DATA-7",
            CITE_DATA,
            Effect.DATA,
            fails_if(pl.col("disc_bad") | pl.col("pend_bad")),
            f("data.dates"),
        ),
    ]
    return [dataclasses.replace(check, shared=True) for check in checks]


def procedure(ctx: Ctx) -> list[Check]:
    """Checks every code ends with: prior awards, dissolution, pending reviews, council,
    authority, posting, data."""
    return [
        *already_awarded(ctx),
        *same_achievement(ctx),
        dissolved(ctx),
        pending(ctx),
        *council(ctx),
        *authority(ctx),
        *public_notice(ctx),
        *data_checks(ctx),
    ]
