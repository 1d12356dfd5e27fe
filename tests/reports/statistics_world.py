"""A small province with hand-counted awards and movements (statistics and forms 0601/0602).

The province P has a district D (communes A and B, merged into AB on 01/07/2025) and a state
enterprise E. Another province Q has an award and a movement that must never count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.awards.enums import AwardType, DecisionKind, DecisionStatus
from vinhdanh.eligibility.domain.parameters import set_parameter
from vinhdanh.movements.enums import MovementKind
from vinhdanh.movements.models import Movement
from vinhdanh.orgs.domain.units import merge_units
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.people.enums import Gender

D24 = dt.date(2024, 12, 20)
D25 = dt.date(2025, 9, 2)
AS_OF = dt.date(2025, 12, 31)
QUOTA_FROM = dt.date(2025, 1, 1)


@dataclass
class Fixture:
    p: Unit
    d: Unit
    e: Unit
    ab: Unit


def _decision(day: dt.date, **kw: object) -> object:
    return DecisionFactory(signed_on=day, year=day.year, **kw)


def build_fixture() -> Fixture:
    p = UnitFactory(code="P", name="Tỉnh Bình An", level=UnitLevel.PROVINCE)
    d = UnitFactory(code="D", name="Huyện Đông", parent=p, level=UnitLevel.DISTRICT)
    a = UnitFactory(code="A", name="Xã An", parent=d, level=UnitLevel.COMMUNE)
    b = UnitFactory(code="B", name="Xã Bình", parent=d, level=UnitLevel.COMMUNE)
    e = UnitFactory(code="E", name="Công ty Cấp nước", parent=p, level=UnitLevel.ENTERPRISE)
    q = UnitFactory(code="Q", name="Tỉnh khác", level=UnitLevel.PROVINCE)

    def person(unit: Unit, gender: str) -> object:
        return PostFactory(person=PersonFactory(gender=gender), unit=unit).person

    p1, p2 = person(a, Gender.FEMALE), person(a, Gender.MALE)
    p3, p4 = person(b, Gender.FEMALE), person(e, Gender.MALE)
    outsider = person(q, Gender.FEMALE)
    dec24, dec25 = _decision(D24), _decision(D25)
    AwardFactory(decision=dec24, person=p1, kind=kind("LDTT"))
    AwardFactory(decision=dec24, person=p1, kind=kind("CSTDCS"))
    AwardFactory(decision=dec24, person=p2, kind=kind("LDTT"))
    AwardFactory(decision=dec24, person=p3, kind=kind("LDTT"))
    AwardFactory(decision=dec24, person=p4, kind=kind("BK_TTG"))
    AwardFactory(
        decision=dec25, person=p4, kind=kind("HC_LAO_DONG_3"), award_type=AwardType.DOT_XUAT
    )
    AwardFactory(
        decision=dec25, person=None, unit=e, kind=kind("BK_TTG"), award_type=AwardType.PHONG_TRAO
    )
    AwardFactory(decision=dec24, person=None, unit=d, kind=kind("CTD_CP"))
    # Never counted: another province, a revoked award, a draft decision, a year outside.
    AwardFactory(decision=dec24, person=outsider, kind=kind("LDTT"))
    revocation = _decision(D25, kind=DecisionKind.REVOCATION)
    AwardFactory(decision=dec24, person=p2, kind=kind("CSTDCS"), revoked_by=revocation)
    AwardFactory(decision=_decision(D24, status=DecisionStatus.DRAFT), person=p3, kind=kind("LDTT"))
    AwardFactory(decision=_decision(dt.date(2023, 12, 20)), person=p3, kind=kind("LDTT"))
    ab = merge_units(
        units=[a, b], code="AB", name="Xã An Bình", effective_date=dt.date(2025, 7, 1), parent=d
    )
    Movement.objects.create(
        name="Thi đua yêu nước năm 2024",
        kind=MovementKind.REGULAR,
        launched_by=p,
        year=2024,
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        launched_on=dt.date(2024, 1, 5),
    )
    Movement.objects.create(
        name="Chung sức xây dựng nông thôn mới",
        kind=MovementKind.THEMATIC,
        launched_by=d,
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2026, 2, 28),
        launched_on=dt.date(2024, 3, 1),
    )
    Movement.objects.create(
        name="Phong trào của tỉnh khác",
        launched_by=q,
        starts_on=dt.date(2024, 1, 1),
        launched_on=dt.date(2024, 1, 1),
    )
    return Fixture(p=p, d=d, e=e, ab=ab)


@dataclass
class QuotaWorld:
    fx: Fixture
    ward: Unit
    health: Unit
    finance: Unit


def build_quota_world() -> QuotaWorld:
    """The fixture and, for the quota table, titles of 2025 decided on 09/01/2026, a ward
    with a village, two departments each with a "Văn phòng Sở" and a division, and the
    province's quota of 25% in force from 01/01/2025 (none before: no national cap)."""
    fx = build_fixture()
    set_parameter(key="cstdcs_quota_of_ldtt", value="25%", unit=fx.p, valid_from=QUOTA_FROM)
    ward = UnitFactory(name="Phường Hà Huy Tập", parent=fx.p, level=UnitLevel.COMMUNE)
    village = UnitFactory(name="Tổ dân phố 3", parent=ward, level=UnitLevel.VILLAGE)
    health = UnitFactory(name="Sở Y tế", parent=fx.p, level=UnitLevel.DEPARTMENT)
    finance = UnitFactory(name="Sở Tài chính", parent=fx.p, level=UnitLevel.DEPARTMENT)
    offices = [
        UnitFactory(name="Văn phòng Sở", parent=department, level=UnitLevel.OTHER)
        for department in (health, finance)
    ]
    division = UnitFactory(name="Phòng Nghiệp vụ Y", parent=health, level=UnitLevel.DIVISION)
    ldtt25, cstdcs25 = _decision(dt.date(2025, 12, 20)), _decision(dt.date(2026, 1, 9))

    def titled(unit: Unit, ldtt: int, cstdcs: int) -> None:
        for n in range(ldtt):
            person = PostFactory(unit=unit).person
            AwardFactory(decision=ldtt25, person=person, kind=kind("LDTT"), period=2025)
            if n < cstdcs:
                AwardFactory(decision=cstdcs25, person=person, kind=kind("CSTDCS"), period=2025)

    titled(ward, 8, 2)
    titled(village, 4, 1)  # the village's people count in the ward's quota
    titled(health, 2, 0)
    titled(division, 2, 1)  # the division's people count in the department's quota
    for office in offices:
        titled(office, 4, 1)
    return QuotaWorld(fx=fx, ward=ward, health=health, finance=finance)
