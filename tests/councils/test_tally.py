"""Quorum, thresholds and denominators (rules.md §5.4), through real sessions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.councils.builders import (
    ABSTAIN,
    AGAINST,
    FOR,
    council_world,
    make_nomination,
    run_vote,
)
from vinhdanh.councils.domain.arithmetic import Counts, Threshold, decide, quorum_needed
from vinhdanh.councils.domain.queries import vote_result
from vinhdanh.councils.models import CouncilQuorum, VoteThreshold
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


def test_council_specific_threshold_row_wins_over_the_general_one():
    world = council_world(size=4)
    VoteThreshold.objects.create(
        council=world.council,
        award_code="*",
        numerator=3,
        denominator=4,
        inclusive=True,
        denominator_type="total_members",
    )
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR, FOR, AGAINST]})
    result = vote_result(nomination)
    assert result is not None
    assert result.threshold == Fraction(3, 4)
    assert not result.passed  # 2 of 4 < 75%


def test_threshold_row_outside_its_dates_does_not_apply():
    import datetime as dt

    world = council_world(size=4)
    VoteThreshold.objects.create(
        council=world.council,
        award_code="CSTDCS",
        numerator=1,
        denominator=1,
        denominator_type="total_members",
        valid_to=dt.date(2024, 12, 31),
    )
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR, FOR, FOR]})
    result = vote_result(nomination)
    assert result is not None
    assert result.passed
    assert result.threshold == Fraction(1, 2)


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
