"""Committees set up and re-formed by decision; the composition on any day."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.programmes.world import World
from vinhdanh.programmes.domain.committees import (
    MemberSpec,
    create_committee,
    record_committee_decision,
)
from vinhdanh.programmes.domain.errors import NotPermitted, ProgrammeError
from vinhdanh.programmes.domain.queries.programmes import committee_as_of
from vinhdanh.programmes.enums import CommitteeDecisionKind as Kind
from vinhdanh.programmes.enums import CommitteeRole as Role


def _names(members: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(m.full_name, m.role) for m in members]


def test_committee_as_of_follows_set_up_and_reformations(world: World) -> None:
    committee = create_committee(
        actor=world.office, unit=world.province, name="Ban Chỉ đạo", programme=world.programme
    )
    record_committee_decision(
        actor=world.office,
        committee=committee,
        kind=Kind.SET_UP,
        number="12/QĐ-UBND",
        date=dt.date(2024, 2, 1),
        members=[
            MemberSpec("Nguyễn Văn An", Role.HEAD),
            MemberSpec("Trần Thị Bình", Role.DEPUTY),
            MemberSpec("Lê Văn Cường", Role.SECRETARY),
        ],
    )
    record_committee_decision(
        actor=world.office,
        committee=committee,
        kind=Kind.REFORM,
        number="88/QĐ-UBND",
        date=dt.date(2025, 3, 1),
        effective_on=dt.date(2025, 3, 5),
        members=[
            MemberSpec("Phạm Văn Dũng", Role.HEAD),
            MemberSpec("Trần Thị Bình", Role.DEPUTY),
            MemberSpec("Lê Văn Cường", Role.SECRETARY),
        ],
    )

    assert committee_as_of(committee, dt.date(2024, 1, 31)) == []
    assert _names(committee_as_of(committee, dt.date(2025, 3, 4))) == [
        ("Nguyễn Văn An", "head"),
        ("Trần Thị Bình", "deputy"),
        ("Lê Văn Cường", "secretary"),
    ]
    assert _names(committee_as_of(committee, dt.date(2025, 3, 5))) == [
        ("Phạm Văn Dũng", "head"),
        ("Trần Thị Bình", "deputy"),
        ("Lê Văn Cường", "secretary"),
    ]
    replaced = committee.memberships.get(full_name="Nguyễn Văn An")
    assert replaced.valid_to == dt.date(2025, 3, 4)
    assert replaced.ended_by.number == "88/QĐ-UBND"  # type: ignore[union-attr]
    # members who stay keep their first row
    assert committee.memberships.filter(full_name="Trần Thị Bình").count() == 1


def test_committee_decisions_are_checked(world: World) -> None:
    committee = create_committee(actor=world.office, unit=world.province, name="Ban Chỉ đạo")
    one_head = [MemberSpec("Nguyễn Văn An", Role.HEAD)]
    with pytest.raises(ProgrammeError):
        record_committee_decision(
            actor=world.office,
            committee=committee,
            kind=Kind.REFORM,
            number="1",
            date=dt.date(2024, 1, 1),
            members=one_head,
        )
    with pytest.raises(ProgrammeError, match="một trưởng ban"):
        record_committee_decision(
            actor=world.office,
            committee=committee,
            kind=Kind.SET_UP,
            number="1",
            date=dt.date(2024, 1, 1),
            members=[MemberSpec("Trần Thị Bình", Role.MEMBER)],
        )
    with pytest.raises(NotPermitted):
        record_committee_decision(
            actor=world.clerk_x,
            committee=committee,
            kind=Kind.SET_UP,
            number="1",
            date=dt.date(2024, 1, 1),
            members=one_head,
        )
    assert not committee.memberships.exists()
