"""A page-cache hit's log line is written straight to the request log's buffer when logging
would add nothing, and is then the same line logging would have written."""

from __future__ import annotations

import json
import logging
import math
import os

import pytest

from byline.platform import request_log
from byline.platform.tests.log_pipe import Pipe


@pytest.mark.parametrize("fields", [
    {"request_id": "a1", "method": "GET", "path": "/demo/", "status": 200, "duration_ms": 0.41},
    {"path": '/q"uote\\back\nline\ttab\x00', "route": "pagecache", "blog": "demo", "n": -3},
    {"path": "/café/日本/😀", "duration_ms": 12.0, "big": 10**20, "tiny": 1e-7},
    {"flag": True, "nothing": None, "list": [1, "a"], "nan": math.nan, "inf": math.inf},
])  # fmt: skip
def test_a_line_is_what_json_dumps_writes(fields):
    assert request_log.json_line(fields) == json.dumps(fields, ensure_ascii=False,
                                                       separators=(",", ":"))  # fmt: skip


@pytest.fixture
def only_handler(settings):
    """The request logger as the settings' LOGGING makes it, writing to a pipe of its own."""
    settings.BYLINE_REQUEST_LOG = "json"
    pipe = Pipe()
    kept = request_log.BufferedLines(pipe)
    kept.setFormatter(logging.Formatter("%(message)s"))
    kept.FLUSH_SECONDS = 3600
    kept.LINES = 3
    logger = logging.getLogger("byline.requests")
    saved = logger.handlers[:]

    def alone():  # called in the test itself: pytest adds its capturing handlers after setup
        logger.handlers[:] = [kept]

    yield pipe, kept, alone
    logger.handlers[:] = saved


def hit(rid: str, path: str = "/demo/") -> None:
    request_log.log_request(rid, "GET", path, 200, 0.0004, hot=True, route="pagecache",
                            blog="demo", cache="hit")  # fmt: skip


def test_hits_go_straight_to_the_buffer_held_and_flushed_in_order(only_handler, monkeypatch):
    pipe, kept, alone = only_handler
    alone()
    assert request_log._plain_buffer() is kept
    # Had the line gone through logging, a LogRecord would have been made.
    monkeypatch.setattr(logging.Logger, "makeRecord", None)
    hit("a1")
    hit("a2", '/dé"mo/')
    assert pipe.seen == ""  # held back: fewer than LINES
    hit("a3")
    lines = [json.loads(line) for line in pipe.seen.splitlines()]
    assert [x["request_id"] for x in lines] == ["a1", "a2", "a3"]
    assert lines[1] == {"request_id": "a2", "method": "GET", "path": '/dé"mo/', "status": 200,
                        "duration_ms": 0.4, "route": "pagecache", "blog": "demo",
                        "cache": "hit"}  # fmt: skip


def test_a_drawn_pages_line_goes_straight_to_the_buffer_and_out_at_once(only_handler, monkeypatch):
    pipe, kept, alone = only_handler
    alone()
    monkeypatch.setattr(logging.Logger, "makeRecord", None)  # no LogRecord is made
    hit("h1")
    request_log.log_request("d1", "POST", "/read/like/post/7/", 200, 0.0017,
                            route="social:like_post", blog=None, cache=None)  # fmt: skip
    # Not held back like a hit: flushed with the hit before it.
    assert [json.loads(line) for line in pipe.seen.splitlines()] == [
        {"request_id": "h1", "method": "GET", "path": "/demo/", "status": 200,
         "duration_ms": 0.4, "route": "pagecache", "blog": "demo", "cache": "hit"},
        {"request_id": "d1", "method": "POST", "path": "/read/like/post/7/", "status": 200,
         "duration_ms": 1.7, "route": "social:like_post"},
    ]  # fmt: skip


def test_a_disabled_logger_writes_nothing(only_handler):
    pipe, kept, alone = only_handler
    alone()
    logger = logging.getLogger("byline.requests")
    logger.disabled = True
    try:
        assert request_log._plain_buffer() is None
        hit("x1")
        request_log.log_request("x2", "GET", "/demo/", 200, 0.01, route="posts:home")
        kept.flush()
    finally:
        logger.disabled = False
    assert pipe.seen == ""


def test_a_filter_or_another_format_sends_hits_through_logging(only_handler):
    pipe, kept, alone = only_handler
    alone()
    seen = []
    kept.addFilter(lambda record: seen.append(record.getMessage()) or True)
    assert request_log._plain_buffer() is None
    hit("f1")
    assert [json.loads(m)["request_id"] for m in seen] == ["f1"]
    kept.filters.clear()
    kept.setFormatter(logging.Formatter("requests: %(message)s"))
    assert request_log._plain_buffer() is None
    hit("f2")
    kept.flush()
    assert pipe.seen.splitlines()[-1].startswith('requests: {"request_id":"f2"')


def test_new_request_ids_are_32_hex_digits_and_differ():
    ids = {request_log.request_id(None) for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)


def test_a_forked_worker_never_repeats_its_parents_ids():
    request_log.request_id(None)  # the parent has drawn random bytes it has not used yet
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the worker granian forks
        os.write(writing, request_log.request_id(None).encode())
        os._exit(0)
    os.waitpid(child, 0)
    childs = os.read(reading, 64).decode()
    os.close(reading)
    os.close(writing)
    assert len(childs) == 32 and childs != request_log.request_id(None)


@pytest.mark.parametrize(("path", "status", "seconds", "blog"), [
    ("/demo/", 200, 0.0004, "demo"),
    ('/dé"mo/\\x\n\t/日本/😀', 304, 0.000123456, "café"),
    ("/demo/2026/11/a-post/", 200, 12.345678, "demo"),
    ("/demo/", 200, 0.0, "demo"),
])  # fmt: skip
def test_the_fast_paths_line_is_the_line_log_request_writes(only_handler, path, status, seconds,
                                                          blog):  # fmt: skip
    pipe, kept, alone = only_handler
    alone()
    kept.LINES = 1
    request_log.log_request("r1", "GET", path, status, seconds, hot=True, route="pagecache",
                            blog=blog, cache="hit")  # fmt: skip
    request_log.log_hit("r1", "GET", path, status, seconds, "pagecache", blog)
    through_log_request, through_log_hit = pipe.seen.splitlines()
    assert through_log_hit == through_log_request
    assert json.loads(through_log_hit)["path"] == path


@pytest.mark.parametrize("style", ["plain", "off"])
def test_other_formats_of_the_fast_paths_line_are_log_requests_too(only_handler, settings, style):
    pipe, kept, alone = only_handler
    alone()
    settings.BYLINE_REQUEST_LOG = style
    kept.LINES = 1
    request_log.log_request("r1", "GET", "/demo/", 200, 0.0004, hot=True, route="pagecache",
                            blog="demo", cache="hit")  # fmt: skip
    request_log.log_hit("r1", "GET", "/demo/", 200, 0.0004, "pagecache", "demo")
    lines = pipe.seen.splitlines()
    assert lines == ([] if style == "off" else [lines[0], lines[0]])


def test_the_fast_paths_line_through_logging_when_a_filter_is_set(only_handler):
    pipe, kept, alone = only_handler
    alone()
    seen = []
    kept.addFilter(lambda record: seen.append((record.getMessage(), record.hot)) or True)
    request_log.log_hit("f1", "GET", "/demo/", 200, 0.0004, "pagecache", "demo")
    assert seen == [('{"request_id":"f1","method":"GET","path":"/demo/","status":200,'
                     '"duration_ms":0.4,"route":"pagecache","blog":"demo","cache":"hit"}',
                     True)]  # fmt: skip
