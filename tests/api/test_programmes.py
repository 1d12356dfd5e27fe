"""The programmes API: scoped reads, writes through the domain, and bad input refused with a
Vietnamese message and nothing saved (a wrong type, a locked or future period, a unit outside
the programme, participants below zero)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.programmes.world import World, build_world
from vinhdanh.programmes.domain.reports import lock_period
from vinhdanh.programmes.models import Activity, PeriodReport, ReportValue

REPORTS = "/api/v1/programme-reports/"
ACTIVITIES = "/api/v1/programme-activities/"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _as(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _report(w: World, unit_id: int, code: str = "2024-Q1", **values: Any) -> dict[str, Any]:
    figures = {"sessions": 4, "rate": "75,5", "largest": 90, "clubs": 2, "done": "có"}
    return {
        "programme": w.programme.pk,
        "unit": unit_id,
        "period_code": code,
        "values": {**figures, **values},
        "narrative": "Đã tổ chức 4 buổi tuyên truyền.",
        "submit": True,
    }


def test_a_commune_submits_and_the_office_approves(world: World) -> None:
    w = world
    response = _as(w.clerk_x).post(REPORTS, _report(w, w.x.pk), format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "submitted"
    assert body["values"] == {
        "sessions": "4",
        "rate": "75.5",
        "largest": "90",
        "clubs": "2",
        "done": "1",
    }
    approved = _as(w.office).post(f"{REPORTS}{body['id']}/approve/")
    assert approved.status_code == 200
    assert approved.json()["state"] == "approved"
    returned = _as(w.office).post(
        f"{REPORTS}{body['id']}/return/", {"reason": "Số liệu chưa khớp"}, format="json"
    )
    assert returned.json()["return_reason"] == "Số liệu chưa khớp"


def test_reads_are_scoped_to_the_units_of_the_caller(world: World) -> None:
    w = world
    _as(w.clerk_x).post(REPORTS, _report(w, w.x.pk), format="json")
    _as(w.clerk_y).post(REPORTS, _report(w, w.y.pk), format="json")
    mine = _as(w.clerk_x).get(REPORTS).json()["results"]
    theirs = PeriodReport.objects.get(unit=w.y)

    assert [r["unit_name"] for r in mine] == ["Xã An Xuân"]
    assert _as(w.clerk_x).get(f"{REPORTS}{theirs.pk}/").status_code == 404
    assert len(_as(w.office).get(REPORTS).json()["results"]) == 2
    programmes = _as(w.clerk_x).get("/api/v1/programmes/").json()["results"]
    assert [p["name"] for p in programmes] == [w.programme.name]
    assert {i["code"] for i in programmes[0]["indicators"]} == {
        "sessions",
        "rate",
        "largest",
        "clubs",
        "done",
    }


def test_a_locked_period_refuses_writes_with_409(world: World) -> None:
    w = world
    lock_period(actor=w.office, programme=w.programme, period_code="2024-Q1")

    response = _as(w.clerk_x).post(REPORTS, _report(w, w.x.pk), format="json")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Quý 1/2024 đã khoá sổ: không thể thay đổi báo cáo của kỳ này.",
        "code": "period_locked",
    }
    assert not PeriodReport.objects.exists()


def test_a_future_period_is_refused(world: World) -> None:
    w = world
    response = _as(w.clerk_x).post(REPORTS, _report(w, w.x.pk, "2028-Q4"), format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == "Quý 4/2028 chưa bắt đầu: chưa thể báo cáo."
    assert not PeriodReport.objects.exists()


def test_a_value_of_the_wrong_type_saves_nothing(world: World) -> None:
    w = world
    _as(w.clerk_x).post(REPORTS, {**_report(w, w.x.pk), "submit": False}, format="json")
    before = list(ReportValue.objects.values_list("indicator__code", "value"))

    response = _as(w.clerk_x).post(
        REPORTS, _report(w, w.x.pk, sessions="mười", largest=7), format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "Số buổi tuyên truyền: hãy nhập một số nguyên."
    assert list(ReportValue.objects.values_list("indicator__code", "value")) == before
    assert PeriodReport.objects.get().state == "draft"


def _activity(w: World, unit_id: int, **changes: Any) -> dict[str, Any]:
    return {
        "programme": w.programme.pk,
        "kind": w.dissemination.pk,
        "unit": unit_id,
        "date": "2024-05-10",
        "title": "Hội nghị quán triệt Nghị quyết",
        "participants": 85,
        **changes,
    }


def test_recording_an_activity(world: World) -> None:
    w = world
    response = _as(w.clerk_x).post(ACTIVITIES, _activity(w, w.x.pk), format="json")

    assert response.status_code == 201, response.content
    assert response.json()["participants"] == 85
    assert Activity.objects.get().date == dt.date(2024, 5, 10)
    assert _as(w.clerk_y).get(ACTIVITIES).json()["results"] == []
    assert len(_as(w.clerk_x).get(ACTIVITIES).json()["results"]) == 1


def test_an_activity_of_a_unit_outside_the_programme_is_refused(world: World) -> None:
    w = world
    response = _as(w.admin).post(ACTIVITIES, _activity(w, w.other.pk), format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Sở Nội vụ không thực hiện chương trình này vào ngày 10/05/2024."
    )
    assert not Activity.objects.exists()


def test_participants_below_zero_are_refused(world: World) -> None:
    w = world
    response = _as(w.clerk_x).post(ACTIVITIES, _activity(w, w.x.pk, participants=-3), format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == "Số người tham dự không được là số âm."
    assert not Activity.objects.exists()


def test_a_unit_outside_the_callers_scope_reads_like_one_that_does_not_exist(
    world: World,
) -> None:
    """A commune clerk naming another commune gets the answer of an id that does not exist."""
    clerk = _as(world.clerk_x)
    elsewhere = clerk.post("/api/v1/programme-reports/", _report(world, world.y.pk), format="json")
    missing = clerk.post("/api/v1/programme-reports/", _report(world, 999_999), format="json")
    assert elsewhere.status_code == missing.status_code == 400
    assert elsewhere.json() == missing.json()
    assert not PeriodReport.objects.filter(unit=world.y).exists()
