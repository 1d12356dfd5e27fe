"""Fresh planner statistics after a bulk load.

Both databases plan queries from statistics gathered by ANALYZE. After millions of rows
arrive at once (the demo generator, a restore) those statistics describe the empty tables
until autovacuum catches up, and PostgreSQL then picks nested loops over the whole award
table: the province's dashboard took minutes instead of seconds at 1,000,000 people.

On PostgreSQL the load is also vacuumed: the visibility map it sets lets the covering indexes
of the facts (award_person_facts, rating_person_facts) answer without reading the tables, which
otherwise only happens once autovacuum has passed.
"""

from __future__ import annotations

from django.db import connection


def refresh_planner_statistics() -> None:
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
