from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import UnitFactory
from tests.factories.people import InitiativeFactory, PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.eligibility import services
from vinhdanh.eligibility.core import Outcome
from vinhdanh.eligibility.models import ParameterValue

pytestmark = pytest.mark.django_db


def _person_with_history(unit, ratings: dict[int, str], cstdcs_years=(), ldtt_years=()):
    person = PersonFactory()
    PostFactory(person=person, unit=unit, start_date=dt.date(2015, 1, 1))
    for year, rating in ratings.items():
        TaskRatingFactory(person=person, year=year, rating=rating)
    for year in ldtt_years:
        AwardFactory(
            person=person,
            kind=kind("LDTT"),
            period=year,
            decision=DecisionFactory(year=year + 1, signed_on=dt.date(year + 1, 1, 10)),
        )
    for year in cstdcs_years:
        AwardFactory(
            person=person,
            kind=kind("CSTDCS"),
            period=year,
            decision=DecisionFactory(year=year + 1, signed_on=dt.date(year + 1, 1, 10)),
        )
    person.refresh_from_db()
    return person


def test_evaluate_subject_ldtt_eligible_for_httnv():
    unit = UnitFactory()
    person = _person_with_history(unit, {2024: "HTTNV"})
    result = services.evaluate_subject(
        person=person, code="LDTT", period=2024, decision_date=dt.date(2025, 1, 15)
    )
    assert result.outcome is Outcome.ELIGIBLE
    assert result.regime == "regime_2022a"


def test_evaluate_subject_cstd_bt_explains_missing_run():
    unit = UnitFactory()
    person = _person_with_history(
        unit,
        {2022: "HTTNV", 2023: "HTXSNV", 2024: "HTXSNV"},
        cstdcs_years=(2023, 2024),
        ldtt_years=(2022, 2023, 2024),
    )
    result = services.evaluate_subject(
        person=person, code="CSTD_BT", period=2024, decision_date=dt.date(2025, 1, 15)
    )
    assert result.outcome is Outcome.NOT_ELIGIBLE
    failed = [c for c in result.checks if not c.ok]
    assert any(c.rule == "R-CSTDBT-1" for c in failed)
    assert any("2023" in c.message("vi") for c in failed)


def test_person_year_lists_every_person_title():
    unit = UnitFactory()
    person = _person_with_history(unit, {2024: "HTXSNV"})
    InitiativeFactory(authors=[person])
    year = services.person_year(person, 2024)
    codes = {r.code for r in year.results}
    assert {"LDTT", "CSTDCS", "CSTD_BT", "BK_BT"} <= codes
    assert {r.code for r in year.eligible} >= {"LDTT", "CSTDCS"}


def test_parameters_for_uses_most_specific_jurisdiction():
    province = UnitFactory(level="province")
    dept = UnitFactory(parent=province)
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="0.15", unit=None, valid_from=dt.date(2024, 1, 1)
    )
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="0.10", unit=province, valid_from=dt.date(2024, 1, 1)
    )
    from fractions import Fraction

    from vinhdanh.eligibility.domain.queries.parameters import parameters_for

    params = parameters_for(dt.date(2025, 1, 15), dept)
    assert params.cstdcs_quota_of_ldtt == Fraction(1, 10)
    assert params.is_overridden("cstdcs_quota_of_ldtt")
    assert parameters_for(dt.date(2023, 12, 1), dept).cstdcs_quota_of_ldtt != Fraction(1, 10)


def test_collective_ttldxs_from_member_aggregates():
    unit = UnitFactory()
    people = [_person_with_history(unit, {2024: "HTXSNV"}, ldtt_years=(2024,)) for _ in range(3)]
    AwardFactory(person=people[0], kind=kind("CSTDCS"), period=2024)
    from vinhdanh.orgs.models import CollectiveRating

    CollectiveRating.objects.create(unit=unit, year=2024, rating="HTXSNV")
    result = services.evaluate_subject(
        unit=unit, code="TTLDXS", period=2024, decision_date=dt.date(2025, 1, 15)
    )
    assert result.outcome is Outcome.ELIGIBLE, [c.to_dict() for c in result.checks]


def test_candidate_list_ranks_cstdcs_under_quota_priority_first():
    from vinhdanh.eligibility.domain.queries.candidates import candidate_list
    from vinhdanh.orgs.domain.queries.scope import UnitScope

    unit = UnitFactory()
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="0.5", unit=None, valid_from=dt.date(2024, 1, 1)
    )
    people = [_person_with_history(unit, {2024: "HTXSNV"}) for _ in range(3)]
    people[2].priority_group = True
    people[2].save()
    lst = candidate_list(unit=unit, period=2024, scope=UnitScope(True, (), ()))
    assert lst.counts["LDTT"]["ELIGIBLE"] == 3
    rows = lst.rows("CSTDCS")
    assert rows[0].person.pk == people[2].pk
    assert [r.within_quota for r in rows] == [True, False, False]  # floor(0.5 × 3) = 1


def _year_long_course(person, *, compliance="good", result="kha"):
    from vinhdanh.people.models import Leave

    return Leave.objects.create(
        person=person,
        kind="training",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 12, 31),
        training_compliance=compliance,
        training_result=result,
    )


def test_year_long_training_without_a_rating_counts_for_ldtt():
    """Issue 10: a 12-month course, good compliance, khá result, no unit rating → LĐTT."""
    unit = UnitFactory()
    person = _person_with_history(unit, {2023: "HTTNV"})
    _year_long_course(person)
    result = services.evaluate_subject(
        person=person, code="LDTT", period=2024, decision_date=dt.date(2025, 1, 15)
    )
    assert result.outcome is Outcome.ELIGIBLE
    check = next(c for c in result.checks if c.key == "long_training")
    assert (check.rule, check.cite) == ("R-LDTT-5", "Circular 01/2024/TT-BNV Art. 1(5)(b)")


def test_year_long_training_result_under_kha_fails_where_the_office_requires_it():
    from vinhdanh.eligibility.domain.parameters import set_parameter

    unit = UnitFactory()
    person = _person_with_history(unit, {2023: "HTTNV"})
    _year_long_course(person, result="trung_binh")

    def outcome() -> Outcome:
        return services.evaluate_subject(
            person=person, code="LDTT", period=2024, decision_date=dt.date(2025, 1, 15)
        ).outcome

    assert outcome() is Outcome.ELIGIBLE
    set_parameter(
        key="training_requires_result_kha", value=True, unit=None, valid_from=dt.date(2025, 1, 1)
    )
    assert outcome() is Outcome.NOT_ELIGIBLE
