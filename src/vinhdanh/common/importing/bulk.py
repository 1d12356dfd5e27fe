"""Fast multi-row INSERT for imports: bulk_create without the per-value SQL compilation.

Django's bulk_create compiles every value through the SQL compiler, which costs more than the
database itself when an import writes hundreds of thousands of rows. This writes the same rows
with one parameterised `INSERT … VALUES (…), (…) RETURNING id` per batch, values prepared once
per field type, and sets the primary keys back on the objects (as bulk_create does). Signals do
not fire (as with bulk_create): the caller writes the audit rows with `record_bulk`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models, router

# Types whose Python value goes to the driver as it is (str, int, bool, None).
_PLAIN = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "IntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "BooleanField",
        "CharField",
        "TextField",
        "SlugField",
        "EmailField",
        "URLField",
        "ForeignKey",
        "OneToOneField",
    }
)
# Stay below SQLite's 32,766 and PostgreSQL's 65,535 host parameters per statement.
_MAX_PARAMS = 30_000


def insert_rows(
    model: type[models.Model], objs: Sequence[models.Model], *, batch_size: int = 1000
) -> None:
    """Insert unsaved `objs` of `model` (no parents, auto primary key) and set their pks.

    PostgreSQL: ids are drawn from the table's sequence first, then the rows go in with COPY
    (one statement, no SQL text to parse). Elsewhere (SQLite): multi-row INSERT … RETURNING.
    """
    if not objs:
        return
    meta = model._meta
    alias = router.db_for_write(model)
    connection = connections[alias]
    pk = meta.pk
    assert pk is not None
    fields = [f for f in meta.concrete_fields if f is not pk]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy_in(cursor, connection, model, objs, fields)
        else:
            _insert_returning(cursor, connection, model, objs, fields, batch_size)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias


def _row_values(
    connection: Any, fields: list[models.Field[Any, Any]]
) -> Callable[[models.Model], list[Any]]:
    """A function giving the database values of one object, in the order of `fields`."""
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    converters: list[tuple[int, Callable[[Any], Any]]] = []  # (column index, converter)
    for index, field in enumerate(fields):
        target = getattr(field, "target_field", None)  # a foreign key: the type it points at
        if (target if target is not None else field).get_internal_type() not in _PLAIN:
            converters.append((index, _converter(field, connection)))
    getter = operator.attrgetter(*(f.attname for f in fields))  # one C call per object
    single = len(fields) == 1

    def values_of(obj: models.Model) -> list[Any]:
        for field in stamped:
            field.pre_save(obj, add=True)  # auto_now(_add): as a save would
        got = getter(obj)
        values = [got] if single else list(got)
        for index, convert in converters:
            if values[index] is not None:
                values[index] = convert(values[index])
        return values

    return values_of


def _insert_returning(
    cursor: Any,
    connection: Any,
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: list[models.Field[Any, Any]],
    batch_size: int,
) -> None:
    ops = connection.ops
    meta = model._meta
    assert meta.pk is not None
    values_of = _row_values(connection, fields)
    table = ops.quote_name(meta.db_table)
    columns = ", ".join(ops.quote_name(str(f.column)) for f in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = f" RETURNING {ops.quote_name(str(meta.pk.column))}"
    per_batch = max(1, min(batch_size, _MAX_PARAMS // max(1, len(fields))))
    for start in range(0, len(objs), per_batch):
        chunk = objs[start : start + per_batch]
        params: list[Any] = []
        for obj in chunk:
            params.extend(values_of(obj))
        sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(chunk))}"
        cursor.execute(sql + returning, params)
        ids = cursor.fetchall()
        if len(ids) != len(chunk):
            raise RuntimeError("the database returned fewer ids than rows inserted")
        for obj, (new_id,) in zip(chunk, ids, strict=True):
            obj.pk = new_id


def _copy_in(
    cursor: Any,
    connection: Any,
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: list[models.Field[Any, Any]],
) -> None:
    ops = connection.ops
    meta = model._meta
    assert meta.pk is not None
    pk_column = str(meta.pk.column)
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [meta.db_table, pk_column, len(objs)],
    )
    ids = [row[0] for row in cursor.fetchall()]
    values_of = _row_values(connection, fields)
    columns = ", ".join(ops.quote_name(c) for c in [pk_column, *(str(f.column) for f in fields)])
    raw = cursor.cursor  # the psycopg cursor under Django's wrapper
    sql = f"COPY {ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
    with connection.wrap_database_errors, raw.copy(sql) as copy:  # driver errors → Django's
        for obj, new_id in zip(objs, ids, strict=True):
            obj.pk = new_id
            copy.write_row([new_id, *values_of(obj)])


class Maker:
    """Builds unsaved model instances fast: positional arguments in field order.

    `Model(**kwargs)` resolves every keyword against every field; for a few hundred thousand
    rows that costs more than the INSERT. `Maker(Person)(code=…, …)` gives the same instance.
    """

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.slots: list[tuple[str, Any, bool]] = []  # attname, default, default is callable
        for field in model._meta.concrete_fields:
            if field.has_default() and callable(field.default):
                self.slots.append((field.attname, field.get_default, True))
            else:
                self.slots.append((field.attname, field.get_default(), False))
        self.known = {attname for attname, _d, _c in self.slots}

    def __call__(self, **values: Any) -> Any:
        unknown = values.keys() - self.known
        if unknown:
            raise TypeError(f"{self.model.__name__} has no field(s) {', '.join(sorted(unknown))}")
        args = [
            values[attname] if attname in values else (default() if call else default)
            for attname, default, call in self.slots
        ]
        return self.model(*args)


def _converter(field: models.Field[Any, Any], connection: Any) -> Callable[[Any], Any]:
    if field.get_internal_type() == "DateField":
        adapt: Callable[[Any], Any] = connection.ops.adapt_datefield_value
        return adapt

    def convert(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    return convert
