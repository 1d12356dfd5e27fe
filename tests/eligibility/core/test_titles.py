"""The title registry: one description per award code, from which the engine's lists, the
revocation chains, the default authority and the short names are derived."""

from __future__ import annotations

import dataclasses
from datetime import date

import polars as pl
import pytest

from vinhdanh.eligibility.core import evaluate_many, regimes, titles, vocab
from vinhdanh.eligibility.core.facts import FactTables
from vinhdanh.eligibility.core.messages import CODE_NAMES
from vinhdanh.eligibility.core.parameters import DEFAULT_AUTHORITY
from vinhdanh.eligibility.core.regimes import RegimeError
from vinhdanh.eligibility.core.request import RequestError
from vinhdanh.eligibility.core.rules import local


def test_registry_is_consistent() -> None:
    assert titles.problems(vocab.SUBJECT_TYPES, vocab.ROLES) == []


def test_a_title_for_an_unknown_subject_or_role_is_reported() -> None:
    broken = dataclasses.replace(titles.get("LDTT"), subjects=("robot",), deciders=("king",))
    registry = (*titles.TITLES, broken)

    try:
        titles.TITLES = registry  # type: ignore[misc]
        found = titles.problems(vocab.SUBJECT_TYPES, vocab.ROLES)
    finally:
        titles.TITLES = registry[:-1]  # type: ignore[misc]

    assert "LDTT: subjects ('robot',) not in" in " ".join(found)
    assert any("unknown decider roles ['king']" in p for p in found)


def test_engine_codes_are_the_registry_codes_the_engine_evaluates() -> None:
    engine = {t.code for t in titles.TITLES if t.engine}

    assert set(vocab.AWARD_CODES) == engine
    assert set(vocab.TITLE_CODES) == {c for c in engine if titles.get(c).category == "title"}
    assert set(vocab.VOTE_ONLY_CODES) == set(titles.BY_CODE) - engine
    assert set(vocab.STATE_HONOUR_CODES) <= set(vocab.VOTE_ONLY_CODES)


def test_candidate_lists_follow_the_subjects_of_each_title() -> None:
    assert vocab.PERSON_CANDIDATE_CODES == (
        "LDTT",
        "CSTDCS",
        "CSTD_BT",
        "CSTDTQ",
        "BK_BT",
        "BK_TTG",
        "HC_LAO_DONG_3",
    )
    assert vocab.COLLECTIVE_CANDIDATE_CODES[:2] == ("TTLDTT", "TTLDXS")
    for code in vocab.COLLECTIVE_CANDIDATE_CODES:
        assert "collective" in titles.get(code).subjects


def test_revocation_chains_come_from_what_each_award_rests_on() -> None:
    assert titles.dependents() == {
        "LDTT": ("CSTDCS",),
        "CSTT": ("CSTDCS",),
        "CSTDCS": ("CSTD_BT", "BK_BT", "BK_TTG", "HC_LAO_DONG_3"),
        "CSTD_BT": ("CSTDTQ",),
        "BK_BT": ("BK_TTG",),
        "BK_TTG": ("HC_LAO_DONG_3",),
    }


def test_default_authority_gives_each_role_the_codes_the_registry_names() -> None:
    on = date(2025, 1, 15)
    law_2022 = [r for r in DEFAULT_AUTHORITY if r.rule in {"R-AUTH-78", "R-AUTH-79", "R-AUTH-80"}]
    for title in titles.TITLES:
        for role in title.deciders:
            assert any(r.matches(role, title.code, on) for r in law_2022), (role, title.code)
    # The State President decides every order, written once as a pattern.
    assert any(r.role == "chu_tich_nuoc" and r.code == "HC_*" for r in law_2022)
    assert not any(r.matches("giam_doc_so", "CSTD_BT", on) for r in law_2022)


def test_short_names_and_delegated_subjects_come_from_the_registry() -> None:
    assert CODE_NAMES["CSTD_BT"] == ("CSTĐ bộ/tỉnh", "ministry/province CSTĐ")
    assert "AH_LD" not in CODE_NAMES
    assert local.DELEGATED["GDVH"].subjects == ("household",)
    assert local.DELEGATED["GIAY_KHEN"].subjects == ("individual", "collective", "household")


def test_every_regime_names_only_registered_codes() -> None:
    for name in regimes.names():
        regime = regimes.get(name)
        assert set(regime.rules) <= set(vocab.AWARD_CODES), name


def test_a_regime_with_rules_for_an_unregistered_code_is_refused() -> None:
    current = regimes.get("regime_2022b")
    stray = dataclasses.replace(
        current,
        name="regime_test_stray",
        valid_from=date(2099, 1, 1),
        rules={**current.rules, "NEW_TITLE": current.fallback},
    )

    with pytest.raises(RegimeError, match="NEW_TITLE"):
        regimes.register(stray)
    assert "regime_test_stray" not in regimes.names()


def test_a_title_is_not_evaluated_outside_its_validity(monkeypatch: pytest.MonkeyPatch) -> None:
    ended = dataclasses.replace(titles.get("CSTT"), valid_until=date(2024, 12, 31))
    monkeypatch.setitem(titles.BY_CODE, "CSTT", ended)
    facts = FactTables.build(
        subjects=pl.DataFrame({"subject_id": [1], "subject_type": ["individual"]})
    )

    assert evaluate_many(facts, ["CSTT"], 2023, date(2024, 1, 15)).codes == ["CSTT"]
    with pytest.raises(RequestError, match="CSTT is not awarded on 2025-01-15"):
        evaluate_many(facts, ["CSTT"], 2024, date(2025, 1, 15))
