"""A reader who has the page already gets 304 Not Modified, until the page changes."""

from __future__ import annotations

from django.test import Client

from byline.comments.models import Comment
from tests.factories import PostFactory


def test_if_none_match_gets_304_until_a_comment_changes_the_page(demo_blog):
    post = PostFactory(blog=demo_blog)
    first = Client().get(post.get_absolute_url())
    etag = first["ETag"]
    assert etag.startswith('"') and first["Last-Modified"]

    again = Client().get(post.get_absolute_url(), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag

    Comment.objects.create(post=post, content="New", author_name="Ann", status="approved")
    changed = Client().get(post.get_absolute_url(), headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_if_modified_since_gets_304(demo_blog):
    post = PostFactory(blog=demo_blog)
    modified = Client().get(post.get_absolute_url())["Last-Modified"]
    again = Client().get(post.get_absolute_url(), headers={"If-Modified-Since": modified})
    assert again.status_code == 304


def test_an_etag_of_another_page_gets_the_page(demo_blog):
    post = PostFactory(blog=demo_blog)
    response = Client().get(post.get_absolute_url(), headers={"If-None-Match": '"0123abcd"'})
    assert response.status_code == 200 and response.content
