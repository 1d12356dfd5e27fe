"""The decision (Quyết định), the submission (Tờ trình) and the public-notice list, as .docx.

Each document is made in two steps: `*_paper(...)` gathers and checks everything from the
database (raising `DocumentError` with a Vietnamese message before anything is generated),
then `render_*` lays the paper out on the shared machinery (`documents.builder`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.shared import Pt

from vinhdanh.awards.domain.register import COUNCIL_SYMBOL, symbol_for
from vinhdanh.awards.enums import OutgoingKind
from vinhdanh.awards.models import Decision, OutgoingDocument
from vinhdanh.common.numbers import decision_number
from vinhdanh.documents import formats, money
from vinhdanh.documents.builder import CENTER, Annex, Header, OfficialDocument, Signature
from vinhdanh.documents.domain.legal import regime_name
from vinhdanh.documents.domain.settings import (
    COUNCIL,
    PEOPLES_COMMITTEE,
    Office,
    council_of_body,
    office_for,
)
from vinhdanh.documents.formats import DocumentError, nfc
from vinhdanh.documents.interfaces.recipients import (
    Recipient,
    check_recipients,
    counted_summary,
    grouped,
    list_tables,
    recipient_of,
)
from vinhdanh.nominations.domain.submissions import council_proposes, submission_issuer
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, PublicNotice, Round
from vinhdanh.orgs.models import Unit

_INACTIVE = (NominationState.WITHDRAWN, NominationState.REJECTED)
_HOI_DONG = "Hội đồng"
_ARTICLE_DECREE = {
    "regime_2013": "Nghị định số 91/2017/NĐ-CP",
    "regime_2022a": "Nghị định số 98/2023/NĐ-CP",
    "regime_2022b": "Nghị định số 152/2025/NĐ-CP",
}


def _signature(
    office: Office, name: str = "", title: str = "", *, collective: bool = False
) -> Signature:
    """The office's signature block; a deputy ("Phó …") signs for the head (KT.). A People's
    Committee's own documents (`collective`) are signed on its behalf: "TM. ỦY BAN NHÂN DÂN"."""
    signature = office.signature
    name = nfc(name) or signature.name
    title = nfc(title) or signature.title
    before: tuple[str, ...] = ()
    if (
        collective
        and not signature.authority
        and office.issuing_body.lower().startswith(PEOPLES_COMMITTEE.lower())
    ):
        before = (f"TM. {PEOPLES_COMMITTEE}",)
    if title.lower().startswith("phó ") and not signature.authority:
        return Signature(
            title=title, name=name, authority="KT.", on_behalf_of=title[4:], lines_before=before
        )
    return replace(signature, name=name, title=title, lines_before=before)


def _check_signer(signature: Signature, body: str) -> None:
    if not signature.name:
        raise DocumentError(
            _(
                "The signer's name is missing for %(body)s: enter it in the decision or in the "
                "office's document settings."
            )
            % {"body": body}
        )
    formats.check_font(_("The signer's name"), signature.name)


def _years(recipients: list[Recipient]) -> str:
    periods = sorted({r.period for r in recipients if r.period})
    return ", ".join(periods)


# --- the decision --------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionPaper:
    office: Office
    issuing_body: str
    number: int | None
    symbol: str
    signed_on: dt.date
    subject: str
    bases: list[str]
    recipients: list[Recipient]
    signature: Signature
    draft: bool = False

    @property
    def number_label(self) -> str:
        if self.number is None:
            return f"      /{self.symbol}"
        return decision_number(self.number, self.symbol)


def _decision_subject(recipients: list[Recipient]) -> str:
    groups = grouped(recipients)
    names = "; ".join(g.verb[0].lower() + g.verb[1:] for g in groups)
    return f"Về việc {names}"


def decision_paper(decision: Decision) -> DecisionPaper:
    """An issued decision, from its awards."""
    office = office_for(decision.issuing_unit, decision.signed_on)
    awards = list(
        decision.awards.select_related(
            "kind", "person", "person__current_unit", "unit", "unit__parent"
        ).order_by("kind__sort_order", "unit_id", "person__sort_key", "id")
    )
    recipients = [
        recipient_of(
            person=a.person,
            unit=a.unit,
            kind=a.kind,
            period=a.period_label or str(a.period or ""),
            base_salary=office.base_salary,
            authority=office.authority_line,
        )
        for a in awards
    ]
    check_recipients(recipients, _("The decision has no recipients: there is nothing to list."))
    signature = _signature(office, decision.signer_name, decision.signer_title)
    _check_signer(signature, decision.issuing_body or office.issuing_body)
    bases = [nfc(b) for b in decision.legal_bases.splitlines() if nfc(b)]
    if not bases:
        bases = [*office.bases(decision.signed_on), office.proposer]
    return DecisionPaper(
        office=office,
        issuing_body=nfc(decision.issuing_body) or office.issuing_body,
        number=decision.number,
        symbol=decision.symbol,
        signed_on=decision.signed_on,
        subject=nfc(decision.subject) or _decision_subject(recipients),
        bases=bases,
        recipients=recipients,
        signature=signature,
        draft=not decision.is_issued,
    )


def draft_decision_paper(round_: Round, on: dt.date | None = None) -> DecisionPaper:
    """The decision the decider would sign for a round's proposed nominations (a preview)."""
    on = on or round_.planned_decision_date or timezone.localdate()
    office = office_for(round_.decider_unit, on)
    nominations = _nominations(round_, states=(NominationState.PROPOSED, NominationState.VOTED))
    recipients = [_recipient(n, office) for n in nominations]
    check_recipients(
        recipients,
        _(
            "No nomination of this round has been proposed to the decider yet: the draft decision "
            "would have no recipients."
        ),
    )
    signature = _signature(office)
    _check_signer(signature, office.issuing_body)
    return DecisionPaper(
        office=office,
        issuing_body=office.issuing_body,
        number=None,
        symbol=f"QĐ-{office.symbol}",
        signed_on=on,
        subject=_decision_subject(recipients),
        bases=[*office.bases(on), office.proposer],
        recipients=recipients,
        signature=signature,
        draft=True,
    )


def render_decision(paper: DecisionPaper) -> bytes:
    office = paper.office
    doc = OfficialDocument()
    doc.header(
        Header(
            issuing_body=paper.issuing_body,
            parent_body=office.parent_body,
            number=formats.number_line(paper.number, paper.symbol),
            date_line=formats.date_line(office.place, paper.signed_on),
        )
    )
    doc.title("Quyết định", paper.subject)
    doc.centred(office.authority_line, "authority")
    doc.bases(paper.bases)
    doc.para("QUYẾT ĐỊNH:", "decides", align=CENTER, after=12).paragraph_format.space_before = Pt(6)
    groups = grouped(paper.recipients)
    years = _years(paper.recipients)
    achievement = (
        f"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {years}"
        if years
        else "đã có thành tích xuất sắc"
    )
    if len(groups) == 1:
        g = groups[0]
        doc.article(1, f"{g.verb} cho {g.counted()} (có danh sách kèm theo), {achievement}.")
    else:
        doc.article(
            1, f"Khen thưởng {counted_summary(groups)} (có danh sách kèm theo), {achievement}:"
        )
        for index, g in enumerate(groups, start=1):
            end = "." if index == len(groups) else ";"
            doc.para(f"{index}. {g.verb} cho {g.counted()}{end}", indent=True)
    total = sum(g.total for g in groups)
    decree = _ARTICLE_DECREE.get(regime_name(paper.signed_on), "")
    if total:
        doc.article(
            2,
            f"Tiền thưởng kèm theo thực hiện theo quy định tại {decree}; tổng số tiền thưởng là "
            f"{money.vnd(total)} đồng ({money.in_words(total)}), chi từ Quỹ thi đua, khen "
            f"thưởng của {paper.issuing_body}.",
        )
    else:
        doc.article(2, "Quyết định này có hiệu lực kể từ ngày ký.")
    doc.article(
        3,
        "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    )
    doc.closing(["Như Điều 3", "Lưu: VT, TĐKT"], paper.signature)
    doc.page_break()
    doc.annex_heading(
        Annex(
            title="Danh sách\ncác tập thể, cá nhân được khen thưởng",
            note=f"(Kèm theo Quyết định số {paper.number_label} ngày "
            f"{formats.short_date(paper.signed_on)} của {office.authority_line[:1].upper()}"
            f"{office.authority_line[1:]})",
        )
    )
    list_tables(doc, groups, amounts=True)
    return doc.save()


# --- nominations of a round ----------------------------------------------------------------


def _nominations(
    round_: Round, *, states: tuple[str, ...] | None = None, ids: list[int] | None = None
) -> list[Nomination]:
    query = Nomination.objects.filter(round=round_).exclude(state__in=_INACTIVE)
    if states is not None:
        query = query.filter(state__in=states)
    if ids is not None:
        query = query.filter(pk__in=ids)
    return list(
        query.select_related(
            "kind", "person", "person__current_unit", "unit", "unit__parent"
        ).order_by("kind__sort_order", "unit_id", "person__sort_key", "id")
    )


def _recipient(n: Nomination, decider: Office) -> Recipient:
    """A nominee's line, the commendation named by the decider it is proposed to."""
    return recipient_of(
        person=n.person,
        unit=n.unit,
        kind=n.kind,
        period=n.period_label or str(n.period),
        base_salary=decider.base_salary,
        authority=decider.authority_line,
    )


# --- the submission ------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmissionPaper:
    office: Office  # the issuing unit: the emulation office at the decider's level, or the decider
    to: Office  # the deciding unit
    round_name: str
    day: dt.date
    recipients: list[Recipient]
    signature: Signature
    symbol: str = ""
    number: int | None = None  # None: not yet sent up, the văn thư's blank
    council: str = ""  # the council that voted: "Hội đồng Thi đua - Khen thưởng tỉnh Hà Tĩnh"
    by_council: bool = False  # no office under the decider: its council proposes

    @property
    def issuing_body(self) -> str:
        """The letterhead's body: "Sở Nội vụ", or the council under the decider's body."""
        return COUNCIL if self.by_council else self.office.issuing_body

    @property
    def parent_body(self) -> str:
        return self.office.issuing_body if self.by_council else self.office.parent_body

    @property
    def signer_title(self) -> str:
        """The signer's title as a register names it: "Giám đốc", "Phó Chủ tịch Hội đồng …"."""
        if self.by_council:
            return f"{self.signature.title} {self.council}"
        return self.signature.title

    @property
    def proposer(self) -> str:
        """Who proposes, as the text names it."""
        return self.council if self.by_council else self.office.issuing_body


def _voting_council(nominations: list[Nomination], decider: Unit, on: dt.date) -> Any:
    """The council whose closed session passed these nominations (the latest), else the
    decider's own council in office on the day; None when there is none."""
    voted = (
        Nomination.objects.filter(pk__in=[n.pk for n in nominations], agenda_items__passed=True)
        .order_by("-agenda_items__session__date", "-agenda_items__session_id")
        .values_list("agenda_items__session__council_id", flat=True)
        .first()
    )
    councils = decider.councils.all()
    if voted is not None:
        return councils.model.objects.filter(pk=voted).select_related("unit").first()
    current = councils.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    return current.order_by("-id").first()


def _council_name(council: Any, decider: Office, on: dt.date) -> str:
    if council is None:
        return council_of_body(decider.issuing_body)
    return nfc(council.name) or council_of_body(office_for(council.unit, on).issuing_body)


def _council_signature(council: Any, on: dt.date) -> Signature:
    """The council's submission is signed for it (TM. Hội đồng) by its vice chair for the chair
    (the chair is usually the head it is addressed to), else by the chair."""
    if council is None:
        return Signature(title="Phó Chủ tịch", name="")
    members = [
        m
        for m in council.members.select_related("person", "user").order_by("id")
        if m.is_valid_on(on)
    ]
    for role, signature in (
        ("vice_chair", Signature("Phó Chủ tịch", "", "KT.", "Chủ tịch", (f"TM. {_HOI_DONG}",))),
        ("chair", Signature("Chủ tịch", "", lines_before=(f"TM. {_HOI_DONG}",))),
    ):
        for member in members:
            if member.role == role and nfc(member.display_name):
                return replace(signature, name=nfc(member.display_name))
    return Signature(title="Phó Chủ tịch", name="")


def _check_not_addressee(signature: Signature, to: Office) -> None:
    """A paper is never signed by the one it is addressed to (the chair proposing to himself)."""
    if signature.name and nfc(signature.name).casefold() == nfc(to.signature.name).casefold():
        raise DocumentError(
            _(
                "The submission would be signed by %(name)s, to whom it is addressed: the "
                "emulation office or the council that proposes signs it (enter its signer in "
                "the office's document settings, or the council's vice chair)."
            )
            % {"name": signature.name}
        )


def submission_paper(
    round_: Round, on: dt.date | None = None, entry: OutgoingDocument | None = None
) -> SubmissionPaper:
    """The submission of a round, sent up by the emulation office at the decider's level (or
    the decider's council, `nominations.domain.submissions`): as numbered (`entry`, in its
    issuer's register, with the nominations it proposed, on its date), or else a preview of
    the round's nominations, unnumbered."""
    on = entry.signed_on if entry is not None else (on or timezone.localdate())
    issuer = entry.issuing_unit if entry is not None else submission_issuer(round_, on)
    by_council = council_proposes(round_, issuer)
    office = office_for(issuer, on)
    to = office_for(round_.decider_unit, on)
    ids = list(entry.nominations.values_list("pk", flat=True)) if entry is not None else None
    nominations = _nominations(round_, ids=ids)
    recipients = [_recipient(n, to) for n in nominations]
    check_recipients(
        recipients, _("The round has no nominations to submit: there is nothing to list.")
    )
    council = _voting_council(nominations, round_.decider_unit, on)
    council_name = _council_name(council, to, on)
    if by_council:
        signature = _council_signature(council, on)
        if not signature.name:
            raise DocumentError(
                _(
                    "No one signs the submission for %(council)s: enter its vice chair (or its "
                    "chair) among the council's members."
                )
                % {"council": council_name}
            )
        _check_signer(signature, council_name)
        symbol = f"TTr-{COUNCIL_SYMBOL}"
    else:
        signature = _signature(office, collective=True)
        _check_signer(signature, office.issuing_body)
        symbol = f"TTr-{office.symbol}"
    _check_not_addressee(signature, to)
    return SubmissionPaper(
        office=office,
        to=to,
        round_name=nfc(round_.name),
        day=on,
        recipients=recipients,
        signature=signature,
        symbol=entry.symbol if entry is not None else symbol,
        number=entry.number if entry is not None else None,
        council=council_name,
        by_council=by_council,
    )


def render_submission(paper: SubmissionPaper) -> bytes:
    office, to = paper.office, paper.to
    label = formats.number_line(paper.number, paper.symbol).removeprefix("Số: ")
    doc = OfficialDocument()
    doc.header(
        Header(
            issuing_body=paper.issuing_body,
            parent_body=paper.parent_body,
            number=formats.number_line(paper.number, paper.symbol),
            date_line=formats.date_line(office.place, paper.day),
        )
    )
    groups = grouped(paper.recipients)
    kinds = ", ".join(g.name for g in groups)
    years = _years(paper.recipients)
    doc.title(
        "Tờ trình", f"Về việc đề nghị khen thưởng {kinds}" + (f" năm {years}" if years else "")
    )
    addressee = to.authority_line[:1].upper() + to.authority_line[1:]
    doc.para(f"Kính gửi: {addressee}.", "body", align=CENTER, after=12)
    doc.bases(
        [
            *office.bases(paper.day, committee=False),
            f"Căn cứ kết quả bình xét của {paper.council} trong đợt “{paper.round_name}”",
        ]
    )
    doc.para(
        f"{paper.proposer} kính đề nghị {addressee} xem xét, khen thưởng cho "
        f"{counted_summary(groups)} (có danh sách kèm theo), cụ thể:",
        indent=True,
    )
    for index, g in enumerate(groups, start=1):
        end = "." if index == len(groups) else ";"
        doc.para(f"{index}. {g.verb}: {g.counted()}{end}", indent=True)
    doc.para(
        "Hồ sơ kèm theo gồm: báo cáo thành tích của các tập thể, cá nhân; biên bản họp Hội đồng "
        "Thi đua - Khen thưởng; các văn bản xác nhận có liên quan.",
        indent=True,
    )
    doc.para(f"Kính trình {addressee} xem xét, quyết định./.", indent=True)
    doc.closing(["Như trên", "Lưu: VT, TĐKT"], paper.signature)
    doc.page_break()
    doc.annex_heading(
        Annex(
            title="Danh sách\ncác tập thể, cá nhân đề nghị khen thưởng",
            note=f"(Kèm theo Tờ trình số {label} ngày "
            f"{formats.short_date(paper.day)} của {paper.proposer})",
        )
    )
    list_tables(doc, groups, amounts=False)
    return doc.save()


# --- the public-notice list ----------------------------------------------------------------


@dataclass(frozen=True)
class NoticePaper:
    office: Office
    title: str
    starts_on: dt.date
    ends_on: dt.date
    working_days: int
    day: dt.date
    recipients: list[Recipient]
    signature: Signature
    symbol: str = ""
    number: int | None = None  # None: a preview, not yet posted


def notice_paper(round_: Round, notice: PublicNotice | None = None) -> NoticePaper:
    """The list posted for public comment: a notice's nominees (numbered once the register
    took it, with the office as it stood on its date), or the round's latest / a preview."""
    notice = notice or round_.notices.order_by("-starts_on", "-id").first()
    entry = OutgoingDocument.objects.filter(notice=notice).first() if notice else None
    today = timezone.localdate()
    on = entry.signed_on if entry is not None else today
    office = office_for(round_.owning_unit, on)
    if notice is not None:
        ids = list(notice.nominations.values_list("pk", flat=True))
        nominations = _nominations(round_, ids=ids)
        title, starts, ends, days = (
            notice.title,
            notice.starts_on,
            notice.ends_on,
            notice.working_days,
        )
    else:
        nominations = _nominations(round_)
        title, starts, ends, days = round_.name, today, today, 0
    decider = office_for(round_.decider_unit, on)
    recipients = [_recipient(n, decider) for n in nominations]
    check_recipients(
        recipients, _("The round has no nominations to post: there is nothing to list.")
    )
    signature = _signature(office, collective=True)
    _check_signer(signature, office.issuing_body)
    return NoticePaper(
        office=office,
        title=nfc(title),
        starts_on=starts,
        ends_on=ends,
        working_days=days,
        day=starts,
        recipients=recipients,
        signature=signature,
        symbol=entry.symbol
        if entry is not None
        else symbol_for(OutgoingKind.NOTICE, round_.owning_unit, today),
        number=entry.number if entry is not None else None,
    )


def render_notice(paper: NoticePaper) -> bytes:
    office = paper.office
    doc = OfficialDocument()
    doc.header(
        Header(
            issuing_body=office.issuing_body,
            parent_body=office.parent_body,
            number=formats.number_line(paper.number, paper.symbol),
            date_line=formats.date_line(office.place, paper.day),
        )
    )
    # Decree 30/2020, Appendix III form for a notice: THÔNG BÁO and its subject line; the list
    # itself follows under its own heading
    doc.title(
        "Thông báo",
        "Về việc công khai danh sách các tập thể, cá nhân\nđược đề nghị khen thưởng",
    )
    if paper.working_days:
        window = (
            f"Thời gian niêm yết, lấy ý kiến: {paper.working_days} ngày làm việc, từ ngày "
            f"{formats.short_date(paper.starts_on)} đến hết ngày "
            f"{formats.short_date(paper.ends_on)}."
        )
    else:
        window = "Thời gian niêm yết, lấy ý kiến: từ ngày … đến hết ngày …"
    groups = grouped(paper.recipients)
    doc.para(
        f"{office.issuing_body} thông báo công khai danh sách {counted_summary(groups)} được "
        f"đề nghị khen thưởng trong đợt “{paper.title}” để cán bộ, công chức, viên chức, người "
        "lao động và Nhân dân biết, tham gia ý kiến.",
        indent=True,
    )
    doc.para(window, indent=True)
    doc.para(
        "DANH SÁCH CÁC TẬP THỂ, CÁ NHÂN ĐƯỢC ĐỀ NGHỊ KHEN THƯỞNG",
        "article",
        align=CENTER,
        after=6,
    )
    list_tables(doc, groups, amounts=False)
    doc.blank(6)
    doc.para(
        f"Mọi ý kiến góp ý về các tập thể, cá nhân trên xin gửi về {office.issuing_body} (bộ "
        "phận thi đua, khen thưởng) trong thời gian niêm yết, hoặc qua trang công khai của hệ "
        "thống. Ý kiến phải ghi rõ nội dung; đơn thư nặc danh không được xem xét.",
        indent=True,
    )
    doc.closing(["Bảng tin của cơ quan, đơn vị", "Lưu: VT, TĐKT"], paper.signature)
    return doc.save()
