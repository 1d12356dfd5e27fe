"""TTLĐTT (Art. 28), TTLĐXS (Art. 27), delegated titles (Art. 29–31, 75) and flags."""

from __future__ import annotations

import pytest

NE, EL, NR = "NOT_ELIGIBLE", "ELIGIBLE", "NEEDS_REVIEW"


def collective(h, code, members, rating="HTXSNV", **kw):
    subject = {"type": "collective", "members": members, **kw.pop("subject", {})}
    return h.run(h.case(code, subject=subject, years={2024: rating}, **kw))


@pytest.mark.parametrize(("ldtt", "expected"), [(5, NE), (6, EL), (4, NE)])
def test_ttldtt_more_than_half_is_strict(h, ldtt, expected):
    result = collective(h, "TTLDTT", {"evaluated": 10, "LDTT": ldtt}, rating="HTTNV")
    assert result.outcome == expected
    share = h.key(result, "ldtt_share")
    assert share.rule == "R-TTLDTT-1"
    if ldtt == 5:
        assert "5/10" in share.message()
        assert "50%" in share.message()
        assert result.suggestions == ["thêm 1 thành viên đạt LĐTT → TTLĐTT"]


@pytest.mark.parametrize(
    ("ldtt", "evaluated", "expected"),
    [(7, 10, EL), (14, 20, EL), (69, 99, NE), (70, 100, EL), (699, 1000, NE)],
)
def test_ttldxs_seventy_percent_is_inclusive_in_integers(h, ldtt, evaluated, expected):
    members = {"evaluated": evaluated, "completed_tasks": evaluated, "LDTT": ldtt, "CSTDCS": 1}
    assert collective(h, "TTLDXS", members).outcome == expected


def test_ttldxs_near_miss_counts_members_needed(h):
    members = {"evaluated": 99, "completed_tasks": 99, "LDTT": 68, "CSTDCS": 1}
    result = collective(h, "TTLDXS", members)
    assert result.suggestions == ["thêm 2 thành viên đạt LĐTT → TTLĐXS"]  # 70 of 99 = 70.7%


def test_ttldxs_needs_all_members_completing_and_one_cstdcs(h):
    members = {"evaluated": 20, "completed_tasks": 19, "LDTT": 15, "CSTDCS": 0}
    result = collective(h, "TTLDXS", members)
    assert result.outcome == NE
    assert {c.key for c in result.checks if not c.ok} == {"members_completed", "members_cstdcs"}


def test_ttldxs_needs_htxsnv(h):
    members = {"evaluated": 20, "completed_tasks": 20, "LDTT": 15, "CSTDCS": 1}
    assert collective(h, "TTLDXS", members, rating="HTTNV").outcome == NE


def test_ttldxs_without_member_figures_is_not_eligible(h):
    result = h.run(h.case("TTLDXS", subject={"type": "collective"}, years={2024: "HTXSNV"}))
    assert result.outcome == NE
    assert "Chưa có số liệu thành viên" in h.key(result, "ldtt_share").message()


def test_ttldxs_discipline_clause_dropped_in_2022_restorable_by_overlay(h):
    members = {
        "evaluated": 20,
        "completed_tasks": 20,
        "LDTT": 15,
        "CSTDCS": 1,
        "disciplined_canh_cao_or_more": 1,
    }
    assert collective(h, "TTLDXS", members).outcome == EL
    result = collective(h, "TTLDXS", members, overlay={"ttldxs_discipline_clause": True})
    assert result.outcome == NE
    clause = h.key(result, "members_discipline")
    assert clause.rule == "R-TTLDXS-4"
    assert "theo tham số" in clause.message()


def test_ttldxs_discipline_clause_applies_in_2013(h):
    members = {
        "evaluated": 20,
        "completed_tasks": 20,
        "LDTT": 15,
        "CSTDCS": 1,
        "disciplined_canh_cao_or_more": 1,
    }
    result = h.run(
        h.case(
            "TTLDXS",
            period=2023,
            on="2023-12-20",
            subject={"type": "collective", "members": members},
            years={2023: "HTXSNV"},
        )
    )
    assert result.outcome == NE
    assert h.failed(result) == ["R-TTLDXS-4"]


def test_ttldtt_discipline_clause_unsettled_in_2022(h):
    members = {"evaluated": 10, "LDTT": 8, "disciplined_canh_cao_or_more": 2}
    result = collective(h, "TTLDTT", members, rating="HTTNV")
    assert result.outcome == NR
    assert (
        collective(
            h, "TTLDTT", members, rating="HTTNV", overlay={"ttldtt_discipline_clause": False}
        ).outcome
        == EL
    )
    assert (
        collective(
            h, "TTLDTT", members, rating="HTTNV", overlay={"ttldtt_discipline_clause": True}
        ).outcome
        == NE
    )


def test_armed_forces_units_use_the_same_criteria(h):
    members = {"evaluated": 20, "completed_tasks": 20, "LDTT": 15, "CSTDCS": 1}
    result = collective(h, "DVQT", members)
    assert result.outcome == EL
    assert h.key(result, "rating").rule == "R-TTLDXS-2"


def test_individual_cannot_receive_collective_title(h):
    result = h.run(h.case("TTLDTT", years={2024: "HTTNV"}))
    assert result.outcome == NE
    assert not h.key(result, "subject_type").ok


@pytest.mark.parametrize(
    ("dissolved", "on", "expected"),
    [
        ("2025-07-31", "2025-09-01", NE),
        ("2025-07-31", "2025-08-04", NR),
        ("2026-03-01", "2026-01-15", EL),
    ],
)
def test_dissolved_collective_not_commended(h, dissolved, on, expected):
    members = {"evaluated": 10, "LDTT": 8}
    result = h.run(
        h.case(
            "TTLDTT",
            period=2025,
            on=on,
            subject={"type": "collective", "members": members, "dissolved_on": dissolved},
            years={2025: "HTTNV"},
        )
    )
    assert result.outcome == expected
    if expected != EL:
        assert h.key(result, "dissolved").rule == "R-AUTH-2025-3"


# --- delegated criteria and flags ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "subject"),
    [
        ("GIAY_KHEN", "individual"),
        ("THON_VH", "village"),
        ("GDVH", "household"),
        ("XA_TB", "commune"),
    ],
)
def test_delegated_criteria_need_review_without_overlay(h, code, subject):
    result = h.run(h.case(code, subject={"type": subject}, years={2024: "HTTNV"}))
    assert result.outcome == NR
    assert "bộ, ngành, tỉnh quy định" in h.key(result, "criteria").message()


@pytest.mark.parametrize(("rating", "expected"), [("HTTNV", EL), ("HTNV", NE)])
def test_delegated_criteria_settled_by_overlay(h, rating, expected):
    result = h.run(
        h.case("GIAY_KHEN", years={2024: rating}, overlay={"min_rating": {"GIAY_KHEN": "HTTNV"}})
    )
    assert result.outcome == expected
    assert "theo tham số của địa phương" in h.key(result, "criteria").message()


def test_model_commune_after_two_tier_reform_needs_review(h):
    result = h.run(
        h.case(
            "XA_TB",
            period=2025,
            on="2026-01-15",
            subject={"type": "commune"},
            years={2025: "HTXSNV"},
        )
    )
    assert result.outcome == NR
    assert h.has(result, "district_movement")


def test_cluster_flags_need_council_judgement(h):
    result = h.run(h.case("CTD_BT", subject={"type": "collective"}, years={2024: "HTXSNV"}))
    assert result.outcome == NR
    assert h.key(result, "criteria").rule == "R-CTDBT-1"


def test_codes_outside_the_engine_need_review(h):
    result = h.run(h.case("HC_LAO_DONG_2", years={2024: "HTXSNV"}))
    assert result.outcome == NR
    assert h.key(result, "criteria").rule == "R-PRIN-2"


def test_delegated_form_still_respects_discipline(h):
    disc = [{"form": "khien_trach", "decision_date": "2024-03-01", "period_end": "2024-09-01"}]
    result = h.run(
        h.case(
            "GIAY_KHEN",
            years={2024: "HTTNV"},
            discipline=disc,
            overlay={"min_rating": {"GIAY_KHEN": "HTTNV"}},
        )
    )
    assert result.outcome == NE
    assert h.failed(result) == ["R-DISC-2"]


def test_near_miss_says_a_missing_collective_rating_is_missing(h):
    members = {"evaluated": 10, "LDTT": 6}
    unrated = h.run(h.case("TTLDTT", subject={"type": "collective", "members": members}))
    assert unrated.outcome == NE
    assert unrated.suggestions == ["chưa có xếp loại tập thể năm 2024 → TTLĐTT"]
    low = collective(h, "TTLDTT", members, rating="HTNV")
    assert low.suggestions == ["xếp loại tập thể cao hơn năm 2024 → TTLĐTT"]
