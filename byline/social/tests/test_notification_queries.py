"""The notifications page and the bell cost the same queries for 2 notifications or 60."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.comments.models import Comment
from byline.social import following
from byline.social.models import Like
from byline.social.notifications import comment_published
from tests.factories import BlogFactory, PostFactory, UserFactory


def queries(client, address: str) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


def happen(post, n: int) -> None:
    """Make n people like, comment on and follow alice's things."""
    for i in range(n):
        fan = UserFactory(username=f"fan{post.pk}x{i}")
        Like.add(fan, post=post)
        comment = Comment.objects.create(post=post, content=f"Hi {i}", user=fan,
                                         author_name=fan.public_name,
                                         status=Comment.Status.APPROVED)  # fmt: skip
        comment_published(comment)
        guest_comment = Comment.objects.create(post=post, content=f"Guest {i}",
                                               author_name=f"Guest {i}",
                                               status=Comment.Status.APPROVED)  # fmt: skip
        comment_published(guest_comment)
        Like.add(fan, comment=comment)  # a comment of her own is not told to alice
        following.follow(fan, post.blog)


def test_notifications_page_queries_do_not_grow(signed_in, alice, post):
    writer = signed_in(alice)
    happen(post, 1)
    few = queries(writer, "/notifications/")

    happen(post, 12)
    happen(PostFactory(blog=BlogFactory(slug="another", owner=alice), author=alice), 3)

    assert queries(writer, "/notifications/") == few
    assert alice.notifications.count() > 50


def test_the_bell_costs_the_same_queries_however_many_are_unread(signed_in, alice, post):
    writer = signed_in(alice)
    happen(post, 1)
    few = queries(writer, "/demo/")
    happen(post, 10)
    assert queries(writer, "/demo/") == few
