"""Bằng khen bộ/tỉnh (Art. 74(1)(d)), Bằng khen Thủ tướng (Art. 73(1)(b)) and HCLĐ hạng Ba
(Art. 44(1)(e)), with their 2013 routes."""

from __future__ import annotations

import pytest

NE, EL, NR = "NOT_ELIGIBLE", "ELIGIBLE", "NEEDS_REVIEW"


def test_bkbt_two_consecutive_cstdcs(h):
    result = h.run(h.case("BK_BT", years=h.years(2023, 2024, "HTTNV"), awards=h.cstdcs(2023, 2024)))
    assert result.outcome == EL
    assert "2 năm liên tục CSTĐCS (2023–2024)" in h.key(result, "route_d").message()


def test_bkbt_htxsnv_run_counts_initiatives_over_the_whole_run(h):
    initiatives = [h.ini(on="2022-06-01"), h.ini(on="2024-06-01")]
    result = h.run(h.case("BK_BT", years=h.years(2022, 2024), initiatives=initiatives))
    assert result.outcome == EL


def test_bkbt_years_of_an_earlier_bang_khen_are_not_reused(h):
    awards = [*h.cstdcs(2022, 2023, 2024), ("BK_BT", 2023)]
    result = h.run(h.case("BK_BT", years=h.years(2022, 2024), awards=awards))
    assert result.outcome == NE
    assert not h.key(result, "reuse").ok
    awards = [*h.cstdcs(2022, 2023, 2024), ("BK_BT", 2022)]
    assert h.run(h.case("BK_BT", years=h.years(2022, 2024), awards=awards)).outcome == EL


def test_bkbt_near_miss_suggests_another_cstdcs(h):
    result = h.run(h.case("BK_BT", years=h.years(2023, 2024, "HTTNV"), awards=h.cstdcs(2024)))
    assert result.outcome == NE
    assert result.suggestions == ["thêm 1 năm CSTĐCS (2025) → Bằng khen bộ/tỉnh"]


def test_bkbt_2013_criteria_need_review(h):
    result = h.run(
        h.case(
            "BK_BT",
            period=2023,
            on="2023-12-20",
            years=h.years(2022, 2023),
            awards=h.cstdcs(2022, 2023),
        )
    )
    assert result.outcome == NR
    assert h.key(result, "criteria_2013").rule == "R-BKBT-CN-1"


@pytest.mark.parametrize(
    ("subject", "award_type", "expected"),
    [
        ({"type": "collective"}, "CONG_TRANG", NR),
        ({"type": "individual"}, "DOT_XUAT", NR),
        ({"type": "household"}, "CONG_TRANG", NE),
    ],
)
def test_bkbt_routes_outside_point_d(h, subject, award_type, expected):
    result = h.run(h.case("BK_BT", subject=subject, years={2024: "HTXSNV"}, award_type=award_type))
    assert result.outcome == expected


# --- Bằng khen Thủ tướng -------------------------------------------------------------------------


def bkttg(h, *, prereq=None, years=None, cs=(2020, 2022, 2024), **kw):
    prereq = (
        prereq
        if prereq is not None
        else [{"code": "BK_BT", "period": 2019, "decision_date": "2019-12-20"}]
    )
    years = years if years is not None else h.years(2020, 2024, "HTTNV")
    awards = [*prereq, *h.cstdcs(*cs), *kw.pop("awards", [])]
    return h.run(
        h.case(
            kw.pop("code", "BK_TTG"),
            on=kw.pop("on", "2025-09-15"),
            years=years,
            awards=awards,
            date_key="proposal_date",
            **kw,
        )
    )


def test_bkttg_route_b_eligible(h):
    result = bkttg(h)
    assert result.outcome == EL
    assert [c.key for c in result.checks if c.rule.startswith("R-BKTTG")] == [
        "subject_type",
        "prerequisite",
        "window",
        "cstdcs_in_window",
        "window_order",
    ]


def test_bkttg_window_ordering_is_a_parameter(h):
    prereq = [{"code": "BK_BT", "period": 2020, "decision_date": "2021-03-01"}]
    result = bkttg(h, prereq=prereq)
    assert result.outcome == NE
    order = h.key(result, "window_order")
    assert order.rule == "R-BKTTG-CN-2"
    assert "theo tham số mặc định" in order.message()
    assert h.failed(result) == ["R-BKTTG-CN-2"]
    assert bkttg(h, prereq=prereq, overlay={"bkttg_window_after_prereq": False}).outcome == EL


def test_bkttg_ad_hoc_bang_khen_is_no_prerequisite(h):
    prereq = [{"code": "BK_BT", "period": 2019, "award_type": "DOT_XUAT"}]
    result = bkttg(h, prereq=prereq)
    assert result.outcome == NE
    assert "R-BKTTG-CN-3" in h.failed(result)


def test_bkttg_without_bang_khen_suggests_it(h):
    result = bkttg(h, prereq=[])
    assert result.outcome == NE
    assert result.suggestions == ["Bằng khen bộ/tỉnh theo công trạng → Bằng khen Thủ tướng"]


def test_bkttg_window_broken_by_a_lower_rating(h):
    years = {**h.years(2020, 2024, "HTTNV"), 2022: "HTNV"}
    result = bkttg(h, years=years)
    assert result.outcome == NE
    assert not h.key(result, "window").ok
    assert not h.key(result, "cstdcs_in_window").ok  # only 2024 inside 2023–2024


def test_bkttg_two_cstdcs_are_not_enough(h):
    result = bkttg(h, cs=(2022, 2024))
    assert result.outcome == NE
    assert result.suggestions == ["thêm 1 lần CSTĐCS → Bằng khen Thủ tướng"]


def test_bkttg_earlier_pm_certificate_blocks_reuse(h):
    result = bkttg(h, awards=[("BK_TTG", 2022)])
    assert result.outcome == NE
    assert "R-PRIN-1" in h.failed(result)


def test_bkttg_2013_route_needs_five_htxsnv_years_and_five_initiatives(h):
    prereq = [{"code": "BK_BT", "period": 2017, "decision_date": "2017-12-20"}]
    years = h.years(2018, 2022, "HTXSNV")
    initiatives = [h.ini(on=f"{y}-06-01") for y in range(2018, 2023)]
    ok = bkttg(
        h, prereq=prereq, years=years, cs=(), initiatives=initiatives, period=2022, on="2023-06-01"
    )
    assert ok.regime == "regime_2013"
    assert ok.outcome == EL
    short = bkttg(
        h,
        prereq=prereq,
        years=years,
        cs=(),
        initiatives=initiatives[:4],
        period=2022,
        on="2023-06-01",
    )
    assert short.outcome == NE
    assert h.key(short, "initiatives_in_window").rule == "R-BKTTG-OLD"
    without = bkttg(
        h,
        prereq=[],
        years=years,
        cs=range(2018, 2023),
        initiatives=initiatives,
        period=2022,
        on="2023-06-01",
    )
    assert without.outcome == NE


# --- HCLĐ hạng Ba --------------------------------------------------------------------------------

PM = [{"code": "BK_TTG", "period": 2019, "decision_date": "2019-12-20"}]


def test_hcld3_needs_one_htxsnv_year_in_the_window(h):
    result = bkttg(h, code="HC_LAO_DONG_3", prereq=PM)
    assert result.outcome == NE
    assert not h.key(result, "htxsnv_in_window").ok
    years = {**h.years(2020, 2024, "HTTNV"), 2023: "HTXSNV"}
    assert bkttg(h, code="HC_LAO_DONG_3", prereq=PM, years=years).outcome == EL


@pytest.mark.parametrize(
    ("award_type", "rule"), [("CONG_HIEN", "R-HCLD3-CN-2"), ("DOT_XUAT", "R-HCLD3-CN-3")]
)
def test_hcld3_other_routes_need_review(h, award_type, rule):
    result = bkttg(h, code="HC_LAO_DONG_3", prereq=PM, award_type=award_type)
    assert result.outcome == NR
    assert h.key(result, "award_type").rule == rule


def test_hcld3_2013_route_needs_two_province_initiatives(h):
    prereq = [{"code": "BK_TTG", "period": 2017, "decision_date": "2017-12-20"}]
    years = h.years(2018, 2022, "HTXSNV")
    two = [h.ini(level="bo_tinh", on="2019-06-01"), h.ini(level="bo_tinh", on="2021-06-01")]
    ok = bkttg(
        h,
        code="HC_LAO_DONG_3",
        prereq=prereq,
        years=years,
        cs=(),
        initiatives=two,
        period=2022,
        on="2023-06-01",
    )
    assert ok.outcome == EL
    one = bkttg(
        h,
        code="HC_LAO_DONG_3",
        prereq=prereq,
        years=years,
        cs=(),
        initiatives=two[:1],
        period=2022,
        on="2023-06-01",
    )
    assert one.outcome == NE
    assert h.key(one, "initiatives_in_window").rule == "R-HCLD3-OLD"


def test_hcld3_collective_criteria_need_review(h):
    result = bkttg(h, code="HC_LAO_DONG_3", prereq=PM, subject={"type": "collective"})
    assert result.outcome == NR
    assert h.key(result, "collective_criteria").rule == "R-HCLD3-CN-1"
