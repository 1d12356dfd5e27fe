from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from tests.common.importing.files import csv_bytes, xlsx_bytes
from vinhdanh.common.importing.reader import FileFormatError, detect_format, read_rows


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def test_detect_format_xlsx_by_content_not_name() -> None:
    assert detect_format(io.BytesIO(xlsx_bytes(["A"], [["1"]]))) == "xlsx"


def test_detect_format_csv_with_and_without_bom() -> None:
    assert detect_format(io.BytesIO(csv_bytes(["Mã"], [["1"]]))) == "csv"
    assert detect_format(io.BytesIO(csv_bytes(["Mã"], [["1"]], bom=True))) == "csv"


def test_detect_format_rejects_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(FileFormatError) as caught:
        detect_format(io.BytesIO(buffer.getvalue()))
    assert "not an Excel workbook" in caught.value.message


def test_detect_format_rejects_old_xls_and_binary() -> None:
    with pytest.raises(FileFormatError) as caught:
        detect_format(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100))
    assert ".xls" in caught.value.message
    with pytest.raises(FileFormatError):
        detect_format(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"))


def test_detect_format_rejects_csv_not_in_utf8() -> None:
    with pytest.raises(FileFormatError) as caught:
        detect_format(io.BytesIO("Mã cán bo;Ho và tên\n".encode("cp1252")))
    assert "UTF-8" in caught.value.message


def test_read_rows_csv_semicolon_header_and_bom() -> None:
    data = csv_bytes(["Mã cán bộ", "Họ và tên"], [["CB1", "Lê Văn, Tám"]], sep=";", bom=True)
    rows = list(read_rows(io.BytesIO(data), "csv"))
    assert rows == [(1, ["Mã cán bộ", "Họ và tên"]), (2, ["CB1", "Lê Văn, Tám"])]


def test_read_rows_xlsx_keeps_spreadsheet_row_numbers_across_blank_rows() -> None:
    data = xlsx_bytes(["A", "B"], [["1", "x"], [None, None], ["3", "y"]])
    rows = [(n, list(r)) for n, r in read_rows(io.BytesIO(data), "xlsx")]
    assert rows[0] == (1, ["A", "B"])
    assert rows[-1] == (4, ["3", "y"])
