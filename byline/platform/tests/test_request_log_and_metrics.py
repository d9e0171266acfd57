"""Each request leaves one log line and one count; /metrics shows the counts to operators only."""

from __future__ import annotations

import datetime
import json
import logging

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from tests.factories import PostFactory, UserFactory

TOKEN = "scrape-me-please"  # noqa: S105 - a test's own token


@pytest.fixture
def log_lines():
    """The lines the request logger writes, as they would reach standard output."""
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    logger = logging.getLogger("byline.requests")
    handler = Keep()
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(client, **headers) -> dict:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain; version=")
    return samples(response.content.decode())


def requests_of(found: dict, route: str, status: str = "200") -> float:
    key = ("byline_http_requests_total",
           frozenset({"route": route, "method": "GET", "status": status}.items()))  # fmt: skip
    return found.get(key, 0.0)


@pytest.mark.django_db
def test_one_json_line_per_request_with_the_id_it_came_with(guest, demo_blog, settings, log_lines):
    settings.BYLINE_REQUEST_LOG = "json"
    post = PostFactory(blog=demo_blog)
    response = guest.get(post.get_absolute_url(), HTTP_X_REQUEST_ID="nginx-4f2a9c")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "nginx-4f2a9c"
    [line] = log_lines
    entry = json.loads(line)
    assert entry["request_id"] == "nginx-4f2a9c"
    assert entry["method"] == "GET"
    assert entry["path"] == post.get_absolute_url()
    assert entry["route"] == "posts:post"
    assert entry["status"] == 200
    assert entry["blog"] == "demo"
    assert isinstance(entry["duration_ms"], float) and entry["duration_ms"] >= 0


def test_a_request_without_a_sound_id_gets_a_new_one(guest, settings, log_lines):
    settings.BYLINE_REQUEST_LOG = "json"
    first = guest.get("/healthz", HTTP_X_REQUEST_ID='bad"id\nwith a line break')
    second = guest.get("/healthz")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert ids[0] != ids[1]
    assert [json.loads(line)["request_id"] for line in log_lines] == ids


def test_plain_lines_for_people_and_none_when_off(guest, settings, log_lines):
    settings.BYLINE_REQUEST_LOG = "plain"
    guest.get("/healthz", HTTP_X_REQUEST_ID="r1")
    settings.BYLINE_REQUEST_LOG = "off"
    guest.get("/healthz", HTTP_X_REQUEST_ID="r2")
    [line] = log_lines
    assert line.startswith("GET /healthz 200 ")
    assert "r1 route=platform:healthz" in line


def not_found(found: dict) -> float:
    return sum(value for (name, labels), value in found.items()
               if name == "byline_http_requests_total" and ("status", "404") in labels)  # fmt: skip


@pytest.mark.django_db
def test_metrics_are_a_404_for_everyone_but_operators(client, charlie, settings):
    settings.BYLINE_METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 404
    client.force_login(charlie)
    assert client.get("/metrics").status_code == 404


@pytest.mark.django_db
def test_no_token_set_means_no_token_works(client, settings):
    settings.BYLINE_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.django_db
def test_requests_are_counted_by_route_for_a_scraper_with_the_token(client, settings):
    settings.BYLINE_METRICS_TOKEN = TOKEN
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
    before = scrape(client, **bearer)
    for _ in range(3):
        client.get("/healthz")
    client.get("/no-such-blog-here/at-all/")
    after = scrape(client, **bearer)
    assert requests_of(after, "platform:healthz") == requests_of(before, "platform:healthz") + 3
    assert not_found(after) == not_found(before) + 1
    count = ("byline_http_request_duration_seconds_count",
             frozenset({"route": "platform:healthz", "method": "GET"}.items()))  # fmt: skip
    assert after[count] >= 3


@pytest.mark.django_db
def test_staff_see_queue_depth_and_the_page_cache_ratio(client, demo_blog, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    staff = UserFactory(username="operator", is_staff=True)
    post = PostFactory(blog=demo_blog)
    PostFactory(blog=demo_blog, status="scheduled",
                published_at=timezone.now() - datetime.timedelta(minutes=1))  # fmt: skip
    PostFactory(blog=demo_blog, status="scheduled",
                published_at=timezone.now() + datetime.timedelta(days=1))  # fmt: skip
    for _ in range(3):  # one miss, then two hits
        assert client.get(post.get_absolute_url()).status_code == 200
    client.force_login(staff)
    found = scrape(client)
    assert found[("byline_scheduled_posts_due", frozenset())] == 1
    assert found[("byline_tasks_pending", frozenset())] == 0
    hits = found[("byline_page_cache_lookups_total", frozenset({"result": "hit"}.items()))]
    misses = found[("byline_page_cache_lookups_total", frozenset({"result": "miss"}.items()))]
    assert hits >= 2 and misses >= 1
    ratio = found[("byline_page_cache_hit_ratio", frozenset())]
    assert ratio == pytest.approx(hits / (hits + misses))
