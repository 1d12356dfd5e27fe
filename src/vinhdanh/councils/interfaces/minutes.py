"""Rendering the minutes (biên bản) of a closed session: a page and a .docx.

Both render the frozen structured data kept on the session (`CouncilSession.minutes`). The
.docx follows the basics of Decree 30/2020/NĐ-CP: A4, margins 20/20/30/15 mm, Times New Roman
13–14 pt, the national motto header beside the issuing body, the place-and-date line, a bold
centred title and the signature block.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from vinhdanh.councils.domain.queries.tally import VoteResult
from vinhdanh.councils.enums import CouncilRole, VotingMethod

# Fixed formulae of every Vietnamese administrative document (Decree 30/2020, Annex I).
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
BODY_PT = 14


def date_line(place: str, day: dt.date) -> str:
    """ "Hà Tĩnh, ngày 05 tháng 02 năm 2025": days below 10 and months 1–2 take a leading zero."""
    d = f"{day.day:02d}" if day.day < 10 else str(day.day)
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {d} tháng {m} năm {day.year}"


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


def _font(run: Any, *, size: int = BODY_PT, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    container: Any,
    text: str = "",
    *,
    size: int = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    after: int = 6,
) -> Paragraph:
    paragraph: Paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if text:
        _font(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _cell_para(cell: _Cell, text: str, **kwargs: Any) -> Paragraph:
    paragraph: Paragraph = (
        cell.paragraphs[0] if not cell.paragraphs[0].text else cell.add_paragraph()
    )
    paragraph.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), **kwargs)
    return paragraph


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _header(document: Any, minutes: Minutes) -> None:
    data = minutes.data
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    if data.get("parent_unit"):
        _cell_para(left, str(data["parent_unit"]).upper(), size=13)
    _cell_para(left, str(data["council"]).upper(), size=13, bold=True)
    _cell_para(left, "———", size=13)
    _cell_para(left, _("No.: ……/BB-HĐTĐKT"), size=13)
    _cell_para(right, NATIONAL_NAME, size=13, bold=True)
    _cell_para(right, MOTTO, size=14, bold=True)
    _cell_para(right, "———————————", size=13)
    _cell_para(right, minutes.date_line, size=14, italic=True)


def minutes_docx(data: dict[str, Any]) -> bytes:
    """The minutes as a Word document, in Vietnamese."""
    with translation.override("vi"):
        return _build_docx(minutes_of(data))


def _build_docx(minutes: Minutes) -> bytes:
    data = minutes.data
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)

    _header(document, minutes)
    _para(document, "", after=12)
    _para(document, _("MINUTES"), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(
        document,
        _("Meeting of the %(council)s: %(session)s")
        % {"council": data["council"], "session": data["session"]},
        size=14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=12,
    )
    _para(
        document,
        _("Date: %(date)s. Place: %(place)s.")
        % {"date": f"{minutes.day:%d/%m/%Y}", "place": data.get("place") or "—"},
        indent=True,
    )
    _para(
        document,
        _("Chaired by: %(chair)s. Secretary: %(secretary)s.")
        % {"chair": data.get("chair") or "—", "secretary": data.get("secretary") or "—"},
        indent=True,
    )
    total = len(data.get("members", []))
    _para(
        document,
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
        _para(document, f"- {member['name']} ({_role_label(member['role'])})", indent=True, after=0)
    if minutes.absent:
        _para(document, _("Absent:"), indent=True, after=0)
        for member in minutes.absent:
            suffix = _(" — voted in writing") if member["written"] else ""
            _para(
                document,
                f"- {member['name']} ({_role_label(member['role'])}){suffix}",
                indent=True,
                after=0,
            )
    _para(
        document,
        _("Voting method: %(method)s.") % {"method": _method_label(data["method"])},
        indent=True,
    )

    _para(document, _("RESULTS OF THE VOTE"), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    headings = [
        _("No."),
        _("Nominee"),
        _("Award"),
        _("For"),
        _("Against"),
        _("Abstain"),
        _("Ratio"),
        _("Result"),
    ]
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        _cell_para(cell, heading, size=12, bold=True)
    for line in minutes.lines:
        item, result = line.item, line.result
        cells = table.add_row().cells
        values = [
            str(item["position"]),
            str(item["subject"]),
            f"{item['kind_name']} ({item['period']})",
            str(result.for_votes),
            str(result.against_votes),
            str(result.abstain_votes),
            result.ratio_percent,
            _("Passed") if result.passed else _("Not passed"),
        ]
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if index in (1, 2) else WD_ALIGN_PARAGRAPH.CENTER
            _cell_para(cell, value, size=12, align=align)
    _para(document, "", after=6)
    for line in minutes.lines:
        item = line.item
        _para(
            document,
            f"{item['position']}. {item['subject']}: {line.result.explanation}",
            indent=True,
        )
        for recusal in item.get("recusals", []):
            _para(
                document,
                _("%(member)s did not vote: %(reason)s")
                % {"member": recusal["member"], "reason": recusal["reason"]},
                italic=True,
                indent=True,
            )
    _para(document, _("CONCLUSION"), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    if minutes.passed:
        _para(
            document,
            _("The council agreed to propose: %(names)s.")
            % {
                "names": "; ".join(
                    f"{line.item['subject']} ({line.item['kind_name']})" for line in minutes.passed
                )
            },
            indent=True,
        )
    else:
        _para(document, _("No nomination reached the required vote."), indent=True)
    _para(document, _("The meeting closed the same day."), indent=True)

    signatures = document.add_table(rows=1, cols=2)
    _no_borders(signatures)
    left, right = signatures.rows[0].cells
    _cell_para(left, _("SECRETARY"), size=14, bold=True)
    _cell_para(left, "\n\n\n" + str(data.get("secretary") or ""), size=14, bold=True)
    _cell_para(right, _("CHAIR OF THE COUNCIL"), size=14, bold=True)
    _cell_para(right, "\n\n\n" + str(data.get("chair") or ""), size=14, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
