"""The councils and decisions API: same domain functions, same safeguards as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tests.councils.builders import (
    FOR,
    council_world,
    decider_user,
    make_nomination,
    make_round,
    province,
    run_vote,
)
from tests.factories.orgs import RoleFactory
from vinhdanh.awards.models import Award, Decision
from vinhdanh.councils.models import Ballot, BallotCast, CouncilSession
from vinhdanh.nominations.enums import NominationState

pytestmark = pytest.mark.django_db
BASE = "/api/v1/councils/"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_whole_session_over_the_api():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round, code="CSTDCS")
    office = as_user(world.office)
    created = office.post(
        f"{BASE}{world.council.pk}/sessions/",
        {"title": "Phiên họp", "date": "2025-03-10", "method": "secret_ballot"},
        format="json",
    )
    assert created.status_code == 201, created.content
    sid = created.json()["id"]
    url = f"{BASE}sessions/{sid}/"
    assert (
        office.post(f"{url}agenda/", {"nominations": [nomination.pk]}, format="json").status_code
        == 200
    )
    response = office.post(
        f"{url}attendance/", {"present": [m.pk for m in world.members]}, format="json"
    )
    assert response.status_code == 200
    assert len(response.json()["present"]) == 3
    assert office.post(f"{url}open/").json()["status"] == "open"
    for member in world.members:
        voted = as_user(member.user).post(
            f"{url}vote/",
            {"choices": [{"nomination": nomination.pk, "choice": FOR}]},
            format="json",
        )
        assert voted.status_code == 200, voted.content
        assert voted.json()["my_votes"] == [nomination.pk]
    again = as_user(world.members[0].user).post(
        f"{url}vote/", {"choices": [{"nomination": nomination.pk, "choice": FOR}]}, format="json"
    )
    assert again.status_code == 400
    assert office.get(f"{url}tally/").json() == []  # nothing before closing
    assert office.post(f"{url}close/").json()["status"] == "closed"
    (result,) = office.get(f"{url}tally/").json()
    assert result["passed"]
    assert result["for_votes"] == 3
    assert result["threshold"] == "1/2"
    assert office.get(f"{url}minutes/").json()["items"][0]["for"] == 3
    docx = office.get(f"{url}minutes-docx/")
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"
    assert Ballot.objects.count() == 3
    assert BallotCast.objects.count() == 3
    nomination.refresh_from_db()
    assert nomination.state == NominationState.VOTED


def test_session_detail_never_shows_anyones_choice():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(
        world, [nomination], present=world.members, votes={nomination.pk: [FOR]}, close=False
    )
    data = as_user(world.members[1].user).get(f"{BASE}sessions/{session.pk}/").json()
    assert data["my_votes"] == []
    assert data["agenda"][0]["members_voted"] == 1

    def values(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from values(value)
        elif isinstance(node, list):
            for value in node:
                yield from values(value)
        else:
            yield node

    seen = set(values(data))
    assert "choice" not in seen
    assert not seen & {"for", "against", "abstain"}


def test_members_cannot_close_and_outsiders_do_not_see():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, close=False)
    member = as_user(world.members[1].user)
    assert member.post(f"{BASE}sessions/{session.pk}/close/").status_code == 403
    stranger = as_user(RoleFactory(unit=province("Tỉnh Nghệ An"), is_emulation_office=True).user)
    assert stranger.get(f"{BASE}sessions/{session.pk}/").status_code == 404
    assert stranger.post(f"{BASE}sessions/{session.pk}/close/").status_code == 404
    assert stranger.get(BASE).json()["results"] == []
    assert APIClient().get(f"{BASE}sessions/{session.pk}/").status_code in (401, 403)
    session.refresh_from_db()
    assert session.status == "open"


def _issue_payload(unit, nominations, **extra):
    return {
        "issuing_unit": unit.pk,
        "issuing_body": "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "symbol": "QĐ-UBND",
        "signed_on": "2025-05-20",
        "signer_name": "Trần Văn Bình",
        "signer_title": "Chủ tịch",
        "decider_role": "chu_tich_ubnd_tinh",
        "nominations": [n.pk for n in nominations],
        **extra,
    }


def test_decisions_are_issued_and_revoked_over_the_api():
    unit = province()
    decider = as_user(decider_user(unit))
    nomination = make_nomination(
        round=make_round(decider_unit=unit), code="BK_BT", state=NominationState.PROPOSED
    )
    issued = decider.post(
        f"{BASE}decisions/issue/", _issue_payload(unit, [nomination]), format="json"
    )
    assert issued.status_code == 201, issued.content
    body = issued.json()
    assert body["number_label"] == "01/QĐ-UBND"
    assert len(body["awards"]) == 1
    payload = _issue_payload(unit, [], signed_on="2025-09-01")
    payload.pop("nominations")
    missing = decider.post(
        f"{BASE}decisions/{body['id']}/revoke/",
        {**payload, "awards": body["awards"]},
        format="json",
    )
    assert missing.status_code == 400  # no ground, no reason
    revoked = decider.post(
        f"{BASE}decisions/{body['id']}/revoke/",
        {**payload, "awards": body["awards"], "revocation_ground": "b", "reason": "Giả mạo hồ sơ"},
        format="json",
    )
    assert revoked.status_code == 201, revoked.content
    assert revoked.json()["number"] == 2
    assert revoked.json()["kind"] == "revocation"
    assert Award.objects.get().revoked_by_id == revoked.json()["id"]


def test_issued_decision_has_no_edit_or_delete_endpoint():
    unit = province()
    decider = as_user(decider_user(unit))
    nomination = make_nomination(
        round=make_round(decider_unit=unit), code="BK_BT", state=NominationState.PROPOSED
    )
    decision_id = decider.post(
        f"{BASE}decisions/issue/", _issue_payload(unit, [nomination]), format="json"
    ).json()["id"]
    for client in (decider, as_user(RoleFactory(unit=unit, is_admin=True).user)):
        for method in ("put", "patch", "delete"):
            response = getattr(client, method)(
                f"/api/v1/decisions/{decision_id}/", {"subject": "Sửa"}, format="json"
            )
            assert response.status_code in (403, 405), (method, response.status_code)
    assert Decision.objects.get().subject != "Sửa"


def test_district_chair_after_june_2025_is_refused_over_the_api():
    from tests.factories.orgs import UnitFactory
    from vinhdanh.orgs.enums import UnitLevel

    district = UnitFactory(level=UnitLevel.DISTRICT)
    decider = as_user(decider_user(district))
    nomination = make_nomination(
        round=make_round(decider_unit=district), code="LDTT", state=NominationState.PROPOSED
    )
    response = decider.post(
        f"{BASE}decisions/issue/",
        _issue_payload(
            district,
            [nomination],
            decider_role="chu_tich_ubnd_huyen",
            signed_on=str(dt.date(2025, 7, 2)),
        ),
        format="json",
    )
    assert response.status_code == 400
    assert "01/07/2025" in response.json()["detail"]
    assert not Decision.objects.exists()


def test_thresholds_are_listed():
    world = council_world(size=2)
    rows = as_user(world.office).get(f"{BASE}thresholds/").json()
    codes = {r["award_code"]: r for r in rows}
    assert {"*", "CSTD_BT", "CSTDTQ", "AH_LD", "AH_LLVTND"} <= set(codes)
    assert (codes["AH_LD"]["threshold"], codes["AH_LD"]["method"]) == ("9/10", "secret_ballot")
    assert (codes["*"]["threshold"], codes["*"]["inclusive"]) == ("1/2", False)
    assert CouncilSession.objects.count() == 0


@pytest.mark.parametrize("unit", ["", "abc", "-1"])
def test_thresholds_refuse_a_unit_that_is_not_an_id(unit: str) -> None:
    world = council_world(size=2)
    response = as_user(world.office).get(f"{BASE}thresholds/", {"unit": unit})
    assert response.status_code == 400
    assert "unit" in response.json()


def test_too_many_form_fields_is_a_json_400_not_the_html_page():
    world = council_world(size=2)
    office = as_user(world.office)
    created = office.post(
        f"{BASE}{world.council.pk}/sessions/", {"title": "Phiên họp", "date": "2025-03-10"}
    )

    response = office.post(
        f"{BASE}sessions/{created.json()['id']}/agenda/",
        {"nominations": list(range(1, 1200))},
        format="multipart",
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "too_large"


def test_ballot_is_json_only_with_one_choice_per_nomination():
    world = council_world(size=3)
    nomination = make_nomination(round=world.round, code="CSTDCS")
    session = run_vote(world, [nomination], present=world.members, close=False)
    member = as_user(world.members[0].user)
    url = f"{BASE}sessions/{session.pk}/vote/"
    choice = {"nomination": nomination.pk, "choice": FOR}

    form = member.post(url, {"choices": [choice]}, format="multipart")
    empty = member.post(url, {"choices": []}, format="json")
    twice = member.post(url, {"choices": [choice, choice]}, format="json")

    assert form.status_code == 415
    assert empty.status_code == 400
    assert twice.status_code == 400
    assert list(twice.json()) == ["choices"]
    assert not Ballot.objects.filter(session=session).exists()


@pytest.mark.parametrize("signed_on", ["9999-12-31", "0202-01-01", "1900-05-01"])
def test_decision_dated_outside_the_sane_range_is_refused(signed_on):
    unit = province()
    decider = as_user(decider_user(unit))
    nomination = make_nomination(
        round=make_round(decider_unit=unit), code="BK_BT", state=NominationState.PROPOSED
    )

    response = decider.post(
        f"{BASE}decisions/issue/",
        _issue_payload(unit, [nomination], signed_on=signed_on),
        format="json",
    )

    assert response.status_code == 400
    assert "signed_on" in response.json()
    assert not Decision.objects.exists()


def test_a_council_action_over_http_basic_is_audited_with_its_user(settings):
    from base64 import b64encode

    from vinhdanh.common.models import AuditEvent

    world = council_world(size=3)
    world.office.set_password("mat-khau-rat-dai-2025")
    world.office.save()
    client = APIClient()
    token = b64encode(f"{world.office.username}:mat-khau-rat-dai-2025".encode()).decode()
    client.credentials(HTTP_AUTHORIZATION=f"Basic {token}")

    created = client.post(
        f"{BASE}{world.council.pk}/sessions/",
        {"title": "Phiên họp", "date": "2025-03-10", "method": "secret_ballot"},
        format="json",
    )

    assert created.status_code == 201, created.content
    event = AuditEvent.objects.get(
        object_type="councils.councilsession", object_id=str(created.json()["id"]), action="create"
    )
    assert (event.user_id, event.username, event.source) == (
        world.office.pk,
        world.office.username,
        "api",
    )


def test_a_decision_during_a_public_notice_needs_a_reason_over_the_api():
    from django.utils import timezone

    from vinhdanh.nominations.domain.calendar import add_working_days
    from vinhdanh.nominations.models import PublicNotice

    unit = province()
    decider = as_user(decider_user(unit))
    nomination = make_nomination(
        round=make_round(decider_unit=unit), code="BK_BT", state=NominationState.PROPOSED
    )
    today = timezone.localdate()
    notice = PublicNotice.objects.create(
        round=nomination.round,
        title="Công khai",
        starts_on=today,
        working_days=5,
        ends_on=add_working_days(today, 5),
    )
    notice.nominations.set([nomination])
    refused = decider.post(
        f"{BASE}decisions/issue/", _issue_payload(unit, [nomination]), format="json"
    )
    assert refused.status_code == 400
    assert notice.ends_on.strftime("%d/%m/%Y") in refused.content.decode()
    issued = decider.post(
        f"{BASE}decisions/issue/",
        {**_issue_payload(unit, [nomination]), "notice_override_reason": "Kịp trao dịp lễ"},
        format="json",
    )
    assert issued.status_code == 201, issued.content
