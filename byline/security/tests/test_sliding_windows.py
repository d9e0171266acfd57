"""A rate limit holds over any span of its window, in this process's memory and in Redis
alike (security/windows.py): a flood that straddles the edge of a minute is still a flood."""

from __future__ import annotations

import time
import uuid

import pytest
import redis
import time_machine
from django.core.cache import cache

from byline.security.windows import over_limit
from tests.support import answers, need

REDIS = "redis://127.0.0.1:6379/12"


@pytest.fixture(params=["local memory", "redis"])
def counting_cache(request, settings):
    if request.param == "local memory":
        cache.clear()
        yield
        cache.clear()
        return
    # byline.platform.redis_cache, as REDIS_URL makes it: one round trip an event. Keys of
    # their own, deleted by prefix (a clear() would empty the database other tests share).
    need("Redis", answers("127.0.0.1", 6379), "rate limits are counted in Redis")
    prefix = f"byline-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": {"BACKEND": "byline.platform.redis_cache.RedisCache",
                                   "LOCATION": REDIS, "KEY_PREFIX": prefix}}  # fmt: skip
    yield
    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_three_events_just_before_a_minute_turns_and_one_after_are_four(counting_cache):
    edge = (time.time() // 60 + 2) * 60
    with time_machine.travel(edge - 1, tick=False):
        assert [over_limit(["reader:7"], 3, 60) for _ in range(3)] == [False] * 3
    with time_machine.travel(edge + 1, tick=False):
        assert over_limit(["reader:7"], 3, 60)
        assert not over_limit(["reader:8"], 3, 60)  # each name counts apart


def test_a_name_over_its_limit_is_free_again_a_window_later(counting_cache):
    start = time.time()
    with time_machine.travel(start, tick=False):
        assert [over_limit(["a", "b"], 2, 60) for _ in range(3)] == [False, False, True]
    with time_machine.travel(start + 121, tick=False):
        assert not over_limit(["a", "b"], 2, 60)
