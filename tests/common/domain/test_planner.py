"""After a bulk load the planner knows how big the tables are (demo generator, restore)."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.factories.people import PersonFactory
from vinhdanh.common.domain.planner import refresh_planner_statistics


def planner_row_estimate(table: str) -> float:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return float(cursor.fetchone()[0])
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NOT NULL", [table])
        rows = cursor.fetchall()
        return float(rows[0][0].split()[0]) if rows else -1.0


@pytest.mark.django_db
def test_statistics_count_the_rows_just_loaded() -> None:
    PersonFactory.create_batch(30)
    refresh_planner_statistics()
    assert planner_row_estimate("people_person") == 30
