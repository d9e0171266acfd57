"""With REDIS_URL, Django's cache (sessions, allauth's rate counts, Byline's keys) lives in
Redis through byline.platform.redis_cache: the same answers as Django's RedisCache, from
one redis-py client per process instead of one per call."""

from __future__ import annotations

import threading
import uuid

import pytest
import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from byline.platform.redis_cache import RedisCache
from tests.support import answers, need

REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture
def caches():
    need("Redis", answers("127.0.0.1", 6379), "the cache in Redis")
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    ours = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    djangos = DjangoRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    yield ours, djangos
    client = ours._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_what_one_writes_the_other_reads(caches):
    ours, djangos = caches
    ours.set("session", {"user": 7, "hash": "abc"}, 60)
    assert djangos.get("session") == {"user": 7, "hash": "abc"}
    djangos.set("history", [3.5, 2.5], 60)
    assert ours.get("history") == [3.5, 2.5]
    assert ours.get("missing", "default") == "default"


def test_add_incr_delete_and_many_keys_behave_as_djangos(caches):
    ours, djangos = caches
    assert ours.add("lock", True, 10) is True
    assert ours.add("lock", True, 10) is False  # allauth's rate-count lock: taken once
    assert djangos.add("lock", True, 10) is False
    assert ours.delete("lock") is True
    assert djangos.add("lock", True, 10) is True
    ours.set("count", 1, 60)
    assert ours.incr("count", 4) == 5
    assert djangos.get("count") == 5
    ours.set_many({"a": 1, "b": "two"}, 60)
    assert djangos.get_many(["a", "b", "c"]) == {"a": 1, "b": "two"}
    assert ours.touch("a", 30) is True
    assert ours.has_key("b") and not ours.has_key("c")
    ours.delete_many(["a", "b"])
    assert djangos.get_many(["a", "b"]) == {}


def test_one_client_serves_every_call_and_every_thread(caches):
    ours, _ = caches
    client = ours._cache.get_client(write=True)
    assert ours._cache.get_client() is client
    seen, errors = [], []

    def work(n):
        try:
            for i in range(50):
                ours.set(f"t{n}", i, 60)
                assert ours.get(f"t{n}") == i
            seen.append(ours._cache.get_client())
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(found is client for found in seen)


def test_incr_counts_an_existing_key_and_never_makes_one(caches):
    ours, djangos = caches
    with pytest.raises(ValueError):
        ours.incr("window")
    assert not djangos.has_key("window")  # a missing key stays missing, as in Django's
    ours.set("window", 1, 30)
    assert ours.incr("window") == 2
    assert ours.incr("window", 5) == 7
    assert ours.decr("window", 3) == 4
    assert djangos.get("window") == 4
    client = ours._cache.get_client()
    assert 25 <= client.ttl(ours.make_and_validate_key("window")) <= 30  # its expiry kept
    ours.set("text", "not a number", 30)
    with pytest.raises(redis.ResponseError):
        ours.incr("text")
    assert ours._cache._scripts_run  # the value's refusal, not the server's


def test_a_server_that_runs_no_scripts_gets_djangos_incr(caches, monkeypatch):
    ours, _ = caches
    ours.set("window", 1, 30)
    client = ours._cache._client_and_script(write=True)[0]

    def refused(**_):
        raise redis.ResponseError("NOPERM this user has no permissions to run 'evalsha'")

    monkeypatch.setitem(ours._cache._clients, 0, (client, refused, refused))
    assert ours.incr("window") == 2
    assert not ours._cache._scripts_run
    assert ours.incr("window") == 3
    with pytest.raises(ValueError):
        ours.incr("missing")
    assert ours.count_and_read(["window"], 30, []) is None  # so the rate limits ask incr()


def test_incr_outlives_a_server_that_forgot_its_scripts(caches):
    ours, _ = caches
    ours.set("window", 1, 30)
    assert ours.incr("window") == 2
    ours._cache.get_client().script_flush()  # as after a restart of Redis
    assert ours.incr("window") == 3
    assert ours._cache._scripts_run


def test_count_and_read_counts_as_incr_and_add_would_and_reads_what_is_there(caches):
    """The rate limits' one round trip (security/windows.py): count some keys, read others."""
    ours, djangos = caches
    djangos.set("window-before", 4, 60)
    assert ours.count_and_read(["window"], 30, ["window-before", "nothing"]) == (
        [1], {"window-before": 4})  # fmt: skip
    assert ours.count_and_read(["window", "other"], 30, []) == ([2, 1], {})
    assert djangos.get("window") == 2 and djangos.incr("window") == 3
    # A count started here lasts as long as add() would have kept it.
    assert 0 < ours._cache.get_client().ttl(ours.make_key("window")) <= 30
