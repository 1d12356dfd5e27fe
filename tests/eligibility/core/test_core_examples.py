"""The worked cases of shared/law/examples.yaml give their expected outcomes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from vinhdanh.eligibility.core import Outcome, evaluate_case, load_cases

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLES = DATA / "examples.yaml"
REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "law" / "examples.yaml"

CASES = load_cases(EXAMPLES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_example_gives_expected_outcome(case):
    result = evaluate_case(case)
    assert result.outcome == Outcome(case.expected), result.to_json()
    assert result.regime == case.regime
    # Every failed or decisive check carries a rule id and a citation.
    assert all(c.rule and c.cite and c.message() for c in result.checks)
    assert all(c.message("en") for c in result.checks)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_example_explains_in_english(case):
    result = evaluate_case(case, lang="en")
    data = result.to_dict()
    assert data["outcome"] == case.expected
    assert all(c["message"] for c in data["checks"])


def test_examples_copy_matches_shared_law_when_present():
    if not SHARED.exists():
        pytest.skip("shared/law/examples.yaml is not beside the repository")
    assert SHARED.read_bytes() == EXAMPLES.read_bytes()


def test_examples_all_have_expected_outcomes():
    raw = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    assert len(raw) == len(CASES) >= 18
    assert {c.expected for c in CASES} <= {o.value for o in Outcome}
