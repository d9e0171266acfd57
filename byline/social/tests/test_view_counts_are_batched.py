"""Post views are counted in memory and written in batches: no write per view, none lost."""

from __future__ import annotations

import threading

import pytest
from django.test import Client

from byline.pagecache.tests.reading import cache_state
from byline.social import stats
from byline.social.models import PostView

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 86400
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "pagecache")


def views(post) -> int:
    return sum(PostView.objects.filter(post=post).values_list("views", flat=True))


def test_cached_readers_cost_no_write_until_the_batch_is_written(
    post, django_assert_num_queries
):  # fmt: skip
    Client().get(post.get_absolute_url(), HTTP_USER_AGENT=FIREFOX)
    with django_assert_num_queries(0):
        for _ in range(20):
            answer = Client().get(post.get_absolute_url(), HTTP_USER_AGENT=FIREFOX)
            assert cache_state(answer) == "hit"
    assert views(post) == 0
    assert stats.flush_views() == 21
    assert views(post) == 21
    assert stats.flush_views() == 0  # nothing is written twice


def test_a_full_batch_is_written_without_waiting(post, monkeypatch):
    monkeypatch.setattr(stats, "FLUSH_VIEWS", 5)
    for _ in range(4):
        Client().get(post.get_absolute_url(), HTTP_USER_AGENT=FIREFOX)
    assert views(post) == 0
    Client().get(post.get_absolute_url(), HTTP_USER_AGENT=FIREFOX)
    assert views(post) == 5


def test_an_old_batch_is_written_by_the_next_view(post, monkeypatch):
    Client().get(post.get_absolute_url(), HTTP_USER_AGENT=FIREFOX)
    monkeypatch.setattr(stats, "FLUSH_SECONDS", 0.0)
    Client().get(post.get_absolute_url(), HTTP_USER_AGENT=FIREFOX)
    assert views(post) == 2


def test_views_counted_by_many_threads_at_once_are_all_written(post, monkeypatch):
    # Written here, at the end, by this thread (the test's database connection).
    monkeypatch.setattr(stats, "FLUSH_VIEWS", 10**9)
    monkeypatch.setattr(stats, "FLUSH_SECONDS", 10.0**9)
    marker = f"{post.pk} {post.blog.time_zone}"
    meta = {"REQUEST_METHOD": "GET", "HTTP_HOST": "testserver", "HTTP_USER_AGENT": FIREFOX}

    def reader(referer: str):
        for _ in range(400):
            stats.count_view({**meta, "HTTP_REFERER": referer}, marker)

    threads = [threading.Thread(target=reader, args=(f"https://site{i % 2}.example/",))
               for i in range(8)]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert stats.flush_views() == 3200
    rows = dict(PostView.objects.filter(post=post).values_list("referrer", "views"))
    assert rows == {"site0.example": 1600, "site1.example": 1600}
