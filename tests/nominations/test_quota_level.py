"""The CSTĐCS quota applies at one level for the candidate lists and the rounds: a division's
(phòng) people count in their department's quota (rules.md R-CSTDCS-3, "in the unit"). A
department with two divisions: two CSTĐCS candidates in one division are within the
department's quota on the list and in the department's round alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import UnitFactory
from tests.nominations.world import YEAR, S, World
from vinhdanh.eligibility.domain.queries.candidates import candidate_list
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.nominations.domain.errors import OverQuota
from vinhdanh.nominations.domain.quotas import candidate_list_quotas, quota_report
from vinhdanh.nominations.domain.workflow import transition
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.domain.queries.units import quota_unit
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db

EVERYTHING = UnitScope(True, (), ())
DECIDED = dt.date(2025, 1, 15)


def _setting(world: World) -> tuple:  # type: ignore[type-arg]
    """Sở Tư pháp (50% quota) with Phòng A (three LĐTT held, two of them CSTĐCS material) and
    Phòng B (one LĐTT held): 4 LĐTT in the department → 2 CSTĐCS; 3 in Phòng A alone → 1."""
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="50%", unit=world.province, valid_from=dt.date(2024, 1, 1)
    )
    phong_a = UnitFactory(name="Phòng A", parent=world.dept, level=UnitLevel.DIVISION)
    phong_b = UnitFactory(name="Phòng B", parent=world.dept, level=UnitLevel.DIVISION)
    issued = DecisionFactory(signed_on=dt.date(2025, 1, 5), year=2025)
    stars = [world.person(rating=Rating.HTXSNV, unit=phong_a) for _ in range(2)]
    others = [world.person(unit=phong_a), world.person(unit=phong_b)]
    for person in [*stars, *others]:
        AwardFactory(person=person, kind=kind("LDTT"), period=YEAR, decision=issued)
    return phong_a, phong_b, stars


def test_a_division_counts_in_its_departments_quota(world: World) -> None:
    phong_a, _, _ = _setting(world)
    village = UnitFactory(
        name="Thôn 1",
        level=UnitLevel.VILLAGE,
        parent=UnitFactory(name="Xã Kỳ Anh", level=UnitLevel.COMMUNE, parent=world.province),
    )
    assert quota_unit(phong_a) == world.dept
    assert quota_unit(world.dept) == world.dept
    assert quota_unit(village).name == "Xã Kỳ Anh"


@pytest.mark.parametrize("listed", ["dept", "phong_a"])
def test_the_list_and_the_round_read_the_same_quota(world: World, listed: str) -> None:
    phong_a, _, stars = _setting(world)
    for person in stars:
        world.nominate(person=person, code="CSTDCS")
    unit = world.dept if listed == "dept" else phong_a

    lst = candidate_list(unit=unit, period=YEAR, scope=EVERYTHING, decision_date=DECIDED)
    (on_list,) = candidate_list_quotas(lst)
    (in_round,) = quota_report(world.round)

    assert on_list.unit == in_round.unit == world.dept
    assert (on_list.base_count, on_list.allowed, on_list.used) == (4, 2, 2)
    assert (in_round.base_count, in_round.allowed, in_round.used) == (4, 2, 2)
    assert (on_list.awarded, on_list.proposed, on_list.remaining) == (0, 2, 0)
    assert (in_round.awarded, in_round.proposed, in_round.remaining) == (0, 2, 0)
    assert not on_list.over
    assert not in_round.over
    assert all(row.within_quota for row in lst.rows("CSTDCS", None) if row.outcome == "ELIGIBLE")


def test_both_submit_in_the_round_and_a_third_is_over(world: World) -> None:
    _, phong_b, stars = _setting(world)
    first, second = (world.nominate(person=p, code="CSTDCS") for p in stars)
    transition(nomination=first, to=S.SUBMITTED, actor=world.clerk)
    transition(nomination=second, to=S.SUBMITTED, actor=world.clerk)
    third_person = world.person(rating=Rating.HTXSNV, unit=phong_b)
    AwardFactory(
        person=third_person,
        kind=kind("LDTT"),
        period=YEAR,
        decision=DecisionFactory(signed_on=dt.date(2025, 1, 5), year=2025),
    )
    third = world.nominate(person=third_person, code="CSTDCS")  # 5 LĐTT → still 2
    with pytest.raises(OverQuota):
        transition(nomination=third, to=S.SUBMITTED, actor=world.clerk)


def test_the_pages_say_which_unit_the_quota_is_counted_at(world: World) -> None:
    phong_a, _, stars = _setting(world)
    for person in stars:
        world.nominate(person=person, code="CSTDCS")
    client = Client()
    client.force_login(world.clerk)

    listed = client.get(
        reverse("web:unit_candidates", args=[phong_a.pk])
        + f"?year={YEAR}&decision_date=15/01/2025&code=CSTDCS"
    ).content.decode()
    round_page = client.get(reverse("web:workflow_round", args=[world.round.pk])).content.decode()

    for page in (listed, round_page):
        assert "Tỷ lệ tính theo: <strong>Sở Tư pháp</strong>" in page
    assert "vượt tỷ lệ" not in listed
