"""The regime registry: a regime registers itself with its validity period.

A new regime is a new module ``regimes/regime_<name>.py`` calling `register`; it is found by
`load_all` and touches no other regime. Its rules may only name codes of the title registry
(titles.py) that the engine evaluates; every other registered code gets the fallback. Where
validity periods overlap, the regime that starts later wins, so an open-ended regime needs no
edit when its successor arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from ..checks import RuleBuilder
from ..parameters import Parameters
from ..titles import BY_CODE


class RegimeError(ValueError):
    pass


@dataclass(frozen=True)
class Regime:
    name: str
    valid_from: date | None  # inclusive; None: open
    valid_to: date | None  # inclusive; None: open
    label: str
    defaults: Callable[[date], Parameters]
    rules: Mapping[str, RuleBuilder]
    fallback: RuleBuilder  # codes without specific rules

    def covers(self, on: date) -> bool:
        return (self.valid_from is None or on >= self.valid_from) and (
            self.valid_to is None or on <= self.valid_to
        )

    def default_parameters(self, on: date) -> Parameters:
        return self.defaults(on)

    def builder(self, code: str) -> RuleBuilder:
        return self.rules.get(code, self.fallback)


_REGIMES: dict[str, Regime] = {}


def register(regime: Regime) -> Regime:
    unknown = sorted(c for c in regime.rules if c not in BY_CODE or not BY_CODE[c].engine)
    if unknown:
        raise RegimeError(f"regime {regime.name} has rules for unregistered codes: {unknown}")
    for other in _REGIMES.values():
        if other.name != regime.name and other.valid_from == regime.valid_from:
            raise RegimeError(f"regime {regime.name} starts on the same date as {other.name}")
    _REGIMES[regime.name] = regime
    return regime


def covering(on: date) -> Regime | None:
    """The regime for a date: among those covering it, the one that starts last."""
    candidates = [r for r in _REGIMES.values() if r.covers(on)]
    if not candidates:
        return None
    return max(candidates, key=lambda r: r.valid_from or date.min)


def unregister(name: str) -> None:
    """For tests that register a temporary regime."""
    _REGIMES.pop(name, None)


def registered() -> dict[str, Regime]:
    return dict(_REGIMES)
