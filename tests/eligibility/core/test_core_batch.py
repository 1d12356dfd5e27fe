"""One engine, two paths: the batch gives exactly what the single-case path gives."""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinhdanh.eligibility.core import (
    CANDIDATE_CODES,
    SCHEMAS,
    FactsError,
    FactTables,
    Outcome,
    Request,
    evaluate_batch,
    evaluate_case,
    evaluate_many,
    load_cases,
)
from vinhdanh.eligibility.core.parameters import national_defaults
from vinhdanh.eligibility.core.vocab import AWARD_TYPES, RATINGS

HISTORY_CODES = ("LDTT", "CSTDCS", "CSTD_BT", "CSTDTQ", "BK_BT", "BK_TTG", "GIAY_KHEN")
REQUEST_CODES = (*CANDIDATE_CODES, "GIAY_KHEN", "THON_VH", "CSTT")
DECIDERS = (
    None,
    None,
    "giam_doc_so",
    "chu_tich_ubnd_tinh",
    "chu_tich_ubnd_huyen",
    "chu_tich_ubnd_xa",
)


def _day(period: int) -> st.SearchStrategy[date]:
    return st.dates(date(period - 8, 1, 1), date(period + 1, 6, 30))


@st.composite
def subjects(draw: st.DrawFn, period: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(["individual"] * 6 + ["collective"] * 3 + ["village"]))
    subject: dict[str, Any] = {"type": kind}
    if kind == "individual" and draw(st.booleans()):
        subject["recruitment_date"] = draw(st.dates(date(2012, 1, 1), date(period, 12, 1)))
    if kind == "collective":
        evaluated = draw(st.integers(0, 30))
        subject["members"] = {
            "evaluated": evaluated,
            "completed_tasks": draw(st.integers(0, evaluated)),
            "LDTT": draw(st.integers(0, evaluated)),
            "CSTDCS": draw(st.integers(0, 3)),
            "disciplined_canh_cao_or_more": draw(st.integers(0, 2)),
        }
        if draw(st.integers(0, 4)) == 0:
            subject["dissolved_on"] = draw(_day(period))
    years = {}
    for year in range(period - 7, period + 1):
        if draw(st.integers(0, 5)) == 0:
            continue
        facts: dict[str, Any] = {"rating": draw(st.sampled_from((*RATINGS, "HTXSNV", None)))}
        if draw(st.booleans()):
            facts["months_worked"] = draw(st.sampled_from([3, 5.5, 8, 12]))
        if draw(st.integers(0, 4)) == 0:
            facts["leave"] = [
                {
                    "type": draw(st.sampled_from(["maternity", "sick", "other"])),
                    "months": draw(st.sampled_from([1, 2.5])),
                }
            ]
        if draw(st.integers(0, 6)) == 0:
            facts["movement_participation"] = False
        years[str(year)] = facts
    awards = [
        {
            "code": draw(st.sampled_from(HISTORY_CODES)),
            "period": draw(st.integers(period - 8, period)),
            "award_type": draw(st.sampled_from(("CONG_TRANG",) * 4 + AWARD_TYPES)),
            "revoked": draw(st.integers(0, 9)) == 0,
            "decision_date": draw(st.one_of(st.none(), _day(period))),
        }
        for _ in range(draw(st.integers(0, 8)))
    ]
    # Mostly CSTĐCS runs, so that the chain titles are reached.
    run_start = draw(st.integers(period - 7, period + 1))
    awards += [
        {"code": "CSTDCS", "period": y, "award_type": "CONG_TRANG"}
        for y in range(run_start, period + 1)
    ]
    initiatives = [
        {
            "kind": draw(st.sampled_from(["initiative", "research"])),
            "level": draw(st.sampled_from(["co_so", "bo_tinh", "toan_quoc"])),
            "recognised_on": draw(_day(period)),
            "applied_effectively": draw(st.integers(0, 5)) > 0,
            "replicable": draw(st.sampled_from([True, False, None])),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    discipline = [
        {
            "form": draw(st.sampled_from(["khien_trach", "canh_cao", "giang_chuc"])),
            "decision_date": (start := draw(_day(period))),
            "period_end": draw(st.sampled_from([None, start + timedelta(days=200)])),
        }
        for _ in range(draw(st.integers(0, 1)))
    ]
    pending = [
        {
            "kind": "investigation",
            "opened": draw(_day(period)),
            "closed": draw(st.one_of(st.none(), _day(period))),
        }
        for _ in range(draw(st.integers(0, 1)))
    ]
    case: dict[str, Any] = {
        "subject": subject,
        "years": years,
        "awards": awards,
        "initiatives": initiatives,
        "discipline": discipline,
        "pending_reviews": pending,
    }
    if draw(st.integers(0, 3)) == 0:
        case["council"] = {
            "total_members": 11,
            "present": draw(st.integers(5, 11)),
            "votes_for": draw(st.integers(5, 11)),
        }
    return case


@st.composite
def batches(draw: st.DrawFn) -> list[dict[str, Any]]:
    period = draw(st.sampled_from([2023, 2024, 2025]))
    on = draw(
        st.sampled_from(
            {
                2023: ["2023-12-20", "2024-03-01"],
                2024: ["2025-01-15", "2025-06-30"],
                2025: ["2025-12-20", "2026-01-15"],
            }[period]
        )
    )
    request: dict[str, Any] = {
        "code": draw(st.sampled_from(REQUEST_CODES)),
        "period": period,
        "decision_date": on,
        "award_type": draw(st.sampled_from(["CONG_TRANG"] * 5 + ["DOT_XUAT"])),
    }
    decider = draw(st.sampled_from(DECIDERS))
    if decider:
        request["decider_role"] = decider
    overlay = draw(
        st.sampled_from(
            [
                None,
                {"annual_discipline_mode": "end_of_period"},
                {"vote_rules": {request["code"]: {"threshold": "2/3"}}},
            ]
        )
    )
    cases = draw(st.lists(subjects(period), min_size=1, max_size=3))
    for i, case in enumerate(cases):
        case.update(id=f"S{i}", request=request)
        if overlay:
            case["overlay"] = overlay
    return cases


def batch_facts(cases: list[Any]) -> FactTables:
    """The same facts as the single cases, with distinct subject ids, in one set of tables."""
    frames: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    for sid, case in enumerate(cases, start=1):
        for name, rows in case.tables.items():
            frames[name] += [{**row, "subject_id": sid} for row in rows]
    return FactTables.build(
        **{
            name: pl.DataFrame(rows, schema=dict(SCHEMAS[name]), orient="row")
            for name, rows in frames.items()
        }
    )


# No example database: the suite must not write files into the repository.
@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(batches())
def test_batch_and_single_cases_give_identical_results(data):
    cases = load_cases(json.dumps(data, default=str))
    singles = [evaluate_case(case).to_dict(suggestions=True) for case in cases]
    batch = evaluate_batch(batch_facts(cases), cases[0].request, cases[0].params)
    together = [
        batch.explain(sid, result_id=case.id).to_dict(suggestions=True)
        for sid, case in enumerate(cases, start=1)
    ]
    assert together == singles


@settings(
    max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(batches(), st.sampled_from(CANDIDATE_CODES))
def test_evaluate_many_matches_one_code_at_a_time(data, code):
    cases = load_cases(json.dumps(data, default=str))
    facts = batch_facts(cases)
    period, on = cases[0].request.period, cases[0].request.on
    many = evaluate_many(facts, list(CANDIDATE_CODES), period, on)
    one = evaluate_batch(facts, Request(code, period, decision_date=on))
    assert many.outcomes(code).equals(one.outcomes()), code
    assert many.explain(1, code=code).to_dict() == one.explain(1).to_dict()


# --- batch API -----------------------------------------------------------------------------------


def test_evaluate_many_candidate_lists_and_counts(h):
    cases = load_cases(h.data / "examples.yaml")
    same_date = [c for c in cases if c.request.on == date(2025, 1, 15)]
    facts = batch_facts(same_date)
    result = evaluate_many(facts, ["LDTT", "CSTD_BT", "LDTT"], 2024, date(2025, 1, 15))
    assert result.codes == ["LDTT", "CSTD_BT"]
    counts = result.counts()
    assert counts["len"].sum() == 2 * len(same_date)
    e07 = next(i for i, c in enumerate(same_date, start=1) if c.id == "E07")
    assert result.explain(e07, code="CSTD_BT").outcome is Outcome.ELIGIBLE
    with pytest.raises(ValueError, match="say which one"):
        result.explain(e07)
    with pytest.raises(KeyError, match="not evaluated"):
        result.outcomes("BK_BT")
    with pytest.raises(KeyError, match="not in this batch"):
        result.explain(10_000, code="LDTT")
    with pytest.raises(ValueError, match="no codes"):
        evaluate_many(facts, [], 2024, date(2025, 1, 15))


def test_cstdcs_quota_ranks_eligible_candidates_per_unit():
    n = 12
    subjects = pl.DataFrame(
        {
            "subject_id": range(1, n + 1),
            "subject_type": ["individual"] * n,
            "unit_id": [1] * 10 + [2] * 2,
            "priority": [False, True] + [False] * 10,
        }
    )
    years = pl.DataFrame(
        {
            "subject_id": range(1, n + 1),
            "year": [2024] * n,
            "rating": ["HTXSNV"] * 4 + ["HTTNV"] * 8,
        }
    )
    facts = FactTables.build(subjects=subjects, years=years)
    params = national_defaults().with_overlay({"cstdcs_quota_of_ldtt": 0.2})
    result = evaluate_many(facts, ["LDTT", "CSTDCS"], 2024, date(2025, 1, 15), params)
    quota = result.cstdcs_quota().sort("unit_id", "rank")
    unit1 = quota.filter(pl.col("unit_id") == 1)
    assert unit1["quota"][0] == 2  # 20% of 10 LĐTT
    assert unit1["subject_id"].to_list()[:2] == [2, 1]  # priority group first
    assert unit1["within_quota"].to_list() == [True, True, False, False]
    plain = evaluate_many(facts, ["CSTDCS"], 2024, date(2025, 1, 15), params)
    assert plain.cstdcs_quota()["quota"].to_list() == [0, 0, 0, 0]  # nobody holds LĐTT yet
    assert evaluate_many(facts, ["LDTT"], 2024, date(2025, 1, 15)).cstdcs_quota().height == 0


def test_fact_tables_conform_and_complain():
    facts = FactTables.build(
        subjects=pl.DataFrame({"subject_id": [1], "subject_type": ["individual"]})
    )
    assert facts.years.collect_schema().names() == list(SCHEMAS["years"])
    with pytest.raises(FactsError, match="required column 'subject_type'"):
        FactTables.build(subjects=pl.DataFrame({"subject_id": [1]}))
    with pytest.raises(FactsError, match="unknown facts table"):
        FactTables.build(people=pl.DataFrame())


def test_cstdcs_quota_counts_ldtt_already_decided_for_the_year():
    """An LĐTT decided for the year is no longer "eligible" (R-PRIN-1: held), but it stays in
    the base the CSTĐCS quota is a share of (R-CSTDCS-3)."""
    subjects = pl.DataFrame(
        {"subject_id": [1, 2, 3, 4], "subject_type": ["individual"] * 4, "unit_id": [1] * 4}
    )
    years = pl.DataFrame({"subject_id": [1, 2, 3, 4], "year": [2024] * 4, "rating": ["HTXSNV"] * 4})
    held = pl.DataFrame(
        {"subject_id": [3, 4], "code": ["LDTT", "LDTT"], "period": [2024, 2024]},
        schema_overrides={"period": pl.Int32},
    )
    facts = FactTables.build(subjects=subjects, years=years, awards=held)
    params = national_defaults().with_overlay({"cstdcs_quota_of_ldtt": 0.5})
    result = evaluate_many(facts, ["LDTT", "CSTDCS"], 2024, date(2025, 1, 15), params)
    assert result.outcomes("LDTT").sort("subject_id")["outcome"].to_list() == [
        "ELIGIBLE",
        "ELIGIBLE",
        "NOT_ELIGIBLE",
        "NOT_ELIGIBLE",
    ]
    assert set(result.cstdcs_quota()["quota"].to_list()) == {2}  # 50% of 2 eligible + 2 held
    assert result.cstdcs_share == Fraction(1, 2)


def test_cstdcs_quota_ranks_within_what_the_years_awards_leave():
    """4 LĐTT held at 50% → 2 allowed. One CSTĐCS already awarded for the year leaves room
    for one candidate; given by the caller (a unit's whole year), two awarded leave none and
    the room never goes below 0."""
    subjects = pl.DataFrame(
        {"subject_id": [1, 2, 3, 4], "subject_type": ["individual"] * 4, "unit_id": [1] * 4}
    )
    years = pl.DataFrame({"subject_id": [1, 2, 3, 4], "year": [2024] * 4, "rating": ["HTXSNV"] * 4})
    held = pl.DataFrame(
        {
            "subject_id": [1, 2, 3, 4, 4],
            "code": ["LDTT", "LDTT", "LDTT", "LDTT", "CSTDCS"],
            "period": [2024] * 5,
        },
        schema_overrides={"period": pl.Int32},
    )
    facts = FactTables.build(subjects=subjects, years=years, awards=held)
    params = national_defaults().with_overlay({"cstdcs_quota_of_ldtt": 0.5})
    result = evaluate_many(facts, ["LDTT", "CSTDCS"], 2024, date(2025, 1, 15), params)
    quota = result.cstdcs_quota().sort("rank")
    assert quota["subject_id"].to_list() == [1, 2, 3]  # 4 holds CSTĐCS: no candidate
    assert (quota["quota"][0], quota["awarded"][0], quota["room"][0]) == (2, 1, 1)
    assert quota["within_quota"].to_list() == [True, False, False]
    used_up = result.cstdcs_quota({1: 1}, {1: 3}, {1: 4}).sort("rank")
    assert used_up["room"].to_list() == [0, 0, 0]
    assert not any(used_up["within_quota"].to_list())
