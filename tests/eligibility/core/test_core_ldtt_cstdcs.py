"""LĐTT/CSTT (Law 06/2022 Art. 24; Decree 91/2017 Art. 10) and CSTĐCS (Art. 23)."""

from __future__ import annotations

import pytest

NE, EL, NR, DF = "NOT_ELIGIBLE", "ELIGIBLE", "NEEDS_REVIEW", "DEFERRED"


@pytest.mark.parametrize(
    ("rating", "expected"),
    [("HTXSNV", EL), ("HTTNV", EL), ("HTNV", NE), ("KHTNV", NE), (None, NE)],
)
def test_ldtt_rating_threshold(h, rating, expected):
    result = h.run(h.case("LDTT", years={2024: rating}))
    assert result.outcome == expected
    assert h.key(result, "rating").rule == "R-LDTT-1"


def test_ldtt_without_year_row_says_rating_missing(h):
    result = h.run(h.case("LDTT", years={2023: "HTTNV"}))
    assert result.outcome == NE
    assert h.key(result, "rating").message().startswith("Chưa có xếp loại năm 2024")
    assert not h.has(result, "participation")


def test_ldtt_no_movement_participation_not_eligible(h):
    years = {2024: {"rating": "HTTNV", "months_worked": 12, "movement_participation": False}}
    result = h.run(h.case("LDTT", years=years))
    assert result.outcome == NE
    assert not h.key(result, "participation").ok


def test_cstt_uses_armed_forces_rule(h):
    result = h.run(h.case("CSTT", years={2024: "HTTNV"}))
    assert result.outcome == EL
    assert h.key(result, "rating").rule == "R-LDTT-2"


# --- new recruits: thresholds by regime ----------------------------------------------------------


def recruit(h, recruited, period, on, **year):
    facts = {"rating": "HTTNV", **year}
    return h.run(
        h.case(
            "LDTT",
            period=period,
            on=on,
            subject={"type": "individual", "recruitment_date": recruited},
            years={period: facts},
        )
    )


@pytest.mark.parametrize(
    ("recruited", "expected"), [("2025-08-01", NE), ("2025-07-01", EL), ("2025-07-02", NE)]
)
def test_ldtt_new_recruit_six_months_in_2022b(h, recruited, expected):
    result = recruit(h, recruited, 2025, "2026-01-15")
    assert result.outcome == expected
    check = h.key(result, "new_recruit")
    assert check.rule == "R-LDTT-5"
    assert "Circular 01/2024" in check.cite


@pytest.mark.parametrize(("recruited", "expected"), [("2023-04-01", NE), ("2023-03-01", EL)])
def test_ldtt_new_recruit_ten_months_in_2013(h, recruited, expected):
    result = recruit(h, recruited, 2023, "2023-12-20")
    assert result.regime == "regime_2013"
    assert result.outcome == expected
    assert h.key(result, "new_recruit").rule == "R-LDTT-7"


@pytest.mark.parametrize(
    ("recruited", "expected"),
    [("2023-08-01", NE), ("2023-05-01", NR), ("2023-03-01", EL)],
)
def test_ldtt_new_recruit_between_texts_before_circular_01_2024(h, recruited, expected):
    """Decisions 2024-01-01..2024-04-14: 10-month rule repealed, 6-month rule not in force."""
    result = recruit(h, recruited, 2023, "2024-03-01")
    assert result.regime == "regime_2022a"
    assert result.outcome == expected
    if expected == NR:
        gap = h.key(result, "new_recruit_gap")
        assert "15/04/2024" in gap.message()


def test_ldtt_new_recruit_eight_months_after_circular_01_2024(h):
    result = recruit(h, "2024-05-01", 2024, "2025-01-15")
    assert result.outcome == EL
    assert not h.has(result, "new_recruit_gap")


def test_ldtt_maternity_leave_counts_as_working_time(h):
    leave = [{"type": "maternity", "months": 6}]
    result = recruit(h, "2024-03-01", 2024, "2025-01-15", months_worked=10, leave=leave)
    assert result.outcome == EL
    assert "6 tháng nghỉ thai sản" in h.key(result, "new_recruit").message()


def test_ldtt_sick_leave_of_a_recruit_does_not_count(h):
    leave = [{"type": "sick", "months": 5}]
    result = recruit(h, "2024-03-01", 2024, "2025-01-15", months_worked=10, leave=leave)
    assert result.outcome == NE
    assert "5 tháng" in h.key(result, "new_recruit").message()


@pytest.mark.parametrize(("compliance", "expected"), [("good", EL), ("poor", NE)])
def test_ldtt_training_counts_only_with_good_compliance(h, compliance, expected):
    training = [{"length_months": 6, "compliance": compliance}]
    result = recruit(h, "2024-02-01", 2024, "2025-01-15", months_worked=11, training=training)
    assert result.outcome == expected


def test_ldtt_training_result_overlay_requires_kha(h):
    training = [{"length_months": 6, "compliance": "good", "result": "trung_binh"}]
    data = h.case(
        "LDTT",
        subject={"type": "individual", "recruitment_date": "2024-02-01"},
        years={2024: {"rating": "HTTNV", "months_worked": 11, "training": training}},
    )
    assert h.run(data).outcome == EL
    data["overlay"] = {"training_requires_result_kha": True}
    assert h.run(data).outcome == NE


def test_ldtt_short_year_without_recruitment_date_needs_review(h):
    result = h.run(h.case("LDTT", years={2024: {"rating": "HTTNV", "months_worked": 4}}))
    assert result.outcome == NR
    assert h.key(result, "recruitment_unknown").rule == "R-LDTT-5"


@pytest.mark.parametrize(("months", "expected"), [(2.0, NE), (1.5, EL)])
def test_ldtt_long_leave_excludes_in_2013(h, months, expected):
    years = {
        2023: {
            "rating": "HTTNV",
            "months_worked": 12,
            "leave": [{"type": "sick", "months": months}],
        }
    }
    result = h.run(h.case("LDTT", period=2023, on="2023-12-20", years=years))
    assert result.outcome == expected
    assert h.key(result, "absence").rule == "R-LDTT-7"


def test_ldtt_long_leave_has_no_national_rule_in_2022_unless_overlay(h):
    years = {
        2024: {"rating": "HTTNV", "months_worked": 12, "leave": [{"type": "other", "months": 5}]}
    }
    data = h.case("LDTT", years=years)
    result = h.run(data)
    assert result.outcome == EL
    assert not h.has(result, "absence")
    data["overlay"] = {"absence_max_working_days": 40}
    result = h.run(data)
    assert result.outcome == NE
    assert "theo tham số của địa phương" in h.key(result, "absence").message()


@pytest.mark.parametrize(
    ("dossier", "expected"),
    [
        ({"old_unit_comments": "missing"}, NE),
        ({"old_unit_comments": "present", "months_at_old_unit": 7}, EL),
        ({"months_at_old_unit": 7}, NE),
        ({"months_at_old_unit": 4}, EL),
        ({"old_unit_comments": "not_needed"}, EL),
    ],
)
def test_ldtt_transfer_needs_old_unit_comments(h, dossier, expected):
    result = h.run(h.case("LDTT", years={2024: "HTTNV"}, dossier=dossier))
    assert result.outcome == expected
    assert h.key(result, "transfer").rule == "R-LDTT-5"


# --- discipline (R-LDTT-6, R-DISC-2) -------------------------------------------------------------


def test_ldtt_discipline_overlapping_year_not_eligible(h):
    disc = [{"form": "khien_trach", "decision_date": "2024-03-01", "period_end": "2024-09-01"}]
    result = h.run(h.case("LDTT", years={2024: "HTXSNV"}, discipline=disc))
    assert result.outcome == NE
    check = h.key(result, "discipline")
    assert check.rule == "R-LDTT-6"
    assert "khiển trách" in check.message()
    assert "theo tham số mặc định" in check.message()


def test_ldtt_discipline_ended_before_year_is_listed_ok(h):
    disc = [{"form": "canh_cao", "decision_date": "2023-01-10", "period_end": "2023-12-31"}]
    result = h.run(h.case("LDTT", years={2024: "HTTNV"}, discipline=disc))
    assert result.outcome == EL
    assert h.key(result, "discipline").ok


def test_ldtt_discipline_after_year_depends_on_mode(h):
    disc = [{"form": "khien_trach", "decision_date": "2025-01-05", "period_end": "2026-01-05"}]
    data = h.case("LDTT", years={2024: "HTTNV"}, discipline=disc)
    assert h.run(data).outcome == EL
    data["overlay"] = {"annual_discipline_mode": "end_of_period"}
    result = h.run(data)
    assert result.outcome == NE
    assert "theo tham số của địa phương" in h.key(result, "discipline").message()


def test_ldtt_discipline_without_end_uses_default_length(h):
    disc = [{"form": "khien_trach", "decision_date": "2023-06-01"}]
    data = h.case("LDTT", years={2024: "HTTNV"}, discipline=disc)
    result = h.run(data)
    assert result.outcome == NE  # 12 months: until 2024-06-01
    assert "thời hạn mặc định" in h.key(result, "discipline").message()
    data["overlay"] = {"discipline_default_months": 6}
    assert h.run(data).outcome == EL
    data["overlay"] = {"discipline_months_by_form": {"khien_trach": 3}}
    assert h.run(data).outcome == EL


def test_ldtt_discipline_decided_after_decision_date_is_ignored(h):
    disc = [{"form": "canh_cao", "decision_date": "2025-02-01"}]
    result = h.run(h.case("LDTT", years={2024: "HTTNV"}, discipline=disc))
    assert result.outcome == EL
    assert not h.has(result, "discipline")


def test_ldtt_already_awarded_for_period_not_eligible(h):
    result = h.run(h.case("LDTT", years={2024: "HTTNV"}, awards=[("LDTT", 2024)]))
    assert result.outcome == NE
    assert h.key(result, "already_awarded").rule == "R-PRIN-1"


def test_ldtt_revoked_award_for_period_does_not_block(h):
    awards = [{"code": "LDTT", "period": 2024, "revoked": True}]
    assert h.run(h.case("LDTT", years={2024: "HTTNV"}, awards=awards)).outcome == EL


# --- CSTĐCS --------------------------------------------------------------------------------------


def test_cstdcs_htxsnv_alone_suffices_in_2022(h):
    result = h.run(h.case("CSTDCS", years={2024: "HTXSNV"}))
    assert result.outcome == EL
    assert "không cần sáng kiến" in h.key(result, "merit").message()


@pytest.mark.parametrize(
    ("initiative", "expected"),
    [
        ({"recognised_on": "2024-11-30"}, EL),
        ({"recognised_on": "2024-11-30", "kind": "research"}, EL),
        ({"recognised_on": "2023-11-30"}, NE),
        ({"recognised_on": "2024-11-30", "applied_effectively": False}, NE),
        ({"recognised_on": "2025-02-01"}, NE),
    ],
)
def test_cstdcs_initiative_must_be_recognised_and_applied_in_the_period(h, initiative, expected):
    result = h.run(h.case("CSTDCS", years={2024: "HTTNV"}, initiatives=[initiative]))
    assert result.outcome == expected


def test_cstdcs_htttnv_without_initiative_suggests_what_is_missing(h):
    result = h.run(h.case("CSTDCS", years={2024: "HTTNV"}))
    assert result.outcome == NE
    assert result.suggestions == [
        "xếp loại HTXSNV hoặc một sáng kiến được công nhận năm 2024 → CSTĐCS"
    ]


def test_cstdcs_2013_initiative_mandatory(h):
    data = h.case(
        "CSTDCS",
        period=2023,
        on="2023-12-20",
        years={2023: "HTXSNV"},
        initiatives=[h.ini(on="2023-10-01")],
    )
    result = h.run(data)
    assert result.outcome == EL
    assert h.key(result, "merit").rule == "R-CSTDCS-2"


def test_cstdcs_overlay_requiring_initiative_in_2022(h):
    result = h.run(
        h.case("CSTDCS", years={2024: "HTXSNV"}, overlay={"cstdcs_requires_initiative": True})
    )
    assert result.outcome == NE
    merit = h.key(result, "merit")
    assert merit.rule == "R-CSTDCS-4"
    assert "theo tham số" in merit.message()
    ok = h.run(
        h.case(
            "CSTDCS",
            years={2024: "HTXSNV"},
            initiatives=[h.ini()],
            overlay={"cstdcs_requires_initiative": True},
        )
    )
    assert ok.outcome == EL


def test_cstdcs_requires_the_ldtt_standard(h):
    result = h.run(h.case("CSTDCS", years={2024: "HTNV"}, initiatives=[h.ini()]))
    assert result.outcome == NE
    assert h.failed(result) == ["R-LDTT-1"]


# --- R-LDTT-5(b): training of a year or more (issue 10) ------------------------------------------


def _course(h, *, compliance="good", result="kha", months=12, rating=None, overlay=None):
    course = {"length_months": months, "compliance": compliance, "result": result}
    year = {"months_worked": 12, "training": [course]}
    if rating is not None:
        year["rating"] = rating
    return h.run(h.case("LDTT", years={2024: year}, overlay=overlay))


def test_year_long_course_with_good_compliance_stands_in_for_the_rating(h):
    result = _course(h)
    assert result.outcome == EL
    check = h.key(result, "long_training")
    assert (check.rule, check.cite, check.ok) == (
        "R-LDTT-5",
        "Circular 01/2024/TT-BNV Art. 1(5)(b)",
        True,
    )
    assert "12 tháng" in check.message()
    assert not h.has(result, "rating")  # no "No rating" refusal


def test_year_long_course_with_poor_compliance_is_not_eligible(h):
    result = _course(h, compliance="poor")
    assert result.outcome == NE
    assert "không chấp hành tốt" in h.key(result, "long_training").message()


def test_sector_parameter_requires_a_result_of_kha_or_better(h):
    overlay = {"training_requires_result_kha": True}
    assert _course(h, result="kha", overlay=overlay).outcome == EL
    weak = _course(h, result="trung_binh", overlay=overlay)
    assert weak.outcome == NE
    assert "dưới loại khá" in h.key(weak, "long_training").message()
    assert _course(h, result="trung_binh").outcome == EL  # without the sector condition


def test_year_long_course_without_recorded_compliance_needs_review(h):
    result = _course(h, compliance=None)
    assert result.outcome == NR
    assert h.key(result, "long_training_unknown").rule == "R-LDTT-5"


def test_short_course_or_a_rating_keeps_the_rating_check(h):
    short = _course(h, months=8)
    assert short.outcome == NE
    assert h.key(short, "rating").rule == "R-LDTT-1"
    rated = _course(h, rating="HTNV")
    assert rated.outcome == NE  # the unit rated the year: the rating decides
    assert not h.has(rated, "long_training")
