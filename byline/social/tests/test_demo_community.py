"""`byline demo` seeds likes, follows and notifications: post pages say "N bloggers like this:"."""

from __future__ import annotations

import re

import pytest

from byline.platform import demo
from byline.posts.models import Post
from byline.social.models import Follow, Like, Notification, PostView

from .liking import liker_names, likes_line, parsed


@pytest.fixture
def seeded(db):
    demo.seed(posts_per_blog=4)


def test_every_public_demo_post_shows_its_likers(seeded, guest):
    posts = Post.objects.published().posts()
    assert posts.count() == 9
    for post in posts:
        page = guest.get(post.get_absolute_url())
        line = likes_line(page)
        assert re.fullmatch(r"([2-9]|1[0-9]) bloggers like this:", line), line
        count = int(line.split()[0])
        assert count == Like.objects.filter(post=post).count()
        assert len(liker_names(page)) == min(count, 10)


def test_demo_writers_have_followers_and_unread_notifications(seeded, client):
    from byline.accounts.models import User

    alice = User.objects.get(username="alice")
    assert Follow.objects.filter(blog__slug="demo").exists()
    assert Notification.objects.filter(recipient=alice, read_at=None).count() == 4
    assert not Notification.objects.filter(emailed_at=None).exists()  # seeding sends no mail
    client.force_login(alice)
    assert parsed(client.get("/demo/")).select_one("a.bell")["aria-label"] == (
        "Notifications: 4 unread")  # fmt: skip
    assert PostView.objects.filter(post__blog__slug="demo").exists()
