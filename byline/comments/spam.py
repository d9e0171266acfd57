"""Spam defence that needs no outside service.

A honeypot field that people never see, a signed timestamp that tells how fast the form
was filled, rate limits per IP address and per email kept in the shared cache (Redis
when configured, so every app server counts the same), and duplicate detection.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

from byline.security import windows

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


def looks_automated(honeypot: str, token: str, *, signed_in: bool = False) -> str | None:
    """Return why a submission looks like a bot's, or None when it looks human.

    A signed-in reader is never "too fast": one who wrote a reply, signed in to send it and
    came back to the page with it kept sends it at once, from a form drawn a moment ago.
    """
    if honeypot:
        return "honeypot field filled"
    elapsed = seconds_since(token)
    if elapsed is None:
        return "form token missing or forged"
    if not signed_in and elapsed < settings.BYLINE_COMMENT_MIN_SECONDS:
        return f"form sent {elapsed:.1f} s after it was shown"
    return None


def over_rate_limit(*identities: str) -> bool:
    """Count one comment for each identity (IP, email); return whether any is over
    settings.BYLINE_COMMENT_RATE, over any span of its window (security/windows.py)."""
    limit, window = settings.BYLINE_COMMENT_RATE
    names = [f"comment-rate:{identity.lower()}" for identity in filter(None, identities)]
    return windows.over_limit(names, limit, window)
