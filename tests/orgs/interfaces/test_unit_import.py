from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import translation

from tests.common.importing.files import assert_imported, assert_rejected, counts, write
from tests.factories.orgs import UnitFactory
from vinhdanh.common.importing import run_import
from vinhdanh.common.models import AuditEvent
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.models import Unit

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"]


@pytest.fixture
def province() -> Unit:
    return UnitFactory(
        code="HT", name="Tỉnh Hà Tĩnh", level="province", valid_from=dt.date(1991, 10, 1)
    )


def test_units_import_builds_the_tree_with_parents_from_db_and_file(
    tmp_path: Path, province: Unit
) -> None:
    rows = [
        ["SNV-TCCB", "Phòng Tổ chức cán bộ", "Phòng", "SNV", "01/01/2010", ""],  # parent below
        ["SNV", "Sở Nội vụ", "Sở, ban, ngành", "HT", "2008-04-01", ""],
        ["XA-1", "Xã Thạch Lạc", "xa", "HT", dt.date(2025, 7, 1), None],
    ]
    out = assert_imported("units", write(tmp_path, "units.xlsx", HEADER, rows))
    assert "units: 3" in out
    snv = Unit.objects.get(code="SNV")
    division = Unit.objects.get(code="SNV-TCCB")
    assert snv.parent == province
    assert division.parent == snv
    assert division.path == f"{province.path}{snv.pk}/{division.pk}/"
    assert division.depth == 2
    assert division.level == "division"
    assert Unit.objects.get(code="XA-1").level == "commune"
    assert set(Unit.objects.descendants_of(province)) == {
        province,
        snv,
        division,
        Unit.objects.get(code="XA-1"),
    }
    assert division.search_key == "phong to chuc can bo snv-tccb"
    assert AuditEvent.objects.filter(object_type="orgs.unit", action="create").count() == 4


def test_units_import_unknown_parent_code(tmp_path: Path, province: Unit) -> None:
    rows = [["SNV", "Sở Nội vụ", "Sở", "HN", "", ""]]
    assert_rejected(
        "units",
        write(tmp_path, "u.csv", HEADER, rows),
        [
            "row 2, column Mã đơn vị cấp trên: no unit has the code HN",
        ],
    )


def test_units_import_parent_not_existing_on_valid_from(tmp_path: Path, province: Unit) -> None:
    rows = [
        ["SNV", "Sở Nội vụ", "Sở", "HT", "01/01/1990", ""],
        ["P1", "Phòng 1", "Phòng", "SNV2", "01/01/2020", ""],
        ["SNV2", "Sở mới", "Sở", "HT", "01/07/2025", ""],
    ]
    assert_rejected(
        "units",
        write(tmp_path, "u.csv", HEADER, rows),
        [
            "row 2, column Mã đơn vị cấp trên: the parent unit HT does not exist on 01/01/1990 "
            "(it exists 01/10/1991–…)",
            "row 3, column Mã đơn vị cấp trên: the parent unit SNV2 does not exist on 01/01/2020 "
            "(it exists 01/07/2025–…)",
        ],
    )


def test_units_import_code_already_in_db_or_repeated_in_file(
    tmp_path: Path, province: Unit
) -> None:
    rows = [
        ["HT", "Tỉnh Hà Tĩnh", "Tỉnh", "", "", ""],
        ["SNV", "Sở Nội vụ", "Sở", "HT", "", ""],
        ["SNV", "Sở Nội vụ (bản sao)", "Sở", "HT", "", ""],
    ]
    assert_rejected(
        "units",
        write(tmp_path, "u.csv", HEADER, rows),
        [
            "row 2, column Mã đơn vị: the unit code HT already exists in the system",
            "row 4, column Mã đơn vị: the unit SNV is already in row 3",
        ],
    )


def test_units_import_parent_cycle_and_bad_level_and_dates(tmp_path: Path, province: Unit) -> None:
    rows = [
        ["A", "Đơn vị A", "Phòng", "B", "", ""],
        ["B", "Đơn vị B", "Phòng", "A", "", ""],
        ["C", "Đơn vị C", "Cục", "HT", "01/01/2020", "31/12/2019"],
        ["D", "Huyện D", "Huyện", "HT", "01/08/2025", ""],
    ]
    assert_rejected(
        "units",
        write(tmp_path, "u.csv", HEADER, rows),
        [
            "row 2, column Mã đơn vị cấp trên: the chain of parent units loops back to this unit",
            "row 3, column Mã đơn vị cấp trên: the chain of parent units loops back to this unit",
            "row 4, column Cấp: “Cục” is not allowed; use one of: Tỉnh, Sở, Huyện, Xã, Phòng, "
            "Trường, Bệnh viện, Doanh nghiệp, Thôn, Khác",
            "row 4, column Hiệu lực đến: ends before it starts (01/01/2020)",
            "row 5, column Cấp: district-level units no longer exist after 30/06/2025",
        ],
    )


def test_units_import_scope_limits_the_parents_a_clerk_may_use(
    tmp_path: Path, province: Unit
) -> None:
    mine = UnitFactory(code="MINE", parent=province)
    other = UnitFactory(code="OTHER", parent=province)
    path = write(
        tmp_path,
        "u.csv",
        HEADER,
        [
            ["M1", "Phòng M1", "Phòng", "MINE", "", ""],
            ["O1", "Phòng O1", "Phòng", "OTHER", "", ""],
            ["ROOT", "Đơn vị gốc", "Khác", "", "", ""],
        ],
    )
    scope = UnitScope(False, (mine.path,), ())
    before = counts()
    with translation.override("en"):
        result = run_import(kind="units", source=path, scope=scope, audit_source="web:import")
    assert [str(p) for p in result.problems] == [
        "row 3, column Mã đơn vị cấp trên: the unit OTHER is outside the scope of your units",
        "row 4, column Mã đơn vị cấp trên: a unit without a parent unit is outside the scope of "
        "your units",
    ]
    assert counts() == before
    assert other.pk
