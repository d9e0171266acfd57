"""One log line per request, with a request id that follows it through nginx and back.

Behind a load balancer, a reader's complaint ("the page failed at 10:02") is found by its
request id: nginx passes its own `$request_id` in X-Request-ID, Byline logs it and returns
it in the answer; without one, Byline makes one. Each line is a JSON object under
`byline serve` (what log collectors parse) and a short plain line in development;
BYLINE_REQUEST_LOG chooses otherwise ("json", "plain" or "off").

The middleware here comes first in MIDDLEWARE, so its duration covers everything Byline
does, the page cache included; it also counts each answer in byline/platform/metrics.py.
A path that answers without Django's middleware (a fast path in front of it) calls
`log_request` (or `log_hit`, the same line for a page-cache hit) and the metrics itself.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import re
import threading
import time

from django.conf import settings

from byline.platform import metrics

log = logging.getLogger("byline.requests")
HEADER = "X-Request-ID"
FORMATS = ("json", "plain", "off")
# An id from outside is kept when it looks like one (nginx's $request_id is 32 hex digits);
# anything else could smuggle quotes or line breaks into the logs, so it is replaced.
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def request_id(incoming: str | None) -> str:
    """Return the id a request carries in X-Request-ID when it is sound, or a new one: 32
    random hex digits, like nginx's $request_id."""
    if incoming and _ACCEPTED_ID.match(incoming):
        return incoming
    # Random bytes are drawn 4 kB at a time per thread: a system call per page-cache hit
    # (uuid4's, or os.urandom's) cost more than the rest of making the id.
    drawn = _drawn
    at = getattr(drawn, "at", _DRAW)
    if at >= _DRAW:
        drawn.bytes, at = os.urandom(_DRAW), 0
    drawn.at = at + 16
    return drawn.bytes[at : at + 16].hex()


_DRAW = 4096
_drawn = threading.local()


def _draw_afresh_after_fork() -> None:
    """A forked worker must not hand out the ids its parent has drawn but not used."""
    global _drawn
    _drawn = threading.local()


os.register_at_fork(after_in_child=_draw_afresh_after_fork)


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
        message = json_line(fields)
    else:
        details = " ".join(f"{key}={value}" for key, value in extra.items() if value is not None)
        message = f"{method} {path} {status} {fields['duration_ms']:.1f}ms {request_id} {details}"
    # Straight to the handler when logging would only hand it the message (see
    # _plain_buffer): a LogRecord and logging's dispatch cost half of writing the line.
    handler = _plain_buffer()
    if handler is not None and handler.write_line(message, hot=hot):
        return
    # What log.info() does, less finding the caller's file and line in the stack: no
    # format here shows them, and on a page-cache hit it cost as much as writing the line.
    log.handle(log.makeRecord(log.name, logging.INFO, __file__, 0, message, None, None,
                              extra=_HOT if hot else None))  # fmt: skip


def log_hit(request_id, method, path, status, seconds, route, blog) -> None:
    """log_request(request_id, method, path, status, seconds, hot=True, route=route,
    blog=blog, cache="hit"): the same line, for the page cache's fast path.

    A JSON line written straight to the buffer (the settings' LOGGING under `byline
    serve`) is filled into a fixed template here, with the fields in log_request's order:
    a dict of the fields and json_line's loop over them cost as much as the rest of a hit's
    logging. Anything else (plain lines, other handlers) goes through log_request.
    """
    handler = _plain_buffer() if log_format() == "json" and type(blog) is str else None
    if handler is None or not log.isEnabledFor(logging.INFO):
        log_request(request_id, method, path, status, seconds, hot=True, route=route,
                    blog=blog, cache="hit")  # fmt: skip
        return
    message = _HIT_LINE % (_quote(request_id), _quote(method), _quote(path), status,
                           round(seconds * 1000, 2), _quote(route), _quote(blog))  # fmt: skip
    if not handler.write_line(message, hot=True):
        log.handle(log.makeRecord(log.name, logging.INFO, __file__, 0, message, None, None,
                                  extra=_HOT))  # fmt: skip


# json_line's output for log_hit's fields: status an int (%d is its repr), duration_ms a
# finite float (%r, as json_line writes it).
_HIT_LINE = ('{"request_id":%s,"method":%s,"path":%s,"status":%d,"duration_ms":%r,'
             '"route":%s,"blog":%s,"cache":"hit"}')  # fmt: skip


def json_line(fields: dict) -> str:
    """json.dumps(fields, ensure_ascii=False, separators=(",", ":")), in a third of its time
    for the flat strings and numbers of a log line (anything else goes through json.dumps)."""
    parts = []
    for key, value in fields.items():
        kind = type(value)
        if kind is str:
            value = _quote(value)
        elif kind is int or kind is float:
            value = repr(value) if kind is int or math.isfinite(value) else json.dumps(value)
        else:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        name = _names.get(key)
        if name is None:
            name = _names[key] = _quote(key) + ":"
        parts.append(name + value)
    return "{" + ",".join(parts) + "}"


_quote = json.encoder.encode_basestring  # the C function json.dumps uses for str
_names: dict[str, str] = {}  # a field's name, quoted, with its colon


def _plain_buffer() -> BufferedLines | None:
    """The handler a line may be written to directly: when the request logger does nothing
    but hand it to one BufferedLines that writes the message alone (the settings'
    LOGGING), logging's LogRecord, filters and formatter would add nothing."""
    if log.disabled or log.filters or log.propagate or len(log.handlers) != 1:
        return None
    handler = log.handlers[0]
    if type(handler) is not BufferedLines or handler.filters or handler.level > logging.INFO:
        return None
    formatter = handler.formatter
    if type(formatter) is not logging.Formatter or formatter._fmt != "%(message)s":
        return None
    return handler


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

    def write_line(self, message: str, hot: bool) -> bool:
        """Write a line as emit() would, without a LogRecord; False if it could not."""
        try:
            if self.flusher_pid != os.getpid():
                self._start_flusher()
            with self.lock:
                self.stream.write(message + self.terminator)
                self.waiting += 1
                if not hot or self.waiting >= self.LINES or \
                        time.monotonic() - self.flushed_at >= self.FLUSH_SECONDS:  # fmt: skip
                    self._flush_locked()
        except Exception:  # noqa: BLE001 - emit() reports it, through logging's own handleError
            return False
        return True

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
