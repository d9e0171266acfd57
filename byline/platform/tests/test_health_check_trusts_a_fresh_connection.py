"""On PostgreSQL, a kept connection is checked (`SELECT 1`) before a request uses it, unless it
answered a request within the last half second (byline/platform/postgresql): a busy server
thread saves a round trip a request, and a database restarted while a connection sat idle
still costs a reconnect, not an error."""

from __future__ import annotations

import time

import pytest
from django.db import ProgrammingError, connection, connections

from byline.platform.postgresql.base import ALIVE_SECONDS


@pytest.fixture
def server_thread(db):
    """A connection of its own, as a server thread holds one, with its health checks counted."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's backend of Byline: the PostgreSQL pass runs this")
    kept = connections.create_connection("default")
    kept.checks = 0
    is_usable = kept.is_usable

    def counted():
        kept.checks += 1
        return is_usable()

    kept.is_usable = counted
    yield kept
    kept.close()


def a_request(kept, sql: str = "SELECT 2") -> int:
    """Serve one request on the connection as Django's handler does: its end is looked at as
    the request starts and finishes. Return the backend's process id."""
    kept.close_if_unusable_or_obsolete()  # request_started
    try:
        with kept.cursor() as cursor:
            cursor.execute(sql)
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]
    finally:
        kept.close_if_unusable_or_obsolete()  # request_finished


def test_requests_in_a_row_skip_the_check_and_an_idle_connection_gets_it(server_thread):
    first = a_request(server_thread)  # a new connection, healthy by birth
    assert a_request(server_thread) == a_request(server_thread) == first
    assert server_thread.checks == 0

    time.sleep(ALIVE_SECONDS + 0.1)
    assert a_request(server_thread) == first
    assert server_thread.checks == 1


def test_a_connection_that_died_while_idle_is_replaced_without_an_error(server_thread):
    first = a_request(server_thread)
    with connection.cursor() as cursor:  # as a restart or a failover would
        cursor.execute("SELECT pg_terminate_backend(%s)", [first])
    time.sleep(ALIVE_SECONDS + 0.1)

    again = a_request(server_thread)

    assert again != first  # a new connection, and the request had its answer
    assert server_thread.checks == 1


def test_a_request_that_failed_has_its_connection_checked_as_it_ends(server_thread):
    first = a_request(server_thread)
    with pytest.raises(ProgrammingError, match="no_such_table"):
        a_request(server_thread, "SELECT * FROM no_such_table")

    assert server_thread.checks == 1  # Django's own check, after an error, trusts nothing
    assert a_request(server_thread) == first  # it passed, and serves the next request
