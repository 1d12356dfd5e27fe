"""A small province for workflow tests: two departments, the usual roles, eligible people.

Facts follow the engine's example E01 (rules.md examples): rated HTTNV for the year, 12 months
worked, decided in January of the next year → LĐTT is ELIGIBLE; rated HTNV → NOT_ELIGIBLE.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tests.factories.awards import kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.nominations.domain.nominations import create_nomination, create_round
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.people.enums import Rating
from vinhdanh.people.models import Person

YEAR = 2024
DECISION_DAY = dt.date(2025, 1, 15)


@dataclass
class World:
    province: Unit
    dept: Unit
    dept_b: Unit
    clerk: Any
    head: Any
    clerk_b: Any
    office: Any
    council: Any
    decider: Any
    outsider: Any
    round: Round

    def person(self, rating: str = Rating.HTTNV, unit: Unit | None = None, **kw: Any) -> Person:
        """A person working in `unit` (the department) rated `rating` for the year."""
        post = PostFactory(unit=unit or self.dept, person=PersonFactory(**kw))
        TaskRatingFactory(person=post.person, year=YEAR, rating=rating)
        post.person.refresh_from_db()
        return post.person

    def nominate(
        self, person: Person | None = None, code: str = "LDTT", round: Round | None = None
    ) -> Nomination:
        return create_nomination(
            actor=self.clerk,
            round=round or self.round,
            kind=kind(code),
            person=person or self.person(),
            achievement_summary="Hoàn thành tốt nhiệm vụ được giao.",
        )


def user_with(unit: Unit, *, email: str = "", **flags: bool) -> Any:
    user = UserFactory(email=email)
    RoleFactory(user=user, unit=unit, **{"is_clerk": False, **flags})
    return user


def build_world() -> World:
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE)
    dept = UnitFactory(name="Sở Tư pháp", parent=province, level=UnitLevel.DEPARTMENT)
    dept_b = UnitFactory(name="Sở Y tế", parent=province, level=UnitLevel.DEPARTMENT)
    clerk = user_with(dept, is_clerk=True, email="vanthu@stp.example")
    world = World(
        province=province,
        dept=dept,
        dept_b=dept_b,
        clerk=clerk,
        head=user_with(dept, is_head=True, email="giamdoc@stp.example"),
        clerk_b=user_with(dept_b, is_clerk=True, email="vanthu@syt.example"),
        office=user_with(province, is_emulation_office=True, email="bantdkt@tinh.example"),
        council=user_with(province, is_council_member=True, email="hoidong@tinh.example"),
        decider=user_with(province, is_decider=True, email="chutich@tinh.example"),
        outsider=UserFactory(),
        round=create_round(
            actor=clerk,
            name=f"Danh hiệu thi đua năm {YEAR} — Sở Tư pháp",
            owning_unit=dept,
            decider_unit=province,
            year=YEAR,
            planned_decision_date=DECISION_DAY,
        ),
    )
    return world


def interior_office(world: World, head: tuple[str, str] = ("Phan Minh", "Đức")) -> Unit:
    """The province's Sở Nội vụ (its emulation office: it sends the proposals up to the chair),
    with its director (family and middle names, given name)."""
    office = UnitFactory(name="Sở Nội vụ", parent=world.province, level=UnitLevel.DEPARTMENT)
    director = user_with(office, is_head=True)
    director.last_name, director.first_name = head
    director.save()
    return office


def no_public_notice(*codes: str) -> None:
    """The jurisdiction sets no posting period for these codes (0 working days)."""
    ParameterValue.objects.create(
        key="public_notice_working_days",
        value=dict.fromkeys(codes or ("LDTT",), 0),
        valid_from=dt.date(2000, 1, 1),
    )


def force_state(nomination: Nomination, state: str) -> Nomination:
    """Test set-up only: put a nomination in a state without going through the workflow."""
    Nomination.objects.filter(pk=nomination.pk).update(state=state)
    nomination.refresh_from_db()
    return nomination


S = NominationState
