"""Sessions in the database (without REDIS_URL), read by one written-out statement.

Django's database SessionStore, less the ORM on the way in: every request that carries a
session cookie (every signed-in reader's, every like and follow) loads its session, and
building `Session.objects.get(session_key=…, expire_date__gt=now)` cost ten times the
query itself (a quarter of a millisecond). The statement here asks the same database the
ORM would (the router's choice) the same question, with the same parameters; whatever
writes sessions (save, delete, flush, clearsessions, allauth's usersessions ending one on
another device) is Django's own and unchanged, so a session ended anywhere ends here too.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self):
        data = self._session_data_from_db() if self.session_key else None
        if data is None:  # missing or expired: the key is dropped, as Django drops it
            self._session_key = None
            return {}
        return self.decode(data)

    def _session_data_from_db(self) -> str | None:
        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        ops = connection.ops
        statement = _STATEMENTS.get(connection.vendor)
        if statement is None:
            meta = model._meta
            # Names from the model, values as parameters: nothing a request sends is in the text.
            statement = _STATEMENTS[connection.vendor] = (
                f"SELECT {ops.quote_name(meta.get_field('session_data').column)} "  # noqa: S608
                f"FROM {ops.quote_name(meta.db_table)} "
                f"WHERE {ops.quote_name(meta.get_field('session_key').column)} = %s "
                f"AND {ops.quote_name(meta.get_field('expire_date').column)} > %s"
            )
        # The expiry is compared as the ORM's expire_date__gt compares it: the same
        # adaptation of the same aware "now" (a UTC text on SQLite, a timestamp elsewhere).
        now = ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(statement, [self.session_key, now])
            row = cursor.fetchone()
        return None if row is None else row[0]


_STATEMENTS: dict[str, str] = {}  # database vendor -> the SELECT above
