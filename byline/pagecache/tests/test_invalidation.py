"""After each kind of write, the next anonymous reader sees it: the cache is never stale."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from byline.comments.models import Comment, DiscussionSettings
from byline.posts.models import Post
from tests.factories import PostFactory

from .reading import cache_state, comment_texts, parsed


@pytest.fixture
def post(demo_blog):
    return PostFactory(blog=demo_blog, title="Before")


def read(address: str):
    """Fetch as a new anonymous reader, twice: the second answer comes from the cache."""
    Client().get(address)
    response = Client().get(address)
    assert cache_state(response) == "hit", address
    return response


def comment(post, text: str, status=Comment.Status.APPROVED) -> Comment:
    return Comment.objects.create(post=post, content=text, author_name="Ann",
                                  author_email="ann@example.test", status=status)  # fmt: skip


def test_new_approved_comment_shows_at_once(post):
    read(post.get_absolute_url())
    comment(post, "Fresh thought")
    assert comment_texts(Client().get(post.get_absolute_url())) == ["Fresh thought"]


def test_approving_a_held_comment_shows_it_and_spamming_hides_it(post):
    held = comment(post, "Held back", status=Comment.Status.PENDING)
    assert comment_texts(read(post.get_absolute_url())) == []

    held.set_status(Comment.Status.APPROVED)
    assert comment_texts(read(post.get_absolute_url())) == ["Held back"]

    held.set_status(Comment.Status.SPAM)
    assert comment_texts(Client().get(post.get_absolute_url())) == []


def test_deleted_comment_disappears(post):
    gone = comment(post, "Soon gone")
    read(post.get_absolute_url())
    gone.delete()
    assert comment_texts(Client().get(post.get_absolute_url())) == []


def test_edited_post_shows_its_new_title_everywhere(post, demo_blog):
    addresses = [post.get_absolute_url(), "/demo/", "/demo/feed/"]
    for address in addresses:
        read(address)
    post.title = "After"
    post.save()
    for address in addresses:
        assert "After" in Client().get(address).content.decode(), address


def test_published_draft_appears_on_the_home_page(demo_blog, post):
    draft = PostFactory(blog=demo_blog, title="Brand new", status=Post.Status.DRAFT,
                        published_at=None)  # fmt: skip
    assert "Brand new" not in read("/demo/").content.decode()
    draft.status = Post.Status.PUBLISHED
    draft.save()
    assert "Brand new" in Client().get("/demo/").content.decode()


def test_deleted_post_is_gone(post):
    read(post.get_absolute_url())
    address = post.get_absolute_url()
    post.delete()
    assert Client().get(address).status_code == 404


def test_blog_setting_change_shows_at_once(demo_blog, post):
    read("/demo/")
    demo_blog.title = "Renamed Notes"
    demo_blog.save()
    assert parsed(Client().get("/demo/")).select_one(".site-title").get_text() == "Renamed Notes"


def test_closing_comments_in_discussion_settings_removes_the_form(demo_blog, post):
    assert parsed(read(post.get_absolute_url())).find("form", id="commentform")
    DiscussionSettings.objects.create(blog=demo_blog, close_after_days=1)
    page = parsed(Client().get(post.get_absolute_url()))
    assert page.find("form", id="commentform") is None


def test_scheduled_post_appears_at_its_time_without_any_write(demo_blog, post):
    due = timezone.now() + datetime.timedelta(hours=2)
    PostFactory(blog=demo_blog, title="Scheduled one", status=Post.Status.SCHEDULED,
                published_at=due)  # fmt: skip
    assert "Scheduled one" not in read("/demo/").content.decode()
    with time_machine.travel(due + datetime.timedelta(seconds=1), tick=False):
        assert "Scheduled one" in Client().get("/demo/").content.decode()


def test_comments_close_by_age_at_their_time(demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, close_after_days=3)
    post = PostFactory(blog=demo_blog, published_at=timezone.now() - datetime.timedelta(days=2))
    assert parsed(read(post.get_absolute_url())).find("form", id="commentform")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1), tick=False):
        assert parsed(Client().get(post.get_absolute_url())).find("form", id="commentform") is None


def test_other_blogs_keep_their_cached_pages(demo_blog, post, alice):
    from tests.factories import BlogFactory

    other = BlogFactory(slug="other", owner=alice)
    PostFactory(blog=other)
    read("/other/")
    comment(post, "Only on demo")
    assert cache_state(Client().get("/other/")) == "hit"
