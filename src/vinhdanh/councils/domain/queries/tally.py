"""The tally: counting a session's votes per nomination, and the result NOMINATIONS reads.

The counts come from the database here; the pass/fail arithmetic is in
`councils.domain.arithmetic` (integers only). Results are computed live while a session is
open (for closing) and read back from the frozen `AgendaItem` rows once it is closed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from vinhdanh.councils.domain.arithmetic import Counts, Threshold, Verdict, decide, votes_needed
from vinhdanh.councils.domain.queries.councils import (
    citation_of,
    members_on,
    recused_pairs,
    threshold_for,
)
from vinhdanh.councils.enums import (
    Choice,
    DenominatorType,
    SessionStatus,
    TallyOutcome,
    VotingMethod,
)
from vinhdanh.councils.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotCast,
    CouncilSession,
    HandCount,
)
from vinhdanh.eligibility.core import VoteRule


@dataclass(frozen=True)
class VoteResult:
    """The council's vote on one nomination (rules.md §5.4)."""

    session_id: int
    nomination_id: int
    method: str
    passed: bool
    outcome: str
    for_votes: int
    against_votes: int
    abstain_votes: int
    written_votes: int
    total_members: int
    present_members: int
    recused_members: int
    eligible_voters: int
    denominator: int
    denominator_type: str
    threshold: Fraction
    inclusive: bool
    quorum_met: bool
    citation: str = ""  # the rule id and legal basis of the threshold applied

    @property
    def ratio(self) -> Fraction | None:
        return Fraction(self.for_votes, self.denominator) if self.denominator else None

    @property
    def ratio_percent(self) -> str:
        return _percent(self.ratio)

    @property
    def threshold_percent(self) -> str:
        return _percent(self.threshold)

    @property
    def explanation(self) -> str:
        return explain(self)


def _percent(value: Fraction | None) -> str:
    if value is None:
        return "—"
    tenths = round(value * 1000)  # one decimal place, shown only when needed
    whole, rest = divmod(tenths, 10)
    return f"{whole}%" if rest == 0 else f"{whole},{rest}%"


def explain(result: VoteResult) -> str:
    """One sentence a council secretary would write in the minutes."""
    over = (
        _("of the total members (%(n)d)")
        if result.denominator_type == DenominatorType.TOTAL_MEMBERS
        else _("of the members taking part (%(n)d)")
    ) % {"n": result.denominator}
    sign = _("at least") if result.inclusive else _("more than")
    rule = _("threshold: %(sign)s %(pct)s %(over)s") % {
        "sign": sign,
        "pct": result.threshold_percent,
        "over": over,
    }
    if result.outcome == TallyOutcome.QUORUM_NOT_MET:
        return _(
            "Not passed: the quorum was not met (%(present)d of %(total)d members present)."
        ) % {"present": result.present_members, "total": result.total_members}
    if result.outcome == TallyOutcome.NO_ELIGIBLE_VOTERS:
        return _("Not passed: no member could vote on this nomination.")
    numbers = _("%(for)d for, %(against)d against, %(abstain)d abstaining (%(ratio)s)") % {
        "for": result.for_votes,
        "against": result.against_votes,
        "abstain": result.abstain_votes,
        "ratio": result.ratio_percent,
    }
    if result.passed:
        return _("Passed: %(numbers)s; %(rule)s.") % {"numbers": numbers, "rule": rule}
    needed = votes_needed(
        result.denominator,
        Threshold(
            result.threshold.numerator,
            result.threshold.denominator,
            result.inclusive,
            "total_members"
            if result.denominator_type == DenominatorType.TOTAL_MEMBERS
            else "present_members",
        ),
    )
    return _("Not passed: %(numbers)s; %(rule)s, so %(needed)d votes for were needed.") % {
        "numbers": numbers,
        "rule": rule,
        "needed": needed,
    }


# --- live counting -------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemCount:
    item: AgendaItem
    method: str
    counts: Counts
    threshold: Threshold
    quorum: Fraction
    rule: VoteRule
    verdict: Verdict

    def as_result(self) -> VoteResult:
        return VoteResult(
            session_id=self.item.session_id,
            nomination_id=self.item.nomination_id,
            method=self.method,
            passed=self.verdict.passed,
            outcome=self.verdict.outcome,
            for_votes=self.counts.for_votes,
            against_votes=self.counts.against_votes,
            abstain_votes=self.counts.abstain_votes,
            written_votes=self.counts.written_votes,
            total_members=self.counts.members,
            present_members=self.counts.present,
            recused_members=self.counts.recused,
            eligible_voters=self.verdict.eligible_voters,
            denominator=self.verdict.denominator,
            denominator_type=self.threshold.denominator_type,
            threshold=self.threshold.fraction,
            inclusive=self.threshold.inclusive,
            quorum_met=self.verdict.quorum_met,
            citation=citation_of(self.rule),
        )


def item_method(session: CouncilSession, item: AgendaItem, spec_method: str) -> str:
    return item.method or spec_method or session.method


def count_session(session: CouncilSession) -> list[ItemCount]:
    """Count every agenda item of a session as things stand (used to close it)."""
    members = {m.pk for m in members_on(session.council, session.date)}
    present = (
        set(Attendance.objects.filter(session=session).values_list("member_id", flat=True))
        & members
    )
    recusals = recused_pairs(session)
    casts: dict[int, set[int]] = {}
    written: Counter[int] = Counter()
    for member_id, nomination_id, is_written in BallotCast.objects.filter(
        session=session
    ).values_list("member_id", "nomination_id", "written"):
        casts.setdefault(nomination_id, set()).add(member_id)
        written[nomination_id] += int(is_written)
    ballots: dict[tuple[int, str], int] = {
        (row["nomination_id"], row["choice"]): row["n"]
        for row in Ballot.objects.filter(session=session)
        .values("nomination_id", "choice")
        .annotate(n=Count("id"))
        .order_by()
    }
    hands = {h.nomination_id: h for h in HandCount.objects.filter(session=session)}
    items = AgendaItem.objects.filter(session=session).select_related(
        "nomination", "nomination__kind"
    )
    counted: list[ItemCount] = []
    for item in items:
        nomination_id = item.nomination_id
        spec = threshold_for(
            council=session.council, award_code=item.nomination.kind.code, day=session.date
        )
        method = item_method(session, item, spec.method)
        recused = {m for m, n in recusals if n == nomination_id} & members
        if method == VotingMethod.SHOW_OF_HANDS:
            participants = present - recused
            hand = hands.get(nomination_id)
            votes = (hand.for_votes, hand.against_votes, hand.abstain_votes) if hand else (0, 0, 0)
            written_n = 0
        else:
            participants = (present | casts.get(nomination_id, set())) - recused
            votes = (
                ballots.get((nomination_id, Choice.FOR), 0),
                ballots.get((nomination_id, Choice.AGAINST), 0),
                ballots.get((nomination_id, Choice.ABSTAIN), 0),
            )
            written_n = written[nomination_id]
        counts = Counts(
            members=len(members),
            present=len(present),
            recused=len(recused),
            participants=len(participants),
            for_votes=votes[0],
            against_votes=votes[1],
            abstain_votes=votes[2],
            written_votes=written_n,
        )
        verdict = decide(counts, spec.threshold, spec.quorum)
        counted.append(
            ItemCount(item, method, counts, spec.threshold, spec.quorum, spec.rule, verdict)
        )
    return counted


# --- frozen results ------------------------------------------------------------------------


def _frozen(item: AgendaItem) -> VoteResult:
    return VoteResult(
        session_id=item.session_id,
        nomination_id=item.nomination_id,
        method=item.method,
        passed=bool(item.passed),
        outcome=item.outcome,
        for_votes=item.for_votes or 0,
        against_votes=item.against_votes or 0,
        abstain_votes=item.abstain_votes or 0,
        written_votes=item.written_votes or 0,
        total_members=item.total_members or 0,
        present_members=item.present_members or 0,
        recused_members=item.recused_members or 0,
        eligible_voters=item.eligible_voters or 0,
        denominator=item.denominator or 0,
        denominator_type=item.denominator_type,
        threshold=Fraction(item.threshold_numerator or 0, item.threshold_denominator or 1),
        inclusive=item.threshold_inclusive,
        quorum_met=bool(item.quorum_met),
        citation=item.threshold_citation,
    )


def session_results(session: CouncilSession) -> list[tuple[AgendaItem, VoteResult]]:
    """The frozen tally of a closed session, in agenda order (empty while it is open)."""
    if session.status != SessionStatus.CLOSED:
        return []
    items = (
        AgendaItem.objects.filter(session=session)
        .select_related(
            "nomination",
            "nomination__kind",
            "nomination__person",
            "nomination__unit",
        )
        .order_by("position", "id")
    )
    return [(item, _frozen(item)) for item in items]


def vote_result(nomination: Any) -> VoteResult | None:
    """The council's latest vote on a nomination (closed sessions only), or None."""
    item = (
        AgendaItem.objects.filter(
            nomination_id=getattr(nomination, "pk", nomination),
            session__status=SessionStatus.CLOSED,
        )
        .order_by("-session__date", "-session__closed_at", "-session_id")
        .first()
    )
    return _frozen(item) if item is not None else None
