"""The minutes: structured data at closing, an HTML page and a .docx (Decree 30/2020 basics)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from tests.councils.builders import AGAINST, FOR, council_world, make_nomination, run_vote
from vinhdanh.councils.interfaces.minutes import MOTTO, NATIONAL_NAME, date_line, minutes_docx

pytestmark = pytest.mark.django_db


def _text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_minutes_are_kept_as_data_when_the_session_closes():
    world = council_world(size=5)
    nomination = make_nomination(round=world.round, code="CSTDCS")
    session = run_vote(
        world,
        [nomination],
        present=world.members[:4],
        votes={nomination.pk: [FOR, FOR, FOR, AGAINST]},
    )
    data = session.minutes
    assert data["council"] == world.council.name
    assert data["chair"] == world.members[0].display_name
    assert data["secretary"] == world.secretary.display_name
    assert sum(m["present"] for m in data["members"]) == 4
    (item,) = data["items"]
    assert (item["for"], item["against"], item["denominator"], item["passed"]) == (3, 1, 4, True)
    assert item["subject"] == nomination.subject_name


def test_minutes_docx_opens_and_carries_the_tally():
    world = council_world(size=10)
    world.council.unit.parent = None
    nomination = make_nomination(round=world.round, code="CSTD_BT")
    session = run_vote(
        world,
        [nomination],
        present=world.members,
        votes={nomination.pk: [FOR] * 9 + [AGAINST]},
    )
    content = minutes_docx(session.minutes)
    document = Document(io.BytesIO(content))
    text = _text(document)
    assert NATIONAL_NAME in text
    assert MOTTO in text
    assert "ngày 10 tháng 3 năm 2025" in text
    assert nomination.subject_name in text
    table = document.tables[1]
    row = [cell.text for cell in table.rows[1].cells]
    assert row[3:6] == ["9", "1", "0"]
    assert row[6] == "90%"
    fonts = {
        run.font.name
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.text.strip()
    }
    assert fonts == {"Times New Roman"}
    sizes = {
        run.font.size.pt
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.text.strip() and run.font.size
    }
    assert sizes <= {13.0, 14.0}
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.left_margin.mm) == 30


def test_date_line_follows_decree_30():
    assert date_line("Hà Tĩnh", dt.date(2025, 2, 5)) == "Hà Tĩnh, ngày 05 tháng 02 năm 2025"
    assert date_line("Hà Tĩnh", dt.date(2025, 12, 25)) == "Hà Tĩnh, ngày 25 tháng 12 năm 2025"
    assert date_line("", dt.date(2025, 3, 1)) == "ngày 01 tháng 3 năm 2025"
