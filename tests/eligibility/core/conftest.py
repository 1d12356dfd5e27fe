"""Fixtures for the pure eligibility core: build cases tersely and evaluate them."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from vinhdanh.eligibility.core import CheckResult, Result, evaluate_case, load_cases

DATA = Path(__file__).resolve().parent.parent / "data"

# Hypothesis keeps a cache directory; keep it out of the repository.
set_hypothesis_home_dir(str(Path(tempfile.gettempdir()) / "vinhdanh-eligibility-hypothesis"))

YearSpec = Mapping[int, str | Mapping[str, Any] | None]


def make_case(
    code: str,
    period: int = 2024,
    on: str = "2025-01-15",
    *,
    subject: Mapping[str, Any] | None = None,
    years: YearSpec | None = None,
    awards: Iterable[tuple[str, int] | Mapping[str, Any]] = (),
    initiatives: Iterable[Mapping[str, Any]] = (),
    discipline: Iterable[Mapping[str, Any]] = (),
    pending: Iterable[Mapping[str, Any]] = (),
    council: Mapping[str, Any] | None = None,
    dossier: Mapping[str, Any] | None = None,
    overlay: Mapping[str, Any] | None = None,
    award_type: str = "CONG_TRANG",
    decider: str | None = None,
    achievement: str | None = None,
    date_key: str = "decision_date",
    regime: str | None = None,
    case_id: str = "T1",
) -> dict[str, Any]:
    """A case dict in the shape of docs/case-format.md.

    Years map to a rating (12 months) or a dict."""
    data: dict[str, Any] = {
        "id": case_id,
        "subject": dict(subject or {"type": "individual"}),
        "years": {
            str(y): ({"rating": v, "months_worked": 12} if not isinstance(v, Mapping) else dict(v))
            for y, v in (years or {}).items()
        },
        "awards": [
            {"code": a[0], "period": a[1], "award_type": "CONG_TRANG"}
            if isinstance(a, tuple)
            else {"award_type": "CONG_TRANG", **a}
            for a in awards
        ],
        "initiatives": [
            {"kind": "initiative", "level": "co_so", "applied_effectively": True, **i}
            for i in initiatives
        ],
        "discipline": list(discipline),
        "pending_reviews": list(pending),
        "request": {"code": code, "period": period, date_key: on, "award_type": award_type},
    }
    if decider:
        data["request"]["decider_role"] = decider
    if achievement:
        data["request"]["achievement_id"] = achievement
    if council is not None:
        data["council"] = dict(council)
    if dossier is not None:
        data["dossier"] = dict(dossier)
    if overlay is not None:
        data["overlay"] = dict(overlay)
    if regime is not None:
        data["regime"] = regime
    return data


def run_case(data: Mapping[str, Any], lang: str = "vi") -> Result:
    [case] = load_cases(json.dumps(data, default=str))
    return evaluate_case(case, lang)


def failed(result: Result) -> list[str]:
    """Rule ids of the failed checks, in order."""
    return [c.rule for c in result.checks if not c.ok]


def by_key(result: Result, key: str) -> CheckResult:
    matches = [c for c in result.checks if c.key == key]
    assert matches, f"no check {key!r} in {[c.key for c in result.checks]}"
    return matches[0]


def has_key(result: Result, key: str) -> bool:
    return any(c.key == key for c in result.checks)


def ini(level: str = "co_so", on: str = "2024-11-30", **extra: Any) -> dict[str, Any]:
    return {"level": level, "recognised_on": on, **extra}


def every_year(first: int, last: int, rating: str | None = "HTXSNV") -> dict[int, str | None]:
    return dict.fromkeys(range(first, last + 1), rating)


def cstdcs(*periods: int, **extra: Any) -> list[dict[str, Any]]:
    return [{"code": "CSTDCS", "period": p, **extra} for p in periods]


class Helpers:
    """Plain helper functions, handed to tests through the `h` fixture (no sibling imports,
    so the tests work under any pytest import mode)."""

    case = staticmethod(make_case)
    run = staticmethod(run_case)
    failed = staticmethod(failed)
    key = staticmethod(by_key)
    has = staticmethod(has_key)
    ini = staticmethod(ini)
    years = staticmethod(every_year)
    cstdcs = staticmethod(cstdcs)
    data = DATA


@pytest.fixture(scope="session")
def h() -> Helpers:
    return Helpers()
