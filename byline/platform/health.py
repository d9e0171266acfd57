"""Health endpoints for the load balancer and the orchestrator.

/healthz answers "the process is alive" without touching anything outside it, so a
database outage never makes every app server look dead and get restarted at once.
/readyz answers "this server can serve now": every configured database (the primary, and
the replica when DATABASE_REPLICA_URL is set) and Redis (when REDIS_URL is set) answer a
query; otherwise 503 names the ones that failed, so nginx or the orchestrator takes the
server out of rotation until they are back.

Neither answer is ever cached by anyone, and neither is a page: no session, no blog, no view.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

TIMEOUT_SECONDS = 2  # a check slower than this counts as failed: the balancer is waiting


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = {**check_databases(), **check_redis()}
    failed = sorted(name for name, outcome in checks.items() if outcome != "ok")
    body = {"status": "unavailable" if failed else "ok", "checks": checks}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)


def check_databases() -> dict[str, str]:
    """Run SELECT 1 on every configured database: "ok", or what went wrong."""
    outcomes = {}
    for alias in settings.DATABASES:
        name = "database" if alias == "default" else f"database:{alias}"
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            outcomes[name] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure means "not ready", named
            outcomes[name] = _describe(error)
            connections[alias].close()  # a broken connection must not serve the next request
    return outcomes


def check_redis() -> dict[str, str]:
    """PING the Redis server the cache, sessions and page cache use, when there is one."""
    if not settings.REDIS_URL:
        return {}
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL,
            socket_timeout=TIMEOUT_SECONDS,
            socket_connect_timeout=TIMEOUT_SECONDS,
        )
        with client:
            client.ping()
        return {"redis": "ok"}
    except Exception as error:  # noqa: BLE001 - as above
        return {"redis": _describe(error)}


def _describe(error: Exception) -> str:
    # The error's kind and first line: enough to act on, and never a password (psycopg and
    # redis-py leave them out of their messages).
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"failed: {type(error).__name__}: {first_line}"[:300]
