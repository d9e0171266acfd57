"""Prometheus metrics: requests and latency by route, page cache hits, queue depth.

`byline serve` runs several worker processes, and a scrape reaches one of them at random,
so each process writes its counters to files in PROMETHEUS_MULTIPROC_DIR (set by
byline/platform/serving.py, one folder per listening port) and `/metrics` adds up every
worker's files (prometheus_client's multi-process mode). Without that variable (the
development server, the tests) the counters live in this process's memory.

The queue depth is not counted as things happen: it is read from the database when
`/metrics` is scraped, so it is right whichever process answers.

The functions here are the whole interface: the request-log middleware and the page
cache's fast path call `observe_request` and `count_page_cache`; nothing else touches
prometheus_client.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from bisect import bisect_left

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    values,
)
from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger(__name__)
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

# Latency buckets in seconds: a page-cache hit takes about a millisecond, a drawn page tens.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Instruments:
    """The counters of this process, made on first use.

    Made lazily because of how `byline serve` starts: its main process loads the URLs (so
    this module) before it sets PROMETHEUS_MULTIPROC_DIR and forks granian's workers. Each
    worker then makes its own file-backed counters; in-memory ones made before the fork
    would count into memory nobody scrapes.
    """

    def __init__(self, registry):
        self.requests = Counter(
            "byline_http_requests",
            "HTTP requests answered, by route (Django's view name), method and status.",
            ["route", "method", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            "byline_http_request_duration_seconds",
            "Time from the request's arrival to its answer, by route and method.",
            ["route", "method"],
            buckets=BUCKETS,
            registry=registry,
        )
        self.page_cache = Counter(
            "byline_page_cache_lookups",
            "Page cache lookups for anonymous readers' pages, by result (hit or miss).",
            ["result"],
            registry=registry,
        )
        # Each labels() call takes a lock and builds the label tuple anew; the children are
        # the same objects every time, so they are kept here, once per route, method and
        # status (as few as the series themselves).
        self.children: dict[tuple, tuple] = {}

    def for_request(self, route: str, method: str, status: int) -> tuple:
        """The requests counter's and the latency histogram's children for these labels."""
        key = (route, method, status)
        found = self.children.get(key)
        if found is None:
            found = (self.requests.labels(route, method, str(status)),
                     self.latency.labels(route, method))  # fmt: skip
            self.children[key] = found
        return found

    def lookups(self, result: str):
        """The page cache counter's child for "hit" or "miss"."""
        found = self.children.get(result)
        if found is None:
            found = self.children[result] = self.page_cache.labels(result)
        return found


_in_memory: Instruments | None = None
_in_files: tuple[int, Instruments] | None = None  # (the process it was made in, instruments)
_lock = threading.Lock()


def instruments() -> Instruments:
    """Return this process's counters: in memory, or in files under PROMETHEUS_MULTIPROC_DIR."""
    global _in_memory, _in_files
    if not os.environ.get(MULTIPROC_ENV):
        if _in_memory is None:
            with _lock:
                if _in_memory is None:
                    from prometheus_client import REGISTRY

                    _in_memory = Instruments(REGISTRY)
        return _in_memory
    pid = os.getpid()
    if _in_files is None or _in_files[0] != pid:
        with _lock:
            if _in_files is None or _in_files[0] != pid:
                # prometheus_client chose in-memory values when it was first imported,
                # before the folder was set: choose again, now that it is.
                values.ValueClass = values.get_value_class()
                # No registry: /metrics reads every worker's files, not this process's objects.
                _in_files = (pid, Instruments(registry=None))
    return _in_files[1]


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    """Count one answered request and its duration."""
    # Any other method is a client's invention; one label keeps the series few.
    method = method if method in _METHODS else "OTHER"
    requests, latency = instruments().for_request(route, method, status)
    requests.inc()
    latency.observe(seconds)


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def observe_hit(route: str, method: str, status: int, seconds: float) -> None:
    """Count one answer given before Django (the page cache's fast path), and its lookup.

    In memory (no PROMETHEUS_MULTIPROC_DIR) this is observe_request plus count_page_cache.
    Under `byline serve` each update of a file-backed value takes a lock and writes a
    memory-mapped file, about as much as the rest of a hit; so a hit is counted in plain
    ints here and added to those values in one go by `pending.flush()`: at each scrape this
    process answers, and every FLUSH_SECONDS on a thread of its own, so a scrape that another
    worker answers lags by at most that.
    """
    if not os.environ.get(MULTIPROC_ENV):
        observe_request(route, method, status, seconds)
        count_page_cache(hit=True)
        return
    pending.add(route, method if method in _METHODS else "OTHER", status, seconds)


class Pending:
    """Hits counted in this process and not yet added to its file-backed counters."""

    FLUSH_SECONDS = 1.0

    def __init__(self):
        self.lock = threading.Lock()
        self.requests: dict[tuple, int] = {}  # (route, method, status) -> answers
        self.latency: dict[tuple, list] = {}  # (route, method) -> [sum, count per bucket...]
        self.hits = 0
        self.flusher_pid = 0  # the process whose flushing thread runs; 0 before any

    def add(self, route: str, method: str, status: int, seconds: float) -> None:
        if self.flusher_pid != os.getpid():
            self._start_flusher()
        bucket = bisect_left(BUCKETS, seconds)  # Prometheus buckets are "less than or equal"
        with self.lock:
            key = (route, method, status)
            self.requests[key] = self.requests.get(key, 0) + 1
            row = self.latency.get((route, method))
            if row is None:
                row = self.latency[(route, method)] = [0.0] * (len(BUCKETS) + 2)
            row[0] += seconds
            row[1 + bucket] += 1
            self.hits += 1

    def flush(self) -> None:
        """Add what was counted since the last flush to this process's counters."""
        with self.lock:
            requests, latency, hits = self.requests, self.latency, self.hits
            self.requests, self.latency, self.hits = {}, {}, 0
        if not hits:
            return
        counters = instruments()
        for (route, method, status), n in requests.items():
            counters.for_request(route, method, status)[0].inc(n)
        for (route, method), row in latency.items():
            _add_to_histogram(counters.latency.labels(route, method), row)
        counters.lookups("hit").inc(hits)

    def _start_flusher(self) -> None:
        with self.lock:
            if self.flusher_pid == os.getpid():
                return
            # After a fork the parent's counts are not this worker's: start from none.
            self.requests, self.latency, self.hits = {}, {}, 0
            self.flusher_pid = os.getpid()
        threading.Thread(target=self._flush_forever, name="metrics-flush", daemon=True).start()
        atexit.register(self.flush)

    def _flush_forever(self) -> None:
        while True:
            time.sleep(self.FLUSH_SECONDS)
            try:
                self.flush()
            except Exception:  # noqa: BLE001 - a count lost is only a number; keep flushing
                log.exception("Could not add the page cache's counts to the metrics")


def _add_to_histogram(histogram, row: list) -> None:
    """Add a sum and per-bucket counts to a prometheus_client Histogram child in one go.

    Histogram.observe() takes one value; this does what n of its calls would, through the
    same value objects (_sum and _buckets, prometheus_client's own, file-backed or not).
    """
    histogram._sum.inc(row[0])
    for value, count in zip(histogram._buckets, row[1:], strict=False):
        if count:
            value.inc(count)


pending = Pending()


def count_page_cache(hit: bool) -> None:
    """Count one page cache lookup: a hit was answered from the cache, a miss was drawn.

    RequestLogMiddleware already counts every answer that passes through Django's
    middleware with an X-Byline-Cache header; call this only where an answer bypasses it.
    """
    instruments().lookups("hit" if hit else "miss").inc()


def exposition() -> tuple[bytes, str]:
    """Return the text a Prometheus scrape receives, and its content type."""
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        pending.flush()  # this worker's latest hits; the others' flush on their own clock
        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY

        instruments()  # so a scrape before any request shows the counters, at zero
        registry = REGISTRY
    with _lock:
        # The queue collector goes into a registry of its own for each scrape, so it never
        # stays registered in the process-wide one.
        extra = CollectorRegistry()
        extra.register(QueueDepth())
        extra.register(PageCacheRatio(registry))
        return generate_latest(registry) + generate_latest(extra), CONTENT_TYPE_LATEST


class QueueDepth:
    """Work waiting in the database: scheduled posts whose time has come, queued tasks."""

    def collect(self):
        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult

        from byline.posts.models import Post

        now = timezone.now()
        due = Post.objects.filter(status=Post.Status.SCHEDULED, published_at__lte=now).count()
        yield GaugeMetricFamily(
            "byline_scheduled_posts_due",
            "Scheduled posts whose time has come and that no worker has published yet.",
            value=due,
        )
        pending = DBTaskResult.objects.ready().count()
        yield GaugeMetricFamily(
            "byline_tasks_pending",
            "Background tasks (emails, imports, notifications) queued and ready to run.",
            value=pending,
        )


class PageCacheRatio:
    """The share of page cache lookups answered from the cache, over every worker's counts."""

    def __init__(self, source: CollectorRegistry):
        self.source = source

    def collect(self):
        counts = {"hit": 0.0, "miss": 0.0}
        for family in self.source.collect():
            if family.name != "byline_page_cache_lookups":
                continue
            for sample in family.samples:
                if sample.name.endswith("_total"):
                    counts[sample.labels["result"]] += sample.value
        total = counts["hit"] + counts["miss"]
        yield GaugeMetricFamily(
            "byline_page_cache_hit_ratio",
            "Page cache hits divided by lookups since the server started (0 before any).",
            value=counts["hit"] / total if total else 0.0,
        )


# The view --------------------------------------------------------------------------------


@never_cache
@require_safe
def scrape(request):
    """/metrics, for operators only: anyone else gets the ordinary 404, as if it did not exist."""
    if not is_operator(request):
        raise Http404("No such page.")
    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)


def is_operator(request) -> bool:
    """A signed-in staff user, or a scraper with `Authorization: Bearer BYLINE_METRICS_TOKEN`."""
    token = settings.BYLINE_METRICS_TOKEN
    scheme, _, offered = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if token and scheme.lower() == "bearer" and constant_time_compare(offered.strip(), token):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)
