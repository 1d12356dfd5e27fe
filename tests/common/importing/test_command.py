from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.common.importing.files import (
    assert_imported,
    assert_rejected,
    counts,
    problem_lines,
    run,
    write,
)
from tests.factories.orgs import UnitFactory
from vinhdanh.common.importing import importer_class
from vinhdanh.common.models import AuditEvent
from vinhdanh.people.models import Person, Post

pytestmark = pytest.mark.django_db

HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Chức vụ", "Từ ngày"]


def _person(code: str, name: str = "Nguyễn Văn An", title: str = "Chuyên viên") -> list[object]:
    return [code, name, "Nam", "02/03/1980", "SNV", title, "01/01/2015"]


@pytest.fixture
def unit() -> object:
    return UnitFactory(code="SNV", name="Sở Nội vụ")


def test_import_success_exits_0_prints_counts_and_audits(tmp_path: Path, unit: object) -> None:
    path = write(tmp_path, "people.xlsx", HEADER, [_person("CB1"), _person("CB2", "Lê Thị Hoa")])
    before = AuditEvent.objects.count()
    out = assert_imported("people", path)
    assert "Imported from people.xlsx (2 rows):" in out
    assert "  people: 2" in out
    assert "  posts: 2" in out
    events = AuditEvent.objects.filter(pk__gt=0).order_by("id")[before:]
    assert [e.action for e in events].count("create") == 4
    summary = AuditEvent.objects.get(action="action")
    assert summary.source == "cli:import"
    assert summary.after["kind"] == "people"
    assert summary.after["counts"] == {"people.person": 2, "people.post": 2}
    assert {e.source for e in events} == {"cli:import"}


def test_import_dry_run_writes_nothing_and_says_what_it_would_import(
    tmp_path: Path, unit: object
) -> None:
    path = write(tmp_path, "people.csv", HEADER, [_person("CB1"), _person("CB2")])
    before = counts()
    code, out, _err = run("people", path, "--dry-run")
    assert code == 0
    assert "Dry run" in out
    assert "  people: 2" in out
    assert counts() == before


def test_import_headers_match_without_case_or_diacritics(tmp_path: Path, unit: object) -> None:
    header = [
        "STT",
        "MA CAN BO",
        "ho va ten",
        "Giới Tính",
        "ngay sinh",
        "MÃ ĐƠN VỊ",
        "chuc vu",
        "Từ ngày",
    ]
    path = write(tmp_path, "people.csv", header, [[1, *_person("CB1")]])
    assert_imported("people", path)
    assert Person.objects.get().code == "CB1"


def test_import_unknown_and_missing_columns_are_reported_on_the_header_row(
    tmp_path: Path, unit: object
) -> None:
    header = ["Mã cán bộ", "Họ và tên", "Giới tính", "Quê quán", "Mã đơn vị", "Chức vụ"]
    path = write(
        tmp_path,
        "people.csv",
        header,
        [["CB1", "Lê Văn Tám", "Nam", "Hà Tĩnh", "SNV", "Chuyên viên"]],
    )
    out = assert_rejected(
        "people",
        path,
        [
            "row 1, column Quê quán: unknown column; the columns of this file are: Mã cán bộ, "
            "Họ và tên, Giới tính, Ngày sinh, Ngày tuyển dụng, Mã đơn vị, Chức vụ, Từ ngày, "
            "Đến ngày, Kiêm nhiệm, Email, Đối tượng ưu tiên",
            "row 1, column Từ ngày: required column is missing",
        ],
    )
    assert out


def test_import_duplicate_column_is_reported(tmp_path: Path, unit: object) -> None:
    path = write(tmp_path, "people.csv", [*HEADER, "Họ tên"], [[*_person("CB1"), "X"]])
    assert_rejected(
        "people",
        path,
        [
            "row 1, column Họ tên: this column appears twice (also column B)",
        ],
    )


def test_import_empty_required_cell_names_row_and_column(tmp_path: Path, unit: object) -> None:
    rows = [_person("CB1"), ["CB2", "", "Nam", "", "SNV", "Chuyên viên", "01/01/2015"]]
    path = write(tmp_path, "people.xlsx", HEADER, rows)
    assert_rejected("people", path, ["row 3, column Họ và tên: this cell is required but empty"])


def test_import_header_only_file_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", HEADER, [])
    assert_rejected("people", path, ["file: the file has a header row but no data rows"])


def test_import_file_that_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_rejected(
        "people",
        path,
        [
            "file: the file is neither an Excel workbook (.xlsx) nor a CSV text: in Excel, use "
            "File › Save As and choose “Excel Workbook (.xlsx)” or “CSV UTF-8”",
        ],
    )


def test_import_missing_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command("import", "people", str(tmp_path / "nope.xlsx"))


def test_import_unknown_kind_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", HEADER, [])
    with pytest.raises(CommandError):
        call_command("import", "medals", str(path))


def test_import_messages_in_vietnamese_by_default_keep_the_row_column_format(
    tmp_path: Path, unit: object
) -> None:
    rows = [["CB1", "Lê Văn Tám", "Nam", "31/02/1980", "SNV", "Chuyên viên", "01/01/2015"]]
    path = write(tmp_path, "people.csv", HEADER, rows)
    code, out, _err = run("people", path, lang="vi")
    assert code == 1
    [line] = problem_lines(out)
    assert line.startswith("row 2, column Ngày sinh: ")
    assert "31/02/1980" in line


def test_import_database_error_during_write_rolls_back_everything(
    tmp_path: Path, unit: object
) -> None:
    """A refusal by the database half-way (here a trigger on posts) leaves nothing behind."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION vd_boom() RETURNS trigger AS $$ BEGIN IF NEW.title = 'BOOM' "
                "THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER vd_boom BEFORE INSERT ON people_post FOR EACH ROW "
                "EXECUTE FUNCTION vd_boom()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER vd_boom BEFORE INSERT ON people_post WHEN NEW.title = 'BOOM' "
                "BEGIN SELECT RAISE(ABORT, 'boom'); END"
            )
    path = write(tmp_path, "people.csv", HEADER, [_person("CB1"), _person("CB2", title="BOOM")])
    before = counts()
    code, out, _err = run("people", path)
    assert code == 1
    [line] = problem_lines(out)
    assert line.startswith("file: the database refused the import, so nothing was written")
    assert counts() == before
    assert not Person.objects.exists()
    assert not Post.objects.exists()


def test_import_first_non_empty_row_is_the_header(tmp_path: Path, unit: object) -> None:
    path = write(
        tmp_path,
        "people.csv",
        [""] * len(HEADER),
        [HEADER, ["CB1", "Lê Văn Tám", "Nam", "x", "SNV", "Chuyên viên", "01/01/2015"]],
    )
    assert_rejected(
        "people",
        path,
        [
            "row 3, column Ngày sinh: “x” is not a date: write dd/mm/yyyy or yyyy-mm-dd",
        ],
    )


def test_import_excel_date_cells_are_read_as_dates(tmp_path: Path, unit: object) -> None:
    rows = [
        [
            "CB1",
            "Lê Văn Tám",
            "Nam",
            dt.datetime(1980, 3, 2),
            "SNV",
            "Chuyên viên",
            dt.date(2015, 1, 1),
        ]
    ]
    assert_imported("people", write(tmp_path, "people.xlsx", HEADER, rows))
    person = Person.objects.get()
    assert person.birth_date == dt.date(1980, 3, 2)
    assert person.posts.get().start_date == dt.date(2015, 1, 1)


@pytest.mark.parametrize("kind", ["units", "people", "ratings", "initiatives", "awards"])
@pytest.mark.parametrize("filler", ["", "???"])
def test_import_rows_of_blanks_or_garbage_are_reported_not_crashed(
    tmp_path: Path, kind: str, filler: str
) -> None:
    """Every column present, each cell empty or nonsense: problems, never an exception."""
    cls = importer_class(kind)
    header = [col.header for col in cls.columns]
    rows = [["X1", *([filler] * (len(header) - 1))], [filler] * len(header)]
    before = counts()
    code, out, _err = run(kind, write(tmp_path, f"{kind}.csv", header, rows))
    assert code == 1
    assert problem_lines(out)
    assert counts() == before


def test_import_finds_the_header_below_a_title_block(tmp_path: Path, unit: object) -> None:
    # A printed list: the title, a subtitle and a blank line above the header.
    title = ["DANH SÁCH CÁN BỘ, CÔNG CHỨC SỞ NỘI VỤ", *[""] * (len(HEADER) - 1)]
    date = ["(Kèm theo Công văn số 12/SNV ngày 02/01/2026)", *[""] * (len(HEADER) - 1)]
    path = write(
        tmp_path,
        "people.xlsx",
        title,
        [date, [None] * len(HEADER), HEADER, _person("CB1"), _person("CB2", "Lê Thị Hoa")],
    )

    assert_imported("people", path)

    assert Person.objects.count() == 2


def test_import_of_a_title_block_alone_reports_the_first_row(tmp_path: Path, unit: object) -> None:
    path = write(tmp_path, "people.csv", ["DANH SÁCH"], [["Kèm theo Công văn số 12"]])

    lines = problem_lines(run("people", path)[1])

    assert lines[0].startswith("row 1, column DANH SÁCH: unknown column")


def test_import_reads_excel_unicode_text_utf16_with_tabs(tmp_path: Path, unit: object) -> None:
    lines = ["\t".join(HEADER), "\t".join(str(v) for v in _person("CB1", "Đặng Thị Ngọc Ánh"))]
    path = tmp_path / "people.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))  # Python writes the BOM, as Excel does

    assert_imported("people", path)

    assert Person.objects.get().given_name == "Ánh"


def test_import_over_the_row_cap_is_refused_with_how_to_split(
    tmp_path: Path, unit: object, settings: object
) -> None:
    settings.IMPORT_MAX_ROWS = 2  # type: ignore[attr-defined]
    rows = [_person(f"CB{i}") for i in range(3)]

    assert_rejected(
        "people",
        write(tmp_path, "people.csv", HEADER, rows),
        [
            "file: the file has more than 2 data rows: split it into files of at most 2 rows "
            "and import them one after another"
        ],
    )
    assert not Person.objects.exists()
