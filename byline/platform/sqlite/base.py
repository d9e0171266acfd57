"""Django's SQLite backend, with its writers queued in turn rather than napping in SQLite.

SQLite lets one connection write at a time. A writer that finds the write lock taken sleeps
in SQLite's busy handler, 1, 2, 5, 10, 15, 20, 25 ms and on up to 100, trying again after each
nap, however soon the lock came free: under a burst of comments most of the writers' time
went to those naps while the CPU idled (bench/README.md). Here the threads of a server
process wait for each other on a lock that wakes the next at once, and the one waiting
writer of each process asks a lock file for the other processes' turn every 0.2 ms; SQLite's
own lock is then free by the time a writer reaches it.

A write takes its turn at BEGIN (every transaction here is BEGIN IMMEDIATE, see settings)
and gives it back at COMMIT or ROLLBACK; a single write outside a transaction takes it for
its one statement. A writer that waits longer than the database's busy timeout goes ahead
without its turn, to meet SQLite's own wait, and its error, as before.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time

from django.db.backends.sqlite3 import base

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
BUSY_SECONDS = 5.0  # as SQLite's own wait, PRAGMA busy_timeout=5000 (byline/settings.py)
# How often the one waiting writer of a process asks for the other processes' turn to end:
# SQLite's busy handler sleeps 1, 2, 5 ... 100 ms between asks.
POLL_SECONDS = 0.0002


class Gate:
    """The writers' queue of one database file: a lock for the threads of this process, then
    a lock file for the processes (their one writer each), checked every POLL_SECONDS.

    A lock file's lock (flock) belongs to the process that opened the file, and goes with it
    when the process ends, however it ends: a crashed writer never blocks the others.
    """

    def __init__(self, database_path: str):
        self.threads = threading.Lock()
        self.path = f"{database_path}-writers.lock"
        self.file: int | None = None
        self.opened_by: int | None = None
        self.holds_file = False

    def enter(self) -> bool:
        """Wait for this writer's turn, at most BUSY_SECONDS; return whether it came."""
        deadline = time.monotonic() + BUSY_SECONDS
        if not self.threads.acquire(timeout=BUSY_SECONDS):
            return False
        # Without the file's turn the writer still goes on: SQLite's own lock decides.
        self.holds_file = self._lock_file(deadline)
        return True

    def leave(self) -> None:
        if self.holds_file:
            self.holds_file = False
            fcntl.flock(self.file, fcntl.LOCK_UN)
        self.threads.release()

    def _lock_file(self, deadline: float) -> bool:
        if self.opened_by != os.getpid():  # a forked worker opens its own
            self.opened_by = os.getpid()
            try:
                self.file = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                self.file = None  # a read-only folder: SQLite alone decides
        if self.file is None:
            return False
        while True:
            try:
                fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(POLL_SECONDS)


# One gate per database file of this process, shared by its threads' connections.
_gates: dict[str, Gate] = {}
_gates_lock = threading.Lock()


def gate_of(name: str) -> Gate:
    with _gates_lock:
        if name not in _gates:
            _gates[name] = Gate(name)
        return _gates[name]


class DatabaseWrapper(base.DatabaseWrapper):
    gate: Gate | None = None
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
            self.holds_gate = self.gate.enter()

    def leave_gate(self) -> None:
        if self.holds_gate:
            self.holds_gate = False
            self.gate.leave()

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
