"""Django's Redis cache (with REDIS_URL), each process keeping one redis-py client per
server, incr() in one round trip, and the rate limits' counting in one.

Django's RedisCacheClient makes a new `redis.Redis` for every cache call, and redis-py
fills a fresh table of some 170 reply parsers in each: a signed-in reader's like toggle
made six cache calls (its session, allauth's rate count under its lock), so a third of a
millisecond of its CPU went to building clients it threw away. A client holds no
connection of its own (it borrows one from the server's pool for each command and gives
it back), and redis-py's clients may be shared between threads, so one per pool does the
same work.

count_and_read() is Byline's own: the rate limits (security/windows.py) count every
comment's address and email, and every like's reader, in fixed windows and read the
windows before, one script for what took two or three round trips.

incr() is Django's EXISTS then INCRBY (a missing key is a ValueError, never created),
asked as one script, for what counts without count_and_read(). The script also closes
the gap between the two commands, in which a key that expired would come back without
its expiry. A server that runs no scripts (a ResponseError other than a wrong value)
gets Django's two commands, and count_and_read() answers None. Everything else (keys,
values, timeouts, pools, options) is Django's own.
"""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis

# EXISTS then INCRBY, as Django's incr() asks them; false (a nil reply) when the key is missing.
INCR_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""
# Add one to each of the first ARGV[2] keys, starting a missing one at 1 for ARGV[1] seconds
# (as add() would), then read the other keys: the counts, then the values read (nil if none).
COUNT_AND_READ = """
local out = {}
local counted = tonumber(ARGV[2])
for i = 1, #KEYS do
    if i <= counted then
        out[i] = redis.call('INCR', KEYS[i])
        if out[i] == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end
    else
        out[i] = redis.call('GET', KEYS[i])
    end
end
return out
"""


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # pool index -> (the redis.Redis using that pool, its two scripts)
        self._scripts_run = True  # until the server refuses one

    def get_client(self, key=None, *, write=False):
        return self._client_and_script(write)[0]

    def _client_and_script(self, write):
        index = self._get_connection_pool_index(write)
        found = self._clients.get(index)
        if found is None:
            # Two threads may both make one here; either serves, the last one is kept.
            pool = self._get_connection_pool_by_index(index)
            client = self._client(connection_pool=pool)
            found = self._clients[index] = (client, client.register_script(INCR_IF_EXISTS),
                                            client.register_script(COUNT_AND_READ))  # fmt: skip
        return found

    def _get_connection_pool_by_index(self, index):
        # Django's _get_connection_pool, for an index already chosen (it draws its own).
        if index not in self._pools:
            self._pools[index] = self._pool_class.from_url(
                self._servers[index], **self._pool_options
            )
        return self._pools[index]

    def incr(self, key, delta):
        if not self._scripts_run:
            return super().incr(key, delta)
        script = self._client_and_script(write=True)[1]
        try:
            value = script(keys=[key], args=[delta])
        except self._lib.ResponseError as e:
            if "not an integer" in str(e) or "overflow" in str(e):
                raise  # INCRBY's own refusal, as Django's incr() would raise it
            self._scripts_run = False  # scripting disabled or not allowed: Django's way
            return super().incr(key, delta)
        if value is None:
            raise ValueError("Key '%s' not found." % key)
        return value

    def count_and_read(self, counted, timeout, read):
        """Return the counts of `counted` after adding one to each, and the values of `read`
        that are there, in one round trip; None when the server runs no scripts."""
        if not self._scripts_run:
            return None
        script = self._client_and_script(write=True)[2]
        try:
            values = script(keys=[*counted, *read], args=[timeout, len(counted)])
        except self._lib.ResponseError as e:
            if "not an integer" in str(e) or "overflow" in str(e):
                raise  # INCR's own refusal, as incr() would raise it
            self._scripts_run = False
            return None
        counts, found = values[: len(counted)], values[len(counted) :]
        return counts, {k: self._serializer.loads(v) for k, v in zip(read, found) if v is not None}


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def count_and_read(self, counted: list[str], timeout: int, read: list[str]):
        """Add one to the count under each key of `counted` (a missing one starts at 1 and
        lasts `timeout` seconds); return the counts, and a dict of the keys of `read` that
        hold a value: one round trip, or None when the server runs no scripts (then ask
        incr(), add() and get_many() instead)."""
        made = {self.make_and_validate_key(k): k for k in [*counted, *read]}
        keys, split = list(made), len(counted)
        answer = self._cache.count_and_read(keys[:split], int(timeout), keys[split:])
        if answer is None:
            return None
        counts, found = answer
        return counts, {made[k]: v for k, v in found.items()}
