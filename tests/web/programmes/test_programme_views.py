"""Programme pages as the people who use them: a commune clerk, the province's office."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.programmes.world import World
from tests.web.conftest import login
from vinhdanh.programmes.domain.reports import lock_period
from vinhdanh.programmes.enums import ReportState
from vinhdanh.programmes.models import Activity, PeriodReport, Programme

Q1 = "2024-Q1"


def _client(user: Any) -> Client:
    return login(Client(), user)


def _report_url(world: World, unit: Any, period: str = Q1) -> str:
    return reverse("web:programmes:report", args=[world.programme.pk, period, unit.pk])


def _values(**kw: Any) -> dict[str, Any]:
    data = {
        "i_sessions": "3",
        "i_rate": "67,5",
        "i_largest": "120",
        "i_clubs": "2",
        "i_done": "1",
        "narrative": "Đã tổ chức 3 buổi tuyên truyền.",
        "action": "submit",
    }
    data.update(kw)
    return data


def test_menu_and_list_show_the_programme_to_a_commune_clerk(world: World) -> None:
    response = _client(world.clerk_x).get(reverse("web:programmes:list"))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Chương trình" in text
    assert world.programme.name in text


def test_clerk_submits_a_report_with_typed_values(world: World) -> None:
    client = _client(world.clerk_x)
    page = client.get(_report_url(world, world.x))
    assert "Gửi lên cấp trên" in page.content.decode()
    assert "Duyệt" not in page.content.decode()  # approving is the office's, not shown

    response = client.post(_report_url(world, world.x), _values())

    assert response.status_code == 302
    report = PeriodReport.objects.get(unit=world.x)
    assert report.state == ReportState.SUBMITTED
    assert {v.indicator.code: float(v.value) for v in report.values.all()} == {
        "sessions": 3,
        "rate": 67.5,
        "largest": 120,
        "clubs": 2,
        "done": 1,
    }


def test_bad_input_is_explained_in_vietnamese_and_nothing_is_saved(world: World) -> None:
    client = _client(world.clerk_x)

    response = client.post(_report_url(world, world.x), _values(i_sessions="ba", i_rate="130"))

    text = response.content.decode()
    assert response.status_code == 400
    assert "Số buổi tuyên truyền: hãy nhập một số nguyên." in text
    assert "Tỷ lệ hộ được phổ biến là tỷ lệ phần trăm: từ 0 đến 100." in text
    assert "Chưa lưu gì" in text
    assert not PeriodReport.objects.exists()


def test_a_future_period_cannot_be_reported(world: World) -> None:
    response = _client(world.clerk_x).get(_report_url(world, world.x, "2028-Q4"))

    assert response.status_code == 200
    assert "Gửi lên cấp trên" not in response.content.decode()


def test_clerk_of_one_commune_cannot_see_or_submit_another_communes_report(
    world: World,
) -> None:
    world.report(world.y, Q1, {"sessions": 9}, approve=False)
    client = _client(world.clerk_x)

    assert client.get(_report_url(world, world.y)).status_code == 404
    response = client.post(_report_url(world, world.y), _values(action="save"))

    assert response.status_code == 404
    assert PeriodReport.objects.get(unit=world.y).state == ReportState.SUBMITTED
    period = client.get(reverse("web:programmes:period", args=[world.programme.pk, Q1]))
    assert world.y.name not in period.content.decode()


def test_office_sees_completeness_approves_returns_and_locks(world: World) -> None:
    world.report(world.x, Q1, {"sessions": 2}, approve=False)
    world.report(world.y, Q1, {"sessions": 4}, approve=False)
    office = _client(world.office)
    period_url = reverse("web:programmes:period", args=[world.programme.pk, Q1])

    page = office.get(period_url).content.decode()
    assert "2/3" in page  # two of three communes reported
    assert world.z.name in page
    assert "Chưa báo cáo" in page
    assert "Khoá sổ" in page

    office.post(reverse("web:programmes:approve", args=[world.programme.pk, Q1, world.x.pk]))
    refused = office.post(
        reverse("web:programmes:return", args=[world.programme.pk, Q1, world.y.pk]),
        {"reason": ""},
        follow=True,
    )
    assert "Hãy nêu lý do trả lại báo cáo." in refused.content.decode()
    office.post(
        reverse("web:programmes:return", args=[world.programme.pk, Q1, world.y.pk]),
        {"reason": "Số liệu chưa khớp biên bản"},
    )
    office.post(reverse("web:programmes:lock", args=[world.programme.pk, Q1]))

    states = dict(PeriodReport.objects.values_list("unit__code", "state"))
    assert states == {"X": ReportState.APPROVED, "Y": ReportState.RETURNED}
    assert "Mở khoá" in office.get(period_url).content.decode()


def test_locked_period_refuses_edits_through_the_page(world: World) -> None:
    world.report(world.y, Q1, {"sessions": 4}, approve=False)
    report = PeriodReport.objects.get(unit=world.y)
    report.state = ReportState.RETURNED
    report.save()
    lock_period(actor=world.office, programme=world.programme, period_code=Q1)
    client = _client(world.clerk_y)

    page = client.get(_report_url(world, world.y)).content.decode()
    response = client.post(_report_url(world, world.y), _values(i_sessions="40"))

    assert "Gửi lên cấp trên" not in page
    assert "Đã khoá sổ" in page
    assert response.status_code == 403
    assert report.values.get(indicator=world.sessions).value == 4


def test_clerk_sees_no_lock_or_approve_actions(world: World) -> None:
    world.report(world.x, Q1, {"sessions": 2}, approve=False)
    client = _client(world.clerk_x)

    period = client.get(reverse("web:programmes:period", args=[world.programme.pk, Q1]))
    lock = client.post(reverse("web:programmes:lock", args=[world.programme.pk, Q1]))
    approve = client.post(
        reverse("web:programmes:approve", args=[world.programme.pk, Q1, world.x.pk])
    )

    assert "Khoá sổ kỳ báo cáo" not in period.content.decode()
    assert lock.status_code == 403
    assert approve.status_code == 403
    assert PeriodReport.objects.get(unit=world.x).state == ReportState.SUBMITTED


def test_activity_with_negative_participants_is_refused(world: World) -> None:
    client = _client(world.clerk_x)
    url = reverse("web:programmes:activities", args=[world.programme.pk])
    data = {
        "unit": world.x.pk,
        "kind": world.dissemination.pk,
        "date": "2024-02-03",
        "title": "Hội nghị quán triệt",
        "participants": "-3",
    }

    refused = client.post(url, data)
    outside = client.post(url, {**data, "participants": "50", "unit": world.y.pk})
    accepted = client.post(url, {**data, "participants": "50"}, follow=True)

    assert refused.status_code == 400
    assert "Số người tham dự không được là số âm." in refused.content.decode()
    assert outside.status_code == 400  # another commune is not among the clerk's choices
    assert "Hội nghị quán triệt" in accepted.content.decode()
    assert list(Activity.objects.values_list("unit__code", "participants")) == [("X", 50)]


def test_consolidated_figures_sum_the_approved_reports(world: World) -> None:
    world.report(world.x, Q1, {"sessions": 3})
    world.report(world.y, Q1, {"sessions": 5})
    world.report(world.z, Q1, {"sessions": 100}, approve=False)

    office = _client(world.office).get(
        reverse("web:programmes:consolidated", args=[world.programme.pk]),
        {"start": Q1, "end": Q1},
    )
    clerk = _client(world.clerk_x).get(
        reverse("web:programmes:consolidated", args=[world.programme.pk])
    )

    rows = office.context["table"]
    sessions = {row.unit.code: values[0] for row, values in rows}
    assert sessions == {"P": 8, "X": 3, "Y": 5, "Z": None}
    assert [row.unit.code for row, _ in clerk.context["table"]] == ["X"]


def test_office_creates_a_programme_and_adds_indicators(world: World) -> None:
    office = _client(world.office)
    assert "Tạo chương trình" in office.get(reverse("web:programmes:list")).content.decode()

    response = office.post(
        reverse("web:programmes:new"),
        {
            "name": "Kế hoạch tuyên truyền chuyển đổi số",
            "owner_unit": world.province.pk,
            "implementing_root": world.province.pk,
            "reporting_levels": ["commune"],
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
            "period_kind": "half_year",
            "report_due_days": "15",
        },
    )
    programme = Programme.objects.get(name="Kế hoạch tuyên truyền chuyển đổi số")
    assert response.status_code == 302
    office.post(
        reverse("web:programmes:add_activity_kind", args=[programme.pk]), {"name": "Tập huấn"}
    )
    office.post(
        reverse("web:programmes:add_indicator", args=[programme.pk]),
        {
            "code": "TH",
            "name": "Số lớp tập huấn",
            "value_type": "integer",
            "aggregation": "sum",
            "target": "40",
            "source": "activity_count",
            "activity_kind": programme.activity_kinds.get().pk,
        },
    )

    page = office.get(reverse("web:programmes:programme", args=[programme.pk])).content.decode()
    assert "Số lớp tập huấn" in page
    assert [p.code for p in programme.periods()] == ["2025-H1", "2025-H2"]


def test_clerk_may_not_create_programmes_nor_see_the_setup_forms(world: World) -> None:
    client = _client(world.clerk_x)

    listing = client.get(reverse("web:programmes:list")).content.decode()
    page = client.get(reverse("web:programmes:programme", args=[world.programme.pk]))
    new = client.post(reverse("web:programmes:new"), {"name": "Chương trình riêng"})
    added = client.post(
        reverse("web:programmes:add_activity_kind", args=[world.programme.pk]), {"name": "Khác"}
    )

    assert "Tạo chương trình" not in listing
    assert "Thêm chỉ tiêu" not in page.content.decode()
    assert new.status_code == 403
    assert added.status_code == 403
    assert Programme.objects.count() == 1


def test_office_sets_up_and_reforms_a_committee_through_the_page(world: World) -> None:
    office = _client(world.office)
    programme_url = reverse("web:programmes:programme", args=[world.programme.pk])
    office.post(
        reverse("web:programmes:add_committee", args=[world.programme.pk]),
        {"name": "Ban Chỉ đạo chương trình"},
    )
    committee = world.programme.committees.get()
    url = reverse("web:programmes:committee_decision", args=[world.programme.pk, committee.pk])
    prefix = f"c{committee.pk}"

    def decide(number: str, day: str, members: str) -> Any:
        return office.post(
            url,
            {
                f"{prefix}-kind": "set_up" if number == "10/QĐ-UBND" else "reform",
                f"{prefix}-number": number,
                f"{prefix}-date": day,
                f"{prefix}-members": members,
            },
            follow=True,
        )

    bad = decide("10/QĐ-UBND", "2024-02-01", "Nguyễn Văn An | Phó Chủ tịch | Chủ nhiệm")
    decide(
        "10/QĐ-UBND",
        "2024-02-01",
        "Nguyễn Văn An | Phó Chủ tịch UBND tỉnh | Trưởng ban\n"
        "Trần Thị Bình | Giám đốc Sở Tư pháp | Ủy viên",
    )
    decide(
        "55/QĐ-UBND",
        "2025-08-01",
        "Lê Văn Cường | Phó Chủ tịch UBND tỉnh | Trưởng ban\n"
        "Trần Thị Bình | Giám đốc Sở Tư pháp | Ủy viên",
    )

    assert "Dòng 1: “Chủ nhiệm” không phải là vai trò trong ban." in bad.content.decode()
    page = office.get(programme_url).content.decode()
    assert "Lê Văn Cường" in page
    assert "Nguyễn Văn An" not in page  # replaced; his row stays in the history
    assert committee.memberships.count() == 3
    clerk_page = _client(world.clerk_x).get(programme_url).content.decode()
    assert "Lê Văn Cường" in clerk_page
    assert "Kiện toàn ban" not in clerk_page


def test_large_figures_are_grouped_the_vietnamese_way(world: World) -> None:
    world.sessions.target = 250000
    world.sessions.save()
    world.report(world.x, Q1, {"sessions": 135459})
    office = _client(world.office)

    detail = office.get(reverse("web:programmes:programme", args=[world.programme.pk]))
    consolidated = office.get(
        reverse("web:programmes:consolidated", args=[world.programme.pk]),
        {"start": Q1, "end": Q1},
    )

    assert "135.459" in detail.content.decode()
    assert "250.000" in detail.content.decode()
    assert "135459" not in detail.content.decode()
    assert "135.459" in consolidated.content.decode()
