"""Two clerks of a commune fill in the same period report: the later, stale save is refused
with the figures that differ, and the first clerk's figures stay."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.factories.orgs import RoleFactory
from tests.programmes.world import World
from tests.web.conftest import login
from vinhdanh.programmes.models import PeriodReport

Q1 = "2024-Q1"


def _values(version: int, **kw: Any) -> dict[str, Any]:
    data = {
        "i_sessions": "3",
        "i_rate": "67,5",
        "i_largest": "120",
        "i_clubs": "2",
        "i_done": "1",
        "narrative": "Đã tổ chức 3 buổi tuyên truyền.",
        "action": "save",
        "version": str(version),
    }
    data.update(kw)
    return data


def test_stale_report_save_is_refused_with_the_figures_that_differ(world: World) -> None:
    url = reverse("web:programmes:report", args=[world.programme.pk, Q1, world.x.pk])
    first = login(Client(), world.clerk_x)
    second = login(Client(), RoleFactory(unit=world.x).user)
    assert 'name="version" value="0"' in first.get(url).content.decode()  # no report yet

    assert first.post(url, _values(0, i_sessions="4")).status_code == 302
    refused = second.post(url, _values(0, i_sessions="5"))

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Có người khác đã lưu" in page
    report = PeriodReport.objects.get(unit=world.x, period_code=Q1)
    assert {v.indicator.code: int(v.value) for v in report.values.all()}["sessions"] == 4
    row = page[page.index('class="stale-edit"') :]
    assert "<td>5</td><td>4</td>" in row  # yours, then what is saved
    assert f'name="version" value="{report.version}"' in page
    # Saving again on the version now shown keeps the second clerk's figure.
    assert second.post(url, _values(report.version, i_sessions="5")).status_code == 302
    report.refresh_from_db()
    assert {v.indicator.code: int(v.value) for v in report.values.all()}["sessions"] == 5
