"""A server process's writers queue on their own lock before SQLite's (byline/platform/sqlite).

Each test opens its own SQLite file through Byline's backend, as a server thread does, and
writes to it from several threads at once.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading

import pytest
from django.db.utils import ConnectionHandler

WRITERS = 8
WRITES_EACH = 25


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """Connections to a fresh SQLite file, one per thread, with the settings a server uses."""
    from django.conf import settings

    handler = ConnectionHandler({"default": {**settings.SQLITE, "NAME": tmp_path / "q.sqlite3"}})
    with django_db_blocker.unblock():  # not the test database: a file of this test's own
        with handler["default"].cursor() as cursor:
            cursor.execute("CREATE TABLE visit (writer INTEGER, n INTEGER)")
        yield handler
        handler.close_all()


def in_threads(database, work) -> list[BaseException]:
    """Run work(connection, writer) in WRITERS threads at once; return what they raised."""
    errors, start = [], threading.Barrier(WRITERS)

    def run(writer: int) -> None:
        connection = database["default"]
        try:
            start.wait(10)
            work(connection, writer)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def begin(connection) -> None:
    """BEGIN IMMEDIATE, as transaction.atomic() starts its outermost block."""
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()


def stored(database) -> list[tuple[int, int]]:
    with database["default"].cursor() as cursor:
        cursor.execute("SELECT writer, n FROM visit ORDER BY writer, n")
        return cursor.fetchall()


def every_write() -> list[tuple[int, int]]:
    return [(w, n) for w in range(WRITERS) for n in range(WRITES_EACH)]


def test_a_burst_of_transactions_from_many_threads_stores_every_row_once(database):
    # What transaction.atomic() does with the outermost block, on this handler's connections
    # (atomic() itself would look the alias up in Django's own handler).
    def by_hand(connection, writer):
        for n in range(WRITES_EACH):
            begin(connection)
            assert connection.holds_gate
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM visit")  # a read, then a write
                cursor.execute("INSERT INTO visit VALUES (%s, %s)", [writer, n])
            connection.commit()
            assert not connection.holds_gate

    assert in_threads(database, by_hand) == []
    assert stored(database) == every_write()


def test_single_writes_outside_a_transaction_queue_too_and_lose_nothing(database):
    def work(connection, writer):
        for n in range(WRITES_EACH):
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO visit VALUES (%s, %s)", [writer, n])
            assert not connection.holds_gate  # given back after its one statement

    assert in_threads(database, work) == []
    assert stored(database) == every_write()


def test_the_lock_is_held_from_begin_to_commit_and_given_back_on_rollback_and_close(database):
    connection = database["default"]
    begin(connection)
    gate = connection.gate
    assert gate.threads.locked() and connection.holds_gate
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO visit VALUES (1, 1)")
    connection.commit()
    assert not gate.threads.locked()

    begin(connection)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO visit VALUES (2, 2)")
    connection.rollback()
    assert not gate.threads.locked()

    begin(connection)
    connection.close()  # a connection closed mid-transaction (its thread ended, an error)
    assert not gate.threads.locked()
    assert stored(database) == [(1, 1)]


def test_a_waiting_writer_goes_on_when_the_holder_gives_the_lock_back(database):
    holding, done = threading.Event(), threading.Event()

    def holder():
        connection = database["default"]
        begin(connection)
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO visit VALUES (0, 0)")
        holding.set()
        done.wait(10)
        connection.commit()
        connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert holding.wait(10)

    def single_write():
        with database["default"].cursor() as cursor:
            cursor.execute("INSERT INTO visit VALUES (1, 1)")
        database["default"].close()

    waiting = threading.Thread(target=single_write)
    waiting.start()
    waiting.join(0.3)
    assert waiting.is_alive()  # queued behind the open transaction
    done.set()
    waiting.join(10)
    thread.join(10)
    assert stored(database) == [(0, 0), (1, 1)]


def test_an_in_memory_database_has_no_queue(django_db_blocker):
    from byline.platform.sqlite.base import DatabaseWrapper

    handler = ConnectionHandler(
        {"default": {"ENGINE": "byline.platform.sqlite", "NAME": ":memory:"}}
    )
    connection = handler["default"]
    assert isinstance(connection, DatabaseWrapper)
    with django_db_blocker.unblock():
        connection.ensure_connection()
        assert connection.gate is None
        connection.close()


def lock_file_is_taken(database) -> bool:
    """Whether some writer holds the processes' turn (the lock file), asked from outside."""
    path = f"{database['default'].settings_dict['NAME']}-writers.lock"
    descriptor = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        return False
    finally:
        os.close(descriptor)


def test_a_transaction_holds_the_turn_of_every_process_until_it_ends(database):
    connection = database["default"]
    begin(connection)
    assert lock_file_is_taken(database)  # another process's writer would wait here
    connection.commit()
    assert not lock_file_is_taken(database)


WRITER_PROCESS = """
import sys
import django
from django.conf import settings
settings.configure(DATABASES={"default": {**SQLITE, "NAME": sys.argv[1]}})
django.setup()
from django.db import connection
for n in range(int(sys.argv[3])):
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO visit VALUES (%s, %s)", [int(sys.argv[2]), n])
    if sys.argv[4] == "die":
        import os
        os._exit(0)  # gone mid-transaction: the kernel takes its lock back
    connection.commit()
"""


def writer_process(database, writer: int, writes: int, end: str = "commit"):
    from django.conf import settings

    code = f"SQLITE = {settings.SQLITE!r}\n{WRITER_PROCESS}"
    name = str(database["default"].settings_dict["NAME"])
    return subprocess.Popen([sys.executable, "-c", code, name, str(writer), str(writes), end])  # noqa: S603


def test_writers_in_several_processes_take_turns_and_lose_nothing(database):
    processes = [writer_process(database, w, WRITES_EACH) for w in range(3)]
    assert [p.wait(60) for p in processes] == [0, 0, 0]
    assert stored(database) == [(w, n) for w in range(3) for n in range(WRITES_EACH)]


def test_a_process_that_dies_mid_transaction_leaves_no_one_waiting(database):
    assert writer_process(database, 9, 1, end="die").wait(60) == 0
    assert not lock_file_is_taken(database)
    connection = database["default"]
    begin(connection)
    assert connection.gate.holds_file  # its turn came, not the busy timeout's end
    connection.commit()
    assert stored(database) == []  # the dead process's write was never committed
