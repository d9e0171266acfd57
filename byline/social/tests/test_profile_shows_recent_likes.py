"""A person's profile lists the public posts they liked lately."""

from __future__ import annotations

from byline.posts.models import Post
from byline.social.models import Like
from tests.factories import PostFactory

from .liking import parsed


def liked(response) -> list[str]:
    return [a.get_text() for a in parsed(response).select(".profile-likes .liked-posts a")]


def test_profile_lists_liked_public_posts_newest_first(guest, charlie, demo_blog, post):
    later = PostFactory(blog=demo_blog, title="Later")
    private = PostFactory(blog=demo_blog, title="Members only", status=Post.Status.PRIVATE)
    Like.add(charlie, post=post)
    Like.add(charlie, post=later)
    Like.objects.create(user=charlie, post=private)

    assert liked(guest.get("/people/charlie/")) == ["Later", "Spring tides"]


def test_a_profile_without_likes_says_so(guest, charlie):
    page = parsed(guest.get("/people/charlie/"))
    assert page.select_one(".profile-likes p").get_text() == "Nothing liked yet."
