"""CSRF checks for forms that cached pages carry.

A cached page is the same for every anonymous reader, so it can hold no CSRF token, and
a guest must still be able to post a comment from it without JavaScript. So the comment
POST (and the sign-in icons of the comment form) take a guest's request without a token,
as WordPress's wp-comments-post.php does: a forged guest comment is no different from one
the forger sends himself, and the form token, honeypot, rate limits and moderation rules
judge both. A signed-in reader never gets a cached page (the session cookie bypasses the
cache), so their form carries a token and their POST is checked, as is a post password.
"""

from __future__ import annotations

from functools import wraps

from django.views.decorators.csrf import csrf_exempt, csrf_protect


def checked_for_signed_in_readers(view):
    """Check CSRF on POSTs from signed-in readers and post passwords; let guests through."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and (
            request.user.is_authenticated or "post_password" in request.POST
        ):
            return protected(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
