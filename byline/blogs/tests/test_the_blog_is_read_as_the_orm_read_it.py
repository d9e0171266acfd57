"""Blog.find_for_request reads the blog with a written-out statement (blogs/found.py): the
same objects the ORM's select_related("icon", "discussion").get(slug=...) built (the icon
and the discussion settings cached, or their absence), in the same one query, the same
404, and the pages that read it ask the database as often as before."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from byline.blogs import found
from byline.blogs.models import Blog
from byline.comments.models import DiscussionSettings
from byline.dashboard.models import Rendition
from byline.media.models import MediaItem
from tests.factories import PostFactory


def as_the_orm_reads(slug: str) -> Blog | None:
    return Blog.objects.select_related("icon", "discussion").filter(slug=slug).first()


def described(blog: Blog) -> dict:
    """Return all of the blog, its icon and its discussion settings, as their columns hold
    them and as they were loaded (database, not new)."""

    def columns(obj):
        if obj is None:
            return None
        values = [getattr(obj, f.attname) for f in obj._meta.concrete_fields]
        return values, obj._state.db, obj._state.adding

    try:
        discussion = blog.discussion
    except DiscussionSettings.DoesNotExist:
        discussion = None
    return {
        "blog": columns(blog),
        "icon": columns(blog.icon),
        "discussion": columns(discussion),
        "discussion's blog": discussion and discussion.blog is blog,
        "settings": DiscussionSettings.for_blog(blog).threads_per_page,
    }


@pytest.fixture
def dressed(demo_blog):
    """Return the demo blog with an icon (and a smaller copy of it) and its own settings."""
    icon = MediaItem.objects.create(
        blog=demo_blog, original_url="https://old.example/icon.png", mime_type="image/png",
        width=512, height=512, title="Icon",
    )  # fmt: skip
    Rendition.objects.create(media=icon, width=32, height=32, file="icon32.png")
    demo_blog.icon = icon
    demo_blog.save()
    DiscussionSettings.objects.create(blog=demo_blog, threads_per_page=7, newest_first=True)
    return demo_blog


def request_for(slug: str):
    return RequestFactory().get(f"/{slug}/")


def test_a_blog_with_an_icon_and_settings_comes_as_the_orm_built_it(
    dressed, django_assert_num_queries
):
    with django_assert_num_queries(1):
        blog = Blog.find_for_request(request_for("demo"), "demo")
    with django_assert_num_queries(0):
        drawn = described(blog)
    assert drawn["icon"] is not None
    assert drawn["discussion"] is not None
    assert drawn["settings"] == 7
    assert drawn == described(as_the_orm_reads("demo"))
    with django_assert_num_queries(1):  # the icon's copies, as before: not read with it
        assert blog.icon_url == "/media/icon32.png"


def test_a_blog_without_either_reads_none_of_them_again(demo_blog, django_assert_num_queries):
    with django_assert_num_queries(1):
        blog = Blog.find_for_request(request_for("demo"), "demo")
    with django_assert_num_queries(0):
        drawn = described(blog)
        assert blog.icon_url == ""
    assert drawn["icon"] is drawn["discussion"] is None
    assert drawn["settings"] == DiscussionSettings().threads_per_page
    assert drawn == described(as_the_orm_reads("demo"))


def test_the_blog_is_kept_on_the_request_for_the_same_address(dressed, django_assert_num_queries):
    request = request_for("demo")
    blog = Blog.find_for_request(request, "demo")
    assert request.blog is blog
    with django_assert_num_queries(0):
        assert Blog.find_for_request(request, "demo") is blog
    other = Blog.objects.create(slug="other", title="Other", owner=dressed.owner)
    with django_assert_num_queries(1):  # another address: read, and kept instead
        assert Blog.find_for_request(request, "other") == other
    assert request.blog == other


def test_an_unknown_address_is_a_404_in_the_usual_words(demo_blog):
    request = request_for("nowhere")
    with pytest.raises(Http404, match="No such blog."):
        Blog.find_for_request(request, "nowhere")
    assert not hasattr(request, "blog")
    assert found.blog_by_slug("Demo") is None  # as exact as the ORM's slug=


@pytest.mark.parametrize("address", ["home", "post", "feed"])
def test_the_pages_ask_as_often_as_with_the_orm(guest, dressed, monkeypatch, address):
    post = PostFactory(blog=dressed)
    path = {"home": "/demo/", "post": post.get_absolute_url(), "feed": "/demo/feed/"}[address]

    def queries() -> tuple[int, bytes]:
        guest.get(path)  # warm: what is kept between requests (blogs/chrome.py) is kept
        with CaptureQueriesContext(connection) as captured:
            response = guest.get(path)
        assert response.status_code == 200, path
        # The comment form's token says when the page was drawn: the one part that differs.
        return len(captured), re.sub(rb'name="started" value="[^"]*"', b"", response.content)

    written_out = queries()
    monkeypatch.setattr(found, "blog_by_slug", as_the_orm_reads)
    assert queries() == written_out
