"""One log line per request, with a request id that follows it through nginx and back.

Behind a load balancer, a reader's complaint ("the page failed at 10:02") is found by its
request id: nginx passes its own `$request_id` in X-Request-ID, Byline logs it and returns
it in the answer; without one, Byline makes one. Each line is a JSON object under
`byline serve` (what log collectors parse) and a short plain line in development;
BYLINE_REQUEST_LOG chooses otherwise ("json", "plain" or "off").

The middleware here comes first in MIDDLEWARE, so its duration covers everything Byline
does, the page cache included; it also counts each answer in byline/platform/metrics.py.
A path that answers without Django's middleware (a fast path in front of it) calls
`log_request` and `metrics.observe_request` itself.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import threading
import time
import uuid

from django.conf import settings

from byline.platform import metrics

log = logging.getLogger("byline.requests")
HEADER = "X-Request-ID"
FORMATS = ("json", "plain", "off")
# An id from outside is kept when it looks like one (nginx's $request_id is 32 hex digits);
# anything else could smuggle quotes or line breaks into the logs, so it is replaced.
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def request_id(incoming: str | None) -> str:
    """Return the id a request carries in X-Request-ID when it is sound, or a new one."""
    if incoming and _ACCEPTED_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def log_format() -> str:
    """The format lines are written in: the setting's, or plain when it is left empty."""
    return getattr(settings, "BYLINE_REQUEST_LOG", "") or "plain"


def log_request(request_id, method, path, status, seconds, *, hot=False, **extra) -> None:
    """Write one request's line: what was asked, what was answered, and how long it took.

    `extra` adds fields such as route="posts:detail" or blog="alice"; None values are left out.
    `hot` marks a line from the page cache's fast path: BufferedLines may hold it back for
    a few milliseconds rather than flush it at once, as it does every other line.
    """
    style = log_format()
    if style == "off" or not log.isEnabledFor(logging.INFO):
        return
    fields = {
        "request_id": request_id,
        "method": method,
        "path": path,
        "status": status,
        "duration_ms": round(seconds * 1000, 2),
        **{key: value for key, value in extra.items() if value is not None},
    }
    if style == "json":
        message = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    else:
        details = " ".join(f"{key}={value}" for key, value in extra.items() if value is not None)
        message = f"{method} {path} {status} {fields['duration_ms']:.1f}ms {request_id} {details}"
    # What log.info() does, less finding the caller's file and line in the stack: no
    # format here shows them, and on a page-cache hit it cost as much as writing the line.
    log.handle(log.makeRecord(log.name, logging.INFO, __file__, 0, message, None, None,
                              extra=_HOT if hot else None))  # fmt: skip


_HOT = {"hot": True}  # the LogRecord attribute BufferedLines reads


class BufferedLines(logging.StreamHandler):
    """A StreamHandler that flushes the page cache's hits at most every FLUSH_SECONDS or LINES.

    The page cache's fast path answers a hit in well under a millisecond, and a flush per
    line (a write to the pipe or file) was a good part of that. Lines are written to the
    stream's buffer in order as they come. A line marked hot (log_request's `hot`) waits
    until LINES have gathered or FLUSH_SECONDS have passed since the last flush (checked on
    each line, and by a thread for the last lines of a burst); any other line flushes at
    once, with those before it; logging.shutdown flushes what is left at exit.
    """

    FLUSH_SECONDS = 0.05
    LINES = 256

    def __init__(self, stream=None):
        super().__init__(stream)
        self.waiting = 0  # lines written since the last flush
        self.flushed_at = time.monotonic()
        self.flusher_pid = 0  # the process whose flushing thread runs

    def emit(self, record) -> None:
        try:
            text = self.format(record) + self.terminator
            if self.flusher_pid != os.getpid():
                self._start_flusher()
            with self.lock:  # emit() is called under it already; RLock, so this is cheap
                self.stream.write(text)
                self.waiting += 1
                if not getattr(record, "hot", False) or self.waiting >= self.LINES or \
                        time.monotonic() - self.flushed_at >= self.FLUSH_SECONDS:  # fmt: skip
                    self._flush_locked()
        except RecursionError:
            raise
        except Exception:  # noqa: BLE001 - logging's own contract: report, never raise
            self.handleError(record)

    def flush(self) -> None:
        with self.lock:
            self._flush_locked()

    def _flush_locked(self) -> None:
        self.waiting, self.flushed_at = 0, time.monotonic()
        if self.stream and hasattr(self.stream, "flush"):
            self.stream.flush()

    def _start_flusher(self) -> None:
        with self.lock:
            if self.flusher_pid == os.getpid():
                return
            self.flusher_pid = os.getpid()
        threading.Thread(target=self._flush_forever, name="log-flush", daemon=True).start()

    def _flush_forever(self) -> None:
        while True:
            time.sleep(self.FLUSH_SECONDS)
            if self.waiting:
                with contextlib.suppress(Exception):  # a closed stream at exit: nothing to do
                    self.flush()


def route_of(request, response) -> str:
    """Name what answered, with few enough values to be a metrics label.

    Django's view name when a URL matched; otherwise what answered before URL resolution.
    """
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match.route or "unnamed"
    if response.get("X-Byline-Cache") == "hit":
        return "pagecache"
    if request.path_info.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


class RequestLogMiddleware:
    """Give each request an id, then log it and count it once it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.id = request_id(request.META.get("HTTP_X_REQUEST_ID"))
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        response[HEADER] = request.id
        route = route_of(request, response)
        metrics.observe_request(route, request.method, response.status_code, seconds)
        cache = response.get("X-Byline-Cache")
        if cache in ("hit", "miss"):
            metrics.count_page_cache(hit=cache == "hit")
        blog = getattr(request, "blog", None)
        # The path without its query string: searches and `next=` addresses stay out of logs.
        log_request(
            request.id, request.method, request.path, response.status_code, seconds,
            route=route, blog=getattr(blog, "slug", None), cache=cache,
        )  # fmt: skip
        return response
