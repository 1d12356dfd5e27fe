"""Reading a generated .docx back, as a clerk's Word would see it."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from vinhdanh.documents.formats import MOTTO, NATIONAL_NAME, STYLES

DATE_LINE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
NUMBER_LINE = re.compile(r"^Số:( \d{2,}| {6})/[A-ZĐ][A-ZĐa-z]*(-[A-ZĐ]+)*$")


def read(content: bytes) -> Any:
    return Document(io.BytesIO(content))


def paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph in reading order, table cells included."""
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def text(document: Any) -> str:
    return "\n".join(p.text for p in paragraphs(document))


def runs(document: Any) -> Iterator[Any]:
    for paragraph in paragraphs(document):
        for run in paragraph.runs:
            if run.text.strip():
                yield run


def find(document: Any, exact: str) -> Any:
    for paragraph in paragraphs(document):
        if paragraph.text == exact:
            return paragraph
    raise AssertionError(f"no paragraph reads {exact!r}")


def starting(document: Any, prefix: str) -> Any:
    for paragraph in paragraphs(document):
        if paragraph.text.startswith(prefix):
            return paragraph
    raise AssertionError(f"no paragraph starts with {prefix!r}")


def styled(paragraph: Any, key: str) -> None:
    """Every run of the paragraph has the size, weight and slant of Appendix I for `key`."""
    style = STYLES[key]
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        assert run.font.name == "Times New Roman", (paragraph.text, run.font.name)
        assert run.font.size.pt == style.size, (paragraph.text, key, run.font.size.pt)
        assert bool(run.font.bold) == style.bold, (paragraph.text, key, "bold")
        assert bool(run.font.italic) == style.italic, (paragraph.text, key, "italic")


def has_border(paragraph: Any, edge: str) -> bool:
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    borders = ppr.find(qn("w:pBdr"))
    return borders is not None and borders.find(qn(f"w:{edge}")) is not None


def assert_decree_layout(document: Any, *, number: bool = True) -> None:
    """Page, fonts and the header of Decree 30/2020, Appendix I."""
    for section in document.sections:
        assert round(section.page_width.mm) == 210
        assert round(section.page_height.mm) == 297
        assert 20 <= round(section.top_margin.mm) <= 25
        assert 20 <= round(section.bottom_margin.mm) <= 25
        assert 30 <= round(section.left_margin.mm) <= 35
        assert 15 <= round(section.right_margin.mm) <= 20
    assert {run.font.name for run in runs(document)} == {"Times New Roman"}
    body_sizes = {
        run.font.size.pt for p in document.paragraphs for run in p.runs if run.text.strip()
    }
    assert body_sizes <= {12.0, 13.0, 14.0}, body_sizes
    left, right = document.tables[0].rows[0].cells
    national = find(document, NATIONAL_NAME)
    styled(national, "national_name")
    motto = find(document, MOTTO)
    styled(motto, "motto")
    assert has_border(motto, "bottom"), "the motto is underlined"
    left_texts = [p.text for p in left.paragraphs]
    body_lines = [p for p in left.paragraphs if p.runs and p.runs[0].font.bold]
    assert body_lines
    assert all(p.text == p.text.upper() for p in body_lines)
    for paragraph in body_lines:
        styled(paragraph, "issuing_body")
    rule = left.paragraphs[left_texts.index(body_lines[-1].text) + 1]
    assert rule.text == "", "the body's short underline is an empty line"
    assert has_border(rule, "bottom"), "the body's short underline"
    if number:
        number_para = next(p for p in left.paragraphs if p.text.startswith("Số"))
        assert NUMBER_LINE.match(number_para.text), number_para.text
        styled(number_para, "number")
    date = [p for p in right.paragraphs if "ngày" in p.text]
    assert date, [p.text for p in right.paragraphs]
    assert DATE_LINE.match(date[0].text), date[0].text
    styled(date[0], "place_date")


def assert_nfc(document: Any) -> None:
    for paragraph in paragraphs(document):
        assert unicodedata.is_normalized("NFC", paragraph.text), paragraph.text


def table_cells(document: Any) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]
