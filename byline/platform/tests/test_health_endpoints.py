"""/healthz says the process lives without asking anyone; /readyz asks every backing service."""

from __future__ import annotations

import socket

import pytest

from tests.support import answers, need


def test_healthz_answers_without_the_database(guest):
    # No django_db mark: pytest-django makes any query here an error.
    response = guest.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_the_database(guest):
    response = guest.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_are_never_page_cached_nor_sessions(guest, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    for path in ("/healthz", "/readyz"):
        first, second = guest.get(path), guest.get(path)
        assert "X-Byline-Cache" not in first and "X-Byline-Cache" not in second
        assert not first.cookies


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens


@pytest.mark.django_db
def test_readyz_names_redis_when_it_does_not_answer(guest, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/5"
    response = guest.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["redis"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("failed: ConnectionError")


@pytest.mark.django_db
def test_readyz_says_ok_for_a_redis_that_answers(guest, settings):
    need("Redis", answers("127.0.0.1", 6379), "/readyz pings the Redis of REDIS_URL")
    settings.REDIS_URL = "redis://127.0.0.1:6379/5"
    response = guest.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}
