"""The personal bits of a cached page, fetched by the page itself (htmx) when they are needed."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from byline.comments.views import REMEMBER_COOKIES, comment_form


@require_GET
@never_cache
def reader(request):
    """Return the comment form's identity fields filled from the remember-me cookies, and a
    fresh form token (the cached page's token says when the page was drawn, not shown)."""
    if request.user.is_authenticated:
        return HttpResponse(status=204)  # their pages are never cached: nothing to fill in
    form = comment_form(request, post=None)
    for name in ("email", "author", "url", "remember", "started"):
        form.fields[name].widget.attrs["data-hx-swap-oob"] = "true"
    # Only a returning guest's fields are replaced: swapping in empty ones could wipe what
    # a quick reader (or the browser's autofill) has typed since the page came.
    remembered = any(request.COOKIES.get(cookie) for cookie in REMEMBER_COOKIES.values())
    # Likes (issue 5): the viewer's own like and the notification bell belong here too.
    context = {"comment_form": form, "remembered": remembered}
    response = render(request, "pagecache/reader.html", context)
    response["Vary"] = "Cookie"
    return response
