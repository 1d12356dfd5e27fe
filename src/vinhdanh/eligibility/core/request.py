"""What is asked: one award code for one achievement period, decided (or proposed) on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import titles
from .vocab import AWARD_CODES, AWARD_TYPES, ROLES


class RequestError(ValueError):
    """The request itself is malformed. `field` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Request:
    code: str
    period: int
    decision_date: date | None = None
    proposal_date: date | None = None
    award_type: str = "CONG_TRANG"
    decider_role: str | None = None
    achievement_id: str | None = None

    def __post_init__(self) -> None:
        if self.code not in AWARD_CODES:
            raise RequestError("code", f"unknown award code {self.code!r}")
        if self.award_type not in AWARD_TYPES:
            raise RequestError("award_type", f"unknown award type {self.award_type!r}")
        if self.decider_role is not None and self.decider_role not in ROLES:
            raise RequestError("decider_role", f"unknown decider role {self.decider_role!r}")
        if self.decision_date is None and self.proposal_date is None:
            raise RequestError("decision_date", "either decision_date or proposal_date is needed")
        if (
            self.decision_date is not None
            and self.proposal_date is not None
            and self.proposal_date > self.decision_date
        ):
            raise RequestError("proposal_date", "proposal_date is after decision_date")
        if self.period > self.on.year:
            raise RequestError(
                "period", f"period {self.period} is after the date {self.on.isoformat()}"
            )
        if not titles.get(self.code).in_force(self.on):
            raise RequestError("code", f"{self.code} is not awarded on {self.on.isoformat()}")

    @property
    def on(self) -> date:
        """The date that selects the regime and the state of the facts (decision first)."""
        if self.decision_date is not None:
            return self.decision_date
        assert self.proposal_date is not None  # guaranteed by __post_init__
        return self.proposal_date
