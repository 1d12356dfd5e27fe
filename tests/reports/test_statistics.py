"""Statistics of emulation and commendation, and the forms 0601/0602, on a hand-counted fixture
(tests/awards/statistics_world.py)."""

from __future__ import annotations

import io
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from tests.reports.statistics_world import AS_OF, Fixture, build_fixture
from vinhdanh.reports.domain.queries.statistical_forms import form_0601, form_0602
from vinhdanh.reports.domain.queries.statistics import award_statistics
from vinhdanh.reports.interfaces.statistical_forms_xlsx import form_xlsx


@pytest.fixture
def fx(db) -> Fixture:  # type: ignore[no-untyped-def]
    return build_fixture()


def test_counts_by_level_type_gender_unit_and_year(fx: Fixture) -> None:
    stats = award_statistics(fx.p, 2024, 2025, as_of=AS_OF)

    assert stats.total == 8
    assert stats.by("level") == {("base",): 4, ("state",): 4}
    assert stats.by("gender") == {("F",): 3, ("M",): 3, ("",): 2}
    assert stats.by("year") == {(2024,): 6, (2025,): 2}
    assert stats.by("award_type") == {
        ("CONG_TRANG",): 6,
        ("DOT_XUAT",): 1,
        ("PHONG_TRAO",): 1,
    }
    # The merged communes' people count under the district, once.
    assert stats.by("branch") == {(fx.d.pk,): 5, (fx.e.pk,): 3}
    assert [u.code for u in stats.branches] == ["E", "D"]  # Vietnamese order of names
    assert stats.count(code="LDTT", gender="F") == 2


def test_a_subtree_sees_only_its_own_and_its_merged_units_history(fx: Fixture) -> None:
    stats = award_statistics(fx.ab, 2024, 2025, as_of=AS_OF)

    assert stats.total == 4  # the LĐTT and CSTĐCS of the people of A and B, now of AB
    assert stats.by("code") == {("LDTT",): 3, ("CSTDCS",): 1}
    assert award_statistics(fx.e, 2024, 2024, as_of=AS_OF).total == 1


def test_commendations_by_level_and_form(fx: Fixture) -> None:
    rows = award_statistics(fx.p, 2024, 2025, as_of=AS_OF).kinds_by_level()

    assert [(k.code, collectives, individuals) for k, collectives, individuals in rows] == [
        ("CTD_CP", 1, 0),
        ("HC_LAO_DONG_3", 0, 1),
        ("BK_TTG", 1, 1),
        ("LDTT", 0, 3),
        ("CSTDCS", 0, 1),
    ]


def test_quota_use_of_cstdcs_against_ldtt(fx: Fixture) -> None:
    stats = award_statistics(fx.p, 2024, 2025, as_of=AS_OF)

    [line] = stats.quota_use(lambda root, year: Fraction(15, 100))

    assert (line.unit, line.year, line.ldtt, line.cstdcs) == (fx.ab, 2024, 3, 1)
    assert line.allowance == 0  # floor(15% × 3)
    assert line.over
    assert line.percent == 33
    [free] = stats.quota_use(lambda root, year: None)
    assert free.allowance is None
    assert not free.over


def test_form_0602_against_hand_counted_figures(fx: Fixture) -> None:
    form = form_0602(award_statistics(fx.p, 2024, 2025, as_of=AS_OF))
    headings = [(c.group, c.label) for c in form.columns]
    hc_person = headings.index(("Huân chương", "Cá nhân"))
    bk_group, bk_person = (
        headings.index(("Bằng khen của Thủ tướng Chính phủ", "Tập thể")),
        headings.index(("Bằng khen của Thủ tướng Chính phủ", "Cá nhân")),
    )
    flag = headings.index(("Cờ thi đua của Chính phủ", ""))

    assert form.value("01", 0) == 4  # state level only: BK TTg ×2, the order, the Government flag
    assert form.value("01", hc_person) == 1
    assert (form.value("01", bk_group), form.value("01", bk_person)) == (1, 1)
    assert form.value("01", flag) == 1
    assert (form.value("02", 0), form.value("03", 0)) == (0, 4)  # a province proposes
    assert (form.value("06", 0), form.value("07", 0), form.value("09", 0)) == (2, 1, 2)
    assert form.value("07", bk_group) == 1  # the enterprise's Prime Minister's certificate
    assert form.value("10", 0) is None  # leadership ranks: the clerk fills them
    assert [form.value(c, 0) for c in ("15", "16", "17", "18", "19", "20", "21")] == [
        2,
        1,
        1,
        0,
        0,
        0,
        0,
    ]


def test_form_0601_counts_the_movements_launched_in_the_subtree(fx: Fixture) -> None:
    form = form_0601(fx.p, 2024, 2024)

    assert form.value("01", 0) == 2
    assert [form.value("01", i) for i in range(4)] == [2, 0, 1, 1]
    assert [form.value(c, 0) for c in ("02", "03", "04", "05")] == [0, 1, 0, 1]
    assert [form.value(c, 0) for c in ("06", "07", "08", "09", "10")] == [0, 1, 1, 0, 0]
    assert (form.value("11", 3), form.value("12", 2)) == (1, 1)
    assert form_0601(fx.d, 2024, 2024).value("01", 0) == 1
    assert form_0601(fx.p, 2025, 2025).value("01", 0) == 0


def test_form_xlsx_reads_back_in_the_forms_layout(fx: Fixture) -> None:
    form = form_0602(award_statistics(fx.p, 2024, 2025, as_of=AS_OF))
    ws = load_workbook(io.BytesIO(form_xlsx(form))).active
    cells = {(r, c): ws.cell(r, c).value for r in range(1, ws.max_row + 1) for c in range(1, 30)}

    assert ws.cell(1, 1).value == "Biểu số: 0602.N/BNV-TĐKT"
    assert ws.cell(5, 1).value == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"
    assert ws.cell(6, 1).value == "Năm 2024 – 2025"
    total_row = next(r for (r, c), v in cells.items() if c == 2 and v == "01")
    assert ws.cell(total_row, 1).value == "Tổng số"
    assert ws.cell(total_row, 4).value == 4
    assert [ws.cell(10, c).value for c in range(1, 5)] == ["A", "B", "C", "1"]
    assert "A8:A9" in {str(m) for m in ws.merged_cells.ranges}
