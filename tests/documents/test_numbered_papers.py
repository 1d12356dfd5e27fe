"""Submissions, public notices and council minutes print the number the register gave them
("Số: 01/TTr-STP"), read back with python-docx; before they are numbered, the blank."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.councils.builders import FOR, council_world, make_nomination, run_vote
from tests.documents.reading import assert_decree_layout, find, read, starting, table_cells
from tests.documents.test_papers import _nominated
from tests.nominations.world import S, World, build_world, force_state, no_public_notice
from vinhdanh.councils.domain.sessions import close_session
from vinhdanh.councils.interfaces.minutes import minutes_docx
from vinhdanh.documents.interfaces import files
from vinhdanh.nominations.domain.notices import post_notice
from vinhdanh.nominations.domain.workflow import bulk_transition

DAY = dt.date(2026, 3, 2)


def at(day: dt.date) -> Any:
    moment = dt.datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def test_the_submission_sent_up_prints_its_number_and_only_what_it_proposed(
    world: World,
) -> None:
    no_public_notice()
    first, second, later = _nominated(world)[:3]
    for n in (first, second):
        force_state(n, S.VOTED)
    with at(DAY):
        result = bulk_transition(round=world.round, to=S.PROPOSED, actor=world.office, number=12)
    entry = result.submission
    assert entry is not None
    name, content = files.submission_file(world.round, entry)
    assert name == "to-trinh-12-ttr-snv-2026.docx"
    doc = read(content)
    assert_decree_layout(doc)
    assert find(doc, "Số: 12/TTr-SNV")
    assert find(doc, "Hà Tĩnh, ngày 02 tháng 3 năm 2026")
    assert starting(doc, "(Kèm theo Tờ trình số 12/TTr-SNV ngày 02/03/2026 của Sở Nội vụ)")
    cells = table_cells(doc)
    assert first.subject_name in cells
    assert second.subject_name in cells
    assert later.subject_name not in cells
    # the round's preview is still the văn thư's blank
    assert find(read(files.submission_file(world.round)[1]), "Số:      /TTr-SNV")


def test_the_posted_notice_prints_its_number_the_preview_the_blank(world: World) -> None:
    nominations = _nominated(world)
    preview = read(files.notice_file(world.round)[1])
    assert find(preview, "Số:      /TB-STP")
    force_state(nominations[0], S.VOTED)
    with at(DAY):
        post_notice(actor=world.office, round=world.round, starts_on=DAY)
    doc = read(files.notice_file(world.round)[1])
    assert_decree_layout(doc)
    assert find(doc, "Số: 01/TB-STP")


@pytest.mark.django_db
def test_the_closed_sessions_minutes_print_the_councils_number() -> None:
    council = council_world(size=3)
    council.council.unit.parent = None
    nomination = make_nomination(round=council.round, code="CSTD_BT")
    session = run_vote(
        council,
        [nomination],
        present=council.members,
        votes={nomination.pk: [FOR] * 3},
        close=False,
    )
    close_session(session=session, actor=council.office, number=3)
    session.refresh_from_db()
    assert session.minutes_entry.number_label == "03/BB-HĐTĐKT"
    assert session.minutes_entry.issuing_unit == council.council.unit
    doc = read(minutes_docx(session.minutes))
    assert find(doc, "Số: 03/BB-HĐTĐKT")
    # minutes kept before numbering existed leave the number blank
    old = {k: v for k, v in session.minutes.items() if k not in {"number", "symbol"}}
    assert find(read(minutes_docx(old)), "Số:      /BB-HĐTĐKT")
