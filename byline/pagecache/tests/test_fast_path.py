"""The fast path answers cached pages before Django runs, with the same rules and headers,
never stale, and still counts views, logs and measures what it answered."""

from __future__ import annotations

import gzip

import brotli
import pytest
from django.test import Client
from prometheus_client import REGISTRY

from byline.comments.models import Comment
from byline.social.models import PostView
from byline.social.stats import flush_views
from tests.factories import PostFactory

from .wsgi import WSGIClient


@pytest.fixture
def post(demo_blog):
    return PostFactory(blog=demo_blog, title="Fast words")


@pytest.fixture
def wsgi():
    return WSGIClient()


def warm(wsgi, address: str, **headers):
    """The first reader's request is drawn by Django; the second is answered in front of it."""
    first = wsgi.get(address, **headers)
    assert (first.status, first.cache, first.django_ran) == (200, "miss", True)
    return first


@pytest.mark.parametrize("address", ["post", "/demo/", "/demo/feed/"])
def test_second_reader_is_answered_without_django(wsgi, post, address,
                                                  django_assert_num_queries):  # fmt: skip
    address = post.get_absolute_url() if address == "post" else address
    first = warm(wsgi, address)
    with django_assert_num_queries(0):
        second = wsgi.get(address)
    assert (second.status, second.cache, second.django_ran) == (200, "hit", False)
    assert second.body == first.body


def test_a_hit_carries_every_header_django_sent_but_per_answer_ones(wsgi, post):
    first = warm(wsgi, post.get_absolute_url())
    second = wsgi.get(post.get_absolute_url())
    per_answer = {"x-byline-cache", "x-request-id", "date", "server"}
    assert {k: v for k, v in first.headers.items() if k not in per_answer} == {
        k: v for k, v in second.headers.items() if k not in per_answer
    }
    # Django's outer middleware (SecurityMiddleware) added these after the page was drawn.
    assert second.headers["x-content-type-options"] == "nosniff"
    assert second.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    # And the CSP of byline/security, below the page cache, is part of the stored page.
    assert "content-security-policy" in second.headers
    assert "x-byline-post" not in second.headers  # the view marker never leaves the server
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    assert [k.lower() for k, _ in second.header_list].count("content-type") == 1


@pytest.mark.parametrize("headers", [
    {"cookie": "sessionid=abc"},
    {"cookie": "byline_postpass_12=x"},
    {"authorization": "Basic YTpi"},
])  # fmt: skip
def test_readers_with_a_session_password_or_credentials_go_to_django(wsgi, post, headers):
    warm(wsgi, post.get_absolute_url())
    answer = wsgi.get(post.get_absolute_url(), **headers)
    assert answer.django_ran and answer.cache is None


def test_query_strings_and_other_methods_go_to_django(wsgi, post):
    warm(wsgi, post.get_absolute_url())
    assert wsgi.get(f"{post.get_absolute_url()}?utm=1").django_ran
    assert wsgi.get(post.get_absolute_url(), method="OPTIONS").django_ran


def test_a_remembered_guest_still_gets_the_shared_page(wsgi, post):
    first = warm(wsgi, post.get_absolute_url())
    cookies = "comment_author=Ann; comment_author_email=ann@example.test"
    answer = wsgi.get(post.get_absolute_url(), cookie=cookies)
    assert (answer.cache, answer.django_ran, answer.body) == ("hit", False, first.body)
    assert b"ann@example.test" not in answer.body


def test_compressed_copies_and_304s(wsgi, post):
    first = warm(wsgi, post.get_absolute_url())
    gz = wsgi.get(post.get_absolute_url(), accept_encoding="gzip")
    br = wsgi.get(post.get_absolute_url(), accept_encoding="gzip, br")
    assert gz.headers["content-encoding"] == "gzip" and gzip.decompress(gz.body) == first.body
    assert br.headers["content-encoding"] == "br" and brotli.decompress(br.body) == first.body
    assert not (gz.django_ran or br.django_ran)

    again = wsgi.get(post.get_absolute_url(), if_none_match=first.headers["etag"])
    assert (again.status, again.body, again.django_ran) == (304, b"", False)
    head = wsgi.get(post.get_absolute_url(), method="HEAD")
    assert (head.status, head.body, head.django_ran) == (200, b"", False)
    assert head.headers["content-length"] == str(len(first.body))


def test_a_write_makes_the_next_reader_miss_and_see_it(wsgi, post):
    warm(wsgi, post.get_absolute_url())
    Comment.objects.create(post=post, content="Just written", author_name="Ann",
                           author_email="ann@example.test",
                           status=Comment.Status.APPROVED)  # fmt: skip
    answer = wsgi.get(post.get_absolute_url())
    assert (answer.cache, answer.django_ran) == ("miss", True)
    assert b"Just written" in answer.body
    assert wsgi.get(post.get_absolute_url()).cache == "hit"


def test_pages_stored_inside_django_alone_are_left_to_django(wsgi, post):
    """The test Client stores pages without the outer middleware's headers: the fast path
    must not send those, Django's middleware answers them (and adds the headers)."""
    Client().get(post.get_absolute_url())
    answer = wsgi.get(post.get_absolute_url())
    assert (answer.cache, answer.django_ran) == ("hit", True)
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_hits_count_views_but_not_robots(wsgi, post):
    warm(wsgi, post.get_absolute_url())
    wsgi.get(post.get_absolute_url())
    wsgi.get(post.get_absolute_url(), referer="https://news.example.net/item")
    wsgi.get(post.get_absolute_url(), user_agent="Googlebot/2.1")
    wsgi.get(post.get_absolute_url(), method="HEAD")
    flush_views()
    views = dict(PostView.objects.filter(post=post).values_list("referrer", "views"))
    assert views == {"": 2, "news.example.net": 1}


def test_hits_are_counted_in_the_metrics(wsgi, post):
    def hits():
        return REGISTRY.get_sample_value("byline_page_cache_lookups_total", {"result": "hit"}) or 0

    warm(wsgi, post.get_absolute_url())
    before = hits()
    wsgi.get(post.get_absolute_url())
    wsgi.get(post.get_absolute_url())
    assert hits() == before + 2


def test_another_process_answers_from_the_shared_store(wsgi, post):
    """A second worker has nothing in memory: it reads the stored record and answers it."""
    first = warm(wsgi, post.get_absolute_url())
    other = WSGIClient()
    answer = other.get(post.get_absolute_url())
    assert (answer.cache, answer.django_ran, answer.body) == ("hit", False, first.body)
    Comment.objects.create(post=post, content="Seen by both", author_name="Ann",
                           author_email="ann@example.test",
                           status=Comment.Status.APPROVED)  # fmt: skip
    assert b"Seen by both" in wsgi.get(post.get_absolute_url()).body
    # The other process's copy in memory is of the old generation: it takes the new record.
    again = other.get(post.get_absolute_url())
    assert (again.cache, again.django_ran) == ("hit", False)
    assert b"Seen by both" in again.body
