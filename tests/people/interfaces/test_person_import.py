from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from django.utils import translation

from tests.common.importing.files import assert_imported, assert_rejected, write
from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.common.importing import run_import
from vinhdanh.common.models import AuditEvent
from vinhdanh.common.text import person_sort_key
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person, Post

pytestmark = pytest.mark.django_db

HEADER = [
    "Mã cán bộ",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Ngày tuyển dụng",
    "Mã đơn vị",
    "Chức vụ",
    "Từ ngày",
    "Đến ngày",
]


@pytest.fixture
def units() -> tuple[Unit, Unit]:
    return (
        UnitFactory(code="SNV", name="Sở Nội vụ", valid_from=dt.date(2000, 1, 1)),
        UnitFactory(code="STC", name="Sở Tài chính", valid_from=dt.date(2000, 1, 1)),
    )


def row(
    code: str = "CB1",
    name: str = "Nguyễn Văn An",
    *,
    gender: str = "Nam",
    birth: object = "02/03/1980",
    hired: object = "01/09/2005",
    unit: str = "SNV",
    title: str = "Chuyên viên",
    start: object = "01/09/2005",
    end: object = "",
) -> list[object]:
    return [code, name, gender, birth, hired, unit, title, start, end]


def test_people_import_xlsx_sets_keys_and_current_unit_from_posts(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    snv, stc = units
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    rows = [
        row(
            "CB1",
            nfd,
            gender="Nữ",
            birth=dt.datetime(1985, 3, 15),
            unit="SNV",
            start=dt.date(2010, 1, 1),
            end=dt.date(2019, 12, 31),
        ),
        row(
            "CB1",
            "Nguyễn Thị Hồng",
            gender="nữ",
            birth="",
            unit="STC",
            title="Phó Trưởng phòng",
            start="2020-01-01",
        ),
        row(
            "CB2",
            "Lê Văn Tám",
            gender="M",
            birth="1990-12-01",
            hired="",
            unit="SNV",
            start="15/06/2015",
        ),
    ]
    out = assert_imported("people", write(tmp_path, "people.xlsx", HEADER, rows))
    assert "people: 2" in out
    assert "posts: 3" in out
    hong = Person.objects.get(code="CB1")
    assert (hong.family_name, hong.middle_name, hong.given_name) == ("Nguyễn", "Thị", "Hồng")
    assert hong.family_name == unicodedata.normalize("NFC", hong.family_name)
    assert hong.gender == "F"
    assert hong.birth_date == dt.date(1985, 3, 15)
    assert hong.search_key == "nguyen thi hong cb1"
    assert hong.sort_key == person_sort_key("Hồng", "Thị", "Nguyễn")
    assert hong.current_unit == stc
    assert hong.current_title == "Phó Trưởng phòng"
    assert Person.objects.get(code="CB2").current_unit == snv
    assert Person.objects.filter(search_key__contains="hong").count() == 1
    assert AuditEvent.objects.filter(object_type="people.person", action="create").count() == 2
    assert AuditEvent.objects.filter(object_type="people.post", action="create").count() == 3


def test_people_import_csv_iso_dates_and_semicolons(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    rows = [row("CB1", birth="1980-03-02", start="2005-09-01", hired="2005-09-01")]
    assert_imported("people", write(tmp_path, "p.csv", HEADER, rows, sep=";", bom=True))
    assert Person.objects.get().birth_date == dt.date(1980, 3, 2)


def test_people_import_unknown_unit_and_bad_cells(tmp_path: Path, units: tuple[Unit, Unit]) -> None:
    rows = [
        row("CB1", unit="SYT"),
        row("CB2", birth="31/02/1980"),
        row("CB3", gender="Khác"),
        row("CB4", name="An"),
        row("CB 5"),
    ]
    assert_rejected(
        "people",
        write(tmp_path, "p.csv", HEADER, rows),
        [
            "row 2, column Mã đơn vị: no unit has the code SYT",
            "row 3, column Ngày sinh: the date 31/02/1980 does not exist",
            "row 4, column Giới tính: “Khác” is not allowed; use one of: Nam, Nữ",
            "row 5, column Họ và tên: write the full name: family name, middle name and given name",
            "row 6, column Mã cán bộ: “CB 5” is not a code: a code has no spaces, commas or "
            "semicolons",
        ],
    )


def test_people_import_unit_not_existing_on_post_start(tmp_path: Path) -> None:
    UnitFactory(code="XA", valid_from=dt.date(2025, 7, 1))
    assert_rejected(
        "people",
        write(tmp_path, "p.csv", HEADER, [row(unit="XA", start="01/01/2024")]),
        [
            "row 2, column Mã đơn vị: the unit XA does not exist on 01/01/2024 (it "
            "exists 01/07/2025–…)"
        ],
    )


def test_people_import_dates_out_of_order(tmp_path: Path, units: tuple[Unit, Unit]) -> None:
    rows = [
        row("CB1", birth="01/01/2090"),
        row("CB2", birth="01/01/1990", hired="01/01/1989", start="01/01/2015"),
        row("CB3", start="01/01/2015", end="31/12/2014"),
    ]
    assert_rejected(
        "people",
        write(tmp_path, "p.csv", HEADER, rows),
        [
            "row 2, column Ngày sinh: 01/01/2090 is after today",
            "row 3, column Ngày tuyển dụng: recruited on or before the date of birth (01/01/1990)",
            "row 4, column Đến ngày: ends before it starts (01/01/2015)",
        ],
    )


def test_people_import_person_in_two_places_at_once_in_the_file(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    rows = [
        row("CB1", unit="SNV", start="01/01/2010"),
        row("CB1", unit="STC", start="01/01/2020"),
    ]
    assert_rejected(
        "people",
        write(tmp_path, "p.csv", HEADER, rows),
        [
            "row 3, column Từ ngày: overlaps the main post in Sở Nội vụ from 01/01/2010 (row 2): "
            "one person cannot be in two places at once; fill in “Đến ngày” of the earlier post "
            "or mark one post as concurrent (Kiêm nhiệm)",
        ],
    )


def test_people_import_concurrent_post_may_overlap(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    header = [*HEADER, "Kiêm nhiệm"]
    rows = [
        [*row("CB1", unit="SNV", start="01/01/2010"), "Không"],
        [*row("CB1", unit="STC", title="Ủy viên Hội đồng", start="01/01/2020"), "Có"],
    ]
    assert_imported("people", write(tmp_path, "p.csv", header, rows))
    person = Person.objects.get()
    assert person.current_unit.code == "SNV"
    assert person.posts.filter(is_concurrent=True).count() == 1


def test_people_import_overlap_with_a_post_in_the_database(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    snv, _stc = units
    person = PersonFactory(
        code="CB1",
        family_name="Nguyễn",
        middle_name="Văn",
        given_name="An",
        birth_date=dt.date(1980, 3, 2),
    )
    PostFactory(person=person, unit=snv, start_date=dt.date(2010, 1, 1))
    assert_rejected(
        "people",
        write(
            tmp_path,
            "p.csv",
            HEADER,
            [
                row("CB1", hired="", unit="STC", start="01/01/2020"),
            ],
        ),
        [
            "row 2, column Từ ngày: overlaps the main post in Sở Nội vụ from 01/01/2010 (already "
            "in the system): one person cannot be in two places at once; fill in “Đến ngày” of "
            "the earlier post or mark one post as concurrent (Kiêm nhiệm)",
        ],
    )


def test_people_import_existing_person_gets_new_post_and_current_unit(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    snv, stc = units
    person = PersonFactory(code="CB1", family_name="Nguyễn", middle_name="Văn", given_name="An")
    PostFactory(
        person=person, unit=snv, start_date=dt.date(2010, 1, 1), end_date=dt.date(2019, 12, 31)
    )
    out = assert_imported(
        "people",
        write(
            tmp_path,
            "p.csv",
            HEADER,
            [
                row("CB1", "NGUYỄN VĂN AN", birth="", hired="", unit="STC", start="01/01/2020"),
            ],
        ),
    )
    assert "people: 0" in out
    assert "posts: 1" in out
    person.refresh_from_db()
    assert person.current_unit == stc
    assert AuditEvent.objects.filter(object_type="people.person", action="update").exists()


def test_people_import_existing_person_with_other_name_is_refused(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    PersonFactory(code="CB1", family_name="Nguyễn", middle_name="Văn", given_name="An")
    assert_rejected(
        "people",
        write(
            tmp_path,
            "p.csv",
            HEADER,
            [
                row("CB1", "Nguyễn Văn Ân", birth="", hired="", unit="STC", start="01/01/2020"),
            ],
        ),
        [
            "row 2, column Họ và tên: the staff code CB1 is already in the system with a different "
            "value: Nguyễn Văn An",
        ],
    )


def test_people_import_rows_of_one_person_must_agree(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    rows = [
        row("CB1", birth="02/03/1980", start="01/01/2010", end="31/12/2014"),
        row("CB1", birth="03/03/1980", unit="STC", start="01/01/2015"),
    ]
    assert_rejected(
        "people",
        write(tmp_path, "p.csv", HEADER, rows),
        [
            "row 3, column Ngày sinh: differs from row 2 of the same person: 02/03/1980",
        ],
    )


def test_people_import_duplicate_row(tmp_path: Path, units: tuple[Unit, Unit]) -> None:
    assert_rejected(
        "people",
        write(tmp_path, "p.csv", HEADER, [row("CB1"), row("CB1")]),
        [
            "row 3, column Mã cán bộ: this post is already in row 2",
        ],
    )


def test_people_import_2000_people(tmp_path: Path, units: tuple[Unit, Unit]) -> None:
    rows = [
        row(
            f"CB{i:05d}",
            f"Trần Văn Số{i}",
            unit="SNV" if i % 2 else "STC",
            start=dt.date(2015, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(2000)
    ]
    out = assert_imported("people", write(tmp_path, "big.xlsx", HEADER, rows))
    assert "people: 2000" in out
    assert Person.objects.count() == 2000
    assert Post.objects.count() == 2000
    assert Person.objects.filter(current_unit__code="SNV").count() == 1000
    assert AuditEvent.objects.filter(action="create").count() == 2 + 4000
    assert AuditEvent.objects.filter(action="action").count() == 1


def test_people_import_of_the_same_file_twice_adds_no_second_copy_of_any_post(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    header = [*HEADER, "Kiêm nhiệm"]
    rows = [
        [*row("CB1", unit="SNV", start="01/01/2010"), "Không"],
        [*row("CB1", unit="STC", title="Ủy viên Hội đồng", start="01/01/2020"), "Có"],
    ]
    path = write(tmp_path, "p.csv", header, rows)

    assert_imported("people", path)
    assert_imported("people", path)

    person = Person.objects.get()
    assert person.posts.count() == 2
    assert person.posts.filter(is_concurrent=True).count() == 1


def test_people_import_of_a_code_held_outside_the_scope_shows_nothing_and_writes_nothing(
    tmp_path: Path, units: tuple[Unit, Unit]
) -> None:
    snv, stc = units
    other = PersonFactory(
        code="CB9",
        family_name="Trần",
        middle_name="Thị",
        given_name="Lan",
        birth_date=dt.date(1979, 5, 6),
    )
    PostFactory(person=other, unit=stc, start_date=dt.date(2010, 1, 1))
    header = [*HEADER, "Kiêm nhiệm"]
    rows = [[*row("CB9", "Lê Văn Tám", birth="01/01/1990", unit="SNV", start="01/01/2020"), "Có"]]
    before = Post.objects.count()

    with translation.override("en"):
        result = run_import(
            kind="people",
            source=write(tmp_path, "p.csv", header, rows),
            scope=UnitScope(False, (snv.path,), ()),
        )

    assert [str(p) for p in result.problems] == [
        "row 2, column Mã cán bộ: the staff code CB9 is already used in the system: choose "
        "another code, or ask the emulation office if this is the same person"
    ]
    shown = " ".join(str(p) for p in result.problems) + str(result.preview)
    for secret in ("Trần", "Lan", "1979", "06/05"):
        assert secret not in shown
    assert Post.objects.count() == before
