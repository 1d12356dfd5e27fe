"""Run the eligibility engine on a nomination and keep its answer on the dossier.

The outcome and every check (rule id, citation, met or not, message) are stored on the
nomination so each later step shows what the engine said when the dossier moved, even if the
facts change afterwards.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.nominations.enums import Outcome
from vinhdanh.nominations.models import Nomination


def decision_date_of(nomination: Nomination) -> dt.date:
    """The date whose rules apply: the round's planned decision date, else today."""
    return nomination.round.planned_decision_date or timezone.localdate()


def _text(check: Any, lang: str) -> str:
    message = getattr(check, "message", "")
    return str(message(lang) if callable(message) else message)


def _check_dict(check: Any) -> dict[str, Any]:
    """One check as stored: rule id, met or not, citation, and the message in vi and en."""
    ok = getattr(check, "ok", None)
    return {
        "rule": str(getattr(check, "rule", "")),
        "ok": None if ok is None else bool(ok),
        "cite": str(getattr(check, "cite", "")),
        "message": _text(check, "vi"),
        "message_en": _text(check, "en"),
    }


def evaluate(nomination: Nomination) -> tuple[str, list[dict[str, Any]]]:
    """Ask the engine; an engine that cannot answer (unknown code …) yields NEEDS_REVIEW."""
    from vinhdanh.eligibility.services import evaluate_subject

    round_ = nomination.round
    try:
        result = evaluate_subject(
            person=nomination.person,
            unit=nomination.unit,
            code=nomination.kind.code,
            period=nomination.period,
            decision_date=decision_date_of(nomination),
            award_type=nomination.award_type,
            decider_role=round_.decider_role or None,
        )
    except (ValueError, LookupError, NotImplementedError) as exc:
        message = _("The eligibility engine could not evaluate this nomination: %(error)s") % {
            "error": exc
        }
        return Outcome.NEEDS_REVIEW.value, [
            {"rule": "ENGINE", "ok": False, "cite": "", "message": message}
        ]
    outcome = getattr(result.outcome, "value", result.outcome)
    return str(outcome), [_check_dict(c) for c in result.checks]


def refresh_eligibility(nomination: Nomination) -> str:
    """Evaluate and store on the instance (the caller saves). Returns the outcome."""
    outcome, checks = evaluate(nomination)
    nomination.eligibility_outcome = outcome
    nomination.eligibility_checks = checks
    nomination.eligibility_evaluated_at = timezone.now()
    return outcome
