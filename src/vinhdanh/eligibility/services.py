"""The engine as the rest of the product sees it: one subject, a person's year, a unit's lists.

Every path loads facts with the same bulk adapter and runs the same batch engine, so a
person's page, a nomination and a province-wide candidate list cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vinhdanh.eligibility.core import (
    BatchResult,
    Outcome,
    Request,
    Result,
    evaluate_batch,
    evaluate_many,
    regimes,
)
from vinhdanh.eligibility.core.vocab import COLLECTIVE_CANDIDATE_CODES, PERSON_CANDIDATE_CODES
from vinhdanh.eligibility.domain.queries.facts import person_facts, unit_facts
from vinhdanh.eligibility.domain.queries.parameters import parameters_for
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

# From the title registry (eligibility/core/titles.py: `candidate_for`).
PERSON_CODES: tuple[str, ...] = PERSON_CANDIDATE_CODES
COLLECTIVE_CODES: tuple[str, ...] = COLLECTIVE_CANDIDATE_CODES


def reader_lang() -> str:
    """The engine's message language for the active Django language (vi unless English)."""
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def regime_label(name: str) -> str:
    """A regime by its human name, from the regime's own data ("Luật TĐKT 06/2022, Nghị định
    152/2025 …"), not its id; an unknown name is shown as it is."""
    if not name:
        return ""
    try:
        return regimes.get(name).label
    except regimes.RegimeError:
        return name


def review_date(period: int) -> dt.date:
    """Annual titles are decided at the year-end review: mid-January of the next year."""
    return dt.date(period + 1, 1, 15)


def default_decision_date(period: int, today: dt.date | None = None) -> dt.date:
    """The date a page evaluates a year as of: the year-end review, or today when later.

    The date selects the regime and the authority; the history (awards already made, whatever
    their decision date) is the same either way.
    """
    return max(review_date(period), today or timezone.localdate())


def year_is_covered(period: int) -> bool:
    """Whether some regime of the rules decides this achievement year (none before 2014)."""
    try:
        regimes.select(review_date(period))
    except (regimes.RegimeError, ValueError, OverflowError):  # e.g. -1: no such calendar date
        return False
    return True


def latest_decision_date(today: dt.date | None = None) -> dt.date:
    """The latest hypothetical decision date a page accepts: the end of next year."""
    return dt.date((today or timezone.localdate()).year + 1, 12, 31)


def decision_date_problem(period: int, day: dt.date, today: dt.date | None = None) -> str | None:
    """Why a hypothetical decision date cannot be used for this year, or None if it can."""
    day_text = formats.date_format(day, "d/m/Y")
    if day.year < period:
        return _("A decision on %(day)s would come before the achievement year %(year)s.") % {
            "day": day_text,
            "year": period,
        }
    latest = latest_decision_date(today)
    if day > latest:
        return _("%(day)s is too far ahead: the latest decision date is %(latest)s.") % {
            "day": day_text,
            "latest": formats.date_format(latest, "d/m/Y"),
        }
    try:
        regimes.select(day)
    except regimes.RegimeError:
        return _("No regime of the rules covers a decision on %(day)s.") % {"day": day_text}
    return None


def evaluate_subject(
    *,
    person: Person | None = None,
    unit: Unit | None = None,
    code: str,
    period: int,
    decision_date: dt.date,
    award_type: str = "CONG_TRANG",
    decider_role: str | None = None,
    achievement_id: str | None = None,
) -> Result:
    """One subject, one request (a nomination, a what-if): same engine as the batch."""
    if (person is None) == (unit is None):
        raise ValueError("give exactly one of person or unit")
    request = Request(
        code=code,
        period=period,
        decision_date=decision_date,
        award_type=award_type,
        decider_role=decider_role or None,
        achievement_id=achievement_id or None,
    )
    if person is not None:
        facts = person_facts(Person.objects.filter(pk=person.pk))
        jurisdiction, subject_id = person.current_unit, person.pk
    else:
        assert unit is not None
        facts = unit_facts(Unit.objects.filter(pk=unit.pk), years=range(period - 9, period + 1))
        jurisdiction, subject_id = unit, unit.pk
    params = parameters_for(decision_date, jurisdiction)
    batch = evaluate_batch(facts, request, params)
    return batch.explain(subject_id, lang=reader_lang(), code=code)


@dataclass(frozen=True)
class PersonYear:
    period: int
    decision_date: dt.date
    results: list[Result]

    @property
    def eligible(self) -> list[Result]:
        return [r for r in self.results if r.outcome is Outcome.ELIGIBLE]


def person_year(person: Person, period: int, decision_date: dt.date | None = None) -> PersonYear:
    """'What is this person eligible for this year, and why not?' for every annual/chain title."""
    decision_date = decision_date or default_decision_date(period)
    facts = person_facts(Person.objects.filter(pk=person.pk))
    batch = evaluate_many(
        facts,
        PERSON_CODES,
        period,
        decision_date,
        parameters_for(decision_date, person.current_unit),
    )
    lang = reader_lang()
    return PersonYear(
        period, decision_date, [batch.explain(person.pk, lang=lang, code=c) for c in PERSON_CODES]
    )


def batch_for_people(
    people: QuerySet[Person],
    period: int,
    decision_date: dt.date,
    *,
    jurisdiction: Unit | None,
    codes: tuple[str, ...] = PERSON_CODES,
) -> BatchResult:
    facts = person_facts(people)
    return evaluate_many(
        facts, codes, period, decision_date, parameters_for(decision_date, jurisdiction)
    )
