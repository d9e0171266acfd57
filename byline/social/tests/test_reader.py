"""The Reader: the newest posts of the blogs one follows, with their like and comment counts."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from byline.posts.models import Post
from byline.social import following
from byline.social.models import Like
from byline.social.views.reader import PER_PAGE
from tests.factories import BlogFactory, PostFactory, UserFactory

from .liking import parsed


def ago(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def titles(response) -> list[str]:
    return [a.get_text() for a in parsed(response).select(".reader-post h2 a")]


def test_reader_lists_followed_blogs_newest_first_with_counts(signed_in, charlie, demo_blog):
    other = BlogFactory(slug="other-blog")
    unfollowed = BlogFactory(slug="not-followed")
    following.follow(charlie, demo_blog)
    following.follow(charlie, other)
    older = PostFactory(blog=demo_blog, title="Older", published_at=ago(5))
    PostFactory(blog=other, title="Newer", published_at=ago(1))
    PostFactory(blog=unfollowed, title="Not followed", published_at=ago(2))
    PostFactory(blog=demo_blog, title="A draft", status=Post.Status.DRAFT, published_at=None)
    Like.add(UserFactory(), post=older)
    Like.add(charlie, post=older)
    older.comment_count = 3
    older.save(update_fields=["comment_count"])

    page = signed_in(charlie).get("/read/")

    assert titles(page) == ["Newer", "Older"]
    counts = (
        parsed(page)
        .select(".reader-post")[1]
        .select_one(".reader-counts")
        .get_text(" ", strip=True)
    )
    assert counts == "2 likes (you too) · 3 comments"


def test_reader_is_paginated(signed_in, charlie, demo_blog):
    following.follow(charlie, demo_blog)
    for n in range(PER_PAGE + 3):
        PostFactory(blog=demo_blog, title=f"Post {n}", published_at=ago(n + 1))
    reader = signed_in(charlie)

    assert len(titles(reader.get("/read/"))) == PER_PAGE
    assert titles(reader.get("/read/?page=2")) == ["Post 20", "Post 21", "Post 22"]
    assert reader.get("/read/?page=3").status_code == 404
    assert reader.get("/read/?page=x").status_code == 404


def test_a_reader_who_follows_nobody_is_shown_blogs_to_discover(signed_in, charlie, demo_blog):
    PostFactory(blog=demo_blog, title="Something")
    page = parsed(signed_in(charlie).get("/read/"))
    assert page.find(id="discover-heading")
    assert [a.get_text() for a in page.select(".discover-blog h3 a")] == ["Field Notes"]
    assert page.select_one(".discover-blog .follow-button").get_text() == "Follow"


def test_discover_lists_the_most_active_blogs_for_everyone(guest, demo_blog):
    quiet = BlogFactory(slug="quiet-blog", title="Quiet")
    busy = BlogFactory(slug="busy-blog", title="Busy")
    BlogFactory(slug="empty-blog", title="Empty")
    PostFactory(blog=quiet, published_at=ago(1))
    for n in range(3):
        PostFactory(blog=busy, published_at=ago(n + 2))
    PostFactory(blog=demo_blog, published_at=ago(24 * 60))  # active long ago

    page = parsed(guest.get("/read/discover/"))

    assert [a.get_text() for a in page.select(".discover-blog h3 a")] == [
        "Busy", "Quiet", "Field Notes"]  # fmt: skip


def test_guest_is_asked_to_sign_in_for_the_reader(guest):
    answer = guest.get("/read/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")


def queries(client, address: str) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


def test_reader_queries_do_not_grow_with_followed_blogs(signed_in, charlie, demo_blog):
    reader = signed_in(charlie)
    following.follow(charlie, demo_blog)
    PostFactory(blog=demo_blog)
    few = queries(reader, "/read/")

    for n in range(8):
        blog = BlogFactory(slug=f"followed-{n}")
        following.follow(charlie, blog)
        post = PostFactory(blog=blog)
        Like.add(UserFactory(), post=post)
        Like.add(charlie, post=post)

    assert queries(reader, "/read/") == few
    assert len(titles(reader.get("/read/"))) == 9


def test_discover_queries_do_not_grow_with_blogs(signed_in, charlie, demo_blog):
    reader = signed_in(charlie)
    PostFactory(blog=demo_blog)
    few = queries(reader, "/read/discover/")
    for n in range(6):
        blog = BlogFactory(slug=f"blog-x{n}")
        PostFactory(blog=blog)
        following.follow(charlie, blog)
    assert queries(reader, "/read/discover/") == few
