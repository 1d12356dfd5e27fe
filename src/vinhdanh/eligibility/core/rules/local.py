"""Codes whose detailed criteria the law delegates (Giấy khen, village, household and commune
titles) or which the engine does not evaluate (flags, orders other than HCLĐ hạng Ba …).

The national layer checks principles and authority; the criteria come from a jurisdiction
overlay (`min_rating`) or, failing that, from a person (NEEDS_REVIEW)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from ..checks import Check, Ctx, Msg, Row, RuleBuilder, RuleSet
from ..messages import Code
from ..titles import get as title
from ..vocab import RATING_RANK, SUBJECT_TYPES, Effect
from .common import (
    annual_discipline,
    award_type_for_title,
    procedure,
    review,
    subject_type,
)

TWO_TIER = date(2025, 7, 1)  # district level abolished (rules.md §7.2(3))


@dataclass(frozen=True)
class Delegated:
    rule: str
    cite: str
    subjects: tuple[str, ...]


DELEGATED: dict[str, Delegated] = {
    code: Delegated(rule, cite, title(code).subjects)
    for code, rule, cite in (
        ("GIAY_KHEN", "R-GK-1", "Law 06/2022 Art. 75(2)"),
        ("THON_VH", "R-THONVH-1", "Law 06/2022 Art. 30; Decree 86/2023"),
        ("GDVH", "R-GDVH-1", "Law 06/2022 Art. 31; Decree 86/2023"),
        ("XA_TB", "R-XATB-1", "Law 06/2022 Art. 29; Decree 86/2023"),
    )
}


def make_delegated(spec: Delegated) -> RuleBuilder:
    def build(ctx: Ctx) -> RuleSet:
        p = ctx.period
        minimum = ctx.params.min_rating.get(ctx.code)
        checks: list[Check] = [
            subject_type(ctx, spec.subjects, spec.rule, spec.cite),
            *award_type_for_title(ctx),
        ]
        if minimum is None:
            checks.append(review(ctx, "criteria", spec.rule, spec.cite, "criteria.delegated"))
            if ctx.code == "XA_TB" and ctx.on >= TWO_TIER:
                checks.append(
                    review(
                        ctx,
                        "district_movement",
                        spec.rule,
                        f"{spec.cite}; rules.md §8.8",
                        "xatb.district",
                    )
                )
        else:
            source = ctx.source("min_rating")

            def message(row: Row, ok: bool) -> Msg:
                return ("criteria.min_rating.ok" if ok else "criteria.min_rating.fail"), {
                    "year": p,
                    "rating": row["rating_p"] or "—",
                    "min": minimum,
                    "source": source,
                }

            checks.append(
                Check(
                    "criteria",
                    spec.rule,
                    f"{spec.cite} (jurisdiction criteria)",
                    Effect.GATE,
                    pl.col("rank_p") >= RATING_RANK[minimum],
                    message,
                    lambda _row: ("need.min_rating", {"year": p, "min": minimum}),
                )
            )
        # R-DISC-2 holds for every form, not only for titles.
        checks += [annual_discipline(ctx), *procedure(ctx)]
        return RuleSet(ctx.code, {}, checks)

    return build


CLUSTER = {
    "CTD_BT": ("R-CTDBT-1", "Law 06/2022 Art. 26"),
    "CTD_CP": ("R-CTDCP-1", "Law 06/2022 Art. 25"),
}


def cluster_flag(ctx: Ctx) -> RuleSet:
    """Flags go to the collective leading its cluster or block: a council's judgement."""
    rule, cite = CLUSTER[ctx.code]
    checks = [
        subject_type(ctx, ("collective",), rule, cite),
        *award_type_for_title(ctx),
        review(ctx, "criteria", rule, cite, "criteria.cluster"),
        annual_discipline(ctx),
        *procedure(ctx),
    ]
    return RuleSet(ctx.code, {}, checks)


def not_evaluated(ctx: Ctx) -> RuleSet:
    """Codes outside the engine's criteria (other orders, state titles, Kỷ niệm chương)."""
    checks: list[Check] = [
        subject_type(ctx, SUBJECT_TYPES, "R-PRIN-2", "Decree 98/2023 Art. 4(2)"),
        Check(
            "criteria",
            "R-PRIN-2",
            "Law 06/2022 Art. 33–71 (criteria not in the engine)",
            Effect.REVIEW,
            pl.lit(False),
            lambda _row, _ok: ("criteria.not_evaluated", {"code": Code(ctx.code)}),
        ),
        annual_discipline(ctx),
        *procedure(ctx),
    ]
    return RuleSet(ctx.code, {}, checks)
