"""The review and dashboard pages, as the province's office and a commune clerk use them."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import xml.etree.ElementTree as ET
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.documents.reading import read, table_cells
from tests.programmes.review_world import Q1_25, Q4_24, build_history
from tests.programmes.world import World
from tests.web.conftest import login
from vinhdanh.nominations.models import Round
from vinhdanh.programmes.domain.programmes import add_milestone
from vinhdanh.programmes.enums import MilestoneKind

RANGE = {"start": Q4_24, "end": Q1_25, "kind": "preliminary"}


def _client(user: Any) -> Client:
    return login(Client(), user)


def _url(world: World, name: str, *args: Any) -> str:
    return reverse(f"web:programmes:{name}", args=[world.programme.pk, *args])


def test_office_generates_the_review_page_with_the_approved_totals(world: World) -> None:
    h = build_history(world)
    client = _client(world.office)

    response = client.get(_url(world, "review"), RANGE)

    text = response.content.decode()
    assert response.status_code == 200
    assert f"Sơ kết {world.programme.name}" in text
    assert h.merged.name in text
    assert "Phạm Thị Hoa" in text
    assert "5 báo cáo đã duyệt" in text
    assert "210/QĐ-UBND" in text
    assert 'src="/programmes/' in text
    assert "charts/targets.svg?" in text
    docx = client.get(_url(world, "review_docx"), RANGE)
    assert docx["Content-Disposition"].endswith('.docx"')
    cells = table_cells(read(docx.content))
    assert "23" in cells
    assert h.merged.name in cells


def test_review_chart_is_an_svg_and_its_table_an_xlsx(world: World) -> None:
    build_history(world)
    client = _client(world.office)
    page = client.get(_url(world, "review"), RANGE).content.decode()
    src = re.search(r'<img src="([^"]*/charts/activities\.svg\?[^"]*)"', page)
    assert src is not None

    svg = client.get(html.unescape(src.group(1)))
    sheet = client.get(_url(world, "review_chart_xlsx", "activities"), RANGE)

    assert svg["Content-Type"] == "image/svg+xml"
    assert "script-src" not in svg["Content-Security-Policy"]  # nothing in it may run
    root = ET.fromstring(svg.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.findtext("{http://www.w3.org/2000/svg}title") == "Hoạt động theo năm"
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1:] == [(2024, 1, 100), (2025, 2, 80)]
    assert client.get(_url(world, "review_chart", "nothing"), RANGE).status_code == 404


def test_a_commune_clerk_has_no_review(world: World) -> None:
    client = _client(world.clerk_x)

    assert client.get(_url(world, "review"), RANGE).status_code == 403
    assert client.get(_url(world, "review_docx"), RANGE).status_code == 403
    assert client.post(_url(world, "review_round"), {"name": "Đợt"}).status_code == 403
    assert "/review/" not in client.get(_url(world, "dashboard")).content.decode()
    assert not Round.objects.exists()


def test_office_opens_the_thematic_round_from_the_review(world: World) -> None:
    client = _client(world.office)

    response = client.post(
        _url(world, "review_round"),
        {"name": "Khen thưởng sơ kết chương trình", "submission_deadline": "2025-07-01"},
    )

    round_ = Round.objects.get(programme=world.programme)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:workflow_round", args=[round_.pk])
    assert round_.owning_unit == world.province
    assert round_.award_type == "PHONG_TRAO"
    assert round_.name in client.get(_url(world, "review"), RANGE).content.decode()
    assert client.get(response["Location"]).status_code == 200  # the round's own page


def test_dashboard_shows_each_figure_as_chart_table_and_xlsx(world: World) -> None:
    h = build_history(world)
    client = _client(world.office)

    page = client.get(_url(world, "dashboard"), {"unit": h.merged.pk})
    sheet = client.get(_url(world, "dashboard_xlsx", "completeness"), {"unit": h.merged.pk})
    svg = client.get(_url(world, "dashboard_chart", "progress"), {"unit": h.merged.pk})

    text = page.content.decode()
    assert page.status_code == 200
    for slug in ("progress", "completeness", "activities", "commendations"):
        assert f"/dashboard/{slug}.xlsx?unit={h.merged.pk}" in text
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    by_period = {r[0]: r[1:] for r in rows[1:]}
    # An Yên alone is expected from 2025; the two communes it replaced before
    assert by_period["Quý 1/2025"] == (1, 1, 1, 1, 100)  # submitted today: late
    assert f'src="/programmes/{world.programme.pk}/dashboard/progress.svg?unit=' in text
    assert svg["Content-Type"] == "image/svg+xml"
    assert ET.fromstring(svg.content).tag == "{http://www.w3.org/2000/svg}svg"
    commendations = client.get(
        _url(world, "dashboard_xlsx", "commendations"), {"unit": h.merged.pk}
    )
    cells = list(
        load_workbook(io.BytesIO(commendations.content)).active.iter_rows(values_only=True)
    )
    assert cells[1:] == [("Bằng khen của Bộ, ban, ngành, tỉnh", 2, 2)]  # the commune and Hoa


def test_a_clerk_sees_the_dashboard_of_its_own_commune_only(world: World) -> None:
    h = build_history(world)
    role = world.clerk_x.role_assignments.get()
    role.unit = h.merged
    role.save()
    client = _client(world.clerk_x)

    page = client.get(_url(world, "dashboard"))
    assert page.status_code == 200
    assert h.merged.name in page.content.decode()
    assert h.z1.name not in page.content.decode()
    other = client.get(_url(world, "dashboard_xlsx", "activities"), {"unit": world.province.pk})
    assert other.status_code == 404


def test_a_range_that_ends_before_it_starts_is_refused_with_a_message(world: World) -> None:
    client = _client(world.office)

    backwards = client.get(_url(world, "review"), {"start": Q1_25, "end": Q4_24})
    unknown = client.get(_url(world, "review"), {"start": "2031-Q1", "end": Q1_25})

    assert "không có kỳ báo cáo nào của chương trình" in backwards.content.decode()
    assert 'class="error"' in unknown.content.decode()
    assert client.get(_url(world, "review_docx"), {"start": Q1_25, "end": Q4_24}).status_code == 404


def test_the_review_opens_on_the_latest_milestone_that_has_ended(world: World) -> None:
    build_history(world)
    add_milestone(
        actor=world.office,
        programme=world.programme,
        kind=MilestoneKind.PRELIMINARY,
        title="Sơ kết năm đầu sau sắp xếp",
        covers_from=dt.date(2024, 10, 1),
        covers_to=dt.date(2025, 3, 31),
        due_on=dt.date(2025, 6, 1),
    )
    client = _client(world.office)

    text = client.get(_url(world, "review")).content.decode()

    assert "Sơ kết năm đầu sau sắp xếp" in text
    assert f'href="?start={Q4_24}&amp;end={Q1_25}&amp;kind=preliminary"' in text
    assert "5 báo cáo đã duyệt" in text  # the milestone's two quarters, generated at once


def test_the_thematic_round_is_named_after_the_review_and_the_programme(world: World) -> None:
    h = build_history(world)
    h.round.status = "closed"  # the earlier round is over
    h.round.save()
    world.programme.name = "Chương trình phổ biến, giáo dục pháp luật giai đoạn 2024 – 2028"
    world.programme.save()
    add_milestone(
        actor=world.office,
        programme=world.programme,
        kind=MilestoneKind.PRELIMINARY,
        title="Sơ kết giữa kỳ chương trình (đến quý 1/2025)",
        covers_from=dt.date(2024, 10, 1),
        covers_to=dt.date(2025, 3, 31),
        due_on=dt.date(2025, 6, 1),
    )
    client = _client(world.office)

    form = client.get(_url(world, "review")).context["round_form"]
    name = form.initial["name"]
    client.post(_url(world, "review_round"), {"name": name})

    assert name == (
        "Khen thưởng sơ kết giữa kỳ Chương trình phổ biến, giáo dục pháp luật giai đoạn "
        "2024 – 2028 (đến quý 1/2025)"
    )
    round_ = Round.objects.get(programme=world.programme, name=name)
    assert round_.note == (
        "Khen thưởng chuyên đề của Chương trình phổ biến, giáo dục pháp luật giai đoạn 2024 – 2028."
    )
    # a review without a milestone names the programme once, and the range it covers
    ranged = client.get(_url(world, "review"), RANGE).context["round_form"].initial["name"]
    assert ranged == (
        "Khen thưởng sơ kết Chương trình phổ biến, giáo dục pháp luật giai đoạn 2024 – 2028 "
        "(đến quý 1/2025)"
    )


def test_a_second_thematic_round_is_not_opened_while_one_is_open(world: World) -> None:
    client = _client(world.office)
    first = {"name": "Khen thưởng sơ kết chương trình", "submission_deadline": "2025-07-01"}
    client.post(_url(world, "review_round"), first)
    open_round = Round.objects.get(programme=world.programme)

    again = client.post(_url(world, "review_round"), {"name": "Khen thưởng lần hai"})

    assert Round.objects.filter(programme=world.programme).count() == 1
    assert again["Location"].startswith(_url(world, "review"))
    page = client.get(again["Location"]).content.decode()
    assert "vẫn đang mở" in page
    assert reverse("web:workflow_round", args=[open_round.pk]) in page
    # ticking "open another anyway" opens it
    client.post(_url(world, "review_round"), {"name": "Khen thưởng lần hai", "open_another": "on"})
    assert Round.objects.filter(programme=world.programme).count() == 2


def test_charts_name_periods_as_people_say_them(world: World) -> None:
    h = build_history(world)
    client = _client(world.office)

    review = client.get(_url(world, "review"), RANGE).context["review"]
    dashboard = client.get(_url(world, "dashboard"), {"unit": h.merged.pk}).context["dashboard"]
    sheet = client.get(_url(world, "review_chart_xlsx", "periods"), RANGE)

    assert review.chart("periods").labels == ["Quý 4/2024", "Quý 1/2025"]
    for slug in ("completeness", "activities"):
        labels = dashboard.chart(slug).labels
        assert "Quý 1/2025" in labels
        assert not any("-Q" in label for label in labels)
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Quý 4/2024", "Quý 1/2025"]
