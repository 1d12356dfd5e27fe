"""Council pages: convening, voting by secret ballot, tally, minutes, thresholds."""

from __future__ import annotations

import datetime as dt
import io
import re
from fractions import Fraction

import pytest
from django.urls import reverse
from docx import Document

from tests.councils.builders import (
    FOR,
    SESSION_DAY,
    council_world,
    make_nomination,
    province,
    run_vote,
)
from tests.factories.orgs import RoleFactory
from tests.web.conftest import login
from vinhdanh.councils.domain.queries.councils import threshold_for
from vinhdanh.councils.enums import Choice
from vinhdanh.councils.models import Ballot, BallotCast, CouncilSession

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
    """The office changes the general rule from a date; the tally reads the new rule (one
    source with the engine); a plain council member cannot change it."""
    world = council_world(size=3)
    office = login(client, world.office)  # office of a top-level unit (the province)
    page = office.get(reverse("web:councils:thresholds")).content.decode()
    assert reverse("web:councils:threshold_new") + "?code=%2A" in page
    assert "R-VOTE-1" in page  # the national defaults, CSTĐ bộ/tỉnh and hero titles
    form = office.get(reverse("web:councils:threshold_new") + "?code=*")
    assert form.status_code == 200
    response = office.post(
        reverse("web:councils:threshold_new"),
        {
            "award_code": "*",
            "numerator": 2,
            "denominator": 3,
            "inclusive": "on",
            "denominator_type": "present_members",
            "valid_from": "2025-01-01",
            "legal_basis": "Quy chế Hội đồng TĐKT tỉnh 2025",
        },
    )
    assert response.status_code == 302
    spec = threshold_for(council=world.council, award_code="GIAY_KHEN", day=SESSION_DAY)
    assert (spec.threshold.fraction, spec.threshold.inclusive) == (Fraction(2, 3), True)
    page = office.get(reverse("web:councils:thresholds")).content.decode()
    assert "Quy chế Hội đồng TĐKT tỉnh 2025" in page  # in the history of changes
    member = world.members[0].user
    client.logout()
    login(client, member)
    assert client.get(reverse("web:councils:threshold_new")).status_code == 403


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


def test_office_ends_a_membership_from_the_council_page(client):
    world = council_world(size=3)
    nomination = make_nomination(round=world.round, code="CSTDCS")
    run_vote(world, [nomination], present=world.members, close=False)
    member = world.members[1]
    office = login(client, world.office)
    council_url = reverse("web:councils:council", args=[world.council.pk])
    end_url = reverse("web:councils:end_member", args=[member.pk])
    assert end_url in office.get(council_url).content.decode()

    confirm = office.get(end_url).content.decode()
    assert member.display_name in confirm
    assert "không còn được tính" in confirm  # what ending does, before it is done

    # Recorded in the session of 10/03/2025: the membership cannot end the day before.
    refused = office.post(end_url, {"last_day": "2025-03-09"}).content.decode()
    assert "10/03/2025" in refused
    member.refresh_from_db()
    assert member.valid_to is None
    assert "Trường này là bắt buộc" in office.post(end_url, {}).content.decode()

    done = office.post(end_url, {"last_day": "2025-03-31"}, follow=True)
    assert done.redirect_chain[-1][0] == council_url
    assert any("31/03/2025" in m for m in _messages(done))
    assert "đến 31/03/2025" in done.content.decode()  # shown with their period (no start)
    member.refresh_from_db()
    assert member.valid_to == dt.date(2025, 3, 31)
    # Ended: no longer offered, and the confirmation page says it already ends.
    assert end_url not in done.content.decode()
    again = office.get(end_url, follow=True)
    assert again.redirect_chain[-1][0] == council_url
    assert any("đã kết thúc" in m or "31/03/2025" in m for m in _messages(again))


def test_the_vote_thresholds_link_is_not_in_the_breadcrumb_of_a_council_or_session(client):
    world = council_world(size=3)
    office = login(client, world.office)
    thresholds = reverse("web:councils:thresholds")
    html = office.get(reverse("web:councils:council", args=[world.council.pk])).content.decode()
    breadcrumb = html[html.index('class="breadcrumbs councils-nav"') :]
    breadcrumb = breadcrumb[: breadcrumb.index("</nav>")]
    assert thresholds not in breadcrumb
    assert thresholds in html  # among the council page's own actions


def test_only_the_office_sees_and_may_end_a_membership(client):
    world = council_world(size=3)
    member = world.members[1]
    end_url = reverse("web:councils:end_member", args=[member.pk])
    chair = login(client, world.members[0].user)
    page = chair.get(reverse("web:councils:council", args=[world.council.pk])).content.decode()
    assert end_url not in page
    assert chair.post(end_url, {"last_day": "2025-03-31"}).status_code == 403
    member.refresh_from_db()
    assert member.valid_to is None


def test_a_members_term_reads_as_dates_or_says_none_was_recorded(client):
    world = council_world(size=3)
    first, second, _no_dates = world.members
    first.valid_from = dt.date(2025, 1, 1)
    first.save()
    second.valid_from, second.valid_to = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
    second.save()
    html = (
        login(client, world.office)
        .get(reverse("web:councils:council", args=[world.council.pk]))
        .content.decode()
    )
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "từ 01/01/2025" in text
    assert "01/01/2021 – 31/12/2025" in text
    assert "chưa ghi nhiệm kỳ" in text  # the third: no dates at all
    assert "… – …" not in text
