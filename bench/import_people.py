"""P4: import N people from .xlsx with full validation, against reading the file with openpyxl.

`run(n)` builds an .xlsx of n people (one main post each, in units that exist), times a plain
openpyxl read-only pass over it (the baseline), then the full `vinhdanh import people` path into a
fresh database (created and dropped here, on the configured backend: SQLite file or PostgreSQL),
and returns the figures with their ratio. Target (docs/architecture.md §6): ratio ≤ 3.

    PYTHONPATH=src python bench/import_people.py [N]        # default 100000
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HEADERS = [
    "Mã cán bộ",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Ngày tuyển dụng",
    "Mã đơn vị",
    "Chức vụ",
    "Từ ngày",
]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hồng",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Ngọc",
    "Phong",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
]
TITLES = ["Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng", "Kế toán"]
UNITS = 200


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhdanh.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def write_people_xlsx(path: Path, n: int, unit_codes: list[str]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cán bộ")
    sheet.append(HEADERS)
    for i in range(n):
        birth = dt.date(1965 + i % 30, 1 + i % 12, 1 + i % 28)
        hired = dt.date(birth.year + 22 + i % 10, 1 + (i * 7) % 12, 1 + (i * 3) % 28)
        name = f"{FAMILY[i % 16]} {MIDDLE[(i // 16) % 10]} {GIVEN[(i // 160) % 26]}"
        sheet.append(
            [
                f"CB{i:07d}",
                name,
                "Nam" if i % 2 else "Nữ",
                birth,
                hired.strftime("%d/%m/%Y"),
                unit_codes[i % len(unit_codes)],
                TITLES[i % 5],
                hired,
            ]
        )
    workbook.save(path)


def read_baseline(path: Path) -> int:
    """What P4 compares with: every cell value of the sheet, openpyxl read-only."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = 0
    for _row in workbook.worksheets[0].iter_rows(values_only=True):
        rows += 1
    workbook.close()
    return rows


def _timed_read(path: Path) -> tuple[float, float, int]:
    started, started_cpu = time.perf_counter(), time.process_time()
    rows = read_baseline(path)
    return time.perf_counter() - started, time.process_time() - started_cpu, rows


def _create_units() -> list[str]:
    from vinhdanh.orgs.models import Unit

    province = Unit.objects.create(
        code="BENCH", name="Tỉnh Thử nghiệm", level="province", valid_from=dt.date(1975, 1, 1)
    )
    codes = []
    for i in range(UNITS):
        unit = Unit.objects.create(
            code=f"BU{i:04d}",
            name=f"Đơn vị thử nghiệm {i}",
            level="department",
            parent=province,
            valid_from=dt.date(1975, 1, 1),
        )
        codes.append(unit.code)
    return codes


def run(n: int) -> dict[str, Any]:
    _setup_django()
    from django.conf import settings
    from django.db import connection

    from vinhdanh.common.importing import run_import
    from vinhdanh.people.models import Person

    with tempfile.TemporaryDirectory(prefix="vinhdanh-bench-") as folder:
        workdir = Path(folder)
        test_settings = settings.DATABASES["default"].setdefault("TEST", {})
        test_name = test_settings.get("NAME")
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(workdir / "bench.sqlite3")  # on disk, as in production
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            unit_codes = _create_units()
            path = workdir / "people.xlsx"
            started = time.perf_counter()
            write_people_xlsx(path, n, unit_codes)
            write_seconds = time.perf_counter() - started

            # The baseline is read before and after the import and the faster read kept, so a
            # burst of load on a shared machine does not flatter the ratio.
            baseline, baseline_cpu, rows = _timed_read(path)
            started, started_cpu = time.perf_counter(), time.process_time()
            result = run_import(kind="people", source=path, audit_source="bench")
            seconds = time.perf_counter() - started
            seconds_cpu = time.process_time() - started_cpu
            if not result.written:
                raise RuntimeError("; ".join(str(p) for p in result.problems[:5]))
            if Person.objects.count() != n:
                raise RuntimeError("not every person was imported")
            again, again_cpu, _rows = _timed_read(path)
            baseline, baseline_cpu = min(baseline, again), min(baseline_cpu, again_cpu)
            size_mb = round(path.stat().st_size / 1e6, 1)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            test_settings["NAME"] = test_name
    return {
        "name": "P4 import people (.xlsx)",
        "n": n,
        "rows_read": rows,
        "database": connection.vendor,
        "file_mb": size_mb,
        "write_xlsx_s": round(write_seconds, 2),
        "baseline_s": round(baseline, 2),
        "import_s": round(seconds, 2),
        "ratio": round(seconds / baseline, 2),
        "cpu_ratio": round(seconds_cpu / baseline_cpu, 2),  # this process only (SQLite: all)
        "target": 3.0,
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    figures = run(n)
    print(
        f"{figures['name']}: n={n} on {figures['database']}, openpyxl read-only "
        f"{figures['baseline_s']} s, import {figures['import_s']} s, CPU ratio "
        f"{figures['cpu_ratio']}, target ≤ {figures['target']}: ratio {figures['ratio']}"
    )


if __name__ == "__main__":
    main()
