"""Call Byline's real WSGI application (the fast path in front of Django) in this process.

Django's test Client enters below the WSGI layer, so it never meets the fast path; these
tests send WSGI environs as granian does. Django closes a request's database connection
when it ends, which would end the test's transaction, so that is switched off around each
call, as the test Client does.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from wsgiref.util import setup_testing_defaults

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from byline.pagecache.fastpath import FastPath

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes
    django_ran: bool
    header_list: list = field(default_factory=list)

    @property
    def cache(self) -> str | None:
        return self.headers.get("x-byline-cache")


class Django:
    """Django's own WSGI handler, noting whether a request reached it."""

    def __init__(self):
        self.handler, self.calls = WSGIHandler(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


class WSGIClient:
    def __init__(self):
        self.django = Django()
        self.app = FastPath(self.django)

    def get(self, path: str, method: str = "GET", **headers: str) -> Answer:
        path, _, query = path.partition("?")
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
                   "HTTP_HOST": "testserver", "SERVER_NAME": "testserver",
                   "wsgi.input": io.BytesIO(b""), "HTTP_USER_AGENT": FIREFOX}  # fmt: skip
        environ.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
        setup_testing_defaults(environ)
        sent = {}

        def start_response(status, header_list, exc_info=None):
            # PEP 3333, as granian enforces it: a list of (str, str) tuples.
            assert type(header_list) is list, header_list
            assert all(type(h) is tuple and len(h) == 2 for h in header_list), header_list
            assert all(type(n) is str and type(v) is str for n, v in header_list), header_list
            sent["status"], sent["headers"] = int(status.split()[0]), header_list

        before = self.django.calls
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = self.app(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        headers = {k.lower(): v for k, v in sent["headers"]}
        return Answer(sent["status"], headers, body, self.django.calls > before, sent["headers"])
