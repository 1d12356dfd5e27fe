"""Cross-cutting rules: regimes by date, authority, council votes, pending reviews, one
achievement one reward, award types, data problems, posting, and outcome precedence."""

from __future__ import annotations

from datetime import date

import pytest

from vinhdanh.eligibility.core import Effect, Outcome, Request, RequestError, regimes
from vinhdanh.eligibility.core.outcome import outcome_of

NE, EL, NR, DF, IA = "NOT_ELIGIBLE", "ELIGIBLE", "NEEDS_REVIEW", "DEFERRED", "INVALID_AUTHORITY"


@pytest.mark.parametrize(
    ("on", "regime"),
    [
        ("2014-06-01", "regime_2013"),
        ("2023-12-31", "regime_2013"),
        ("2024-01-01", "regime_2022a"),
        ("2025-06-30", "regime_2022a"),
        ("2025-07-01", "regime_2022b"),
        ("2031-01-01", "regime_2022b"),
    ],
)
def test_regime_selected_by_decision_date(on, regime):
    assert regimes.select(date.fromisoformat(on)).name == regime


def test_regime_before_2013_amendments_is_an_error():
    with pytest.raises(regimes.RegimeError, match="no regime covers the date 2014-05-31"):
        regimes.select(date(2014, 5, 31))


def test_regime_registry_new_regime_supersedes_without_touching_others():
    base = regimes.get("regime_2022b")
    future = regimes.Regime(
        "regime_future",
        date(2026, 10, 1),
        None,
        "future law",
        base.defaults,
        base.rules,
        base.fallback,
    )
    try:
        regimes.register(future)
        assert regimes.select(date(2026, 9, 30)).name == "regime_2022b"
        assert regimes.select(date(2026, 10, 1)).name == "regime_future"
        clash = regimes.Regime(
            "regime_clash", date(2026, 10, 1), None, "x", base.defaults, base.rules, base.fallback
        )
        with pytest.raises(regimes.RegimeError, match="same date"):
            regimes.register(clash)
    finally:
        regimes.unregister("regime_future")
    assert regimes.select(date(2026, 10, 1)).name == "regime_2022b"
    with pytest.raises(regimes.RegimeError, match="unknown regime"):
        regimes.get("regime_future")
    assert regimes.names() == ["regime_2013", "regime_2022a", "regime_2022b"]


def test_old_regime_titles_count_as_history(h):
    """CSTĐCS of 2021–2023 (2013 regime) feed a CSTĐ bộ/tỉnh decided under Law 06/2022."""
    result = h.run(
        h.case(
            "CSTD_BT",
            period=2024,
            on="2025-01-15",
            years=h.years(2021, 2024),
            awards=h.cstdcs(2022, 2023, 2024),
            initiatives=[h.ini(level="bo_tinh", on="2023-05-01")],
        )
    )
    assert result.outcome == EL


# --- authority -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code", "period", "on", "expected"),
    [
        ("giam_doc_so", "LDTT", 2024, "2025-01-15", EL),
        ("chu_tich_ubnd_huyen", "LDTT", 2024, "2025-06-30", EL),
        ("chu_tich_ubnd_huyen", "LDTT", 2025, "2025-07-01", IA),
        ("chu_tich_ubnd_xa", "LDTT", 2025, "2025-07-01", EL),
        ("chu_tich_ubnd_xa", "CSTDCS", 2024, "2025-06-30", IA),
        ("chu_tich_ubnd_xa", "CSTDCS", 2025, "2025-07-01", NR),
        ("thu_tuong", "LDTT", 2024, "2025-01-15", IA),
        ("giam_doc_so", "LDTT", 2023, "2023-12-20", EL),
    ],
)
def test_authority_by_role_and_date(h, role, code, period, on, expected):
    result = h.run(h.case(code, period=period, on=on, years={period: "HTXSNV"}, decider=role))
    assert result.outcome == expected
    assert h.key(result, "authority").ok == (expected == EL)


def test_authority_after_district_abolition_cites_the_reform(h):
    result = h.run(
        h.case(
            "LDTT",
            period=2025,
            on="2025-08-01",
            years={2025: "HTXSNV"},
            decider="chu_tich_ubnd_huyen",
        )
    )
    check = h.key(result, "authority")
    assert check.rule == "R-AUTH-2025-1"
    assert "không còn cấp huyện" in check.message()


def test_authority_overlay_row_settles_commune_powers(h):
    overlay = {
        "authority": [
            {
                "role": "chu_tich_ubnd_xa",
                "code": "CSTDCS",
                "valid_from": "2025-07-01",
                "status": "allowed",
            }
        ]
    }
    result = h.run(
        h.case(
            "CSTDCS",
            period=2025,
            on="2025-12-20",
            years={2025: "HTXSNV"},
            decider="chu_tich_ubnd_xa",
            overlay=overlay,
        )
    )
    assert result.outcome == EL


def test_authority_refusal_names_the_powers_of_the_role(h):
    result = h.run(
        h.case("CSTDCS", years={2024: "HTXSNV"}, on="2024-12-25", decider="chu_tich_ubnd_xa"),
        lang="en",
    )
    check = h.key(result, "authority")
    assert check.cite == "Law 06/2022 Art. 80(3)"
    assert "it may award only" in check.message()


def test_armed_forces_titles_follow_ministry_rules(h):
    result = h.run(h.case("CSTT", years={2024: "HTTNV"}, decider="giam_doc_so"))
    assert result.outcome == NR


# --- council votes -------------------------------------------------------------------------------


def test_council_general_rule_is_more_than_half_of_those_taking_part(h):
    """R-VOTE-2: without a rule of its own, a code takes the general rule (the same one the
    councils' tally reads): strictly more than half of the members taking part."""

    def run(votes: int, overlay=None):
        council = {"total_members": 9, "present": 6, "votes_for": votes}
        return h.run(h.case("LDTT", years={2024: "HTTNV"}, council=council, overlay=overlay))

    passed = run(4)
    assert passed.outcome == EL
    assert "trên 50%" in h.key(passed, "council_threshold").message()
    failed = run(3)  # 3 of 6 is half, not more than half
    assert failed.outcome == NE
    assert h.key(failed, "council_threshold").rule == "R-VOTE-2"
    half = {"threshold": "1/2", "denominator": "present_members", "inclusive": True}
    assert run(3, {"vote_rules": {"*": half}}).outcome == EL


def test_council_without_any_rule_needs_review(h):
    council = {"total_members": 5, "present": 5, "votes_for": 5}
    overlay = {"vote_rules": {"*": None}}
    result = h.run(h.case("LDTT", years={2024: "HTTNV"}, council=council, overlay=overlay))
    assert result.outcome == NR
    assert h.key(result, "council_threshold").rule == "R-VOTE-2"


@pytest.mark.parametrize(
    ("denominator", "present", "votes", "expected"),
    [
        ("total_members", 6, 6, NE),  # 6/10 < 2/3
        ("present_members", 6, 4, EL),  # 4/6 = 2/3, inclusive
        ("present_members", 6, 3, NE),
        ("present_members", 5, 5, NE),  # quorum: 5 < 6 of 10
    ],
)
def test_council_threshold_denominator_and_quorum(h, denominator, present, votes, expected):
    overlay = {
        "vote_rules": {"LDTT": {"threshold": "2/3", "denominator": denominator, "quorum": 0.6}}
    }
    council = {"total_members": 10, "present": present, "votes_for": votes}
    result = h.run(h.case("LDTT", years={2024: "HTTNV"}, council=council, overlay=overlay))
    assert result.outcome == expected


def test_council_inconsistent_votes_are_a_data_problem(h):
    council = {"total_members": 5, "present": 6, "votes_for": 6}
    overlay = {"vote_rules": {"LDTT": {"threshold": "50%"}}}
    result = h.run(h.case("LDTT", years={2024: "HTTNV"}, council=council, overlay=overlay))
    assert result.outcome == NR
    assert h.key(result, "data_council").rule == "DATA-6"


# --- pending reviews -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        ({"opened": "2024-11-20"}, DF),
        ({"opened": "2024-11-20", "closed": "2025-01-10"}, EL),
        ({"opened": "2024-11-20", "closed": "2025-01-15"}, EL),
        ({"opened": "2025-01-16"}, EL),
    ],
)
def test_pending_review_defers_only_while_open(h, review, expected):
    pending = [{"kind": "investigation", **review}]
    assert h.run(h.case("LDTT", years={2024: "HTTNV"}, pending=pending)).outcome == expected


def test_pending_review_does_not_hide_a_failed_criterion(h):
    pending = [{"kind": "complaint", "opened": "2024-11-20"}]
    assert h.run(h.case("LDTT", years={2024: "HTNV"}, pending=pending)).outcome == NE


# --- one achievement, one reward; award types ----------------------------------------------------


def test_same_achievement_already_rewarded(h):
    awards = [
        {"code": "GIAY_KHEN", "period": 2024, "achievement_id": "A-7", "award_type": "DOT_XUAT"}
    ]
    data = h.case(
        "BK_BT",
        years=h.years(2023, 2024, "HTTNV"),
        awards=[*awards, *h.cstdcs(2023, 2024)],
        achievement="A-7",
    )
    result = h.run(data)
    assert result.outcome == NE
    assert "Giấy khen" in h.key(result, "same_achievement").message()
    data["request"]["achievement_id"] = "A-8"
    assert h.run(data).outcome == EL
    data["awards"][0]["revoked"] = True
    data["request"]["achievement_id"] = "A-7"
    assert h.run(data).outcome == EL


def test_title_requested_as_ad_hoc_is_not_eligible(h):
    result = h.run(h.case("LDTT", years={2024: "HTTNV"}, award_type="DOT_XUAT"))
    assert result.outcome == NE
    assert h.key(result, "award_type").rule == "R-TYPE-1"


# --- data problems -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (
            {
                "subject": {"type": "individual", "recruitment_date": "2023-03-01"},
                "years": {"2022": {"rating": "HTTNV"}, "2024": {"rating": "HTTNV"}},
            },
            "data_rating_before_recruitment",
        ),
        (
            {
                "subject": {"type": "individual", "recruitment_date": "2023-03-01"},
                "awards": [{"code": "LDTT", "period": 2021, "award_type": "CONG_TRANG"}],
            },
            "data_award_before_recruitment",
        ),
        (
            {
                "awards": [
                    {
                        "code": "LDTT",
                        "period": 2022,
                        "decision_date": "2021-05-01",
                        "award_type": "CONG_TRANG",
                    }
                ]
            },
            "data_award_dates",
        ),
        ({"years": {"2024": {"rating": "HTTNV", "months_worked": 13}}}, "data_months"),
        (
            {
                "years": {
                    "2024": {
                        "rating": "HTTNV",
                        "months_worked": 6,
                        "leave": [{"type": "sick", "months": 7}],
                    }
                }
            },
            "data_months",
        ),
        (
            {
                "discipline": [
                    {"form": "canh_cao", "decision_date": "2020-05-01", "period_end": "2020-01-01"}
                ]
            },
            "data_dates",
        ),
        (
            {
                "pending_reviews": [
                    {"kind": "audit", "opened": "2020-05-01", "closed": "2020-01-01"}
                ]
            },
            "data_dates",
        ),
    ],
)
def test_impossible_history_needs_review_not_a_crash(h, change, key):
    data = h.case("LDTT", years={2024: "HTTNV"})
    data.update(change)
    result = h.run(data)
    assert result.outcome == NR
    assert h.key(result, key).rule.startswith("DATA-")


def test_member_figures_above_headcount_are_a_data_problem(h):
    members = {"evaluated": 10, "completed_tasks": 11, "LDTT": 8}
    result = h.run(
        h.case("TTLDTT", subject={"type": "collective", "members": members}, years={2024: "HTTNV"})
    )
    assert result.outcome == NR
    assert h.key(result, "data_members").rule == "DATA-5"


# --- public posting ------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "expected"), [(5, EL), (3, NE)])
def test_public_notice_days_from_parameter(h, days, expected):
    result = h.run(
        h.case(
            "LDTT",
            years={2024: "HTTNV"},
            dossier={"public_notice_working_days": days},
            overlay={"public_notice_working_days": {"LDTT": 5}},
        )
    )
    assert result.outcome == expected
    assert h.key(result, "public_notice").rule == "R-PUB-3"


# --- precedence ----------------------------------------------------------------------------------


def test_outcome_precedence():
    assert outcome_of([]) is Outcome.ELIGIBLE
    assert outcome_of([(Effect.REVIEW, False), (Effect.DEFER, False)]) is Outcome.DEFERRED
    assert (
        outcome_of([(Effect.DEFER, False), (Effect.AUTHORITY, False)]) is Outcome.INVALID_AUTHORITY
    )
    assert outcome_of([(Effect.AUTHORITY, False), (Effect.GATE, False)]) is Outcome.NOT_ELIGIBLE
    assert outcome_of([(Effect.DATA, False), (Effect.DEFER, False)]) is Outcome.NEEDS_REVIEW
    assert outcome_of([(Effect.GATE, True), (Effect.REVIEW, True)]) is Outcome.ELIGIBLE


def test_not_eligible_wins_over_invalid_authority(h):
    result = h.run(h.case("CSTDCS", years={2024: "HTNV"}, decider="chu_tich_ubnd_xa"))
    assert result.outcome == NE
    assert not h.key(result, "authority").ok


# --- requests ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"code": "NOPE"}, "code"),
        ({"award_type": "X"}, "award_type"),
        ({"decider_role": "vua"}, "decider_role"),
        ({"decision_date": None}, "decision_date"),
        ({"proposal_date": date(2025, 2, 1)}, "proposal_date"),
        ({"period": 2026}, "period"),
    ],
)
def test_request_validation(kwargs, field):
    base = {"code": "LDTT", "period": 2024, "decision_date": date(2025, 1, 15)}
    with pytest.raises(RequestError) as err:
        Request(**{**base, **kwargs})
    assert err.value.field == field


def test_request_on_uses_proposal_date_when_no_decision():
    assert Request("LDTT", 2024, proposal_date=date(2025, 1, 2)).on == date(2025, 1, 2)


def test_authority_without_any_row_for_the_role(h):
    import dataclasses

    from vinhdanh.eligibility.core import evaluate_batch, load_cases
    from vinhdanh.eligibility.core.parameters import national_defaults

    [case] = load_cases(
        __import__("json").dumps(
            h.case("LDTT", years={2024: "HTTNV"}, decider="giam_doc_so"), default=str
        )
    )
    params = dataclasses.replace(national_defaults(), authority=())
    result = evaluate_batch(case.facts(), case.request, params).explain(1)
    check = h.key(result, "authority")
    assert (result.outcome, check.cite) == (IA, "Law 06/2022 Art. 78–80")


def test_duplicate_check_keys_are_a_programming_error():
    from vinhdanh.eligibility.core import FactTables, evaluate_batch
    from vinhdanh.eligibility.core.checks import RuleSet
    from vinhdanh.eligibility.core.rules.common import pending

    base = regimes.get("regime_2022b")

    def twice(ctx):
        return RuleSet(ctx.code, {}, [pending(ctx), pending(ctx)])

    broken = regimes.Regime("regime_broken", date(2030, 1, 1), None, "x", base.defaults, {}, twice)
    try:
        regimes.register(broken)
        with pytest.raises(ValueError, match="duplicate check keys"):
            evaluate_batch(FactTables.build(), Request("LDTT", 2029, date(2030, 1, 2)))
    finally:
        regimes.unregister("regime_broken")


def test_cstdtq_timing_switched_off(h):
    awards = [
        *h.cstdcs(*range(2019, 2025)),
        {"code": "CSTD_BT", "period": 2021, "decision_date": "2021-12-20"},
        {"code": "CSTD_BT", "period": 2024, "decision_date": "2024-12-20"},
    ]
    data = h.case(
        "CSTDTQ",
        on="2027-03-01",
        years=h.years(2018, 2024),
        awards=awards,
        initiatives=[h.ini(level="toan_quoc", on="2024-03-01")],
        overlay={"cstdtq_timing": "off"},
    )
    result = h.run(data)
    assert result.outcome == EL
    assert not h.has(result, "timing")


def test_2013_chain_forms_for_ad_hoc_requests_need_review(h):
    result = h.run(
        h.case(
            "BK_TTG", period=2023, on="2023-12-20", years={2023: "HTXSNV"}, award_type="DOT_XUAT"
        )
    )
    assert result.outcome == NR
    assert h.key(result, "award_type").rule == "R-BKTTG-OLD"


def test_collective_without_members_gets_no_suggestion(h):
    result = h.run(h.case("TTLDTT", subject={"type": "collective"}, years={2024: "HTTNV"}))
    assert result.outcome == NE
    assert result.suggestions == []
    assert result.to_json().startswith('{"id": "T1", "outcome": "NOT_ELIGIBLE"')


def test_authority_refusal_lists_only_settled_powers(h):
    result = h.run(
        h.case(
            "BK_BT",
            period=2025,
            on="2025-08-01",
            years={2024: "HTXSNV", 2025: "HTXSNV"},
            awards=h.cstdcs(2024, 2025),
            decider="chu_tich_ubnd_xa",
        )
    )
    assert result.outcome == IA
    assert (
        h.key(result, "authority")
        .message()
        .endswith(
            "chỉ được tặng LĐTT, Gia đình văn hóa, Giấy khen — Luật TĐKT 06/2022, Điều 80 khoản 3"
        )
    )


def test_explain_refuses_unknown_language(h):
    from vinhdanh.eligibility.core import evaluate_batch, load_cases

    [case] = load_cases(h.data / "examples.yaml")[:1]
    with pytest.raises(ValueError, match="lang must be one of vi, en"):
        evaluate_batch(case.facts(), case.request).explain(1, lang="fr")


def test_title_decided_after_the_hypothetical_decision_date_is_already_held(h):
    """Issue 10: CSTĐ tỉnh for 2025 decided on 30/01/2026, asked again as of 15/01/2026."""
    data = h.case(
        "CSTD_BT",
        period=2025,
        on="2026-01-15",
        years=h.years(2023, 2025),
        awards=h.cstdcs(2023, 2024, 2025),
        initiatives=[h.ini("bo_tinh", "2025-10-01", replicable=True)],
    )
    assert h.run(data).outcome == EL
    held = {
        "code": "CSTD_BT",
        "period": 2025,
        "decision_date": "2026-01-30",
        "award_type": "CONG_TRANG",
    }
    data["awards"].append(held)
    result = h.run(data)
    assert result.outcome == NE
    check = h.key(result, "already_awarded")
    assert (check.rule, check.cite, check.ok) == ("R-PRIN-1", "Law 06/2022 Art. 5(2)", False)
    assert "Law 06/2022 Art. 5(2)" in check.message("en")
    assert "không xét lại" in check.message()
    held["revoked"] = True  # a revoked award is not held
    assert h.run(data).outcome == EL


def test_chain_award_decided_after_the_decision_date_still_counts(h):
    """The history exists whatever the hypothetical date: a CSTĐCS decided later still counts."""
    data = h.case(
        "CSTD_BT",
        period=2025,
        on="2026-01-15",
        years=h.years(2023, 2025),
        awards=[
            *h.cstdcs(2023, 2024),
            {"code": "CSTDCS", "period": 2025, "decision_date": "2026-01-20"},
        ],
        initiatives=[h.ini("bo_tinh", "2025-10-01", replicable=True)],
    )
    assert h.run(data).outcome == EL
