"""Reads on the read replica (DATABASE_REPLICA_URL), when they can do without the latest write.

A replica lags behind the primary by a little, so a read goes to it only when nobody can
tell: inside a request that is a GET or HEAD, from a visitor who has sent no form for
BYLINE_REPLICA_PIN_SECONDS (the "primary" cookie set after any POST pins them to the
primary, so the comment they just sent is on the page they are sent back to), and outside
any transaction or write. Everything else reads the primary:

- requests that change something, and every read after a write in the same request;
- the pages the page cache is about to store: one stale copy there would be served to
  every reader until the blog's next change, while the primary costs one drawing per change;
- the workers and commands (no request at all), which act on what they read.

The cookie is a hint, not a secret: a visitor who forges it only reads the primary.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
COOKIE = "byline_primary"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Whether this request's reads may go to the replica; False outside requests. A context
# variable, so each of granian's threads has its own.
_may_use_replica: ContextVar[bool] = ContextVar("byline_may_use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    """Send reads to the replica when this request allows it, everything else to the primary."""

    def db_for_read(self, model, **hints):
        if _may_use_replica.get() and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        # From the first write on, this request reads what it wrote.
        _may_use_replica.set(False)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica gets its schema from the primary


class ReplicaMiddleware:
    """Decide for each request whether its reads may use the replica, and pin writers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        token = _may_use_replica.set(may_use_replica(request))
        try:
            response = self.get_response(request)
        finally:
            _may_use_replica.reset(token)
        if request.method in UNSAFE_METHODS:
            seconds = settings.BYLINE_REPLICA_PIN_SECONDS
            until = int(time.time()) + seconds
            response.set_cookie(COOKIE, str(until), max_age=seconds, httponly=True,
                                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)  # fmt: skip
        return response


def may_use_replica(request) -> bool:
    if request.method not in ("GET", "HEAD") or pinned(request):
        return False
    from byline.pagecache.middleware import cacheable_blog

    return cacheable_blog(request) is None  # a page the cache would store is drawn fresh


def pinned(request) -> bool:
    """Whether this visitor sent a form recently enough that the replica may not have it yet."""
    try:
        return int(request.COOKIES.get(COOKIE, "0")) > time.time()
    except ValueError:
        return False
