"""Count the write transactions a request makes, on SQLite and PostgreSQL alike.

On SQLite each write transaction takes the database's one write lock, so a request that
writes in four transactions makes concurrent writers queue four times. A test runs inside
a transaction of its own (pytest-django), so what counts is the atomic block just inside
it: every write under the same such block is one transaction, and a write outside any
block is one transaction by itself (autocommit).
"""

from __future__ import annotations

import contextlib
import re

from django.db import connection

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# PostgreSQL's data-modifying WITH (a like and its notification in one statement).
WRITING_WITH = re.compile(r"^WITH\b.*\b(INSERT|UPDATE|DELETE)\b", re.DOTALL)


def is_write(sql: str) -> bool:
    sql = sql.lstrip().upper()
    return sql.startswith(WRITES) or WRITING_WITH.match(sql) is not None


class WriteTransactions:
    def __init__(self):
        self.base = len(connection.atomic_blocks)
        self.transactions: list[object] = []  # one entry per write: the transaction it was in
        self.writes: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if is_write(sql):
            blocks = connection.atomic_blocks
            inside = blocks[self.base] if len(blocks) > self.base else object()
            self.transactions.append(inside)
            self.writes.append(sql)
        return execute(sql, params, many, context)

    @property
    def count(self) -> int:
        return len({id(t) for t in self.transactions})


@contextlib.contextmanager
def write_transactions():
    """Yield a WriteTransactions that sees every statement run in the block."""
    watcher = WriteTransactions()
    with connection.execute_wrapper(watcher):
        yield watcher
