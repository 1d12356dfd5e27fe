"""What a background import hears while it runs, and why stopping it half-way loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.common.importing.files import counts, write
from tests.factories.orgs import UnitFactory
from vinhdanh.common.importing import ImportResult, run_import
from vinhdanh.common.models import AuditEvent
from vinhdanh.people.models import Person

pytestmark = pytest.mark.django_db

HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Chức vụ", "Từ ngày"]


@pytest.fixture
def people_file(tmp_path: Path) -> Path:
    UnitFactory(code="SNV", name="Sở Nội vụ")
    rows = [
        [f"CB{i:05d}", "Nguyễn Văn An", "Nam", "02/03/1980", "SNV", "Chuyên viên", "01/01/2015"]
        for i in range(2500)
    ]
    return write(tmp_path, "people.csv", HEADER, rows)


def test_progress_tells_reading_by_rows_then_checking_then_writing(people_file: Path) -> None:
    heard: list[tuple[str, int, int]] = []
    result = run_import(
        kind="people",
        source=people_file,
        progress=lambda stage, done, total: heard.append((stage, done, total)),
    )
    assert result.written
    stages = [stage for stage, _d, _t in heard]
    assert stages[0] == "read"
    assert stages[-2:] == ["check", "write"]
    reads = [(d, t) for s, d, t in heard if s == "read" and t]
    assert len(reads) == 2  # every 1,000 rows
    assert reads == [(1000, 2501), (2000, 2501)]  # rows read of the file's lines
    assert heard[-1] == ("write", 0, 2500)


def test_stopping_inside_the_write_leaves_nothing_behind(people_file: Path) -> None:
    """A worker stopped while writing (here: a stop raised after the rows were written, before
    the commit) leaves no person and no audit row: the import is one transaction."""

    class Stopped(BaseException):
        pass

    def stop(result: ImportResult) -> None:
        assert Person.objects.count() == 2500  # written, not yet committed
        raise Stopped

    before = counts()
    with pytest.raises(Stopped):
        run_import(kind="people", source=people_file, on_written=stop)
    assert counts() == before
    assert not Person.objects.exists()


def test_what_on_written_records_commits_with_the_rows(people_file: Path) -> None:
    seen: list[ImportResult] = []
    before = AuditEvent.objects.count()
    result = run_import(kind="people", source=people_file, on_written=seen.append)
    [passed] = seen
    assert passed is result
    assert passed.written
    assert dict(passed.count_lines())  # the counts are known inside the transaction
    assert Person.objects.count() == 2500
    assert AuditEvent.objects.count() > before


def test_progress_of_a_workbook_follows_the_position_in_the_file(tmp_path: Path) -> None:
    UnitFactory(code="SNV", name="Sở Nội vụ")
    rows = [
        [f"CB{i:05d}", f"Nguyễn Văn {i}", "Nam", "02/03/1980", "SNV", "Chuyên viên", "01/01/2015"]
        for i in range(3000)
    ]
    path = write(tmp_path, "people.xlsx", HEADER, rows)
    heard: list[tuple[str, int, int]] = []
    run_import(
        kind="people",
        source=path,
        dry_run=True,
        progress=lambda stage, done, total: heard.append((stage, done, total)),
    )
    reads = [(d, t) for s, d, t in heard if s == "read" and t]
    size = path.stat().st_size
    assert len(reads) == 3
    assert all(t == size and 0 < d <= size for d, t in reads)
    assert heard[-1][0] == "check"  # a dry run writes nothing
