"""Council pages: convening, voting by secret ballot, tally, minutes, thresholds."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from docx import Document

from tests.councils.builders import FOR, council_world, make_nomination, province, run_vote
from tests.factories.orgs import RoleFactory
from tests.web.conftest import login
from vinhdanh.councils.enums import Choice
from vinhdanh.councils.models import Ballot, BallotCast, CouncilSession, VoteThreshold

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_officer_runs_a_session_from_the_pages(client):
    world = council_world(size=3)
    nomination = make_nomination(round=world.round, code="CSTDCS")
    office = login(client, world.office)
    council_url = reverse("web:councils:council", args=[world.council.pk])
    assert office.get(council_url).status_code == 200
    response = office.post(
        reverse("web:councils:session_create", args=[world.council.pk]),
        {
            "title": "Phiên họp tháng 3",
            "date": "2025-03-10",
            "place": "Hà Tĩnh",
            "method": "secret_ballot",
        },
    )
    session = CouncilSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:councils:session", args=[session.pk])
    page = office.get(reverse("web:councils:session", args=[session.pk]))
    assert nomination.subject_name in page.content.decode()  # offered for the agenda
    office.post(reverse("web:councils:agenda", args=[session.pk]), {"nominations": [nomination.pk]})
    office.post(
        reverse("web:councils:attendance", args=[session.pk]),
        {"present": [m.pk for m in world.members]},
    )
    office.post(reverse("web:councils:open", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == "open"
    for member in world.members:
        client.logout()
        voter = login(client, member.user)
        response = voter.post(
            reverse("web:councils:vote", args=[session.pk]), {f"n{nomination.pk}": FOR}
        )
        assert response.status_code == 302
    assert Ballot.objects.filter(session=session).count() == 3
    client.logout()
    office = login(client, world.office)
    close = reverse("web:councils:close", args=[session.pk])
    # Closing cannot be undone: without the confirmation box nothing happens.
    office.post(close, follow=True)
    session.refresh_from_db()
    assert session.status == "open"
    response = office.post(close, {"confirm": "on"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "100%" in html
    assert nomination.subject_name in html
    minutes = office.get(reverse("web:councils:minutes", args=[session.pk]))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in minutes.content.decode()
    docx = office.get(reverse("web:councils:minutes_docx", args=[session.pk]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(docx.content))
    assert any("Độc lập - Tự do - Hạnh phúc" in c.text for t in document.tables for c in t._cells)


def test_member_sees_a_ballot_then_only_that_they_voted(client):
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, close=False)
    member = login(client, world.members[1].user)
    url = reverse("web:councils:session", args=[session.pk])
    page = member.get(url).content.decode()
    assert f'name="n{nomination.pk}"' in page
    member.post(reverse("web:councils:vote", args=[session.pk]), {f"n{nomination.pk}": "against"})
    page = member.get(url).content.decode()
    assert f'name="n{nomination.pk}"' not in page
    assert str(Choice.AGAINST.label) not in page  # not even the labels of a ballot
    tally = member.get(reverse("web:councils:tally", args=[session.pk])).content.decode()
    assert "badge ok" not in tally  # no result while voting is open
    assert BallotCast.objects.get(session=session).user == world.members[1].user
    # a second post is refused, nothing is added
    member.post(reverse("web:councils:vote", args=[session.pk]), {f"n{nomination.pk}": FOR})
    assert Ballot.objects.filter(session=session).count() == 1


def test_members_cannot_run_the_session_and_outsiders_do_not_see_it(client):
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, close=False)
    member = login(client, world.members[1].user)
    assert member.post(reverse("web:councils:close", args=[session.pk])).status_code == 403
    assert member.post(reverse("web:councils:open", args=[session.pk])).status_code == 403
    client.logout()
    stranger = login(
        client, RoleFactory(unit=province("Tỉnh Nghệ An"), is_emulation_office=True).user
    )
    for name in ("session", "tally"):
        assert stranger.get(reverse(f"web:councils:{name}", args=[session.pk])).status_code == 404
    assert stranger.get(reverse("web:councils:council", args=[world.council.pk])).status_code == 404
    assert stranger.post(reverse("web:councils:close", args=[session.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("web:councils:session", args=[session.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_minutes_exist_only_for_a_closed_session(client):
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, close=False)
    office = login(client, world.office)
    assert office.get(reverse("web:councils:minutes_docx", args=[session.pk])).status_code == 403


def test_office_edits_the_general_thresholds(client):
    world = council_world(size=3)
    office = login(client, world.office)  # office of a top-level unit (the province)
    row = VoteThreshold.objects.get(council=None, award_code="*")
    page = office.get(reverse("web:councils:thresholds"))
    assert reverse("web:councils:threshold_edit", args=[row.pk]) in page.content.decode()
    response = office.post(
        reverse("web:councils:threshold_edit", args=[row.pk]),
        {
            "award_code": "*",
            "numerator": 2,
            "denominator": 3,
            "inclusive": "on",
            "denominator_type": "present_members",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.numerator, row.denominator, row.inclusive) == (2, 3, True)
    member = world.members[0].user
    client.logout()
    login(client, member)
    assert client.get(reverse("web:councils:threshold_edit", args=[row.pk])).status_code == 403


def test_council_pages_carry_no_inline_script_or_style(client):
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, votes={nomination.pk: [FOR] * 3})
    office = login(client, world.office)
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    for url in [
        reverse("web:councils:list"),
        reverse("web:councils:council", args=[world.council.pk]),
        reverse("web:councils:session", args=[session.pk]),
        reverse("web:councils:tally", args=[session.pk]),
        reverse("web:councils:minutes", args=[session.pk]),
        reverse("web:councils:thresholds"),
        reverse("web:councils:threshold_new"),
    ]:
        response = office.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert " style=" not in html, url
        assert "<style" not in html, url
        assert not inline_script.search(html), url
