"""Django's SQLite backend, with the writers of one process queued on a lock of their own.

SQLite lets one connection write at a time. A writer that finds the write lock taken sleeps
in SQLite's busy handler, 1, 2, 5, 10, 15, 20, 25 ms and on, trying again after each nap,
however soon the lock came free: under a burst of comments most of the writers' time went
to those naps while the CPU idled (bench/README.md). Here the threads of one server process
wait for each other on a lock that wakes the next at once, so at most one writer of each
process meets SQLite's lock, and SQLite's busy handler only arbitrates between processes.

A write takes the lock at BEGIN (every transaction here is BEGIN IMMEDIATE, see settings)
and gives it back at COMMIT or ROLLBACK; a single write outside a transaction takes it for
its one statement. A writer that waits longer than the database's busy timeout goes ahead
without it, to meet SQLite's own wait, and its error, as before.
"""

from __future__ import annotations

import threading

from django.db.backends.sqlite3 import base

# One lock per database file of this process, shared by its threads' connections.
_gates: dict[str, threading.Lock] = {}
_gates_lock = threading.Lock()
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
BUSY_SECONDS = 5.0  # as SQLite's own wait, PRAGMA busy_timeout=5000 (byline/settings.py)


def gate_of(name: str) -> threading.Lock:
    with _gates_lock:
        return _gates.setdefault(name, threading.Lock())


class DatabaseWrapper(base.DatabaseWrapper):
    gate: threading.Lock | None = None
    holds_gate = False

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        # An in-memory database (the tests') has one connection per process: nothing to queue.
        self.gate = None if self.is_in_memory_db() else gate_of(str(self.settings_dict["NAME"]))
        return connection

    def create_cursor(self, name=None):
        cursor = self.connection.cursor(factory=GatedCursorWrapper)
        cursor.database = self
        return cursor

    def enter_gate(self) -> None:
        if self.gate is not None and not self.holds_gate:
            self.holds_gate = self.gate.acquire(timeout=BUSY_SECONDS)

    def leave_gate(self) -> None:
        if self.holds_gate:
            self.holds_gate = False
            self.gate.release()

    def _start_transaction_under_autocommit(self):
        self.enter_gate()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self.leave_gate()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self.leave_gate()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self.leave_gate()

    def _close(self):
        try:
            return super()._close()
        finally:
            self.leave_gate()


class GatedCursorWrapper(base.SQLiteCursorWrapper):
    database: DatabaseWrapper

    def execute(self, query, params=None):
        database = self.database
        if database.holds_gate or database.gate is None or not _alone_write(database, query):
            return super().execute(query, params)
        database.enter_gate()
        try:
            return super().execute(query, params)
        finally:
            database.leave_gate()


def _alone_write(database: DatabaseWrapper, query: str) -> bool:
    """Whether this statement writes outside any transaction, and so takes SQLite's lock alone."""
    return (
        not database.in_atomic_block
        and database.get_autocommit()
        and query.lstrip()[:7].upper().startswith(WRITES)
    )
