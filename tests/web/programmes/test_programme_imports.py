"""The programme's imports page: activities and one period's reports from a spreadsheet."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories.orgs import RoleFactory
from tests.programmes.world import World
from tests.web.conftest import login
from vinhdanh.programmes.domain.reports import lock_period
from vinhdanh.programmes.models import Activity, PeriodReport


def _client(user: Any) -> Client:
    return login(Client(), user)


def _xlsx(header: list[str], rows: list[list[Any]]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("tep.xlsx", buf.getvalue())


REPORT_HEADER = ["Mã đơn vị", "sessions", "rate", "largest", "clubs", "done", "Gửi báo cáo"]


def test_a_clerk_imports_its_activities(world: World) -> None:
    url = reverse("web:programmes:import_activities", args=[world.programme.pk])
    header = ["Mã đơn vị", "Loại hoạt động", "Ngày", "Tên hoạt động", "Số người tham dự"]
    rows = [["X", "Hội nghị quán triệt", dt.date(2024, 5, 10), "Hội nghị quán triệt", 85]]

    response = _client(world.clerk_x).post(url, {"a-file": _xlsx(header, rows)}, follow=True)

    assert "Đã nhập 1 hoạt động." in response.content.decode()
    assert list(Activity.objects.values_list("unit__code", "participants")) == [("X", 85)]


def test_report_import_problems_are_shown_by_row_and_nothing_is_saved(world: World) -> None:
    url = reverse("web:programmes:import_reports", args=[world.programme.pk])
    rows = [["X", 3, 60, 120, 2, "Có", "Có"], ["X", "bốn", 60, 120, 2, "Có", "Có"]]

    response = _client(world.clerk_x).post(
        url, {"r-period": "2024-Q1", "r-file": _xlsx(REPORT_HEADER, rows)}
    )

    text = response.content.decode()
    assert response.status_code == 400
    assert "Số buổi tuyên truyền: hãy nhập một số nguyên." in text
    assert not PeriodReport.objects.exists()


def test_a_locked_period_refuses_the_import(world: World) -> None:
    lock_period(actor=world.office, programme=world.programme, period_code="2024-Q1")
    url = reverse("web:programmes:import_reports", args=[world.programme.pk])

    response = _client(world.clerk_x).post(
        url,
        {"r-period": "2024-Q1", "r-file": _xlsx(REPORT_HEADER, [["X", 3, 60, 1, 2, "Có", ""]])},
    )

    assert response.status_code == 400
    assert "Quý 1/2024 đã khoá sổ" in response.content.decode()
    assert not PeriodReport.objects.exists()


def test_the_report_template_has_a_column_per_indicator(world: World) -> None:
    response = _client(world.clerk_x).get(
        reverse("web:programmes:import_reports_template", args=[world.programme.pk])
    )

    headers = [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]]
    assert headers[:3] == ["Mã đơn vị", "Số buổi tuyên truyền", "Tỷ lệ hộ được phổ biến"]
    assert headers[-2:] == ["Nội dung báo cáo", "Gửi báo cáo"]


def test_who_cannot_report_has_no_import(world: World) -> None:
    department_clerk = RoleFactory(unit=world.other).user
    client = _client(department_clerk)

    page = client.get(reverse("web:programmes:programme", args=[world.programme.pk]))
    imports = client.get(reverse("web:programmes:imports", args=[world.programme.pk]))

    assert page.status_code == 200
    assert "/import/" not in page.content.decode()
    assert imports.status_code == 403
    assert (
        "/import/"
        in _client(world.clerk_x)
        .get(reverse("web:programmes:activities", args=[world.programme.pk]))
        .content.decode()
    )
