"""Password-protected posts: the reader types the post's password once, as on WordPress.

A correct password sets a signed cookie holding a digest of the post and its password,
good for ten days (WordPress's wp-postpass cookie lasts as long). Changing the password
therefore locks every reader out again, and the cookie never holds the password itself.
"""

from __future__ import annotations

import hashlib

from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare

COOKIE = "byline_postpass_{pk}"
SALT = "byline.posts.protection"
MAX_AGE = 10 * 24 * 3600


def _digest(post) -> str:
    return hashlib.sha256(f"{post.pk}:{post.password}".encode()).hexdigest()[:32]


def unlocked(request, post) -> bool:
    """Return whether this reader may read the post: no password, or the right one typed."""
    if not post.password:
        return True
    given = request.get_signed_cookie(
        COOKIE.format(pk=post.pk), default=None, salt=SALT, max_age=MAX_AGE
    )
    return given is not None and constant_time_compare(given, _digest(post))


def ask_password(request, post, context: dict):
    """Render the post's page with the password form, or take a password POSTed to it."""
    error = ""
    if request.method == "POST" and "post_password" in request.POST:
        if constant_time_compare(request.POST["post_password"], post.password):
            response = redirect(request.path)
            response.status_code = 303
            response.set_signed_cookie(
                COOKIE.format(pk=post.pk), _digest(post), salt=SALT, max_age=MAX_AGE,
                httponly=True, samesite="Lax", secure=request.is_secure(),
            )  # fmt: skip
            return response
        error = "That is not the password of this post; try again."
    context.update(locked=True, password_error=error)
    return render(request, "posts/detail.html", context, status=403 if error else 200)
