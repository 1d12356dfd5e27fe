"""Pages that keep costly work in the cache show a change of the facts at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.awards import AwardFactory, kind
from tests.factories.people import TaskRatingFactory
from vinhdanh.people.enums import DisciplineForm
from vinhdanh.people.models import Discipline

pytestmark = pytest.mark.django_db


def _reads(client, url: str, table: str) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
    """The page, and whether answering it read `table`."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), any(table in q["sql"] for q in queries.captured_queries)


def test_a_candidate_list_is_kept_until_a_fact_changes(clerk_client, world) -> None:
    """Hồng (HTXSNV 2024) is on the LĐTT list of her department; the second view is read from
    the cache (no fact table read); a discipline or a new rating shows on the next view."""
    url = reverse("web:unit_candidates", args=[world.unit_a.pk]) + "?year=2024&code=LDTT"
    page, computed = _reads(clerk_client, url, "people_taskrating")
    assert computed
    assert "Nguyễn Thị Hồng" in page
    page, computed = _reads(clerk_client, url, "people_taskrating")
    assert not computed
    assert "Nguyễn Thị Hồng" in page
    Discipline.objects.create(
        person=world.hong, form=DisciplineForm.KHIEN_TRACH, decision_date=dt.date(2024, 6, 1)
    )
    page, computed = _reads(clerk_client, url, "people_taskrating")
    assert computed
    assert "Nguyễn Thị Hồng" not in page
    world.hong.disciplines.all().delete()
    page, _ = _reads(clerk_client, url, "people_taskrating")
    assert "Nguyễn Thị Hồng" in page
    world.hong.ratings.filter(year=2024).update(rating="KHTNV")  # a bulk update: no signal
    TaskRatingFactory(person=world.hong, year=2023)  # … but the import that does it saves
    page, _ = _reads(clerk_client, url, "people_taskrating")
    assert "Nguyễn Thị Hồng" not in page


def test_a_candidate_list_is_kept_per_user_scope(client, world) -> None:
    """The province office and a department's clerk never share a cached list."""
    from tests.web.conftest import login

    url = reverse("web:unit_candidates", args=[world.province.pk]) + "?year=2024&code=LDTT"
    login(client, world.admin)
    assert "Nguyễn Thị Hồng" in client.get(url).content.decode()
    login(client, world.clerk_a)
    assert client.get(url).status_code == 404  # the province is not the clerk's to list


def test_a_decisions_award_count_follows_its_awards(clerk_client, world) -> None:
    url = reverse("web:decisions")
    counting = 'COUNT("awards_award"."id")'
    assert _reads(clerk_client, url, counting)[1]
    assert clerk_client.get(url).context["rows"] == [(world.decision, 1)]
    assert not _reads(clerk_client, url, counting)[1]  # the page's counts come from the cache
    TaskRatingFactory(person=world.hong, year=2023)
    assert not _reads(clerk_client, url, counting)[1]  # a rating changes no award count
    AwardFactory(decision=world.decision, person=world.hong, kind=kind("LDTT"), period=2024)
    assert clerk_client.get(url).context["rows"] == [(world.decision, 2)]
    world.award.delete()
    assert clerk_client.get(url).context["rows"] == [(world.decision, 1)]


def test_the_dashboard_says_as_of_when_its_counts_are(clerk_client, world) -> None:
    page = clerk_client.get(reverse("web:home")).content.decode()
    assert "Số liệu cập nhật lúc" in page
    assert "hai phút một lần" in page


def test_a_unit_picker_shows_a_renamed_unit_at_once(clerk_client, world) -> None:
    url = reverse("web:unit_candidates", args=[world.unit_a.pk]) + "?year=2024"
    assert "Sở Nội vụ › Phòng Công chức" in clerk_client.get(url).content.decode()
    world.division_a.name = "Phòng Tổ chức"
    world.division_a.save()
    page = clerk_client.get(url).content.decode()
    assert "Sở Nội vụ › Phòng Tổ chức" in page
    assert "Phòng Công chức" not in page


def test_a_change_in_one_unit_leaves_the_other_units_lists_kept(client, world) -> None:
    """A rating in Sở Tài chính renews its list and the province's, not Sở Nội vụ's; a person
    who moves renews the list they left and the one they join; a change that cannot say where
    it happened (a unit of the tree) renews every list."""
    from tests.web.conftest import login

    login(client, world.admin)

    def url(unit) -> str:  # type: ignore[no-untyped-def]
        return reverse("web:unit_candidates", args=[unit.pk]) + "?year=2024&code=LDTT"

    units = (world.unit_a, world.unit_b, world.province)

    def computed() -> list[bool]:
        return [_reads(client, url(unit), "people_taskrating")[1] for unit in units]

    assert computed() == [True, True, True]
    assert computed() == [False, False, False]
    TaskRatingFactory(person=world.lan, year=2024, rating="HTXSNV")
    assert computed() == [False, True, True]
    assert "Trần Thị Lan" in _reads(client, url(world.unit_b), "people_taskrating")[0]
    post = world.lan.posts.get()
    post.unit = world.division_a  # Lan moves to a division of Sở Nội vụ
    post.save()
    world.lan.current_unit = world.division_a
    world.lan.save()
    assert computed() == [True, True, True]
    assert "Trần Thị Lan" in _reads(client, url(world.unit_a), "people_taskrating")[0]
    assert "Trần Thị Lan" not in _reads(client, url(world.unit_b), "people_taskrating")[0]
    assert computed() == [False, False, False]
    world.unit_b.short_name = "STC"
    world.unit_b.save()
    assert computed() == [True, True, True]
