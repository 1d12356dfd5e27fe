"""Rendering the minutes (biên bản) of a closed session: a page and a .docx.

Both render the frozen structured data kept on the session (`CouncilSession.minutes`). The
.docx is laid out by the shared Decree 30/2020/NĐ-CP machinery (`vinhdanh.documents.builder`),
like every other document the system issues.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from vinhdanh.awards.enums import OutgoingKind
from vinhdanh.awards.models import OutgoingDocument
from vinhdanh.awards.signals import outgoing_registered
from vinhdanh.councils.domain.queries.tally import VoteResult
from vinhdanh.councils.enums import CouncilRole, VotingMethod
from vinhdanh.councils.models import CouncilSession
from vinhdanh.documents import formats
from vinhdanh.documents.builder import CENTER, LEFT, Column, Header, OfficialDocument
from vinhdanh.documents.formats import FONT, MOTTO, NATIONAL_NAME, date_line
from vinhdanh.documents.interfaces.kept_papers import keep_paper, kept_file

log = logging.getLogger(__name__)

__all__ = [
    "FONT",
    "MOTTO",
    "NATIONAL_NAME",
    "date_line",
    "minutes_docx",
    "minutes_file",
    "minutes_of",
]


def _role_label(role: str) -> str:
    return str(CouncilRole(role).label) if role in CouncilRole.values else role


def _method_label(method: str) -> str:
    return str(VotingMethod(method).label) if method in VotingMethod.values else method


def result_of(item: dict[str, Any], session_id: int = 0) -> VoteResult:
    return VoteResult(
        session_id=session_id,
        nomination_id=int(item["nomination_id"]),
        method=str(item["method"]),
        passed=bool(item["passed"]),
        outcome=str(item["outcome"]),
        for_votes=int(item["for"]),
        against_votes=int(item["against"]),
        abstain_votes=int(item["abstain"]),
        written_votes=int(item["written"]),
        total_members=int(item["total_members"]),
        present_members=int(item["present_members"]),
        recused_members=int(item["recused_members"]),
        eligible_voters=int(item["eligible_voters"]),
        denominator=int(item["denominator"]),
        denominator_type=str(item["denominator_type"]),
        threshold=Fraction(int(item["threshold"][0]), int(item["threshold"][1])),
        inclusive=bool(item["inclusive"]),
        quorum_met=bool(item["quorum_met"]),
        citation=str(item.get("citation", "")),
    )


@dataclass(frozen=True)
class MinutesLine:
    item: dict[str, Any]
    result: VoteResult


@dataclass(frozen=True)
class Minutes:
    data: dict[str, Any]
    day: dt.date
    date_line: str
    present: list[dict[str, Any]]
    absent: list[dict[str, Any]]
    lines: list[MinutesLine]

    @property
    def number_line(self) -> str:
        """ "Số: 03/BB-HĐTĐKT", as the .docx prints it under the council's name."""
        return _number_line(self.data)

    @property
    def passed(self) -> list[MinutesLine]:
        return [line for line in self.lines if line.result.passed]


def minutes_of(data: dict[str, Any]) -> Minutes:
    day = dt.date.fromisoformat(str(data["date"]))
    members = list(data.get("members", []))
    return Minutes(
        data=data,
        day=day,
        date_line=date_line(str(data.get("place") or ""), day),
        present=[m for m in members if m["present"]],
        absent=[m for m in members if not m["present"]],
        lines=[MinutesLine(item, result_of(item)) for item in data.get("items", [])],
    )


# --- .docx ---------------------------------------------------------------------------------


def minutes_docx(data: dict[str, Any]) -> bytes:
    """The minutes as a Word document, in Vietnamese, on the shared Decree 30/2020 machinery."""
    with translation.override("vi"):
        minutes = minutes_of(data)
        _check(minutes)
        return _build_docx(minutes)


def _make(session: CouncilSession) -> tuple[str, bytes]:
    return f"bien-ban-hop-hoi-dong-{session.pk}.docx", minutes_docx(session.minutes or {})


def minutes_file(session: CouncilSession) -> tuple[str, bytes]:
    """The minutes of a closed session: the .docx kept when the register numbered them.

    The frozen data alone is not enough to keep them as issued: the letterhead and the place
    come from the office's current settings, so the file itself is stored. Sessions closed
    before numbering existed have no entry and are rendered from their frozen data.
    """
    entry = OutgoingDocument.objects.filter(session=session).first()
    if entry is None:
        return _make(session)
    return kept_file(entry, lambda: _make(session))


def _on_registered(sender: Any, entry: OutgoingDocument, **kwargs: Any) -> None:
    if entry.kind != OutgoingKind.MINUTES or entry.session_id is None:
        return
    session = CouncilSession.objects.get(pk=entry.session_id)
    if not session.minutes:
        return
    try:
        keep_paper(entry, lambda: _make(session))
    except Exception:  # never break the closing that already committed
        log.exception("session %s: keeping the minutes failed", session.pk)


def connect() -> None:
    outgoing_registered.connect(_on_registered, dispatch_uid="councils-keep-minutes")


def _check(minutes: Minutes) -> None:
    """Names the font cannot print stop the document before anything is made."""
    data = minutes.data
    for member in data.get("members", []):
        formats.check_font(_("The name"), str(member["name"]))
    for item in data.get("items", []):
        formats.check_font(_("The name"), str(item["subject"]))


def _office(data: dict[str, Any]) -> tuple[str, str]:
    """(body the council serves, địa danh): from the council's unit and its document settings;
    the session's room stays in the text ("Địa điểm")."""
    from vinhdanh.documents.domain.settings import office_for
    from vinhdanh.orgs.models import Unit

    unit = Unit.objects.filter(name=str(data.get("unit") or "")).order_by("id").first()
    if unit is None:
        return str(data.get("parent_unit") or ""), ""
    office = office_for(unit)
    return office.issuing_body, office.place


def _number_line(data: dict[str, Any]) -> str:
    """ "Số: 03/BB-HĐTĐKT" once the session closed and the minutes took their number from the
    register; minutes closed before numbering existed leave it blank for the văn thư."""
    number = data.get("number")
    symbol = str(data.get("symbol") or "BB-HĐTĐKT")
    return formats.number_line(int(number) if number else None, symbol)


def _build_docx(minutes: Minutes) -> bytes:
    data = minutes.data
    body, place = _office(data)
    doc = OfficialDocument()
    doc.header(
        Header(
            parent_body=body,
            issuing_body=str(data["council"]),
            number=_number_line(data),
            date_line=date_line(place, minutes.day),
        )
    )
    doc.title(
        _("MINUTES"),
        _("Meeting of the %(council)s: %(session)s")
        % {"council": data["council"], "session": data["session"]},
    )
    _write_attendance(doc, minutes)
    doc.blank(6)
    doc.para(
        _("Voting method: %(method)s.") % {"method": _method_label(data["method"])},
        indent=True,
    )
    doc.para(_("RESULTS OF THE VOTE"), "article", align=LEFT)
    _write_results(doc, minutes)
    doc.para(_("CONCLUSION"), "article", align=LEFT)
    _write_conclusion(doc, minutes)
    doc.blank(12)
    doc.signatures(
        [
            (_("SECRETARY"), str(data.get("secretary") or "")),
            (_("CHAIR OF THE COUNCIL"), str(data.get("chair") or "")),
        ]
    )
    return doc.save()


def _write_attendance(doc: OfficialDocument, minutes: Minutes) -> None:
    """Date, place, chair and secretary, then who was present and who was absent."""
    data = minutes.data
    doc.para(
        _("Date: %(date)s. Place: %(place)s.")
        % {"date": f"{minutes.day:%d/%m/%Y}", "place": data.get("place") or "—"},
        indent=True,
    )
    doc.para(
        _("Chaired by: %(chair)s. Secretary: %(secretary)s.")
        % {"chair": data.get("chair") or "—", "secretary": data.get("secretary") or "—"},
        indent=True,
    )
    total = len(data.get("members", []))
    doc.para(
        _("Members present: %(present)d of %(total)d (quorum %(num)d/%(den)d).")
        % {
            "present": len(minutes.present),
            "total": total,
            "num": data["quorum"][0],
            "den": data["quorum"][1],
        },
        indent=True,
    )
    for member in minutes.present:
        doc.para(f"- {member['name']} ({_role_label(member['role'])})", indent=True, after=0)
    if minutes.absent:
        doc.para(_("Absent:"), indent=True, after=0)
        for member in minutes.absent:
            suffix = _(" — voted in writing") if member["written"] else ""
            doc.para(
                f"- {member['name']} ({_role_label(member['role'])}){suffix}",
                indent=True,
                after=0,
            )


def _write_results(doc: OfficialDocument, minutes: Minutes) -> None:
    """The table of votes, then each item's explanation and the members who did not vote."""
    columns = [
        Column(_("No."), 13, CENTER),
        Column(_("Nominee"), 33),
        Column(_("Award"), 32),
        Column(_("For"), 17, CENTER),
        Column(_("Against"), 19, CENTER),
        Column(_("Abstain"), 19, CENTER),
        Column(_("Ratio"), 15, CENTER),
        Column(_("Result"), 15, CENTER),
    ]
    rows = [
        [
            str(line.item["position"]),
            str(line.item["subject"]),
            f"{line.item['kind_name']} ({line.item['period']})",
            str(line.result.for_votes),
            str(line.result.against_votes),
            str(line.result.abstain_votes),
            line.result.ratio_percent,
            _("Passed") if line.result.passed else _("Not passed"),
        ]
        for line in minutes.lines
    ]
    doc.table(columns, rows, compact=True)
    doc.blank(6)
    for line in minutes.lines:
        item = line.item
        doc.para(f"{item['position']}. {item['subject']}: {line.result.explanation}", indent=True)
        for recusal in item.get("recusals", []):
            paragraph = doc.para(indent=True)
            doc.run(
                paragraph,
                _("%(member)s did not vote: %(reason)s")
                % {"member": recusal["member"], "reason": recusal["reason"]},
                "to_fill",
            )


def _write_conclusion(doc: OfficialDocument, minutes: Minutes) -> None:
    if minutes.passed:
        doc.para(
            _("The council agreed to propose: %(names)s.")
            % {
                "names": "; ".join(
                    f"{line.item['subject']} ({line.item['kind_name']})" for line in minutes.passed
                )
            },
            indent=True,
        )
    else:
        doc.para(_("No nomination reached the required vote."), indent=True)
    doc.para(_("The meeting closed the same day."), indent=True)
