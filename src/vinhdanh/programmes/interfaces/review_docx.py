"""The review as a .docx: "BÁO CÁO Sơ kết/Tổng kết …" in the Decree 30/2020 format.

Laid out on the shared documents machinery (`documents.builder`): the header with the number
left blank for the văn thư, the title, the sections with their tables and charts, the parts the
office writes itself (assessment, directions) as bracketed instructions, "Nơi nhận:" and the
signature block of the owner unit's office settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils import translation

from vinhdanh.documents import formats
from vinhdanh.documents.builder import CENTER, LEFT, RIGHT, Column, Header, OfficialDocument
from vinhdanh.documents.domain.settings import office_for
from vinhdanh.documents.formats import nfc
from vinhdanh.programmes.domain.queries.review import Review
from vinhdanh.programmes.enums import CommitteeRole
from vinhdanh.programmes.interfaces.drawing import chart_png

INDICATORS_PER_TABLE = 4


def figure(value: Decimal | int | float | None) -> str:
    """Vietnamese figures: "1.250", "67,5"; a dash when nothing was reported."""
    if value is None:
        return "—"
    amount = Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    whole, _sep, fraction = f"{amount:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}".replace(",", ".")
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


def _range_label(review: Review) -> str:
    start, end = review.start, review.end
    return f"từ {formats.short_date(start.start)} đến {formats.short_date(end.end)}"


def span_label(start: dt.date, end: dt.date) -> str:
    """How long the review looks back: "02 năm" for whole years, "15 tháng" for whole months
    (Q1/2025–Q1/2026), else the dates themselves ("giai đoạn từ … đến …")."""
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months % 12 == 0:
            return f"{months // 12:02d} năm"
        return f"{months:02d} tháng"
    return f"giai đoạn từ {formats.short_date(start)} đến {formats.short_date(end)}"


def review_subject(review: Review) -> str:
    word = "Tổng kết" if review.is_final else "Sơ kết"
    span = span_label(review.start.start, review.end.end)
    name = nfc(review.programme.name)
    # "Thực hiện Nghị quyết …" already says what is done: no second "thực hiện"
    done = (
        name[0].lower() + name[1:]
        if name.casefold().startswith("thực hiện ")
        else f"thực hiện {name}"
    )
    return f"{word} {span} {done}"


def render_review(review: Review, *, day: dt.date) -> bytes:
    office = office_for(review.programme.owner_unit, day)
    doc = OfficialDocument()
    doc.header(
        Header(
            issuing_body=office.issuing_body,
            parent_body=office.parent_body,
            number=formats.number_line(None, f"BC-{office.symbol}"),
            date_line=formats.date_line(office.place, day),
        )
    )
    doc.title("Báo cáo", review_subject(review))
    basis = nfc(review.programme.legal_basis)
    intro = (f"Thực hiện {basis.rstrip('.')}, " if basis else "Thực hiện nhiệm vụ được giao, ") + (
        f"{office.issuing_body} báo cáo kết quả thực hiện {nfc(review.programme.name)} "
        f"{_range_label(review)} (số liệu tổng hợp từ {review.approved_reports} báo cáo định kỳ "
        f"đã được duyệt của các đơn vị, theo tổ chức bộ máy ngày "
        f"{formats.short_date(review.as_of)}) như sau:"
    )
    doc.para(intro, indent=True)
    _heading(doc, "I. KẾT QUẢ TRIỂN KHAI THỰC HIỆN")
    _committees(doc, review)
    _targets(doc, review)
    _units(doc, review)
    _periods(doc, review)
    _activities(doc, review)
    _heading(doc, "II. CÔNG TÁC THI ĐUA, KHEN THƯỞNG")
    _commendations(doc, review)
    _heading(doc, "III. ĐÁNH GIÁ CHUNG")
    doc.to_fill("Ưu điểm, hạn chế, nguyên nhân và bài học kinh nghiệm", lines=3)
    _heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    doc.to_fill("Mục tiêu, nhiệm vụ và giải pháp; đề xuất, kiến nghị", lines=3)
    doc.para(
        f"Trên đây là báo cáo {review_subject(review)[0].lower()}"
        f"{review_subject(review)[1:]} của {office.issuing_body}./.",
        indent=True,
    )
    doc.closing(
        [
            "Ban Chỉ đạo chương trình",
            "Các đơn vị thực hiện chương trình",
            "Lưu: VT, TĐKT",
        ],
        office.signature,
    )
    return doc.save()


def _role(role: str) -> str:
    """The member's task in the committee by the enum's label, the word the pages use
    ("Ủy viên"); the document is always in Vietnamese."""
    if role not in CommitteeRole.values:
        return role
    with translation.override("vi"):
        return str(CommitteeRole(role).label)


def _heading(doc: OfficialDocument, text: str) -> None:
    doc.para(text, "article", align=LEFT, keep_with_next=True)


def _sub(doc: OfficialDocument, text: str) -> None:
    doc.para(text, "article", indent=True, keep_with_next=True)


def _committees(doc: OfficialDocument, review: Review) -> None:
    _sub(doc, "1. Công tác chỉ đạo, tổ chức thực hiện")
    if not review.committees:
        doc.para("Chương trình chưa có ban chỉ đạo được ghi nhận.", indent=True)
        return
    for committee, stages in review.committees:
        parts = []
        for stage in stages:
            decision = stage.decision
            verb = "thành lập" if decision.kind == "set_up" else "kiện toàn"
            parts.append(
                f"{verb} theo Quyết định số {decision.number} ngày "
                f"{formats.short_date(decision.date)}"
            )
        doc.para(f"{nfc(committee.name)} được {'; '.join(parts)}.", indent=True)
        rows: list[list[str]] = []
        merged: list[int] = []
        for stage in stages:
            until = f" đến {formats.short_date(stage.until)}" if stage.until else " đến nay"
            merged.append(len(rows))
            rows.append(
                [
                    f"Theo Quyết định số {stage.decision.number} (từ "
                    f"{formats.short_date(stage.decision.effective_on)}{until})"
                ]
                + [""] * 3
            )
            for index, member in enumerate(stage.members, start=1):
                rows.append(
                    [
                        str(index),
                        nfc(member.full_name),
                        nfc(member.post_title),
                        _role(member.role),
                    ]
                )
        doc.table(
            [
                Column("STT", 12, CENTER),
                Column("Họ và tên", 50),
                Column("Chức vụ", 68),
                Column("Nhiệm vụ trong Ban", 35),
            ],
            rows,
            merged_rows=merged,
            compact=True,
        )
        doc.blank()


def _targets(doc: OfficialDocument, review: Review) -> None:
    _sub(doc, "2. Kết quả thực hiện các chỉ tiêu")
    rows = []
    for index, t in enumerate(review.targets, start=1):
        target = t.indicator.target
        rows.append(
            [
                str(index),
                nfc(t.indicator.name),
                nfc(t.indicator.measure),
                figure(t.total),
                figure(target),
                f"{t.progress}%" if t.progress is not None else "—",
            ]
        )
    doc.table(
        [
            Column("STT", 12, CENTER),
            Column("Chỉ tiêu", 63),
            Column("Đơn vị tính", 25, CENTER),
            Column("Kết quả", 23, RIGHT),
            Column("Chỉ tiêu giao", 22, RIGHT),
            Column("Tỷ lệ đạt", 20, RIGHT),
        ],
        rows,
        compact=True,
    )
    _chart(doc, review, "targets", "Biểu đồ 1. Kết quả so với chỉ tiêu (%)")


def _chunks(items: Sequence[int], size: int) -> list[list[int]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _units(doc: OfficialDocument, review: Review) -> None:
    _sub(doc, "3. Kết quả theo đơn vị")
    doc.para(
        "Số liệu của đơn vị đã sáp nhập, chia tách hoặc giải thể được tính một lần vào đơn vị "
        "kế thừa theo tổ chức bộ máy hiện hành.",
        indent=True,
    )
    indices = list(range(len(review.indicators)))
    for chunk in _chunks(indices, INDICATORS_PER_TABLE) or [[]]:
        width = (formats.TEXT_WIDTH_MM - 12 - 55) / max(len(chunk), 1)
        columns = [Column("STT", 12, CENTER), Column("Đơn vị", 55)] + [
            Column(nfc(review.indicators[i].name), width, RIGHT) for i in chunk
        ]
        rows = [
            [
                str(n) if u.row.depth else "",
                ("   " * max(u.row.depth - 1, 0)) + nfc(u.row.name),
                *[figure(u.values[i]) for i in chunk],
            ]
            for n, u in enumerate(review.units)
        ]
        doc.table(columns, rows, bold_rows=[0] if rows else [], compact=True)
        doc.blank()


def _periods(doc: OfficialDocument, review: Review) -> None:
    _sub(doc, "4. Kết quả theo kỳ báo cáo")
    indices = list(range(len(review.indicators)))
    for chunk in _chunks(indices, INDICATORS_PER_TABLE) or [[]]:
        width = (formats.TEXT_WIDTH_MM - 35 - 22) / max(len(chunk), 1)
        columns = [Column("Kỳ báo cáo", 35), Column("Số báo cáo đã duyệt", 22, RIGHT)] + [
            Column(nfc(review.indicators[i].name), width, RIGHT) for i in chunk
        ]
        rows = [
            [f.period.label, str(f.reports), *[figure(f.values[i]) for i in chunk]]
            for f in review.by_period
        ]
        doc.table(columns, rows, compact=True)
        doc.blank()
    _chart(doc, review, "periods", "Biểu đồ 2. Số liệu tổng hợp theo kỳ báo cáo")


def _activities(doc: OfficialDocument, review: Review) -> None:
    _sub(doc, "5. Các hoạt động đã tổ chức")
    doc.para(
        f"Các đơn vị đã tổ chức {figure(review.sessions)} hoạt động với "
        f"{figure(review.participants)} lượt người tham dự, cụ thể:",
        indent=True,
    )
    rows = [
        [str(i), nfc(k.kind.name), figure(k.sessions), figure(k.participants)]
        for i, k in enumerate(review.kinds, start=1)
    ]
    rows.append(["", "Tổng cộng", figure(review.sessions), figure(review.participants)])
    doc.table(
        [
            Column("STT", 12, CENTER),
            Column("Loại hoạt động", 83),
            Column("Số hoạt động", 35, RIGHT),
            Column("Lượt người tham dự", 35, RIGHT),
        ],
        rows,
        bold_rows=[len(rows) - 1],
        compact=True,
    )
    doc.blank()
    doc.table(
        [
            Column("Năm", 40, CENTER),
            Column("Số hoạt động", 60, RIGHT),
            Column("Lượt người tham dự", 65, RIGHT),
        ],
        [[str(y.year), figure(y.sessions), figure(y.participants)] for y in review.years],
        compact=True,
    )
    _chart(doc, review, "activities", "Biểu đồ 3. Số hoạt động theo năm")


def _commendations(doc: OfficialDocument, review: Review) -> None:
    c = review.commendations
    if not c.rows:
        doc.para(
            "Chưa có tập thể, cá nhân được khen thưởng trong các đợt xét khen thưởng của "
            "chương trình.",
            indent=True,
        )
        return
    doc.para(
        f"Các cấp đã khen thưởng {c.total_collectives} tập thể và {c.total_individuals} cá nhân "
        "có thành tích xuất sắc trong thực hiện chương trình, cụ thể:",
        indent=True,
    )
    rows = [
        [str(i), r.level, nfc(r.form), str(r.collectives), str(r.individuals)]
        for i, r in enumerate(c.rows, start=1)
    ]
    rows.append(["", "Tổng cộng", "", str(c.total_collectives), str(c.total_individuals)])
    doc.table(
        [
            Column("STT", 12, CENTER),
            Column("Cấp khen thưởng", 40),
            Column("Hình thức", 63),
            Column("Tập thể", 25, RIGHT),
            Column("Cá nhân", 25, RIGHT),
        ],
        rows,
        bold_rows=[len(rows) - 1],
        compact=True,
    )
    doc.blank()
    listed: list[list[str]] = []
    merged: list[int] = []
    if c.collectives:
        merged.append(len(listed))
        listed.append(["I. TẬP THỂ", "", "", ""])
        for i, entry in enumerate(c.collectives, start=1):
            listed.append([str(i), nfc(entry.name), nfc(entry.form), entry.decision])
    if c.individuals:
        merged.append(len(listed))
        listed.append(["II. CÁ NHÂN", "", "", ""])
        for i, entry in enumerate(c.individuals, start=1):
            name = nfc(entry.name) + (f", {nfc(entry.unit)}" if entry.unit else "")
            listed.append([str(i), name, nfc(entry.form), entry.decision])
    doc.table(
        [
            Column("STT", 12, CENTER),
            Column("Tập thể, cá nhân", 75),
            Column("Hình thức", 40),
            Column("Quyết định", 38),
        ],
        listed,
        merged_rows=merged,
        compact=True,
    )
    _chart(doc, review, "commendations", "Biểu đồ 4. Khen thưởng theo hình thức")


def _chart(doc: OfficialDocument, review: Review, slug: str, caption: str) -> None:
    chart = review.chart(slug)
    if chart is None or not chart.drawable:
        return
    doc.blank()
    doc.picture(chart_png(chart), width_mm=150, caption=caption)
