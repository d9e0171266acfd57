"""Forged requests: every state-changing address wants a CSRF token, and no redirect leaves.

Every route is taken from Django's URL resolver and sent a POST without a token. The one
exception is documented in byline/pagecache/csrf.py: a guest's comment is posted from a
cached page, which can hold no per-reader token, so that POST (and the comment form's
sign-in buttons) take a guest without one; a signed-in reader's never do.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from byline.platform.demo import DEMO_PASSWORD
from tests.factories import PostFactory

SAMPLE = {"int": "1", "slug": "demo", "str": "x", "path": "x/y", "yyyy": "2024", "nn": "01",
          "blog": "demo", "kind": "posts"}  # fmt: skip
PART = re.compile(r"<(?:(\w+):)?(\w+)>")
# Where anyone may POST without a token, each for a reason written beside its view.
EVERYONE_EXCEPTIONS = {
    # RFC 8058 one-click unsubscribe: the mail program POSTs with no cookie and no token;
    # the signed token in the address is the authority (subscriptions/views.py).
    "notifications/unsubscribe/<str:token>/": "one-click unsubscribe from a mail program",
    "notifications/email/stop/<str:token>/": "one-click stop of notification email",
    # allauth's Google One Tap login checks its own double-submit cookie (g_csrf_token).
    "accounts/google/login/token/": "Google One Tap, checked by allauth's g_csrf_token",
}
# Where a guest (only) may POST without a token: forms a cached page carries, which can
# hold no per-reader token (byline/pagecache/csrf.py). A signed-in reader's are checked.
GUEST_EXCEPTIONS = {
    "<blog:blog>/<yyyy:year>/<nn:month>/<nn:day>/<str:slug>/": "a guest's comment",
    "<blog:blog>/<yyyy:year>/<nn:month>/<nn:day>/<str:slug>/comment-page-<int:cpage>/":
        "a guest's comment, from a later page of comments",
    "<blog:blog>/<path:path>/": "a guest's comment on a page",
    "accounts/comment-sign-in/": "the comment form's sign-in buttons",
    "accounts/mastodon/": "the comment form's Mastodon sign-in",
    # A guest's Like or Follow changes nothing: it is sent to sign in first.
    "read/like/post/<int:pk>/": "a guest's Like, answered with the sign-in page",
    "read/like/comment/<int:pk>/": "a guest's Like, answered with the sign-in page",
    "read/follow/<slug:blog>/": "a guest's Follow, answered with the sign-in page",
}  # fmt: skip
EVIL = ["//evil.example", "https://evil.example", "/\\evil.example", "\\\\evil.example",
        "http:evil.example", "/%2F%2Fevil.example", " //evil.example", "https:/\\evil.example",
        "javascript:alert(1)"]  # fmt: skip


def routes(entries=None, prefix="") -> list[tuple[str, str]]:
    """Return (route, sample address) for every route of the site."""
    found = []
    for entry in entries if entries is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            found += routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if route.startswith("^") or "(?P" in route:  # regex routes (the admin's)
                continue
            address = "/" + PART.sub(lambda m: SAMPLE.get(m[1] or "str", "x"), route)
            found.append((route, address))
    return found


def forged(client, address) -> bool:
    """Return whether a token-less POST was refused by the CSRF check."""
    try:
        response = client.post(address, {"comment": "forged", "title": "forged"})
    except Exception:  # noqa: BLE001 - the view ran: the CSRF check let the POST through
        return False
    return response.status_code == 403 and b"CSRF" in response.content


def test_the_walk_sees_the_forms_that_matter():
    every = {route for route, _ in routes()}
    assert len(every) >= 100
    for needed in ("dashboard/<slug:blog>/settings/", "accounts/login/", "accounts/delete/",
                   "accounts/password/change/", "read/like/post/<int:pk>/",
                   "read/follow/<slug:blog>/", "dashboard/<slug:blog>/comments/bulk/"):  # fmt: skip
        assert needed in every, needed


def test_a_signed_in_reader_posts_nothing_anywhere_without_a_token(demo_blog, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    PostFactory(blog=demo_blog, slug="x")
    let_through = {route for route, address in routes() if not forged(client, address)}
    assert let_through == set(EVERYONE_EXCEPTIONS)


def test_a_guest_posts_without_a_token_only_where_the_page_cache_needs_it(demo_blog):
    client = Client(enforce_csrf_checks=True)
    let_through = {route for route, address in routes() if not forged(client, address)}
    assert let_through == set(GUEST_EXCEPTIONS) | set(EVERYONE_EXCEPTIONS)


def test_a_guests_tokenless_like_or_follow_changes_nothing(demo_blog):
    from byline.social.models import Follow, Like

    post = PostFactory(blog=demo_blog)
    client = Client(enforce_csrf_checks=True)
    for address in (f"/read/like/post/{post.pk}/", f"/read/follow/{demo_blog.slug}/"):
        response = client.post(address, {"action": "like"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Like.objects.count() == Follow.objects.count() == 0


def test_the_password_of_a_protected_post_still_wants_a_token(demo_blog):
    post = PostFactory(blog=demo_blog, password="open sesame")
    client = Client(enforce_csrf_checks=True)
    response = client.post(post.get_absolute_url(), {"post_password": "open sesame"})
    assert response.status_code == 403


def assert_stays(response, where: str) -> None:
    """The answer, if a redirect, leads to this site (as a browser reads the Location)."""
    location = response.get("Location", "").strip()
    # Browsers read a backslash as a slash and drop tabs and newlines in a URL.
    seen = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    parts = urlsplit(seen)
    assert not seen.startswith("//"), (where, location)
    assert parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver"), (
        where,
        location,
    )


@pytest.mark.parametrize("target", EVIL)
def test_no_next_parameter_leads_off_the_site(target, demo_blog, alice, charlie):
    post = PostFactory(blog=demo_blog)
    guest = Client()
    for address in ("/accounts/login/", "/accounts/signup/", "/accounts/comment-sign-in/",
                    "/accounts/mastodon/", f"/read/follow/{demo_blog.slug}/"):  # fmt: skip
        assert_stays(guest.get(address, {"next": target}), address)
    # Signing in with a password honours `next` only when it is this site's.
    signed = Client()
    response = signed.post(
        f"/accounts/login/?next={target}", {"login": "charlie", "password": DEMO_PASSWORD}
    )
    charlie.set_password(DEMO_PASSWORD)
    charlie.save()
    response = signed.post("/accounts/login/", {"login": "charlie", "password": DEMO_PASSWORD,
                                                 "next": target})  # fmt: skip
    assert response.status_code == 302
    assert_stays(response, "login")
    for address, data in ((f"/read/follow/{demo_blog.slug}/", {"next": target}),
                          (f"/read/like/post/{post.pk}/", {"action": "like", "next": target}),
                          ("/accounts/logout/", {"next": target})):  # fmt: skip
        assert_stays(signed.post(address, data), address)
    owner = Client()
    owner.force_login(alice)
    for address, data in (
        ("/dashboard/demo/posts/bulk/", {"action": "trash", "next": target}),
        ("/dashboard/demo/comments/bulk/", {"action": "approve", "next": target}),
        (f"/dashboard/demo/posts/{post.pk}/trash/", {"next": target}),
    ):
        assert_stays(owner.post(address, data), address)
