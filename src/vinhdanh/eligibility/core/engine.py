"""Set-based evaluation of one or several award codes for every subject of a batch.

features (group_bys per fact table, shared by all codes) -> per-code values -> check
columns -> outcome column per code, all polars expressions. Explanations are built
afterwards, one subject at a time, only when asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import polars as pl

from . import regimes
from .checks import Check, Ctx, RuleSet
from .facts import FactTables
from .features import build_features
from .messages import LANGS, Code, Fragments
from .outcome import outcome_expr
from .parameters import Parameters
from .regimes import Regime
from .request import Request
from .result import CheckResult, Result
from .vocab import Effect, Outcome

MAX_SUGGESTION_PARTS = 2  # a "near miss" lacks at most this many things


SHARED = "_shared"


def check_column(code: str, key: str) -> str:
    return f"{code}__chk__{key}"


def column_of(code: str, check: Check) -> str:
    """Shared checks have one column for all the codes of a batch."""
    return check_column(SHARED if check.shared else code, check.key)


def outcome_column(code: str) -> str:
    return f"{code}__outcome"


@dataclass(frozen=True)
class CodeEvaluation:
    code: str
    ctx: Ctx
    rules: RuleSet


class BatchResult:
    """Outcomes and check columns for every subject; explanations on demand."""

    def __init__(
        self, frame: pl.DataFrame, regime: Regime, evaluations: dict[str, CodeEvaluation]
    ) -> None:
        self.frame = frame
        self.regime = regime
        self.evaluations = evaluations

    @property
    def codes(self) -> list[str]:
        return list(self.evaluations)

    def _code(self, code: str | None) -> str:
        if code is None:
            if len(self.evaluations) != 1:
                raise ValueError("several codes were evaluated: say which one")
            return next(iter(self.evaluations))
        if code not in self.evaluations:
            raise KeyError(f"code {code!r} was not evaluated")
        return code

    def outcomes(self, code: str | None = None) -> pl.DataFrame:
        code = self._code(code)
        return self.frame.select("subject_id", outcome=pl.col(outcome_column(code)))

    def counts(self) -> pl.DataFrame:
        """Subjects per code and outcome."""
        parts = [
            self.outcomes(code).group_by("outcome").len().with_columns(code=pl.lit(code))
            for code in self.codes
        ]
        return pl.concat(parts).select("code", "outcome", "len").sort("code", "outcome")

    def row(self, subject_id: int) -> dict[str, Any]:
        rows = self.frame.filter(pl.col("subject_id") == subject_id)
        if rows.height == 0:
            raise KeyError(f"subject {subject_id} is not in this batch")
        return rows.row(0, named=True)

    def explain(
        self,
        subject_id: int,
        lang: str = "vi",
        code: str | None = None,
        result_id: str | None = None,
    ) -> Result:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
        code = self._code(code)
        ev = self.evaluations[code]
        raw = self.row(subject_id)
        prefix = f"{code}__"
        view = dict(raw)
        view.update({k[len(prefix) :]: v for k, v in raw.items() if k.startswith(prefix)})
        results: list[CheckResult] = []
        failed: list[Check] = []
        for check in ev.rules.checks:
            ok = raw[column_of(code, check)]
            if ok is None:
                continue
            results.append(
                CheckResult(
                    rule=check.rule,
                    ok=bool(ok),
                    cite=check.cite,
                    msg=check.message(view, bool(ok)),
                    key=check.key,
                    effect=check.effect.value,
                    lang=lang,
                )
            )
            if not ok:
                failed.append(check)
        outcome = Outcome(raw[outcome_column(code)])
        return Result(
            id=result_id if result_id is not None else str(subject_id),
            outcome=outcome,
            regime=self.regime.name,
            checks=tuple(results),
            suggestion_msgs=_suggestions(code, outcome, failed, view),
            code=code,
            lang=lang,
        )

    def ldtt_base(self) -> pl.Expr:
        """True for a subject counted in the CSTĐCS quota's base: LĐTT held for the period, or
        eligible for it in this batch."""
        held = pl.col("held_LDTT").fill_null(False)
        if "LDTT" in self.evaluations:
            return held | (pl.col(outcome_column("LDTT")) == Outcome.ELIGIBLE.value)
        return held

    @property
    def cstdcs_share(self) -> Fraction | None:
        """The CSTĐCS quota as a share of LĐTT (R-CSTDCS-3), when the parameters set one."""
        ev = self.evaluations.get("CSTDCS")
        return ev.ctx.params.cstdcs_quota_of_ldtt if ev else None

    def cstdcs_quota(
        self,
        groups: Mapping[int, int] | None = None,
        allowed: Mapping[int, int] | None = None,
        awarded: Mapping[int, int] | None = None,
    ) -> pl.DataFrame:
        """R-CSTDCS-3 ranking under a quota of the unit's LĐTT (ranking only, never a gate).

        Eligible CSTĐCS candidates are ranked per unit: priority group first (R-PRIN-5), then
        rating, then recognised initiatives. The quota is floor(share × LĐTT of the unit),
        counting the LĐTT eligible in this batch or already held for the period (an LĐTT
        decided for the year stays in the base the share is taken of). A candidate is within
        the quota when their rank fits in the room the year leaves: the quota less the CSTĐCS
        already awarded for the period (never below 0). Those hold the title and are no
        candidates; people merely proposed are candidates and are ranked, not taken off.

        `groups` maps a subject's unit to the unit whose quota it counts in (`quota_unit`: a
        division counts in its department); by default each unit is its own. `allowed` and
        `awarded` give the quota and the CSTĐCS awarded per group when the caller counts them
        over more than this batch (the whole unit's year); by default both are taken of this
        batch (`held_CSTDCS`).
        """
        share = self.cstdcs_share
        if share is None:
            return pl.DataFrame(
                schema={
                    "subject_id": pl.Int64,
                    "unit_id": pl.Int64,
                    "quota_unit_id": pl.Int64,
                    "rank": pl.UInt32,
                    "quota": pl.Int64,
                    "awarded": pl.Int64,
                    "room": pl.Int64,
                    "within_quota": pl.Boolean,
                }
            )
        quota: pl.Expr = (
            self.ldtt_base().sum().over("quota_unit_id").cast(pl.Int64) * share.numerator
        ) // share.denominator
        if allowed is not None:
            quota = pl.col("quota_unit_id").replace_strict(
                dict(allowed), default=None, return_dtype=pl.Int64
            )
        given: pl.Expr = (
            pl.col("held_CSTDCS").fill_null(False).sum().over("quota_unit_id").cast(pl.Int64)
            if "held_CSTDCS" in self.frame.columns
            else pl.lit(0, dtype=pl.Int64)
        )
        if awarded is not None:
            given = pl.col("quota_unit_id").replace_strict(
                dict(awarded), default=0, return_dtype=pl.Int64
            )
        eligible = pl.col(outcome_column("CSTDCS")) == Outcome.ELIGIBLE.value
        frame = self.frame.lazy().filter(pl.col("unit_id").is_not_null())
        mapping = pl.LazyFrame(
            {"unit_id": list(groups or {}), "quota_unit_id": list((groups or {}).values())},
            schema={"unit_id": pl.Int64, "quota_unit_id": pl.Int64},
        )
        return (
            frame.with_columns(pl.col("unit_id").cast(pl.Int64))
            .join(mapping, on="unit_id", how="left")
            .with_columns(pl.col("quota_unit_id").fill_null(pl.col("unit_id")))
            .with_columns(quota=quota, awarded=given)
            .with_columns(room=(pl.col("quota") - pl.col("awarded")).clip(lower_bound=0))
            .filter(eligible)
            .sort(
                ["quota_unit_id", "priority", "rank_p", "CSTDCS__ini_p", "subject_id"],
                descending=[False, True, True, True, False],
                nulls_last=True,
            )
            .with_columns(rank=pl.int_range(1, pl.len() + 1, dtype=pl.UInt32).over("quota_unit_id"))
            .select(
                "subject_id",
                "unit_id",
                "quota_unit_id",
                "rank",
                "quota",
                "awarded",
                "room",
                within_quota=pl.col("rank").cast(pl.Int64) <= pl.col("room"),
            )
            .collect()
        )


def _suggestions(
    code: str, outcome: Outcome, failed: list[Check], view: dict[str, Any]
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """A near miss: at most two unmet criteria, each saying what would meet it."""
    gates = [check for check in failed if check.effect is Effect.GATE]
    if outcome is not Outcome.NOT_ELIGIBLE or len(gates) > MAX_SUGGESTION_PARTS:
        return ()
    parts = []
    for check in gates:
        part = check.need(view) if check.need is not None else None
        if part is None:
            return ()
        parts.append(part)
    return (("suggest", {"needs": Fragments(parts), "code": Code(code)}),)


def _plan(
    facts: FactTables,
    requests: Sequence[Request],
    params: Parameters | None,
) -> tuple[pl.LazyFrame, Regime, dict[str, CodeEvaluation]]:
    first = requests[0]
    on, period = first.on, first.period
    regime = regimes.select(on)
    prm = params if params is not None else regime.default_parameters(on)
    evaluations: dict[str, CodeEvaluation] = {}
    for request in requests:
        ctx = Ctx(request.code, request, prm, regime.name)
        evaluations[request.code] = CodeEvaluation(
            request.code, ctx, regime.builder(request.code)(ctx)
        )
    codes = list(evaluations)
    frame = build_features(
        facts, period, on, prm, held_codes=[*codes, "LDTT"], achievement_id=first.achievement_id
    ).lazy()
    values = [
        expr.alias(f"{code}__{name}")
        for code, ev in evaluations.items()
        for name, expr in ev.rules.values.items()
    ]
    if values:
        frame = frame.with_columns(values)
    check_cols: dict[str, pl.Expr] = {}
    outcomes: list[pl.Expr] = []
    for code, ev in evaluations.items():
        keys = [c.key for c in ev.rules.checks]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate check keys for {code}: {keys}")
        for c in ev.rules.checks:
            check_cols.setdefault(column_of(code, c), c.ok.cast(pl.Boolean))
        outcomes.append(
            outcome_expr([(c.effect, pl.col(column_of(code, c))) for c in ev.rules.checks]).alias(
                outcome_column(code)
            )
        )
    frame = frame.with_columns(**check_cols).with_columns(outcomes)
    return frame, regime, evaluations


def evaluate_batch(
    facts: FactTables, request: Request, params: Parameters | None = None
) -> BatchResult:
    """Evaluate one request for every subject of the fact tables.

    `params` defaults to the regime's defaults for the request date.
    """
    frame, regime, evaluations = _plan(facts, [request], params)
    return BatchResult(frame.collect(), regime, evaluations)


def evaluate_many(
    facts: FactTables,
    codes: Sequence[str],
    period: int,
    decision_date: date,
    params: Parameters | None = None,
) -> BatchResult:
    """Candidate lists for several codes at once (merit route, no decider), sharing features."""
    if not codes:
        raise ValueError("no codes to evaluate")
    requests = [
        Request(code=c, period=period, decision_date=decision_date) for c in dict.fromkeys(codes)
    ]
    frame, regime, evaluations = _plan(facts, requests, params)
    return BatchResult(frame.collect(), regime, evaluations)
