"""A province running a quarterly programme in its communes, with the people who act on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.programmes import add_activity_kind, add_indicator, create_programme
from vinhdanh.programmes.domain.reports import approve_report, save_report
from vinhdanh.programmes.enums import Aggregation, PeriodKind, ValueType
from vinhdanh.programmes.models import ActivityKind, Indicator, PeriodReport, Programme


@dataclass
class World:
    province: Unit
    x: Unit
    y: Unit
    z: Unit
    other: Unit  # a department: not a commune, so outside the programme's reporting units
    office: Any
    clerk_x: Any
    clerk_y: Any
    clerk_z: Any
    admin: Any
    programme: Programme
    sessions: Indicator  # integer, sum
    rate: Indicator  # percentage, average
    largest: Indicator  # integer, max
    clubs: Indicator  # integer, last value
    done: Indicator  # yes/no, sum
    dissemination: ActivityKind

    def report(
        self, unit: Unit, code: str, values: dict[str, Any], *, approve: bool = True
    ) -> PeriodReport:
        clerk = {self.x.pk: self.clerk_x, self.y.pk: self.clerk_y, self.z.pk: self.clerk_z}.get(
            unit.pk, self.admin
        )
        full = {"sessions": 0, "rate": 0, "largest": 0, "clubs": 0, "done": False, **values}
        report = save_report(
            actor=clerk,
            programme=self.programme,
            unit=unit,
            period_code=code,
            values=full,
            submit=True,
        )
        return approve_report(actor=self.office, report=report) if approve else report


def build_world() -> World:
    province = UnitFactory(code="P", name="Tỉnh Bình An", level=UnitLevel.PROVINCE)
    x = UnitFactory(code="X", name="Xã An Xuân", parent=province, level=UnitLevel.COMMUNE)
    y = UnitFactory(code="Y", name="Xã Yên Bình", parent=province, level=UnitLevel.COMMUNE)
    z = UnitFactory(code="Z", name="Xã Đông Giang", parent=province, level=UnitLevel.COMMUNE)
    other = UnitFactory(code="SNV", name="Sở Nội vụ", parent=province)
    office = RoleFactory(
        user__username="office", unit=province, is_clerk=False, is_emulation_office=True
    ).user
    clerk_x = RoleFactory(user__username="clerk_x", unit=x).user
    clerk_y = RoleFactory(user__username="clerk_y", unit=y).user
    clerk_z = RoleFactory(user__username="clerk_z", unit=z).user
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    programme = create_programme(
        actor=office,
        name="Thực hiện Nghị quyết số 05-NQ/TU về phổ biến pháp luật",
        owner_unit=province,
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2028, 12, 31),
        reporting_levels=[UnitLevel.COMMUNE],
        period_kind=PeriodKind.QUARTER,
        legal_basis="Nghị quyết số 05-NQ/TU ngày 10/01/2024",
    )
    dissemination = add_activity_kind(actor=office, programme=programme, name="Hội nghị quán triệt")

    def indicator(code: str, name: str, value_type: str, aggregation: str) -> Indicator:
        return add_indicator(
            actor=office,
            programme=programme,
            code=code,
            name=name,
            value_type=value_type,
            aggregation=aggregation,
        )

    return World(
        province=province,
        x=x,
        y=y,
        z=z,
        other=other,
        office=office,
        clerk_x=clerk_x,
        clerk_y=clerk_y,
        clerk_z=clerk_z,
        admin=admin,
        programme=programme,
        sessions=indicator("sessions", "Số buổi tuyên truyền", ValueType.INTEGER, Aggregation.SUM),
        rate=indicator("rate", "Tỷ lệ hộ được phổ biến", ValueType.PERCENTAGE, Aggregation.AVERAGE),
        largest=indicator("largest", "Hội nghị đông nhất", ValueType.INTEGER, Aggregation.MAX),
        clubs=indicator("clubs", "Số câu lạc bộ pháp luật", ValueType.INTEGER, Aggregation.LAST),
        done=indicator("done", "Đã ban hành kế hoạch", ValueType.YES_NO, Aggregation.SUM),
        dissemination=dissemination,
    )
