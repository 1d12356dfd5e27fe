from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.awards import AwardFactory, DecisionFactory

pytestmark = pytest.mark.django_db


def test_home_counts_only_the_clerks_units(clerk_client, world):
    this_year = timezone.localdate().year
    decision = DecisionFactory(
        issuing_unit=world.unit_a,
        year=this_year,
        signed_on=dt.date(this_year, 1, 2),
        issuing_body="Sở Nội vụ",
    )
    AwardFactory(decision=decision, person=world.hong)
    AwardFactory(decision=decision, person=world.lan)  # counted for the province, not the clerk
    counts = clerk_client.get(reverse("web:home")).context["counts"]
    assert counts == {"units": 2, "people": 1, "awards_this_year": 1, "decisions": 2}


def test_home_lists_latest_decisions_and_offers_a_people_search(clerk_client, world):
    response = clerk_client.get(reverse("web:home"))
    html = response.content.decode()
    assert "125/QĐ-UBND" in html
    assert f'action="{reverse("web:people")}"' in html
    assert 'name="q"' in html


def test_the_header_names_the_user_in_vietnamese_order(client, world):  # type: ignore[no-untyped-def]
    from tests.web.conftest import login

    user = world.clerk_a
    user.first_name, user.last_name = "Bình", "Trần Văn"
    user.save()
    login(client, user)
    body = client.get("/").content.decode()
    assert "Trần Văn Bình" in body
    assert "Bình Trần Văn" not in body
