"""Fresh planner statistics after a bulk load.

Both databases plan queries from statistics gathered by ANALYZE. After millions of rows
arrive at once (the demo generator, a restore) those statistics describe the empty tables
until autovacuum catches up, and PostgreSQL then picks nested loops over the whole award
table: the province's dashboard took minutes instead of seconds at 1,000,000 people.
"""

from __future__ import annotations

from django.db import connection


def refresh_planner_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
