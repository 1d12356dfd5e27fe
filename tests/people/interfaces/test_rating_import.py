from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from tests.common.importing.files import assert_imported, assert_rejected, counts, write
from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.common.importing import run_import
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.people.models import Person, TaskRating

pytestmark = pytest.mark.django_db

HEADER = ["Mã cán bộ", "Năm", "Xếp loại", "Số tháng công tác"]


@pytest.fixture
def person() -> Person:
    post = PostFactory(
        person__code="CB1",
        person__family_name="Lê",
        person__middle_name="Văn",
        person__given_name="Tám",
        person__recruitment_date=dt.date(2015, 1, 1),
    )
    return post.person


def test_ratings_import_codes_and_long_vietnamese_forms(tmp_path: Path, person: Person) -> None:
    rows = [
        ["CB1", 2021, "HTXSNV", ""],
        ["CB1", "2022", "Hoàn thành tốt nhiệm vụ", "10,5"],
        ["CB1", 2023.0, "hoan thanh nhiem vu", 12],
        ["CB1", 2024, "Không hoàn thành nhiệm vụ", None],
    ]
    out = assert_imported("ratings", write(tmp_path, "r.xlsx", HEADER, rows))
    assert "task ratings: 4" in out
    stored = dict(TaskRating.objects.values_list("year", "rating"))
    assert stored == {2021: "HTXSNV", 2022: "HTTNV", 2023: "HTNV", 2024: "KHTNV"}
    rating_2022 = TaskRating.objects.get(year=2022)
    assert rating_2022.months_worked == Decimal("10.5")
    person.refresh_from_db()
    assert rating_2022.unit == person.current_unit


def test_ratings_import_rating_not_in_the_scale(tmp_path: Path, person: Person) -> None:
    assert_rejected(
        "ratings",
        write(tmp_path, "r.csv", HEADER, [["CB1", 2024, "Tốt", ""]]),
        [
            "row 2, column Xếp loại: “Tốt” is not allowed; use one of: HTXSNV, HTTNV, HTNV, KHTNV",
        ],
    )


def test_ratings_import_unknown_person_and_year_out_of_range(
    tmp_path: Path, person: Person
) -> None:
    this_year = dt.date.today().year
    next_year = this_year + 1
    rows = [
        ["CB9", 2024, "HTNV", ""],
        ["CB1", next_year, "HTNV", ""],
        ["CB1", 1890, "HTNV", ""],
        ["CB1", 2014, "HTNV", ""],
    ]
    assert_rejected(
        "ratings",
        write(tmp_path, "r.csv", HEADER, rows),
        [
            "row 2, column Mã cán bộ: no person has the staff code CB9",
            f"row 3, column Năm: the year {next_year} is out of range: from 1975 to {this_year}",
            f"row 4, column Năm: the year 1890 is out of range: from 1975 to {this_year}",
            "row 5, column Năm: 2014 is before the person was recruited (01/01/2015)",
        ],
    )


def test_ratings_import_duplicate_in_file_and_in_database(tmp_path: Path, person: Person) -> None:
    TaskRatingFactory(person=person, year=2023, rating="HTTNV")
    rows = [["CB1", 2024, "HTNV", ""], ["CB1", 2024, "HTTNV", ""], ["CB1", 2023, "HTXSNV", ""]]
    assert_rejected(
        "ratings",
        write(tmp_path, "r.csv", HEADER, rows),
        [
            "row 3, column Năm: Lê Văn Tám already has a rating for 2024 in row 2",
            "row 4, column Năm: Lê Văn Tám already has a rating for 2023 in the system (HTTNV); an "
            "import never overwrites it",
        ],
    )


def test_ratings_import_months_out_of_range(tmp_path: Path, person: Person) -> None:
    assert_rejected(
        "ratings",
        write(tmp_path, "r.csv", HEADER, [["CB1", 2024, "HTNV", "13"]]),
        [
            "row 2, column Số tháng công tác: 13 is out of range: from 0 to 12",
        ],
    )


def test_ratings_import_person_outside_the_scope_reads_like_nobody(
    tmp_path: Path, person: Person
) -> None:
    mine = UnitFactory(code="MINE")
    PersonFactory(code="CB2", given_name="Hoa")  # no post: belongs to no unit
    rows = [["CB1", 2024, "HTNV", ""], ["CB2", 2024, "HTNV", ""], ["CB9", 2024, "HTNV", ""]]
    path = write(tmp_path, "r.csv", HEADER, rows)
    before = counts()
    with translation.override("en"):
        result = run_import(kind="ratings", source=path, scope=UnitScope(False, (mine.path,), ()))
    # CB1 and CB2 exist outside the clerk's units; CB9 does not exist: the same answer.
    assert [str(p) for p in result.problems] == [
        "row 2, column Mã cán bộ: no person has the staff code CB1",
        "row 3, column Mã cán bộ: no person has the staff code CB2",
        "row 4, column Mã cán bộ: no person has the staff code CB9",
    ]
    assert counts() == before
