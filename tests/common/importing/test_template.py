from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.common.importing.files import assert_imported
from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory
from vinhdanh.common.importing import KINDS, importer_class
from vinhdanh.common.importing.template import GUIDE_SHEET, template_bytes
from vinhdanh.people.models import Person, TaskRating


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_template_has_headers_example_and_guide_from_the_column_specs(kind: str) -> None:
    cls = importer_class(kind)
    workbook = load_workbook(io.BytesIO(template_bytes(cls)))
    data, guide = workbook.worksheets[:2]
    headers = [cell.value for cell in data[1]]
    assert headers == [col.header for col in cls.columns]
    assert any(cell.value is not None for cell in data[2])  # the example row
    assert data.max_row == 2
    assert guide.title == GUIDE_SHEET
    guide_columns = [row[0] for row in guide.iter_rows(min_row=6, values_only=True)]
    assert guide_columns == [col.header for col in cls.columns]


@pytest.mark.django_db
def test_template_for_awards_lists_the_catalogue_codes() -> None:
    workbook = load_workbook(io.BytesIO(template_bytes(importer_class("awards"))))
    catalogue = workbook["Danh mục khen thưởng"]
    rows = {row[0]: row for row in catalogue.iter_rows(min_row=2, values_only=True)}
    assert rows["LDTT"][1] == "Lao động tiên tiến"
    assert "TTLDTT" in rows


def test_template_example_dates_are_real_date_cells() -> None:
    workbook = load_workbook(io.BytesIO(template_bytes(importer_class("people"))))
    sheet = workbook.worksheets[0]
    birth = sheet.cell(row=2, column=4)
    assert isinstance(birth.value, dt.datetime)
    assert birth.number_format.upper() == "DD/MM/YYYY"


@pytest.mark.django_db
def test_template_round_trip_download_fill_import(tmp_path: Path) -> None:
    UnitFactory(code="SNV-TCCB", name="Phòng Tổ chức cán bộ")
    workbook = load_workbook(io.BytesIO(template_bytes(importer_class("people"))))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2)  # the example row
    headers = [cell.value for cell in sheet[1]]
    for code, name in (("CB1", "Trần Văn Nam"), ("CB2", "Phạm Thị Lan")):
        values = {
            "Mã cán bộ": code,
            "Họ và tên": name,
            "Giới tính": "Nữ",
            "Ngày sinh": dt.date(1990, 5, 1),
            "Mã đơn vị": "SNV-TCCB",
            "Chức vụ": "Chuyên viên",
            "Từ ngày": "01/09/2015",
        }
        sheet.append([values.get(h) for h in headers])
    path = tmp_path / "filled.xlsx"
    workbook.save(path)
    assert_imported("people", path)
    assert sorted(Person.objects.values_list("code", flat=True)) == ["CB1", "CB2"]


@pytest.mark.django_db
def test_template_example_row_itself_imports(tmp_path: Path) -> None:
    """The example shows a valid row: with its codes present it imports as it is."""
    PersonFactory(code="CB000123", recruitment_date=dt.date(2010, 1, 1))
    path = tmp_path / "ratings.xlsx"
    path.write_bytes(template_bytes(importer_class("ratings")))
    assert_imported("ratings", path)
    assert TaskRating.objects.get().rating == "HTTNV"
