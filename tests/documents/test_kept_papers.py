"""Numbered submissions, notices and minutes are kept exactly as issued: the .docx stored when
the register numbers them and served unchanged after names or the office's settings change."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.councils.builders import FOR, council_world, make_nomination, run_vote
from tests.documents.reading import assert_decree_layout, find, read, styled, table_cells, text
from tests.documents.test_numbered_papers import DAY, at
from tests.documents.test_papers import _nominated
from tests.nominations.world import S, World, build_world, force_state, no_public_notice
from tests.web.conftest import login
from vinhdanh.councils.domain.sessions import close_session
from vinhdanh.councils.interfaces.minutes import minutes_file
from vinhdanh.documents.interfaces import files, kept_papers
from vinhdanh.documents.models import IssuedDocumentError, KeptPaper, OfficeSettings
from vinhdanh.nominations.domain.notices import post_notice
from vinhdanh.nominations.domain.workflow import bulk_transition
from vinhdanh.people.models import Person

RENAMED = "Cơ quan đã đổi tên"


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _change_office(unit: Any) -> None:
    OfficeSettings.objects.update_or_create(
        unit=unit, defaults={"issuing_body": RENAMED, "place": "Vinh"}
    )


def _stored(entry: Any) -> bytes:
    with KeptPaper.objects.get(entry=entry).file.open("rb") as stream:
        return stream.read()


def test_the_submission_is_kept_when_numbered_and_served_unchanged(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    no_public_notice()
    first, second = _nominated(world)[:2]
    for n in (first, second):
        force_state(n, S.VOTED)
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        entry = bulk_transition(
            round=world.round, to=S.PROPOSED, actor=world.office, number=12
        ).submission
    assert entry is not None
    kept = entry.kept_paper
    stored = _stored(entry)
    _change_office(entry.issuing_unit)
    assert first.person is not None
    Person.objects.filter(pk=first.person.pk).update(given_name="Đổi")
    name, served = kept_papers.submission_download(entry)
    assert (name, served) == (kept.name, stored)
    doc = read(served)
    assert find(doc, "Số: 12/TTr-SNV")
    assert find(doc, "TỜ TRÌNH")
    assert RENAMED not in text(doc)
    assert first.subject_name in table_cells(doc)
    # rendering again would print the office's new name: what was sent up does not change
    assert RENAMED in text(read(files.submission_file(world.round, entry)[1]))
    with pytest.raises(IssuedDocumentError):
        kept.delete()


def test_each_posted_notice_stays_downloadable_as_numbered(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    one, two = _nominated(world)[:2]
    for n in (one, two):
        force_state(n, S.VOTED)
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        earlier = post_notice(
            actor=world.office, round=world.round, starts_on=DAY, nominations=[one]
        )
        later = post_notice(
            actor=world.office, round=world.round, starts_on=DAY, nominations=[two], number=7
        )
    assert KeptPaper.objects.count() == 2
    _change_office(world.round.owning_unit)
    name, content = kept_papers.notice_download(world.round, earlier)
    assert content == _stored(earlier.register_entry)
    assert name == "thong-bao-01-tb-stp-2026.docx"
    doc = read(content)
    assert_decree_layout(doc)
    styled(find(doc, "THÔNG BÁO"), "kind")
    styled(find(doc, "Về việc công khai danh sách các tập thể, cá nhân"), "subject")
    assert find(doc, "Số: 01/TB-STP")
    assert RENAMED not in text(doc)
    assert one.subject_name in table_cells(doc)
    assert two.subject_name not in table_cells(doc)
    # without naming one, the round's latest notice, also as it was numbered
    assert kept_papers.notice_download(world.round)[1] == _stored(later.register_entry)
    other = read(kept_papers.notice_download(world.round, later)[1])
    assert find(other, "Số: 07/TB-STP")
    assert two.subject_name in table_cells(other)


def test_the_round_page_offers_each_notice(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    one, two = _nominated(world)[:2]
    for n in (one, two):
        force_state(n, S.VOTED)
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        earlier = post_notice(
            actor=world.office, round=world.round, starts_on=DAY, nominations=[one]
        )
        post_notice(actor=world.office, round=world.round, starts_on=DAY, nominations=[two])
    login(client, world.clerk)
    url = reverse("web:document_notice", args=[world.round.pk]) + f"?notice={earlier.pk}"
    with at(DAY):
        page = client.get(reverse("web:workflow_round", args=[world.round.pk])).content.decode()
    assert url.replace("&", "&amp;") in page
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == _stored(earlier.register_entry)
    # another unit's clerk does not see the round, nor its notices
    login(client, world.clerk_b)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_closed_sessions_minutes_are_kept_and_show_their_number(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    council = council_world(size=3)
    nomination = make_nomination(round=council.round, code="CSTD_BT")
    session = run_vote(
        council,
        [nomination],
        present=council.members,
        votes={nomination.pk: [FOR] * 3},
        close=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        close_session(session=session, actor=council.office, number=3)
    session.refresh_from_db()
    stored = _stored(session.minutes_entry)
    assert find(read(stored), "Số: 03/BB-HĐTĐKT")
    _change_office(council.council.unit)
    assert minutes_file(session)[1] == stored
    login(client, council.office)
    page = client.get(reverse("web:councils:minutes", args=[session.pk])).content.decode()
    assert "Số: 03/BB-HĐTĐKT" in page
    response = client.get(reverse("web:councils:minutes_docx", args=[session.pk]))
    assert response.content == stored
