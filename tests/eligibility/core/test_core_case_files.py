"""Strict case files (docs/case-format.md v1) and the runner's output contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vinhdanh.eligibility.core import CaseError, load_cases, run_case_files
from vinhdanh.eligibility.core.runner import main

GOOD = """
id: C01
subject: {type: individual, unit_level: provincial_department, recruitment_date: 2020-08-01}
years:
  2024: {rating: HTTNV, months_worked: 12, movement_participation: true}
request: {code: LDTT, period: 2024, decision_date: 2025-01-15, award_type: CONG_TRANG}
expected: ELIGIBLE
confidence: high
note: ignored by the engine
"""


def problems(text: str) -> list[str]:
    with pytest.raises(CaseError) as err:
        load_cases(text)
    return err.value.problems


def test_good_case_loads_and_ignores_expected_confidence_note():
    [case] = load_cases(GOOD)
    assert (case.id, case.regime, case.expected) == ("C01", "regime_2022a", "ELIGIBLE")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "rating: HTTNV",
            "ratng: HTTNV",
            "C01.years.2024.ratng: unknown key 'ratng' (expected one of: rating, months_worked",
        ),
        ("id: C01", "id: C01\nregim: regime_2013", "C01.regim: unknown key 'regim'"),
        (
            "months_worked: 12",
            "months_worked: twelve",
            "C01.years.2024.months_worked: expected a number, got str 'twelve'",
        ),
        ("rating: HTTNV", "rating: HTT", "C01.years.2024.rating: expected one of HTXSNV"),
        ("2020-08-01", "2020-13-01", "C01.subject.recruitment_date: expected a date YYYY-MM-DD"),
        (
            "2020-08-01",
            "2020-08-01 10:00:00",
            "C01.subject.recruitment_date: expected a date YYYY-MM-DD without a time",
        ),
        ("period: 2024", "period: true", "C01.request.period: expected an integer, got bool"),
        ("code: LDTT, ", "", "C01.request.code: missing"),
        (
            "id: C01",
            "id: C01\nregime: regime_2013",
            "C01.regime: regime_2013 contradicts the request date 2025-01-15, which falls under "
            "regime_2022a",
        ),
        ("id: C01", "id: C01\nregime: regime_1990", "C01.regime: expected one of regime_2013"),
        ("  2024:", "  abc:", "C01.years.abc: a year must be an integer such as 2024"),
        (
            "period: 2024, decision_date: 2025-01-15",
            "period: 2013, decision_date: 2014-01-15",
            "C01.request: no regime covers the date 2014-01-15",
        ),
        ("period: 2024", "period: 2026", "C01.request.period: period 2026 is after the date"),
        (
            "decision_date: 2025-01-15",
            "proposal_date: null",
            "C01.request.decision_date: either decision_date or proposal_date is needed",
        ),
        ("id: C01", "id: [C01]", "case[0].id: expected a string"),
        (
            "movement_participation: true",
            "movement_participation: 1",
            "C01.years.2024.movement_participation: expected true or false",
        ),
        ("months_worked: 12", "months_worked: -1", "must not be negative"),
    ],
)
def test_malformed_case_names_the_exact_place(old, new, message):
    assert old in GOOD
    found = problems(GOOD.replace(old, new, 1))
    assert any(p.startswith(message) or message in p for p in found), found


def test_unknown_key_inside_a_list_item():
    text = GOOD + "awards:\n  - {code: LDTT, perod: 2023, award_type: CONG_TRANG}\n"
    found = problems(text)
    assert (
        "C01.awards[0].perod: unknown key 'perod' (expected one of: code, period, "
        "decision_date, award_type, revoked, achievement_id)" in found
    )
    assert "C01.awards[0].period: missing" in found


def test_nested_list_and_members_errors():
    text = GOOD.replace("movement_participation: true", "leave: [{typ: sick, months: 1}]")
    assert any(
        p.startswith("C01.years.2024.leave: C01.years.2024.leave[0].typ: unknown key")
        for p in problems(text)
    )
    coll = GOOD.replace(
        "type: individual, unit_level: provincial_department, recruitment_date: 2020-08-01",
        "type: collective, members: {evaluated: 3, LDTT: x}",
    )
    assert any(p.startswith("C01.subject.members:") and "LDTT" in p for p in problems(coll))


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        (
            "{type: individual, members: {evaluated: 3}}",
            "C01.subject.members: only for collectives",
        ),
        (
            "{type: collective, recruitment_date: 2020-01-01}",
            "C01.subject.recruitment_date: only for individuals",
        ),
        ("{type: household, members: {evaluated: 3}}", "C01.subject.members: only for collectives"),
    ],
)
def test_subject_keys_must_fit_the_subject_type(subject, message):
    text = GOOD.replace(
        "{type: individual, unit_level: provincial_department, recruitment_date: 2020-08-01}",
        subject,
    )
    assert message in problems(text)


@pytest.mark.parametrize(
    ("overlay", "message"),
    [
        ("{cstdcs_quota: 0.15}", "C01.overlay.cstdcs_quota: unknown overlay key"),
        ("{cstdcs_quota_of_ldtt: 2}", "C01.overlay.cstdcs_quota_of_ldtt: must be between 0"),
        ("{cstdcs_quota_of_ldtt: abc}", "C01.overlay.cstdcs_quota_of_ldtt: not a number"),
        ("{cstdcs_quota_of_ldtt: true}", "C01.overlay.cstdcs_quota_of_ldtt: expected a number"),
        (
            "{vote_rules: {LDTT: {treshold: 0.5}}}",
            "C01.overlay.vote_rules.LDTT.treshold: unknown key",
        ),
        ("{vote_rules: {LDTT: {quorum: 0.5}}}", "C01.overlay.vote_rules.LDTT.threshold: missing"),
        (
            "{vote_rules: {LDTT: {threshold: 0.5, denominator: all}}}",
            "C01.overlay.vote_rules.LDTT.denominator: expected one of",
        ),
        ("{vote_rules: {NOPE: {threshold: 0.5}}}", "C01.overlay.vote_rules.NOPE: unknown award"),
        ("{vote_rules: []}", "C01.overlay.vote_rules: expected a mapping"),
        ("{authority: {role: x}}", "C01.overlay.authority: expected a list"),
        ("{authority: [{role: vua, code: LDTT}]}", "C01.overlay.authority[0].role: unknown"),
        (
            "{authority: [{role: giam_doc_so, code: LDTT, status: maybe}]}",
            "C01.overlay.authority[0].status: expected one of",
        ),
        (
            "{authority: [{role: giam_doc_so, code: LDTT, valid_from: soon}]}",
            "C01.overlay.authority[0].valid_from: expected a date",
        ),
        (
            "{authority: [{role: giam_doc_so, code: LDTT, when: 1}]}",
            "C01.overlay.authority[0].when: unknown key",
        ),
        ("{min_rating: {GIAY_KHEN: GOOD}}", "C01.overlay.min_rating.GIAY_KHEN: expected one of"),
        (
            "{discipline_months_by_form: {flogging: 3}}",
            "C01.overlay.discipline_months_by_form.flogging: unknown discipline form",
        ),
        ("{discipline_default_months: -1}", "C01.overlay.discipline_default_months: expected"),
        ("{working_days_per_month: x}", "C01.overlay.working_days_per_month: expected"),
        (
            "{ttldxs_discipline_clause: yes please}",
            "C01.overlay.ttldxs_discipline_clause: expected true or false",
        ),
        ("{annual_discipline_mode: always}", "C01.overlay.annual_discipline_mode: expected one"),
        ("{dissolved_rule_from: 2025-13-01}", "C01.overlay.dissolved_rule_from: expected a date"),
        ("{dissolved_rule_from: 5}", "C01.overlay.dissolved_rule_from: expected a date"),
        ("[1, 2]", "C01.overlay: expected a mapping"),
    ],
)
def test_overlay_errors_name_the_key(overlay, message):
    found = problems(GOOD + f"overlay: {overlay}\n")
    assert any(p.startswith(message) for p in found), found


def test_overlay_values_accepted():
    text = GOOD + (
        "overlay:\n"
        "  cstdcs_quota_of_ldtt: 15%\n"
        "  vote_rules: {CSTD_BT: null, LDTT: {threshold: 2/3, quorum: 0.5}}\n"
        "  authority: [{role: chu_tich_ubnd_xa, code: CSTDCS, valid_from: '2025-07-01',\n"
        "               valid_to: null, status: allowed}]\n"
        "  ldtt_review_months_new_recruit: null\n"
        "  dissolved_rule_from: '2025-08-05'\n"
        "  public_notice_working_days: {LDTT: 3}\n"
    )
    [case] = load_cases(text)
    params = case.params
    assert params.cstdcs_quota_of_ldtt == pytest.approx(0.15)
    assert params.vote_rule("CSTD_BT") is None
    assert params.vote_rule("LDTT") is not None
    assert params.authority[0].role == "chu_tich_ubnd_xa"
    assert params.is_overridden("public_notice_working_days")


def test_json_list_of_cases_and_duplicate_ids(h):
    one = h.case("LDTT", years={2024: "HTTNV"}, case_id="J1")
    two = {**one, "id": 2}
    cases = load_cases(json.dumps([one, two]))
    assert [c.id for c in cases] == ["J1", "2"]
    assert "J1: duplicate case id" in problems(json.dumps([one, one]))


def test_duplicate_keys_are_refused():
    assert any("duplicate key" in p for p in problems(GOOD + "years: {}\n"))
    assert any("duplicate key" in p for p in problems('{"id": "A", "id": "B"}'))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("42\n", "a case file holds one case"),
        ("id: [unclosed\n", "not valid YAML or JSON"),
        ("[{id: A}\n", "not valid YAML or JSON"),
    ],
)
def test_file_level_errors(text, message):
    assert any(message in p for p in problems(text))


def test_flow_style_yaml_list_is_accepted():
    flow = (
        "["
        + json.dumps(
            {
                "id": "F1",
                "subject": {"type": "individual"},
                "request": {
                    "code": "LDTT",
                    "period": 2024,
                    "decision_date": "2025-01-15",
                    "award_type": "CONG_TRANG",
                },
            }
        ).replace('"', "")
        + "]"
    )
    assert [c.id for c in load_cases(flow)] == ["F1"]


def test_missing_id_is_reported_with_position():
    assert "case[0].id: missing" in problems(GOOD.replace("id: C01\n", ""))


def test_unreadable_file(tmp_path):
    missing = tmp_path / "none.yaml"
    assert any("cannot read" in p for p in problems(str(missing)))
    assert any("cannot read" in p for p in problems(tmp_path))  # a directory


def test_path_given_as_text_or_path(h, tmp_path):
    path = tmp_path / "one case"  # no suffix: found because it exists
    path.write_text(GOOD, encoding="utf-8")
    assert [c.id for c in load_cases(str(path))] == ["C01"]
    assert len(load_cases(str(h.data / "examples.yaml"))) == 18


# --- runner --------------------------------------------------------------------------------------


def test_runner_prints_one_result_per_line(h):
    output, code = run_case_files([h.data / "examples.yaml"])
    assert code == 0
    lines = output.splitlines()
    assert len(lines) == 18
    first = json.loads(lines[0])
    assert list(first) == ["id", "outcome", "regime", "checks"]
    assert list(first["checks"][0]) == ["rule", "ok", "cite", "message"]


def test_runner_json_list_english_and_suggestions(h):
    output, code = run_case_files(
        [h.data / "examples.yaml"], lang="en", json_list=True, suggestions=True
    )
    assert code == 0
    results = json.loads(output)
    e02 = next(r for r in results if r["id"] == "E02")
    assert e02["checks"][1]["message"] == (
        "Rated HTNV for 2024: below HTTNV (tasks completed well) — Law 06/2022 Art. 24(1)"
    )
    assert e02["suggestions"] == ["a rating of HTTNV or better for 2024 → LĐTT"]


def test_runner_malformed_input_exits_non_zero_and_evaluates_nothing(h, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("rating:", "ratng:"), encoding="utf-8")
    output, code = run_case_files([h.data / "examples.yaml", bad])
    assert code == 2
    assert output.startswith(f"{bad}: C01.years.2024.ratng: unknown key")
    assert run_case_files([bad], lang="fr") == ("unknown language 'fr' (vi or en)", 2)


def test_runner_main_command_line(h, tmp_path, capsys):
    good = tmp_path / "good.json"
    [case] = load_cases(GOOD)
    good.write_text(json.dumps(case.raw, default=str), encoding="utf-8")
    assert main([str(good), "--lang", "en", "--json-list"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["outcome"] == "ELIGIBLE"
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main([str(bad)]) == 2
    assert "not valid YAML or JSON" in capsys.readouterr().err
    assert Path(good).exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "subject: {type: individual, unit_level: provincial_department, "
            "recruitment_date: 2020-08-01}",
            "subject: 5",
            "C01.subject: expected a mapping",
        ),
        (
            "years:\n  2024: {rating: HTTNV, months_worked: 12, movement_participation: true}",
            "years: [1]",
            "C01.years: expected a mapping of year → facts",
        ),
        (
            "  2024: {rating: HTTNV, months_worked: 12, movement_participation: true}",
            "  2024: 5",
            "C01.years.2024: expected a mapping",
        ),
        (
            "  2024: {rating: HTTNV, months_worked: 12, movement_participation: true}",
            "  2024: {rating: HTTNV}\n  '2024': {rating: HTTNV}",
            "C01.years.2024: duplicate year",
        ),
        ("  2024:", "  true:", "C01.years.True: a year must be an integer"),
        ("  2024:", "  1800:", "C01.years.1800: a year must be an integer"),
        (
            "unit_level: provincial_department",
            "unit_level: 3.5",
            "C01.subject.unit_level: expected a string",
        ),
    ],
)
def test_malformed_structures_name_the_place(old, new, message):
    assert old in GOOD
    found = problems(GOOD.replace(old, new, 1))
    assert any(p.startswith(message) for p in found), found


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("awards: [5]", "C01.awards[0]: expected a mapping, got int 5"),
        ("awards: {code: LDTT}", "C01.awards: expected a list"),
        (
            "council: {total_members: 0, votes_for: 0}",
            "C01.council.total_members: must be at least 1",
        ),
        (
            "council: {total_members: 5, votes_for: -1}",
            "C01.council.votes_for: must not be negative",
        ),
        (
            "dossier: {public_notice_working_days: 2.5}",
            "C01.dossier.public_notice_working_days: expected an integer",
        ),
        (
            "initiatives: [{kind: initiative, level: co_so, recognised_on: 20240101, "
            "applied_effectively: true}]",
            "C01.initiatives[0].recognised_on: expected a date",
        ),
        (
            "pending_reviews: [{kind: audit, opened: '2024-1-1'}]",
            "C01.pending_reviews[0].opened: expected a date YYYY-MM-DD, got str '2024-1-1'",
        ),
        (
            "pending_reviews: [{kind: rumour, opened: 2024-01-01}]",
            "C01.pending_reviews[0].kind: expected one of",
        ),
    ],
)
def test_malformed_sections_name_the_place(extra, message):
    found = problems(GOOD + extra + "\n")
    assert any(p.startswith(message) for p in found), found


def test_collective_keys_validated():
    text = GOOD.replace(
        "{type: individual, unit_level: provincial_department, recruitment_date: 2020-08-01}",
        "{type: collective, successor_of: UNIT-A, members: {evaluated: -2}}",
    )
    found = problems(text)
    assert any(p.startswith("C01.subject.successor_of: expected a list of strings") for p in found)
    assert any(p.startswith("C01.subject.members:") and "must not be negative" in p for p in found)
    ok = GOOD.replace(
        "{type: individual, unit_level: provincial_department, recruitment_date: 2020-08-01}",
        "{type: collective, successor_of: [UNIT-A], dissolved_on: 2026-01-01,"
        " members: {evaluated: 2}}",
    )
    assert load_cases(ok)[0].tables["members"][0]["evaluated"] == 2


def test_overlay_date_value_from_yaml():
    [case] = load_cases(GOOD + "overlay: {dissolved_rule_from: 2025-09-01}\n")
    assert str(case.params.dissolved_rule_from) == "2025-09-01"
