from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.common.importing.files import assert_imported, assert_rejected, write
from tests.factories.people import InitiativeFactory, PersonFactory
from vinhdanh.common.models import AuditEvent
from vinhdanh.people.models import Initiative

pytestmark = pytest.mark.django_db

HEADER = [
    "Tên sáng kiến",
    "Loại",
    "Cấp công nhận",
    "Ngày công nhận",
    "Cơ quan công nhận",
    "Mã tác giả",
]


@pytest.fixture(autouse=True)
def _authors() -> None:
    for code in ("CB1", "CB2", "CB3"):
        PersonFactory(code=code)


def test_initiatives_import_with_several_authors(tmp_path: Path) -> None:
    rows = [
        ["Số hóa hồ sơ khen thưởng", "Sáng kiến", "Cơ sở", "30/11/2024", "Sở Nội vụ", "CB1; CB2"],
        [
            "Phần mềm chấm công",
            "Đề tài khoa học",
            "Bộ, tỉnh",
            dt.date(2023, 5, 2),
            "UBND tỉnh",
            "CB2,CB3",
        ],
        ["Quy trình một cửa", "sang kien", "toàn quốc", "2022-01-15", "", "CB3"],
    ]
    out = assert_imported("initiatives", write(tmp_path, "i.xlsx", HEADER, rows))
    assert "initiatives: 3" in out
    assert "authors: 5" in out
    first = Initiative.objects.get(title="Số hóa hồ sơ khen thưởng")
    assert sorted(first.authors.values_list("code", flat=True)) == ["CB1", "CB2"]
    assert Initiative.objects.get(title="Phần mềm chấm công").level == "bo_tinh"
    assert Initiative.objects.get(title="Quy trình một cửa").level == "toan_quoc"
    assert AuditEvent.objects.filter(object_type="people.initiative", action="create").count() == 3


def test_initiatives_import_unknown_author_and_future_date(tmp_path: Path) -> None:
    future = (dt.date.today() + dt.timedelta(days=2)).strftime("%d/%m/%Y")
    rows = [
        ["Sáng kiến A", "Sáng kiến", "Cơ sở", "30/11/2024", "", "CB1; CB9"],
        ["Sáng kiến B", "Sáng kiến", "Cơ sở", future, "", "CB1"],
        ["Sáng kiến C", "Giải pháp", "Cơ sở", "30/11/2024", "", "CB1"],
    ]
    assert_rejected(
        "initiatives",
        write(tmp_path, "i.csv", HEADER, rows),
        [
            "row 2, column Mã tác giả: no person has the staff code CB9",
            f"row 3, column Ngày công nhận: {future} is after today",
            "row 4, column Loại: “Giải pháp” is not allowed; use one of: Sáng kiến, "
            "Đề tài khoa học, Sáng kiến chiến đấu",
        ],
    )


def test_initiatives_import_duplicates_in_file_and_database(tmp_path: Path) -> None:
    InitiativeFactory(title="Sáng kiến cũ", recognised_on=dt.date(2024, 11, 30))
    rows = [
        ["Sáng kiến mới", "Sáng kiến", "Cơ sở", "30/11/2024", "", "CB1"],
        ["SÁNG KIẾN MỚI", "Sáng kiến", "Cơ sở", "2024-11-30", "", "CB2"],
        ["Sáng kiến cũ", "Sáng kiến", "Cơ sở", "30/11/2024", "", "CB1"],
    ]
    assert_rejected(
        "initiatives",
        write(tmp_path, "i.csv", HEADER, rows),
        [
            "row 3, column Tên sáng kiến: this initiative is already in row 2",
            "row 4, column Tên sáng kiến: this initiative, recognised on 30/11/2024, is already in "
            "the system",
        ],
    )
