"""One .docx machinery for every administrative document (Decree 30/2020/NĐ-CP, Appendix I).

`OfficialDocument` lays out the page (A4, margins), the two-column header (issuing body with
its short underline and the number on the left; national title, motto with its underline and
the place and date on the right), the document kind and subject, the legal bases, articles,
annexes with tables, "Nơi nhận:" beside the signature block, and page numbers from page 2.
Every run carries its font, size, weight and slant explicitly (`formats.STYLES`), so the file
looks the same in Word, LibreOffice and WPS.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from vinhdanh.documents import formats
from vinhdanh.documents.formats import FONT, STYLES, nfc
from vinhdanh.documents.metrics import text_width_pt

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
MM_PER_PT = 25.4 / 72
# Children of w:pPr that must follow w:pBdr (ECMA-376 order).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


@dataclass(frozen=True)
class Header:
    issuing_body: str  # "Ủy ban nhân dân tỉnh Hà Tĩnh" (printed in capitals)
    number: str  # "Số: 125/QĐ-UBND", or "" for documents without one
    date_line: str  # "Hà Tĩnh, ngày 17 tháng 7 năm 2025", or "" (a form filled in by hand)
    parent_body: str = ""  # cơ quan chủ quản trực tiếp, when there is one


@dataclass(frozen=True)
class Signature:
    """The signature block: authority and title lines (capitals), then the signer's name.

    `authority` is one of TM., KT., Q., TL., TUQ. or ""; `on_behalf_of` is the collective body
    (after TM.) or the head's title (after KT., TL., TUQ.).
    """

    title: str
    name: str
    authority: str = ""
    on_behalf_of: str = ""
    lines_before: tuple[str, ...] = ()  # e.g. ("TM. ỦY BAN NHÂN DÂN",) above "KT. CHỦ TỊCH"

    @property
    def authority_lines(self) -> list[str]:
        lines = [formats.vietnamese_upper(line) for line in self.lines_before]
        title = formats.vietnamese_upper(self.title)
        if self.authority == "Q.":
            return [*lines, f"Q. {title}"]
        if self.authority:
            lines.append(f"{self.authority} {formats.vietnamese_upper(self.on_behalf_of)}")
        lines.append(title)
        return lines


@dataclass
class Column:
    heading: str
    width_mm: float
    align: Any = LEFT


@dataclass
class Annex:
    """A list annexed to a decision or submission ("Phụ lục" / "Danh sách kèm theo")."""

    title: str
    note: str  # "(Kèm theo Quyết định số … ngày … của …)"
    label: str = ""  # "Phụ lục I"; empty: none
    blocks: list[Any] = field(default_factory=list)


def _set_fonts(run: Any, style: formats.Style, *, size: float | None = None) -> None:
    run.font.name = FONT
    run.font.size = Pt(size or style.size)
    run.font.bold = style.bold
    run.font.italic = style.italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _border(paragraph: Paragraph, edge: str, *, size_eighths: int = 6) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    borders.append(line)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _tiny_mark(paragraph: Paragraph, half_points: int = 4) -> None:
    """Shrink an empty paragraph to a hairline: its mark's font sets the line height."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(half_points))
    rpr.append(size)
    ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
    )


def _zero_cell_margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption")


def _fix_widths(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    if table._tbl.tblPr.find(qn("w:tblLayout")) is not None:
        layout = None
    else:
        layout = OxmlElement("w:tblLayout")
    if layout is not None:
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.insert_element_before(layout, "w:tblCellMar", "w:tblLook", "w:tblCaption")
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def _keep_row_together(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def balanced_lines(text: str, size: float, *, bold: bool, width_mm: float) -> list[str]:
    """Capitalised names too long for their column, broken where a clerk would break them:
    after "ỦY BAN NHÂN DÂN", else into two lines of about the same width."""

    def width(line: str) -> float:
        return text_width_pt(line, size, bold=bold) * MM_PER_PT

    if width(text) <= width_mm:
        return [text]
    committee = "ỦY BAN NHÂN DÂN "
    if text.startswith(committee) and width(text[len(committee) :]) <= width_mm:
        return [committee.strip(), text[len(committee) :]]
    words = text.split()
    best = [text]
    best_width = width(text)
    preferred = {"TỈNH", "XÃ", "PHƯỜNG", "HUYỆN", "THÀNH", "ĐẶC"}
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(width(line) for line in lines)
        if words[cut] in preferred and widest <= width_mm:
            return lines
        if widest < best_width:
            best, best_width = lines, widest
    return best


def _page_number_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    _set_fonts(run, STYLES["body"])
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


class OfficialDocument:
    """A document under construction. Methods add elements in reading order."""

    def __init__(self) -> None:
        self.document: Any = Document()
        section = self.document.sections[0]
        self._page(section)
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(STYLES["body"].size)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        normal.paragraph_format.space_after = Pt(formats.PARAGRAPH_AFTER_PT)
        normal.paragraph_format.space_before = Pt(0)
        self.document.core_properties.language = "vi-VN"

    @staticmethod
    def _page(section: Any) -> None:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(formats.PAGE_WIDTH_MM)
        section.page_height = Mm(formats.PAGE_HEIGHT_MM)
        section.top_margin = Mm(formats.MARGIN_TOP_MM)
        section.bottom_margin = Mm(formats.MARGIN_BOTTOM_MM)
        section.left_margin = Mm(formats.MARGIN_LEFT_MM)
        section.right_margin = Mm(formats.MARGIN_RIGHT_MM)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        # Page numbers centred in the top margin, not shown on the first page (Section I.7).
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = CENTER
        _page_number_field(paragraph)

    # --- paragraphs --------------------------------------------------------------------------

    def para(
        self,
        text: str = "",
        style: str = "body",
        *,
        align: Any = JUSTIFY,
        indent: bool = False,
        after: float = formats.PARAGRAPH_AFTER_PT,
        container: Any = None,
        keep_with_next: bool = False,
    ) -> Paragraph:
        paragraph: Paragraph = (container or self.document).add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(0)
        fmt.keep_with_next = keep_with_next
        if indent:
            fmt.first_line_indent = Mm(formats.FIRST_LINE_INDENT_MM)
        if text:
            self.run(paragraph, text, style)
        return paragraph

    def run(self, paragraph: Paragraph, text: str, style: str = "body") -> Any:
        run = paragraph.add_run(unicodedata.normalize("NFC", text))
        _set_fonts(run, STYLES[style])
        return run

    def mixed(
        self, parts: Sequence[tuple[str, str]], *, indent: bool = True, align: Any = JUSTIFY
    ) -> Paragraph:
        """One paragraph of runs in different styles, e.g. ("Điều 1. ", "article")."""
        paragraph = self.para(indent=indent, align=align)
        for text, style in parts:
            self.run(paragraph, text, style)
        return paragraph

    def blank(self, points: float = 6) -> Paragraph:
        paragraph = self.para(after=0)
        paragraph.paragraph_format.line_spacing = Pt(points)
        return paragraph

    def _cell_para(
        self, cell: _Cell, text: str, style: str, *, align: Any = CENTER, after: float = 0
    ) -> Paragraph:
        first = cell.paragraphs[0]
        paragraph: Paragraph = first if not first.runs and not first.text else cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(after)
        paragraph.paragraph_format.space_before = Pt(0)
        if text:
            self.run(paragraph, text, style)
        return paragraph

    def _rule(self, cell: _Cell, length_mm: float, cell_width_mm: float) -> Paragraph:
        """A short centred line (a paragraph with a top border, indented to its length)."""
        paragraph = self._cell_para(cell, "", "body")
        side = max((cell_width_mm - length_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        _border(paragraph, "bottom")
        _tiny_mark(paragraph)
        return paragraph

    # --- header ------------------------------------------------------------------------------

    def header(self, header: Header) -> None:
        """Ô số 1–4: issuing body and number on the left, national title and date on the right."""
        table = self.document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(table)
        _zero_cell_margins(table)
        left_w, right_w = formats.HEADER_LEFT_MM, formats.HEADER_RIGHT_MM
        _fix_widths(table, [left_w, right_w])
        left, right = table.rows[0].cells
        if header.parent_body:
            parent = formats.vietnamese_upper(header.parent_body)
            size = STYLES["parent_body"].size
            for line in balanced_lines(parent, size, bold=False, width_mm=left_w - 0.5):
                self._cell_para(left, line, "parent_body")
        body = formats.vietnamese_upper(header.issuing_body)
        style = STYLES["issuing_body"]
        lines = balanced_lines(body, style.size, bold=True, width_mm=left_w - 0.5)
        for line in lines:
            self._cell_para(left, line, "issuing_body")
        widest = min(
            max(text_width_pt(line, style.size, bold=True) for line in lines) * MM_PER_PT,
            left_w,
        )
        # "độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ": 40 % of the body's line.
        self._rule(left, max(widest * 0.4, 15), left_w)
        if header.number:
            self._cell_para(
                left, header.number, "number", after=0
            ).paragraph_format.space_before = Pt(6)

        self._cell_para(right, formats.NATIONAL_NAME, "national_name")
        motto_style = STYLES["motto"]
        motto = self._cell_para(right, formats.MOTTO, "motto")
        # The motto's underline is exactly as long as the motto (Section II.1.c): a bottom border
        # on the motto's own paragraph, indented to the width of the text.
        width = text_width_pt(formats.MOTTO, motto_style.size, bold=True) * MM_PER_PT + 1.0
        side = max((right_w - width) / 2, 0)
        motto.paragraph_format.left_indent = Mm(side)
        motto.paragraph_format.right_indent = Mm(side)
        _border(motto, "bottom")
        if header.date_line:
            date = self._cell_para(right, header.date_line, "place_date")
            date.paragraph_format.space_before = Pt(6)
        self.blank(12)

    def title(self, kind: str, subject: str = "", *, rule: bool = True) -> None:
        """Tên loại (capitals) and trích yếu, centred, with a short line under the subject."""
        self.para(
            formats.vietnamese_upper(kind), "kind", align=CENTER, after=0, keep_with_next=True
        )
        if subject:
            for line in subject.split("\n"):
                self.para(line, "subject", align=CENTER, after=0, keep_with_next=True)
        if rule:
            paragraph = self.para(align=CENTER, after=12)
            lines = [kind, *subject.split("\n")] if subject else [kind]
            style = STYLES["subject"]
            longest = max(text_width_pt(line, style.size, bold=True) for line in lines)
            length = max(longest * MM_PER_PT / 3, 20)
            side = (formats.TEXT_WIDTH_MM - length) / 2
            paragraph.paragraph_format.left_indent = Mm(side)
            paragraph.paragraph_format.right_indent = Mm(side)
            _border(paragraph, "bottom")
            _tiny_mark(paragraph)

    def centred(self, text: str, style: str = "authority", *, after: float = 12) -> None:
        self.para(formats.vietnamese_upper(text), style, align=CENTER, after=after)

    def bases(self, bases: Sequence[str]) -> None:
        """ "Căn cứ …;" lines, italic as practice has it, each ending in a semicolon; the
        last (usually "Theo đề nghị của …") ends with a full stop."""
        cleaned = [nfc(b).rstrip(" ;.") for b in bases if nfc(b)]
        for index, text in enumerate(cleaned):
            end = "." if index == len(cleaned) - 1 else ";"
            paragraph = self.para(indent=True)
            run = self.run(paragraph, text + end, "body")
            run.font.italic = True

    def article(self, number: int, text: str) -> None:
        self.mixed([(f"Điều {number}. ", "article"), (text, "body")])

    def picture(
        self, png: bytes, *, width_mm: float = formats.TEXT_WIDTH_MM, caption: str = ""
    ) -> None:
        """A figure (a server-drawn chart) centred in the text width, with an italic caption."""
        paragraph = self.para(align=CENTER, after=0 if caption else 6, keep_with_next=bool(caption))
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
        if caption:
            self.para(caption, "annex_note", align=CENTER, after=6)

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- recipients and signature ------------------------------------------------------------

    def closing(self, recipients: Sequence[str], signature: Signature) -> None:
        """ "Nơi nhận:" at the bottom left beside the signature block on the right."""
        table = self.document.add_table(rows=1, cols=2)
        _no_borders(table)
        _zero_cell_margins(table)
        _fix_widths(table, [formats.TEXT_WIDTH_MM - 90, 90])
        _keep_row_together(table.rows[0])
        left, right = table.rows[0].cells
        if recipients:
            self._cell_para(left, "Nơi nhận:", "recipients_label", align=LEFT)
            last = len(recipients) - 1
            for index, recipient in enumerate(recipients):
                end = "." if index == last else ";"
                text = f"- {nfc(recipient).rstrip(' ;.')}{end}"
                self._cell_para(left, text, "recipients", align=LEFT)
        for line in signature.authority_lines:
            self._cell_para(right, line, "sign_title")
        self._cell_para(right, "", "body")
        self._cell_para(right, "", "body")
        self._cell_para(right, "", "body")
        self._cell_para(right, "", "body")
        self._cell_para(right, nfc(signature.name), "sign_name")

    def signatures(self, blocks: Sequence[tuple[str, str]]) -> None:
        """Side-by-side signature blocks without recipients (minutes, reports): (title, name)."""
        table = self.document.add_table(rows=1, cols=len(blocks))
        _no_borders(table)
        _zero_cell_margins(table)
        width = formats.TEXT_WIDTH_MM / len(blocks)
        _fix_widths(table, [width] * len(blocks))
        _keep_row_together(table.rows[0])
        for cell, (title, name) in zip(table.rows[0].cells, blocks, strict=True):
            for line in title.split("\n"):
                style = "sign_title" if line.isupper() else "to_fill"
                self._cell_para(cell, line, style)
            for _i in range(4):
                self._cell_para(cell, "", "body")
            self._cell_para(cell, name, "sign_name")

    # --- annexes and tables ------------------------------------------------------------------

    def annex_heading(self, annex: Annex) -> None:
        if annex.label:
            self.para(annex.label, "annex_label", align=CENTER, after=0)
        for line in annex.title.split("\n"):
            self.para(formats.vietnamese_upper(line), "annex_title", align=CENTER, after=0)
        if annex.note:
            self.para(annex.note, "annex_note", align=CENTER, after=0)
        paragraph = self.para(align=CENTER, after=12)
        side = (formats.TEXT_WIDTH_MM - 30) / 2
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        _border(paragraph, "bottom")
        _tiny_mark(paragraph)

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        *,
        bold_rows: Sequence[int] = (),
        merged_rows: Sequence[int] = (),
        compact: bool = False,
    ) -> Table:
        """A ruled table with a repeated heading row. `merged_rows`: indices of rows printed as
        one bold cell across the table (group headings such as "I. TẬP THỂ")."""
        table: Table = self.document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fix_widths(table, [c.width_mm for c in columns])
        head = table.rows[0]
        _repeat_header(head)
        body, heading = ("table_small", "table_small_head") if compact else ("table", "table_head")
        for cell, column in zip(head.cells, columns, strict=True):
            self._cell_para(cell, column.heading, heading)
        for index, values in enumerate(rows):
            row = table.add_row()  # type: ignore[no-untyped-call]
            _keep_row_together(row)
            cells = row.cells
            if index in merged_rows:
                merged = cells[0].merge(cells[-1])
                self._cell_para(merged, values[0], heading, align=LEFT)
                continue
            style = heading if index in bold_rows else body
            for cell, column, value in zip(cells, columns, values, strict=True):
                self._cell_para(cell, value, style, align=column.align)
        _fix_widths(table, [c.width_mm for c in columns])
        return table

    def to_fill(self, text: str, *, lines: int = 0) -> None:
        """A part the person writes: an italic bracketed instruction and dotted lines."""
        self.para(f"[{text}]", "to_fill", indent=True, after=0 if lines else 6)
        for _i in range(lines):
            self.para("." * 125, "body", align=LEFT, after=0)
        if lines:
            self.blank(6)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
