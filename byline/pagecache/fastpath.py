"""Answer page-cache hits in front of Django, before a request object exists.

WordPress.com's Batcache answers cached pages before WordPress loads; this does the same
for Byline, and stays exact. For a request rules.anonymous_read() allows, it looks up the
stored page by scheme, host, path and encoding, checks the record's blog generation in
the shared store (so a write on any process makes it miss at once), and sends the stored
bytes with their ETag (or a 304). Everything else, and every miss, goes to Django, whose
PageCacheMiddleware draws the page and leaves the records in the environ; this layer then
stores them with the headers Django's outer middleware added (security headers, CSP), so
a hit answered here carries exactly the headers Django would have sent.

A hit still counts a post view (social/stats.py), gets a request id, a log line and its
metrics (platform/request_log.py, platform/metrics.py), as a request through Django does.
"""

from __future__ import annotations

import logging
import threading
import time

from byline.pagecache import enabled, rules
from byline.pagecache.middleware import FAST_PATH, TO_STORE
from byline.pagecache.store import ERRORS, get_store

log = logging.getLogger(__name__)
ROUTE = "pagecache"  # the metrics label of answers given here
STATUS_LINES = {200: "200 OK", 304: "304 Not Modified"}


# Records this process keeps in memory, to skip reading and parsing a large page on every
# hit; each use still checks its blog's generation in the shared store, so none is stale.
MEMORY_BYTES = 16 * 1024 * 1024


class Remembered:
    """Records kept in this process's memory, oldest dropped first, within MEMORY_BYTES."""

    def __init__(self, limit: int = MEMORY_BYTES):
        self.limit, self.size, self.records = limit, 0, {}
        self.lock = threading.Lock()  # the server's threads share it

    def get(self, key: tuple):
        return self.records.get(key)

    def put(self, key: tuple, record) -> None:
        with self.lock:
            self._drop(key)
            self.records[key] = record
            self.size += len(record.body)
            while self.size > self.limit and self.records:
                self._drop(next(iter(self.records)))

    def drop(self, key: tuple) -> None:
        with self.lock:
            self._drop(key)

    def _drop(self, key: tuple) -> None:
        gone = self.records.pop(key, None)
        if gone is not None:
            self.size -= len(gone.body)


class FastPath:
    """A WSGI application: page-cache hits answered here, everything else by `django_app`."""

    def __init__(self, django_app):
        self.django_app = django_app
        self.memory = Remembered()
        # Imported here, once: the request log and metrics need Django's settings.
        from byline.platform import metrics, request_log
        from byline.social import stats

        self.stats, self.metrics, self.request_log = stats, metrics, request_log

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        if not (enabled() and rules.anonymous_read(environ)):
            # Not a page the cache may answer or store (a POST, a signed-in reader's):
            # straight to Django, with nothing to capture on the way back.
            return self.django_app(environ, start_response)
        found = self.lookup(environ)
        if found is not None:
            return self.answer(environ, start_response, found, started)
        environ[FAST_PATH] = True
        sent = []

        def capture(status, headers, exc_info=None):
            sent[:] = headers
            return start_response(status, headers, exc_info)

        body = self.django_app(environ, capture)
        to_store = environ.pop(TO_STORE, None)
        if to_store is not None:
            self.store(to_store, sent)
        return body

    def lookup(self, environ):
        """Return the current stored record for this request, or None (then Django answers)."""
        try:
            store = get_store()
            encoding = rules.choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
            key = (rules.page_key(environ), encoding)
            record = self.memory.get(key)
            if record is None or not self.current(store, record):
                self.memory.drop(key)
                record = store.get(*key)
                if record is None or not record.final or not self.current(store, record):
                    return None
                self.memory.put(key, record)
            return record
        except ERRORS:
            return None  # the store is down: Django draws the page

    @staticmethod
    def current(store, record) -> bool:
        return record.expires > time.time() and record.gen == store.generation(record.blog)

    def answer(self, environ, start_response, record, started: float):
        marked, headers_for = self.prepared(record)
        status = 304 if rules.not_modified(environ, record) else 200
        method = environ["REQUEST_METHOD"]
        body = b"" if status == 304 or method == "HEAD" else record.body
        if marked and status == 200 and self.stats.counts_as_view(environ):
            self.stats.count_view(environ, marked)
        rid = self.request_log.request_id(environ.get("HTTP_X_REQUEST_ID"))
        start_response(STATUS_LINES[status], [*headers_for[status], (self.request_log.HEADER, rid)])
        seconds = time.perf_counter() - started
        self.metrics.observe_hit(ROUTE, method, status, seconds)
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        # log_request(..., hot=True, route=ROUTE, blog=record.blog, cache="hit"), its line
        # filled into a template.
        self.request_log.log_hit(rid, method, path, status, seconds, ROUTE, record.blog)
        return [body]

    def prepared(self, record) -> tuple[str | None, dict[int, list]]:
        """The post view marker and the headers of a 200 and a 304 from this record, made on
        its first hit and kept with it: they are the same for every reader."""
        made = getattr(record, "fast_answers", None)
        if made is None:
            marked = next((v for k, v in record.headers if k == self.stats.HEADER), None)
            headers_for = {}
            for status in (200, 304):
                headers = rules.answer_headers(record, "hit", status)
                # The post view marker never leaves the server.
                headers_for[status] = [(k, v) for k, v in headers if k != self.stats.HEADER]
            made = record.fast_answers = (marked, headers_for)
        return made

    @staticmethod
    def store(to_store, sent_headers) -> None:
        """Store the records Django drew, with the headers its outer middleware added."""
        key, records = to_store
        for record in records.values():
            record.headers = record.headers + rules.outer_headers(record.headers, sent_headers)
            record.final = True
        try:
            get_store().set(key, records)
        except ERRORS:
            log.exception("Could not store the page %s in the page cache", key)


def wrap(django_app):
    """Return the WSGI application `byline serve` runs: the fast path in front of Django."""
    from byline.social import stats

    stats.tally.write_in_background()  # counted views reach the database on a clock
    return FastPath(django_app)
