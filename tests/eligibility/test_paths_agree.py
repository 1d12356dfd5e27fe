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
from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory
from vinhdanh.awards.models import Award
from vinhdanh.eligibility.core import evaluate_case, evaluate_many, load_cases
from vinhdanh.eligibility.domain.queries.facts import person_facts, unit_facts
from vinhdanh.eligibility.services import PERSON_CODES
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import CollectiveRating, Unit
from vinhdanh.people.models import Discipline, Initiative, Leave, Person, Post, TaskRating

PERIOD, DECIDED = 2024, dt.date(2025, 1, 15)
YEARS = list(range(2016, 2025))

ratings = st.sampled_from(["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "KHTNV"])
# When an award is decided after the end of its period: in the year-end review, after the
# hypothetical decision date of the pages (15 January), months later, or the year after.
# Whatever the date, the award is held for its period (R-PRIN-1).
DELAYS = [(1, 1, 10), (1, 1, 10), (1, 1, 30), (1, 6, 1), (2, 3, 1)]


def decided(period: int, delay: tuple[int, int, int]) -> dt.date:
    return dt.date(period + delay[0], delay[1], delay[2])


award = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["LDTT", "CSTDCS", "CSTDCS", "CSTD_BT", "BK_BT", "BK_TTG"]),
        "period": st.sampled_from(YEARS),
        "award_type": st.sampled_from(["CONG_TRANG", "CONG_TRANG", "CONG_TRANG", "DOT_XUAT"]),
        "revoked": st.sampled_from([False, False, False, True]),
        "delay": st.sampled_from(DELAYS),
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
        # A course of a calendar year (R-LDTT-5(b)), in a year rated by the unit or not.
        "training": st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {
                    "year": st.sampled_from(YEARS[-3:]),
                    "rated": st.booleans(),
                    "compliance": st.sampled_from(["good", "good", "poor", None]),
                    "result": st.sampled_from(["kha", "trung_binh", None]),
                }
            ),
        ),
    }
)


def _rated_years(h: dict[str, Any]) -> dict[int, str]:
    t = h["training"]
    return {
        y: r
        for y, r in zip(YEARS, h["ratings"], strict=True)
        if y >= h["first_year"] and not (t is not None and t["year"] == y and not t["rated"])
    }


def _case(i: int, h: dict[str, Any], code: str) -> dict[str, Any]:
    years: dict[int, dict[str, Any]] = {
        y: {"rating": r, "months_worked": h["months"] if y == h["first_year"] else 12}
        for y, r in _rated_years(h).items()
    }
    t = h["training"]
    if t is not None:
        course = {"length_months": 12, "compliance": t["compliance"], "result": t["result"]}
        years.setdefault(t["year"], {})["training"] = [course]
    return {
        "id": str(i),
        "subject": {"type": "individual", "recruitment_date": f"{h['first_year']}-03-01"},
        "years": years,
        "awards": [
            {
                "code": a["code"],
                "period": a["period"],
                "decision_date": decided(a["period"], a["delay"]).isoformat(),
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


def _store_award(a: dict[str, Any], revoker: Any, **subject: Any) -> None:
    signed = decided(a["period"], a["delay"])
    Award.objects.create(
        decision=DecisionFactory(signed_on=signed, year=signed.year),
        kind=kind(a["code"]),
        period=a["period"],
        award_type=a["award_type"],
        revoked_by=revoker if a["revoked"] else None,
        **subject,
    )


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
        for y, r in _rated_years(h).items()
    )
    t = h["training"]
    if t is not None:
        Leave.objects.create(
            person=person,
            kind="training",
            start_date=dt.date(t["year"], 1, 1),
            end_date=dt.date(t["year"], 12, 31),
            training_compliance=t["compliance"] or "",
            training_result=t["result"] or "",
        )
    revoker = DecisionFactory(kind="revocation", signed_on=dt.date(2024, 6, 1), year=2024)
    for a in h["awards"]:
        _store_award(a, revoker, person=person)
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


# --- collectives -------------------------------------------------------------------------------

COLLECTIVE_CODES = ("TTLDTT", "TTLDXS", "CTD_BT", "BK_BT")
collective_award = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["TTLDTT", "TTLDXS", "TTLDXS", "CTD_BT", "BK_BT"]),
        "period": st.sampled_from(YEARS),
        "award_type": st.sampled_from(["CONG_TRANG", "CONG_TRANG", "CONG_TRANG", "DOT_XUAT"]),
        "revoked": st.sampled_from([False, False, False, True]),
        "delay": st.sampled_from(DELAYS),
    }
)
member = st.fixed_dictionaries(
    {"rating": ratings, "ldtt": st.booleans(), "cstdcs": st.sampled_from([False, False, True])}
)
collective = st.fixed_dictionaries(
    {
        "ratings": st.lists(ratings, min_size=len(YEARS), max_size=len(YEARS)),
        "awards": st.lists(collective_award, max_size=6),
        "members": st.lists(member, min_size=1, max_size=5),
    }
)


def _collective_case(i: int, c: dict[str, Any], code: str) -> dict[str, Any]:
    members = c["members"]
    return {
        "id": str(i),
        "subject": {
            "type": "collective",
            "unit_level": UnitLevel.DEPARTMENT.value,
            "members": {
                "evaluated": len(members),
                "completed_tasks": sum(m["rating"] != "KHTNV" for m in members),
                "LDTT": sum(m["ldtt"] for m in members),
                "CSTDCS": sum(m["cstdcs"] for m in members),
                "disciplined_canh_cao_or_more": 0,
            },
        },
        "years": {
            y: {"rating": r, "months_worked": 12} for y, r in zip(YEARS, c["ratings"], strict=True)
        },
        "awards": [
            {
                "code": a["code"],
                "period": a["period"],
                "decision_date": decided(a["period"], a["delay"]).isoformat(),
                "award_type": a["award_type"],
                "revoked": a["revoked"],
            }
            for a in c["awards"]
        ],
        "request": {
            "code": code,
            "period": PERIOD,
            "decision_date": DECIDED.isoformat(),
            "award_type": "CONG_TRANG",
        },
    }


def _store_collective(c: dict[str, Any], revoker: Any) -> Unit:
    unit = UnitFactory()
    CollectiveRating.objects.bulk_create(
        CollectiveRating(unit=unit, year=y, rating=r)
        for y, r in zip(YEARS, c["ratings"], strict=True)
    )
    for a in c["awards"]:
        _store_award(a, revoker, unit=unit)
    for m in c["members"]:
        person = PersonFactory(current_unit=unit)
        Post.objects.create(
            person=person, unit=unit, title="Chuyên viên", start_date=dt.date(2010, 1, 1)
        )
        TaskRating.objects.create(person=person, year=PERIOD, rating=m["rating"], months_worked=12)
        for code in ("LDTT", "CSTDCS"):
            if m[code.lower()]:
                _store_award(
                    {
                        "code": code,
                        "period": PERIOD,
                        "award_type": "CONG_TRANG",
                        "revoked": False,
                        "delay": DELAYS[0],
                    },
                    None,
                    person=person,
                )
    return unit


@pytest.mark.django_db
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(collective, min_size=4, max_size=4))
def test_database_batch_and_single_cases_agree_for_collectives(
    collectives: list[dict[str, Any]],
) -> None:
    with transaction.atomic():
        revoker = DecisionFactory(kind="revocation", signed_on=dt.date(2024, 6, 1), year=2024)
        units = [_store_collective(c, revoker) for c in collectives]
        facts = unit_facts(
            Unit.objects.filter(pk__in=[u.pk for u in units]), years=range(PERIOD - 9, PERIOD + 1)
        )
        batch = evaluate_many(facts, COLLECTIVE_CODES, PERIOD, DECIDED)
        for unit, c in zip(units, collectives, strict=True):
            for code in COLLECTIVE_CODES:
                single = evaluate_case(
                    load_cases(json.dumps(_collective_case(unit.pk, c, code)))[0]
                )
                bulk = batch.explain(unit.pk, code=code)
                assert bulk.outcome == single.outcome, (code, c)
                assert [x.to_dict() for x in bulk.checks] == [x.to_dict() for x in single.checks]
        transaction.set_rollback(True)
