"""Collective titles: TTLĐTT / Đơn vị tiên tiến (Art. 28) and TTLĐXS / Đơn vị quyết thắng
(Art. 27). Ratios use integer arithmetic so that exact boundaries are exact."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..checks import Check, Ctx, Msg, Row, RuleBuilder, RuleSet
from ..messages import Percent
from ..vocab import Effect
from .common import (
    annual_discipline,
    award_type_for_title,
    only_if,
    procedure,
    subject_type,
)

COLLECTIVE = ("collective",)
EVALUATED = pl.col("mem_evaluated")


@dataclass(frozen=True)
class CollectiveRules:
    rule: str
    cite: str
    min_rank: int  # 3: at least HTTNV (TTLĐTT), 4: HTXSNV (TTLĐXS)
    # Share of members with LĐTT: (numerator %, strict?) -> >50% or >=70%.
    ldtt_pct: int
    ldtt_strict: bool
    excellent: bool  # TTLĐXS: 100% complete tasks and at least one CSTĐCS
    # Discipline clause "no member disciplined at cảnh cáo or more": True by law, or taken
    # from a parameter (None: the law is unsettled for this regime).
    clause_by_law: bool
    clause_param: str
    clause_rule: str
    clause_cite: str


def _members_fields(row: Row, law: CollectiveRules) -> dict[str, object]:
    ev = row["mem_evaluated"]
    ldtt = row["mem_ldtt"]
    return {
        "ldtt": ldtt,
        "evaluated": ev,
        "share": Percent(ldtt or 0, ev) if ev else Percent(0, 1),
        "pct": law.ldtt_pct,
        "strict": law.ldtt_strict,
        "completed": row["mem_completed"],
        "cstdcs": row["mem_cstdcs"],
        "disciplined": row["mem_disc"],
        "year": row["period"],
    }


def make_collective(law: CollectiveRules) -> RuleBuilder:
    def build(ctx: Ctx) -> RuleSet:
        p = ctx.period
        ev = EVALUATED
        ldtt = pl.col("mem_ldtt")
        has_members = (ev > 0).fill_null(False)
        lhs, rhs = ldtt * 100, law.ldtt_pct * ev
        share_ok = has_members & ((lhs > rhs) if law.ldtt_strict else (lhs >= rhs)).fill_null(False)

        def rating_message(row: Row, ok: bool) -> Msg:
            if row["rating_p"] is None:
                return "coll.rating.missing", {"year": p}
            return ("coll.rating.ok" if ok else "coll.rating.fail"), {
                "year": p,
                "rating": row["rating_p"],
                "min": "HTXSNV" if law.min_rank == 4 else "HTTNV",
            }

        def share_message(row: Row, ok: bool) -> Msg:
            if not row["mem_evaluated"]:
                return "coll.members_missing", {"year": p}
            return ("coll.share.ok" if ok else "coll.share.fail"), _members_fields(row, law)

        def share_need(row: Row) -> Msg | None:
            evaluated = row["mem_evaluated"]
            if not evaluated:
                return None
            # Smallest count meeting the share, in integers.
            target = (law.ldtt_pct * evaluated) // 100 + (
                1 if law.ldtt_strict or (law.ldtt_pct * evaluated) % 100 else 0
            )
            return "need.members_ldtt", {"n": target - (row["mem_ldtt"] or 0)}

        checks = [
            subject_type(ctx, COLLECTIVE, law.rule, law.cite),
            *award_type_for_title(ctx),
            Check(
                "rating",
                law.rule,
                law.cite,
                Effect.GATE,
                pl.col("rank_p") >= law.min_rank,
                rating_message,
                # no rating at all is not "a better one": say it is missing
                lambda row: (
                    "need.coll_rating_missing" if row["rating_p"] is None else "need.coll_rating",
                    {"year": p},
                ),
            ),
            Check(
                "participation",
                law.rule,
                law.cite,
                Effect.GATE,
                only_if(pl.col("movement_p").is_not_null(), pl.col("movement_p")),
                lambda _row, ok: (
                    "coll.participation.ok" if ok else "coll.participation.fail",
                    {"year": p},
                ),
            ),
        ]
        if law.excellent:
            checks.append(
                Check(
                    "members_completed",
                    law.rule,
                    law.cite,
                    Effect.GATE,
                    has_members & (pl.col("mem_completed") == ev).fill_null(False),
                    lambda row, ok: (
                        ("coll.completed.ok" if ok else "coll.completed.fail")
                        if row["mem_evaluated"]
                        else "coll.members_missing",
                        _members_fields(row, law),
                    ),
                )
            )
        checks.append(
            Check(
                "ldtt_share", law.rule, law.cite, Effect.GATE, share_ok, share_message, share_need
            )
        )
        if law.excellent:
            checks.append(
                Check(
                    "members_cstdcs",
                    law.rule,
                    law.cite,
                    Effect.GATE,
                    (pl.col("mem_cstdcs") >= 1).fill_null(False),
                    lambda row, ok: (
                        "coll.cstdcs.ok" if ok else "coll.cstdcs.fail",
                        _members_fields(row, law),
                    ),
                    lambda _row: ("need.members_cstdcs", {}),
                )
            )
        checks += _clause(ctx, law)
        checks += [
            annual_discipline(ctx),
            *procedure(ctx),
        ]
        return RuleSet(ctx.code, {}, checks)

    return build


def _clause(ctx: Ctx, law: CollectiveRules) -> list[Check]:
    """The "no member disciplined at cảnh cáo or more" clause (R-TTLDXS-4, R-TTLDTT-1)."""
    setting: bool | None = True if law.clause_by_law else getattr(ctx.params, law.clause_param)
    if setting is False:
        return []
    none_disciplined = pl.col("mem_disc").fill_null(0) == 0
    by_param = not law.clause_by_law
    source = ctx.source(law.clause_param)

    def message(row: Row, ok: bool) -> Msg:
        fields = {"n": row["mem_disc"] or 0, "source": source, "by_param": by_param}
        if setting is None:
            return "coll.clause.unsettled", fields
        return ("coll.clause.ok" if ok else "coll.clause.fail"), fields

    if setting is None:
        # Law unsettled (rules.md §2.7): only a disciplined member makes it matter.
        ok = only_if(pl.col("mem_disc").fill_null(0) > 0, pl.lit(False))
        return [
            Check(
                "members_discipline", law.clause_rule, law.clause_cite, Effect.REVIEW, ok, message
            )
        ]
    return [
        Check(
            "members_discipline",
            law.clause_rule,
            law.clause_cite,
            Effect.GATE,
            only_if(pl.col("mem_evaluated").is_not_null(), none_disciplined),
            message,
        )
    ]


TTLDTT_2022 = CollectiveRules(
    rule="R-TTLDTT-1",
    cite="Law 06/2022 Art. 28(1)",
    min_rank=3,
    ldtt_pct=50,
    ldtt_strict=True,
    excellent=False,
    clause_by_law=False,
    clause_param="ttldtt_discipline_clause",
    clause_rule="R-TTLDTT-1",
    clause_cite="Law 06/2022 Art. 28 (clause not confirmed, rules.md §2.7)",
)
TTLDTT_2013 = CollectiveRules(
    rule="R-TTLDTT-1",
    cite="Law 2003/2013 (TTLĐTT, rules.md §2.7)",
    min_rank=3,
    ldtt_pct=50,
    ldtt_strict=True,
    excellent=False,
    clause_by_law=True,
    clause_param="ttldtt_discipline_clause",
    clause_rule="R-TTLDTT-1",
    clause_cite="Law 2003/2013 (TTLĐTT: no member disciplined at cảnh cáo or more)",
)
TTLDXS_2022 = CollectiveRules(
    rule="R-TTLDXS-1",
    cite="Law 06/2022 Art. 27(1)",
    min_rank=4,
    ldtt_pct=70,
    ldtt_strict=False,
    excellent=True,
    clause_by_law=False,
    clause_param="ttldxs_discipline_clause",
    clause_rule="R-TTLDXS-4",
    clause_cite="Law 06/2022 Art. 27(3) (clause restored by a jurisdiction)",
)
TTLDXS_2013 = CollectiveRules(
    rule="R-TTLDXS-1",
    cite="Law 2003/2013; Decree 91/2017 (TTLĐXS)",
    min_rank=4,
    ldtt_pct=70,
    ldtt_strict=False,
    excellent=True,
    clause_by_law=True,
    clause_param="ttldxs_discipline_clause",
    clause_rule="R-TTLDXS-4",
    clause_cite="Law 2003/2013; Decree 91/2017 (TTLĐXS)",
)


def armed_forces(law: CollectiveRules, rule: str, cite: str) -> CollectiveRules:
    """Đơn vị tiên tiến / quyết thắng: the same criteria for the armed forces."""
    return CollectiveRules(
        rule,
        cite,
        law.min_rank,
        law.ldtt_pct,
        law.ldtt_strict,
        law.excellent,
        law.clause_by_law,
        law.clause_param,
        law.clause_rule,
        law.clause_cite,
    )
