"""P5: consolidate a programme for a province up the tree, through lineage, against one SQL
GROUP BY over the same rows.

A province with districts and communes (5,000 units by default); 20 indicators (each
aggregation); 20 quarterly periods, every commune's report approved. Halfway through, pairs of
communes merge (the 2025 reform), so the roll-up follows lineage. The measured consolidation
is `programmes.domain.queries.rollup.roll_up` and reading the consolidated table from it (each
unit × indicator over the whole range, as the consolidated page does); the baseline is one
`GROUP BY unit, indicator, period` (sum, count, max) over the approved values, fetched.

Run in a fresh test database (created and dropped here):
    python -m bench.consolidate 5000
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

INDICATORS = 20
PERIODS = 20
COMMUNES_PER_DISTRICT = 99
MERGED_DISTRICTS = 5  # in these districts, communes merge in pairs halfway through
START = dt.date(2021, 1, 1)
MERGE_DAY = dt.date(2023, 7, 1)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhdanh.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def build(units: int) -> Any:
    """The province, its programme and every approved report; returns the programme."""
    from django.db import connection

    from vinhdanh.orgs.domain.units import merge_units
    from vinhdanh.orgs.models import Unit
    from vinhdanh.programmes.enums import Aggregation, PeriodKind, ReportState, ValueType
    from vinhdanh.programmes.models import Indicator, PeriodReport, Programme

    districts = max(1, units // (COMMUNES_PER_DISTRICT + 1))
    per_district = max(2, units // districts - 1)
    province = Unit.objects.create(
        code="P5", name="Tỉnh Thử nghiệm", level="province", valid_from=dt.date(1975, 1, 1)
    )
    communes: list[list[Unit]] = []
    for d in range(districts):
        district = Unit.objects.create(
            code=f"P5D{d:03d}",
            name=f"Huyện thử nghiệm {d}",
            level="district",
            parent=province,
            valid_from=dt.date(1975, 1, 1),
        )
        communes.append(
            [
                Unit.objects.create(
                    code=f"P5D{d:03d}C{c:03d}",
                    name=f"Xã thử nghiệm {d}.{c}",
                    level="commune",
                    parent=district,
                    valid_from=dt.date(1975, 1, 1),
                )
                for c in range(per_district)
            ]
        )
    for d in range(min(MERGED_DISTRICTS, districts)):
        pairs = communes[d]
        for c in range(0, len(pairs) - 1, 2):
            merge_units(
                units=[pairs[c], pairs[c + 1]],
                code=f"P5D{d:03d}M{c:03d}",
                name=f"Xã hợp nhất {d}.{c}",
                effective_date=MERGE_DAY,
                move_people=False,
            )
    programme = Programme.objects.create(
        name="Chương trình thử nghiệm P5",
        owner_unit=province,
        implementing_root=province,
        units_as_of=START,
        reporting_levels=["commune"],
        starts_on=START,
        ends_on=dt.date(2025, 12, 31),
        period_kind=PeriodKind.QUARTER,
    )
    aggregations = [Aggregation.SUM, Aggregation.AVERAGE, Aggregation.MAX, Aggregation.LAST]
    Indicator.objects.bulk_create(
        Indicator(
            programme=programme,
            code=f"I{i:02d}",
            name=f"Chỉ tiêu {i}",
            value_type=ValueType.PERCENTAGE if i % 4 == 1 else ValueType.INTEGER,
            aggregation=aggregations[i % 4],
            sort_order=i,
        )
        for i in range(INDICATORS)
    )
    all_communes = list(Unit.objects.filter(level="commune", path__startswith=province.path))
    reports = [
        PeriodReport(
            programme=programme,
            unit=unit,
            period_code=period.code,
            period_start=period.start,
            period_end=period.end,
            state=ReportState.APPROVED,
        )
        for period in programme.periods()[:PERIODS]
        for unit in all_communes
        if unit.is_valid_on(period.end)
    ]
    PeriodReport.objects.bulk_create(reports, batch_size=2000)
    # Every indicator's value for every report, written by the database in one statement.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO programmes_reportvalue (report_id, indicator_id, value) "
            "SELECT r.id, i.id, (r.id * 7 + i.id * 13) %% 100 "
            "FROM programmes_periodreport r CROSS JOIN programmes_indicator i "
            "WHERE r.programme_id = %s AND i.programme_id = %s",
            [programme.pk, programme.pk],
        )
    return programme


GROUP_BY = (
    "SELECT r.unit_id, v.indicator_id, r.period_code, SUM(v.value), COUNT(*), MAX(v.value) "
    "FROM programmes_reportvalue v JOIN programmes_periodreport r ON r.id = v.report_id "
    "WHERE r.programme_id = %s AND r.state = 'approved' "
    "GROUP BY r.unit_id, v.indicator_id, r.period_code"
)


def baseline(programme: Any) -> tuple[float, int]:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(GROUP_BY, [programme.pk])
        rows = cursor.fetchall()
    return time.perf_counter() - started, len(rows)


def consolidate(programme: Any) -> tuple[float, Any]:
    from vinhdanh.programmes.domain.queries.rollup import roll_up  # imported before the clock

    started = time.perf_counter()
    result = roll_up(programme, as_of=programme.ends_on)
    for row in result.rows:  # the consolidated table: each unit × indicator, whole range
        for indicator in result.indicators:
            result.total(row.unit, indicator)
    return time.perf_counter() - started, result


def check(programme: Any, result: Any) -> None:
    """The province's total of a SUM indicator is the plain sum of its values."""
    from django.db.models import Sum

    from vinhdanh.programmes.models import ReportValue

    indicator = result.indicators[0]
    expected = ReportValue.objects.filter(indicator=indicator).aggregate(s=Sum("value"))["s"]
    got = result.total(result.rows[0].unit, indicator)
    if got != expected:
        raise RuntimeError(f"roll-up total {got} differs from the sum {expected}")


def run(units: int) -> dict[str, Any]:
    _setup_django()
    from django.conf import settings
    from django.db import connection

    with tempfile.TemporaryDirectory(prefix="vinhdanh-bench-") as folder:
        test_settings = settings.DATABASES["default"].setdefault("TEST", {})
        test_name = test_settings.get("NAME")
        if connection.vendor == "sqlite":
            test_settings["NAME"] = str(Path(folder) / "bench.sqlite3")  # on disk
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            started = time.perf_counter()
            programme = build(units)
            build_seconds = time.perf_counter() - started
            from vinhdanh.orgs.models import Unit
            from vinhdanh.programmes.models import ReportValue

            unit_count = Unit.objects.count()
            values = ReportValue.objects.count()
            # Each measured twice, alternately, the faster kept: a shared machine's bursts of
            # load, and the first call's one-off costs (query compilation, polars' thread pool),
            # do not decide the ratio.
            first, groups = baseline(programme)
            seconds, result = consolidate(programme)
            again, _groups = baseline(programme)
            seconds_again, _result = consolidate(programme)
            check(programme, result)
            rows = len(result.rows)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            test_settings["NAME"] = test_name
    base = min(first, again)
    return {
        "name": "P5 consolidate a programme up the tree",
        "units": unit_count,
        "values": values,
        "groups": groups,
        "table_rows": rows,
        "database": connection.vendor,
        "build_s": round(build_seconds, 1),
        "baseline_s": round(base, 2),
        "rollup_s": round(min(seconds, seconds_again), 2),
        "first_rollup_s": round(seconds, 2),
        "ratio": round(min(seconds, seconds_again) / base, 2),
        "target": 2.0,
    }


def main() -> None:
    units = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    figures = run(units)
    print(figures)


if __name__ == "__main__":
    main()
