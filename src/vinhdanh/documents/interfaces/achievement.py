"""The achievement report (Báo cáo thành tích) of a nomination, for an individual or a collective.

The layout follows the report forms annexed to the decree in force on the round's decision
date (Decree 152/2025 from 01/07/2025, Decree 98/2023 before; form 01 for a collective, form
02 for an individual). Everything the record holds is prefilled: posts, ratings per year,
initiatives, previous titles and commendations; the parts only the person or the unit can
write are printed as italic bracketed instructions with dotted lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.enums import AwardCategory
from vinhdanh.awards.models import Award
from vinhdanh.common.numbers import decision_number
from vinhdanh.documents import formats
from vinhdanh.documents.builder import CENTER, LEFT, Column, Header, OfficialDocument
from vinhdanh.documents.domain.legal import report_decree
from vinhdanh.documents.domain.settings import Office, office_for
from vinhdanh.documents.formats import DocumentError, nfc
from vinhdanh.nominations.models import Nomination
from vinhdanh.orgs.models import CollectiveRating, Unit
from vinhdanh.people.enums import InitiativeLevel
from vinhdanh.people.models import Initiative, Person, Post, TaskRating

RATING_WORDS = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
}
YEARS_BACK = 5


@dataclass(frozen=True)
class AwardLine:
    year: str
    name: str
    decision: str  # "Số 125/QĐ-UBND ngày 17/7/2025 của Ủy ban nhân dân tỉnh Hà Tĩnh"
    is_title: bool


@dataclass(frozen=True)
class ReportPaper:
    office: Office
    decree: str
    form: str  # "Mẫu số 01" (collective) / "Mẫu số 02" (individual)
    kind_name: str
    kind_is_title: bool
    period: str
    subject_name: str
    is_person: bool
    day: dt.date
    facts: list[tuple[str, str]]  # (label, value) in the "sơ lược" section
    posts: list[tuple[str, str, str]]  # (from, until, post and unit)
    ratings: list[tuple[str, str]]  # (year, rating)
    initiatives: list[tuple[str, str, str]]  # (title, scope, recognition)
    awards: list[AwardLine]
    summary: str


def _award_lines(awards: list[Award]) -> list[AwardLine]:
    lines = []
    for a in awards:
        d = a.decision
        number = decision_number(d.number, d.symbol) if d.number is not None else d.symbol
        lines.append(
            AwardLine(
                year=a.period_label or str(a.period or d.signed_on.year),
                name=nfc(a.kind.name_vi),
                decision=f"Số {number} ngày {formats.short_date(d.signed_on)} của "
                f"{nfc(d.issuing_body)}",
                is_title=a.kind.category == AwardCategory.TITLE,
            )
        )
    return lines


def _d(day: dt.date | None) -> str:
    return formats.short_date(day) if day else "nay"


def report_paper(nomination: Nomination) -> ReportPaper:
    round_ = nomination.round
    on = round_.planned_decision_date or timezone.localdate()
    office = office_for(nomination.subject_unit or round_.owning_unit, on)
    subject_name = nfc(nomination.subject_name)
    if not subject_name:
        raise DocumentError(_("The nomination has no subject."))
    formats.check_font(_("The name"), subject_name)
    first_year = nomination.period - YEARS_BACK + 1
    person, unit = nomination.person, nomination.unit
    facts: list[tuple[str, str]] = []
    posts: list[tuple[str, str, str]] = []
    ratings: list[tuple[str, str]] = []
    initiatives: list[tuple[str, str, str]] = []
    if person is not None:
        facts = _person_facts(person)
        posts = [
            (_d(p.start_date), _d(p.end_date), f"{nfc(p.title)}, {nfc(p.unit.name)}")
            for p in Post.objects.filter(person=person)
            .select_related("unit")
            .order_by("start_date")
        ]
        ratings = [
            (str(r.year), RATING_WORDS.get(r.rating, r.rating))
            for r in TaskRating.objects.filter(
                person=person, year__gte=first_year, year__lte=nomination.period
            ).order_by("year")
        ]
        levels = dict(InitiativeLevel.choices)
        scope = {"co_so": "cấp cơ sở", "bo_tinh": "cấp bộ, cấp tỉnh", "toan_quoc": "toàn quốc"}
        initiatives = [
            (
                nfc(i.title),
                scope.get(i.level, str(levels.get(i.level, i.level))),
                f"{nfc(i.decision_number)} ngày {formats.short_date(i.recognised_on)}"
                + (f" của {nfc(i.recognised_by)}" if i.recognised_by else ""),
            )
            for i in Initiative.objects.filter(authors=person).order_by("recognised_on")
        ]
        awards = Award.objects.filter(person=person, revoked_by__isnull=True)
    else:
        assert unit is not None
        facts = _unit_facts(unit)
        ratings = [
            (str(r.year), RATING_WORDS.get(r.rating, r.rating))
            for r in CollectiveRating.objects.filter(
                unit=unit, year__gte=first_year, year__lte=nomination.period
            ).order_by("year")
        ]
        awards = Award.objects.filter(unit=unit, revoked_by__isnull=True)
    award_list = list(
        awards.select_related("kind", "decision").order_by("period", "decision__signed_on", "id")
    )
    return ReportPaper(
        office=office,
        decree=report_decree(on),
        form="Mẫu số 02" if person is not None else "Mẫu số 01",
        kind_name=nfc(nomination.kind.name_vi),
        kind_is_title=nomination.kind.category == AwardCategory.TITLE,
        period=nomination.period_label or str(nomination.period),
        subject_name=subject_name,
        is_person=person is not None,
        day=timezone.localdate(),
        facts=facts,
        posts=posts,
        ratings=ratings,
        initiatives=initiatives,
        awards=_award_lines(award_list),
        summary=nfc(nomination.achievement_summary),
    )


def _person_facts(person: Person) -> list[tuple[str, str]]:
    gender = {"M": "Nam", "F": "Nữ"}.get(person.gender, "")
    unit = person.current_unit
    return [
        ("Họ và tên", nfc(person.full_name)),
        ("Giới tính", gender),
        (
            "Ngày, tháng, năm sinh",
            formats.short_date(person.birth_date) if person.birth_date else "",
        ),
        ("Quê quán", ""),
        ("Trú quán", ""),
        ("Đơn vị công tác", nfc(unit.name) if unit else ""),
        ("Chức vụ (Đảng, chính quyền, đoàn thể)", nfc(person.current_title)),
        ("Trình độ chuyên môn, nghiệp vụ", ""),
        (
            "Ngày tuyển dụng",
            formats.short_date(person.recruitment_date) if person.recruitment_date else "",
        ),
    ]


def _unit_facts(unit: Unit) -> list[tuple[str, str]]:
    staff = Post.objects.filter(unit=unit, end_date__isnull=True, is_concurrent=False).count()
    parent = unit.parent
    return [
        ("Tên tập thể", nfc(unit.name)),
        ("Cơ quan cấp trên trực tiếp", nfc(parent.name) if parent else ""),
        ("Địa điểm trụ sở chính, điện thoại, email", ""),
        ("Tổng số cán bộ, công chức, viên chức, người lao động", f"{staff} người" if staff else ""),
        ("Cơ cấu tổ chức", ""),
    ]


def render_report(paper: ReportPaper) -> bytes:
    office = paper.office
    doc = OfficialDocument()
    doc.header(
        Header(
            issuing_body=office.issuing_body,
            parent_body=office.parent_body,
            number="",
            date_line=formats.date_line(office.place, paper.day),
        )
    )
    doc.para(f"{paper.form} (theo {paper.decree})", "annex_note", align=CENTER, after=6)
    doc.title(
        "Báo cáo thành tích",
        f"Đề nghị {'công nhận danh hiệu' if paper.kind_is_title else 'tặng'} "
        f"{paper.kind_name} năm {paper.period}",
    )
    if not paper.is_person:
        doc.para(f"Tên tập thể đề nghị: {paper.subject_name}", "article", align=CENTER, after=12)

    doc.para(
        "I. SƠ LƯỢC LÝ LỊCH" if paper.is_person else "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "article",
        align=LEFT,
    )
    if not paper.is_person:
        doc.para("1. Đặc điểm, tình hình:", "body", indent=True)
    for label, value in paper.facts:
        if value:
            doc.mixed([(f"- {label}: ", "body"), (value, "body")], indent=True)
        else:
            doc.mixed(
                [(f"- {label}: ", "body"), ("[tự ghi] ", "to_fill"), ("." * 40, "body")],
                indent=True,
            )
    if not paper.is_person:
        doc.para("2. Chức năng, nhiệm vụ:", "body", indent=True)
        doc.to_fill("Đơn vị tự ghi chức năng, nhiệm vụ được giao", lines=3)
    if paper.posts:
        doc.para("- Quá trình công tác:", "body", indent=True, after=3)
        doc.table(
            [
                Column("Từ ngày", 28, CENTER),
                Column("Đến ngày", 28, CENTER),
                Column("Chức vụ, đơn vị công tác", formats.TEXT_WIDTH_MM - 58),
            ],
            [list(p) for p in paper.posts],
        )
        doc.blank(6)

    doc.para("II. THÀNH TÍCH ĐẠT ĐƯỢC", "article", align=LEFT)
    if paper.is_person:
        doc.para("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:", "body", indent=True)
        doc.to_fill("Người báo cáo tự ghi", lines=2)
        doc.para("2. Thành tích đạt được:", "body", indent=True)
    else:
        doc.para("1. Kết quả thực hiện nhiệm vụ chính trị, chuyên môn:", "body", indent=True)
    if paper.summary:
        doc.para(paper.summary, indent=True)
    doc.to_fill(
        "Người báo cáo tự ghi kết quả công tác cụ thể (số liệu, hiệu quả, so sánh với năm trước)"
        if paper.is_person
        else "Đơn vị tự ghi kết quả, số liệu và các biện pháp đạt được thành tích",
        lines=4,
    )
    doc.para("Kết quả xếp loại mức độ hoàn thành nhiệm vụ:", "body", indent=True, after=3)
    if paper.ratings:
        doc.table(
            [Column("Năm", 25, CENTER), Column("Xếp loại", formats.TEXT_WIDTH_MM - 27)],
            [list(r) for r in paper.ratings],
        )
        doc.blank(6)
    else:
        doc.to_fill("Chưa có kết quả xếp loại trong hệ thống: ghi theo hồ sơ", lines=1)
    if paper.is_person:
        doc.para("Sáng kiến, đề tài khoa học được công nhận:", "body", indent=True, after=3)
        if paper.initiatives:
            doc.table(
                [
                    Column("Tên sáng kiến, đề tài", 80),
                    Column("Phạm vi", 30, CENTER),
                    Column("Quyết định công nhận", formats.TEXT_WIDTH_MM - 112),
                ],
                [list(i) for i in paper.initiatives],
            )
            doc.blank(6)
        else:
            doc.para("Không có sáng kiến được ghi nhận trong hệ thống.", indent=True)
    doc.para(
        "3. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước:"
        if paper.is_person
        else "2. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước; công tác "
        "xây dựng Đảng, đoàn thể:",
        "body",
        indent=True,
    )
    doc.to_fill("Tự ghi", lines=2)

    doc.para("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "article", align=LEFT)
    for number, (label, is_title) in enumerate(
        (("Danh hiệu thi đua", True), ("Hình thức khen thưởng", False)), start=1
    ):
        doc.para(f"{number}. {label}:", "body", indent=True, after=3)
        lines = [a for a in paper.awards if a.is_title == is_title]
        if lines:
            doc.table(
                [
                    Column("Năm", 20, CENTER),
                    Column(label, 55),
                    Column(
                        "Số, ngày, tháng, năm của quyết định; cơ quan ban hành",
                        formats.TEXT_WIDTH_MM - 77,
                    ),
                ],
                [[a.year, a.name, a.decision] for a in lines],
            )
            doc.blank(6)
        else:
            doc.para("Chưa có.", indent=True)
    doc.blank(12)
    if paper.is_person:
        doc.signatures(
            [
                ("THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ\n(Ký, đóng dấu)", ""),
                ("NGƯỜI BÁO CÁO THÀNH TÍCH\n(Ký, ghi rõ họ và tên)", paper.subject_name),
            ]
        )
    else:
        doc.signatures(
            [
                ("THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN\nTRỰC TIẾP NHẬN XÉT, XÁC NHẬN\n(Ký, đóng dấu)", ""),
                ("THỦ TRƯỞNG ĐƠN VỊ\n(Ký, đóng dấu)", ""),
            ]
        )
    return doc.save()
