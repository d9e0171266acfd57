"""Django's Redis cache (with REDIS_URL), each process keeping one redis-py client per
server, and incr() in one round trip.

Django's RedisCacheClient makes a new `redis.Redis` for every cache call, and redis-py
fills a fresh table of some 170 reply parsers in each: a signed-in reader's like toggle
makes six cache calls (its session, allauth's rate count under its lock), so a third of a
millisecond of its CPU went to building clients it threw away. A client holds no
connection of its own (it borrows one from the server's pool for each command and gives
it back), and redis-py's clients may be shared between threads, so one per pool does the
same work.

incr() is Django's EXISTS then INCRBY (a missing key is a ValueError, never created),
asked as one script: every comment counts its guest's address and email that way
(comments/spam.py), two round trips each. The script also closes the gap between the two
commands, in which a key that expired would come back without its expiry. A server that
runs no scripts (a ResponseError other than a wrong value) gets Django's two commands.
Everything else (keys, values, timeouts, pools, options) is Django's own.
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


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # pool index -> (the redis.Redis using that pool, its incr script)
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
            found = self._clients[index] = (client, client.register_script(INCR_IF_EXISTS))
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


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
