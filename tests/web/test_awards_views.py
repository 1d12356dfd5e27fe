from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.awards import AwardFactory, DecisionFactory
from tests.factories.people import PersonFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_catalogue_groups_kinds_in_vietnamese_by_default(clerk_client, world):
    html = clerk_client.get(reverse("web:catalogue")).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in html
    assert "Huân chương Lao động hạng Ba" in html
    assert 'id="cat-title"' in html


def test_catalogue_names_follow_the_chosen_language(clerk_client, world):
    clerk_client.cookies["django_language"] = "en"
    html = clerk_client.get(reverse("web:catalogue")).content.decode()
    assert "Grassroots Emulation Fighter" in html
    assert "Chiến sĩ thi đua cơ sở" not in html


def test_decisions_list_is_scoped_and_filtered(clerk_client, world):
    own = DecisionFactory(
        issuing_unit=world.unit_a,
        issuing_body="Sở Nội vụ",
        symbol="QĐ-SNV",
        number=5,
        year=2024,
        signed_on=dt.date(2024, 3, 1),
    )
    other = DecisionFactory(issuing_unit=world.unit_b, issuing_body="Sở Tài chính", number=6)
    AwardFactory(decision=other, person=world.lan)
    url = reverse("web:decisions")
    listed = [d for d, _ in clerk_client.get(url).context["rows"]]
    assert listed == [world.decision, own]
    assert [d for d, _ in clerk_client.get(url, {"year": 2024}).context["rows"]] == [own]
    by_body = clerk_client.get(url, {"body": "Sở Nội vụ"}).context["rows"]
    assert [d for d, _ in by_body] == [own]
    by_number = clerk_client.get(url, {"q": "125/QĐ-UBND"}).context["rows"]
    assert by_number == [(world.decision, 1)]
    partial = clerk_client.get(url, {"q": "5"}, HTTP_HX_REQUEST="true").content.decode()
    assert "05/QĐ-SNV" in partial
    assert "<html" not in partial
    # the number and symbol stay on one line, and the number is found as it is printed
    page = clerk_client.get(url).content.decode()
    assert 'class="nowrap">125/QĐ-UBND</a>' in page
    assert [d for d, _ in clerk_client.get(url, {"q": "05/QĐ-SNV"}).context["rows"]] == [own]


def test_decision_page_names_only_the_clerks_people(clerk_client, world):
    AwardFactory(decision=world.decision, person=world.lan)
    response = clerk_client.get(reverse("web:decision", args=[world.decision.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "125/QĐ-UBND" in html
    assert f'href="{reverse("web:person", args=[world.hong.pk])}"' in html
    assert "Trần Thị Lan" not in html  # another unit's person: counted, never named
    assert "Sở Tài chính" not in html
    assert response.context["d"].hidden_awards == 1


def test_decision_page_of_a_revocation_shows_what_it_revoked(root_client, world):
    revocation = DecisionFactory(
        kind="revocation", number=3, issuing_unit=world.province, revokes=world.decision
    )
    world.award.revoked_by = revocation
    world.award.revocation_reason = "Khai man thành tích"
    world.award.save()
    html = root_client.get(reverse("web:decision", args=[revocation.pk])).content.decode()
    assert "Nguyễn Thị Hồng" in html
    assert "Khai man thành tích" in html
    assert f'href="{reverse("web:decision", args=[world.decision.pk])}"' in html


def test_decision_page_of_a_big_decision_needs_few_queries(
    root_client, world, django_assert_max_num_queries
):
    for i in range(30):
        person = PersonFactory(given_name=f"Thảo{i}")
        PostFactory(person=person, unit=world.unit_a)
        AwardFactory(decision=world.decision, person=person)
    with django_assert_max_num_queries(15):
        response = root_client.get(reverse("web:decision", args=[world.decision.pk]))
    assert response.content.decode().count("Thảo") == 30


def test_decision_page_always_shows_the_number_and_says_when_the_van_thu_gave_it(
    root_client, world
):
    entered = DecisionFactory(issuing_unit=world.unit_a, number=125, number_entered=True)
    imported = DecisionFactory(
        issuing_unit=world.unit_a, number=37, symbol="QĐ-SNV", year=2019, imported=True
    )
    page = root_client.get(reverse("web:decision", args=[entered.pk])).content.decode()
    assert "<dt>Số, ký hiệu</dt><dd>125/QĐ-UBND" in page
    assert "(số do văn thư cấp)" in page
    page = root_client.get(reverse("web:decision", args=[imported.pk])).content.decode()
    assert "<dt>Số, ký hiệu</dt><dd>37/QĐ-SNV" in page
    assert "(số do văn thư cấp)" not in page
