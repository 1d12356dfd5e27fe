"""Importing a programme's activities and one period's reports: all or nothing, each problem on
its row in Vietnamese, the same rules as the pages and the API (a wrong type, a locked or
future period, a unit outside the programme, participants below zero)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import Workbook

from tests.programmes.world import World
from vinhdanh.common.importing import ImportResult
from vinhdanh.programmes.domain.errors import PeriodLocked, ProgrammeError
from vinhdanh.programmes.domain.reports import lock_period
from vinhdanh.programmes.interfaces.importing import import_activities, import_reports
from vinhdanh.programmes.models import Activity, PeriodReport, ReportValue

ACTIVITY_HEADER = ["Mã đơn vị", "Loại hoạt động", "Ngày", "Tên hoạt động", "Số người tham dự"]
REPORT_HEADER = [
    "Mã đơn vị",
    "Số buổi tuyên truyền",
    "Tỷ lệ hộ được phổ biến",
    "Hội nghị đông nhất",
    "Số câu lạc bộ pháp luật",
    "Đã ban hành kế hoạch",
    "Gửi báo cáo",
]


def _xlsx(header: list[str], rows: list[list[Any]]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _problems(result: ImportResult) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message) for p in result.problems]


def _activities(world: World, rows: list[list[Any]], actor: Any = None) -> ImportResult:
    return import_activities(
        actor=actor or world.admin,
        programme=world.programme,
        source=_xlsx(ACTIVITY_HEADER, rows),
        filename="hoat-dong.xlsx",
    )


def test_activities_are_imported_with_their_participants(world: World) -> None:
    day = dt.date(2024, 5, 10)
    result = _activities(
        world,
        [
            ["X", "hội nghị quán triệt", day, "Hội nghị tại xã An Xuân", 120],
            ["Y", "Hội nghị quán triệt", day, "Hội nghị tại xã Yên Bình", 80],
        ],
    )

    assert result.written, _problems(result)
    assert sorted(Activity.objects.values_list("unit__code", "participants")) == [
        ("X", 120),
        ("Y", 80),
    ]


def test_a_bad_activity_row_saves_nothing(world: World) -> None:
    day = dt.date(2024, 5, 10)
    result = _activities(
        world,
        [
            ["X", "Hội nghị quán triệt", day, "Hội nghị đúng", 120],
            ["SNV", "Hội nghị quán triệt", day, "Ở Sở Nội vụ", 30],
            ["Y", "Hội nghị quán triệt", day, "Số âm", -5],
            ["Z", "Hội nghị quán triệt", "mười tháng năm", "Ngày sai", 10],
            ["Z", "Hội nghị quán triệt", dt.date(2099, 1, 1), "Tương lai", 10],
        ],
    )

    problems = _problems(result)
    assert not result.written
    assert (3, "Mã đơn vị", "Sở Nội vụ không thực hiện chương trình này vào ngày 10/05/2024.") in (
        problems
    )
    assert (4, "Số người tham dự", "Số người tham dự không được là số âm.") in problems
    assert any(row == 5 and column == "Ngày" for row, column, _m in problems)
    assert any(row == 6 and column == "Ngày" for row, column, _m in problems)
    assert not Activity.objects.exists()


def test_a_clerk_imports_only_for_the_units_it_reports_for(world: World) -> None:
    result = _activities(
        world,
        [["Y", "Hội nghị quán triệt", dt.date(2024, 5, 10), "Không phải xã mình", 10]],
        actor=world.clerk_x,
    )

    assert _problems(result) == [
        (2, "Mã đơn vị", "Đồng chí không có quyền ghi nhận hoạt động của Xã Yên Bình.")
    ]
    assert not Activity.objects.exists()


def _reports(world: World, rows: list[list[Any]], period: str = "2024-Q1") -> ImportResult:
    return import_reports(
        actor=world.admin,
        programme=world.programme,
        period_code=period,
        source=_xlsx(REPORT_HEADER, rows),
        filename="bao-cao.xlsx",
    )


def test_a_periods_reports_are_imported_one_row_per_unit(world: World) -> None:
    result = _reports(
        world, [["X", 3, "67,5", 120, 2, "Có", "Có"], ["Y", 5, 70, 90, 1, "Không", ""]]
    )

    assert result.written, _problems(result)
    states = dict(PeriodReport.objects.values_list("unit__code", "state"))
    assert states == {"X": "submitted", "Y": "draft"}
    assert ReportValue.objects.get(report__unit__code="X", indicator__code="rate").value == (
        pytest.approx(67.5)
    )


def test_a_wrong_value_or_a_unit_outside_the_programme_saves_nothing(world: World) -> None:
    result = _reports(
        world,
        [
            ["X", 3, 60, 120, 2, "Có", "Có"],
            ["Y", "ba", 140, 90, 1, "Không", ""],
            ["SNV", 1, 10, 10, 1, "Có", ""],
        ],
    )

    problems = _problems(result)
    assert not result.written
    assert (3, "Số buổi tuyên truyền", "Số buổi tuyên truyền: hãy nhập một số nguyên.") in problems
    assert any(row == 3 and column == "Tỷ lệ hộ được phổ biến" for row, column, _m in problems)
    assert any(row == 4 and column == "Mã đơn vị" for row, column, _m in problems)
    assert not PeriodReport.objects.exists()


def test_a_locked_or_future_period_refuses_the_file(world: World) -> None:
    lock_period(actor=world.office, programme=world.programme, period_code="2024-Q1")

    with pytest.raises(PeriodLocked, match="Quý 1/2024 đã khoá sổ"):
        _reports(world, [["X", 3, 60, 120, 2, "Có", "Có"]])
    with pytest.raises(ProgrammeError, match="Quý 4/2028 chưa bắt đầu"):
        _reports(world, [["X", 3, 60, 120, 2, "Có", "Có"]], period="2028-Q4")
    assert not PeriodReport.objects.exists()
