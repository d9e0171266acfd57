"""Answer anonymous readers from the page cache, and fill it with what they are served.

A request may use the cache when it is a GET or HEAD without a query string from a
reader with no session (signed-in readers, and guests midway through a sign-in, have one)
and no post password cookie. Its page is then drawn as a stranger sees it: the request's
cookies are dropped before the view runs, so a guest's remembered name and email cannot
enter the stored page. What is stored is what every anonymous reader may see, and only
that: 200 answers of a blog's pages that set no cookie and used no CSRF token.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import http_date, parse_http_date_safe

from byline.pagecache import enabled, lifetimes
from byline.pagecache.store import ERRORS, Record, get_store

HEADER = "X-Byline-Cache"
# Platform paths are never a blog's pages (blogs/middleware.py passes the same ones through).
PLATFORM_PREFIXES = (
    "/static/", "/media/", "/admin/", "/accounts/", "/dashboard/", "/avatar/", "/people/",
    "/fragments/",
)  # fmt: skip
POSTPASS_COOKIE = "byline_postpass_"
STORED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml",
                "text/xml", "text/plain")  # fmt: skip
# Headers the cache sets itself, or that must never be replayed to another reader.
NOT_STORED = {"set-cookie", "vary", "content-length", "date", "etag", "last-modified",
              "cache-control", "expires", "content-encoding", "x-byline-cache"}  # fmt: skip
_SLUG = re.compile(r"^/([a-z0-9]+(?:-[a-z0-9]+)*)/")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        slug = cacheable_blog(request)
        if slug is None:
            return self.get_response(request)
        try:
            return self._cached(request, slug)
        except ERRORS:
            # The store is down or full: serve readers without it rather than fail them.
            return self.get_response(request)

    def _cached(self, request, slug: str):
        store = get_store()
        key = f"{request.scheme}://{request.get_host()}{request.path_info}"
        encoding = choose_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        record = store.get(key, encoding)
        if record is not None and record.expires > time.time():
            if record.gen == store.generation(record.blog):
                return answer(request, record, "hit")
        # Read before the view reads anything, so a write that lands while the page is
        # drawn leaves it under a generation that is already stale (see blog_changed).
        generation = store.generation(slug)
        request.COOKIES = {}  # drawn as a stranger sees it
        response = self.get_response(request)
        if not storable(request, response, slug):
            return response
        records = make_records(response, slug, generation, lifetimes.expires_at(request.blog))
        store.set(key, records)
        return answer(request, records[encoding], "miss")


def cacheable_blog(request) -> str | None:
    """Return the blog slug of a request the cache may answer, or None."""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return None
    if request.META.get("QUERY_STRING") or "HTTP_AUTHORIZATION" in request.META:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return None
    if cookies and any(name.startswith(POSTPASS_COOKIE) for name in cookies):
        return None
    path = request.path_info  # already /<blog>/… on a blog's subdomain
    if path.startswith(PLATFORM_PREFIXES):
        return None
    match = _SLUG.match(path)
    return match.group(1) if match else None


def storable(request, response, slug: str) -> bool:
    blog = getattr(request, "blog", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and blog is not None
        and blog.slug == slug
        and response.get("Content-Type", "").startswith(STORED_TYPES)
        and not response.has_header("Content-Encoding")
        and not {"private", "no-store"}
        & set(re.split(r"[\s,]+", response.get("Cache-Control", "")))
    )


def make_records(response, slug: str, generation: str, expires: float) -> dict[str, Record]:
    body = response.content
    etag = hashlib.blake2b(body, digest_size=12).hexdigest()
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
    modified = http_date()

    def record(suffix: str, data: bytes, extra: list) -> Record:
        return Record(slug, generation, expires, f'"{etag}{suffix}"', modified,
                      headers + extra, data)  # fmt: skip

    import brotli

    return {
        "identity": record("", body, []),
        "gzip": record("-gzip", gzip.compress(body, 6, mtime=0), [("Content-Encoding", "gzip")]),
        "br": record("-br", brotli.compress(body, quality=5), [("Content-Encoding", "br")]),
    }


def choose_encoding(accept: str) -> str:
    """Return the best encoding a reader accepts: br, then gzip, else identity.

    >>> choose_encoding("gzip, deflate, br;q=0")
    'gzip'
    """
    if not accept:
        return "identity"
    weights = {}
    for part in accept.lower().split(","):
        name, _, params = part.partition(";")
        weight = 1.0
        if "q=" in params:
            try:
                weight = float(params.split("q=", 1)[1].strip())
            except ValueError:
                weight = 0.0
        weights[name.strip()] = weight
    for encoding in ("br", "gzip"):
        if weights.get(encoding, weights.get("*", 0.0)) > 0:
            return encoding
    return "identity"


def _etag_base(tag: str) -> str:
    tag = tag.strip().removeprefix("W/").strip('"')
    return tag.removesuffix("-gzip").removesuffix("-br")


def not_modified(request, record: Record) -> bool:
    """Return whether the reader's copy is current (If-None-Match, else If-Modified-Since)."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        if if_none_match.strip() == "*":
            return True
        mine = _etag_base(record.etag)
        return any(_etag_base(tag) == mine for tag in if_none_match.split(","))
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    modified = parse_http_date_safe(record.modified)
    return since is not None and modified is not None and modified <= since


def answer(request, record: Record, state: str) -> HttpResponse:
    if not_modified(request, record):
        response = HttpResponse(status=304)
    else:
        body = b"" if request.method == "HEAD" else record.body
        response = HttpResponse(body, headers=record.headers)
        response["Content-Length"] = str(len(record.body))
    response["ETag"] = record.etag
    response["Last-Modified"] = record.modified
    # Every use is checked with the server (a 304 costs little), so no reader sees an
    # old page; the cached copy differs by encoding, and a signed-in reader's by cookie.
    response["Cache-Control"] = "no-cache"
    response["Vary"] = "Accept-Encoding, Cookie"
    response[HEADER] = state
    return response
