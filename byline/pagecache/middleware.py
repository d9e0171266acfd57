"""Answer anonymous readers from the page cache, and fill it with what they are served.

Which requests may use the cache is decided in rules.py (shared with the fast path in
front of Django, fastpath.py). Such a page is drawn as a stranger sees it: the request's
cookies are dropped before the view runs, so a guest's remembered name and email cannot
enter the stored page. What is stored is what every anonymous reader may see, and only
that: 200 answers of a blog's pages that set no cookie and used no CSRF token.

Under the fast path, the records are handed to it (in the environ) instead of stored
here: it stores them once Django's outer middleware has added its headers, so a page it
answers alone carries them too.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time

from django.http import HttpResponse
from django.utils.http import http_date

from byline.pagecache import enabled, lifetimes, rules
from byline.pagecache.rules import HEADER, choose_encoding, not_modified  # noqa: F401 - re-exported
from byline.pagecache.store import ERRORS, Record, get_store

# Platform paths are never a blog's pages (blogs/middleware.py passes the same ones through).
PLATFORM_PREFIXES = (
    "/static/", "/media/", "/admin/", "/accounts/", "/dashboard/", "/avatar/", "/people/",
    "/fragments/", "/read/", "/notifications/", "/metrics",
)  # fmt: skip
STORED_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml",
                "text/xml", "text/plain")  # fmt: skip
NOT_STORED = rules.PER_ANSWER
# Set in the environ by the fast path: it stores what the middleware leaves there.
FAST_PATH = "byline.pagecache.fast_path"
TO_STORE = "byline.pagecache.to_store"
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
        request.get_host()  # refuses a host outside ALLOWED_HOSTS before anything is stored
        key = rules.page_key(request.META)
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
        if request.META.get(FAST_PATH):
            request.META[TO_STORE] = (key, records)
        else:
            store.set(key, records)
        return answer(request, records[encoding], "miss")


def cacheable_blog(request) -> str | None:
    """Return the blog slug of a request the cache may answer, or None."""
    if not enabled() or not rules.anonymous_read(request.META):
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


def answer(request, record: Record, state: str) -> HttpResponse:
    status, headers, body = rules.answer(request.META, record, state)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response
