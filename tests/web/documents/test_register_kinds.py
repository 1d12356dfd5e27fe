"""The register lists submissions, council minutes and public notices beside decisions; the
văn thư gives their numbers on the forms that make them official (web and API)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.councils.builders import FOR, CouncilWorld, make_council, run_vote
from tests.documents.issuing import issue
from tests.documents.test_papers import _named_signers
from tests.nominations.world import S, World, force_state, no_public_notice
from vinhdanh.awards.models import OutgoingDocument
from vinhdanh.councils.models import CouncilSession
from vinhdanh.nominations.models import Nomination, PublicNotice
from vinhdanh.orgs.models import Unit

DAY = dt.date(2026, 3, 2)


def at(day: dt.date) -> Any:
    moment = dt.datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return time_machine.travel(moment, tick=False)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _notes(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _council(world: World) -> CouncilWorld:
    council, members = make_council(unit=world.province, size=3)
    return CouncilWorld(
        unit=world.province,
        council=council,
        members=members,
        office=world.office,
        round=world.round,
    )


def _propose(world: World, number: str = "") -> Any:
    force_state(world.nominate(), S.VOTED)
    with at(DAY):
        return _client(world.office).post(
            reverse("web:workflow_round_bulk", args=[world.round.pk]),
            {"to": S.PROPOSED, "number": number},
        )


def test_the_register_lists_every_kind_and_filters_by_kind(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    no_public_notice()
    _named_signers(world)
    interior = Unit.objects.get(name="Sở Nội vụ")
    force_state(world.nominate(), S.VOTED)
    with at(DAY), django_capture_on_commit_callbacks(execute=True):
        notice = _client(world.office).post(
            reverse("web:workflow_round_notice", args=[world.round.pk]),
            {"starts_on": "2026-03-02", "title": "Công khai danh sách", "number": "8"},
        )
        assert notice.status_code == 302
        assert _propose(world).status_code == 302
    office = _client(world.office)
    # the nominating department posted the notice; the Sở Nội vụ sent the proposal up
    url = reverse("web:document_register", args=[world.dept.pk])
    response = office.get(url, {"year": 2026})
    lines = response.context["lines"]
    assert [(line.number_label, line.kind) for line in lines] == [
        ("08/TB-STP", "TB (Thông báo công khai)"),
    ]
    assert lines[0].number_entered
    assert lines[0].subject == "Công khai danh sách"
    assert lines[0].signer == "Giám đốc Hoàng Văn Nam"
    interior_url = reverse("web:document_register", args=[interior.pk])
    response = office.get(interior_url, {"year": 2026})
    lines = response.context["lines"]
    assert [(line.number_label, line.kind) for line in lines] == [
        ("01/TTr-SNV", "TTr (Tờ trình)"),
    ]
    assert lines[0].recipients == "2 cá nhân"  # both voted nominees went up
    # who signs the kept paper, as for decisions
    assert lines[0].signer == "Giám đốc Phan Minh Đức"
    page = response.content.decode()
    assert "Giám đốc Phan Minh Đức" in page
    assert reverse("web:workflow_round", args=[world.round.pk]) in page
    # the filter names the kinds as the table does, not by bare codes
    assert response.context["kinds"] == [("TTr", "TTr (Tờ trình)")]
    assert '<option value="TTr">TTr (Tờ trình)</option>' in page
    only = office.get(interior_url, {"year": 2026, "kind": "ttr"}).context["lines"]
    assert [line.number_label for line in only] == ["01/TTr-SNV"]
    xlsx = office.get(reverse("web:document_register_xlsx", args=[interior.pk]), {"year": 2026})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][4] == "Người ký"
    assert rows[1][4] == "Giám đốc Phan Minh Đức"
    xlsx = office.get(
        reverse("web:document_register_xlsx", args=[world.dept.pk]),
        {"year": 2026, "kind": "TB"},
    )
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][2] == "Loại văn bản"
    assert [row[:3] for row in rows[1:]] == [
        ("08/TB-STP", dt.datetime(2026, 3, 2), "TB (Thông báo công khai)")
    ]
    assert rows[1][7] == "Văn thư cấp số"
    # the register's keepers only, as for decisions
    assert _client(world.clerk).get(url).status_code == 200
    assert _client(world.clerk_b).get(url).status_code == 404
    assert _client(world.decider).get(url).status_code == 403


def test_the_province_register_holds_decisions_and_the_councils_minutes(world: World) -> None:
    issue(world)
    council = _council(world)
    nomination = force_state(world.nominate(), S.APPRAISED)
    session = run_vote(
        council,
        [nomination],
        present=council.members,
        votes={nomination.pk: [FOR] * 3},
        close=False,
    )
    office = _client(world.office)
    response = office.post(
        reverse("web:councils:close", args=[session.pk]), {"confirm": "on", "number": "3"}
    )
    assert response.status_code == 302
    page = office.get(reverse("web:councils:session", args=[session.pk])).content.decode()
    assert "03/BB-HĐTĐKT" in page
    year = session.date.year
    lines = office.get(
        reverse("web:document_register", args=[world.province.pk]), {"year": year}
    ).context["lines"]
    assert ("03/BB-HĐTĐKT", "BB (Biên bản họp Hội đồng)") in [
        (line.number_label, line.kind) for line in lines
    ]


def test_a_taken_number_on_the_close_form_keeps_the_session_open(world: World) -> None:
    council = _council(world)
    sessions = []
    for _ in range(2):
        nomination = force_state(world.nominate(), S.APPRAISED)
        sessions.append(run_vote(council, [nomination], present=council.members, close=False))
    office = _client(world.office)
    for session in sessions:
        response = office.post(
            reverse("web:councils:close", args=[session.pk]), {"confirm": "on", "number": "3"}
        )
    assert any(
        "Số 3 năm" in note and "đã có trong sổ văn bản đi" in note for note in _notes(response)
    )
    assert CouncilSession.objects.get(pk=sessions[1].pk).status == "open"


def test_the_round_page_takes_the_submission_number_and_offers_its_paper(world: World) -> None:
    no_public_notice()
    _named_signers(world)
    response = _propose(world, "21")
    assert _notes(response)[-1] == "Tờ trình số 21/TTr-SNV đã được vào sổ văn bản đi."
    refused = _propose(world, "21")
    assert any("đã có trong sổ văn bản đi" in note for note in _notes(refused))
    assert Nomination.objects.filter(round=world.round, state=S.VOTED).count() == 1
    office = _client(world.office)
    page = office.get(reverse("web:workflow_round", args=[world.round.pk])).content.decode()
    assert "Tờ trình đã gửi cấp trên" in page
    assert 'name="number"' in page
    entry = OutgoingDocument.objects.get()
    url = reverse("web:document_submission", args=[world.round.pk])
    assert f"{url}?submission={entry.pk}" in page
    download = office.get(url, {"submission": entry.pk})
    assert _notes(download) == []
    assert download["Content-Disposition"].endswith('"to-trinh-21-ttr-snv-2026.docx"')
    assert office.get(url, {"submission": entry.pk + 100}).status_code == 404
    assert _client(world.outsider).get(url, {"submission": entry.pk}).status_code == 404


def test_the_api_numbers_the_submission_and_the_minutes(world: World) -> None:
    no_public_notice()
    force_state(world.nominate(), S.VOTED)
    client = APIClient()
    client.force_authenticate(world.office)
    url = f"/api/v1/workflow/rounds/{world.round.pk}/bulk-transition/"
    with at(DAY):
        done = client.post(url, {"to": S.PROPOSED, "number": 7}, format="json")
        assert done.status_code == 200
        # no Sở Nội vụ in this tree: the province's council sends it up
        assert done.json()["submission"] == "07/TTr-HĐTĐKT"
        force_state(world.nominate(), S.VOTED)
        refused = client.post(url, {"to": S.PROPOSED, "number": 7}, format="json")
    assert refused.status_code == 400
    assert "Tờ trình số 07/TTr-HĐTĐKT" in refused.json()["detail"]
    council = _council(world)
    nomination = force_state(world.nominate(), S.APPRAISED)
    session = run_vote(council, [nomination], present=council.members, close=False)
    closed = client.post(
        f"/api/v1/councils/sessions/{session.pk}/close/", {"number": 4}, format="json"
    )
    assert closed.status_code == 200
    assert closed.json()["minutes_number"] == "04/BB-HĐTĐKT"
    assert PublicNotice.objects.count() == 0
