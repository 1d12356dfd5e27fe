from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.awards.enums import DecisionKind, RevocationGround
from vinhdanh.common.models import AuditEvent

pytestmark = pytest.mark.django_db


def listed(response):
    return [p.full_name for p in response.context["page"].items]


def test_people_list_shows_only_people_of_the_clerks_units(clerk_client, world):
    response = clerk_client.get(reverse("web:people"))
    assert response.status_code == 200
    assert listed(response) == ["Nguyễn Thị Hồng"]
    assert "Trần Thị Lan" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "nguyen thi hong",
        "Nguyễn Thị Hồng",
        unicodedata.normalize("NFD", "Nguyễn Thị Hồng"),
        "SNV-001",
    ],
)
def test_people_search_with_or_without_diacritics_and_decomposed_input(root_client, world, query):
    response = root_client.get(reverse("web:people"), {"q": query})
    assert listed(response) == ["Nguyễn Thị Hồng"]


def test_people_list_in_vietnamese_order_by_given_name(root_client, world):
    for family, given in [
        ("Phạm", "Đức"),
        ("Lê", "Dũng"),
        ("Trần", "Bình"),
        ("Ngô", "Ánh"),
        ("Vũ", "An"),
    ]:
        PostFactory(person=PersonFactory(family_name=family, given_name=given), unit=world.unit_b)
    response = root_client.get(reverse("web:people"), {"unit": world.unit_b.pk})
    given = [name.split()[-1] for name in listed(response)]
    assert given == ["An", "Ánh", "Bình", "Dũng", "Đức", "Lan"]


def test_people_list_by_unit_with_the_sub_units_checkbox(root_client, world):
    PostFactory(person=PersonFactory(given_name="Yến"), unit=world.division_a)
    url = reverse("web:people")
    with_sub = root_client.get(url, {"unit": world.unit_a.pk})  # first visit: box ticked
    assert sorted(listed(with_sub)) == ["Nguyễn Thị Hồng", "Nguyễn Văn Yến"]
    assert 'id="id_sub" checked' in with_sub.content.decode()
    assert f'<option value="{world.unit_a.pk}" selected>' in with_sub.content.decode()
    ticked = root_client.get(f"{url}?unit={world.unit_a.pk}&sub=false&sub=true")
    assert sorted(listed(ticked)) == ["Nguyễn Thị Hồng", "Nguyễn Văn Yến"]
    unticked = root_client.get(url, {"unit": world.unit_a.pk, "sub": "false"})
    assert listed(unticked) == ["Nguyễn Thị Hồng"]
    assert 'id="id_sub" checked' not in unticked.content.decode()


def test_people_list_rejects_a_unit_outside_the_clerks_scope(clerk_client, world):
    response = clerk_client.get(reverse("web:people"), {"unit": world.unit_b.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert "Trần Thị Lan" not in response.content.decode()


def test_people_list_by_award_held(root_client, world):
    url = reverse("web:people")
    assert listed(root_client.get(url, {"kind": "CSTDCS"})) == ["Nguyễn Thị Hồng"]
    assert listed(root_client.get(url, {"kind": "CSTDCS", "year": 2024})) == ["Nguyễn Thị Hồng"]
    assert listed(root_client.get(url, {"kind": "CSTDCS", "year": 2023})) == []
    assert listed(root_client.get(url, {"kind": "LDTT"})) == []


def test_people_search_answers_htmx_with_the_results_only(root_client, world):
    url = reverse("web:people")
    partial = root_client.get(url, {"q": "hong"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "Nguyễn Thị Hồng" in html
    assert "<html" not in html
    assert "HX-Request" in partial["Vary"]
    full = root_client.get(url, {"q": "hong"})
    assert "<html" in full.content.decode()
    assert 'hx-get="/people/"' in full.content.decode()  # the form updates the results


def test_people_list_pages_without_counting_everything(root_client, world, settings):
    for i in range(55):
        PostFactory(person=PersonFactory(given_name=f"Vân{i:02d}"), unit=world.unit_b)
    url = reverse("web:people")
    first = root_client.get(url)
    page = first.context["page"]
    assert len(page.items) == 50
    assert page.has_next
    assert page.total == 57
    assert "?page=2" in first.content.decode()
    second = root_client.get(url, {"page": 2})
    assert len(second.context["page"].items) == 7
    assert not second.context["page"].has_next
    assert root_client.get(url, {"page": "abc"}).status_code == 200


def test_people_export_is_an_xlsx_of_the_filtered_list(root_client, world):
    response = root_client.get(reverse("web:people_xlsx"), {"unit": world.unit_a.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][:3] == (1, "SNV-001", "Nguyễn Thị Hồng")
    assert rows[1][3].date() == dt.date(1985, 4, 12)
    assert rows[1][5] == "Sở Nội vụ"


def test_people_export_of_a_too_long_list_asks_to_narrow_the_filter(
    root_client, world, monkeypatch
):
    from vinhdanh.web.views import people

    monkeypatch.setattr(people, "EXPORT_CAP", 1)
    response = root_client.get(reverse("web:people_xlsx"), {"q": "thi"}, follow=True)
    assert response.redirect_chain[0][0] == f"{reverse('web:people')}?q=thi"
    assert [str(m) for m in response.context["messages"]]
    assert listed(response) == ["Nguyễn Thị Hồng", "Trần Thị Lan"]


def test_people_export_of_a_clerk_holds_only_their_people(clerk_client, world):
    response = clerk_client.get(reverse("web:people_xlsx"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == ["Nguyễn Thị Hồng"]


def test_person_page_shows_the_record_and_the_award_with_its_decision(clerk_client, world):
    response = clerk_client.get(reverse("web:person", args=[world.hong.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Nguyễn Thị Hồng",
        "SNV-001",
        "Chuyên viên chính",
        "Sở Nội vụ",
        "Chiến sĩ thi đua cơ sở",
        "125/QĐ-UBND",
        "15/01/2025",
        "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "Trần Văn Bình",
        "rating-HTXSNV",
    ]:
        assert text in html, text


def test_person_page_marks_a_revoked_award_with_the_revoking_decision(clerk_client, world):
    revocation = DecisionFactory(
        kind=DecisionKind.REVOCATION,
        number=7,
        year=2025,
        signed_on=dt.date(2025, 5, 2),
        issuing_unit=world.province,
    )
    world.award.revoked_by = revocation
    world.award.revocation_ground = RevocationGround.FRAUD
    world.award.revocation_reason = "Khai man thành tích"
    world.award.save()
    html = clerk_client.get(reverse("web:person", args=[world.hong.pk])).content.decode()
    assert 'class="award revoked"' in html
    assert "07/QĐ-UBND" in html
    assert "Khai man thành tích" in html
    assert "02/05/2025" in html


def test_person_page_records_who_viewed_the_record(clerk_client, world):
    clerk_client.get(reverse("web:person", args=[world.hong.pk]))
    event = AuditEvent.objects.get(object_type="people.person", message="viewed")
    assert event.object_id == str(world.hong.pk)
    assert event.username == "clerk_a"


def test_person_page_of_another_unit_is_not_found_and_not_logged(clerk_client, world):
    response = clerk_client.get(reverse("web:person", args=[world.lan.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(message="viewed").exists()


def test_person_page_reads_a_long_record_in_few_queries(
    clerk_client, world, django_assert_max_num_queries
):
    for year in range(2010, 2024):
        AwardFactory(person=world.hong, kind=kind("LDTT"), period=year)
    with django_assert_max_num_queries(25):
        response = clerk_client.get(reverse("web:person", args=[world.hong.pk]))
    assert response.content.decode().count("Lao động tiên tiến") == 14


def test_birth_dates_are_shown_to_the_clerk_and_hidden_from_a_council_member(clerk_client, world):
    member_client = Client()
    member_client.force_login(
        RoleFactory(unit=world.unit_a, is_clerk=False, is_council_member=True).user
    )
    for viewer, shown in ((clerk_client, True), (member_client, False)):
        page = viewer.get(reverse("web:person", args=[world.hong.pk])).content.decode()
        listing = viewer.get(reverse("web:people"), {"q": "hong"}).content.decode()
        export = viewer.get(reverse("web:people_xlsx"), {"q": "hong"})
        rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
        unit_export = viewer.get(reverse("web:unit_people_xlsx", args=[world.unit_a.pk]))
        unit_rows = list(
            load_workbook(io.BytesIO(unit_export.content)).active.iter_rows(values_only=True)
        )
        assert ("12/04/1985" in page) is shown
        assert ("12/04/1985" in listing) is shown
        assert (rows[1][3] is not None) is shown
        assert (unit_rows[1][3] is not None) is shown
