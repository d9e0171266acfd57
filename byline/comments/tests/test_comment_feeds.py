"""Comment feeds per blog and per post: approved comments on public posts only."""

from xml.dom import minidom

import feedparser
import pytest

from byline.comments.models import Comment
from byline.posts.models import Post
from tests.factories import PostFactory


@pytest.fixture
def talk(demo_blog):
    public = PostFactory(blog=demo_blog, title="Public")
    private = PostFactory(blog=demo_blog, title="Secret", status=Post.Status.PRIVATE)
    Comment.objects.create(post=public, author_name="Ann", author_email="ann@example.test",
                           content="Shown <b>here</b>", status="approved")  # fmt: skip
    Comment.objects.create(post=public, author_name="Held", content="held", status="pending")
    Comment.objects.create(post=public, author_name="Spammer", content="spam", status="spam")
    Comment.objects.create(post=private, author_name="Insider", content="x", status="approved")
    return public


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_blog_comments_feed_has_only_approved_comments_on_public_posts(guest, talk, suffix):
    response = guest.get(f"/demo/comments/feed/{suffix}")
    assert response.status_code == 200
    minidom.parseString(response.content)  # noqa: S318 - our own feed, checked for well-formedness
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["Comment on Public by Ann"]
    assert "ann@example.test" not in response.content.decode()


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_post_comments_feed(guest, talk, suffix):
    response = guest.get(f"{talk.get_absolute_url()}feed/{suffix}")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert len(feed.entries) == 1
    assert feed.entries[0].link.endswith(f"#comment-{talk.comments.approved().get().pk}")


def test_private_post_has_no_comments_feed(guest, demo_blog):
    secret = PostFactory(blog=demo_blog, status=Post.Status.PRIVATE)
    assert guest.get(f"{secret.get_absolute_url()}feed/").status_code == 404
