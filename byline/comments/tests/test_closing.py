"""Comments close when the writer says so, or when a post grows older than the blog allows."""

import datetime

from django.utils import timezone

from byline.comments.models import DiscussionSettings
from byline.posts.models import Post
from tests.factories import PageFactory, PostFactory

from .commenting import parsed


def test_closed_post_shows_comments_are_closed_and_no_form(guest, demo_blog):
    post = PostFactory(blog=demo_blog, comment_status=Post.CommentStatus.CLOSED)
    page = parsed(guest.get(post.get_absolute_url()))
    assert page.select_one(".no-comments").get_text() == "Comments are closed."
    assert page.find("form", id="commentform") is None


def test_posts_older_than_the_blog_allows_are_closed(guest, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, close_after_days=14)
    old = PostFactory(blog=demo_blog, published_at=timezone.now() - datetime.timedelta(days=15))
    fresh = PostFactory(blog=demo_blog, published_at=timezone.now() - datetime.timedelta(days=13))
    assert parsed(guest.get(old.get_absolute_url())).find("form", id="commentform") is None
    assert parsed(guest.get(fresh.get_absolute_url())).find("form", id="commentform") is not None


def test_pages_take_comments_only_when_the_blog_allows(guest, demo_blog):
    page = PageFactory(blog=demo_blog, slug="guestbook")
    assert parsed(guest.get("/demo/guestbook/")).find("form", id="commentform") is None
    DiscussionSettings.objects.create(blog=demo_blog, comments_on_pages=True)
    assert parsed(guest.get(page.get_absolute_url())).find("form", id="commentform") is not None
