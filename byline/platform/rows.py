"""Model instances from written-out SELECTs, with each value converted as the ORM would.

On the hot paths of writes (a guest's comment POST, a like; issue #8) a fixed statement
costs a tenth of the CPU the ORM takes to build the same query. These helpers keep what
the ORM does with the answer: the backend's and the field's converters (SQLite's
datetimes, booleans), then from_db(); and statement() makes each such SELECT once per
database vendor.
"""

from __future__ import annotations

from collections.abc import Callable

_CONVERTERS: dict[tuple[str, tuple], list] = {}
_STATEMENTS: dict[tuple, tuple[str, list]] = {}


def converters(connection, fields: list, alias: str) -> list:
    """Return, for each field's column in a SELECT, the column and its converters."""
    key = (connection.vendor, alias, tuple(fields))
    if key not in _CONVERTERS:
        found = []
        for field in fields:
            col = field.get_col(alias)
            found.append(
                (col, connection.ops.get_db_converters(col) + col.get_db_converters(connection))
            )
        _CONVERTERS[key] = found
    return _CONVERTERS[key]


def selected(connection, parts: list[tuple[str, list]]) -> tuple[str, list]:
    """Return the SELECT list of the columns of each (alias, fields) in turn, and each
    column's converters: what a written-out statement reading joined rows starts with."""
    q = connection.ops.quote_name
    columns = ", ".join(f"{alias}.{q(f.column)}" for alias, fields in parts for f in fields)
    found = [each for alias, fields in parts for each in converters(connection, fields, alias)]
    return columns, found


def statement(connection, key: tuple, parts: list[tuple[str, list]],
              rest: Callable[[Callable[[str], str]], str]) -> tuple[str, list]:  # fmt: skip
    """Return "SELECT <the columns of parts> <rest>" and the columns' converters, made once
    per database vendor and key (the statement's own name and what changes its text).

    `rest(quote_name)` writes the FROM clause onwards from the models' tables and columns;
    nothing from a request goes into it, only into the parameters.
    """
    key = (connection.vendor, *key)
    found = _STATEMENTS.get(key)
    if found is None:
        columns, column_converters = selected(connection, parts)
        sql = f"SELECT {columns} {rest(connection.ops.quote_name)}"
        found = _STATEMENTS[key] = sql, column_converters
    return found


def convert(connection, values, column_converters: list) -> list:
    """Return the row's values as model fields hold them."""
    converted = []
    for value, (col, functions) in zip(values, column_converters, strict=True):
        for function in functions:
            value = function(value, col, connection)
        converted.append(value)
    return converted
