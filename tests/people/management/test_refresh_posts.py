from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory
from vinhdanh.people.domain.posts import refresh_current_unit
from vinhdanh.people.models import Post

pytestmark = pytest.mark.django_db


def test_refresh_posts_moves_a_person_on_the_day_the_transfer_takes_effect() -> None:
    old, new = UnitFactory(name="Sở Tư pháp"), UnitFactory(name="Sở Nội vụ")
    person = PersonFactory()
    with time_machine.travel(dt.datetime(2026, 6, 20, 9, tzinfo=dt.UTC), tick=False):
        Post.objects.create(
            person=person, unit=old, start_date=dt.date(2015, 1, 1), end_date=dt.date(2026, 6, 30)
        )
        Post.objects.create(person=person, unit=new, start_date=dt.date(2026, 7, 1))
        refresh_current_unit([person.pk])  # as recording the posts does
        person.refresh_from_db()
        assert person.current_unit == old
    with time_machine.travel(dt.datetime(2026, 7, 2, 9, tzinfo=dt.UTC), tick=False):
        out = StringIO()
        call_command("refresh_posts", stdout=out)
        person.refresh_from_db()
        assert person.current_unit == new
        assert "1" in out.getvalue()
