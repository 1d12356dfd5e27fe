"""The decision that sets up or re-forms a programme's committee, as a Decree 30/2020 .docx.

"QUYẾT ĐỊNH Về việc thành lập (kiện toàn) Ban Chỉ đạo …": the issuing unit's header and
authority, the law on local government (for a people's committee) and the programme's own
basis, Điều 1 with the members as of the decision's effective date (head first), Điều 2 left for
the office to write (duties), Điều 3 on effect and execution, "Nơi nhận:" and the signature.
Laid out on the shared documents machinery, like the award decisions.
"""

from __future__ import annotations

from django.utils import translation
from docx.shared import Pt

from vinhdanh.documents import formats
from vinhdanh.documents.builder import CENTER, Header, OfficialDocument
from vinhdanh.documents.domain.legal import local_government_bases
from vinhdanh.documents.domain.settings import PEOPLES_COMMITTEE, office_for
from vinhdanh.documents.formats import nfc
from vinhdanh.people.enums import Gender
from vinhdanh.programmes.domain.queries.programmes import committee_as_of
from vinhdanh.programmes.enums import CommitteeDecisionKind, CommitteeRole
from vinhdanh.programmes.models import CommitteeDecision, CommitteeMembership


def committee_decision_subject(decision: CommitteeDecision) -> str:
    committee = decision.committee
    verb = "thành lập" if decision.kind == CommitteeDecisionKind.SET_UP else "kiện toàn"
    name = nfc(committee.name)
    programme = committee.programme
    if programme is not None and nfc(programme.name).casefold() not in name.casefold():
        name = f"{name} {_lower_first(nfc(programme.name))}"
    return f"Về việc {verb} {name}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _member_line(number: int, member: CommitteeMembership) -> str:
    gender = member.person.gender if member.person is not None else ""
    titles: dict[str, str] = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}
    title = titles.get(gender, "Ông (bà)")
    with translation.override("vi"):
        role = str(CommitteeRole(member.role).label)
    post = f", {nfc(member.post_title)}" if member.post_title else ""
    return f"{number}. {title} {nfc(member.full_name)}{post} – {role};"


def render_committee_decision(decision: CommitteeDecision) -> bytes:
    committee = decision.committee
    office = office_for(committee.unit, decision.date)
    doc = OfficialDocument()
    doc.header(
        Header(
            issuing_body=office.issuing_body,
            parent_body=office.parent_body,
            number=f"Số: {nfc(decision.number)}" if decision.number else "Số:      /QĐ",
            date_line=formats.date_line(office.place, decision.date),
        )
    )
    subject = committee_decision_subject(decision)
    doc.title("Quyết định", subject)
    doc.centred(office.authority_line, "authority")
    bases = []
    if office.issuing_body.lower().startswith(PEOPLES_COMMITTEE.lower()):
        bases += local_government_bases(decision.date)
    if committee.programme is not None and committee.programme.legal_basis:
        bases.append(f"Căn cứ {_lower_first(nfc(committee.programme.legal_basis).rstrip('.;'))}")
    bases.append(f"Theo đề nghị của {office.proposer}")
    doc.bases(bases)
    doc.para("QUYẾT ĐỊNH:", "decides", align=CENTER, after=12).paragraph_format.space_before = Pt(6)
    members = committee_as_of(committee, decision.effective_on)
    verb = subject.removeprefix("Về việc ")
    doc.article(1, f"{verb[:1].upper()}{verb[1:]}, gồm các ông (bà) có tên sau:")
    for number, member in enumerate(members, start=1):
        doc.para(_member_line(number, member), indent=True, after=0)
    doc.blank(6)
    doc.article(2, f"Nhiệm vụ, quyền hạn của {nfc(committee.name)}:")
    doc.to_fill("Nhiệm vụ, quyền hạn; chế độ làm việc; kinh phí", lines=2)
    earlier = [
        d
        for d in committee.decisions.all()
        if d.pk != decision.pk and d.effective_on < decision.effective_on
    ]
    replaced = (
        f" và thay thế Quyết định số {nfc(earlier[-1].number)} ngày "
        f"{formats.short_date(earlier[-1].date)}"
        if earlier and decision.kind == CommitteeDecisionKind.REFORM
        else ""
    )
    doc.article(
        3,
        f"Quyết định này có hiệu lực kể từ ngày {formats.short_date(decision.effective_on)}"
        f"{replaced}. Thủ trưởng các cơ quan, đơn vị có liên quan và các ông (bà) có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    )
    doc.closing(["Như Điều 3", "Lưu: VT"], office.signature)
    return doc.save()


def committee_decision_filename(decision: CommitteeDecision) -> str:
    verb = "thanh-lap" if decision.kind == CommitteeDecisionKind.SET_UP else "kien-toan"
    return f"quyet-dinh-{verb}-ban-{decision.committee.pk}-{decision.date:%Y%m%d}.docx"
