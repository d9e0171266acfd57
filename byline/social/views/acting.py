"""What every social button shares: a guest's click goes through sign-in and is done on return.

A guest's page may come from the page cache, so its buttons carry no CSRF token and a
guest's POST is taken without one (as byline/pagecache/csrf.py does for comments). It
changes nothing: it remembers, in the guest's session, the address it was sent to, and
sends them to sign in. Back from signing in, their browser asks for that address again
(GET); the view sees the same address remembered and does what was asked, once. A
signed-in reader's POST must carry its token, and a GET never does anything unasked.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url

PENDING = "byline.social.pending"


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def sign_in_first(request):
    """Remember what the guest asked for, and send them to sign in (then back here)."""
    request.session[PENDING] = request.path
    login = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.path})}"
    if is_htmx(request):
        # A signed-in page whose session ended meanwhile: move the whole page to sign in,
        # rather than let htmx put the sign-in page where the button was.
        return HttpResponse(status=204, headers={"HX-Redirect": login})
    return redirect(login)


def asked_before_signing_in(request) -> bool:
    """Return whether this GET comes back from a sign-in started by a click on this address."""
    if request.session.get(PENDING) != request.path:
        return False
    del request.session[PENDING]
    return True


def confirm(request, *, question: str, button: str, action: str, back: str, status: int = 200):
    """Render a page that asks for the click (a GET never acts on its own)."""
    context = {"question": question, "button": button, "action": action, "back": back}
    return render(request, "social/confirm.html", context, status=status)
