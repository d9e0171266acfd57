"""Anonymous readers get a blog's pages from the cache; signed-in readers never do."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.posts.models import Post
from tests.factories import PostFactory

from .reading import cache_state


@pytest.fixture
def post(demo_blog):
    return PostFactory(blog=demo_blog, title="Cached words")


@pytest.mark.parametrize("address", ["post", "/demo/", "/demo/feed/", "/demo/sitemap.xml"])
def test_second_guest_gets_the_page_from_the_cache(post, address):
    address = post.get_absolute_url() if address == "post" else address
    first = Client().get(address)
    second = Client().get(address)

    assert (first.status_code, cache_state(first)) == (200, "miss")
    assert (second.status_code, cache_state(second)) == (200, "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_cached_page_costs_no_query(guest, post, django_assert_num_queries):
    guest.get(post.get_absolute_url())
    with django_assert_num_queries(0):
        response = guest.get(post.get_absolute_url())
    assert cache_state(response) == "hit"


def test_signed_in_reader_never_gets_a_cached_page(guest, signed_in, charlie, post):
    guest.get(post.get_absolute_url())
    reader = signed_in(charlie)

    response = reader.get(post.get_absolute_url())

    assert cache_state(response) is None
    assert "Charlie Outsider" in response.content.decode()


def test_addresses_with_a_query_are_drawn_each_time(guest, post):
    address = f"{post.get_absolute_url()}?replytocom=1"
    guest.get(address)
    assert cache_state(guest.get(address)) is None


def test_missing_pages_and_drafts_are_not_cached(guest, demo_blog):
    draft = PostFactory(blog=demo_blog, status=Post.Status.DRAFT, published_at=None)
    for address in ("/demo/no-such-page/", draft.get_absolute_url()):
        guest.get(address)
        again = guest.get(address)
        assert (again.status_code, cache_state(again)) == (404, None)


def test_head_gets_the_headers_without_the_body(guest, post):
    guest.get(post.get_absolute_url())
    response = guest.head(post.get_absolute_url())
    assert cache_state(response) == "hit"
    assert response.content == b""
    assert int(response["Content-Length"]) > 1000


def test_protected_post_is_never_cached(guest, demo_blog):
    post = PostFactory(blog=demo_blog, password="open sesame")
    guest.get(post.get_absolute_url())
    assert cache_state(guest.get(post.get_absolute_url())) is None
