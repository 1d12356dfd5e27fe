"""The vote arithmetic of rules.md §5.4, in integers only (no floats, no rounding).

Pure functions: the database side (`queries/tally.py`) counts, this side decides.

Choices stated once, here:

* Quorum is a property of the meeting: members present in the room against all members of
  the council on the session date (written votes do not make a quorum; recusals do not
  shrink it). It is checked first; without it nothing passes.
* `total_members`: the council's members on the session date, **minus the members recused
  on this nomination** — a member who may not vote cannot count against the nominee.
* `present_members`: the members who take part in the vote on this nomination — present in
  the room or voting in writing — **minus the recused members**.
* Pass when `for_votes * threshold_denominator >= threshold_numerator * denominator`
  (inclusive, "từ … trở lên"), or `>` when the threshold is strict ("more than half").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

DenominatorKind = Literal["total_members", "present_members"]
OutcomeCode = Literal["passed", "below_threshold", "quorum_not_met", "no_eligible_voters"]


@dataclass(frozen=True)
class Threshold:
    numerator: int
    denominator: int
    inclusive: bool
    denominator_type: DenominatorKind

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)


@dataclass(frozen=True)
class Counts:
    members: int  # council members on the session date
    present: int  # of them, present in the room
    recused: int  # of them, recused on this nomination
    participants: int  # present or voting in writing, not recused
    for_votes: int
    against_votes: int
    abstain_votes: int
    written_votes: int = 0


@dataclass(frozen=True)
class Verdict:
    quorum_met: bool
    quorum_needed: int
    eligible_voters: int
    denominator: int
    ratio: Fraction | None
    passed: bool
    outcome: OutcomeCode


def quorum_needed(members: int, quorum: Fraction) -> int:
    """The smallest number present that satisfies `present / members >= quorum`."""
    num, den = quorum.numerator, quorum.denominator
    return -((-num * members) // den)  # ceil(num * members / den) in integers


def votes_needed(denominator: int, threshold: Threshold) -> int:
    """The smallest number of votes for that passes (for the explanation)."""
    num, den = threshold.numerator, threshold.denominator
    if threshold.inclusive:
        return -((-num * denominator) // den)
    return (num * denominator) // den + 1


def denominator_for(counts: Counts, threshold: Threshold) -> int:
    if threshold.denominator_type == "total_members":
        return max(counts.members - counts.recused, 0)
    return counts.participants


def meets(for_votes: int, denominator: int, threshold: Threshold) -> bool:
    left = for_votes * threshold.denominator
    right = threshold.numerator * denominator
    return left >= right if threshold.inclusive else left > right


def decide(counts: Counts, threshold: Threshold, quorum: Fraction) -> Verdict:
    needed = quorum_needed(counts.members, quorum)
    quorum_met = counts.members > 0 and counts.present >= needed
    denominator = denominator_for(counts, threshold)
    ratio = Fraction(counts.for_votes, denominator) if denominator else None
    if not quorum_met:
        outcome: OutcomeCode = "quorum_not_met"
    elif denominator == 0 or counts.participants == 0:
        outcome = "no_eligible_voters"
    elif meets(counts.for_votes, denominator, threshold):
        outcome = "passed"
    else:
        outcome = "below_threshold"
    return Verdict(
        quorum_met=quorum_met,
        quorum_needed=needed,
        eligible_voters=counts.participants,
        denominator=denominator,
        ratio=ratio,
        passed=outcome == "passed",
        outcome=outcome,
    )
