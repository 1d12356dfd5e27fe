"""CSTĐ bộ/tỉnh (Art. 22) and CSTĐ toàn quốc (Art. 21): runs, resets, reuse, windows."""

from __future__ import annotations

import pytest

NE, EL, NR = "NOT_ELIGIBLE", "ELIGIBLE", "NEEDS_REVIEW"
BT = {"level": "bo_tinh", "replicable": True}


def cstdbt(h, cs_years, *, period=2024, on="2025-01-15", initiatives=None, **kw):
    first = min([*cs_years, period]) - 1
    initiatives = [h.ini(on=f"{period}-10-01", **BT)] if initiatives is None else initiatives
    awards = kw.pop("awards", [])
    return h.run(
        h.case(
            "CSTD_BT",
            period=period,
            on=on,
            years=h.years(first, period),
            awards=[*h.cstdcs(*cs_years), *awards],
            initiatives=initiatives,
            **kw,
        )
    )


def test_cstdbt_bnv_example_run_resets_after_gap(h):
    """BNV answer: CSTĐCS 2019, 2021, 2022, 2023 is a run of 3 (2021–2023)."""
    result = cstdbt(h, [2019, 2021, 2022, 2023], period=2023, on="2024-06-01")
    assert result.outcome == EL
    assert "3 năm liên tục (2021–2023)" in h.key(result, "cstdcs_run").message()


def test_cstdbt_run_of_two_suggests_next_year_and_initiative(h):
    result = cstdbt(h, [2023, 2024], initiatives=[])
    assert result.outcome == NE
    run = h.key(result, "cstdcs_run")
    assert run.message() == (
        "Mới có 2 năm liên tục đạt CSTĐCS (2023–2024); cần 3 năm — "
        "Luật TĐKT 06/2022, Điều 22 khoản 1"
    )
    assert result.suggestions == [
        "thêm 1 năm CSTĐCS (2025) và một sáng kiến phạm vi bộ/tỉnh → CSTĐ bộ/tỉnh"
    ]


def test_cstdbt_missing_period_suggests_cstdcs_for_the_period(h):
    result = cstdbt(h, [2021, 2022, 2023])
    assert result.outcome == NE
    assert result.suggestions == ["thêm 1 năm CSTĐCS (2024) → CSTĐ bộ/tỉnh"]
    assert "Năm 2024 chưa có CSTĐCS" in h.key(result, "cstdcs_run").message()


def test_cstdbt_revoked_cstdcs_breaks_the_run(h):
    revoked = {"code": "CSTDCS", "period": 2023, "revoked": True}
    result = cstdbt(h, [2022, 2024], awards=[revoked])
    assert result.outcome == NE
    assert "không tính CSTĐCS năm 2023" in h.key(result, "cstdcs_run").message()


def test_cstdbt_ad_hoc_cstdcs_never_feeds_the_chain(h):
    adhoc = {"code": "CSTDCS", "period": 2023, "award_type": "DOT_XUAT"}
    assert cstdbt(h, [2022, 2024], awards=[adhoc]).outcome == NE
    assert cstdbt(h, [2022, 2023, 2024]).outcome == EL


def test_cstdbt_years_used_for_an_earlier_title_are_not_reused(h):
    result = cstdbt(h, [2020, 2021, 2022, 2023, 2024], awards=[("CSTD_BT", 2022)])
    assert result.outcome == NE
    reuse = h.key(result, "reuse")
    assert reuse.rule == "R-CSTDBT-3"
    assert not reuse.ok
    ok = cstdbt(h, [2019, 2020, 2021, 2022, 2023, 2024], awards=[("CSTD_BT", 2021)])
    assert ok.outcome == EL
    assert h.key(ok, "reuse").ok


@pytest.mark.parametrize(("mode", "expected"), [(None, NR), ("inside_only", NE), ("anytime", EL)])
def test_cstdbt_initiative_outside_the_three_years_is_a_parameter(h, mode, expected):
    overlay = {"initiative_window": mode} if mode else None
    result = cstdbt(
        h, [2022, 2023, 2024], initiatives=[h.ini(on="2020-05-01", **BT)], overlay=overlay
    )
    assert result.outcome == expected
    if mode is None:
        assert h.key(result, "initiative_window").rule == "R-CSTDBT-3"


def test_cstdbt_initiative_recognised_after_period_before_decision_needs_review(h):
    result = cstdbt(h, [2022, 2023, 2024], initiatives=[h.ini(on="2025-01-05", **BT)])
    assert result.outcome == NR


def test_cstdbt_non_replicable_initiative_counts_only_in_2013(h):
    initiative = [h.ini(on="2023-10-01", level="bo_tinh", replicable=False)]
    new = cstdbt(h, [2021, 2022, 2023], period=2023, on="2024-06-01", initiatives=initiative)
    old = cstdbt(h, [2021, 2022, 2023], period=2023, on="2023-12-20", initiatives=initiative)
    assert (new.outcome, old.outcome) == (NE, EL)


def test_cstdbt_late_proposal_needs_review(h):
    result = cstdbt(h, [2022, 2023, 2024], on="2026-06-01")
    assert result.outcome == NR
    assert h.key(result, "timing").rule == "R-CSTDBT-3"


def test_cstdbt_achievements_count_only_after_discipline_ends(h):
    disc = [{"form": "khien_trach", "decision_date": "2021-06-01", "period_end": "2022-06-01"}]
    result = cstdbt(h, [2021, 2022, 2023, 2024], discipline=disc)
    assert result.outcome == NE
    assert set(h.failed(result)) == {"R-CSTDBT-1", "R-DISC-2"}
    assert "từ năm 2023" in h.key(result, "discipline").message()


@pytest.mark.parametrize(("votes", "expected"), [(9, NE), (10, EL)])
def test_cstdbt_council_ninety_percent_of_total_members(h, votes, expected):
    council = {"total_members": 11, "present": 11, "votes_for": votes}
    result = cstdbt(h, [2022, 2023, 2024], council=council)
    assert result.outcome == expected
    vote = h.key(result, "council_threshold")
    assert vote.rule == "R-VOTE-1"
    assert "giả định" in vote.message()  # not verified for Decree 98/152


def test_cstdbt_council_present_members_with_quorum_overlay(h):
    overlay = {
        "vote_rules": {
            "CSTD_BT": {"threshold": 0.9, "denominator": "present_members", "quorum": "2/3"}
        }
    }
    council = {"total_members": 11, "present": 8, "votes_for": 8}
    assert cstdbt(h, [2022, 2023, 2024], council=council, overlay=overlay).outcome == EL
    assert cstdbt(h, [2022, 2023, 2024], council=council).outcome == NE  # 8/11 of total
    council = {"total_members": 11, "present": 7, "votes_for": 7}
    result = cstdbt(h, [2022, 2023, 2024], council=council, overlay=overlay)
    assert result.outcome == NE
    assert not h.key(result, "council_quorum").ok  # 7 < 2/3 of 11


# --- CSTĐ toàn quốc ------------------------------------------------------------------------------

TQ = {"level": "toan_quoc", "replicable": True}


def cstdtq(h, bt_years, *, period=2024, on="2025-09-15", cs_years=None, initiatives=None, **kw):
    cs_years = list(range(period - 5, period + 1)) if cs_years is None else cs_years
    initiatives = [h.ini(on=f"{period}-10-01", **TQ)] if initiatives is None else initiatives
    awards = [
        *h.cstdcs(*cs_years),
        *({"code": "CSTD_BT", "period": y, "decision_date": f"{y}-12-20"} for y in bt_years),
        *kw.pop("awards", []),
    ]
    return h.run(
        h.case(
            "CSTDTQ",
            period=period,
            on=on,
            years=h.years(period - 6, period),
            awards=awards,
            initiatives=initiatives,
            **kw,
        )
    )


def test_cstdtq_two_consecutive_titles_and_nationwide_initiative(h):
    result = cstdtq(h, [2021, 2024])
    assert result.outcome == EL
    assert h.key(result, "two_cstd_bt").ok
    assert h.key(result, "timing").ok


def test_cstdtq_titles_not_in_consecutive_cycles(h):
    result = cstdtq(h, [2020, 2024])
    assert result.outcome == NE
    assert "đã có: 2020, 2024" in h.key(result, "two_cstd_bt").message()
    assert cstdtq(h, [2020, 2024], overlay={"cstdtq_cycle_gap": 4}).outcome == EL


def test_cstdtq_ad_hoc_title_does_not_count(h):
    awards = [{"code": "CSTD_BT", "period": 2021, "award_type": "DOT_XUAT"}]
    result = cstdtq(h, [2024], awards=awards)
    assert result.outcome == NE
    assert result.suggestions == ["CSTĐ bộ/tỉnh năm 2021 → CSTĐ toàn quốc"]


def test_cstdtq_timing_is_review_in_2022_and_gate_in_2013(h):
    late = cstdtq(h, [2021, 2024], on="2026-09-15")
    assert late.outcome == NR
    assert h.key(late, "timing").rule == "R-CSTDTQ-2"
    old = cstdtq(h, [2019, 2022], period=2022, on="2023-10-01")
    assert old.regime == "regime_2013"
    assert old.outcome == EL
    old_late = cstdtq(h, [2018, 2021], period=2021, on="2023-10-01")
    assert old_late.outcome == NE


def test_cstdtq_2013_needs_six_consecutive_cstdcs(h):
    result = cstdtq(
        h, [2019, 2022], period=2022, on="2023-10-01", cs_years=[2019, 2020, 2021, 2022]
    )
    assert result.outcome == NE
    assert h.key(result, "six_cstdcs").rule == "R-CSTDTQ-3"


def test_cstdtq_earlier_national_title_blocks_reuse(h):
    result = cstdtq(h, [2018, 2021, 2024], awards=[("CSTDTQ", 2021)])
    assert result.outcome == NE
    assert h.key(result, "reuse").rule == "R-PRIN-1"


def test_cstdtq_initiative_before_the_two_cycles_needs_review(h):
    result = cstdtq(h, [2021, 2024], initiatives=[h.ini(on="2017-05-01", **TQ)])
    assert result.outcome == NR


def test_cstdbt_suggestion_ignores_points_for_review(h):
    result = cstdbt(h, [2023, 2024], on="2026-06-01")
    assert result.outcome == NE
    assert "R-CSTDBT-3" in h.failed(result)  # late proposal, for review
    assert result.suggestions == ["thêm 1 năm CSTĐCS (2025) → CSTĐ bộ/tỉnh"]
