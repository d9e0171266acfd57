"""Django's PostgreSQL backend, whose health check trusts a connection that just answered.

With CONN_HEALTH_CHECKS (byline/settings.py), Django sends `SELECT 1` before the first query
of every request on a kept connection, so that a database restarted meanwhile costs a
reconnect, not an error. A busy server thread pays that round trip on every request although
its connection answered a few milliseconds ago: one of a like's eight round trips on
PostgreSQL + Redis. As HikariCP does (its aliveBypassWindowMs, 500 ms by default), the check
is skipped when the connection answered a request without error within ALIVE_SECONDS; a
connection idle for longer, the kind that a restart, a failover or an idle timeout leaves
dead, is still checked. What is risked: a request in the half second after a restart fails
as it would have without health checks, and its connection is replaced at once.
"""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

ALIVE_SECONDS = 0.5


class DatabaseWrapper(base.DatabaseWrapper):
    answered_at = float("-inf")  # when this connection last served a request without error

    def close_if_health_check_failed(self):
        if self.connection is not None and time.monotonic() - self.answered_at < ALIVE_SECONDS:
            self.health_check_done = True  # it answered a moment ago
            return
        super().close_if_health_check_failed()

    def close_if_unusable_or_obsolete(self):
        # Called as each request starts and ends. health_check_done, still set, says the
        # connection was checked or used in the request that ends; errors_occurred, that
        # something went wrong.
        if self.connection is not None and self.health_check_done and not self.errors_occurred:
            self.answered_at = time.monotonic()
        super().close_if_unusable_or_obsolete()

    def connect(self):
        super().connect()
        self.answered_at = float("-inf")
