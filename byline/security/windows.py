"""Counting what happens in a sliding window, in Django's cache (Redis with REDIS_URL, so every
app server counts together): the guests' comments and subscriptions (comments/spam.py) and a
signed-in reader's Likes and Follows (security/ratelimits.py).

Each name keeps one count per fixed window of `window` seconds. The limit still holds over
any `window` seconds, not only within the fixed windows that a flood could straddle
(sending the limit at the end of one and again at the start of the next): the count of the
window before weighs as much as it still overlaps the last `window` seconds (the estimate
Cloudflare describes for its rate limits).

One round trip an event in Redis, a script that counts and reads every name's windows at
once. Another cache is asked incr() for each name (atomic within one process for the
local-memory cache; only the first event of a window, whose incr() finds no key, starts
it with add()), then get_many() for the windows before, only when the current ones are
not over already. allauth's own counting keeps a list of times under a lock, four round
trips: it still counts sign-ins and sign-ups, which are rare.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from django.core.cache import cache


def over_limit(names: Sequence[str], limit: int, window: int) -> bool:
    """Count one event under each name; return whether any name has now had more than
    `limit` events in the last `window` seconds. Refused events count too."""
    slot, into = divmod(time.time(), window)
    now = [f"{name}:{int(slot)}" for name in names]
    before = [f"{name}:{int(slot) - 1}" for name in names]
    timeout = 2 * window + 1
    # Redis (platform/redis_cache.py) counts and reads in one round trip.
    answer = getattr(cache, "count_and_read", _none)(now, timeout, before)
    if answer is None:
        counts = [_count(key, timeout) for key in now]
        if any(count > limit for count in counts):
            return True
        found = cache.get_many(before)
    else:
        counts, found = answer
    still = 1 - into / window  # the share of the window before that is still recent
    return any(count + found.get(key, 0) * still > limit for count, key in zip(counts, before))


def _none(*_args) -> None:
    return None


def _count(key: str, timeout: int) -> int:
    """Add one to the count under `key`, starting it (for `timeout` seconds) if need be."""
    try:
        return cache.incr(key)
    except ValueError:  # no window yet
        pass
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)  # another request started it in the meantime
    except ValueError:  # and it was evicted already
        cache.set(key, 1, timeout=timeout)
        return 1
