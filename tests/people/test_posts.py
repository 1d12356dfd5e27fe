from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import translation

from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory
from vinhdanh.orgs.models import Unit
from vinhdanh.people.domain.posts import PostError, assign_post, refresh_current_unit
from vinhdanh.people.models import Person, Post

pytestmark = pytest.mark.django_db


def _post(
    person: Person, unit: Unit, title: str, start: dt.date, end: dt.date | None = None
) -> Post:
    """A post row written directly, so that only the test's own refresh moves the person."""
    return Post.objects.create(
        person=person, unit=unit, title=title, start_date=start, end_date=end
    )


@pytest.fixture
def units() -> tuple[Unit, Unit]:
    return UnitFactory(name="Sở Tài chính"), UnitFactory(name="Sở Xây dựng")


@pytest.fixture
def person() -> Person:
    return PersonFactory(family_name="Hoàng", middle_name="Văn", given_name="Nam")


def test_assign_post_sets_current_unit_and_title(person: Person, units: tuple[Unit, Unit]) -> None:
    finance, _ = units

    assign_post(person=person, unit=finance, title="Kế toán", start_date=dt.date(2020, 1, 1))

    person.refresh_from_db()
    assert (person.current_unit, person.current_title) == (finance, "Kế toán")


def test_assign_post_closes_previous_main_post_the_day_before(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, building = units
    first = assign_post(
        person=person, unit=finance, title="Kế toán", start_date=dt.date(2020, 1, 1)
    )

    assign_post(person=person, unit=building, title="Trưởng phòng", start_date=dt.date(2023, 3, 1))

    first.refresh_from_db()
    person.refresh_from_db()
    assert first.end_date == dt.date(2023, 2, 28)
    assert (person.current_unit, person.current_title) == (building, "Trưởng phòng")


def test_assign_two_main_posts_overlapping_refused(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, building = units
    assign_post(person=person, unit=finance, title="Kế toán", start_date=dt.date(2020, 1, 1))

    with translation.override("en"), pytest.raises(PostError) as error:
        assign_post(
            person=person,
            unit=building,
            title="Chuyên viên",
            start_date=dt.date(2021, 1, 1),
            close_previous=False,
        )

    assert "two places at once" in str(error.value)
    assert "Sở Tài chính" in str(error.value)
    assert Post.objects.filter(person=person).count() == 1
    person.refresh_from_db()
    assert person.current_unit == finance


def test_assign_main_post_overlapping_a_closed_post_refused(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, building = units
    assign_post(
        person=person,
        unit=finance,
        title="Kế toán",
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2020, 12, 31),
    )

    with pytest.raises(PostError):
        assign_post(
            person=person, unit=building, title="Chuyên viên", start_date=dt.date(2020, 6, 1)
        )


def test_assign_backdated_main_post_overlapping_open_post_refused(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, building = units
    assign_post(person=person, unit=finance, title="Kế toán", start_date=dt.date(2020, 1, 1))

    with pytest.raises(PostError):
        assign_post(
            person=person, unit=building, title="Chuyên viên", start_date=dt.date(2018, 1, 1)
        )


def test_assign_main_post_right_after_previous_ends_allowed(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, building = units
    assign_post(
        person=person,
        unit=finance,
        title="Kế toán",
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2020, 12, 31),
    )

    assign_post(person=person, unit=building, title="Chuyên viên", start_date=dt.date(2021, 1, 1))

    assert Post.objects.filter(person=person).count() == 2


def test_assign_concurrent_post_may_overlap_main_post(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, building = units
    assign_post(person=person, unit=finance, title="Kế toán", start_date=dt.date(2020, 1, 1))

    assign_post(
        person=person,
        unit=building,
        title="Ủy viên Hội đồng (kiêm nhiệm)",
        start_date=dt.date(2021, 1, 1),
        is_concurrent=True,
    )

    person.refresh_from_db()
    assert Post.objects.filter(person=person, end_date__isnull=True).count() == 2
    assert person.current_unit == finance  # the main post decides where a person belongs


def test_assign_post_ending_before_it_starts_refused(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    with pytest.raises(PostError):
        assign_post(
            person=person,
            unit=units[0],
            title="Kế toán",
            start_date=dt.date(2020, 1, 1),
            end_date=dt.date(2019, 1, 1),
        )


def test_assign_post_in_unit_not_existing_yet_refused(person: Person) -> None:
    new_unit = UnitFactory(valid_from=dt.date(2025, 7, 1))

    with pytest.raises(PostError):
        assign_post(person=person, unit=new_unit, title="Công chức", start_date=dt.date(2025, 1, 1))


def test_post_end_before_start_refused_by_database(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    with pytest.raises(IntegrityError):
        Post.objects.create(
            person=person,
            unit=units[0],
            title="Kế toán",
            start_date=dt.date(2020, 1, 1),
            end_date=dt.date(2019, 1, 1),
        )


def test_refresh_current_unit_falls_back_to_last_post(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, building = units
    _post(person, finance, "Kế toán", dt.date(2010, 1, 1), dt.date(2015, 1, 1))
    _post(person, building, "Trưởng phòng", dt.date(2015, 1, 2), dt.date(2020, 1, 1))

    refresh_current_unit([person.pk], today=dt.date(2024, 1, 1))

    person.refresh_from_db()
    assert (person.current_unit, person.current_title) == (building, "Trưởng phòng")


def test_refresh_current_unit_without_posts_clears_it(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    person.current_unit, person.current_title = units[0], "Cũ"
    person.save()

    refresh_current_unit([person.pk])

    person.refresh_from_db()
    assert (person.current_unit, person.current_title) == (None, "")


def test_a_transfer_recorded_ahead_does_not_move_the_person_yet(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, building = units
    _post(person, finance, "Kế toán", dt.date(2015, 1, 1), dt.date(2024, 6, 30))
    _post(person, building, "Trưởng phòng", dt.date(2024, 7, 1))

    refresh_current_unit([person.pk], today=dt.date(2024, 6, 1))
    person.refresh_from_db()
    assert (person.current_unit, person.current_title) == (finance, "Kế toán")

    refresh_current_unit([person.pk], today=dt.date(2024, 7, 1))
    person.refresh_from_db()
    assert (person.current_unit, person.current_title) == (building, "Trưởng phòng")


def test_a_recruit_whose_first_post_starts_later_is_already_shown_in_that_unit(
    person: Person, units: tuple[Unit, Unit]
) -> None:
    finance, _ = units
    _post(person, finance, "Kế toán", dt.date(2025, 1, 1))
    refresh_current_unit([person.pk], today=dt.date(2024, 12, 1))
    person.refresh_from_db()
    assert person.current_unit == finance
