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

from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
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


def token_to_answer(request) -> str:
    """Return the CSRF token for the form in the answer to a POST: the token the POST carried
    when it passed the check, else a new one (get_token).

    A like's answer is its section again, whose form needs a token. get_token masks the
    secret anew each time (32 random characters; about a twentieth of a like's CPU) and has
    the cookie sent again. The token the request carried is as good: it passed the check
    against this reader's cookie a moment ago and is already theirs. Only a masked token
    is given back, never a bare secret, which a compressed answer must not carry (BREACH).
    """
    if request.method == "POST" and getattr(request, "csrf_processing_done", False):
        sent = request.POST.get("csrfmiddlewaretoken") or request.META.get("HTTP_X_CSRFTOKEN", "")
        if len(sent) == CSRF_TOKEN_LENGTH:
            return sent
    return get_token(request)
