"""An activity's attendance list (imported from .xlsx) and attachments, as the clerk and the
office use them: the list sets the number of participants, which the indicators count; a file
with problems, or a locked period, changes nothing; files go only to those who see the activity.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.programmes.world import World
from tests.web.conftest import login
from vinhdanh.programmes.domain.activities import record_activity
from vinhdanh.programmes.domain.programmes import add_indicator
from vinhdanh.programmes.domain.queries.activities import activity_figures
from vinhdanh.programmes.domain.reports import lock_period
from vinhdanh.programmes.enums import IndicatorSource
from vinhdanh.programmes.models import Activity, ActivityAttachment, ActivityAttendee
from vinhdanh.programmes.periods import parse_period

HEADER = ["STT", "Họ và tên", "Giới tính", "Chức vụ", "Cơ quan, đơn vị"]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _client(user: Any) -> Client:
    return login(Client(), user)


def _xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH NGƯỜI THAM DỰ HỘI NGHỊ"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("danh-sach.xlsx", buf.getvalue())


def _activity(world: World, day: dt.date = dt.date(2024, 5, 10)) -> Activity:
    return record_activity(
        actor=world.clerk_x,
        programme=world.programme,
        unit=world.x,
        kind=world.dissemination,
        date=day,
        title="Hội nghị quán triệt Nghị quyết 05",
        participants=40,
    )


def _url(name: str, activity: Activity, *extra: int) -> str:
    return reverse(f"web:programmes:{name}", args=[activity.programme_id, activity.pk, *extra])


def test_an_attendance_list_sets_the_participants_that_indicators_count(world: World) -> None:
    w = world
    add_indicator(
        actor=w.office,
        programme=w.programme,
        code="people",
        name="Số lượt người được phổ biến",
        source=IndicatorSource.PARTICIPANTS,
        activity_kind=w.dissemination,
    )
    activity = _activity(w)
    rows = [
        [1, "Nguyễn Thị Hồng", "Nữ", "Trưởng thôn", "Thôn Đông"],
        [2, "Trần Văn Bình", "Nam", "Công an viên", "Thôn Đoài"],
        [3, "Lê Thị Mai", "nu", "", "Thôn Đông"],
    ]

    response = _client(w.clerk_x).post(
        _url("attendance_upload", activity), {"file": _xlsx(rows)}, follow=True
    )

    text = response.content.decode()
    assert "Đã nhập danh sách tham dự: 3 người tham dự." in text
    assert "Trần Văn Bình" in text
    activity.refresh_from_db()
    assert activity.participants == 3
    assert activity_figures(w.programme, w.x, parse_period("2024-Q2"))["people"] == 3
    assert list(ActivityAttendee.objects.values_list("full_name", "gender")) == [
        ("Nguyễn Thị Hồng", "F"),
        ("Trần Văn Bình", "M"),
        ("Lê Thị Mai", "F"),
    ]


def test_a_file_with_problems_saves_nothing_and_says_where(world: World) -> None:
    activity = _activity(world)
    rows = [
        [1, "Nguyễn Thị Hồng", "Nữ", "", "Thôn Đông"],
        [2, "", "Nam", "", "Thôn Đoài"],
        [3, "Nguyễn Thị Hồng", "Nữ", "", "Thôn Đông"],
        [4, "Phạm Văn Tư", "Ông", "", ""],
    ]

    response = _client(world.clerk_x).post(
        _url("attendance_upload", activity), {"file": _xlsx(rows)}
    )

    text = response.content.decode()
    assert response.status_code == 400
    assert "Phát hiện 3 lỗi: chưa nhập dữ liệu nào." in text
    assert "đã có ở dòng 3" in text  # the duplicate, on spreadsheet row 5, points at row 3
    assert "giá trị “Ông” không hợp lệ" in text
    assert not ActivityAttendee.objects.exists()
    activity.refresh_from_db()
    assert activity.participants == 40


def test_a_locked_period_keeps_its_activities(world: World) -> None:
    activity = _activity(world)
    lock_period(actor=world.office, programme=world.programme, period_code="2024-Q2")

    response = _client(world.clerk_x).post(
        _url("attendance_upload", activity), {"file": _xlsx([[1, "Lê Văn An", "Nam", "", ""]])}
    )

    assert response.status_code == 400
    assert "Quý 2/2024 đã khoá sổ: không thể thay đổi hoạt động của kỳ này." in (
        response.content.decode()
    )
    assert not ActivityAttendee.objects.exists()
    refused = _client(world.clerk_x).post(
        reverse("web:programmes:activities", args=[world.programme.pk]),
        {
            "unit": world.x.pk,
            "kind": world.dissemination.pk,
            "date": "20/05/2024",
            "title": "Hội nghị muộn",
            "participants": "10",
        },
    )
    assert refused.status_code == 400
    assert Activity.objects.count() == 1


def test_the_template_reads_back_with_the_columns_of_the_import(world: World) -> None:
    activity = _activity(world)

    response = _client(world.clerk_x).get(_url("attendance_template", activity))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["Họ và tên", "Giới tính", "Chức vụ"]


def test_attachments_are_checked_and_sent_only_to_who_sees_the_activity(world: World) -> None:
    w = world
    activity = _activity(w)
    clerk = _client(w.clerk_x)

    accepted = clerk.post(
        _url("attachment_upload", activity),
        {"title": "Biên bản hội nghị", "file": SimpleUploadedFile("bien-ban.pdf", PDF)},
        follow=True,
    )
    refused = clerk.post(
        _url("attachment_upload", activity),
        {"title": "Giả", "file": SimpleUploadedFile("bien-ban.pdf", b"MZ not a pdf at all")},
    )

    assert "Biên bản hội nghị" in accepted.content.decode()
    assert refused.status_code == 400
    assert "Không chấp nhận loại tệp này" in refused.content.decode()
    attachment = ActivityAttachment.objects.get()
    url = _url("attachment", activity, attachment.pk)
    download = _client(w.office).get(url)
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert _client(w.clerk_y).get(url).status_code == 404
    assert _client(w.clerk_y).get(_url("activity", activity)).status_code == 404
    assert _client(w.clerk_y).get(_url("attendance_template", activity)).status_code == 404


def test_an_oversized_attachment_is_refused(world: World, settings: Any) -> None:
    settings.VINHDANH_ATTACHMENT_MAX_BYTES = 20
    activity = _activity(world)

    response = _client(world.clerk_x).post(
        _url("attachment_upload", activity), {"file": SimpleUploadedFile("a.pdf", PDF)}
    )

    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert not ActivityAttachment.objects.exists()


def test_each_upload_button_opens_its_own_file_control(world: World) -> None:
    """The page holds two uploads: each "Chọn tệp…" label names its own control."""
    page = _client(world.clerk_x).get(_url("activity", _activity(world))).content.decode()
    ids = re.findall(r'<input type="file" name="file"[^>]*\bid="([^"]+)"', page)
    labels = re.findall(r'<label for="([^"]+)" class="button file-pick-button">Chọn tệp…', page)
    assert sorted(ids) == sorted(labels) == ["id_attachment_file", "id_file"]
