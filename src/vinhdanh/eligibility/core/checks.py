"""The shape of a rule check: a boolean polars expression plus how to explain it.

A check's `ok` expression yields True (met), False (not met) or null (not applicable to this
subject). Its message is built only when someone asks for an explanation, from the result
row, so the batch path never does per-subject Python work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from .messages import Source
from .parameters import Parameters
from .request import Request
from .vocab import Effect

Row = Mapping[str, Any]
Msg = tuple[str, dict[str, Any]]  # (catalogue key, fields)
MessageFn = Callable[[Row, bool], Msg]
NeedFn = Callable[[Row], Msg | None]


@dataclass(frozen=True)
class Ctx:
    """Everything a rule builder may use: the request, parameters and regime (all scalars)."""

    code: str
    request: Request
    params: Parameters
    regime: str

    @property
    def period(self) -> int:
        return self.request.period

    @property
    def on(self) -> date:
        return self.request.on

    def v(self, name: str) -> pl.Expr:
        """A per-code value column (see RuleSet.values)."""
        return pl.col(f"{self.code}__{name}")

    def source(self, name: str) -> Source:
        """Where a parameter's value comes from, for the explanation."""
        return Source(self.params.is_overridden(name), self.params.jurisdiction)


@dataclass(frozen=True)
class Check:
    key: str
    rule: str
    cite: str
    effect: Effect
    ok: pl.Expr
    message: MessageFn
    need: NeedFn | None = None  # near-miss suggestion fragment when the check fails
    # The same for every code of a batch (depends only on the facts, period and date):
    # computed once when several codes are evaluated together.
    shared: bool = False


@dataclass(frozen=True)
class RuleSet:
    """The checks for one award code under one regime, with the values their messages use."""

    code: str
    values: Mapping[str, pl.Expr]
    checks: Sequence[Check]


RuleBuilder = Callable[[Ctx], RuleSet]


def fixed(key: str, **fields: Any) -> MessageFn:
    """A message that does not depend on the row (same key whether ok or not)."""

    def build(_row: Row, _ok: bool) -> Msg:
        return key, dict(fields)

    return build
