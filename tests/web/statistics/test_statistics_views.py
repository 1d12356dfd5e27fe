"""The statistics page and its downloads, as the province's office and a unit's clerk see them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.orgs import RoleFactory
from tests.reports.statistics_world import Fixture, build_fixture
from tests.web.conftest import login

YEARS = {"year_from": "2024", "year_to": "2025"}


@pytest.fixture
def fx(db: None) -> Fixture:
    return build_fixture()


def _client(unit: Any, **role: Any) -> Client:
    return login(Client(), RoleFactory(unit=unit, **role).user)


def _sheet(response: Any) -> Any:
    return load_workbook(io.BytesIO(response.content)).active


def _row(sheet: Any, code: str) -> list[Any]:
    for row in sheet.iter_rows(values_only=True):
        if row[1] == code:
            return list(row)
    raise AssertionError(code)


def test_the_office_reads_the_tables_of_its_province(fx: Fixture) -> None:
    office = _client(fx.p, is_clerk=False, is_emulation_office=True)

    response = office.get(reverse("web:statistics:page"), {"unit": fx.p.pk, **YEARS})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Thống kê thi đua, khen thưởng" in text
    assert "từ năm 2024 đến năm 2025: 8 danh hiệu, hình thức khen thưởng" in text
    assert "Bằng khen của Thủ tướng Chính phủ" in text
    assert "Xã An Bình" in text  # the quota table: the merged commune, 3 LĐTT and 1 CSTĐCS
    assert 'href="/statistics/0602.xlsx?' in text


def test_the_forms_download_in_their_layout(fx: Fixture) -> None:
    office = _client(fx.p, is_clerk=False, is_emulation_office=True)

    form_0602 = _sheet(office.get(reverse("web:statistics:form_0602"), {"unit": fx.p.pk, **YEARS}))
    form_0601 = _sheet(
        office.get(
            reverse("web:statistics:form_0601"),
            {"unit": fx.p.pk, "year_from": "2024", "year_to": "2024"},
        )
    )
    table = _sheet(office.get(reverse("web:statistics:table_xlsx"), {"unit": fx.p.pk, **YEARS}))

    assert form_0602.cell(1, 1).value == "Biểu số: 0602.N/BNV-TĐKT"
    assert _row(form_0602, "01")[3] == 4  # "Tổng số" of the State-level awards
    assert _row(form_0602, "16")[3] == 1  # thematic: the enterprise's certificate
    assert form_0601.cell(1, 1).value == "Biểu số: 0601.N/BNV-TĐKT"
    assert _row(form_0601, "01")[2:6] == [2, 0, 1, 1]
    names = [r[1] for r in table.iter_rows(min_row=2, values_only=True)]
    assert "Lao động tiên tiến" in names


def test_a_unit_sees_only_its_own_subtree(fx: Fixture) -> None:
    clerk = _client(fx.e)

    own = clerk.get(reverse("web:statistics:page"), {"unit": fx.e.pk, **YEARS})
    province = clerk.get(reverse("web:statistics:page"), {"unit": fx.p.pk, **YEARS})
    download = clerk.get(reverse("web:statistics:form_0602"), {"unit": fx.p.pk, **YEARS})

    assert own.status_code == 200
    assert "3 danh hiệu, hình thức khen thưởng" in own.content.decode()
    assert province.status_code == 400
    assert "Huyện Đông" not in province.content.decode()
    assert download.status_code == 400


def test_bad_years_get_a_clear_message(fx: Fixture) -> None:
    office = _client(fx.p, is_clerk=False, is_emulation_office=True)
    url = reverse("web:statistics:page")

    typed = office.get(url, {"unit": fx.p.pk, "year_from": "hai nghìn", "year_to": "2025"})
    reversed_range = office.get(url, {"unit": fx.p.pk, "year_from": "2025", "year_to": "2024"})

    assert typed.status_code == 400
    assert "Hãy nhập một năm, ví dụ" in typed.content.decode()
    assert reversed_range.status_code == 400
    assert "Năm cuối đứng trước năm đầu." in reversed_range.content.decode()


def test_without_a_whole_subtree_there_is_no_statistics(fx: Fixture) -> None:
    clerk = _client(fx.e, include_subunits=False)

    assert clerk.get(reverse("web:statistics:page")).status_code == 403
    assert "/statistics/" not in clerk.get(reverse("web:home")).content.decode()
