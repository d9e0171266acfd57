"""A page-cache hit is logged and counted in batches under `byline serve`, and nothing is lost."""

from __future__ import annotations

import json
import logging

import pytest
from prometheus_client import values
from prometheus_client.parser import text_string_to_metric_families

from byline.platform import metrics, request_log
from byline.platform.tests.log_pipe import Pipe


@pytest.fixture
def handler():
    pipe = Pipe()
    kept = request_log.BufferedLines(pipe)
    kept.setFormatter(logging.Formatter("%(message)s"))
    kept.FLUSH_SECONDS = 3600  # only the line count and other lines flush, in this test
    kept.LINES = 3
    logger = logging.getLogger("byline.requests")
    logger.addHandler(kept)
    yield pipe
    logger.removeHandler(kept)


def hit(rid: str) -> None:
    request_log.log_request(rid, "GET", "/demo/", 200, 0.0004, hot=True, route="pagecache")


def test_hits_wait_for_a_batch_and_any_other_line_flushes_them(handler, settings):
    settings.BYLINE_REQUEST_LOG = "json"
    hit("a1")
    hit("a2")
    assert handler.seen == ""  # held back: two lines, fewer than LINES
    hit("a3")
    assert [json.loads(line)["request_id"] for line in handler.seen.splitlines()] == [
        "a1", "a2", "a3"
    ]  # fmt: skip
    hit("b1")
    request_log.log_request("b2", "POST", "/demo/comment/", 302, 0.02, route="comments:post")
    # A line through Django goes out at once, after the hits before it, in order.
    assert [json.loads(line)["request_id"] for line in handler.seen.splitlines()][3:] == [
        "b1", "b2"
    ]  # fmt: skip


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Counters in files under PROMETHEUS_MULTIPROC_DIR, as each worker of `byline serve` has."""
    monkeypatch.setenv(metrics.MULTIPROC_ENV, str(tmp_path))
    monkeypatch.setattr(values, "ValueClass", values.ValueClass)  # put back afterwards
    monkeypatch.setattr(metrics, "_in_files", None)
    monkeypatch.setattr(metrics, "pending", metrics.Pending())
    return tmp_path


def scraped() -> dict:
    text = metrics.exposition()[0].decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.mark.django_db
def test_hits_counted_in_batches_reach_the_scrape_exactly(files):
    for seconds in (0.0005, 0.003, 0.003, 0.2):
        metrics.observe_hit("pagecache", "GET", 200, seconds)
    metrics.observe_hit("pagecache", "HEAD", 304, 0.0001)
    metrics.observe_hit("pagecache", "BREW", 200, 0.0001)  # an invented method: OTHER
    # A request through Django is counted in the files at once, as before.
    metrics.observe_request("posts:detail", "GET", 200, 0.04)
    found = scraped()

    def requests(route, method, status):
        key = (("method", method), ("route", route), ("status", status))
        return found[("byline_http_requests_total", key)]

    def bucket(method, le):
        key = (("le", le), ("method", method), ("route", "pagecache"))
        return found[("byline_http_request_duration_seconds_bucket", key)]

    assert requests("pagecache", "GET", "200") == 4
    assert requests("pagecache", "HEAD", "304") == 1
    assert requests("pagecache", "OTHER", "200") == 1
    assert requests("posts:detail", "GET", "200") == 1
    assert found[("byline_page_cache_lookups_total", (("result", "hit"),))] == 6
    assert [bucket("GET", le) for le in ("0.001", "0.0025", "0.005", "0.1", "0.25", "+Inf")] == [
        1, 1, 3, 3, 4, 4
    ]  # fmt: skip
    key = (("method", "GET"), ("route", "pagecache"))
    assert found[("byline_http_request_duration_seconds_count", key)] == 4
    assert found[("byline_http_request_duration_seconds_sum", key)] == pytest.approx(0.2065)
    assert found[("byline_page_cache_hit_ratio", ())] == 1.0
    # Nothing is counted twice: a second scrape finds the same numbers.
    assert scraped()[("byline_page_cache_lookups_total", (("result", "hit"),))] == 6


@pytest.mark.django_db
def test_labelled_counters_are_made_once_and_count_each_status_apart(files, monkeypatch):
    made = []
    counters = metrics.instruments()
    labels = counters.requests.labels
    monkeypatch.setattr(counters.requests, "labels", lambda *a: made.append(a) or labels(*a))
    for status in (200, 404, 200, 200, 404, 500):
        metrics.observe_request("posts:detail", "GET", status, 0.01)
    metrics.observe_request("posts:detail", "POST", 200, 0.02)
    for hit in (True, False, True):
        metrics.count_page_cache(hit=hit)
    # One labels() call per series, however many answers it counts.
    assert made == [("posts:detail", "GET", "200"), ("posts:detail", "GET", "404"),
                    ("posts:detail", "GET", "500"), ("posts:detail", "POST", "200")]  # fmt: skip
    found = scraped()

    def requests(method, status):
        key = (("method", method), ("route", "posts:detail"), ("status", status))
        return found[("byline_http_requests_total", key)]

    assert [requests("GET", s) for s in ("200", "404", "500")] == [3, 2, 1]
    assert requests("POST", "200") == 1
    key = (("method", "GET"), ("route", "posts:detail"))
    assert found[("byline_http_request_duration_seconds_count", key)] == 6
    assert found[("byline_page_cache_lookups_total", (("result", "hit"),))] == 2
    assert found[("byline_page_cache_lookups_total", (("result", "miss"),))] == 1


def test_labelled_counters_in_memory_count_each_status_apart():
    from prometheus_client import REGISTRY

    def value(status):
        labels = {"route": "test:children", "method": "GET", "status": status}
        return REGISTRY.get_sample_value("byline_http_requests_total", labels) or 0

    before = {s: value(s) for s in ("200", "304")}
    for status in (200, 304, 200):
        metrics.observe_request("test:children", "GET", status, 0.001)
    counters = metrics.instruments()
    assert counters.for_request("test:children", "GET", 200) is \
        counters.for_request("test:children", "GET", 200)  # fmt: skip
    assert value("200") - before["200"] == 2
    assert value("304") - before["304"] == 1
