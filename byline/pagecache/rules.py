"""Which requests the page cache may answer, under which key, and what a stored answer says.

The one place these rules live: the middleware (inside Django, where pages are drawn and
stored) and the fast path in front of Django (fastpath.py, which answers hits before a
request object exists) both read the WSGI environ through these functions, so the two
can never disagree about who is an anonymous reader or which stored page is theirs.

A request may use the cache when it is a GET or HEAD without a query string, with no
Authorization header, from a reader with no session (signed-in readers, and guests midway
through a sign-in, have one) and no post password cookie. A guest's remembered name and
email (the comment form's cookies) do not stop it: the page is drawn without cookies and
the form fills itself in from /fragments/reader/.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed
from django.http.cookie import parse_cookie
from django.utils.http import parse_http_date_safe

from byline.platform.remembered import remembered

POSTPASS_COOKIE = "byline_postpass_"
HEADER = "X-Byline-Cache"
# Headers the cache sets itself on every answer, or that belong to one answer only and
# must never be replayed to another reader.
PER_ANSWER = frozenset({
    "set-cookie", "vary", "content-length", "date", "etag", "last-modified", "cache-control",
    "expires", "content-encoding", "x-byline-cache", "x-request-id", "server", "connection",
    "transfer-encoding",
})  # fmt: skip


def anonymous_read(meta) -> bool:
    """Return whether the cache may answer this request (see the module docstring)."""
    if meta.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if meta.get("QUERY_STRING") or "HTTP_AUTHORIZATION" in meta:
        return False
    raw = meta.get("HTTP_COOKIE")
    if not raw:
        return True
    cookies = parse_cookie(raw)
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    return not any(name.startswith(POSTPASS_COOKIE) for name in cookies)


def _proxy_settings() -> tuple:
    """(SECURE_PROXY_SSL_HEADER, USE_X_FORWARDED_HOST), read from Django's settings once:
    every hit's key needs both, and each read of the lazy settings cost a third of a µs.
    Read afresh when either changes (tests' override_settings send setting_changed)."""
    if not _proxy:
        _proxy[:] = [(settings.SECURE_PROXY_SSL_HEADER, settings.USE_X_FORWARDED_HOST)]
    return _proxy[0]


_proxy: list = []


def _forget_proxy_settings(*, setting, **kwargs) -> None:
    if setting in ("SECURE_PROXY_SSL_HEADER", "USE_X_FORWARDED_HOST"):
        _proxy.clear()


setting_changed.connect(_forget_proxy_settings)


def scheme(meta) -> str:
    """The request's scheme, as Django's HttpRequest.scheme reads it (proxy header included)."""
    proxy = _proxy_settings()[0]
    if proxy:
        header, secure = proxy
        value = meta.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure else "http"
    return meta.get("wsgi.url_scheme", "http")


def host(meta) -> str:
    """The Host the reader asked for, unvalidated: Django validates it before a page is stored,
    so an unknown host finds nothing."""
    if _proxy_settings()[1] and "HTTP_X_FORWARDED_HOST" in meta:
        return meta["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in meta:
        return meta["HTTP_HOST"]
    port = meta.get("SERVER_PORT", "")
    default = "443" if scheme(meta) == "https" else "80"
    return meta.get("SERVER_NAME", "") + ("" if port in ("", default) else f":{port}")


def page_key(meta) -> str:
    """The address a page is stored under: scheme, host and the path as the reader sent it
    (before a blog's subdomain is mapped to /<blog>/, so both layers compute it alike)."""
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "/")
    return f"{scheme(meta)}://{host(meta)}{path}"


# Asked on every hit, and browsers send few distinct headers (platform/remembered.py).
@remembered(kept=256, longest=256)
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


def not_modified(meta, record) -> bool:
    """Return whether the reader's copy is current (If-None-Match, else If-Modified-Since)."""
    if_none_match = meta.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        if if_none_match.strip() == "*":
            return True
        mine = _etag_base(record.etag)
        return any(_etag_base(tag) == mine for tag in if_none_match.split(","))
    if "HTTP_IF_MODIFIED_SINCE" not in meta:
        return False
    since = parse_http_date_safe(meta["HTTP_IF_MODIFIED_SINCE"])
    modified = parse_http_date_safe(record.modified)
    return since is not None and modified is not None and modified <= since


def answer(meta, record, state: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Return the status, headers and body that answer this request from a stored record."""
    if not_modified(meta, record):
        return 304, answer_headers(record, state, 304), b""
    body = b"" if meta.get("REQUEST_METHOD") == "HEAD" else record.body
    return 200, answer_headers(record, state, 200), body


def answer_headers(record, state: str, status: int) -> list[tuple[str, str]]:
    """The headers of an answer from a stored record: the same for every reader, so the
    fast path makes them once per record (status 200 or 304) rather than once per hit."""
    headers = [*record.headers, ("Content-Length", str(len(record.body)))] if status == 200 else []
    headers += [
        ("ETag", record.etag),
        ("Last-Modified", record.modified),
        # Every use is checked with the server (a 304 costs little), so no reader sees an
        # old page; the cached copy differs by encoding, and a signed-in reader's by cookie.
        ("Cache-Control", "no-cache"),
        ("Vary", "Accept-Encoding, Cookie"),
        (HEADER, state),
    ]
    return headers


def outer_headers(record_headers: list, final_headers: list) -> list[tuple[str, str]]:
    """Return the headers Django's outer middleware added to a drawn page (security headers,
    say), which the stored record must carry too: the fast path answers without them."""
    have = {name.lower() for name, _ in record_headers}
    return [(name, value) for name, value in final_headers
            if name.lower() not in have and name.lower() not in PER_ANSWER]  # fmt: skip
