"""The facts' token (common/freshness.py) and the shared cache it lives in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.test.utils import override_settings

from tests.factories.orgs import UnitFactory, UserFactory
from tests.factories.people import PersonFactory, TaskRatingFactory
from vinhdanh import settings as site_settings
from vinhdanh.common import freshness
from vinhdanh.common.apps import create_cache_table
from vinhdanh.common.audit import record_bulk
from vinhdanh.people.models import TaskRating

pytestmark = pytest.mark.django_db


def test_a_changed_fact_gives_a_new_token_and_an_account_does_not() -> None:
    person = PersonFactory()
    before = freshness.facts_token()
    assert freshness.facts_token() == before  # stable while nothing changes
    UserFactory()  # accounts are not facts
    assert freshness.facts_token() == before
    rating = TaskRatingFactory(person=person, year=2024)
    after_save = freshness.facts_token()
    assert after_save != before
    rating.delete()
    assert freshness.facts_token() != after_save


def test_rows_written_in_bulk_give_a_new_token() -> None:
    person = PersonFactory()
    before = freshness.facts_token()
    rating = TaskRating(person=person, year=2023, rating="HTTNV")
    TaskRating.objects.bulk_create([rating])
    record_bulk([rating])  # what every import does after its bulk insert
    assert freshness.facts_token() != before


def test_a_lost_token_is_replaced_by_a_new_one() -> None:
    before = freshness.facts_token()
    cache.delete(freshness.KEY)
    assert freshness.facts_token() not in ("", before)


# serialized_rollback: the flush after a transactional test must not recreate the content types
# under new ids, which the serialized tests (backup, e2e) reload by id
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_token_changes_when_the_change_commits_and_not_if_it_rolls_back() -> None:
    freshness.RENEW_AT_COMMIT = True  # as on a server (tests renew at once: conftest)
    try:
        unit = UnitFactory()
        before = freshness.facts_token()

        def abandoned_change() -> None:
            with transaction.atomic():
                unit.name = "Sở Nội vụ"
                unit.save()
                raise RuntimeError("the change is abandoned")

        with pytest.raises(RuntimeError):
            abandoned_change()
        assert freshness.facts_token() == before
        with transaction.atomic():
            unit.name = "Sở Tài chính"
            unit.save()
            unit.save()
            # inside the transaction nobody may cache under a new token yet, and two changes
            # wait for one renewal
            assert freshness.facts_token() == before
            waiting = [e for e in connection.run_on_commit if isinstance(e[1], freshness._Renewal)]
            assert len(waiting) == 1
        assert freshness.facts_token() != before
    finally:
        freshness.RENEW_AT_COMMIT = False


def test_the_site_cache_is_a_database_table_that_migrate_creates() -> None:
    """Every server process reads the same counts and lists: the cache is in the database."""
    shared = site_settings.CACHES["default"]
    assert shared["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    with override_settings(CACHES={"default": shared}):
        create_cache_table(using="default")  # what `migrate` runs after the migrations
        assert shared["LOCATION"] in connection.introspection.table_names()
        caches["default"].set("vinhdanh:test", {"as_of": dt.date(2026, 1, 1)}, 60)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {shared['LOCATION']}")
            assert cursor.fetchone()[0] >= 1
        assert caches["default"].get("vinhdanh:test") == {"as_of": dt.date(2026, 1, 1)}


def test_a_count_is_kept_while_the_facts_are_unchanged_and_recounted_at_most_so_often() -> None:
    counted: list[int] = []

    def count() -> int:
        counted.append(1)
        return len(counted)

    key = "test:counted-since-change"
    cache.delete(key)
    first, when = freshness.counted_since_change(key, count, at_most_every=3600)
    assert (first, freshness.counted_since_change(key, count, at_most_every=3600)) == (
        1,
        (1, when),
    )
    PersonFactory()  # the facts change
    # counted less than an hour ago: still the kept figure, with its time
    assert freshness.counted_since_change(key, count, at_most_every=3600) == (1, when)
    # when the figure may be recounted at once, the change shows
    again, later = freshness.counted_since_change(key, count, at_most_every=0)
    assert again == 2
    assert later >= when
    # and it is kept again while nothing changes
    assert freshness.counted_since_change(key, count, at_most_every=0) == (2, later)


def test_a_change_that_says_where_renews_its_units_and_the_facts_token() -> None:
    """A rating in a commune renews the commune's token and the province's, and the facts'
    token the other caches follow (the decisions' counts, the dashboard), not a sibling's."""
    province = UnitFactory(level="province")
    commune = UnitFactory(parent=province, level="commune")
    sibling = UnitFactory(parent=province, level="commune")
    person = PersonFactory(current_unit=commune)
    before = {u.pk: freshness.unit_token(u) for u in (province, commune, sibling)}
    facts = freshness.facts_token()
    TaskRatingFactory(person=person, year=2024)
    after = {u.pk: freshness.unit_token(u) for u in (province, commune, sibling)}
    assert after[commune.pk] != before[commune.pk]
    assert after[province.pk] != before[province.pk]
    assert after[sibling.pk] == before[sibling.pk]
    assert freshness.facts_token() != facts
    record_bulk([TaskRating(person=person, year=2023, rating="HTTNV")])  # a bulk write: all
    assert freshness.unit_token(sibling) != before[sibling.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_units_tokens_renew_once_when_the_change_commits() -> None:
    freshness.RENEW_AT_COMMIT = True
    try:
        commune = UnitFactory(level="commune")
        person = PersonFactory(current_unit=commune)
        before = freshness.unit_token(commune)
        with transaction.atomic():
            TaskRatingFactory(person=person, year=2024)
            TaskRatingFactory(person=person, year=2023)
            assert freshness.unit_token(commune) == before
            waiting = [e for e in connection.run_on_commit if isinstance(e[1], freshness._Renewal)]
            assert len(waiting) == 1
        assert freshness.unit_token(commune) != before
        kept = freshness.unit_token(commune)

        def abandoned_change() -> None:
            with transaction.atomic():
                TaskRatingFactory(person=person, year=2022)
                raise RuntimeError("abandoned")

        with pytest.raises(RuntimeError):
            abandoned_change()
        assert freshness.unit_token(commune) == kept
    finally:
        freshness.RENEW_AT_COMMIT = False


def test_a_models_token_renews_only_with_its_rows_and_bulk_writes() -> None:
    from vinhdanh.awards.models import Award, Decision

    person = PersonFactory()
    awards = freshness.facts_token(Award, Decision)
    assert freshness.facts_token("awards.award", "awards.decision") == awards  # by label too
    TaskRatingFactory(person=person, year=2024)
    assert freshness.facts_token(Award, Decision) == awards  # a rating is no award
    record_bulk([TaskRating(person=person, year=2023, rating="HTTNV")])
    assert freshness.facts_token(Award, Decision) != awards  # a bulk write renews everything
