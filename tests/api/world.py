"""A small province with two departments, their people, decisions and the people who act.

Unit A's records carry marker strings (`A_MARKERS`) that must never appear in anything shown
to the clerk of unit B. Used by the API tests and by the permission matrix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.awards.models import Award, Decision
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person, Post, TaskRating

A_MARKERS = ("ZZUNITA", "ZZPERSONA", "Alphabi", "QĐ-ZZA", "Khoa học Alpha")

ROLES = ("anonymous", "clerk_a", "clerk_b", "office", "council", "decider", "superuser")


@dataclass
class World:
    province: Unit
    unit_a: Unit
    sub_a: Unit
    unit_b: Unit
    person_a: Person
    person_sub_a: Person
    person_b: Person
    post_a: Post
    rating_a: TaskRating
    decision_a: Decision
    decision_b: Decision
    decision_province: Decision
    award_a: Award
    award_sub_a: Award
    award_unit_a: Award
    award_b: Award
    award_province_a: Award
    award_province_b: Award
    users: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)  # objects other tests add


def build_world() -> World:
    province = UnitFactory(code="HT", name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE)
    unit_a = UnitFactory(code="ZZUNITA", name="Sở Khoa học Alpha", parent=province)
    sub_a = UnitFactory(
        code="ZZUNITA1", name="Phòng Quản lý Alpha", parent=unit_a, level=UnitLevel.DIVISION
    )
    unit_b = UnitFactory(code="SOB", name="Sở Giáo dục Bê", parent=province)

    post_a = PostFactory(
        person=PersonFactory(
            code="ZZPERSONA",
            family_name="Phạm",
            middle_name="Thị",
            given_name="Alphabi",
            birth_date=dt.date(1980, 5, 1),
        ),
        unit=unit_a,
        title="Chuyên viên chính",
    )
    person_a = Person.objects.get(pk=post_a.person_id)
    person_sub_a = Person.objects.get(
        pk=PostFactory(
            person=PersonFactory(code="ZZPERSONA1", given_name="Alphaba"), unit=sub_a
        ).person_id
    )
    person_b = Person.objects.get(
        pk=PostFactory(
            person=PersonFactory(
                code="CBSOB01", family_name="Lê", given_name="Bình", birth_date=dt.date(1990, 1, 2)
            ),
            unit=unit_b,
        ).person_id
    )
    rating_a = TaskRatingFactory(person=person_a, year=2024)

    decision_a = DecisionFactory(
        issuing_unit=unit_a, issuing_body="Sở Khoa học Alpha", number=7001, symbol="QĐ-ZZA"
    )
    decision_b = DecisionFactory(
        issuing_unit=unit_b, issuing_body="Sở Giáo dục Bê", number=8001, symbol="QĐ-SGD"
    )
    decision_province = DecisionFactory(
        issuing_unit=province, issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh", number=9001
    )
    award_a = AwardFactory(decision=decision_a, person=person_a, kind=kind("LDTT"))
    award_sub_a = AwardFactory(decision=decision_a, person=person_sub_a, kind=kind("LDTT"))
    award_unit_a = AwardFactory(decision=decision_a, person=None, unit=unit_a, kind=kind("TTLDTT"))
    award_b = AwardFactory(decision=decision_b, person=person_b, kind=kind("LDTT"))
    award_province_a = AwardFactory(
        decision=decision_province, person=person_a, kind=kind("CSTDCS")
    )
    award_province_b = AwardFactory(
        decision=decision_province, person=person_b, kind=kind("CSTDCS")
    )

    users: dict[str, Any] = {"anonymous": None}
    users["clerk_a"] = RoleFactory(user__username="clerk_a", unit=unit_a).user
    users["clerk_b"] = RoleFactory(user__username="clerk_b", unit=unit_b).user
    users["office"] = RoleFactory(
        user__username="office", unit=province, is_clerk=False, is_emulation_office=True
    ).user
    users["council"] = RoleFactory(
        user__username="council", unit=province, is_clerk=False, is_council_member=True
    ).user
    users["decider"] = RoleFactory(
        user__username="decider", unit=province, is_clerk=False, is_decider=True
    ).user
    users["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    return World(
        province=province,
        unit_a=unit_a,
        sub_a=sub_a,
        unit_b=unit_b,
        person_a=person_a,
        person_sub_a=person_sub_a,
        person_b=person_b,
        post_a=post_a,
        rating_a=rating_a,
        decision_a=decision_a,
        decision_b=decision_b,
        decision_province=decision_province,
        award_a=award_a,
        award_sub_a=award_sub_a,
        award_unit_a=award_unit_a,
        award_b=award_b,
        award_province_a=award_province_a,
        award_province_b=award_province_b,
        users=users,
    )
