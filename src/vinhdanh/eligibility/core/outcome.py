"""From check results to one outcome, by a fixed precedence.

A criterion of the law that is not met decides first (NOT_ELIGIBLE); then a decider without
the power (INVALID_AUTHORITY); then contradictory facts (NEEDS_REVIEW: never call a subject
eligible on impossible data); then a pending review (DEFERRED: barred *only* while it is
open); then points the law leaves unsettled (NEEDS_REVIEW).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from .vocab import Effect, Outcome

PRECEDENCE: tuple[tuple[Effect, Outcome], ...] = (
    (Effect.GATE, Outcome.NOT_ELIGIBLE),
    (Effect.AUTHORITY, Outcome.INVALID_AUTHORITY),
    (Effect.DATA, Outcome.NEEDS_REVIEW),
    (Effect.DEFER, Outcome.DEFERRED),
    (Effect.REVIEW, Outcome.NEEDS_REVIEW),
)
OUTCOME_DTYPE = pl.Enum([o.value for o in Outcome])


def outcome_expr(checks: Sequence[tuple[Effect, pl.Expr]]) -> pl.Expr:
    """Outcome column from boolean check columns (null = not applicable)."""
    expr: pl.Expr = pl.lit(Outcome.ELIGIBLE.value)
    for effect, outcome in reversed(PRECEDENCE):
        failed = [ok.not_() for eff, ok in checks if eff is effect]
        if failed:
            any_failed = pl.any_horizontal(failed).fill_null(False)
            expr = pl.when(any_failed).then(pl.lit(outcome.value)).otherwise(expr)
    return expr.cast(OUTCOME_DTYPE)


def outcome_of(results: Iterable[tuple[Effect, bool]]) -> Outcome:
    """The same precedence for already evaluated checks (used by explanations and tests)."""
    failed = {effect for effect, ok in results if not ok}
    for effect, outcome in PRECEDENCE:
        if effect in failed:
            return outcome
    return Outcome.ELIGIBLE
