"""A small programme history for the review: reports across a merger and a split, activities,
a committee re-formed once, and a thematic round with decided awards (hand-countable)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.people import PersonFactory
from tests.programmes.world import World
from vinhdanh.awards.enums import AwardType
from vinhdanh.nominations.domain.nominations import create_round
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.domain.units import merge_units, split_unit
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.activities import record_activity
from vinhdanh.programmes.domain.committees import (
    MemberSpec,
    create_committee,
    record_committee_decision,
)
from vinhdanh.programmes.enums import CommitteeDecisionKind, CommitteeRole

Q4_24, Q1_25, Q2_25 = "2024-Q4", "2025-Q1", "2025-Q2"


@dataclass
class History:
    merged: Unit  # X and Y, merged on 1 January 2025
    z1: Unit  # Z, split on 1 January 2025
    z2: Unit
    round: Round


def decide(round_: Round, subject: Any, code: str, signed_on: dt.date) -> Nomination:
    """An award decided in the round (the workflow's end state, as the decider leaves it)."""
    decision = DecisionFactory(
        signed_on=signed_on, year=signed_on.year, issuing_unit=round_.decider_unit
    )
    is_unit = isinstance(subject, Unit)
    award = AwardFactory(
        decision=decision,
        kind=kind(code),
        person=None if is_unit else subject,
        unit=subject if is_unit else None,
        period=None,
        period_label="2024 – 2025",
        award_type=AwardType.PHONG_TRAO,
    )
    return Nomination.objects.create(
        round=round_,
        person=None if is_unit else subject,
        unit=subject if is_unit else None,
        kind=award.kind,
        period=2025,
        award_type=AwardType.PHONG_TRAO,
        state=NominationState.DECIDED,
        decision=decision,
        award=award,
    )


def build_history(w: World) -> History:
    w.sessions.target = Decimal(48)
    w.sessions.save()
    committee = create_committee(
        actor=w.office,
        unit=w.province,
        name="Ban Chỉ đạo phổ biến pháp luật",
        programme=w.programme,
    )
    first = [
        MemberSpec("Nguyễn Văn Hùng", CommitteeRole.HEAD, "Phó Chủ tịch UBND tỉnh"),
        MemberSpec("Trần Thị Mai", CommitteeRole.DEPUTY, "Giám đốc Sở Tư pháp"),
    ]
    record_committee_decision(
        actor=w.office,
        committee=committee,
        kind=CommitteeDecisionKind.SET_UP,
        number="15/QĐ-UBND",
        date=dt.date(2024, 2, 1),
        members=first,
    )
    record_committee_decision(
        actor=w.office,
        committee=committee,
        kind=CommitteeDecisionKind.REFORM,
        number="210/QĐ-UBND",
        date=dt.date(2025, 2, 1),
        members=[first[0], MemberSpec("Lê Quốc Bảo", CommitteeRole.DEPUTY, "Giám đốc Sở Nội vụ")],
    )
    activity = {"actor": w.office, "programme": w.programme, "kind": w.dissemination}
    record_activity(
        **activity, unit=w.x, date=dt.date(2024, 11, 5), title="Hội nghị 1", participants=100
    )
    w.report(w.x, Q4_24, {"sessions": 3, "rate": 50, "clubs": 2})
    w.report(w.y, Q4_24, {"sessions": 5, "rate": 70, "clubs": 1})
    w.report(w.z, Q4_24, {"sessions": 6, "rate": 90, "clubs": 4})
    merged = merge_units(
        units=[w.x, w.y], code="W", name="Xã An Yên", effective_date=dt.date(2025, 1, 1)
    )
    z1, z2 = split_unit(
        unit=w.z,
        parts=[
            {"code": "Z1", "name": "Xã Đông Giang 1"},
            {"code": "Z2", "name": "Xã Đông Giang 2"},
        ],
        effective_date=dt.date(2025, 1, 1),
    )
    record_activity(
        **activity, unit=merged, date=dt.date(2025, 2, 10), title="Hội nghị 2", participants=50
    )
    record_activity(
        **activity, unit=z1, date=dt.date(2025, 3, 1), title="Hội nghị 3", participants=30
    )
    record_activity(  # after the review's range
        **activity, unit=z1, date=dt.date(2025, 4, 2), title="Hội nghị 4", participants=999
    )
    w.report(merged, Q1_25, {"sessions": 7, "rate": 80, "clubs": 4})
    w.report(z1, Q1_25, {"sessions": 2, "rate": 60, "clubs": 3})
    w.report(z2, Q1_25, {"sessions": 1, "rate": 40, "clubs": 2}, approve=False)  # not counted
    round_ = create_round(
        actor=w.office,
        name="Khen thưởng sơ kết chương trình",
        owning_unit=w.province,
        decider_unit=w.province,
        year=2025,
        programme=w.programme,
    )
    decide(round_, merged, "BK_BT", dt.date(2025, 5, 20))
    decide(round_, z1, "GIAY_KHEN", dt.date(2025, 5, 20))
    person = PersonFactory(
        family_name="Phạm", middle_name="Thị", given_name="Hoa", current_unit=merged
    )
    decide(round_, person, "BK_BT", dt.date(2025, 5, 20))
    return History(merged=merged, z1=z1, z2=z2, round=round_)
