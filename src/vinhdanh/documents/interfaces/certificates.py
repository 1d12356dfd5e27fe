"""Certificates (Bằng khen, Giấy khen, the certificates of emulation titles) as PDF.

Which kinds get a certificate comes from the award catalogue: every form of commendation
(category "certificate") and every emulation title, except the emulation flags (Cờ thi đua),
whose artefact is the flag itself (rules.md Appendix A). Each kind is laid out by its own
template when the office adds one (`documents/certificates/<code>.html`), otherwise by the
template of its category; the lines follow the state's certificate forms (docs/documents.md).

A whole decision is rendered as one document (one page per recipient) on one stylesheet and
one font configuration; `certificate_paper`s are gathered and checked first, so a missing
signer or a name the font cannot print stops everything before any PDF is made.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.template.loader import render_to_string, select_template
from django.utils import translation
from django.utils.translation import gettext as _

from vinhdanh.awards.enums import AwardCategory
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.common.numbers import decision_number
from vinhdanh.documents import formats, pdf
from vinhdanh.documents.builder import Signature
from vinhdanh.documents.domain.blanks import BlankLayout
from vinhdanh.documents.domain.certificates import has_certificate
from vinhdanh.documents.domain.settings import office_for
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces.files import _slug, numbered_name
from vinhdanh.documents.interfaces.papers import _check_signer, _signature
from vinhdanh.documents.interfaces.recipients import check_recipients, form_of, recipient_of
from vinhdanh.orgs.models import Unit

PDF = "application/pdf"
PAGE_WIDTH_MM = 297  # A4 landscape
PAGE_HEIGHT_MM = 210
STYLESHEET = "documents/certificates/certificate.css"
SAMPLE_DAY = dt.date(2025, 7, 17)


@dataclass(frozen=True)
class Certificate:
    kind_code: str
    category: str
    national_name: str
    motto: str
    authority: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" (red on the form)
    verb: str  # "TẶNG" / "TẶNG DANH HIỆU" (docs/documents.md, "The lines of the form")
    form: str  # "BẰNG KHEN" / "CHIẾN SĨ THI ĐUA CƠ SỞ" (red on the form)
    recipient: str  # a person's full name (family name first) or the collective's name
    is_person: bool
    position: str
    achievement: str
    decision_line: str  # "Quyết định số 125/QĐ-UBND ngày 17 tháng 7 năm 2025"
    register_line: str  # "Số sổ vàng: ……" for the clerk
    place_date: str
    signature: Signature
    draft: bool = False

    @property
    def authority_lines(self) -> list[str]:
        return self.signature.authority_lines

    def as_json(self) -> dict[str, Any]:
        """What was printed, kept with the issued file (`IssuedCertificates.pages`)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Certificate:
        signature = dict(data["signature"])
        signature["lines_before"] = tuple(signature.get("lines_before") or ())
        return cls(**{**data, "signature": Signature(**signature)})

    @property
    def fields(self) -> dict[str, str]:
        """The text of each field a pre-printed blank takes (domain.blanks.FIELDS)."""
        return {
            "authority": self.authority,
            "form": self.form,
            "recipient": self.recipient,
            "position": self.position,
            "achievement": self.achievement,
            "decision": self.decision_line,
            "place_date": self.place_date,
            "signer_title": "\n".join(self.authority_lines),
            "signer_name": self.signature.name,
        }


def form_name(kind: AwardKind) -> str:
    """What the certificate is called on its face: "Bằng khen của Bộ, ban, ngành, tỉnh" is
    printed "BẰNG KHEN" (the issuer stands above it); a title is printed by its name."""
    return formats.vietnamese_upper(form_of(kind))


def _achievement(period: str) -> str:
    if period:
        return f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {period}"
    return "Đã có thành tích xuất sắc"


def _decision_line(decision: Decision) -> str:
    number = (
        decision_number(decision.number, decision.symbol)
        if decision.number is not None
        else f"      /{decision.symbol}"
    )
    return _decision_words(number, decision.signed_on)


def _decision_words(number: str, day: dt.date) -> str:
    """The form's bottom-left line, "Số quyết định … ngày … tháng … năm …" (Decree 50/2006
    Art. 28, docs/documents.md), with the date as Decree 30/2020 writes it."""
    return f"Quyết định số {number} {formats.date_line('', day)}"


def _verb(is_title: bool) -> str:
    """The black line under the authority: "Tặng" before a form of commendation, "Tặng danh
    hiệu" before an emulation title (Decree 50/2006 Art. 28; Law 06/2022 Art. 93(2) speaks of
    the "quyết định tặng danh hiệu thi đua")."""
    return "TẶNG DANH HIỆU" if is_title else "TẶNG"


def _awards(decision: Decision, *, with_revoked: bool = False) -> list[Award]:
    awards = decision.awards.all()
    if not with_revoked:
        awards = awards.filter(revoked_by__isnull=True)
    return list(
        awards.select_related(
            "kind", "person", "person__current_unit", "unit", "unit__parent"
        ).order_by("kind__sort_order", "unit_id", "person__sort_key", "id")
    )


def issued_awards(decision: Decision) -> list[Award]:
    """Every award the decision gave that comes with a certificate, in the file's order,
    those revoked since included: what was handed out when it was issued."""
    return [a for a in _awards(decision, with_revoked=True) if has_certificate(a.kind)]


def _papers(decision: Decision, awards: Sequence[Award]) -> list[Certificate]:
    office = office_for(decision.issuing_unit, decision.signed_on)
    awards = [a for a in awards if has_certificate(a.kind)]
    recipients = [
        recipient_of(
            person=a.person,
            unit=a.unit,
            kind=a.kind,
            period=a.period_label or str(a.period or ""),
            base_salary=office.base_salary,
            with_amount=False,
        )
        for a in awards
    ]
    check_recipients(
        recipients, _("The decision gives no certificate: none of its awards comes with one.")
    )
    signature = _signature(office, decision.signer_name, decision.signer_title)
    _check_signer(signature, decision.issuing_body or office.issuing_body)
    authority = formats.vietnamese_upper(office.authority_line)
    place_date = formats.date_line(office.place, decision.signed_on)
    decision_line = _decision_line(decision)
    papers = []
    for award, r in zip(awards, recipients, strict=True):
        is_title = award.kind.category == AwardCategory.TITLE
        papers.append(
            Certificate(
                kind_code=award.kind.code,
                category=award.kind.category,
                national_name=formats.NATIONAL_NAME,
                motto=formats.MOTTO,
                authority=authority,
                verb=_verb(is_title),
                form=form_name(award.kind),
                recipient=r.name,
                is_person=r.is_person,
                position=r.position,
                achievement=_achievement(r.period),
                decision_line=decision_line,
                register_line="Số sổ vàng: ……………",
                place_date=place_date,
                signature=signature,
                draft=not decision.is_issued,
            )
        )
    return papers


def decision_certificates(
    decision: Decision, awards: Sequence[Award] | None = None
) -> list[Certificate]:
    """One certificate per recipient of the decision (revoked awards left out), or per award
    of `awards` (those the reader may print)."""
    return _papers(decision, _awards(decision) if awards is None else awards)


def award_certificate(award: Award) -> Certificate:
    papers = _papers(award.decision, [award])
    return papers[0]


def sample_certificate(unit: Unit, kind: AwardKind) -> Certificate:
    """An example for previewing a blank: the unit's own settings, a made-up recipient."""
    office = office_for(unit)
    signature = _signature(office)
    if not signature.name:
        signature = replace(signature, name="Trần Văn Bình")
    is_title = kind.category == AwardCategory.TITLE
    return Certificate(
        kind_code=kind.code,
        category=kind.category,
        national_name=formats.NATIONAL_NAME,
        motto=formats.MOTTO,
        authority=formats.vietnamese_upper(office.authority_line),
        verb=_verb(is_title),
        form=form_name(kind),
        recipient="Nguyễn Thị Hồng Nhung",
        is_person=True,
        position=f"Chuyên viên, {office.issuing_body}" if office.issuing_body else "Chuyên viên",
        achievement=_achievement("2025"),
        decision_line=_decision_words("125/QĐ-UBND", SAMPLE_DAY),
        register_line="Số sổ vàng: ……………",
        place_date=formats.date_line(office.place or "Hà Tĩnh", SAMPLE_DAY),
        signature=signature,
    )


# --- rendering ------------------------------------------------------------------------------


def _page(certificate: Certificate, layer: str = "") -> str:
    template = select_template(
        [
            f"documents/certificates/{certificate.kind_code.lower()}.html",
            f"documents/certificates/{certificate.category}.html",
        ]
    )
    return str(template.render({"c": certificate, "layer": layer}))


def _shared_key(c: Certificate) -> tuple[object, ...]:
    """What the certificates of one kind in one decision print alike."""
    return (
        c.kind_code,
        c.category,
        c.authority,
        c.verb,
        c.form,
        c.decision_line,
        c.register_line,
        c.place_date,
        c.signature,
        c.draft,
    )


def _document(pages: Sequence[str], draft: bool = False) -> str:
    return render_to_string(
        "documents/certificates/document.html", {"pages": pages, "draft": draft}
    )


def _layered(certificates: Sequence[Certificate]) -> bytes:
    """A batch: the lines each kind shares laid out once, the recipients' lines once each."""
    shared: dict[tuple[object, ...], int] = {}
    shared_pages: list[str] = []
    index: list[int] = []
    for c in certificates:
        key = _shared_key(c)
        if key not in shared:
            shared[key] = len(shared_pages)
            shared_pages.append(_page(c, "fixed"))
        index.append(shared[key])
    own = [_page(c, "variable") for c in certificates]
    return pdf.layered_pdf(_document(shared_pages), _document(own), index, STYLESHEET)


def _blank_page(
    certificate: Certificate, layout: BlankLayout, scan: tuple[str, bytes] | None
) -> str:
    texts = certificate.fields
    placed = [
        {
            "key": key,
            "text": texts[key],
            "x": f"{place.x:.2f}",
            "y": f"{place.y:.2f}",
            "size": f"{place.size:.1f}",
            "bold": place.bold,
        }
        for key, place in layout.placed()
        if texts.get(key)
    ]
    background = ""
    if scan is not None:
        content_type, data = scan
        background = f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"
    return render_to_string(
        "documents/certificates/blank.html", {"fields": placed, "background": background}
    )


def render_certificates(
    certificates: Sequence[Certificate],
    *,
    layouts: dict[str, BlankLayout] | None = None,
    scans: dict[str, tuple[str, bytes]] | None = None,
) -> bytes:
    """All certificates in one PDF, one A4 landscape page each.

    With `layouts` (kind code → the office's blank), only the text is printed, at the
    positions set for that kind ("print on a pre-printed blank"); a kind without a layout uses
    the default positions. `scans` (kind code → (content type, image)) lays the text over the
    scan of the blank, to preview it.
    """
    if not certificates:
        raise DocumentError(_("There is no certificate to print."))
    with translation.override("vi"):
        if layouts is None and len(certificates) > 1:
            return _layered(certificates)
        if layouts is None:
            pages = [_page(c) for c in certificates]
        else:
            pages = [
                _blank_page(
                    c,
                    layouts.get(c.kind_code) or BlankLayout.default(),
                    (scans or {}).get(c.kind_code),
                )
                for c in certificates
            ]
        html = render_to_string(
            "documents/certificates/document.html",
            {"pages": pages, "draft": any(c.draft for c in certificates)},
        )
    return pdf.html_to_pdf(html, STYLESHEET)


def certificates_file_name(
    decision: Decision, award: Award | None = None, *, on_blanks: bool = False
) -> str:
    """The certificates' file; the text for the pre-printed blanks gets its own name
    ("…-tren-phoi.pdf"), so that both can sit in one folder."""
    base = numbered_name("giay-chung-nhan", decision.number, decision.symbol, decision.year)
    if award is not None:
        subject = award.person.full_name if award.person else str(award.unit)
        base = f"{base}-{_slug(subject)}"
    return f"{base}-tren-phoi.pdf" if on_blanks else f"{base}.pdf"
