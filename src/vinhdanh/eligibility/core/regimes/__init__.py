"""Regimes by decision date (rules.md §0.1). Every module named ``regime_*`` in this package
registers itself on import; `select` picks the one covering a date."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

from .registry import Regime, RegimeError, covering, register, registered, unregister

_loaded = False


def load_all() -> None:
    global _loaded
    if _loaded:
        return
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("regime_"):
            importlib.import_module(f"{__name__}.{info.name}")
    _loaded = True


def select(on: date) -> Regime:
    load_all()
    regime = covering(on)
    if regime is None:
        raise RegimeError(f"no regime covers the date {on.isoformat()}")
    return regime


def get(name: str) -> Regime:
    load_all()
    try:
        return registered()[name]
    except KeyError:
        known = ", ".join(sorted(registered()))
        raise RegimeError(f"unknown regime {name!r} (known: {known})") from None


def names() -> list[str]:
    load_all()
    return sorted(registered())


__all__ = ["Regime", "RegimeError", "get", "load_all", "names", "register", "select", "unregister"]
