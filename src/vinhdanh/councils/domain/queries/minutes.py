"""The minutes (biên bản) of a session as structured data: facts only, no wording.

Kept as JSON on the session when it closes, so the HTML page and the .docx render the same
frozen facts in the reader's language for labels, whatever happens to people or units later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vinhdanh.councils.domain.queries.councils import members_on, quorum_on
from vinhdanh.councils.domain.queries.tally import ItemCount
from vinhdanh.councils.models import Attendance, BallotCast, CouncilSession, Recusal

MINUTES_VERSION = 1


def _subject_unit(nomination: Any) -> str:
    person = nomination.person
    if person is None or person.current_unit is None:
        return ""
    return str(person.current_unit.name)


def build_minutes(
    session: CouncilSession, counted: list[ItemCount], *, closed_at: dt.datetime
) -> dict[str, Any]:
    council = session.council
    unit = council.unit
    parent = unit.parent
    members = members_on(council, session.date)
    present = set(Attendance.objects.filter(session=session).values_list("member_id", flat=True))
    written_by = set(
        BallotCast.objects.filter(session=session, written=True).values_list("member_id", flat=True)
    )
    names = {m.pk: m.display_name for m in members}
    recusals = _recusals_by_nomination(session, names)
    chair = next((m for m in members if m.role == "chair"), None)
    secretary = next((m for m in members if m.role == "secretary"), None)
    quorum = quorum_on(council, session.date)
    return {
        "version": MINUTES_VERSION,
        "council": council.name,
        "unit": unit.name,
        "parent_unit": parent.name if parent else "",
        "session": session.title,
        "date": session.date.isoformat(),
        "place": session.place,
        "method": session.method,
        "opened_at": session.opened_at.isoformat() if session.opened_at else "",
        "closed_at": closed_at.isoformat(),
        "chair": chair.display_name if chair else "",
        "secretary": secretary.display_name if secretary else "",
        "quorum": [quorum.numerator, quorum.denominator],
        "members": [
            {
                "name": m.display_name,
                "role": m.role,
                "title": m.title,
                "present": m.pk in present,
                "written": m.pk in written_by,
            }
            for m in members
        ],
        "items": [
            _minutes_item(position, count, recusals.get(count.item.nomination.pk, []))
            for position, count in enumerate(counted, start=1)
        ],
    }


def _recusals_by_nomination(
    session: CouncilSession, names: dict[int, str]
) -> dict[int, list[dict[str, Any]]]:
    recusals: dict[int, list[dict[str, Any]]] = {}
    for recusal in Recusal.objects.filter(session=session).order_by("id"):
        recusals.setdefault(recusal.nomination_id, []).append(
            {
                "member": names.get(recusal.member_id, str(recusal.member)),
                "reason": recusal.reason,
                "automatic": recusal.automatic,
            }
        )
    return recusals


def _minutes_item(
    position: int, count: ItemCount, recusals: list[dict[str, Any]]
) -> dict[str, Any]:
    """One agenda item as the minutes freeze it: the nominee, the count and its verdict."""
    nomination = count.item.nomination
    result = count.as_result()
    return {
        "position": position,
        "nomination_id": nomination.pk,
        "subject": nomination.subject_name,
        "subject_type": "person" if nomination.person_id else "collective",
        "subject_unit": _subject_unit(nomination),
        "kind_code": nomination.kind.code,
        "kind_name": nomination.kind.name_vi,
        "award_type": nomination.award_type,
        "period": nomination.period_label or str(nomination.period),
        "method": result.method,
        "for": result.for_votes,
        "against": result.against_votes,
        "abstain": result.abstain_votes,
        "written": result.written_votes,
        "total_members": result.total_members,
        "present_members": result.present_members,
        "recused_members": result.recused_members,
        "eligible_voters": result.eligible_voters,
        "denominator": result.denominator,
        "denominator_type": result.denominator_type,
        "threshold": [result.threshold.numerator, result.threshold.denominator],
        "inclusive": result.inclusive,
        "quorum": [count.quorum.numerator, count.quorum.denominator],
        "quorum_met": result.quorum_met,
        "passed": result.passed,
        "outcome": result.outcome,
        "citation": result.citation,
        "recusals": recusals,
    }
