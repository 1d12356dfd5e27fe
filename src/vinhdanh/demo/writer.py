"""The fastest safe bulk insert per database backend.

SQLite: `executemany` on the raw connection inside one transaction, with synchronous=OFF, a
large page cache and temporary tables in memory. PostgreSQL: COPY (psycopg 3) with foreign keys
checked at the end of each statement, so the server does not queue millions of deferred checks.
Rows are tuples in the column order given; columns a later migration adds are filled with the
field's default, so the generator keeps working when a model grows.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction


class BulkWriter:
    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.rows: dict[str, int] = defaultdict(int)
        self._extras: dict[
            tuple[str, tuple[str, ...]], tuple[tuple[str, ...], tuple[Any, ...]]
        ] = {}

    # -- ids -----------------------------------------------------------------------------------

    @staticmethod
    def next_id(model: type[models.Model]) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT MAX("id") FROM "{model._meta.db_table}"')
            row = cursor.fetchone()
        return int(row[0] or 0) + 1 if row else 1

    # -- the session: pragmas / constraint mode and one transaction --------------------------

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        connection.ensure_connection()
        raw: Any = connection.connection
        tuned = False
        if self.vendor == "sqlite" and not connection.in_atomic_block:
            # The generator writes rows whose references it has built itself (the tests check
            # them with PRAGMA foreign_key_check): checking each of ~20M rows again costs a
            # quarter of the load time.
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA temp_store=MEMORY")
            raw.execute("PRAGMA cache_size=-262144")  # 256 MiB of page cache
            tuned = True
        try:
            with transaction.atomic():
                if self.vendor == "postgresql":
                    self._tune_postgresql()
                yield
                if self.vendor == "postgresql":
                    self._set_replication_role("DEFAULT")
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        finally:
            if tuned:
                raw.execute("PRAGMA foreign_keys=ON")
                raw.execute("PRAGMA synchronous=NORMAL")
                raw.execute("PRAGMA cache_size=-2000")

    @staticmethod
    def _tune_postgresql() -> None:
        """Skip the per-row foreign-key triggers where the role may (as for SQLite above);
        otherwise check them per statement, so the server queues no deferred checks."""
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        BulkWriter._set_replication_role("replica")

    @staticmethod
    def _set_replication_role(value: str) -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL session_replication_role = {value}")
        except DatabaseError:
            pass  # not a superuser: the foreign keys stay checked

    # -- inserts -------------------------------------------------------------------------------

    def _columns(
        self, model: type[models.Model], columns: Sequence[str]
    ) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        key = (model._meta.db_table, tuple(columns))
        found = self._extras.get(key)
        if found is None:
            names: list[str] = []
            values: list[Any] = []
            given = set(columns)
            for field in model._meta.concrete_fields:
                if field.column in given:
                    continue
                default = field.get_default()
                if default is None and not field.null:
                    raise ValueError(f"{model._meta.db_table}.{field.column} needs a value")
                names.append(str(field.column))
                values.append(field.get_db_prep_save(default, connection))
            unknown = given - {f.column for f in model._meta.concrete_fields}
            if unknown:
                raise ValueError(f"{model._meta.db_table} has no columns {sorted(unknown)}")
            found = (tuple(names), tuple(values))
            self._extras[key] = found
        return found

    def insert(
        self,
        model: type[models.Model],
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        constants: dict[str, Any] | None = None,
    ) -> None:
        """Insert `rows` (tuples in `columns` order); `constants` are the same for every row."""
        if not rows:
            return
        table = model._meta.db_table
        constants = constants or {}
        extra_names, extra_values = self._columns(model, (*columns, *constants))
        fixed_names = (*constants, *extra_names)
        fixed_values = (*constants.values(), *extra_values)
        all_columns = (*columns, *fixed_names)
        column_sql = ", ".join(f'"{c}"' for c in all_columns)
        raw: Any = connection.connection
        if self.vendor == "sqlite":
            # Constants go into the statement as literals: fewer parameters to bind per row.
            marks = ", ".join(["?"] * len(columns) + [_sqlite_literal(v) for v in fixed_values])
            raw.executemany(f'INSERT INTO "{table}" ({column_sql}) VALUES ({marks})', rows)
        elif self.vendor == "postgresql":
            with (
                raw.cursor() as cursor,
                cursor.copy(f'COPY "{table}" ({column_sql}) FROM STDIN') as copy,
            ):
                write = copy.write_row
                if fixed_values:
                    for row in rows:
                        write((*row, *fixed_values))
                else:
                    for row in rows:
                        write(row)
        else:  # any other backend: plain parameterised inserts through Django
            marks = ", ".join(["%s"] * len(all_columns))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f'INSERT INTO "{table}" ({column_sql}) VALUES ({marks})',
                    [(*row, *fixed_values) for row in rows],
                )
        self.rows[table] += len(rows)

    def update_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        """A parameterised statement (Django placeholders, %s) for each row of `params`."""
        if params:
            with connection.cursor() as cursor:
                cursor.executemany(sql, params)

    def reset_sequences(self, model_list: Sequence[type[models.Model]]) -> None:
        """After explicit ids, let the database continue after the largest one."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def _sqlite_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"
