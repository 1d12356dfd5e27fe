"""The pure eligibility engine (no Django): facts in, outcomes and explanations out.

Public API:

    evaluate_batch(facts, request, params=None) -> BatchResult
    evaluate_many(facts, codes, period, decision_date, params=None) -> BatchResult
    evaluate_case(case, lang="vi") -> Result
    load_cases(path_or_text) -> list[Case]
    run_case_files(paths, lang="vi", json_list=False) -> tuple[str, int]
"""

from .cases import Case, CaseError, evaluate_case, load_cases
from .engine import BatchResult, evaluate_batch, evaluate_many
from .facts import SCHEMAS, FactsError, FactTables
from .parameters import AuthorityRow, ParameterError, Parameters, VoteRule
from .regimes import Regime, RegimeError
from .request import Request, RequestError
from .result import CheckResult, Result
from .runner import run_case_files
from .vocab import CANDIDATE_CODES, Effect, Outcome

__all__ = [
    "CANDIDATE_CODES",
    "SCHEMAS",
    "AuthorityRow",
    "BatchResult",
    "Case",
    "CaseError",
    "CheckResult",
    "Effect",
    "FactTables",
    "FactsError",
    "Outcome",
    "ParameterError",
    "Parameters",
    "Regime",
    "RegimeError",
    "Request",
    "RequestError",
    "Result",
    "VoteRule",
    "evaluate_batch",
    "evaluate_case",
    "evaluate_many",
    "load_cases",
    "run_case_files",
]
