"""The statistics page and its downloads, as the province's office and a unit's clerk see them."""

from __future__ import annotations

import base64
import html
import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.orgs import RoleFactory
from tests.reports.statistics_world import Fixture, QuotaWorld, build_fixture, build_quota_world
from tests.web.conftest import login

YEARS = {"year_from": "2024", "year_to": "2025"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def fx(db: None) -> Fixture:
    return build_fixture()


def _client(unit: Any, **role: Any) -> Client:
    return login(Client(), RoleFactory(unit=unit, **role).user)


def _sheet(response: Any) -> Any:
    return load_workbook(io.BytesIO(response.content)).active


def _office_page(unit: Any, first: str, last: str) -> Any:
    """The statistics of a unit's subtree for some years, as its emulation office sees them."""
    office = _client(unit, is_clerk=False, is_emulation_office=True)
    return office.get(
        reverse("web:statistics:page"), {"unit": unit.pk, "year_from": first, "year_to": last}
    )


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


def _charts(page: str) -> dict[str, ET.Element]:
    """The charts of a page by their text alternative (alt), each the SVG it shows."""
    charts = {}
    for src, alt in re.findall(
        r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)"', page
    ):
        parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
        charts[html.unescape(alt)] = ET.fromstring(base64.b64decode(src), parser)
    return charts


def _label(group: ET.Element) -> str:
    """The text a group draws: with the letters drawn as paths, it is written in a comment."""
    return next(str(e.text).strip() for e in group.iter() if e.tag is ET.Comment)


def _bars(svg: ET.Element) -> dict[str, float]:
    """What each bar of a bar chart reads on the value axis, by the label under it."""
    groups = {g.get("id", ""): g for g in svg.iter(f"{SVG}g")}

    def ticks(axis: str) -> list[tuple[str, float]]:
        return [
            (_label(g), float(next(g.iter(f"{SVG}use")).get("x" if axis == "x" else "y", "")))
            for name, g in groups.items()
            if name.startswith(f"{axis}tick_")
        ]

    (zero, y0), (one, y1), *_rest = ticks("y")
    per_unit = (y0 - y1) / (int(one.replace(".", "")) - int(zero.replace(".", "")))
    out = {}
    for path in groups["axes_1"].iter(f"{SVG}path"):
        if "fill: #b22222" not in path.get("style", ""):
            continue
        points = [
            [float(n) for n in p.split()] for p in re.findall(r"[ML] ([\d. -]+)", path.get("d", ""))
        ]
        middle = (points[0][0] + points[1][0]) / 2
        label = next(t for t, x in ticks("x") if abs(x - middle) < 0.01)
        out[label] = round((points[0][1] - points[2][1]) / per_unit, 2)
    return out


def test_the_page_draws_its_tables_as_charts(fx: Fixture) -> None:
    office = _client(fx.p, is_clerk=False, is_emulation_office=True)

    page = office.get(reverse("web:statistics:page"), {"unit": fx.p.pk, **YEARS})

    text = page.content.decode()
    charts = _charts(text)
    years = charts["Danh hiệu, hình thức khen thưởng theo năm"]
    forms = charts["Danh hiệu, hình thức khen thưởng từ năm 2024 đến năm 2025"]
    assert years.findtext(f"{SVG}title") == "Danh hiệu, hình thức khen thưởng theo năm"
    assert _bars(years) == {"2024": 6, "2025": 2}  # the "Total" column of the table
    assert 'aria-describedby="table-years"' in text
    assert '<table id="table-years">' in text
    drawn = {_label(g) for g in forms.iter(f"{SVG}g") if g.get("id", "").startswith("text_")}
    assert {
        "Lao động tiên tiến",
        "Chiến sĩ thi đua cơ sở",
        "Tập thể",
        "Cá nhân",
    } <= drawn
    assert "<script" not in text.partition('<main id="main">')[2].partition("</main>")[0]


def test_years_without_awards_say_so_instead_of_an_empty_chart(fx: Fixture) -> None:
    page = _office_page(fx.p, "2020", "2021")

    text = page.content.decode()
    assert page.status_code == 200
    assert "data:image/svg+xml" not in text
    assert text.count("Không có khen thưởng nào trong các năm này nên không có biểu đồ.") == 2


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
    assert "Năm cuối phải bằng hoặc sau năm đầu." in reversed_range.content.decode()


def test_without_a_whole_subtree_there_is_no_statistics(fx: Fixture) -> None:
    clerk = _client(fx.e, include_subunits=False)

    assert clerk.get(reverse("web:statistics:page")).status_code == 403
    assert "/statistics/" not in clerk.get(reverse("web:home")).content.decode()


def _table(page: str, table_id: str) -> list[list[str]]:
    """The body rows of a table of the page, as the text of their cells."""
    body = page.partition(f'<table id="{table_id}">')[2].partition("</table>")[0]
    body = body.partition("<tbody>")[2]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]
        for cells in (
            re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
        )
    ]


@pytest.fixture
def qw(db: None) -> QuotaWorld:
    return build_quota_world()


def test_the_quota_table_counts_the_titles_of_the_year_they_reward_at_the_quota_level(
    qw: QuotaWorld,
) -> None:
    """The ward's 2025 CSTĐCS were signed on 09/01/2026: they belong to 2025, against its 12
    LĐTT (its village's included), within the 25% quota; a division counts in its department;
    the two "Văn phòng Sở" are told apart by their department, units in tree order."""
    page = _office_page(qw.fx.p, "2024", "2026").content.decode()

    assert _table(page, "table-quota") == [
        ["Huyện Đông › Xã An Bình", "2024", "3", "1", "33", "0 — vượt tỷ lệ"],
        ["Phường Hà Huy Tập", "2025", "12", "3", "25", "3"],
        ["Sở Tài chính › Văn phòng Sở", "2025", "4", "1", "25", "1"],
        ["Sở Y tế", "2025", "4", "1", "25", "1"],
        ["Sở Y tế › Văn phòng Sở", "2025", "4", "1", "25", "1"],
    ]
    # 2024's titles are decided at the review of January 2025, under the quota in force from
    # 01/01/2025: a quota, not "no quota" as at the end of 2024.
    assert "không giới hạn" not in page


def test_a_reversed_range_of_years_is_an_error_under_the_last_year(fx: Fixture) -> None:
    response = _office_page(fx.p, "2026", "2020")

    text = response.content.decode()
    assert response.status_code == 400
    message = "Năm cuối phải bằng hoặc sau năm đầu."
    field = text.partition('for="id_year_to"')[2].partition("</div>")[0]
    assert message in field  # under "Đến năm", not ahead of the fields
    assert text.count(message) == 1
    assert "nonfield" not in text


def test_a_range_without_awards_lists_no_unit_of_zeros(fx: Fixture) -> None:
    page = _office_page(fx.p, "1990", "1991").content.decode()

    assert _table(page, "table-units") == [["Không có khen thưởng nào trong các năm này."]]
    assert _table(page, "table-quota") == [["Không có LĐTT hoặc CSTĐCS trong các năm này."]]


def test_the_table_download_is_named_by_its_years(fx: Fixture) -> None:
    office = _client(fx.p, is_clerk=False, is_emulation_office=True)
    url = reverse("web:statistics:table_xlsx")

    several = office.get(url, {"unit": fx.p.pk, **YEARS})
    one = office.get(url, {"unit": fx.p.pk, "year_from": "2024", "year_to": "2024"})

    assert 'filename="thong-ke-khen-thuong-2024-2025.xlsx"' in several["Content-Disposition"]
    assert 'filename="thong-ke-khen-thuong-2024.xlsx"' in one["Content-Disposition"]
    rows = list(_sheet(several).iter_rows(values_only=True))
    assert rows[0][:2] == ("Cấp", "Danh hiệu, hình thức khen thưởng")
    assert ("Cấp cơ sở", "Lao động tiên tiến", 0, 3, 3) in rows
