from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.db import connection

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import (
    InitiativeFactory,
    PersonFactory,
    PostFactory,
    TaskRatingFactory,
)
from vinhdanh.awards.domain.queries.people import PeopleFilter, person_history, search_people
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.people.domain.queries.people import unit_people
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.people.enums import DisciplineForm, LeaveKind, ReviewKind
from vinhdanh.people.models import Discipline, Leave, PendingReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE)


@pytest.fixture
def unit_a(province):
    return UnitFactory(name="Sở Nội vụ", parent=province)


@pytest.fixture
def unit_b(province):
    return UnitFactory(name="Sở Tài chính", parent=province)


@pytest.fixture
def admin_user():
    return UserFactory(is_superuser=True)


def person_in(unit, family="Nguyễn", middle="Văn", given="An", **kwargs):
    person = PersonFactory(family_name=family, middle_name=middle, given_name=given, **kwargs)
    PostFactory(person=person, unit=unit)
    person.refresh_from_db()
    return person


def names(qs):
    return [p.full_name for p in qs]


def test_search_people_finds_name_with_or_without_diacritics(unit_a, admin_user):
    hong = person_in(unit_a, "Nguyễn", "Thị", "Hồng")
    person_in(unit_a, "Trần", "Văn", "Bình")
    for query in ["Nguyễn Thị Hồng", "nguyen thi hong", "NGUYEN THI HONG", "hồng", "Hong"]:
        found = search_people(user=admin_user, filters=PeopleFilter(query=query))
        assert list(found) == [hong], query


def test_search_people_accepts_decomposed_input(unit_a, admin_user):
    hong = person_in(unit_a, "Nguyễn", "Thị", "Hồng")
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    assert nfd != "Nguyễn Thị Hồng"
    assert list(search_people(user=admin_user, filters=PeopleFilter(query=nfd))) == [hong]


def test_search_people_matches_word_starts_not_inside_words(unit_a, admin_user):
    hong = person_in(unit_a, "Lê", "Thị", "Hồng")
    person_in(unit_a, "Lê", "Văn", "Phong")
    assert list(search_people(user=admin_user, filters=PeopleFilter(query="hong"))) == [hong]
    assert len(search_people(user=admin_user, filters=PeopleFilter(query="le"))) == 2


def test_search_people_matches_staff_code(unit_a, admin_user):
    person = person_in(unit_a, code="HT-00123")
    person_in(unit_a, code="HT-00999")
    found = search_people(user=admin_user, filters=PeopleFilter(query="ht-00123"))
    assert list(found) == [person]


def test_search_people_sorts_by_given_name_in_vietnamese_order(unit_a, admin_user):
    for family, given in [
        ("Phạm", "Đức"),
        ("Lê", "Dũng"),
        ("Trần", "Bình"),
        ("Ngô", "Ánh"),
        ("Vũ", "An"),
    ]:
        person_in(unit_a, family, "Văn", given)
    expected = ["An", "Ánh", "Bình", "Dũng", "Đức"]
    listed = search_people(user=admin_user, filters=PeopleFilter())
    assert [p.given_name for p in listed] == expected
    searched = search_people(user=admin_user, filters=PeopleFilter(query="van"))  # other path
    assert [p.given_name for p in searched] == expected


def test_visible_people_limited_to_the_clerks_units(unit_a, unit_b):
    mine = person_in(unit_a, given="Mai")
    person_in(unit_b, given="Lan")
    clerk = RoleFactory(unit=unit_a).user
    assert list(visible_people(clerk)) == [mine]
    assert list(search_people(user=clerk, filters=PeopleFilter(query="lan"))) == []


def test_visible_people_is_empty_for_a_user_without_roles(unit_a):
    person_in(unit_a)
    assert list(visible_people(UserFactory())) == []


def test_search_people_by_unit_with_and_without_subunits(unit_a, admin_user):
    division = UnitFactory(name="Phòng Tổ chức", parent=unit_a, level=UnitLevel.DIVISION)
    head = person_in(unit_a, given="Hà")
    staff = person_in(division, given="Yến")
    with_subunits = PeopleFilter(unit=unit_a, include_subunits=True)
    only_unit = PeopleFilter(unit=unit_a, include_subunits=False)
    assert set(search_people(user=admin_user, filters=with_subunits)) == {head, staff}
    assert list(search_people(user=admin_user, filters=only_unit)) == [head]


def test_search_people_by_award_held_in_any_or_a_given_year(unit_a, admin_user):
    one = person_in(unit_a, given="Hoa")
    two = person_in(unit_a, given="Huệ")
    revoked = person_in(unit_a, given="Cúc")
    AwardFactory(person=one, kind=kind("CSTDCS"), period=2023)
    AwardFactory(person=two, kind=kind("CSTDCS"), period=2024)
    AwardFactory(
        person=revoked,
        kind=kind("CSTDCS"),
        period=2024,
        revoked_by=DecisionFactory(kind="revocation"),
    )
    any_year = PeopleFilter(award_kind=kind("CSTDCS"))
    in_2024 = PeopleFilter(award_kind=kind("CSTDCS"), award_year=2024)
    assert set(search_people(user=admin_user, filters=any_year)) == {one, two}
    assert list(search_people(user=admin_user, filters=in_2024)) == [two]


def test_search_people_reads_the_page_in_one_query(unit_a, admin_user, django_assert_num_queries):
    for given in ["An", "Bình", "Chi"]:
        person_in(unit_a, given=given)
    with django_assert_num_queries(1):
        rows = list(search_people(user=admin_user, filters=PeopleFilter())[:50])
        units = [p.current_unit.name for p in rows]
    assert units == ["Sở Nội vụ"] * 3


def test_unit_people_lists_only_posts_held_on_the_day(unit_a, unit_b):
    current = PersonFactory(given_name="Nga")
    former = PersonFactory(given_name="Oanh")
    PostFactory(person=current, unit=unit_a, start_date=dt.date(2020, 1, 1))
    PostFactory(
        person=former, unit=unit_a, start_date=dt.date(2015, 1, 1), end_date=dt.date(2019, 12, 31)
    )
    PostFactory(person=former, unit=unit_b, start_date=dt.date(2020, 1, 1))
    posts = unit_people(unit_a, on=dt.date(2024, 6, 1))
    assert [p.person for p in posts] == [current]
    assert [p.person for p in unit_people(unit_a, on=dt.date(2018, 6, 1))] == [former]


def test_person_history_gathers_the_whole_record(unit_a, unit_b, django_assert_max_num_queries):
    person = PersonFactory(family_name="Nguyễn", middle_name="Thị", given_name="Hồng")
    PostFactory(
        person=person, unit=unit_b, start_date=dt.date(2012, 1, 1), end_date=dt.date(2017, 12, 31)
    )
    PostFactory(person=person, unit=unit_a, start_date=dt.date(2018, 1, 1), title="Trưởng phòng")
    TaskRatingFactory(person=person, year=2023, rating="HTXSNV")
    TaskRatingFactory(person=person, year=2024, rating="HTTNV")
    InitiativeFactory(authors=[person])
    Discipline.objects.create(
        person=person, form=DisciplineForm.KHIEN_TRACH, decision_date=dt.date(2016, 3, 1)
    )
    Leave.objects.create(
        person=person,
        kind=LeaveKind.MATERNITY,
        start_date=dt.date(2019, 1, 1),
        end_date=dt.date(2019, 6, 30),
    )
    PendingReview.objects.create(
        person=person, kind=ReviewKind.COMPLAINT, opened=dt.date(2025, 1, 2)
    )
    kept = AwardFactory(person=person, kind=kind("LDTT"), period=2023)
    gone = AwardFactory(person=person, kind=kind("CSTDCS"), period=2024)
    gone.revoked_by = DecisionFactory(kind="revocation", signed_on=dt.date(2025, 3, 1), year=2025)
    gone.revocation_reason = "Khai man thành tích"
    gone.save()

    with django_assert_max_num_queries(9):
        history = person_history(person, today=dt.date(2025, 6, 1))
        # everything the page touches is already loaded
        _ = [
            (p.unit.name, a.kind.name, a.decision.issuing_body)
            for p in history.posts
            for a in history.awards
        ]
        _ = [a.revoked_by.number_label for a in history.revoked_awards]

    assert [p.unit for p in history.posts] == [unit_a, unit_b]
    assert [p.title for p in history.current_posts] == ["Trưởng phòng"]
    assert [r.year for r in history.ratings] == [2024, 2023]
    assert len(history.initiatives) == 1
    assert len(history.disciplines) == 1
    assert len(history.leaves) == 1
    assert len(history.open_reviews) == 1
    assert set(history.awards) == {kept, gone}
    assert history.active_awards == [kept]
    assert history.revoked_awards == [gone]


def test_can_view_person_rule_agrees_with_the_list(unit_a, unit_b):
    mine = person_in(unit_a, given="Mai")
    theirs = person_in(unit_b, given="Lan")
    clerk = RoleFactory(unit=unit_a).user
    assert clerk.has_perm("people.view_person", mine)
    assert not clerk.has_perm("people.view_person", theirs)
    assert UserFactory(is_superuser=True).has_perm("people.view_person", theirs)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram index exists on PostgreSQL only"
)
def test_search_people_finds_a_word_inside_a_name_through_the_trigram_index(unit_a, admin_user):
    """people 0003: "% hong%" (a word inside the name) is served by the index at 1,000,000
    people, not by reading the whole table; the order is the given-name order of the list."""
    hong = person_in(unit_a, "Lê", "Thị", "Hồng")
    an = person_in(unit_a, "Lê", "Văn", "An")
    found = search_people(user=admin_user, filters=PeopleFilter(query="le"))
    assert list(found) == [an, hong]
    with connection.cursor() as cursor:
        # A tiny table would be read whole, or walked through another index in list order: left
        # only bitmap scans, the planner has the trigram index alone to serve "% hong%".
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = search_people(user=admin_user, filters=PeopleFilter(query="hong")).explain()
        cursor.execute("SET LOCAL enable_indexscan = on")
        cursor.execute("SET LOCAL enable_seqscan = on")
    assert "people_person_search_key_trgm" in plan
