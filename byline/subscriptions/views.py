"""The pages behind the links in Byline's emails: confirm a subscription, unsubscribe."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from byline.subscriptions import tokens
from byline.subscriptions.models import Subscription, Unsubscribe


def _refused(request, problem: tokens.BadLink):
    context = {"message": str(problem)}
    return render(request, "subscriptions/bad_link.html", context, status=problem.status)


# Both pages speak to one reader about their own address: no cache may keep them.
@never_cache
@require_http_methods(["GET", "HEAD"])
def confirm(request, token: str):
    """Confirm the subscriptions a guest asked for, from the link in the confirmation email."""
    try:
        ids = tokens.read_confirmation(token)
    except tokens.BadLink as problem:
        return _refused(request, problem)
    subscriptions = list(
        Subscription.objects.filter(pk__in=ids).select_related("blog", "post").order_by("kind")
    )
    if not subscriptions:
        return _refused(request, tokens.BadLink(
            "There is nothing left to confirm: the request was withdrawn or has expired. "
            "Tick the box again the next time you comment to get a new link.",
            status=410,
        ))  # fmt: skip
    for subscription in subscriptions:
        subscription.confirm()
    return render(request, "subscriptions/confirmed.html", {"subscriptions": subscriptions})


# RFC 8058: mail programs POST here with no cookie and no CSRF token when a reader presses
# their own "Unsubscribe" button, so the signed token alone must be enough. A GET (a
# person following the link) only shows a button: link checkers and previews follow
# links too, and must not unsubscribe anyone.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """Show the button that ends one subscription (GET), or end it (POST); no sign-in needed."""
    try:
        target = Unsubscribe.named_by(tokens.read_unsubscribe(token))
    except tokens.BadLink as problem:
        return _refused(request, problem)
    done = request.method == "POST" and target.active
    if done:
        target.stop()
    return render(request, "subscriptions/unsubscribe.html", {"target": target, "done": done})
