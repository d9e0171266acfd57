"""Write many rows at once, without building a model instance per row.

bulk_create prepares every value of every row through the ORM's compiler; for the
100,000 comments and as many origins of a big import, that costs more than the
database's own work. These functions take values that are already what the database
stores (ints, strings, None, and datetimes prepared by datetime_preparer) and hand them
to the driver in few statements: on PostgreSQL, COPY, with ids taken from the table's
sequence beforehand; on SQLite, executemany and multi-row INSERT … RETURNING.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import connection

ORIGIN_COLUMNS = ["blog", "source", "kind", "key", "object_id", "guid", "old_path", "state"]


def _statement(model, columns: list[str]) -> tuple[str, str]:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # Only names from the models' own metadata go into the statement; values are parameters.
    return f"INSERT INTO {table} ({names}) VALUES ", marks  # noqa: S608


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert rows nobody reads back (origins, post-term links): COPY, or one executemany."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(model, columns, rows)
        return
    head, marks = _statement(model, columns)
    statement = head + marks
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(statement, rows[start : start + 5000])


def insert_returning_ids(model, columns: list[str], rows: list[tuple]) -> list[int]:
    """Insert rows and return their new ids, in the rows' order.

    On PostgreSQL the ids come from the table's sequence first, then COPY writes the rows.
    On SQLite, multi-row INSERT … RETURNING: SQLite (3.35 and later) returns the rows of
    one such statement in the order of its VALUES, which Django's bulk_create relies on too.
    """
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _copy_with_ids(model, columns, rows)
    head, marks = _statement(model, columns)
    pk = connection.ops.quote_name(model._meta.pk.column)
    per_statement = max(1, min(256, max_params() // len(columns)))
    ids: list[int] = []
    with connection.cursor() as cursor:
        start = 0
        for size in _chunk_sizes(len(rows), per_statement):
            chunk = rows[start : start + size]
            start += size
            statement = f"{head}{', '.join([marks] * size)} RETURNING {pk}"
            cursor.execute(statement, [value for row in chunk for value in row])
            ids += [row[0] for row in cursor.fetchall()]
    return ids


def _chunk_sizes(total: int, largest: int) -> list[int]:
    """Return statement sizes for total rows: full ones, then the rest in powers of two.

    SQLite keeps each distinct statement it ran compiled in a cache; with the rest in
    powers of two, a whole import runs a dozen shapes of statement, not one per batch.
    """
    sizes = [largest] * (total // largest)
    rest, power = total % largest, 1 << max(largest.bit_length() - 1, 0)
    while rest:
        if power <= rest:
            sizes.append(power)
            rest -= power
        power >>= 1
    return sizes


def _copy(model, columns: list[str], rows: list[tuple]) -> None:
    """Write rows with PostgreSQL's COPY: no SQL to build, every value sent as it is."""
    quote = connection.ops.quote_name
    names = ", ".join(
        quote(model._meta.pk.column if c == "id" else model._meta.get_field(c).column)
        for c in columns
    )
    # Django's wrapper has no copy(); the driver's own cursor does, in the same transaction.
    # Its errors become Django's (DatabaseError …), as any query's do.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _copy_with_ids(model, columns: list[str], rows: list[tuple]) -> list[int]:
    """Take ids for the rows from the table's sequence, then COPY the rows with them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    _copy(model, ["id", *columns], [(pk, *row) for pk, row in zip(ids, rows, strict=True)])
    return ids


def datetime_preparer() -> Callable[[datetime.datetime | None], object]:
    """Return a function that turns an aware datetime into what this database's driver takes.

    It does what connection.ops.adapt_datetimefield_value does, without looking up the
    connection for every value: SQLite stores the UTC time as text, PostgreSQL takes
    the aware datetime.
    """
    if connection.vendor != "sqlite":
        return lambda value: value
    zone = connection.timezone
    return lambda value: None if value is None else str(value.astimezone(zone).replace(tzinfo=None))


def max_params() -> int:
    """Return how many parameters one statement may carry on this database."""
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        # Django assumes 999, the limit of old SQLite builds; ask this one.
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 30000
