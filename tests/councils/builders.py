"""Small builders for council and decision tests (plain factories, no mocks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tests.factories.awards import kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory
from vinhdanh.councils.enums import Choice, CouncilRole
from vinhdanh.councils.models import Council, CouncilMember, CouncilSession
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

SESSION_DAY = dt.date(2025, 3, 10)


def province(name: str = "Tỉnh Hà Tĩnh") -> Unit:
    return UnitFactory(name=name, level=UnitLevel.PROVINCE)


def department(parent: Unit, name: str = "Sở Tư pháp") -> Unit:
    return UnitFactory(name=name, parent=parent, level=UnitLevel.DEPARTMENT)


def office_user(unit: Unit, **extra: Any) -> Any:
    role = RoleFactory(unit=unit, is_clerk=False, is_emulation_office=True, **extra)
    return role.user


def decider_user(unit: Unit) -> Any:
    return RoleFactory(unit=unit, is_clerk=False, is_decider=True).user


def make_round(*, decider_unit: Unit, owning_unit: Unit | None = None, year: int = 2024) -> Round:
    return Round.objects.create(
        name=f"Khen thưởng năm {year}",
        owning_unit=owning_unit or decider_unit,
        decider_unit=decider_unit,
        decider_role="chu_tich_ubnd_tinh",
        year=year,
    )


def make_nomination(
    *,
    round: Round,
    code: str = "CSTDCS",
    person: Person | None = None,
    unit: Unit | None = None,
    state: str = NominationState.APPRAISED,
    period: int | None = None,
) -> Nomination:
    if person is None and unit is None:
        person = PersonFactory()
    return Nomination.objects.create(
        round=round,
        person=person,
        unit=unit,
        kind=kind(code),
        period=period or round.year,
        state=state,
        eligibility_outcome="ELIGIBLE",
    )


@dataclass
class CouncilWorld:
    unit: Unit
    council: Council
    members: list[CouncilMember]
    office: Any
    round: Round
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def secretary(self) -> CouncilMember:
        return next(m for m in self.members if m.role == CouncilRole.SECRETARY)


def make_council(
    *, unit: Unit, size: int, name: str = "Hội đồng Thi đua - Khen thưởng tỉnh"
) -> tuple[Council, list[CouncilMember]]:
    council = Council.objects.create(unit=unit, name=name)
    members = []
    for i in range(size):
        role = CouncilRole.MEMBER
        if i == 0:
            role = CouncilRole.CHAIR
        elif i == size - 1 and size > 2:
            role = CouncilRole.SECRETARY
        user = UserFactory()
        person = PersonFactory(given_name=f"Thành viên {i + 1}", user=user)
        members.append(
            CouncilMember.objects.create(council=council, user=user, person=person, role=role)
        )
    return council, members


def council_world(size: int = 10) -> CouncilWorld:
    unit = province()
    council, members = make_council(unit=unit, size=size)
    return CouncilWorld(
        unit=unit,
        council=council,
        members=members,
        office=office_user(unit),
        round=make_round(decider_unit=unit),
    )


def run_vote(
    world: CouncilWorld,
    nominations: list[Nomination],
    *,
    present: list[CouncilMember],
    votes: dict[int, list[str]] | None = None,
    close: bool = True,
    day: dt.date = SESSION_DAY,
) -> CouncilSession:
    """Convene, record attendance, open, let present members vote in order, close.

    `votes` maps a nomination id to the choices of the present members who may vote on it,
    in the order of `present` (recused members are skipped).
    """
    from vinhdanh.councils.domain.queries.councils import recused_pairs
    from vinhdanh.councils.domain.sessions import (
        add_to_agenda,
        cast_ballots,
        close_session,
        create_session,
        open_session,
        set_attendance,
    )

    session = create_session(
        council=world.council, title="Phiên họp xét khen thưởng", date=day, actor=world.office
    )
    add_to_agenda(session=session, nominations=nominations, actor=world.office)
    set_attendance(session=session, present=present, actor=world.office)
    open_session(session=session, actor=world.office)
    recused = recused_pairs(session)
    for nomination_id, choices in (votes or {}).items():
        voters = [m for m in present if (m.pk, nomination_id) not in recused]
        for member, choice in zip(voters, choices, strict=False):
            cast_ballots(session=session, voter=member.user, choices={nomination_id: choice})
    if close:
        close_session(session=session, actor=world.office)
    session.refresh_from_db()
    return session


FOR, AGAINST, ABSTAIN = Choice.FOR.value, Choice.AGAINST.value, Choice.ABSTAIN.value
