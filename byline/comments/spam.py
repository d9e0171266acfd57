"""Spam defence that needs no outside service.

A honeypot field that people never see, a signed timestamp that tells how fast the form
was filled, rate limits per IP address and per email kept in the shared cache (Redis
when configured, so every app server counts the same), and duplicate detection.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

_SALT = "byline.comments.form-started"


def form_token() -> str:
    """Return a signed token saying when the comment form was shown."""
    return signing.dumps(time.time(), salt=_SALT)


def seconds_since(token: str) -> float | None:
    """Return how long ago the form behind a token was shown, or None if it is forged."""
    try:
        started = float(signing.loads(token or "", salt=_SALT, max_age=7 * 24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started


def looks_automated(honeypot: str, token: str) -> str | None:
    """Return why a submission looks like a bot's, or None when it looks human."""
    if honeypot:
        return "honeypot field filled"
    elapsed = seconds_since(token)
    if elapsed is None:
        return "form token missing or forged"
    if elapsed < settings.BYLINE_COMMENT_MIN_SECONDS:
        return f"form sent {elapsed:.1f} s after it was shown"
    return None


def over_rate_limit(*identities: str) -> bool:
    """Count one comment for each identity (IP, email); return whether any is over the limit.

    The limit holds over any `window` seconds, not only within fixed windows that a flood
    could straddle (sending the limit at the end of one and again at the start of the
    next): the count of the window before weighs as much as it still overlaps the last
    `window` seconds. incr() is atomic in Redis and within one process for the local-memory
    cache; only the first comment of a window, whose incr() finds no key, starts it with
    add(). The windows before are read in one get_many(), and only when the current ones
    are not over already.
    """
    limit, window = settings.BYLINE_COMMENT_RATE
    slot, into = divmod(time.time(), window)
    slot = int(slot)
    names = [f"comment-rate:{identity.lower()}" for identity in filter(None, identities)]
    counts = {name: _count(f"{name}:{slot}", 2 * window + 1) for name in names}
    if any(count > limit for count in counts.values()):
        return True
    before = cache.get_many([f"{name}:{slot - 1}" for name in names])
    still = 1 - into / window  # the share of the window before that is still recent
    return any(
        count + before.get(f"{name}:{slot - 1}", 0) * still > limit
        for name, count in counts.items()
    )


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
