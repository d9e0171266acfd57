"""Commenters' pictures: a pattern drawn here from a keyed hash of the email, by default.

The key is HMAC(secret key, email), so the picture's address says nothing about the
email to anyone without the server's secret. Gravatar is used only when a blog turns it
on, because it sends a hash of the email to a third party.
"""

from __future__ import annotations

import functools
import hashlib
import hmac

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape


def avatar_key(email: str) -> str:
    return _keyed(settings.SECRET_KEY, (email or "").strip().lower())


@functools.lru_cache(maxsize=4096)
def _keyed(secret: str, normalized: str) -> str:
    # One HMAC per commenter rather than one per comment (a page repeats its regulars);
    # hmac.digest is the one-shot C path, the same bytes as hmac.new(...).digest().
    return hmac.digest(secret.encode(), normalized.encode(), "sha256").hex()[:32]


def avatar_url(
    email: str, *, gravatar: bool = False, size: int = 48, address: tuple[str, str] | None = None
) -> str:
    """Return the address of a commenter's picture.

    `address`: identicon_address(), when the caller draws many pictures for one request."""
    if gravatar and email:
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        return f"https://www.gravatar.com/avatar/{digest}?s={size}&d=identicon"
    head, tail = address or identicon_address()
    return f"{head}{avatar_key(email)}{tail}"


def identicon_address() -> tuple[str, str]:
    """Return the address of a drawn picture, in two halves around its key, for this request."""
    return _identicon_address(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=16)
def _identicon_address(script_prefix: str, urlconf: str) -> tuple[str, str]:
    # reverse() once per prefix and URLconf, not once per comment: a page of 100 comments
    # called it 100 times (about 5 ms).
    head, _, tail = reverse("comments:avatar", kwargs={"key": "KEY"}).rpartition("KEY")
    return head, tail


def identicon_svg(key: str) -> str:
    """Return a 5x5 mirrored identicon for a hex key, as SVG."""
    digest = hashlib.sha256(key.encode()).digest()
    hue = digest[0] * 360 // 256
    colour = f"hsl({hue}, 55%, 45%)"
    cells = []
    for row in range(5):
        for col in range(3):
            if digest[1 + row * 3 + col] % 2:
                for x in {col, 4 - col}:
                    cells.append(f'<rect x="{x + 1}" y="{row + 1}" width="1" height="1"/>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 7 7" shape-rendering="crispEdges">'
        f'<rect width="7" height="7" fill="#f0eee8"/><g fill="{escape(colour)}">'
        + "".join(cells)
        + "</g></svg>"
    )
