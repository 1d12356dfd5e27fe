"""Quorum, thresholds and denominators (rules.md §5.4), through real sessions."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import polars as pl
import pytest

from tests.councils.builders import (
    ABSTAIN,
    AGAINST,
    FOR,
    SESSION_DAY,
    council_world,
    make_nomination,
    run_vote,
)
from vinhdanh.councils.domain.arithmetic import Counts, Threshold, decide, quorum_needed
from vinhdanh.councils.domain.queries import vote_result
from vinhdanh.councils.domain.queries.councils import threshold_for
from vinhdanh.councils.domain.thresholds import save_vote_rule
from vinhdanh.councils.models import CouncilQuorum
from vinhdanh.eligibility.core import FactTables, Request, VoteRule, evaluate_batch
from vinhdanh.eligibility.core.parameters import national_defaults
from vinhdanh.eligibility.domain.parameters import set_parameter, set_vote_rule
from vinhdanh.eligibility.domain.queries.parameters import parameters_for, vote_rule_for
from vinhdanh.nominations.enums import NominationState

pytestmark = pytest.mark.django_db


def test_quorum_not_met_fails_every_nomination():
    world = council_world(size=10)
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members[:6], votes={nomination.pk: [FOR] * 6})
    result = vote_result(nomination)
    assert result is not None
    assert not result.quorum_met
    assert not result.passed
    assert result.for_votes == 6
    assert result.outcome == "quorum_not_met"
    assert "6" in result.explanation
    assert "10" in result.explanation
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPRAISED


def test_quorum_is_met_at_exactly_two_thirds():
    world = council_world(size=9)
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members[:6], votes={nomination.pk: [FOR] * 6})
    result = vote_result(nomination)
    assert result is not None
    assert result.quorum_met
    assert result.passed


def test_council_quorum_follows_its_effective_date():
    world = council_world(size=10)
    CouncilQuorum.objects.create(
        council=world.council,
        valid_from=world.round.created_at.date().replace(year=2020),
        numerator=1,
        denominator=2,
    )
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members[:5], votes={nomination.pk: [FOR] * 5})
    result = vote_result(nomination)
    assert result is not None
    assert result.quorum_met
    assert result.passed


def test_total_members_threshold_nine_of_ten_passes_at_ninety_percent():
    world = council_world(size=10)
    nomination = make_nomination(round=world.round, code="CSTD_BT")
    run_vote(
        world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 9 + [AGAINST]}
    )
    result = vote_result(nomination)
    assert result is not None
    assert result.passed
    assert (result.for_votes, result.denominator) == (9, 10)
    assert result.denominator_type == "total_members"
    assert result.threshold == Fraction(9, 10)
    assert result.method == "secret_ballot"  # R-VOTE-1 prescribes the secret ballot
    nomination.refresh_from_db()
    assert nomination.state == NominationState.VOTED


def test_total_members_threshold_eight_of_nine_present_fails_against_ten_members():
    world = council_world(size=10)
    nomination = make_nomination(round=world.round, code="CSTD_BT")
    run_vote(
        world, [nomination], present=world.members[:9], votes={nomination.pk: [FOR] * 8 + [ABSTAIN]}
    )
    result = vote_result(nomination)
    assert result is not None
    assert result.quorum_met
    assert not result.passed
    assert (result.for_votes, result.eligible_voters, result.denominator) == (8, 9, 10)
    assert "9" in result.explanation  # nine votes for were needed


def test_present_members_denominator_needs_more_than_half():
    world = council_world(size=6)
    passes = make_nomination(round=world.round, code="CSTDCS")
    tie = make_nomination(round=world.round, code="CSTDCS")
    run_vote(
        world,
        [passes, tie],
        present=world.members[:4],
        votes={passes.pk: [FOR, FOR, FOR, AGAINST], tie.pk: [FOR, FOR, AGAINST, ABSTAIN]},
    )
    ok, half = vote_result(passes), vote_result(tie)
    assert ok is not None
    assert ok.passed
    assert ok.denominator == 4
    assert half is not None
    assert not half.passed
    assert half.denominator_type == "present_members"


def test_members_present_who_do_not_vote_still_count_in_the_present_denominator():
    world = council_world(size=6)
    nomination = make_nomination(round=world.round, code="GIAY_KHEN")
    run_vote(world, [nomination], present=world.members[:5], votes={nomination.pk: [FOR, FOR]})
    result = vote_result(nomination)
    assert result is not None
    assert (result.for_votes, result.denominator) == (2, 5)
    assert not result.passed


def test_recused_member_is_excluded_from_the_total_members_denominator():
    world = council_world(size=5)
    nominee = world.members[1].person
    nomination = make_nomination(round=world.round, code="CSTD_BT", person=nominee)
    run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 4})
    result = vote_result(nomination)
    assert result is not None
    assert result.recused_members == 1
    assert (result.for_votes, result.denominator) == (4, 4)  # 4/5 = 80% would have failed
    assert result.passed


def test_recused_member_is_excluded_from_the_present_denominator():
    world = council_world(size=5)
    member_unit = world.members[2].person.current_unit
    assert member_unit is None
    from tests.factories.people import PostFactory

    post = PostFactory(person=world.members[2].person)
    collective = post.unit
    nomination = make_nomination(round=world.round, code="TTLDTT", unit=collective)
    run_vote(world, [nomination], present=world.members[:4], votes={nomination.pk: [FOR, FOR]})
    result = vote_result(nomination)
    assert result is not None
    assert result.recused_members == 1
    assert (result.for_votes, result.eligible_voters, result.denominator) == (2, 3, 3)
    assert result.passed


def test_council_unit_rule_wins_over_the_general_one():
    world = council_world(size=4)
    set_vote_rule(
        rule=VoteRule("*", Fraction(3, 4), "total_members"),
        unit=world.council.unit,
        valid_from=dt.date(2020, 1, 1),
    )
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR, FOR, AGAINST]})
    result = vote_result(nomination)
    assert result is not None
    assert result.threshold == Fraction(3, 4)
    assert not result.passed  # 2 of 4 < 75%
    assert "tham số của địa phương" in result.citation  # the legal basis, in Vietnamese


def test_threshold_row_outside_its_dates_does_not_apply():
    world = council_world(size=4)
    set_parameter(
        key="vote_rules",
        value={"CSTDCS": {"threshold": "1/1"}},
        unit=None,
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR, FOR, FOR]})
    result = vote_result(nomination)
    assert result is not None
    assert result.passed
    assert result.threshold == Fraction(1, 2)  # the general rule: more than half
    assert not result.inclusive


def test_tally_and_engine_read_the_same_threshold_and_both_follow_an_edit():
    """Issue 10: one source. The office raises the CSTĐCS threshold from a date: the council
    tally and the eligibility engine's council check both apply it from that date."""
    world = council_world(size=5)
    unit = world.council.unit

    def engine_ok(day: dt.date, votes: int) -> bool:
        params = parameters_for(day, unit)
        batch = evaluate_batch(
            FactTables.build(
                subjects=pl.DataFrame({"subject_id": [1], "subject_type": ["individual"]}),
                years=pl.DataFrame({"subject_id": [1], "year": [2024], "rating": ["HTXSNV"]}),
                council=pl.DataFrame(
                    {"subject_id": [1], "total_members": [5], "present": [5], "votes_for": [votes]}
                ),
            ),
            Request(code="CSTDCS", period=2024, decision_date=day),
            params,
        )
        check = next(c for c in batch.explain(1).checks if c.key == "council_threshold")
        return check.ok

    day = SESSION_DAY
    before = threshold_for(council=world.council, award_code="CSTDCS", day=day)
    assert before.rule == vote_rule_for(day, unit, "CSTDCS")  # one rule, one place
    assert (before.threshold.fraction, before.threshold.inclusive) == (Fraction(1, 2), False)
    assert engine_ok(day, 3)  # 3 of 5 > 1/2

    save_vote_rule(
        rule=VoteRule("CSTDCS", Fraction(4, 5), "total_members"),
        unit=None,
        valid_from=day,
        actor=world.office,
        legal_basis="Quy chế Hội đồng 2025",
    )
    after = threshold_for(council=world.council, award_code="CSTDCS", day=day)
    assert (after.threshold.fraction, after.threshold.denominator_type) == (
        Fraction(4, 5),
        "total_members",
    )
    assert not engine_ok(day, 3)  # 3 of 5 < 80%, for the engine too
    assert engine_ok(day, 4)
    earlier = day - dt.timedelta(days=1)  # the edit has an effective date
    assert threshold_for(council=world.council, award_code="CSTDCS", day=earlier).threshold == (
        before.threshold
    )
    assert engine_ok(earlier, 3)

    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 3})
    result = vote_result(nomination)
    assert result is not None
    assert result.threshold == Fraction(4, 5)
    assert not result.passed


def test_the_general_rule_and_r_vote_1_come_from_the_engine_defaults():
    world = council_world(size=3)
    general = threshold_for(council=world.council, award_code="GIAY_KHEN", day=SESSION_DAY)
    hero = threshold_for(council=world.council, award_code="AH_LD", day=SESSION_DAY)
    assert general.rule == national_defaults().vote_rule("*")
    assert (hero.threshold.fraction, hero.method, hero.rule.rule) == (
        Fraction(9, 10),
        "secret_ballot",
        "R-VOTE-1",
    )


def test_vote_result_is_none_until_the_session_closes():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    run_vote(
        world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 3}, close=False
    )
    assert vote_result(nomination) is None


@pytest.mark.parametrize(
    ("for_votes", "denominator", "num", "den", "inclusive", "passed"),
    [
        (9, 10, 9, 10, True, True),
        (8, 9, 9, 10, True, False),
        (27, 30, 9, 10, True, True),
        (26, 30, 9, 10, True, False),
        (3, 6, 1, 2, False, False),
        (4, 7, 1, 2, False, True),
        (2, 3, 2, 3, True, True),
    ],
)
def test_threshold_arithmetic_is_exact(for_votes, denominator, num, den, inclusive, passed):
    counts = Counts(
        members=denominator,
        present=denominator,
        recused=0,
        participants=denominator,
        for_votes=for_votes,
        against_votes=denominator - for_votes,
        abstain_votes=0,
    )
    verdict = decide(counts, Threshold(num, den, inclusive, "total_members"), Fraction(2, 3))
    assert verdict.passed is passed


def test_quorum_needed_rounds_up():
    assert quorum_needed(10, Fraction(2, 3)) == 7
    assert quorum_needed(9, Fraction(2, 3)) == 6
    assert quorum_needed(0, Fraction(2, 3)) == 0
