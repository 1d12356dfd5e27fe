"""One engine, two paths: histories stored in the database and read in bulk by the adapter
give the same outcomes and checks as the same histories written as cases (docs/case-format.md)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories.awards import DecisionFactory, kind
from vinhdanh.awards.models import Award
from vinhdanh.eligibility.core import evaluate_case, evaluate_many, load_cases
from vinhdanh.eligibility.domain.queries.facts import person_facts
from vinhdanh.eligibility.services import PERSON_CODES
from vinhdanh.people.models import Discipline, Initiative, Person, TaskRating

PERIOD, DECIDED = 2024, dt.date(2025, 1, 15)
YEARS = list(range(2016, 2025))

ratings = st.sampled_from(["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "KHTNV"])
award = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["LDTT", "CSTDCS", "CSTDCS", "CSTD_BT", "BK_BT", "BK_TTG"]),
        "period": st.sampled_from(YEARS),
        "award_type": st.sampled_from(["CONG_TRANG", "CONG_TRANG", "CONG_TRANG", "DOT_XUAT"]),
        "revoked": st.sampled_from([False, False, False, True]),
    }
)
initiative = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["initiative", "research"]),
        "level": st.sampled_from(["co_so", "co_so", "bo_tinh", "toan_quoc"]),
        "year": st.sampled_from(YEARS),
        "applied_effectively": st.booleans(),
        "replicable": st.booleans(),
    }
)
history = st.fixed_dictionaries(
    {
        "first_year": st.sampled_from(YEARS),
        "ratings": st.lists(ratings, min_size=len(YEARS), max_size=len(YEARS)),
        "months": st.sampled_from([12, 12, 12, 4, 7]),
        "awards": st.lists(award, max_size=8),
        "initiatives": st.lists(initiative, max_size=3),
        "discipline": st.one_of(st.none(), st.sampled_from(YEARS)),
    }
)


def _case(i: int, h: dict[str, Any], code: str) -> dict[str, Any]:
    years = {
        y: {"rating": r, "months_worked": h["months"] if y == h["first_year"] else 12}
        for y, r in zip(YEARS, h["ratings"], strict=True)
        if y >= h["first_year"]
    }
    return {
        "id": str(i),
        "subject": {"type": "individual", "recruitment_date": f"{h['first_year']}-03-01"},
        "years": years,
        "awards": [
            {
                "code": a["code"],
                "period": a["period"],
                "decision_date": f"{a['period'] + 1}-01-10",
                "award_type": a["award_type"],
                "revoked": a["revoked"],
            }
            for a in h["awards"]
        ],
        "initiatives": [
            {
                "kind": n["kind"],
                "level": n["level"],
                "recognised_on": f"{n['year']}-11-30",
                "applied_effectively": n["applied_effectively"],
                "replicable": n["replicable"],
            }
            for n in h["initiatives"]
        ],
        "discipline": []
        if h["discipline"] is None
        else [
            {
                "form": "khien_trach",
                "decision_date": f"{h['discipline']}-05-10",
                "period_end": f"{h['discipline'] + 1}-05-09",
            }
        ],
        "request": {
            "code": code,
            "period": PERIOD,
            "decision_date": DECIDED.isoformat(),
            "award_type": "CONG_TRANG",
        },
    }


def _store(h: dict[str, Any], code_no: int) -> Person:
    first = h["first_year"]
    person = Person.objects.create(
        code=f"P{code_no}",
        family_name="Lê",
        given_name="An",
        recruitment_date=dt.date(first, 3, 1),
    )
    TaskRating.objects.bulk_create(
        TaskRating(person=person, year=y, rating=r, months_worked=h["months"] if y == first else 12)
        for y, r in zip(YEARS, h["ratings"], strict=True)
        if y >= first
    )
    revoker = None
    for a in h["awards"]:
        decision = DecisionFactory(signed_on=dt.date(a["period"] + 1, 1, 10), year=a["period"] + 1)
        if a["revoked"] and revoker is None:
            revoker = DecisionFactory(kind="revocation", signed_on=dt.date(2024, 6, 1), year=2024)
        Award.objects.create(
            decision=decision,
            kind=kind(a["code"]),
            person=person,
            period=a["period"],
            award_type=a["award_type"],
            revoked_by=revoker if a["revoked"] else None,
        )
    for n in h["initiatives"]:
        ini = Initiative.objects.create(
            title="S",
            kind=n["kind"],
            level=n["level"],
            recognised_on=dt.date(n["year"], 11, 30),
            applied_effectively=n["applied_effectively"],
            replicable=n["replicable"],
        )
        ini.authors.add(person)
    if h["discipline"] is not None:
        Discipline.objects.create(
            person=person,
            form="khien_trach",
            decision_date=dt.date(h["discipline"], 5, 10),
            period_end=dt.date(h["discipline"] + 1, 5, 9),
        )
    return person


@pytest.mark.django_db
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(history, min_size=6, max_size=6))
def test_database_batch_and_single_cases_agree(histories: list[dict[str, Any]]) -> None:
    with transaction.atomic():
        people = [_store(h, i) for i, h in enumerate(histories)]
        batch = evaluate_many(
            person_facts(Person.objects.filter(pk__in=[p.pk for p in people])),
            PERSON_CODES,
            PERIOD,
            DECIDED,
        )
        for person, h in zip(people, histories, strict=True):
            for code in PERSON_CODES:
                single = evaluate_case(load_cases(json.dumps(_case(person.pk, h, code)))[0])
                bulk = batch.explain(person.pk, code=code)
                assert bulk.outcome == single.outcome, (code, h)
                assert [c.to_dict() for c in bulk.checks] == [c.to_dict() for c in single.checks]
        transaction.set_rollback(True)
